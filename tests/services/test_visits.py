"""Supervision visits and information requests: recording, the policy's next visit, corrections, roles."""

from __future__ import annotations

from datetime import timedelta

import pytest

from ospod_desktop.core import history as H
from ospod_desktop.core.deadlines import add_months
from ospod_desktop.core.errors import NotFound, PermissionDenied, ValidationError
from ospod_desktop.core.history_visits import InformationAnswered, VisitCorrected, VisitRecorded
from ospod_desktop.services import children, placements, visits
from ospod_desktop.services.visits import InformationRequestInput, VisitInput
from tests.services.placement_helpers import RADLICKA, TODAY, child, count, facility_id, last_audit, pm, staff

REASON = "Špatně zapsané datum návštěvy"


@pytest.fixture
def placed(officer_session):
    us = officer_session
    cid = child(us, days_ago=100)
    pid = placements.place_child(us, cid, pm(facility_id(us, RADLICKA), TODAY - timedelta(days=90)))
    return cid, pid


def _visit(days_ago: int = 5, **fields) -> VisitInput:
    fields.setdefault("views", "Chce zůstat v zařízení a chodit do školy.")
    fields.setdefault("spoken_alone", True)
    fields.setdefault("visited_time", "14:30")
    return VisitInput(visited_on=TODAY - timedelta(days=days_ago), present="vychovatelka Nováková", **fields)


def _entries(us, cid) -> list:
    return [h.entry for h in children.get_child(us, cid).history]


def test_a_visit_is_recorded_linked_to_the_placement_and_listed(officer_session, placed):
    us = officer_session
    cid, pid = placed
    latest = visits.next_visit_due(us, cid, _visit(5))
    assert latest == add_months(TODAY - timedelta(days=5), 3)  # a foreign children's facility: every 3 months
    vid = visits.record_visit(us, cid, _visit(5, next_visit_on=latest - timedelta(days=10)),
                              requests=[InformationRequestInput("ZŠ Radlická", TODAY - timedelta(days=5))])
    assert last_audit(us) == ("update", "child", cid, f"information_request:{visits.list_information_requests(us, cid)[0].id}")
    [v] = visits.list_visits(us, cid)
    assert (v.id, v.placement_id, v.visited_time, v.spoken_alone) == (vid, pid, "14:30", True)
    assert v.placement.startswith("Zařízení pro děti-cizince")
    assert visits.get_visit(us, vid) == v
    recorded = [e for e in _entries(us, cid) if isinstance(e, VisitRecorded)]
    assert recorded and recorded[0].visit.place == "facility" and recorded[0].visit.child_seen
    [r] = visits.list_information_requests(us, cid)
    assert r.open and r.visit_id == vid and r.addressee == "ZŠ Radlická"
    visits.record_answer(us, r.id, TODAY)
    assert not visits.list_information_requests(us, cid)[0].open
    assert any(isinstance(e, InformationAnswered) for e in _entries(us, cid))
    with pytest.raises(ValidationError) as e:
        visits.record_answer(us, r.id, TODAY)
    assert e.value.field == "answered_on"
    # After the visit the policy counts from it.
    assert visits.next_visit_due(us, cid) == add_months(TODAY - timedelta(days=5), 3)


@pytest.mark.parametrize(("form", "field", "words"), [
    (_visit(-1), "visited_on", "Date of the visit: a visit recorded as done cannot be in the future."),
    (_visit(105), "visited_on", "before the child was found"),
    (_visit(92), "visited_on", "not in care"),
    (_visit(5, child_seen=False, spoken_alone=None), "not_seen_reason", "Why the child was not seen"),
    (_visit(5, child_seen=False, not_seen_reason="Byla ve škole"), "spoken_alone", "Spoken with alone"),
    (_visit(5, next_visit_on=TODAY - timedelta(days=6)), "next_visit_on", "before this visit"),
    (_visit(5, next_visit_on=TODAY + timedelta(days=120)), "next_visit_on", "later than the policy allows"),
    (_visit(5, visited_time="25:00"), "visited_time", "Time of the visit"),
    (_visit(5, place="garden"), "place", "Place"),
    (_visit(5, views="x" * 10_001), "views", "too long"),
])
def test_bad_visits_name_the_field_and_save_nothing(officer_session, placed, form, field, words):
    us = officer_session
    cid, _pid = placed
    before = (count(us, "visit"), count(us, "child_history"), count(us, "information_request"))
    with pytest.raises(ValidationError) as e:
        visits.record_visit(us, cid, form, requests=[InformationRequestInput("MUDr. Černá", TODAY)])
    assert e.value.field == field and words in str(e.value)
    assert (count(us, "visit"), count(us, "child_history"), count(us, "information_request")) == before


