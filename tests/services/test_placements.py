"""Placements: place, transfer in one step, end, extend; the chain and its clocks; bad input; who may do what."""

from __future__ import annotations

from datetime import timedelta

import pytest

from ospod_desktop.core import i18n
from ospod_desktop.core.deadlines import add_months
from ospod_desktop.core.errors import NotFound, PermissionDenied, ValidationError
from ospod_desktop.core.placement_form import PlacementInput
from ospod_desktop.services import children, placements
from ospod_desktop.services.children import ListFilter
from tests.services.placement_helpers import RADLICKA, TODAY, child, counts, facility_id, last_audit, pm, staff

D = TODAY - timedelta(days=100)


@pytest.fixture
def ids(officer_session):
    us = officer_session
    return {code: facility_id(us, code) for code in (RADLICKA, "ZDVOP-PRAHA4", "DD-KUTNA-HORA", "PS-ZASTAVKA")}


def test_place_transfer_end_make_a_chain(officer_session, ids):
    us = officer_session
    cid = child(us)
    first = placements.place_child(us, cid, pm(ids[RADLICKA], D))
    second = placements.transfer_child(us, cid, PlacementInput(
        start_date=D + timedelta(days=50), legal_basis="institutional_care", facility_id=ids["DD-KUTNA-HORA"],
        court="Okresní soud v Kutné Hoře", court_file_number="12 P 45/2026"))
    chain = placements.child_placements(us, cid)
    assert [p.id for p in chain.placements] == [first, second]
    a, b = chain.placements
    assert (a.end_date, a.end_reason, a.current) == (D + timedelta(days=50), "transfer", False)
    assert b.previous_id == first and b.current and chain.current == b and b.place == "Dětský domov Kutná Hora"
    assert last_audit(us) == ("read", "child", cid, "placements")
    assert placements.get_placement(us, first) == a and last_audit(us) == ("read", "child", cid, f"placement:{first}")
    placements.end_placement(us, second, TODAY - timedelta(days=1), "returned_to_family", "with the mother")
    chain = placements.child_placements(us, cid)
    assert chain.current is None and chain.placements[-1].end_note == "with the mother"
    fields = [h.field for h in children.get_child(us, cid).history]
    assert fields == ["*created*", "placement", "placement_end", "placement", "placement_end"]


def test_the_child_page_shows_the_chain_and_its_deadlines(officer_session, ids):
    us = officer_session
    cid = child(us, days_ago=20)
    start = TODAY - timedelta(days=20)
    placements.place_child(us, cid, pm(ids[RADLICKA], start))
    view = children.get_child(us, cid)
    assert view.current_placement.facility_id == ids[RADLICKA] and not view.restricted
    assert {d.kind for d in view.deadlines} == {"preliminary_measure", "diagnostic_stay"}
    pm_clock = next(d for d in view.deadlines if d.kind == "preliminary_measure")
    assert pm_clock.due == add_months(start, 1) and pm_clock.status in ("ok", "due_soon")
    row = children.child_rows(us, [cid])[0]
    assert row.current_facility.startswith("Zařízení pro děti-cizince")
    assert (row.deadline_kind, row.deadline_due) == ("preliminary_measure", add_months(start, 1))


def test_extensions_of_a_measure_and_of_a_zdvop_contract(officer_session, ids):
    us = officer_session
    cid = child(us, days_ago=80)
    start = TODAY - timedelta(days=80)
    pid = placements.place_child(us, cid, pm(ids[RADLICKA], start))
    row = children.child_rows(us, [cid])[0]
    assert row.deadline_status == "overdue"  # a month has passed without an extension
    placements.extend_placement(us, pid, add_months(start, 1) - timedelta(days=2), add_months(start, 2))
    placements.extend_placement(us, pid, add_months(start, 2) - timedelta(days=2), add_months(start, 3))
    chain = placements.child_placements(us, cid)
    assert chain.current.effective_expiry == add_months(start, 3) and len(chain.current.extensions) == 2
    with pytest.raises(ValidationError) as err:
        placements.extend_placement(us, pid, TODAY, add_months(start, 3))
    assert err.value.field == "new_expiry"

    other = child(us, "Omar", days_ago=100)
    z = placements.place_child(us, other, PlacementInput(start_date=TODAY - timedelta(days=100), legal_basis="zdvop_contract",
                                                         facility_id=ids["ZDVOP-PRAHA4"], contract_party="ospod"))
    expiry = add_months(TODAY - timedelta(days=100), 3)
    with pytest.raises(ValidationError) as err:
        placements.extend_placement(us, z, TODAY, add_months(expiry, 4), consent_on=TODAY)
    assert err.value.field == "new_expiry" and "3 months" in err.value.message
    placements.extend_placement(us, z, TODAY, add_months(expiry, 3), consent_on=TODAY)
    with pytest.raises(ValidationError) as err:
        placements.extend_placement(us, z, TODAY, add_months(expiry, 3) + timedelta(days=10), consent_on=TODAY)
    assert err.value.field == "new_expiry"  # extendable once
    with pytest.raises(ValidationError) as err:
        placements.extend_placement(us, placements.child_placements(us, cid).placements[0].id, TODAY, TODAY)
    stay = child(us, "Said", days_ago=5)
    p = placements.place_child(us, stay, PlacementInput(start_date=TODAY, legal_basis="urgent_care", facility_id=ids["PS-ZASTAVKA"]))
    with pytest.raises(ValidationError) as err:
        placements.extend_placement(us, p, TODAY, TODAY + timedelta(days=30))
    assert err.value.field == "legal_basis"


