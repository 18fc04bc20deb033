"""The encrypted file: pragmas on every connection, owner-only files, wrong keys and damaged files."""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import stat

import pytest
from sqlalchemy import text

from ospod_desktop.core.errors import DatabaseCorrupt, NotOurDatabase
from ospod_desktop.storage import schema
from ospod_desktop.storage.engine import Database
from ospod_desktop.storage.files import touch_private


def _new(tmp_path, name="e.db"):
    path = tmp_path / name
    touch_private(path)
    key = secrets.token_bytes(32)
    db = Database(path, key, create=True)
    schema.upgrade(db)
    return db, path, key


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_connection_has_the_safety_pragmas(tmp_path):
    db, _, _ = _new(tmp_path)
    conns = [db.engine.connect() for _ in range(3)]  # three pooled connections, each opened by the hook
    try:
        for conn in conns:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
    finally:
        for conn in conns:
            conn.close()
        db.close()


def test_files_are_owner_only(tmp_path):
    db, path, _ = _new(tmp_path)
    with db.write() as s:
        s.exec(text("INSERT INTO office (name,address,orp,letterhead,file_mark_format,idle_lock_minutes,created_at)"
                    " VALUES ('x','','','','',5,'2026-01-01')"))
    for f in tmp_path.iterdir():
        assert stat.S_IMODE(f.stat().st_mode) == 0o600, f.name
    db.close()


def test_file_is_not_plain_sqlite(tmp_path):
    db, path, _ = _new(tmp_path)
    db.close()
    assert not path.read_bytes().startswith(b"SQLite format 3")
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("SELECT * FROM sqlite_master").fetchall()


def test_wrong_key_is_refused_and_leaves_the_file_byte_identical(tmp_path):
    db, path, key = _new(tmp_path)
    db.close()
    before = _digest(path)
    with pytest.raises((NotOurDatabase, DatabaseCorrupt)):
        Database(path, secrets.token_bytes(32))
    assert _digest(path) == before
    assert not (tmp_path / "e.db-wal").exists() or (tmp_path / "e.db-wal").stat().st_size == 0


def test_a_plain_sqlite_file_is_not_ours(tmp_path):
    path = tmp_path / "plain.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    before = _digest(path)
    with pytest.raises((NotOurDatabase, DatabaseCorrupt)):
        Database(path, secrets.token_bytes(32))
    assert _digest(path) == before


def test_missing_file_is_not_created(tmp_path):
    with pytest.raises(NotOurDatabase):
        Database(tmp_path / "missing.db", secrets.token_bytes(32))
    assert not (tmp_path / "missing.db").exists()


def test_failed_write_transaction_leaves_nothing(tmp_path):
    db, _, _ = _new(tmp_path)
    with pytest.raises(RuntimeError):
        with db.write() as s:
            s.exec(text("INSERT INTO facility (code,name,type,address,phone,email,active) VALUES ('a','b','c','','','',1)"))
            raise RuntimeError("boom")
    with db.read() as s:
        assert s.exec(text("SELECT count(*) FROM facility")).scalar() == 0
    db.close()
