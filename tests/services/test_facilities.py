"""The facility register: the seed, occupancy against capacity, the administrator's edits."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core.errors import NotFound, PermissionDenied, ValidationError
from ospod_desktop.core.placement_form import PlacementInput
from ospod_desktop.paths import resource
from ospod_desktop.services import placements
from ospod_desktop.services.placements import FacilityInput, validate_facility
from tests.services.placement_helpers import RADLICKA, TODAY, child, count, facility_id, last_audit, pm


def test_the_seed_file_fits_the_register():
    data = json.loads(resource("facilities", "facilities.json").read_text(encoding="utf-8"))
    entries = data["facilities"]
    for item in entries:
        validate_facility(FacilityInput(**item))  # raises on any bad entry
    radlicka = next(e for e in entries if e["code"] == RADLICKA)
    assert radlicka["type"] == "foreign_children_facility" and radlicka["capacity"] == 18
    assert "Radlická 30" in radlicka["address"]
    types = [e["type"] for e in entries]
    assert types.count("zdvop") >= 3 and types.count("childrens_home") >= 3
    assert {"diagnostic_institute", "asylum_facility", "childrens_home_school"} <= set(types)
    assert len({e["code"] for e in entries}) == len(entries)
    assert all(e["email"].endswith(".example") for e in entries if e["email"])  # fictional contacts


def test_every_type_has_a_label():
    assert set(PR.FACILITY_TYPES) >= {"foreign_children_facility", "zdvop", "childrens_home", "childrens_home_school",
                                      "diagnostic_institute", "educational_institute", "foster_family", "relatives",
                                      "asylum_facility", "hospital", "other"}


def test_occupancy_against_capacity(officer_session):
    us = officer_session
    fid = facility_id(us, RADLICKA)
    start = TODAY - timedelta(days=10)
    for name in ("Ali", "Omar", "Said"):
        placements.place_child(us, child(us, name), pm(fid, start))
    ended = child(us, "Amina")
    placements.place_child(us, ended, pm(fid, start, end_date=TODAY - timedelta(days=1), end_reason="absconded"))
    view = next(f for f in placements.list_facilities(us) if f.id == fid)
    assert (view.occupancy, view.capacity, view.free_places, view.over_capacity) == (3, 18, 15, False)
    assert view.type_label == "Facility for Foreign Children"
    assert placements.get_facility(us, fid).occupancy == 3
    assert placements.list_facilities(us, today=TODAY - timedelta(days=20))[0].occupancy == 0


def test_admin_creates_and_edits_a_facility(admin_session, officer_session):
    admin, _ = admin_session
    form = FacilityInput("zdvop-nymburk", "ZDVOP Nymburk", "zdvop", "Palackého 1, Nymburk", 2, "+420 000 000 999",
                         "zdvop@nymburk.example", "Mgr. Eva Malá", "noc: +420 000 000 998")
    fid = placements.create_facility(admin, form)
    assert last_audit(admin) == ("create", "facility", fid, "")
    view = placements.get_facility(admin, fid)
    assert (view.code, view.contact_person, view.capacity) == ("ZDVOP-NYMBURK", "Mgr. Eva Malá", 2)
    for name in ("Ali", "Omar", "Said"):
        placements.place_child(officer_session, child(officer_session, name), PlacementInput(
            start_date=TODAY, legal_basis="urgent_care", facility_id=fid))
    assert placements.get_facility(admin, fid).over_capacity
    changed = placements.update_facility(admin, fid, FacilityInput(**{**form.__dict__, "capacity": 20, "name": "ZDVOP Nymburk II"}))
    assert changed == 2 and last_audit(admin) == ("update", "facility", fid, "capacity,name")
    assert placements.update_facility(admin, fid, FacilityInput(**{**form.__dict__, "capacity": 20, "name": "ZDVOP Nymburk II"})) == 0
    # A corrected type corrects the placements' setting, and so their deadlines.
    placements.update_facility(admin, fid, FacilityInput(**{**form.__dict__, "type": "childrens_home"}))
    chain = placements.child_placements(officer_session, 1)
    assert chain.current.setting == "childrens_home"
    placements.update_facility(admin, fid, FacilityInput(**{**form.__dict__, "active": False}))
    assert fid not in {f.id for f in placements.list_facilities(admin)}
    assert fid in {f.id for f in placements.list_facilities(admin, include_inactive=True)}
    with pytest.raises(ValidationError) as err:
        placements.place_child(officer_session, child(officer_session, "Yusuf"), PlacementInput(
            start_date=TODAY, legal_basis="urgent_care", facility_id=fid))
    assert err.value.field == "facility_id"


BAD = [
    (dict(code="x"), "code"),
    (dict(code="ZDC-RADLICKA"), "code"),  # taken
    (dict(name=""), "name"),
    (dict(type="castle"), "type"),
    (dict(capacity=-1), "capacity"),
    (dict(capacity="18"), "capacity"),
    (dict(email="not an address"), "email"),
    (dict(phone="call me"), "phone"),
    (dict(contact_person="a\u202eb"), "contact_person"),
]


@pytest.mark.parametrize("fields, field", BAD, ids=[b[1] + str(i) for i, b in enumerate(BAD)])
def test_bad_input_names_the_field_and_saves_nothing(admin_session, fields, field):
    admin, _ = admin_session
    before = (count(admin, "facility"), count(admin, "audit_log"))
    form = FacilityInput(**{**dict(code="DD-NEW", name="Dětský domov Nový", type="childrens_home"), **fields})
    with pytest.raises(ValidationError) as err:
        placements.create_facility(admin, form)
    assert err.value.field == field
    assert (count(admin, "facility"), count(admin, "audit_log")) == before


def test_only_the_administrator_edits(officer_session):
    with pytest.raises(PermissionDenied):
        placements.create_facility(officer_session, FacilityInput("DD-X", "Dětský domov X", "childrens_home"))
    with pytest.raises(PermissionDenied):
        placements.update_facility(officer_session, 1, FacilityInput("DD-X", "Dětský domov X", "childrens_home"))
    assert len(placements.list_facilities(officer_session)) >= 10  # everyone may read the register


def test_unknown_facility(admin_session):
    admin, _ = admin_session
    with pytest.raises(NotFound):
        placements.get_facility(admin, 9999)
    with pytest.raises(NotFound):
        placements.update_facility(admin, 9999, FacilityInput("DD-X", "Dětský domov X", "childrens_home"))
