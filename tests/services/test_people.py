"""Responsible officers to choose from, and names for the user ids in a child's history."""

from __future__ import annotations

import pytest

from ospod_desktop.core.errors import PermissionDenied
from ospod_desktop.core.roles import Role
from ospod_desktop.services import identity
from tests.conftest import OFFICER_PASSWORD


@pytest.fixture
def staffed(admin_session, officer_session):
    admin, _code = admin_session
    fid = identity.list_facility_choices(admin)[0].id
    ids = {
        "sup": identity.create_user(admin, "sup", "Čestmír Hrubý", Role.SUPERVISOR, OFFICER_PASSWORD),
        "cizek": identity.create_user(admin, "cizek", "Cyril Cibulka", Role.OFFICER, OFFICER_PASSWORD),
        "chal": identity.create_user(admin, "chal", "Chalupa Hana", Role.OFFICER, OFFICER_PASSWORD),
        "gone": identity.create_user(admin, "gone", "Odešlá Olga", Role.OFFICER, OFFICER_PASSWORD),
        "staff": identity.create_user(admin, "staff", "Олена Коваль", Role.FACILITY_STAFF, OFFICER_PASSWORD, fid),
    }
    identity.set_disabled(admin, ids["gone"], True)
    return admin, officer_session, ids


def test_officers_and_supervisors_only_active_in_czech_order(staffed):
    _admin, officer, ids = staffed
    names = [name for _id, name in identity.list_officers(officer)]
    # Czech order: C < Č < H < Ch < N; disabled accounts, admins and facility staff are left out.
    assert names == ["Cyril Cibulka", "Čestmír Hrubý", "Chalupa Hana", "Petr Novák"]
    assert all(isinstance(i, int) for i, _n in identity.list_officers(officer))
    assert ids["gone"] not in {i for i, _n in identity.list_officers(officer)}


def test_user_names_include_disabled_accounts(staffed):
    _admin, officer, ids = staffed
    found = identity.user_names(officer, [ids["gone"], ids["sup"], 99_999])
    assert found == {ids["gone"]: "Odešlá Olga", ids["sup"]: "Čestmír Hrubý"}
    assert identity.user_names(officer, []) == {}


def test_administrators_are_refused(staffed):
    admin, _officer, _ids = staffed
    with pytest.raises(PermissionDenied):
        identity.list_officers(admin)
    with pytest.raises(PermissionDenied):
        identity.user_names(admin, [1])


def test_an_administrator_with_emergency_access_reads_the_names(staffed):
    from ospod_desktop.services import scope

    admin, _officer, ids = staffed
    scope.break_glass(admin, "Request of the Prague 5 district court", "legal_request")
    assert identity.user_names(admin, [ids["sup"]]) == {ids["sup"]: "Čestmír Hrubý"}
    with pytest.raises(PermissionDenied):
        identity.list_officers(admin)  # only what reading a record needs
    scope.end_break_glass(admin)
    with pytest.raises(PermissionDenied):
        identity.user_names(admin, [ids["sup"]])
