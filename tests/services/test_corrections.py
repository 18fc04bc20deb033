"""Correcting and deleting saved placements and missing episodes: validated whole, nothing half-saved, and
nothing lost — the old values and the reason stay in the child's history; facility staff within their rights."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from ospod_desktop.core.errors import NotFound, PermissionDenied, ValidationError
from ospod_desktop.core.missing_form import MissingInput
from ospod_desktop.core.placement_form import PlacementInput
from ospod_desktop.services import children, missing, placements
from ospod_desktop.services.missing import (
    correct_report,
    correct_return,
    delete_episode,
    reopen_episode,
)  # fmt: skip
from ospod_desktop.services.missing import form_of as report_of
from ospod_desktop.services.placements import correct_placement, delete_placement, form_of
from tests.services.placement_helpers import RADLICKA, TODAY, child, counts, facility_id, last_audit, pm, staff

NOW = datetime.now(UTC)
REASON = "Překlep v datu při zápisu"


def _history(us, cid) -> dict[str, list]:
    out: dict[str, list] = {}
    for h in children.get_child(us, cid).history:
        out.setdefault(h.field, []).append((h.old_value, h.new_value))
    return out


def _placed(us, days=40):
    cid = child(us)
    pid = placements.place_child(us, cid, pm(facility_id(us, RADLICKA), TODAY - timedelta(days=days)))
    return cid, pid


def test_correcting_a_placement_keeps_the_old_values_and_the_reason(officer_session):
    us = officer_session
    cid, pid = _placed(us)
    view = placements.get_placement(us, pid)
    new_start = TODAY - timedelta(days=38)
    changed = correct_placement(us, pid, replace(form_of(view), start_date=new_start, court_file_number="29 Nc 99/2026"),
                                REASON)
    assert changed == ["court_file_number", "start_date"]
    assert last_audit(us) == ("update", "child", cid, f"placement_correct:{pid}:court_file_number,start_date")
    view = placements.get_placement(us, pid)
    assert view.start_date == new_start and view.court_file_number == "29 Nc 99/2026"
    hist = _history(us, cid)
    old, new = hist["placement_changes"][-1]
    assert json.loads(old) == {"court_file_number": "29 Nc 1234/2026",
                               "start_date": (TODAY - timedelta(days=40)).isoformat()}
    assert json.loads(new) == {"court_file_number": "29 Nc 99/2026", "start_date": new_start.isoformat()}
    assert hist["correction_reason"] == [("", REASON)]
    assert new_start.isoformat() in hist["placement_corrected"][-1][1]


def test_a_correction_that_changes_nothing_or_has_no_reason_saves_nothing(officer_session):
    us = officer_session
    cid, pid = _placed(us)
    form = form_of(placements.get_placement(us, pid))
    before = counts(us)
    with pytest.raises(ValidationError) as err:
        correct_placement(us, pid, form, REASON)
    assert "Nothing was changed" in str(err.value)
    with pytest.raises(ValidationError) as err:
        correct_placement(us, pid, replace(form, notes="opraveno"), "x")
    assert err.value.field == "correction_reason"
    assert counts(us) == before


def test_a_transfer_stays_one_day_shared_by_both_placements(officer_session):
    us = officer_session
    cid, first = _placed(us, days=60)
    second = placements.transfer_child(us, cid, pm(None, TODAY - timedelta(days=20), setting="relatives",
                                                    carer_name="Хасан Рахімі", carer_relationship="strýc"))
    form = form_of(placements.get_placement(us, first))
    second_form = form_of(placements.get_placement(us, second))
    before = counts(us)
    bad = [
        (first, replace(form, end_date=None, end_reason=""), "end_reason"),  # the transfer would lead nowhere
        (first, replace(form, end_reason="returned_to_family"), "end_reason"),  # ... and then a placement follows
        (second, replace(second_form, end_date=TODAY, end_reason="transfer"), "end_reason"),  # nothing follows
        (second, replace(second_form, start_date=TODAY - timedelta(days=500)), "start_date"),  # before found
        (second, replace(second_form, start_date=TODAY - timedelta(days=61)), "start_date"),  # before the first
    ]
    for pid, changed, field in bad:
        with pytest.raises(ValidationError) as err:
            correct_placement(us, pid, changed, REASON)
        assert err.value.field == field, (field, err.value.message)
        assert counts(us) == before
    # The transfer happened three days earlier than recorded: one correction moves both sides.
    correct_placement(us, second, replace(second_form, start_date=TODAY - timedelta(days=23)), REASON)
    assert last_audit(us)[3] == f"placement_correct:{second}:start_date:moved:{first}"
    chain = placements.child_placements(us, cid)
    assert [(p.start_date, p.end_date) for p in chain.placements] == [
        (TODAY - timedelta(days=60), TODAY - timedelta(days=23)), (TODAY - timedelta(days=23), None)]
    correct_placement(us, first, replace(form, end_date=TODAY - timedelta(days=21)), REASON)
    chain = placements.child_placements(us, cid)
    assert [(p.start_date, p.end_date, p.end_reason) for p in chain.placements] == [
        (TODAY - timedelta(days=60), TODAY - timedelta(days=21), "transfer"), (TODAY - timedelta(days=21), None, "")]
    changes = [json.loads(new) for _old, new in _history(us, cid)["placement_changes"]]
    assert {"start_date": (TODAY - timedelta(days=21)).isoformat()} in changes


def test_moving_a_placement_names_the_facility_in_the_history(officer_session):
    us = officer_session
    cid, pid = _placed(us)
    correct_placement(us, pid, replace(form_of(placements.get_placement(us, pid)),
                                       facility_id=facility_id(us, "ZDVOP-PRAHA4"), legal_basis="urgent_care"), REASON)
    old, new = _history(us, cid)["placement_changes"][-1]
    assert json.loads(old)["facility"].startswith("Zařízení pro děti-cizince")
    assert "facility_id" not in json.loads(new) and list(json.loads(new))[0] == "facility"


def test_deleting_a_mistaken_transfer_reopens_the_placement_it_came_from(officer_session):
    us = officer_session
    cid, first = _placed(us, days=60)
    second = placements.transfer_child(us, cid, pm(None, TODAY - timedelta(days=5), setting="relatives",
                                                    carer_name="Хасан Рахімі", carer_relationship="strýc"))
    eid = missing.report_missing(us, cid, MissingInput(NOW - timedelta(hours=2), "Kladno"))
    assert reopen_id(us, second) == first
    assert last_audit(us) == ("delete", "placement", second, f"child:{cid}:reopened:{first}")
    chain = placements.child_placements(us, cid)
    assert [(p.id, p.end_date, p.end_reason) for p in chain.placements] == [(first, None, "")]
    assert chain.current.id == first
    assert missing.child_episodes(us, cid)[0].placement_id == first
    hist = _history(us, cid)
    kept = json.loads(hist["placement_changes"][-1][0])
    assert kept["carer_name"] == "Хасан Рахімі" and kept["setting"] == "relatives" and kept["previous_id"] == first
    assert "placement_reopened" in hist and hist["correction_reason"] == [("", REASON)]
    assert eid


def reopen_id(us, pid):
    return delete_placement(us, pid, REASON)


def test_deleting_keeps_the_extensions_in_the_history(officer_session):
    us = officer_session
    cid, pid = _placed(us)
    placements.extend_placement(us, pid, TODAY - timedelta(days=20), TODAY + timedelta(days=15), note="rozhodnutí")
    assert delete_placement(us, pid, REASON) is None
    assert placements.child_placements(us, cid).placements == ()
    kept = json.loads(_history(us, cid)["placement_changes"][-1][0])
    assert kept["extensions"][0]["new_expiry"] == (TODAY + timedelta(days=15)).isoformat()
    with pytest.raises(NotFound):
        placements.get_placement(us, pid)


def test_facility_staff_correct_their_own_placements_and_never_delete(officer_session, admin_session, db_path):
    us = officer_session
    admin, _code = admin_session
    cid, pid = _placed(us)
    other = child(us, "Omar")
    elsewhere = placements.place_child(us, other, pm(facility_id(us, "ZDVOP-PRAHA4"), TODAY - timedelta(days=10)))
    radlicka = staff(admin, db_path, "radlicka", RADLICKA)
    try:
        form = form_of(placements.get_placement(radlicka, pid))
        assert correct_placement(radlicka, pid, replace(form, notes="přijetí ve 22:10"), REASON) == ["notes"]
        with pytest.raises(PermissionDenied):  # moving it out of their facility
            correct_placement(radlicka, pid, replace(form, facility_id=facility_id(us, "ZDVOP-PRAHA4")), REASON)
        with pytest.raises(PermissionDenied):
            delete_placement(radlicka, pid, REASON)
        with pytest.raises(NotFound):  # out of scope: not found, as if it did not exist
            correct_placement(radlicka, elsewhere, form, REASON)
        assert last_audit(us) == ("read", "placement", elsewhere, "refused")
        staff_fields = {h.field for h in children.get_child(radlicka, cid).history}
        assert "placement_corrected" in staff_fields
        assert not staff_fields & {"placement_changes", "correction_reason"}  # officers only
    finally:
        radlicka.close()


def _episode(us, cid, hours=30, returned=None):
    eid = missing.report_missing(us, cid, MissingInput(NOW - timedelta(hours=hours), "Smíchovské nádraží",
                                                       clothing="zelená mikina"))
    if returned is not None:
        missing.record_return(us, eid, NOW - timedelta(hours=returned), "Praha hl. n.", "v pořádku")
    return eid


def test_correcting_a_report_and_a_return(officer_session):
    us = officer_session
    cid, _pid = _placed(us)
    eid = _episode(us, cid, hours=30, returned=10)
    ep = missing.child_episodes(us, cid)[0]
    assert correct_report(us, eid, replace(report_of(ep), last_seen_at=NOW - timedelta(hours=32),
                                           clothing="modrá bunda"), REASON) == ["clothing", "last_seen_at"]
    ep = missing.child_episodes(us, cid)[0]
    assert ep.clothing == "modrá bunda" and ep.hours == 22
    assert correct_return(us, eid, NOW - timedelta(hours=12), "Praha hl. n.", "v pořádku", True, TODAY, "",
                          REASON) == ["return_interview", "return_interview_on", "returned_at"]
    old, _new = _history(us, cid)["missing_changes"][0]
    assert json.loads(old)["clothing"] == "zelená mikina"


def test_bad_corrections_of_an_episode_name_the_field_and_save_nothing(officer_session):
    us = officer_session
    cid, _pid = _placed(us)
    first = _episode(us, cid, hours=50, returned=40)
    second = _episode(us, cid, hours=20)
    missing.record_informed(us, second, "police", NOW - timedelta(hours=19), "KRPA-1")
    report = report_of(missing.child_episodes(us, cid)[1])
    before = counts(us)
    cases = [
        (lambda: correct_report(us, second, replace(report, last_seen_at=NOW - timedelta(hours=45)), REASON),
         "last_seen_at"),  # into the previous episode
        (lambda: correct_report(us, second, replace(report, last_seen_at=NOW - timedelta(hours=18)), REASON),
         "last_seen_at"),  # after the police were told
        (lambda: correct_report(us, first, replace(report, last_seen_at=NOW - timedelta(hours=19)), REASON),
         "last_seen_at"),  # after the next episode began
        (lambda: correct_return(us, first, NOW - timedelta(hours=10), "", "", None, None, "", REASON),
         "returned_at"),  # into the next episode
        (lambda: correct_return(us, second, NOW, "", "", None, None, "", REASON), "returned_at"),  # still missing
        (lambda: reopen_episode(us, first, REASON), "returned_at"),  # not the latest
        (lambda: correct_report(us, second, replace(report, seen_with="a\u202eb"), REASON), "seen_with"),
    ]
    for call, field in cases:
        with pytest.raises(ValidationError) as err:
            call()
        assert err.value.field == field
        assert counts(us) == before, field


def test_reopen_a_return_recorded_by_mistake_then_delete_an_episode(officer_session, admin_session, db_path):
    us = officer_session
    admin, _code = admin_session
    cid, _pid = _placed(us)
    eid = _episode(us, cid, hours=6, returned=1)
    reopen_episode(us, eid, "Návrat zapsán omylem u jiného dítěte")
    assert missing.child_episodes(us, cid)[0].open
    assert [m.child_id for m in missing.missing_now(us)] == [cid]
    radlicka = staff(admin, db_path, "radlicka2", RADLICKA)
    try:
        with pytest.raises(PermissionDenied):
            delete_episode(radlicka, eid, REASON)
    finally:
        radlicka.close()
    delete_episode(us, eid, "Dítě nebylo pohřešováno, omyl")
    assert last_audit(us) == ("delete", "missing_episode", eid, f"child:{cid}")
    assert missing.child_episodes(us, cid) == ()
    kept = json.loads(_history(us, cid)["missing_changes"][-1][0])
    assert kept["clothing"] == "zelená mikina" and kept["last_seen_place"] == "Smíchovské nádraží"


def test_placement_input_form_of_round_trips(officer_session):
    us = officer_session
    _cid, pid = _placed(us)
    form = form_of(placements.get_placement(us, pid))
    assert isinstance(form, PlacementInput) and form.court == "Obvodní soud pro Prahu 5"


def test_informing_the_police_again_keeps_the_first_report_in_the_history(officer_session):
    us = officer_session
    cid, _pid = _placed(us)
    eid = _episode(us, cid, hours=30)
    missing.record_informed(us, eid, "police", NOW - timedelta(hours=29), "KRPA-1/2026", "npor. Dvořák")
    missing.record_informed(us, eid, "police", NOW - timedelta(hours=2), "KRPA-2/2026", "")
    old, new = _history(us, cid)["missing_changes"][-1]
    assert json.loads(old)["police_reference"] == "KRPA-1/2026" and json.loads(old)["police_person"] == "npor. Dvořák"
    assert json.loads(new)["police_reference"] == "KRPA-2/2026"


def test_staff_of_the_facility_a_child_left_read_but_do_not_record_disappearances(officer_session, admin_session,
                                                                                     db_path):
    us = officer_session
    admin, _code = admin_session
    cid, _pid = _placed(us, days=40)
    placements.transfer_child(us, cid, pm(facility_id(us, "ZDVOP-PRAHA4"), TODAY - timedelta(days=10)))
    eid = _episode(us, cid, hours=3)
    radlicka = staff(admin, db_path, "radlicka3", RADLICKA)
    try:
        assert missing.child_episodes(radlicka, cid)  # still in their 30-day view
        with pytest.raises(PermissionDenied):
            missing.record_informed(radlicka, eid, "police", NOW - timedelta(hours=1), "KRPA-9")
        with pytest.raises(PermissionDenied):
            missing.close_episode(radlicka, eid, NOW, "other")
        with pytest.raises(PermissionDenied):
            correct_report(radlicka, eid, MissingInput(NOW - timedelta(hours=4), "Anděl"), REASON)
    finally:
        radlicka.close()
    zdvop = staff(admin, db_path, "zdvop3", "ZDVOP-PRAHA4")
    try:
        missing.record_informed(zdvop, eid, "police", NOW - timedelta(hours=1), "KRPA-9")
    finally:
        zdvop.close()


def test_nonsense_dates_are_refused_with_the_field_named(officer_session):
    us = officer_session
    cid, pid = _placed(us)
    with pytest.raises(ValidationError) as err:  # a preliminary measure "extended" by five years
        placements.extend_placement(us, pid, TODAY, TODAY + timedelta(days=5 * 365))
    assert err.value.field == "new_expiry"
    eid = _episode(us, cid, hours=10)
    missing.record_informed(us, eid, "police", NOW - timedelta(hours=2), "KRPA-5")
    with pytest.raises(ValidationError) as err:  # closed before the police were even told
        missing.close_episode(us, eid, NOW - timedelta(hours=5), "located_abroad")
    assert err.value.field == "closed_at"


def test_staff_correct_nothing_of_a_child_who_has_left_their_facility(officer_session, admin_session, db_path):
    us = officer_session
    admin, _code = admin_session
    cid, first = _placed(us, days=40)
    placements.transfer_child(us, cid, pm(facility_id(us, "ZDVOP-PRAHA4"), TODAY - timedelta(days=10)))
    radlicka = staff(admin, db_path, "radlicka4", RADLICKA)
    try:
        form = form_of(placements.get_placement(radlicka, first))  # still readable in the 30-day grace
        before = counts(us)
        for changed in (replace(form, end_date=TODAY - timedelta(days=5)),  # would move the ZDVOP's start
                        replace(form, end_date=None, end_reason="")):  # would reopen it: scope for ever
            with pytest.raises(PermissionDenied):
                correct_placement(radlicka, first, changed, REASON)
        assert counts(us)[:4] == before[:4]
    finally:
        radlicka.close()


def test_a_break_glass_read_of_the_lists_is_marked_in_the_audit(admin_session, officer_session):
    from ospod_desktop.services import children, scope

    admin, _code = admin_session
    child(officer_session)
    glass = scope.break_glass(admin, "Žádost soudu o výpis", "legal_request")
    for call, detail in ((lambda: children.record_list_view(admin), "list"),
                         (lambda: children.duplicate_report(admin), "duplicates_report")):
        call()
        assert last_audit(admin)[3] == f"{detail}:break_glass:{glass}"


def test_a_record_others_were_merged_into_is_not_deleted(officer_session, admin_session, db_path):
    from ospod_desktop.core.roles import Role
    from ospod_desktop.services import children, identity
    from tests.conftest import OFFICER_PASSWORD

    us = officer_session
    kept, merged = child(us, "Oleksandr"), child(us, "Oleksandr")
    children.merge_children(us, kept, merged)
    identity.create_user(admin_session[0], "boss", "Boss", Role.SUPERVISOR, OFFICER_PASSWORD)
    boss = identity.login(db_path, "boss", OFFICER_PASSWORD)
    try:
        with pytest.raises(ValidationError) as err:
            children.delete_child(boss, kept)
        assert err.value.field == "child_id" and str(merged) in err.value.message
        assert children.get_child(boss, kept).id == kept
    finally:
        boss.close()