def test_relatives_and_foster_care_name_a_person(officer_session):
    us = officer_session
    cid = child(us, days_ago=10)
    placements.place_child(us, cid, PlacementInput(start_date=TODAY - timedelta(days=9), legal_basis="agreement",
                                                   setting="relatives", carer_name="Olena Rahimi", carer_relationship="teta"))
    row = children.child_rows(us, [cid])[0]
    assert row.current_facility == "Relatives – teta"
    record = next(r for r in children.case_list_records(us) if r["id"] == cid)
    assert record["current_facility"] == "Relatives – teta"
    with pytest.raises(ValidationError) as err:
        placements.place_child(us, child(us, "Omar"), PlacementInput(start_date=TODAY, legal_basis="agreement",
                                                                      setting="foster_family"))
    assert err.value.field == "carer_name"


BAD = [
    (dict(start_date=None), "start_date"),
    (dict(start_date=TODAY + timedelta(days=1)), "start_date"),
    (dict(start_date=TODAY - timedelta(days=300)), "start_date"),  # before the child was found
    (dict(end_date=D - timedelta(days=1), end_reason="transfer"), "end_date"),  # an end before the start
    (dict(end_date=D + timedelta(days=5), end_reason="eloped"), "end_reason"),
    (dict(end_reason="transfer"), "end_date"),
    (dict(expiry_date=D - timedelta(days=1)), "expiry_date"),
    (dict(facility_id=99_999), "facility_id"),  # an unknown facility
    (dict(facility_id=None), "facility_id"),
    (dict(legal_basis="whim"), "legal_basis"),
    (dict(court=""), "court"),
    (dict(court_file_number=""), "court_file_number"),
    (dict(decision_date=None), "decision_date"),
    (dict(legal_basis="zdvop_contract", contract_party="ospod"), "legal_basis"),  # a contract needs a ZDVOP
    (dict(notes="x" * 10_001), "notes"),
]


@pytest.mark.parametrize("fields, field", BAD, ids=[b[1] + str(i) for i, b in enumerate(BAD)])
def test_bad_input_names_the_field_and_saves_nothing(officer_session, ids, fields, field):
    us = officer_session
    cid = child(us)
    values = {**pm(ids[RADLICKA], D).__dict__, **fields}
    before = counts(us)
    with pytest.raises(ValidationError) as err:
        placements.place_child(us, cid, PlacementInput(**values))
    assert err.value.field == field and err.value.message
    assert counts(us) == before


def test_overlapping_placements_are_refused(officer_session, ids):
    us = officer_session
    cid = child(us)
    placements.place_child(us, cid, pm(ids[RADLICKA], D, end_date=D + timedelta(days=30), end_reason="transfer"))
    placements.place_child(us, cid, pm(ids["DD-KUTNA-HORA"], D + timedelta(days=30)))  # back to back is fine
    before = counts(us)
    for start, end in ((D + timedelta(days=10), D + timedelta(days=12)), (D + timedelta(days=60), None),
                       (D - timedelta(days=5), D + timedelta(days=1))):
        with pytest.raises(ValidationError) as err:
            placements.place_child(us, cid, pm(ids["ZDVOP-PRAHA4"], start, end_date=end, end_reason="other" if end else ""))
        assert err.value.field == "start_date" and "overlaps" in err.value.message
    assert counts(us) == before


def test_a_bad_transfer_changes_nothing(officer_session, ids):
    us = officer_session
    cid = child(us)
    with pytest.raises(ValidationError) as err:
        placements.transfer_child(us, cid, pm(ids["DD-KUTNA-HORA"], D))
    assert err.value.field == "start_date"  # nothing to transfer from
    pid = placements.place_child(us, cid, pm(ids[RADLICKA], D))
    before = counts(us)
    for form, field in ((pm(ids["DD-KUTNA-HORA"], D - timedelta(days=1)), "start_date"),
                        (pm(ids[RADLICKA], D + timedelta(days=3)), "facility_id"),
                        (pm(ids["DD-KUTNA-HORA"], D + timedelta(days=3), court=""), "court"),
                        (pm(99_999, D + timedelta(days=3)), "facility_id")):
        with pytest.raises(ValidationError) as err:
            placements.transfer_child(us, cid, form)
        assert err.value.field == field
    assert counts(us) == before
    assert placements.child_placements(us, cid).current.id == pid  # still open, still the only one


