"""Alembic: the baseline creates the schema the models describe; older files are backed up, then migrated."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import SQLModel

from ospod_desktop.core.errors import SchemaTooNew
from ospod_desktop.services import identity, maintenance
from ospod_desktop.storage import schema
from ospod_desktop.storage.engine import Database
from ospod_desktop.storage.keyslots import KeySlots
from tests.conftest import ADMIN_PASSWORD


def _key(db_path):
    return KeySlots.load(db_path).unlock_user("admin", ADMIN_PASSWORD)


def test_migrations_match_the_models(admin_session):
    us, _ = admin_session
    with us.db.engine.connect() as conn:
        from ospod_desktop.storage.migrations.env_filter import include_object

        opts = {"render_as_batch": True, "include_object": include_object}
        diff = compare_metadata(MigrationContext.configure(conn, opts=opts), SQLModel.metadata)
    assert diff == []


def test_new_database_is_at_head(admin_session):
    us, _ = admin_session
    assert schema.current_revision(us.db) == schema.head_revision()


def test_older_schema_is_backed_up_then_migrated(admin_session, db_path):
    us, _ = admin_session
    us.close()
    key = _key(db_path)
    db = Database(db_path, key)
    schema.downgrade(db, "0001")  # down through every revision (foreign keys off: tables are rebuilt)
    assert schema.current_revision(db) == "0001"
    db.close()

    again = identity.login(db_path, "admin", ADMIN_PASSWORD)
    try:
        assert schema.current_revision(again.db) == schema.head_revision()
        assert again.backup_made
        with again.read() as s:
            actions = [r[0] for r in s.exec(text("SELECT action FROM audit_log ORDER BY id DESC LIMIT 3")).all()]
        assert "migrate" in actions and "backup" in actions
    finally:
        again.close()
    from pathlib import Path

    backup = Path(again.backup_made)
    assert backup.exists() and (backup.parent / (backup.name + ".keys")).exists()
    old = Database(backup, key)
    try:
        assert schema.current_revision(old) == "0001"  # the backup keeps the schema it was taken from
    finally:
        old.close()
    assert maintenance.verify(backup, "admin", ADMIN_PASSWORD).ok


def test_newer_schema_is_refused_with_a_clear_message(admin_session, db_path):
    us, _ = admin_session
    with us.db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
    us.close()
    before = db_path.read_bytes()
    with pytest.raises(SchemaTooNew) as err:
        identity.login(db_path, "admin", ADMIN_PASSWORD)
    assert "newer version" in err.value.message
    assert db_path.read_bytes() == before
