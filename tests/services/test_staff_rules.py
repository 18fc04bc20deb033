"""Issue 9: facility staff see withheld data as withheld (never as an empty or default value), and record only
the facts of a placement — arrivals, departures, disappearances — while transfers, extensions and the legal
side stay OSPOD's (`core.roles.PLACEMENT_RULES`), enforced in the services."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core.errors import NotFound, PermissionDenied
from ospod_desktop.core.missing_form import MissingInput
from ospod_desktop.core.placement_form import PlacementInput
from ospod_desktop.core.roles import PLACEMENT_RULES, PlacementAct, Role, may, may_correct, may_end_for, may_place_on
from ospod_desktop.services import children, identity, missing, placements, scope
from ospod_desktop.services.children import ListFilter
from ospod_desktop.services.placements import form_of
from tests.conftest import OFFICER_PASSWORD
from tests.services.placement_helpers import RADLICKA, TODAY, child, counts, facility_id, pm, staff

REASON = "Zapsáno s chybou v datu"


@pytest.fixture
def radlicka(admin_session, db_path):
    us = staff(admin_session[0], db_path, "radlicka", RADLICKA)
    yield us
    us.close()


@pytest.fixture
def kuznetsov(officer_session):
    """A separated child with her uncle, to be seen within 24 hours, placed in Radlická ten days ago."""
    us = officer_session
    cid = child(us, "Anna", status="separated", companion_name="Mikhail Kuznetsov", companion_relationship="strýc",
                urgency="within_24h", urgency_reason="nemocná", reference="REF-ANNA", found_place="Praha hl. n.")
    pid = placements.place_child(us, cid, pm(facility_id(us, RADLICKA), TODAY - timedelta(days=10)))
    return cid, pid


# --- 1. withheld, not empty -----------------------------------------------------------------------------------

def test_the_staff_view_says_what_is_withheld_instead_of_defaults(officer_session, radlicka, kuznetsov):
    cid, _pid = kuznetsov
    full = children.get_child(officer_session, cid)
    assert (full.urgency, full.companion_name, full.companion_relationship) == (
        "within_24h", "Mikhail Kuznetsov", "strýc")
    assert full.withheld == frozenset() and not full.restricted
    view = children.get_child(radlicka, cid)
    assert view.restricted and view.status == "separated" and view.given_names == "Anna"
    for field in ("urgency", "urgency_reason", "companion_name", "companion_relationship", "reference", "found_place"):
        assert field in view.withheld and getattr(view, field) is None, field  # not "standard", not ""
    assert view.withheld == scope.FACILITY_WITHHELD
    assert not view.withheld & scope.FACILITY_FIELDS
    # Nothing withheld travels in the view, not even in its form.
    assert "Kuznetsov" not in repr(view) and "within_24h" not in repr(view) and "REF-ANNA" not in repr(view)


def test_a_reduced_view_cannot_be_saved_back(officer_session, radlicka, kuznetsov):
    cid, _pid = kuznetsov
    with pytest.raises(PermissionDenied):  # its form would blank every withheld field
        children.with_form(children.get_child(radlicka, cid), given_names="Anya")
    with pytest.raises(PermissionDenied):  # and staff do not edit the registration with a full form either
        children.update_child(radlicka, cid, children.with_form(children.get_child(officer_session, cid)))
    assert children.get_child(officer_session, cid).companion_name == "Mikhail Kuznetsov"


def test_the_case_list_and_the_export_leave_withheld_fields_out(officer_session, radlicka, kuznetsov):
    cid, _pid = kuznetsov
    officer_row = children.child_rows(officer_session, [cid])[0]
    assert (officer_row.urgency, officer_row.reference) == ("within_24h", "REF-ANNA")
    staff_row = children.child_rows(radlicka, [cid])[0]
    assert (staff_row.urgency, staff_row.reference) == (None, None)  # withheld, not "standard" / ""
    with pytest.raises(PermissionDenied):  # a filter by a withheld field would tell its value
        children.list_children(radlicka, ListFilter(urgent_only=True))
    assert children.child_ids(officer_session, ListFilter(urgent_only=True)) == [cid]
    assert "reference" in children.list_columns(officer_session)
    assert children.list_columns(radlicka) == tuple(c for c in children.LIST_COLUMNS if c != "reference")
    (record,) = children.case_list_records(radlicka)
    assert set(record) == set(children.list_columns(radlicka)) and "REF-ANNA" not in repr(record)
    assert next(r for r in children.case_list_records(officer_session) if r["id"] == cid)["reference"] == "REF-ANNA"


def test_the_duplicate_report_gives_staff_no_reference(officer_session, radlicka, kuznetsov):
    us = officer_session
    cid, _pid = kuznetsov
    twin = child(us, "Anna", status="separated", companion_name="Mikhail Kuznetsov", reference="REF-ANNA-2")
    placements.place_child(us, twin, pm(facility_id(us, RADLICKA), TODAY - timedelta(days=5)))
    pair = next(p for p in children.duplicate_report(us) if {p.a_id, p.b_id} == {cid, twin})
    assert {pair.a_reference, pair.b_reference} == {"REF-ANNA", "REF-ANNA-2"}
    pair = next(p for p in children.duplicate_report(radlicka) if {p.a_id, p.b_id} == {cid, twin})
    assert (pair.a_reference, pair.b_reference) == (None, None)


# --- 2. the rule table ----------------------------------------------------------------------------------------

def test_the_rule_table():
    ospod = {Role.OFFICER, Role.SUPERVISOR}
    for act, rule in PLACEMENT_RULES.items():
        assert ospod <= rule.roles and Role.ADMIN not in rule.roles, act
        assert rule.basis.startswith(("law:", "office practice:")), act
    assert {a for a in PlacementAct if may(Role.FACILITY_STAFF, a)} == {
        PlacementAct.ARRIVAL, PlacementAct.DEPARTURE, PlacementAct.CORRECT, PlacementAct.MISSING}
    assert set(PR.STAFF_END_REASONS) == {"absconded", "returned_to_family", "turned_18", "other"}
    assert not set(PR.STAFF_BASES) & set(PR.COURT_BASES) and "urgent_care" in PR.STAFF_BASES
    for role in ospod:  # OSPOD records every reason, basis and column
        assert all(may_end_for(role, r) for r in PR.END_REASONS) and all(may_place_on(role, b) for b in PR.LEGAL_BASES)
        assert all(may_correct(role, c) for c in placements.COLUMNS)
    assert [r for r in PR.END_REASONS if not may_end_for(Role.FACILITY_STAFF, r)] == [
        "transfer", "reunited_abroad", "repatriated"]
    assert {c for c in placements.COLUMNS if may_correct(Role.FACILITY_STAFF, c)} == set(PR.STAFF_CORRECTABLE)


def test_staff_do_not_extend_a_preliminary_measure(officer_session, radlicka, kuznetsov):
    _cid, pid = kuznetsov
    before = counts(officer_session)
    with pytest.raises(PermissionDenied) as err:
        placements.extend_placement(radlicka, pid, TODAY, TODAY + timedelta(days=30), "Obvodní soud pro Prahu 5")
    assert "OSPOD" in err.value.message and "court" in err.value.message
    assert counts(officer_session) == before  # nothing written, not even a read
    placements.extend_placement(officer_session, pid, TODAY, TODAY + timedelta(days=30), "Obvodní soud pro Prahu 5")
    assert len(placements.get_placement(radlicka, pid).extensions) == 1  # they see it


def test_staff_record_departures_for_facts_only(officer_session, radlicka, kuznetsov):
    us = officer_session
    cid, pid = kuznetsov
    before = counts(us)
    for reason in ("repatriated", "reunited_abroad", "transfer"):
        with pytest.raises(PermissionDenied) as err:
            placements.end_placement(radlicka, pid, TODAY, reason)
        assert "OSPOD" in err.value.message
    assert counts(us)[:4] == before[:4]
    placements.end_placement(radlicka, pid, TODAY - timedelta(days=1), "absconded")
    assert placements.get_placement(us, pid).end_reason == "absconded"
    for name, reason in zip(("Bahar", "Dawud", "Farid", "Hamid"), PR.STAFF_END_REASONS, strict=True):  # each fact
        other = child(us, name)
        p = placements.place_child(us, other, pm(facility_id(us, RADLICKA), TODAY - timedelta(days=3)))
        placements.end_placement(radlicka, p, TODAY, reason)
        assert placements.get_placement(us, p).end_reason == reason
    other = child(us, "Omid")  # the officer records the legal ends
    p = placements.place_child(us, other, pm(facility_id(us, RADLICKA), TODAY - timedelta(days=3)))
    placements.end_placement(us, p, TODAY, "repatriated")
    assert placements.child_placements(us, cid).current is None


def test_staff_record_an_arrival_without_a_court_basis(officer_session, radlicka, kuznetsov):
    us = officer_session
    cid, pid = kuznetsov
    placements.end_placement(radlicka, pid, TODAY - timedelta(days=2), "absconded")  # ran away; still in scope
    rad = facility_id(us, RADLICKA)
    before = counts(us)
    with pytest.raises(PermissionDenied) as err:  # a court's placement is OSPOD's to record
        placements.place_child(radlicka, cid, pm(rad, TODAY))
    assert "OSPOD" in err.value.message
    with pytest.raises(PermissionDenied):  # an earlier stay recorded whole, ended by a legal act
        placements.place_child(radlicka, cid, PlacementInput(
            start_date=TODAY - timedelta(days=1), legal_basis="urgent_care", facility_id=rad, end_date=TODAY,
            end_reason="repatriated"))
    assert counts(us)[:4] == before[:4]
    back = placements.place_child(radlicka, cid, PlacementInput(start_date=TODAY, legal_basis="urgent_care",
                                                                facility_id=rad))
    assert placements.child_placements(us, cid).current.id == back
    stranger = child(us, "Omar")  # not in their scope: not found, whatever the basis
    with pytest.raises(NotFound):
        placements.place_child(radlicka, stranger, PlacementInput(start_date=TODAY, legal_basis="urgent_care",
                                                                  facility_id=rad))


def test_staff_correct_the_facts_of_a_placement_not_its_legal_side(officer_session, radlicka, kuznetsov):
    us = officer_session
    _cid, pid = kuznetsov
    form = form_of(placements.get_placement(radlicka, pid))
    assert placements.correct_placement(radlicka, pid, replace(form, notes="přijata ve 22:10"), REASON) == ["notes"]
    assert placements.correct_placement(radlicka, pid, replace(form, notes="přijata ve 22:10",
                                                                  start_date=form.start_date - timedelta(days=1)),
                                        REASON) == ["start_date"]
    form = form_of(placements.get_placement(radlicka, pid))
    before = counts(us)
    for changed in (replace(form, legal_basis="urgent_care", court="", court_file_number="", decision_date=None),
                    replace(form, court_file_number="29 Nc 9999/2026"),
                    replace(form, decision_date=form.decision_date + timedelta(days=1)),
                    replace(form, expiry_date=TODAY + timedelta(days=20))):
        with pytest.raises(PermissionDenied) as err:
            placements.correct_placement(radlicka, pid, changed, REASON)
        assert "OSPOD" in err.value.message, changed
    assert counts(us)[:4] == before[:4]
    # The officer corrects the legal side.
    assert placements.correct_placement(us, pid, replace(form, court_file_number="29 Nc 9999/2026"), REASON) == [
        "court_file_number"]


def test_staff_do_not_correct_an_end_ospod_recorded(officer_session, radlicka):
    us = officer_session
    rad = facility_id(us, RADLICKA)
    cid = child(us, "Nur")
    first = placements.place_child(us, cid, pm(rad, TODAY - timedelta(days=30), end_date=TODAY - timedelta(days=20),
                                               end_reason="repatriated"))
    placements.place_child(us, cid, pm(rad, TODAY - timedelta(days=5)))  # back, placed here again
    form = form_of(placements.get_placement(radlicka, first))
    for changed in (replace(form, end_date=TODAY - timedelta(days=19)), replace(form, end_reason="absconded")):
        with pytest.raises(PermissionDenied):
            placements.correct_placement(radlicka, first, changed, REASON)
    assert placements.correct_placement(radlicka, first, replace(form, end_note="s doprovodem"), REASON) == [
        "end_note"]
    assert placements.correct_placement(us, first, replace(form, end_note="s doprovodem", end_reason="reunited_abroad"),
                                        REASON) == ["end_reason"]


def test_staff_record_disappearances_but_delete_nothing(officer_session, radlicka, kuznetsov):
    cid, pid = kuznetsov
    eid = missing.report_missing(radlicka, cid, MissingInput(datetime.now(UTC) - timedelta(hours=3), "Anděl"))
    missing.record_informed(radlicka, eid, "police", datetime.now(UTC) - timedelta(hours=2), "KRPA-7")
    missing.record_return(radlicka, eid, datetime.now(UTC) - timedelta(hours=1), "Anděl", "v pořádku")
    with pytest.raises(PermissionDenied) as err:
        missing.delete_episode(radlicka, eid, REASON)
    assert "OSPOD" in err.value.message
    with pytest.raises(PermissionDenied) as err:
        placements.delete_placement(radlicka, pid, REASON)
    assert "OSPOD" in err.value.message


def test_a_supervisor_records_everything_an_officer_does(admin_session, officer_session, db_path, kuznetsov):
    identity.create_user(admin_session[0], "boss", "Boss", Role.SUPERVISOR, OFFICER_PASSWORD)
    boss = identity.login(db_path, "boss", OFFICER_PASSWORD)
    try:
        cid, pid = kuznetsov
        placements.extend_placement(boss, pid, TODAY, TODAY + timedelta(days=30), "Obvodní soud pro Prahu 5")
        placements.transfer_child(boss, cid, pm(facility_id(boss, "ZDVOP-PRAHA4"), TODAY))
        current = placements.child_placements(boss, cid).current
        placements.end_placement(boss, current.id, TODAY, "repatriated")
    finally:
        boss.close()


def test_an_administrator_records_nothing_even_through_the_break_glass(admin_session, kuznetsov):
    admin = admin_session[0]
    cid, pid = kuznetsov
    scope.break_glass(admin, "Request of the Prague 5 district court, ref. 12 P 45/2026", "legal_request")
    try:
        assert children.get_child(admin, cid).withheld == frozenset()  # reads the whole record, read-only
        for call in (lambda: placements.extend_placement(admin, pid, TODAY, TODAY + timedelta(days=30)),
                     lambda: placements.transfer_child(admin, cid, pm(facility_id(admin, "ZDVOP-PRAHA4"), TODAY)),
                     lambda: placements.end_placement(admin, pid, TODAY, "absconded"),
                     lambda: placements.place_child(admin, cid, pm(facility_id(admin, RADLICKA), TODAY))):
            with pytest.raises(PermissionDenied):
                call()
    finally:
        scope.end_break_glass(admin)
