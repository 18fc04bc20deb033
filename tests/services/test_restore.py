"""Backups from a session and restoring a backup in place of the database, on real SQLCipher files."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest
from sqlmodel import col, select

from ospod_desktop.core.errors import DatabaseExists, NotOurDatabase, PermissionDenied
from ospod_desktop.core.roles import Action, Entity, Role
from ospod_desktop.services import children, identity, maintenance
from ospod_desktop.storage import audit
from ospod_desktop.storage.engine import Database
from ospod_desktop.storage.keyslots import KeySlots, keys_path
from ospod_desktop.storage.models import AuditEntry
from tests.conftest import ADMIN_PASSWORD, child_form

SUPERVISOR_PASSWORD = "supervisor password 2026"
NOW = datetime(2026, 3, 14, 10, 15, tzinfo=UTC)


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_listing(folder) -> set[str]:
    return {p.name for p in folder.iterdir()}


@pytest.fixture
def office(admin_session, db_path, tmp_path):
    """A database with a supervisor and two children, a backup of it, then one child deleted after the backup.

    Yields (db path, backup path, the kept child's id, the deleted child's id); every session is closed."""
    admin, _code = admin_session
    identity.create_user(admin, "vedouci", "Jana Vedoucí", Role.SUPERVISOR, SUPERVISOR_PASSWORD)
    boss = identity.login(db_path, "vedouci", SUPERVISOR_PASSWORD)
    kept = children.register_child(boss, child_form("Amina", "Haidari", "F"))
    gone = children.register_child(boss, child_form("Oleksandr", "Shevchenko", "M"))
    out = tmp_path / "usb" / "zaloha.db"
    assert maintenance.backup_to(boss, out) == out
    children.delete_child(boss, gone)
    identity.logout(boss)
    identity.logout(admin)
    return db_path, out, kept, gone


def _children(db_path, password=SUPERVISOR_PASSWORD) -> list[int]:
    us = identity.login(db_path, "vedouci", password)
    try:
        return sorted(children.child_ids(us, children.ListFilter()))
    finally:
        identity.logout(us)


def _chain(path, username="admin", password=ADMIN_PASSWORD) -> list[AuditEntry]:
    db = Database(path, KeySlots.load(path).unlock_user(username, password))
    try:
        with db.read() as session:
            assert audit.verify(session).ok
            rows = session.exec(select(AuditEntry).order_by(col(AuditEntry.id))).all()
            return [AuditEntry.model_validate(r.model_dump()) for r in rows]
    finally:
        db.close()


def test_backup_from_a_session_is_audited_and_ends_with_its_own_row(office):
    _db, out, _kept, _gone = office
    assert keys_path(out).exists() and out.stat().st_mode & 0o777 == 0o600
    last = _chain(out)[-1]
    assert (last.action, last.entity, last.detail) == (Action.BACKUP, Entity.DATABASE, "gui")
    report = maintenance.inspect_backup(out, "admin", ADMIN_PASSWORD)
    assert report.audit_rows == last.id and report.audit_head == last.hash
    assert report.taken_at is not None and abs((datetime.now(UTC) - report.taken_at).total_seconds()) < 60


def test_backup_refuses_an_existing_file_and_roles_without_backups(office, db_path, tmp_path):
    _db, out, _kept, _gone = office
    us = identity.login(db_path, "admin", ADMIN_PASSWORD)
    try:
        before = len(_chain(db_path))
        with pytest.raises(DatabaseExists):
            maintenance.backup_to(us, out)
        with pytest.raises(DatabaseExists):
            maintenance.backup_to(us, db_path)  # the database itself
        after = _chain(db_path)
        assert len(after) == before  # a refused backup writes no "backup" row
        us.actor = us.actor.__class__(us.actor.user_id, "x", "x", Role.FACILITY_STAFF)
        with pytest.raises(PermissionDenied):
            maintenance.backup_to(us, tmp_path / "other.db")
        assert not (tmp_path / "other.db").exists()
    finally:
        identity.logout(us)


def test_restore_brings_back_data_deleted_after_the_backup_and_keeps_the_old_file(office, db_path):
    _db, out, kept, gone = office
    assert _children(db_path) == [kept]
    old_chain = _chain(db_path)
    backup_digest, backup_keys = digest(out), digest(keys_path(out))

    result = maintenance.restore(db_path, out, "admin", ADMIN_PASSWORD, force=True, via="gui", now=NOW)

    assert _children(db_path) == sorted([kept, gone])
    assert result.database == db_path and result.backup.path == out
    assert result.kept == db_path.with_name("ospod.before-restore-20260314T101500Z.db")
    assert digest(out) == backup_digest and digest(keys_path(out)) == backup_keys  # the backup was only read
    # The old database is kept beside, whole: its chain is the one before the restore (and a login still works).
    kept_chain = _chain(result.kept)
    assert [r.hash for r in kept_chain[:len(old_chain)]] == [r.hash for r in old_chain]
    assert keys_path(result.kept).exists() and result.kept.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in db_path.parent.iterdir() if "restoring" in p.name) == []  # no staged copy left
    # The restored chain is the backup's, then one "restore" row naming the replaced chain's head.
    chain = _chain(db_path)
    backup_chain = _chain(out)
    assert [r.hash for r in chain[:len(backup_chain)]] == [r.hash for r in backup_chain]
    row = chain[len(backup_chain)]
    assert row.id == result.restore_row == result.backup.audit_rows + 1
    assert (row.action, row.entity, row.role) == ("restore", "database", "admin")
    assert row.detail == f"gui:replaced:{old_chain[-1].id}:{old_chain[-1].hash}"
    assert maintenance.verify(db_path, "admin", ADMIN_PASSWORD).ok


def test_wrong_password_is_refused_and_nothing_changes(office, db_path):
    _db, out, kept, _gone = office
    files = {p: digest(p) for p in (db_path, keys_path(db_path), out, keys_path(out))}
    listing = folder_listing(db_path.parent)
    for user, password in (("admin", "wrong password 2026"), ("nobody", ADMIN_PASSWORD)):
        with pytest.raises(maintenance.BackupPasswordWrong) as info:
            maintenance.restore(db_path, out, user, password, force=True)
        assert info.value.field == "password"
        with pytest.raises(maintenance.BackupPasswordWrong):
            maintenance.inspect_backup(out, user, password)
    assert {p: digest(p) for p in files} == files  # byte-identical: database, key files, backup
    assert folder_listing(db_path.parent) == listing
    assert _children(db_path) == [kept]


@pytest.mark.parametrize("where", ["page", "first page", "audit"])
def test_a_damaged_backup_is_refused_and_the_current_file_stays_identical(office, db_path, where):
    _db, out, kept, _gone = office
    if where == "audit":
        db = Database(out, KeySlots.load(out).unlock_user("admin", ADMIN_PASSWORD))
        with db.engine.begin() as conn:
            conn.exec_driver_sql("UPDATE audit_log SET user_id = NULL WHERE id = 3")
        db.close()
    else:
        data = bytearray(out.read_bytes())
        data[50 if where == "first page" else 4096 * 3 + 200] ^= 0xFF
        out.write_bytes(bytes(data))
    before = {p: digest(p) for p in (db_path, keys_path(db_path), out)}
    listing = folder_listing(db_path.parent)
    with pytest.raises(maintenance.BackupRefused) as info:
        maintenance.restore(db_path, out, "admin", ADMIN_PASSWORD, force=True)
    assert "Nothing was changed" in info.value.message
    expected = {"page": "page 4", "first page": "page 1", "audit": "audit row 3"}[where]
    assert expected in info.value.problem
    with pytest.raises(maintenance.BackupRefused):
        maintenance.inspect_backup(out, "admin", ADMIN_PASSWORD)
    assert {p: digest(p) for p in before} == before
    assert folder_listing(db_path.parent) == listing
    assert _children(db_path) == [kept]


def test_only_an_administrator_of_the_backup_may_restore_it(office, db_path):
    _db, out, kept, _gone = office
    before = digest(db_path)
    with pytest.raises(PermissionDenied):
        maintenance.restore(db_path, out, "vedouci", SUPERVISOR_PASSWORD, force=True)
    assert digest(db_path) == before and _children(db_path) == [kept]


def test_without_force_an_existing_database_is_not_replaced(office, db_path, tmp_path):
    _db, out, kept, gone = office
    before = digest(db_path)
    with pytest.raises(maintenance.RestoreNeedsForce):
        maintenance.restore(db_path, out, "admin", ADMIN_PASSWORD)
    assert digest(db_path) == before
    with pytest.raises(maintenance.BackupRefused):  # the database in use is no backup of itself
        maintenance.restore(db_path, db_path, "admin", ADMIN_PASSWORD, force=True)
    assert digest(db_path) == before
    # A path with no database needs no force; nothing is kept, and the restore row says there was none.
    fresh = tmp_path / "new-office" / "ospod.db"
    result = maintenance.restore(fresh, out, "admin", ADMIN_PASSWORD)
    assert result.kept is None and _children(fresh) == sorted([kept, gone])
    assert [r.detail for r in _chain(fresh) if r.action == "restore"] == ["cli:replaced:none"]


def test_a_second_restore_in_the_same_second_keeps_both_old_files(office, db_path):
    _db, out, _kept, _gone = office
    first = maintenance.restore(db_path, out, "admin", ADMIN_PASSWORD, force=True, now=NOW)
    second = maintenance.restore(db_path, out, "admin", ADMIN_PASSWORD, force=True, now=NOW)
    assert first.kept != second.kept and first.kept.exists() and second.kept.exists()
    assert second.kept.name == "ospod.before-restore-20260314T101500Z-2.db"


def test_a_password_changed_since_the_backup_leaves_the_replaced_head_unknown(office, db_path):
    _db, out, _kept, _gone = office
    us = identity.login(db_path, "admin", ADMIN_PASSWORD)
    identity.change_password(us, ADMIN_PASSWORD, "a newer admin password")
    identity.logout(us)
    maintenance.restore(db_path, out, "admin", ADMIN_PASSWORD, force=True)
    assert _chain(db_path)[-1].detail == "cli:replaced:unknown"
    # The key file is the backup's: the password of the time of the backup opens the restored database.
    identity.logout(identity.login(db_path, "admin", ADMIN_PASSWORD))


def test_check_backup_in_a_session(office, db_path):
    _db, out, _kept, _gone = office
    us = identity.login(db_path, "admin", ADMIN_PASSWORD)
    try:
        report = maintenance.check_backup(us, out, ADMIN_PASSWORD)
        assert report.path == out and report.audit_rows > 0
        with pytest.raises(maintenance.BackupRefused):
            maintenance.check_backup(us, db_path, ADMIN_PASSWORD)
        keys_path(out).rename(out.with_name("elsewhere.keys"))
        with pytest.raises(NotOurDatabase):  # a backup without its key file cannot be opened
            maintenance.check_backup(us, out, ADMIN_PASSWORD)
    finally:
        identity.logout(us)
    boss = identity.login(db_path, "vedouci", SUPERVISOR_PASSWORD)
    try:
        with pytest.raises(PermissionDenied):
            maintenance.check_backup(boss, out, SUPERVISOR_PASSWORD)
    finally:
        identity.logout(boss)


def test_wrong_passwords_on_a_backup_change_nothing_in_it(office, db_path):
    _db, out, _kept, _gone = office
    for _ in range(6):
        with pytest.raises(maintenance.BackupPasswordWrong):
            maintenance.inspect_backup(out, "admin", "wrong password 2026")
    # Each check ran on a throw-away copy: the backup's own key file counted nothing.
    maintenance.inspect_backup(out, "admin", ADMIN_PASSWORD)
