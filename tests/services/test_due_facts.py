"""The due engine's facts read back from the database, and the policy in use (a saved version, a recompute)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from ospod_desktop.core.deadlines import Extension
from ospod_desktop.core.due_facts import AsylumApplication, GuardianFacts, InformationRequest, Visit
from ospod_desktop.core.missing_form import MissingInput
from ospod_desktop.core.policy import default_policy
from ospod_desktop.paths import resource
from ospod_desktop.services import due, missing, placements
from ospod_desktop.storage import care_tables as CT
from ospod_desktop.storage.due_tables import DeadlinePolicy
from ospod_desktop.storage.placement_tables import Placement, PlacementExtension
from tests.services.due_helpers import computed, state, stored
from tests.services.placement_helpers import RADLICKA, TODAY, child, facility_id, pm

D = TODAY - timedelta(days=100)
NOW = datetime.now(UTC)


def facts(us, cid):
    with us.read() as s:
        return due.facts_of(s.connection(), cid)


def test_facts_round_trip(officer_session):
    us = officer_session
    fid = facility_id(us, RADLICKA)
    cid = child(us, birth_date=TODAY.replace(year=TODAY.year - 15))
    pid = placements.place_child(us, cid, pm(fid, D))
    with us.tx() as tx:
        p = tx.session.get(Placement, pid)
        p.enforceable_on, p.section_461, p.diagnostic_stay = D + timedelta(days=1), True, True
        p.diagnostics_completed_on = D + timedelta(days=30)
        tx.session.add(p)
        tx.session.add(PlacementExtension(placement_id=pid, decided_on=D + timedelta(days=20), new_expiry=TODAY,
                                          consent_on=D + timedelta(days=21), created_at=NOW))
        tx.session.add(CT.Visit(child_id=cid, placement_id=pid, visited_on=D + timedelta(days=3), child_seen=False,
                                created_at=NOW))
        tx.session.add(CT.Ipod(child_id=cid, drawn_up_on=D + timedelta(days=5), created_at=NOW))
        tx.session.add(CT.Guardianship(child_id=cid, petition_on=D, created_at=NOW))
        tx.session.add(CT.Guardianship(child_id=cid, petition_on=D, appointed_on=D + timedelta(days=9), court="OS P5",
                                       guardian_name="Mgr. Nová", created_at=NOW))
        tx.session.add(CT.AsylumApplication(child_id=cid, applied_on=D + timedelta(days=2), created_at=NOW))
        tx.session.add(CT.InformationRequest(child_id=cid, asked_on=D + timedelta(days=4), addressee="ZŠ Radlická",
                                             created_at=NOW))
    seen = NOW - timedelta(hours=5)
    eid = missing.report_missing(us, cid, MissingInput(last_seen_at=seen, last_seen_place="Praha"))
    missing.record_informed(us, eid, "police", seen + timedelta(hours=1), reference="KRPA-1")
    f = facts(us, cid)
    assert f.child.id == cid and f.child.birth_date == TODAY.replace(year=TODAY.year - 15)
    assert f.child.found_on == TODAY - timedelta(days=200) and f.child.case_open and not f.child.imported
    (pf,) = f.placements
    assert (pf.id, pf.start, pf.enforceable_on, pf.section_461, pf.diagnostic_stay) == (
        pid, D, D + timedelta(days=1), True, True)
    assert pf.diagnostics_completed_on == D + timedelta(days=30)
    assert pf.extensions == (Extension(D + timedelta(days=20), TODAY, D + timedelta(days=21)),)
    assert [replace(v, id=None) for v in f.visits] == [Visit(D + timedelta(days=3), False)]
    assert f.ipods == (D + timedelta(days=5),)
    assert f.guardian == GuardianFacts(D, D + timedelta(days=9), "OS P5", "Mgr. Nová")  # the latest row
    assert [replace(a, id=None) for a in f.asylum] == [AsylumApplication(D + timedelta(days=2))]
    assert [replace(r, id=None) for r in f.information_requests] == [
        InformationRequest(D + timedelta(days=4), None, "ZŠ Radlická")]
    (e,) = f.missing
    assert e.id == eid and e.open and abs((e.last_seen_at - seen).total_seconds()) < 1
    assert e.informed["police"] is not None and e.informed["officer"] is None
    assert e.last_seen_at.tzinfo is not None
    assert stored(us, cid) == computed(us, cid)


def test_merged_and_unknown_children_have_no_facts(officer_session):
    us = officer_session
    assert facts(us, 999_999) is None
    with us.read() as s:
        assert due.facts_of_many(s.connection(), [999_999]) == {}


def test_a_closed_case_has_no_items_but_a_state(officer_session):
    us = officer_session
    cid = child(us)
    with us.tx() as tx:
        from ospod_desktop.storage.models import Child

        c = tx.session.get(Child, cid)
        c.case_status, c.close_reason, c.closed_on = "closed", "adult", TODAY
        tx.session.add(c)
    assert facts(us, cid).child.case_open is False
    assert stored(us, cid) == [] and state(us, cid) is not None
    assert due.refresh_stale(us) == 0


def _policy_json(**changes) -> str:
    data = json.loads(resource("policy", "deadlines.json").read_text(encoding="utf-8"))
    for path, value in changes.items():
        node = data
        *parents, last = path.split(".")
        for key in parents:
            node = node[key]
        node[last]["value"] = value
    return json.dumps(data)


def test_a_new_policy_version_makes_every_child_stale_until_recomputed(officer_session):
    us = officer_session
    cid = child(us)
    with us.read() as s:
        assert due.policy_in_use(s.connection()) == default_policy()
        assert due.policy_revision(s.connection()) == default_policy().revision == 1
    ipod_due = [r for r in stored(us, cid) if r[0] == "ipod"][0][1]
    with us.tx() as tx:
        tx.session.add(DeadlinePolicy(revision=2, data=_policy_json(**{"ipod.months": 2}), created_at=NOW))
    with us.read() as s:
        assert due.policy_in_use(s.connection()).ipod_months == 2 and due.policy_revision(s.connection()) == 2
    # the list is right at once (stale children are computed on the fly) ...
    listed = [r for r in due.due_list(us, everyone=True) if r.child_id == cid and r.item.kind == "ipod"]
    assert listed[0].item.due > TODAY - timedelta(days=200) and listed[0].item.due.isoformat() != ipod_due
    # ... and the stored items follow once recomputed
    assert due.recompute_all(us) >= 1
    assert [r for r in stored(us, cid) if r[0] == "ipod"][0][1] != ipod_due
    assert state(us, cid).policy_version == 2
    assert due.refresh_stale(us) == 0


def test_recompute_all_in_the_callers_transaction(officer_session):
    us = officer_session
    cid = child(us)
    with us.tx() as tx:
        tx.session.add(DeadlinePolicy(revision=2, data=_policy_json(**{"ipod.months": 3}), created_at=NOW))
        tx.session.flush()
        seen = []
        due.recompute_all(tx.session, progress=lambda done, total: seen.append((done, total)))
        assert seen and seen[-1][0] == seen[-1][1]
    assert state(us, cid).policy_version == 2 and stored(us, cid) == computed(us, cid)
