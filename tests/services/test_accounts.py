"""The administrator's account management, and who may do what."""

from __future__ import annotations

import pytest
from sqlmodel import select

from ospod_desktop.core.errors import AuthenticationError, PermissionDenied, ValidationError
from ospod_desktop.core.roles import Role
from ospod_desktop.services import identity
from ospod_desktop.storage.models import Facility
from tests.conftest import OFFICER_PASSWORD


def _radlicka(us):
    with us.read() as s:
        return s.exec(select(Facility.id).where(Facility.code == "ZDC-RADLICKA")).one()


def test_create_each_role(admin_session, db_path):
    admin, _ = admin_session
    fid = _radlicka(admin)
    identity.create_user(admin, "sup", "Jana Dvořáková", Role.SUPERVISOR, OFFICER_PASSWORD)
    identity.create_user(admin, "staff", "Олена Коваль", Role.FACILITY_STAFF, OFFICER_PASSWORD, facility_id=fid)
    users = {u.username: u for u in identity.list_users(admin)}
    assert users["staff"].facility_id == fid and users["staff"].facility_name.startswith("Zařízení pro děti-cizince")
    assert users["staff"].display_name == "Олена Коваль"
    staff = identity.login(db_path, "staff", OFFICER_PASSWORD)
    assert staff.actor.role is Role.FACILITY_STAFF and staff.actor.facility_id == fid
    staff.close()


def test_facility_staff_needs_a_facility(admin_session):
    admin, _ = admin_session
    with pytest.raises(ValidationError) as err:
        identity.create_user(admin, "staff", "X Y", Role.FACILITY_STAFF, OFFICER_PASSWORD)
    assert err.value.field == "facility"


def test_bad_usernames_and_duplicates(admin_session):
    admin, _ = admin_session
    for bad in ("ab", "with space", "x" * 65, "semi;colon", ""):
        with pytest.raises(ValidationError) as err:
            identity.create_user(admin, bad, "X", Role.OFFICER, OFFICER_PASSWORD)
        assert err.value.field == "username"
    identity.create_user(admin, "Petr.Novak", "Petr", Role.OFFICER, OFFICER_PASSWORD)
    with pytest.raises(ValidationError):
        identity.create_user(admin, "petr.novak", "Petr 2", Role.OFFICER, OFFICER_PASSWORD)


def test_disable_removes_access_and_reset_restores_it(admin_session, db_path):
    admin, _ = admin_session
    uid = identity.create_user(admin, "officer", "Petr", Role.OFFICER, OFFICER_PASSWORD)
    identity.set_disabled(admin, uid, True)
    with pytest.raises(AuthenticationError):
        identity.login(db_path, "officer", OFFICER_PASSWORD)
    with pytest.raises(ValidationError):
        identity.reset_password(admin, uid, "temporary password 1")
    identity.set_disabled(admin, uid, False)
    identity.reset_password(admin, uid, "temporary password 1")
    us = identity.login(db_path, "officer", "temporary password 1")
    assert identity.must_change_password(us)
    us.close()


def test_admin_cannot_disable_or_demote_self(admin_session):
    admin, _ = admin_session
    with pytest.raises(ValidationError):
        identity.set_disabled(admin, admin.actor.user_id, True)
    with pytest.raises(ValidationError):
        identity.update_user(admin, admin.actor.user_id, "A", Role.OFFICER, None)


def test_only_admin_manages_accounts_and_office(officer_session):
    with pytest.raises(PermissionDenied):
        identity.list_users(officer_session)
    with pytest.raises(PermissionDenied):
        identity.create_user(officer_session, "x123", "X", Role.OFFICER, OFFICER_PASSWORD)
    with pytest.raises(PermissionDenied):
        identity.set_idle_lock_minutes(officer_session, 10)


def test_idle_lock_minutes_range(admin_session):
    admin, _ = admin_session
    assert identity.idle_lock_minutes(admin) == 5
    for bad in (0, 31, -1):
        with pytest.raises(ValidationError) as err:
            identity.set_idle_lock_minutes(admin, bad)
        assert err.value.field == "idle_lock_minutes"
    identity.set_idle_lock_minutes(admin, 30)
    assert identity.idle_lock_minutes(admin) == 30


def test_office_profile_update(admin_session):
    admin, _ = admin_session
    identity.update_office(admin, identity.OfficeProfile("Úřad městské části Praha 5", "Nám. 14. října 4", "Praha 5", "Odbor"))
    assert identity.get_office(admin).name == "Úřad městské části Praha 5"
    n, h = identity.audit_head(admin)
    assert n > 0 and len(h) == 64
