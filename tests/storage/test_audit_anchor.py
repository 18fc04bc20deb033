"""The audit chain's anchor in the key file: a crash that loses committed rows (a damaged WAL) is found at the next
login and by `verify`, the session is read-only until a restore or an accepted loss; `verify --anchor`."""

from __future__ import annotations

import json
import shutil

import pytest

from ospod_desktop.core.errors import OspodError, PermissionDenied
from ospod_desktop.core.roles import Role
from ospod_desktop.services import chain_anchor, children, identity, maintenance
from ospod_desktop.storage import anchor
from ospod_desktop.storage.engine import Database, ReadOnlySession
from ospod_desktop.storage.keyslots import KeySlots, keys_path
from tests.conftest import ADMIN_PASSWORD, child_form
from tests.services.test_import import _csv


def _copy_open(src, dst):
    """Copy a database while a session holds it open: the main file, its WAL and its key file, as a crash
    before the checkpoint leaves them."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", ".keys"):
        shutil.copyfile(src.with_name(src.name + suffix), dst.with_name(dst.name + suffix))


def _head(path, password=ADMIN_PASSWORD):
    key = KeySlots.load(path).unlock_user("admin", password)
    db = Database(path, key)
    try:
        with db.read() as s:
            return anchor.head_of(s.connection())
    finally:
        db.close()


@pytest.fixture
def crashed(admin_session, db_path, tmp_path):
    """A committed import (after a registration), copied with its WAL before a checkpoint, with one byte flipped near the end of
    the WAL (in the last transaction's frames): SQLite drops those committed transactions when it reopens."""
    us, _code = admin_session
    identity.create_user(us, "vedouci", "Jana Vedoucí", Role.SUPERVISOR, "supervisor password 2026")
    identity.create_user(us, "referent", "Petr Referent", Role.OFFICER, "officer password 2026")
    us.db.checkpoint()
    officer = identity.login(db_path, "referent", "officer password 2026")
    children.register_child(officer, child_form("Amina", "Novak", "F"))
    rows = [[f"KRPA-{i}", f"Jméno{i}", "Novák", "", "M", "2010-05-01", "", "UA", "2026-03-01", "Praha",
             "unaccompanied"] for i in range(30)]
    result = children.import_children(officer, _csv(tmp_path / "import.csv", rows))  # committed: one transaction
    assert result is not None
    expected = anchor.read(db_path, bytes.fromhex(us.db.key_hex)).anchor
    copy = tmp_path / "crash" / "ospod.db"
    _copy_open(db_path, copy)
    officer.close()
    wal = copy.with_name(copy.name + "-wal")
    data = bytearray(wal.read_bytes())
    assert len(data) > 4096
    data[-200] ^= 0x55
    wal.write_bytes(bytes(data))
    return copy, expected


def test_a_damaged_wal_that_drops_committed_rows_fails_verify_naming_the_anchor(crashed):
    copy, expected = crashed
    assert expected is not None and _head(copy).id < expected.id  # the bug: SQLite silently dropped them
    report = maintenance.verify(copy, "admin", ADMIN_PASSWORD)
    assert not report.ok and report.kind == maintenance.ANCHOR and report.where == expected.id
    text = maintenance.describe(report)
    assert f"anchor {expected.text()}" in text and f"audit row {expected.id}" in text
    again = maintenance.verify(copy, "admin", ADMIN_PASSWORD)  # nothing was appended over the finding
    assert not again.ok and _head(copy).id < expected.id


def test_after_the_loss_the_session_only_reads_until_the_loss_is_accepted(crashed):
    copy, expected = crashed
    head = _head(copy)
    us = identity.login(copy, "admin", ADMIN_PASSWORD)
    try:
        assert us.chain_loss is not None and us.chain_loss.lost == (head.id + 1, expected.id)
        assert identity.get_office(us).name  # reading works
        with pytest.raises(ReadOnlySession) as refused:
            identity.set_idle_lock_minutes(us, 9)
        assert f"audit rows {head.id + 1} to {expected.id}" in refused.value.message
        identity.lock(us)  # the idle lock still works, and writes nothing
        identity.unlock(us, ADMIN_PASSWORD)
    finally:
        identity.logout(us)
    assert _head(copy) == head  # neither the login nor the logout wrote a row
    with pytest.raises(PermissionDenied):  # an officer cannot; a supervisor can
        chain_anchor.accept_loss(copy, "referent", "officer password 2026")
    finding, new = chain_anchor.accept_loss(copy, "vedouci", "supervisor password 2026")
    assert finding.lost == (head.id + 1, expected.id) and new.id == head.id + 1
    assert maintenance.verify(copy, "admin", ADMIN_PASSWORD).ok
    us = identity.login(copy, "admin", ADMIN_PASSWORD)
    try:
        assert us.chain_loss is None
        identity.set_idle_lock_minutes(us, 9)
    finally:
        identity.logout(us)
    with pytest.raises(OspodError):  # nothing left to accept
        chain_anchor.accept_loss(copy, "admin", ADMIN_PASSWORD)


def test_a_restore_moves_the_anchor_and_is_no_truncation(admin_session, db_path, tmp_path):
    us, _code = admin_session
    backup = maintenance.backup_to(us, tmp_path / "usb" / "b.db")
    for minutes in (4, 5):
        identity.set_idle_lock_minutes(us, minutes)
    key = bytes.fromhex(us.db.key_hex)
    newest = anchor.read(db_path, key).anchor
    assert anchor.read(backup, key).anchor.id < newest.id  # the backup's key file carries the backup's anchor
    us.close()
    result = maintenance.restore(db_path, backup, "admin", ADMIN_PASSWORD, force=True)
    slot = anchor.read(db_path, key)
    assert slot.reason == "restore" and slot.anchor.id == result.restore_row < newest.id
    assert maintenance.verify(db_path, "admin", ADMIN_PASSWORD).ok
    # the anchor printed before the restore names rows the restored database never had: a truncation
    old = maintenance.verify(db_path, "admin", ADMIN_PASSWORD, newest)
    assert not old.ok and old.chain.code in (anchor.FORKED, anchor.TRUNCATED) and old.where == newest.id


def test_verify_with_a_given_anchor_finds_a_rewrite_the_key_holder_made(admin_session, db_path):
    us, _code = admin_session
    for minutes in (5, 6, 7):
        identity.set_idle_lock_minutes(us, minutes)
    key = bytes.fromhex(us.db.key_hex)
    printed = anchor.read(db_path, key).anchor
    from tests.storage.test_audit_mac import _rehash

    with us.db.engine.begin() as conn:  # a key holder rewrites row 2 and recomputes every hash after it
        conn.exec_driver_sql("UPDATE audit_log SET detail = 'forged' WHERE id = 2")
        head_id, head_hash = _rehash(conn)
        # and the key file's anchor too (the key holder has the key)
        anchor.write(db_path, key, anchor.of_row(head_id, head_hash), "restore")
    us.close()
    assert maintenance.verify(db_path, "admin", ADMIN_PASSWORD).ok is True  # what only the laptop knows
    report = maintenance.verify(db_path, "admin", ADMIN_PASSWORD, printed)
    assert not report.ok and report.chain.code == anchor.FORKED and report.chain.source == "given"
    assert f"audit row {printed.id} differs from the anchor {printed.text()}" in maintenance.describe(report)


def test_a_changed_anchor_record_is_found(admin_session, db_path):
    us, _code = admin_session
    us.close()
    data = json.loads(keys_path(db_path).read_text())
    data["anchor"]["id"] += 5
    keys_path(db_path).write_text(json.dumps(data))
    report = maintenance.verify(db_path, "admin", ADMIN_PASSWORD)
    assert not report.ok and report.chain.code == chain_anchor.DAMAGED
    assert "anchor in the key file is damaged" in maintenance.describe(report)


def test_anchor_text_round_trips_and_rejects_garbage():
    a = anchor.Anchor(42, "0123456789abcdef")
    assert anchor.parse(a.text()) == a and anchor.parse(" 42 : 0123456789ABCDEF ") == a
    for bad in ("", "42", "x:0123456789abcdef", "42:0123", "-1:0123456789abcdef"):
        with pytest.raises(ValueError):
            anchor.parse(bad)


def test_the_audit_pages_check_holds_the_chain_against_the_key_files_anchor(admin_session, db_path):
    from ospod_desktop.services import audit_log

    us, _code = admin_session
    assert audit_log.verify_chain(us).ok
    key = bytes.fromhex(us.db.key_hex)
    ahead = anchor.Anchor(500, "0123456789abcdef")
    anchor.write(db_path, key, ahead, "restore")
    check = audit_log.verify_chain(us)
    assert not check.ok and check.first_bad_id == 500 and "500:0123456789abcdef" in check.problem


def test_a_damaged_anchor_record_does_not_lock_the_office_out_and_is_rewritten_at_login(admin_session, db_path):
    us, _code = admin_session
    us.close()
    data = json.loads(keys_path(db_path).read_text())
    data["anchor"]["mac"] = "0" * 64
    keys_path(db_path).write_text(json.dumps(data))
    assert maintenance.verify(db_path, "admin", ADMIN_PASSWORD).chain.code == chain_anchor.DAMAGED
    us = identity.login(db_path, "admin", ADMIN_PASSWORD)
    try:
        assert us.chain_loss is None and us.db.read_only is None
        identity.set_idle_lock_minutes(us, 9)
    finally:
        identity.logout(us)
    assert maintenance.verify(db_path, "admin", ADMIN_PASSWORD).ok
