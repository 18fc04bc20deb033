"""Forward-secure MACs of the audit chain: a key holder who recomputes the SHA-256 chain (and the key file's
anchor) passes `verify`, but not the full verification with the recovery code; a cut tail leaves the current key
ahead of the chain; a database made before the MACs starts them when the code is entered."""

from __future__ import annotations

import json

import pytest

from ospod_desktop.core.errors import OspodError
from ospod_desktop.services import chain_anchor, identity, maintenance
from ospod_desktop.storage import anchor, audit, audit_mac
from ospod_desktop.storage.engine import Database
from ospod_desktop.storage.keyslots import keys_path
from tests.conftest import ADMIN_PASSWORD


def _rehash(conn) -> tuple[int, str]:
    """What a key holder can do: recompute every SHA-256 link after a change (returns the new head)."""
    rows = conn.exec_driver_sql("SELECT id, ts, user_id, role, action, entity, entity_id, detail FROM audit_log "
                                "ORDER BY id").all()
    prev = audit.GENESIS
    for row in rows:
        digest = audit._link(prev, audit._canonical(list(row)))
        conn.exec_driver_sql("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", (prev, digest, row[0]))
        prev = digest
    return rows[-1][0], prev


@pytest.fixture
def office(admin_session, db_path):
    us, code = admin_session
    for minutes in (5, 6, 7, 8):
        identity.set_idle_lock_minutes(us, minutes)
    return us, code, db_path


def _full(db_path, code):
    return maintenance.verify(db_path, "admin", ADMIN_PASSWORD, recovery_code=code)


def test_every_row_of_a_new_database_has_a_mac_and_the_full_verification_passes(office):
    us, code, db_path = office
    with us.read() as s:
        macs = s.connection().exec_driver_sql("SELECT mac FROM audit_log ORDER BY id").scalars().all()
        key = s.connection().exec_driver_sql("SELECT first_id, next_id FROM audit_key").one()
    assert macs and all(len(m) == 64 for m in macs) and len(set(macs)) == len(macs)
    assert tuple(key) == (1, len(macs) + 1)
    us.close()
    plain = maintenance.verify(db_path, "admin", ADMIN_PASSWORD)
    assert plain.ok and plain.mac.state == chain_anchor.MAC_NOT_CHECKED
    full = _full(db_path, code)
    assert full.ok and full.mac.state == chain_anchor.MAC_CHECKED and full.mac.checked == plain.audit_rows


def test_a_rewrite_with_recomputed_hashes_and_anchor_is_caught_by_the_recovery_code(office):
    us, code, db_path = office
    key = bytes.fromhex(us.db.key_hex)
    with us.db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE audit_log SET detail = 'forged' WHERE id = 3")
        head_id, head_hash = _rehash(conn)
    anchor.write(db_path, key, anchor.of_row(head_id, head_hash), "restore")
    us.close()
    assert maintenance.verify(db_path, "admin", ADMIN_PASSWORD).ok  # what the laptop alone can tell
    full = _full(db_path, code)
    assert not full.ok and full.kind == maintenance.AUDIT_MAC and full.where == 3
    assert "MAC of audit row 3 does not match" in maintenance.describe(full)


def test_a_cut_tail_leaves_the_key_ahead_of_the_chain(office):
    us, code, db_path = office
    key = bytes.fromhex(us.db.key_hex)
    with us.db.engine.begin() as conn:
        last = conn.exec_driver_sql("SELECT max(id) FROM audit_log").scalar()
        conn.exec_driver_sql("DELETE FROM audit_log WHERE id >= ?", (last - 1,))
        row = conn.exec_driver_sql("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").one()
    anchor.write(db_path, key, anchor.of_row(*row), "restore")  # the key holder moves the anchor back too
    us.close()
    full = _full(db_path, code)
    assert not full.ok and full.where == last - 1 and full.mac.problem == "key ahead"


def test_a_database_without_macs_starts_them_when_the_code_is_entered(office):
    us, code, db_path = office
    with us.db.engine.begin() as conn:  # as a database of revision 0012 migrated to 0013
        conn.exec_driver_sql("DELETE FROM audit_key")
        conn.exec_driver_sql("UPDATE audit_log SET mac = NULL")
    us.close()
    data = json.loads(keys_path(db_path).read_text())
    del data[audit_mac.RECOVERY_RECORD]
    keys_path(db_path).write_text(json.dumps(data))
    report = maintenance.verify(db_path, "admin", ADMIN_PASSWORD)
    assert report.ok and report.mac.state == chain_anchor.MAC_NOT_SET_UP
    with pytest.raises(OspodError):
        _full(db_path, "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF-GGGGG-HHHHH")
    now = _full(db_path, code)
    assert now.ok and now.mac.state == chain_anchor.MAC_SET_UP_NOW and now.mac.first_id == report.audit_rows + 1
    later = _full(db_path, code)
    assert later.ok and later.mac.state == chain_anchor.MAC_CHECKED and later.mac.first_id == now.mac.first_id
    assert later.mac.checked == later.audit_rows - now.mac.first_id