def test_ending_validates_the_date_and_reason(officer_session, ids):
    us = officer_session
    cid = child(us)
    pid = placements.place_child(us, cid, pm(ids[RADLICKA], D))
    for end, reason, field in ((D - timedelta(days=1), "other", "end_date"), (TODAY + timedelta(days=1), "other", "end_date"),
                               (None, "other", "end_date"), (TODAY, "vanished", "end_reason")):
        with pytest.raises(ValidationError) as err:
            placements.end_placement(us, pid, end, reason)
        assert err.value.field == field
    placements.end_placement(us, pid, TODAY, "absconded")
    with pytest.raises(ValidationError):
        placements.end_placement(us, pid, TODAY, "other")


def test_messages_are_translated(officer_session, ids):
    i18n.set_language("cs")
    with pytest.raises(ValidationError) as err:
        form = pm(ids[RADLICKA], TODAY + timedelta(days=2), decision_date=TODAY)
        placements.place_child(officer_session, child(officer_session), form)
    assert err.value.message.startswith("Začátek:")


def test_facility_staff_record_arrivals_and_departures_in_their_facility_but_not_transfers(
        admin_session, officer_session, db_path, ids):
    admin, _ = admin_session
    us = officer_session
    radlicka = staff(admin, db_path, "radlicka", RADLICKA)
    zdvop = staff(admin, db_path, "zdvop", "ZDVOP-PRAHA4")
    try:
        cid = child(us)
        with pytest.raises(NotFound):  # not in their scope yet: they cannot pull a child into it
            placements.place_child(radlicka, cid, pm(ids[RADLICKA], D))
        assert last_audit(us)[:3] == ("read", "child", cid)
        with pytest.raises(PermissionDenied):
            placements.place_child(radlicka, cid, pm(ids["ZDVOP-PRAHA4"], D))
        first = placements.place_child(us, cid, pm(ids[RADLICKA], D))  # the officer places the child
        before = counts(us)
        for who in (zdvop, radlicka):  # a transfer is OSPOD's, even out of their own facility (core.roles)
            with pytest.raises(PermissionDenied) as err:
                placements.transfer_child(who, cid, pm(ids["ZDVOP-PRAHA4"], TODAY - timedelta(days=10)))
            assert "OSPOD" in err.value.message
        assert counts(us) == before
        second = placements.transfer_child(us, cid, pm(ids["ZDVOP-PRAHA4"], TODAY - timedelta(days=10)))
        with pytest.raises(PermissionDenied):  # still in Radlická's scope (ended 10 days ago), but not their placement
            placements.end_placement(radlicka, second, TODAY, "absconded")
        placements.end_placement(zdvop, second, TODAY - timedelta(days=5), "absconded")
        with pytest.raises(NotFound):
            placements.end_placement(zdvop, 99_999, TODAY, "other")
        assert last_audit(us)[:3] == ("read", "placement", 99_999)
        # Back within the grace period: the ZDVOP records the arrival again.
        third = placements.place_child(zdvop, cid, PlacementInput(start_date=TODAY, legal_basis="urgent_care",
                                                                  facility_id=ids["ZDVOP-PRAHA4"]))
        assert [p.id for p in placements.child_placements(zdvop, cid).placements] == [first, second, third]
    finally:
        radlicka.close()
        zdvop.close()


def test_administrators_cannot_place(admin_session, officer_session, ids):
    admin, _ = admin_session
    cid = child(officer_session)
    with pytest.raises(PermissionDenied):
        placements.place_child(admin, cid, pm(ids[RADLICKA], D))
    with pytest.raises(PermissionDenied):
        placements.child_placements(admin, cid)


def test_merge_carries_placements_and_delete_removes_them(admin_session, officer_session, db_path, ids):
    from ospod_desktop.core.roles import Role
    from ospod_desktop.services import identity
    from tests.conftest import OFFICER_PASSWORD

    us = officer_session
    a = child(us, "Oleksandr", birth_year=2010)
    b = child(us, "Oleksandr", birth_year=2010)
    pid = placements.place_child(us, b, pm(ids[RADLICKA], D))
    children.merge_children(us, a, b)
    assert placements.child_placements(us, a).current.id == pid
    admin, _ = admin_session
    identity.create_user(admin, "boss", "Boss", Role.SUPERVISOR, OFFICER_PASSWORD)
    boss = identity.login(db_path, "boss", OFFICER_PASSWORD)
    try:
        c = child(us, "Amina")
        p = placements.place_child(us, c, pm(ids[RADLICKA], D))
        placements.extend_placement(us, p, D + timedelta(days=25), add_months(D, 2))
        children.delete_child(boss, c)
        with pytest.raises(NotFound):
            children.get_child(boss, c)
    finally:
        boss.close()


def test_case_list_filters_by_facility(officer_session, ids):
    us = officer_session
    a, b = child(us, "Ali"), child(us, "Omar")
    placements.place_child(us, a, pm(ids[RADLICKA], D))
    placements.place_child(us, b, pm(ids["DD-KUTNA-HORA"], D))
    assert children.child_ids(us, ListFilter(facility_id=ids[RADLICKA])) == [a]
