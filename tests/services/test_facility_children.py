"""The children placed in a facility today: who is listed, what each line says, scope by role, the audit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ospod_desktop.core.deadlines import add_months
from ospod_desktop.core.errors import NotFound, PermissionDenied
from ospod_desktop.core.missing_form import MissingInput
from ospod_desktop.core.placement_form import PlacementInput
from ospod_desktop.services import children, missing, placements, scope
from tests.conftest import child_form
from tests.services.placement_helpers import RADLICKA, TODAY, child, facility_id, last_audit, pm, staff


@pytest.fixture
def world(officer_session):
    """Radlická: Ali (measure extended once), Борис (Cyrillic only, missing), Omar (ended yesterday);
    Kutná Hora: Said by institutional-care order; Amina not placed at all."""
    us = officer_session
    rad, kh = facility_id(us, RADLICKA), facility_id(us, "DD-KUTNA-HORA")
    start = TODAY - timedelta(days=40)
    ali = child(us, "Ali", days_ago=45, nationalities=("AF",), birth_year=TODAY.year - 15)
    pid = placements.place_child(us, ali, pm(rad, start))
    placements.extend_placement(us, pid, add_months(start, 1) - timedelta(days=1), add_months(start, 2))
    boris = children.register_child(us, child_form("", "", "M", found_on=TODAY - timedelta(days=10),
                                                   original_script_name="Борис Шевченко", nationalities=("UA",)))
    placements.place_child(us, boris, pm(rad, TODAY - timedelta(days=10)))
    missing.report_missing(us, boris, MissingInput(last_seen_at=datetime.now(UTC) - timedelta(hours=6),
                                                   last_seen_place="Anděl"))
    omar = child(us, "Omar", days_ago=60)
    placements.place_child(us, omar, pm(rad, TODAY - timedelta(days=50), end_date=TODAY - timedelta(days=1),
                                        end_reason="absconded"))
    said = child(us, "Said", days_ago=100)
    placements.place_child(us, said, PlacementInput(
        start_date=TODAY - timedelta(days=90), legal_basis="institutional_care", facility_id=kh,
        court="Okresní soud v Kutné Hoře", court_file_number="12 P 45/2026"))
    amina = child(us, "Amina")
    return dict(rad=rad, kh=kh, ali=ali, boris=boris, omar=omar, said=said, amina=amina, start=start, pid=pid)


def test_an_officer_sees_the_children_placed_there_today(officer_session, world):
    us = officer_session
    rows = children.facility_children(us, world["rad"])
    assert [r.id for r in rows] == [world["ali"], world["boris"]]  # name order; ended and unplaced left out
    ali, boris = rows
    assert (ali.name, ali.nationalities, ali.age, ali.since) == ("Rahimi Ali", ("AF",), "14–15", world["start"])
    assert (ali.placement_id, ali.legal_basis, ali.legal_basis_label) == (
        world["pid"], "preliminary_measure", "Court preliminary measure")
    assert ali.expiry == add_months(world["start"], 2) and ali.missing is None  # extended
    assert ali.deadline_kind in ("preliminary_measure", "diagnostic_stay") and ali.deadline_status is not None
    assert boris.name == boris.original_script_name == "Борис Шевченко"  # no Latin name: the original script
    assert boris.missing == 6 and boris.missing_unreported
    assert last_audit(us) == ("read", "child", None, f"facility:{world['rad']}")
    kh = children.facility_children(us, world["kh"])
    assert [(r.id, r.legal_basis, r.expiry) for r in kh] == [(world["said"], "institutional_care", None)]
    assert not kh[0].expiry_is_the_deadline


def test_the_detail_carries_facts_occupancy_and_children(officer_session, world):
    detail = children.facility_detail(officer_session, world["rad"])
    assert detail.facility.name.startswith("Zařízení pro děti-cizince") and detail.facility.occupancy == 2
    assert [c.id for c in detail.children] == [world["ali"], world["boris"]] and detail.hidden == 0
    with pytest.raises(NotFound):
        children.facility_detail(officer_session, 999_999)


def test_facility_staff_see_only_their_scope(admin_session, officer_session, db_path, world):
    rad_staff = staff(admin_session[0], db_path, "radlicka", RADLICKA)
    try:
        assert [r.id for r in children.facility_children(rad_staff, world["rad"])] == [world["ali"], world["boris"]]
        assert children.facility_children(rad_staff, world["kh"]) == []  # Said is not theirs
        detail = children.facility_detail(rad_staff, world["kh"])
        assert detail.children == () and detail.facility.occupancy == 1 and detail.hidden == 1
    finally:
        rad_staff.close()
    kh_staff = staff(admin_session[0], db_path, "kutnahora", "DD-KUTNA-HORA")
    try:
        assert [r.id for r in children.facility_children(kh_staff, world["kh"])] == [world["said"]]
        assert children.facility_children(kh_staff, world["rad"]) == []
        assert last_audit(kh_staff) == ("read", "child", None, f"facility:{world['rad']}")
    finally:
        kh_staff.close()


def test_staff_keep_a_child_who_left_them_for_another_facility_only_during_the_grace(
        admin_session, officer_session, db_path, world):
    """Scope decides: a child transferred from Kutná Hora to Radlická stays visible to Kutná Hora's staff for
    the grace period, so they see that child (and only that one) in Radlická's list."""
    placements.transfer_child(officer_session, world["said"], pm(world["rad"], TODAY - timedelta(days=2)))
    kh_staff = staff(admin_session[0], db_path, "kutnahora", "DD-KUTNA-HORA")
    try:
        assert [r.id for r in children.facility_children(kh_staff, world["rad"])] == [world["said"]]
        assert children.facility_children(kh_staff, world["kh"]) == []
    finally:
        kh_staff.close()


def test_an_administrator_sees_facts_only_unless_the_glass_is_broken(admin_session, world):
    admin = admin_session[0]
    with pytest.raises(PermissionDenied):
        children.facility_children(admin, world["rad"])
    detail = children.facility_detail(admin, world["rad"])
    assert detail.children is None and detail.facility.occupancy == 2
    row = scope.break_glass(admin, "Request of the Prague 5 district court, ref. 12 P 45/2026", "legal_request")
    rows = children.facility_children(admin, world["rad"])
    assert [r.id for r in rows] == [world["ali"], world["boris"]]
    assert last_audit(admin) == ("read", "child", None, f"facility:{world['rad']}:break_glass:{row}")
    scope.end_break_glass(admin)


def test_time_moves_with_the_scope_clock(officer_session, world, monkeypatch):
    """A child placed in future is not listed until that day (the list follows `scope.today`)."""
    later = child(officer_session, "Zahir", days_ago=1)
    placements.place_child(officer_session, later, pm(world["rad"], TODAY + timedelta(days=3)), today=TODAY + timedelta(days=3))
    assert later not in [r.id for r in children.facility_children(officer_session, world["rad"])]
    monkeypatch.setattr(scope, "_clock", lambda: TODAY + timedelta(days=4))
    assert later in [r.id for r in children.facility_children(officer_session, world["rad"])]