def test_the_recovery_record_is_bound_to_its_first_row(office):
    us, code, db_path = office
    us.close()
    data = json.loads(keys_path(db_path).read_text())
    data[audit_mac.RECOVERY_RECORD]["first_id"] = 3  # "the MACs start later": rows 1-2 out of the check
    keys_path(db_path).write_text(json.dumps(data))
    full = _full(db_path, code)
    assert not full.ok and full.mac.problem == "record" and "recovery record" in maintenance.describe(full)


def test_recovery_with_the_code_starts_the_macs_of_an_older_database(office):
    us, code, db_path = office
    with us.db.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM audit_key")
        conn.exec_driver_sql("UPDATE audit_log SET mac = NULL")
    us.close()
    data = json.loads(keys_path(db_path).read_text())
    del data[audit_mac.RECOVERY_RECORD]
    keys_path(db_path).write_text(json.dumps(data))
    again = identity.recover(db_path, code, "admin", "a new admin password 2026")
    with again.read() as s:
        first_id = s.connection().exec_driver_sql("SELECT first_id FROM audit_key").scalar()
        signed = s.connection().exec_driver_sql("SELECT count(*) FROM audit_log WHERE mac IS NOT NULL").scalar()
    identity.logout(again)
    assert first_id > 1 and signed >= 2  # the recovery's own rows on
    full = maintenance.verify(db_path, "admin", "a new admin password 2026", recovery_code=code)
    assert full.ok and full.mac.state == chain_anchor.MAC_CHECKED and full.mac.first_id == first_id


def test_a_backup_of_revision_0011_is_restored_and_starts_without_macs(admin_session, db_path, tmp_path):
    from ospod_desktop.storage import schema

    us, code = admin_session
    backup = maintenance.backup_to(us, tmp_path / "usb" / "old.db")
    key = bytes.fromhex(us.db.key_hex)
    us.close()
    old = Database(backup, key)
    try:
        schema.downgrade(old, "0011")
    finally:
        old.close()
    result = maintenance.restore(db_path, backup, "admin", ADMIN_PASSWORD, force=True)
    assert result.restore_row > 0
    report = maintenance.verify(db_path, "admin", ADMIN_PASSWORD)  # verify does not migrate
    assert report.ok and report.mac.state == chain_anchor.MAC_NOT_SET_UP
    us = identity.login(db_path, "admin", ADMIN_PASSWORD)  # migrates to 0013
    identity.logout(us)
    full = _full(db_path, code)
    assert full.ok and full.mac.state == chain_anchor.MAC_SET_UP_NOW



def test_a_changed_recovery_record_is_named_by_plain_verify(office):
    us, _code, db_path = office
    us.close()
    data = json.loads(keys_path(db_path).read_text())
    data[audit_mac.RECOVERY_RECORD]["kdf"]["time_cost"] += 1
    keys_path(db_path).write_text(json.dumps(data))
    report = maintenance.verify(db_path, "admin", ADMIN_PASSWORD)
    assert not report.ok and report.kind == maintenance.AUDIT_MAC and "key file" in maintenance.describe(report)


def test_an_import_prepared_before_the_write_lock_is_signed_and_the_full_verification_passes(office, officer_session,
                                                                                          tmp_path):
    """The children import builds its audit rows before the write lock (`audit.prepare_bulk`); their MACs are
    made under it from the key stored then, and the key moves on past them."""
    from ospod_desktop.services import children
    from tests.services.test_import import ROWS, _csv

    us, code, db_path = office
    result = children.import_children(officer_session, _csv(tmp_path / "a.csv", ROWS, ",", bom=True))
    assert len(result.imported) == len(ROWS)
    with us.read() as s:
        rows = s.connection().exec_driver_sql("SELECT id, mac FROM audit_log ORDER BY id").all()
        key = s.connection().exec_driver_sql("SELECT next_id FROM audit_key").scalar_one()
    assert all(mac and len(mac) == 64 for _id, mac in rows)
    assert key == rows[-1][0] + 1
    officer_session.close()
    us.close()
    full = _full(db_path, code)
    assert full.ok and full.mac.state == chain_anchor.MAC_CHECKED and full.mac.checked == len(rows)
