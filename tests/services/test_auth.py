"""Login, lockout, lock/unlock, password change and recovery — each visible in the audit chain."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from ospod_desktop.core.errors import (
    AccountDisabled,
    AuthenticationError,
    DatabaseExists,
    ValidationError,
)
from ospod_desktop.core.roles import Role
from ospod_desktop.services import identity
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD


def _actions(us, n=None):
    with us.read() as s:
        rows = s.exec(text("SELECT action, user_id, detail FROM audit_log ORDER BY id")).all()
    return rows if n is None else rows[-n:]


def test_initialise_creates_office_admin_and_facility(admin_session, db_path):
    us, code = admin_session
    assert us.actor.role is Role.ADMIN and us.actor.username == "admin"
    assert len(code.replace("-", "")) == 40
    assert db_path.exists() and (db_path.parent / "ospod.db.keys").exists()
    with us.read() as s:
        assert s.exec(text("SELECT name FROM office")).scalar() == "OSPOD Praha 5"
        assert "Radlická 30" in s.exec(text("SELECT address FROM facility WHERE code='ZDC-RADLICKA'")).scalar()
    assert [r.action for r in _actions(us)] == ["init", "create"]


def test_initialise_refuses_existing_and_bad_input(admin_session, db_path, tmp_path):
    with pytest.raises(DatabaseExists):
        identity.initialise(db_path, identity.OfficeProfile("X"), "admin2", "A", ADMIN_PASSWORD)
    other = tmp_path / "new" / "o.db"
    with pytest.raises(ValidationError) as err:
        identity.initialise(other, identity.OfficeProfile("X"), "admin", "A", "short")
    assert err.value.field == "password"
    with pytest.raises(ValidationError) as err:
        identity.initialise(other, identity.OfficeProfile("X\u202e"), "admin", "A", ADMIN_PASSWORD)
    assert err.value.field == "office_name"
    assert not other.exists() and not (other.parent / "o.db.keys").exists()


def test_password_policy_accepts_any_unicode_and_long_passwords(tmp_path):
    long_pw = "ž" * 70 + " Олександр 🙂"
    us, _ = identity.initialise(tmp_path / "p.db", identity.OfficeProfile("X"), "admin", "A", long_pw)
    us.close()
    identity.login(tmp_path / "p.db", "admin", long_pw).close()


def test_login_is_audited_including_failures(admin_session, db_path):
    admin, _ = admin_session
    uid = identity.create_user(admin, "officer", "Petr Novák", Role.OFFICER, OFFICER_PASSWORD)
    with pytest.raises(AuthenticationError):
        identity.login(db_path, "officer", "wrong password here")
    with pytest.raises(AuthenticationError):
        identity.login(db_path, "ghost", "wrong password here")
    us = identity.login(db_path, "officer", OFFICER_PASSWORD)
    try:
        tail = _actions(us, 3)
        assert [(r.action, r.user_id) for r in tail] == [("login_failed", uid), ("login_failed", None), ("login_ok", uid)]
        assert tail[1].detail == "unknown_user"
    finally:
        us.close()


def test_login_of_an_account_disabled_or_gone_from_the_database_refused(admin_session, db_path):
    """A slot that still opens (e.g. a key file kept from before) does not log in an account the database disabled
    or no longer has: AccountDisabled / AuthenticationError, and the account's last login is not touched."""
    admin, _ = admin_session
    uid = identity.create_user(admin, "officer", "Petr Novák", Role.OFFICER, OFFICER_PASSWORD)
    identity.login(db_path, " OFFICER ", OFFICER_PASSWORD).close()  # the user name as typed: case and spaces
    with admin.db.write() as s:
        s.exec(text("UPDATE user SET disabled = 1, last_login_at = NULL WHERE id = :i").bindparams(i=uid))
    with pytest.raises(AccountDisabled):
        identity.login(db_path, "officer", OFFICER_PASSWORD)
    with admin.db.write() as s:
        s.exec(text("UPDATE user SET disabled = 0, username = 'renamed' WHERE id = :i").bindparams(i=uid))
    with pytest.raises(AuthenticationError):
        identity.login(db_path, "officer", OFFICER_PASSWORD)
    with admin.read() as s:
        assert s.exec(text("SELECT last_login_at FROM user WHERE id = :i").bindparams(i=uid)).scalar() is None


