"""The materialised due items follow the facts in the same transaction as the change, through every service."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ospod_desktop.core.ages import add_years
from ospod_desktop.core.missing_form import MissingInput
from ospod_desktop.services import due, missing, placements
from ospod_desktop.storage.care_tables import Ipod, Visit
from tests.services.due_helpers import computed, state, stored
from tests.services.placement_helpers import RADLICKA, TODAY, child, facility_id, pm

D = TODAY - timedelta(days=100)


@pytest.fixture
def fid(officer_session):
    return facility_id(officer_session, RADLICKA)


def test_registration_writes_items_and_state(officer_session):
    us = officer_session
    cid = child(us)
    kinds = {k for k, *_ in stored(us, cid)}
    assert {"ipod", "guardian"} <= kinds  # an unaccompanied child found 200 days ago: no IPOD, no guardian yet
    assert stored(us, cid) == computed(us, cid)
    assert state(us, cid).computed_on is not None


def test_a_placement_recorded_through_services_updates_the_items(officer_session, fid):
    us = officer_session
    cid = child(us)
    assert "visit" not in {k for k, *_ in stored(us, cid)}
    pid = placements.place_child(us, cid, pm(fid, D))
    rows = stored(us, cid)
    assert pid in {i for *_, i in rows}
    assert {"visit", "preliminary_measure", "preliminary_measure_total"} <= {k for k, *_ in rows}
    assert rows == computed(us, cid)


def test_an_extension_moves_the_stored_expiry(officer_session, fid):
    us = officer_session
    cid = child(us)
    start = TODAY - timedelta(days=20)
    pid = placements.place_child(us, cid, pm(fid, start))
    before = [r for r in stored(us, cid) if r[0] == "preliminary_measure"]
    view = placements.get_placement(us, pid)
    new_expiry = view.effective_expiry + timedelta(days=20)
    placements.extend_placement(us, pid, TODAY, new_expiry)
    after = [r for r in stored(us, cid) if r[0] == "preliminary_measure"]
    assert before != after and after[0][1] == new_expiry.isoformat()
    assert stored(us, cid) == computed(us, cid)


def test_a_missing_child_gets_hour_clocks_and_the_return_an_interview(officer_session, fid):
    us = officer_session
    cid = child(us)
    placements.place_child(us, cid, pm(fid, D))
    seen = datetime.now(UTC) - timedelta(hours=3)
    eid = missing.report_missing(us, cid, MissingInput(last_seen_at=seen, last_seen_place="Praha"))
    kinds = {k for k, *_ in stored(us, cid)}
    assert {"missing_police", "missing_officer"} & kinds
    missing.record_return(us, eid, datetime.now(UTC) - timedelta(hours=1))
    kinds = {k for k, *_ in stored(us, cid)}
    assert "return_interview" in kinds and not any(k.startswith("missing_") for k in kinds)
    assert stored(us, cid) == computed(us, cid)


def test_a_row_added_through_the_session_touches_its_child(officer_session, fid):
    """A visit or an IPOD written by any service through the ORM session rewrites the child's items."""
    us = officer_session
    cid = child(us)
    pid = placements.place_child(us, cid, pm(fid, D))
    visit_due = [r for r in stored(us, cid) if r[0] == "visit"][0][1]
    with us.tx() as tx:
        tx.session.add(Visit(child_id=cid, placement_id=pid, visited_on=TODAY - timedelta(days=1),
                             created_at=datetime.now(UTC)))
        tx.session.add(Ipod(child_id=cid, drawn_up_on=TODAY - timedelta(days=1), created_at=datetime.now(UTC)))
    rows = stored(us, cid)
    assert [r for r in rows if r[0] == "visit"][0][1] > visit_due
    assert not [r for r in rows if r[0] == "ipod"]
    assert rows == computed(us, cid)


