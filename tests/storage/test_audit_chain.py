"""The audit chain links every row to the one before; tampering is found and named."""

from __future__ import annotations

from sqlalchemy import text

from ospod_desktop.storage import audit


def _rows(us):
    with us.read() as s:
        return s.exec(text("SELECT id, action, prev_hash, hash FROM audit_log ORDER BY id")).all()


def test_chain_links_and_verifies(admin_session):
    us, _ = admin_session
    rows = _rows(us)
    assert rows[0].prev_hash == audit.GENESIS
    for prev, row in zip(rows, rows[1:], strict=False):
        assert row.prev_hash == prev.hash
    with us.read() as s:
        report = audit.verify(s)
    assert report.ok and report.rows == len(rows) and report.head_hash == rows[-1].hash


def _tamper(us, sql):
    from ospod_desktop.services import identity

    for minutes in (7, 8, 9):  # a few more rows, so the tampered one is in the middle of the chain
        identity.set_idle_lock_minutes(us, minutes)
    with us.db.engine.begin() as conn:
        conn.exec_driver_sql(sql)
    with us.read() as s:
        return audit.verify(s)


def test_edited_row_is_found(admin_session):
    us, _ = admin_session
    report = _tamper(us, "UPDATE audit_log SET entity_id = 99 WHERE id = 2")
    assert not report.ok and report.first_bad_id == 2 and report.problem == "hash mismatch"


def test_deleted_row_is_found(admin_session):
    us, _ = admin_session
    report = _tamper(us, "DELETE FROM audit_log WHERE id = 2")
    assert not report.ok and report.first_bad_id == 2 and report.problem == "missing row"


def test_rehashed_row_breaks_the_next_link(admin_session):
    us, _ = admin_session
    with us.read() as s:
        row = s.exec(text("SELECT * FROM audit_log WHERE id = 1")).one()
    from ospod_desktop.storage.models import AuditEntry

    forged = AuditEntry(**{**row._mapping, "action": "delete"})
    new_hash = audit.row_hash(forged.prev_hash, forged)
    report = _tamper(us, f"UPDATE audit_log SET action='delete', hash='{new_hash}' WHERE id = 1")
    assert report.first_bad_id == 2 and report.problem == "broken link"


def test_rows_hold_no_content(admin_session):
    us, _ = admin_session
    with us.read() as s:
        cols = [r[1] for r in s.exec(text("PRAGMA table_info(audit_log)")).all()]
    assert set(cols) == {"id", "ts", "user_id", "role", "action", "entity", "entity_id", "detail", "prev_hash", "hash",
                         "mac"}


def test_rows_moved_to_id_zero_or_below_are_found(admin_session):
    us, _ = admin_session
    report = _tamper(us, "UPDATE audit_log SET id = -5 WHERE id = (SELECT max(id) FROM audit_log)")
    assert not report.ok and report.first_bad_id == -5 and report.problem == "id out of range"
    with us.db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE audit_log SET id = 0 WHERE id = -5")
    with us.read() as s:
        report = audit.verify(s)
    assert not report.ok and report.first_bad_id == 0 and report.problem == "id out of range"


def test_a_gap_names_the_first_missing_id(admin_session):
    us, _ = admin_session
    report = _tamper(us, "DELETE FROM audit_log WHERE id IN (3, 4)")
    assert not report.ok and report.first_bad_id == 3 and report.problem == "missing row"


def test_verify_names_a_row_moved_below_one(db_path):
    from ospod_desktop.services import identity, maintenance
    from ospod_desktop.storage.engine import Database
    from tests.conftest import ADMIN_PASSWORD

    us, _code = identity.initialise(db_path, identity.OfficeProfile("Office"), "admin", "Admin", ADMIN_PASSWORD)
    key = bytes.fromhex(us.db.key_hex)
    identity.logout(us)
    db = Database(db_path, key)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE audit_log SET id = 0 WHERE id = 1")
    db.close()
    report = maintenance.verify(db_path, "admin", ADMIN_PASSWORD)
    assert not report.ok and report.kind == maintenance.AUDIT_BAD_ID and report.where == 0
    assert "id 0" in maintenance.describe(report)
