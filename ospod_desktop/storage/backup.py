"""Online, encrypted backups (SQLite backup API) and the integrity checks `verify` runs."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

from ospod_desktop.core.errors import DatabaseExists
from ospod_desktop.storage.engine import Database, _connect
from ospod_desktop.storage.files import touch_private
from ospod_desktop.storage.keyslots import keys_path


@contextmanager
def _raw(db: Database) -> Iterator[sqlcipher.Connection]:
    """A pooled keyed DB-API connection, returned to the pool afterwards."""
    fairy = db.engine.raw_connection()
    try:
        yield fairy.driver_connection
    finally:
        fairy.close()


def backup_database(db: Database, out: Path) -> Path:
    """Copy the live database page by page into `out` (same key), with a copy of its key slots."""
    out = Path(out)
    if out.exists() or keys_path(out).exists():
        raise DatabaseExists()
    touch_private(out)
    key_hex = _db_key_hex(db)
    target = _connect(out, key_hex, create=True)
    try:
        with _raw(db) as source:
            source.backup(target)
        target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        target.close()
    shutil.copyfile(keys_path(db.path), keys_path(out))
    keys_path(out).chmod(0o600)
    return out


def _db_key_hex(db: Database) -> str:
    return db.key_hex


@dataclass
class IntegrityReport:
    """What the page, integrity and foreign-key checks found (empty lists: all good)."""

    cipher_errors: list[str] = field(default_factory=list)
    integrity_errors: list[str] = field(default_factory=list)
    foreign_key_errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.cipher_errors or self.integrity_errors or self.foreign_key_errors)

    def first_problem(self) -> str:
        for items in (self.cipher_errors, self.integrity_errors, self.foreign_key_errors):
            if items:
                return items[0]
        return ""


def check_integrity(db: Database) -> IntegrityReport:
    """SQLCipher's per-page HMAC check, SQLite's integrity check and the foreign-key check."""
    report = IntegrityReport()
    with _raw(db) as con:
        report.cipher_errors = [str(r[0]) for r in con.execute("PRAGMA cipher_integrity_check").fetchall()]
        if report.cipher_errors:
            return report  # SQLite's own checks would only stumble over the same damaged pages
        try:
            rows = [str(r[0]) for r in con.execute("PRAGMA integrity_check").fetchall()]
            report.integrity_errors = [r for r in rows if r != "ok"]
            report.foreign_key_errors = [
                f"{r[0]} rowid {r[1]} -> {r[2]}" for r in con.execute("PRAGMA foreign_key_check").fetchall()
            ]
        except Exception as exc:  # a damaged file can raise DatabaseError or even MemoryError here
            report.integrity_errors.append(f"{type(exc).__name__}: {exc}")
    return report