def test_a_later_next_visit_with_a_reason_is_kept(officer_session, placed):
    us = officer_session
    cid, _pid = placed
    later = TODAY + timedelta(days=120)
    vid = visits.record_visit(us, cid, _visit(5, next_visit_on=later, next_visit_reason="Dítě bude na táboře"))
    v = visits.get_visit(us, vid)
    assert (v.next_visit_on, v.next_visit_reason) == (later, "Dítě bude na táboře")
    # A reason for a date within the policy is not kept.
    vid = visits.record_visit(us, cid, _visit(3, next_visit_on=TODAY, next_visit_reason="zbytečný důvod"))
    assert visits.get_visit(us, vid).next_visit_reason == ""


def test_a_visit_without_the_child_seen_does_not_move_the_policy(officer_session, placed):
    us = officer_session
    cid, _pid = placed
    visits.record_visit(us, cid, _visit(30))
    not_seen = _visit(5, child_seen=False, spoken_alone=None, not_seen_reason="Dítě bylo u lékaře")
    assert visits.next_visit_due(us, cid, not_seen) == add_months(TODAY - timedelta(days=30), 3)
    vid = visits.record_visit(us, cid, not_seen)
    assert visits.get_visit(us, vid).not_seen_reason == "Dítě bylo u lékaře"


def test_correcting_keeps_the_old_values_and_deleting_keeps_everything(officer_session, placed):
    us = officer_session
    cid, _pid = placed
    vid = visits.record_visit(us, cid, _visit(5))
    rid = visits.request_information(us, cid, InformationRequestInput("OSPOD Brno", TODAY), visit_id=vid)
    form = visits.form_of(visits.get_visit(us, vid))
    with pytest.raises(ValidationError) as e:
        visits.correct_visit(us, vid, form, REASON)
    assert "Nothing was changed" in str(e.value)
    with pytest.raises(ValidationError) as e:
        visits.correct_visit(us, vid, _visit(4), "")
    assert e.value.field == "correction_reason"
    changed = visits.correct_visit(us, vid, _visit(4, place="school", views="Chce se učit česky."), REASON)
    assert changed == ["place", "views", "visited_on"]
    entries = _entries(us, cid)
    corrected = next(e for e in entries if isinstance(e, VisitCorrected))
    assert (corrected.action, corrected.before.place, corrected.after.place) == ("corrected", "facility", "school")
    diff = next(e for e in entries if isinstance(e, H.Changes) and e.what == "visit")
    assert diff.old["views"] == "Chce zůstat v zařízení a chodit do školy." and diff.old["visited_on"] == TODAY - timedelta(days=5)
    assert diff.new["place"] == "school"
    assert any(isinstance(e, H.CorrectionReason) and e.reason == REASON for e in entries)

    visits.delete_visit(us, vid, REASON)
    assert last_audit(us) == ("delete", "visit", vid, f"child:{cid}")
    assert visits.list_visits(us, cid) == []
    assert visits.list_information_requests(us, cid)[0].id == rid  # the request stays, unlinked
    gone = [e for e in _entries(us, cid) if isinstance(e, H.Changes) and e.what == "visit" and not e.new]
    assert gone and gone[0].old["views"] == "Chce se učit česky." and gone[0].old["place"] == "school"
    with pytest.raises(NotFound):
        visits.get_visit(us, vid)


def test_facility_staff_and_administrators_never_see_visits(officer_session, admin_session, db_path, placed):
    us = officer_session
    cid, _pid = placed
    vid = visits.record_visit(us, cid, _visit(5))
    admin, _code = admin_session
    worker = staff(admin, db_path, "radlicka", RADLICKA)
    try:
        for session in (worker, admin):
            with pytest.raises(PermissionDenied):
                visits.list_visits(session, cid)
            with pytest.raises(PermissionDenied):
                visits.get_visit(session, vid)
            with pytest.raises(PermissionDenied):
                visits.record_visit(session, cid, _visit(2))
            with pytest.raises(PermissionDenied):
                visits.list_information_requests(session, cid)
        codes = {h.field for h in children.get_child(worker, cid).history}
        assert "visit" not in codes
    finally:
        worker.close()
    assert count(us, "visit") == 1


def test_the_history_reads_visits_in_czech(officer_session, placed):
    from ospod_desktop.core import i18n
    from ospod_desktop.ui.pages.child_text import entry_label, history_values

    us = officer_session
    cid, _pid = placed
    vid = visits.record_visit(us, cid, _visit(5))
    visits.correct_visit(us, vid, _visit(5, kind="unannounced"), REASON)
    i18n.set_language("cs")
    lines = {entry_label(h.entry): history_values(h.entry, {}) for h in children.get_child(us, cid).history}
    assert "Návštěva dítěte" in lines
    assert any("Neohlášená" in after for _before, after in lines.values())


def test_deleting_the_placement_of_a_visit_keeps_the_visit(officer_session, placed):
    us = officer_session
    cid, pid = placed
    vid = visits.record_visit(us, cid, _visit(5))
    placements.delete_placement(us, pid, REASON)
    v = visits.get_visit(us, vid)
    assert v.placement_id is None and v.placement == ""
