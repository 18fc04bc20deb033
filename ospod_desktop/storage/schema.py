"""Bring a database to the schema this app knows: create, migrate after a backup, or refuse."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from ospod_desktop.core.errors import SchemaTooNew, StorageError
from ospod_desktop.storage.engine import Database

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _config(connection=None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    """The newest revision this app knows."""
    return ScriptDirectory.from_config(_config()).get_current_head() or ""


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@contextmanager
def _migrating(db: Database) -> Iterator:
    """One transaction with foreign keys off, as SQLite's way of rebuilding a table requires (a table that
    others refer to cannot be dropped and re-created with them on); before the commit every foreign key is
    checked, and they are on again afterwards, whatever happened."""
    with db.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")  # outside a transaction: inside one SQLite ignores it
        try:
            with conn.begin():
                yield conn
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    table, rowid = broken[0][0], broken[0][1]
                    raise StorageError(f"migration left a broken reference: {table} row {rowid}")
        finally:
            raw.execute("PRAGMA foreign_keys = ON")


def upgrade(db: Database, target: str = "head") -> None:
    """Run the migrations up to `target` in one transaction."""
    with _migrating(db) as conn:
        command.upgrade(_config(conn), target)


def downgrade(db: Database, target: str) -> None:
    """Run the migrations back down to `target` in one transaction (tests, and undoing a failed release)."""
    with _migrating(db) as conn:
        command.downgrade(_config(conn), target)


def ensure_current(db: Database, backups_dir: Path | None = None) -> str | None:
    """Migrate an older schema after an online backup; refuse a newer one. Returns the backup path made."""
    current = current_revision(db)
    head = head_revision()
    if current == head:
        return None
    script = ScriptDirectory.from_config(_config())
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise SchemaTooNew(current)
    from ospod_desktop.storage.backup import backup_database

    backup_path = None
    if current is not None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        folder = backups_dir or db.path.parent / "backups"
        backup_path = folder / f"{db.path.stem}-before-{head}-{stamp}.db"
        backup_database(db, backup_path)
        log.info("backup before migration %s -> %s written", current, head)
    upgrade(db)
    return str(backup_path) if backup_path else None


def refuse_newer(db: Database) -> None:
    """Raise SchemaTooNew when `db` was written by a newer app (a revision this one does not know); no migration."""
    current = current_revision(db)
    if current is None or current == head_revision():
        return
    known = {rev.revision for rev in ScriptDirectory.from_config(_config()).walk_revisions()}
    if current not in known:
        raise SchemaTooNew(current)