def test_failures_never_lock_an_account_and_reach_the_audit(admin_session, db_path, no_login_delay):
    """Issue 14 item 4: no stored lockout. Twenty wrong passwords, then the right one opens at once (in this
    process it waited the growing delay, 1 s doubling to 30 s); the admin sees every failure in the chain."""
    admin, _ = admin_session
    uid = identity.create_user(admin, "officer", "Petr Novák", Role.OFFICER, OFFICER_PASSWORD)
    for _ in range(20):
        with pytest.raises(AuthenticationError):
            identity.login(db_path, "officer", "wrong password here")
    assert no_login_delay.waits[:6] == pytest.approx([1, 2, 4, 8, 16, 30], abs=0.5)  # asked for, not slept
    assert _actions(admin)[-1].action == "create"  # the events wait in the slot file until the next login
    identity.login(db_path, "officer", OFFICER_PASSWORD).close()
    assert no_login_delay.failures(identity_tag(db_path, "officer")) == 0  # a success clears the delay
    rows = [(r.action, r.user_id) for r in _actions(admin)]
    assert rows[-21:] == [("login_failed", uid)] * 20 + [("login_ok", uid)]
    assert "login_locked" not in [action for action, _uid in rows]


def identity_tag(db_path, username):
    from ospod_desktop.storage.keyslots import KeySlots, user_tag

    return user_tag(KeySlots.load(db_path).db_uuid, username)


def test_must_change_after_admin_sets_password(officer_session):
    assert identity.must_change_password(officer_session)
    identity.change_password(officer_session, OFFICER_PASSWORD, "my own new password")
    assert not identity.must_change_password(officer_session)


def test_change_password_checks_old_and_policy(officer_session, db_path):
    with pytest.raises(AuthenticationError):
        identity.change_password(officer_session, "not my password", "my own new password")
    with pytest.raises(ValidationError) as err:
        identity.change_password(officer_session, OFFICER_PASSWORD, "short")
    assert err.value.field == "new_password"
    identity.change_password(officer_session, OFFICER_PASSWORD, "my own new password")
    with pytest.raises(AuthenticationError):
        identity.login(db_path, "officer", OFFICER_PASSWORD)
    identity.login(db_path, "officer", "my own new password").close()
    assert "password_change" in [r.action for r in _actions(officer_session)]


def test_lock_and_unlock_are_audited(officer_session):
    identity.lock(officer_session)
    assert officer_session.locked
    with pytest.raises(AuthenticationError):
        identity.unlock(officer_session, "wrong password here")
    assert officer_session.locked
    identity.unlock(officer_session, OFFICER_PASSWORD)
    assert not officer_session.locked
    assert [r.action for r in _actions(officer_session, 3)] == ["lock", "login_failed", "unlock"]


def test_recovery_code_resets_a_forgotten_admin_password(admin_session, db_path):
    us, code = admin_session
    us.close()
    with pytest.raises(AuthenticationError):
        identity.recover(db_path, "AAAAA-BBBBB", "admin", "brand new admin password")
    rec = identity.recover(db_path, code.lower().replace("-", " "), "admin", "brand new admin password")
    assert rec.actor.role is Role.ADMIN
    assert [r.action for r in _actions(rec, 2)] == ["recovery", "login_ok"]
    rec.close()
    identity.login(db_path, "admin", "brand new admin password").close()
    with pytest.raises(AuthenticationError):
        identity.login(db_path, "admin", ADMIN_PASSWORD)


def test_a_refused_disabled_account_keeps_its_failures_in_the_audit(admin_session, db_path, no_login_delay):
    """A slot that opens an account the database disabled: the refusal and the failed attempts that waited in the
    key file reach the audit chain (committed before the refusal is raised), and leave the key file."""
    admin, _ = admin_session
    uid = identity.create_user(admin, "officer", "Petr Novák", Role.OFFICER, OFFICER_PASSWORD)
    with admin.db.write() as s:
        s.exec(text("UPDATE user SET disabled = 1 WHERE id = :i").bindparams(i=uid))
    with pytest.raises(AuthenticationError):
        identity.login(db_path, "officer", "wrong password here")  # waits in the key file
    with pytest.raises(AccountDisabled):
        identity.login(db_path, "officer", OFFICER_PASSWORD)
    tail = _actions(admin, 2)
    assert [(r.action, r.user_id, r.detail) for r in tail] == [("login_failed", uid, ""),
                                                               ("login_failed", None, "disabled")]
    with pytest.raises(AccountDisabled):  # written once: not again at the next attempt
        identity.login(db_path, "officer", OFFICER_PASSWORD)
    assert [(r.action, r.detail) for r in _actions(admin, 3)] == [("login_failed", ""), ("login_failed", "disabled"),
                                                                  ("login_failed", "disabled")]