def test_a_failing_transaction_leaves_the_old_items(officer_session, fid):
    us = officer_session
    cid = child(us)
    placements.place_child(us, cid, pm(fid, D))
    before = stored(us, cid)
    with pytest.raises(RuntimeError), us.tx() as tx:
        tx.session.add(Ipod(child_id=cid, drawn_up_on=TODAY, created_at=datetime.now(UTC)))
        tx.session.flush()
        raise RuntimeError("boom")
    assert stored(us, cid) == before


def test_a_failing_refresh_rolls_the_change_back(officer_session, fid, monkeypatch):
    """The refresh runs inside the transaction: if it fails, the facts are not saved either."""
    us = officer_session
    cid = child(us)
    from ospod_desktop.services import context

    def broken(_tx):
        raise RuntimeError("refresh failed")

    monkeypatch.setitem(context.BEFORE_COMMIT, "due_items", broken)
    with pytest.raises(RuntimeError):
        placements.place_child(us, cid, pm(fid, D))
    monkeypatch.undo()
    assert placements.child_placements(us, cid).placements == ()


def test_the_hook_is_registered_by_importing_any_service():
    from ospod_desktop.services import context

    assert "due_items" in context.BEFORE_COMMIT


def _nearly_adult(us, fid, days: int = 5):
    """A child in care who turns 18 in `days` days."""
    adult = TODAY + timedelta(days=days)
    cid = child(us, birth_date=add_years(adult, -18))
    placements.place_child(us, cid, pm(fid, D))
    return cid, adult


def test_refresh_on_is_the_next_change_without_facts(officer_session, fid):
    us = officer_session
    cid, adult = _nearly_adult(us, fid)
    assert str(state(us, cid).refresh_on)[:10] == adult.isoformat()
    assert "turns_18_planning" in {k for k, *_ in stored(us, cid)}


def test_refresh_stale_recomputes_children_whose_day_came(officer_session, fid, monkeypatch):
    us = officer_session
    cid, adult = _nearly_adult(us, fid)
    assert due.refresh_stale(us) == 0
    from ospod_desktop.services import scope

    monkeypatch.setattr(scope, "_clock", lambda: adult)
    assert due.refresh_stale(us) == 1
    assert "turns_18_planning" not in {k for k, *_ in stored(us, cid)}
    assert stored(us, cid) == computed(us, cid)
    assert due.refresh_stale(us) == 0


def test_an_import_writes_the_items_of_every_imported_child(officer_session, tmp_path):
    from ospod_desktop.services import children

    us = officer_session
    path = tmp_path / "r.csv"
    path.write_text("reference,given_name,family_name,sex,birth_year,nationality,found_date,found_place,status\n"
                    "KRPA-1,Amina,Haidari,F,2011,AF,2026-04-01,Letiště Praha,separated\n"
                    "KRPA-2,Omar,Haidari,M,2012,AF,2026-04-02,Letiště Praha,separated\n", encoding="utf-8")
    result = children.import_children(us, path)
    assert len(result.imported) == 2
    for cid in result.imported:
        assert stored(us, cid) and stored(us, cid) == computed(us, cid)
    assert due.refresh_stale(us) == 0


def test_a_facility_type_change_rewrites_the_items_of_its_children(officer_session, admin_session, fid):
    """A bulk UPDATE of the placements' setting touches their children explicitly."""
    from ospod_desktop.services.placements import FacilityInput

    us, (admin, _code) = officer_session, admin_session
    cid = child(us)
    placements.place_child(us, cid, pm(fid, D))
    before = stored(us, cid)
    f = placements.get_facility(admin, fid)
    form = FacilityInput(f.code, f.name, "zdvop", f.address, f.capacity, f.phone, f.email, f.contact_person,
                         f.other_contacts)
    placements.update_facility(admin, fid, form)
    after = stored(us, cid)
    assert after != before and "zdvop_total" in {k for k, *_ in after}
    assert after == computed(us, cid)
