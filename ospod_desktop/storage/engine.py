"""The SQLCipher engine: a raw hex key in a connect hook, safety pragmas checked on every connection."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import QueuePool
from sqlmodel import Session

from ospod_desktop.core.errors import DatabaseCorrupt, NotOurDatabase, StorageError
from ospod_desktop.core.i18n import _
from ospod_desktop.storage import (
    anchor,
    busy,
    disk,
    sealing,
    sealing_orm,
    sync,  # noqa: F401  (installs the updated_at and tombstone listeners)
)

log = logging.getLogger(__name__)

APPLICATION_ID = 0x4F53504F  # "OSPO": marks the file as ours once it is decrypted
_HEX_KEY = re.compile(r"^[0-9a-f]{64}$")

REQUIRED_PRAGMAS = {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "secure_delete": 1}


class ReadOnlySession(StorageError):
    """A write in a session that may only read (`Database.read_only` says why, translated)."""


def _connect(path: Path, key_hex: str, create: bool) -> sqlcipher.Connection:
    """Open one connection; the key is validated hex, so pasting it into the PRAGMA is safe."""
    if not _HEX_KEY.match(key_hex):
        raise StorageError(_("Invalid database key."))
    mode = "rwc" if create else "rw"
    uri = f"file:{quote(str(path))}?mode={mode}"
    try:
        con = sqlcipher.connect(uri, uri=True, check_same_thread=False, isolation_level=None, timeout=10)
    except sqlcipher.OperationalError as exc:
        raise NotOurDatabase(str(exc)) from exc
    try:
        con.execute("PRAGMA cipher_log_level = NONE")
        con.execute(f"PRAGMA key = \"x'{key_hex}'\"")
        # The first read proves the key; a wrong key or a foreign file fails here and nothing is written.
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if not create:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            if app_id != APPLICATION_ID:
                raise NotOurDatabase("application_id")
        _apply_pragmas(con)
    except sqlcipher.DatabaseError as exc:
        con.close()
        if (refused := disk.open_failure(exc)) is not None:  # a full or read-only disk, not a damaged file
            raise refused from exc
        if "not a database" in str(exc):
            if create:
                raise NotOurDatabase(str(exc)) from exc
            # The key came from an authenticated slot, so an undecryptable first page means damage
            # (or a database file swapped under its key file).
            raise DatabaseCorrupt("page 1 cannot be decrypted") from exc
        raise DatabaseCorrupt(str(exc)) from exc
    except (NotOurDatabase, StorageError):
        con.close()
        raise
    except Exception as exc:  # a flipped byte can surface as MemoryError (platform notes)
        con.close()
        raise DatabaseCorrupt(type(exc).__name__) from exc
    return con


def _apply_pragmas(con: sqlcipher.Connection) -> None:
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = FULL")
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("PRAGMA secure_delete = ON")
    con.execute(f"PRAGMA busy_timeout = {busy.BUSY_TIMEOUT_MS}")
    con.execute("PRAGMA cache_size = -65536")  # 64 MiB of decrypted pages: lists and search stay in memory
    for name, expected in REQUIRED_PRAGMAS.items():
        actual = con.execute(f"PRAGMA {name}").fetchone()[0]
        if isinstance(actual, str):
            actual = actual.lower()
        if actual != expected:
            raise StorageError(_("The database refused a required safety setting ({name}).").format(name=name))


class Database:
    """One encrypted database file: an engine, and sessions for reading and for writing."""

    def __init__(self, path: Path, key: bytes, create: bool = False) -> None:
        self.path = Path(path)
        self.key_hex = key_hex = key.hex()
        # Open (and verify) one connection now so a bad key or file fails before anything else.
        first = _connect(self.path, key_hex, create)
        if create:
            first.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        self._first: sqlcipher.Connection | None = first

        def creator() -> sqlcipher.Connection:
            if self._first is not None:
                con, self._first = self._first, None
                return con
            return _connect(self.path, key_hex, False)

        # An explicit QueuePool: the URL has no file name, so SQLAlchemy would otherwise pick the
        # in-memory SingletonThreadPool and hand one connection to every session of a thread.
        self.engine: Engine = create_engine(
            "sqlite+pysqlite://", module=sqlcipher, creator=creator, poolclass=QueuePool, pool_size=4, max_overflow=8
        )
        self._write_lock = threading.RLock()

        @event.listens_for(self.engine, "connect")
        def _connect_hook(dbapi_connection, _record) -> None:
            # SQLAlchemy's documented recipe: the driver must not BEGIN implicitly; the "begin" hook does.
            dbapi_connection.isolation_level = None

        @event.listens_for(self.engine, "begin")
        def _begin(conn) -> None:  # pysqlite's own BEGIN handling is off (isolation_level=None)
            if conn.get_execution_options().get("ospod_write"):
                # Another process's write: wait, say so, and give up clearly (`storage.busy`).
                busy.begin_immediate(conn.connection.driver_connection, self.path)
            else:
                conn.exec_driver_sql("BEGIN DEFERRED")

        self._write_engine = self.engine.execution_options(ospod_write=True)
        # The office key, when the session's account holds it: sealed columns open with it (`storage.sealing`).
        sealing_orm.install()
        self.office = sealing.OfficeKey()
        sealing.attach(self.engine, self.office)
        sealing.attach(self._write_engine, self.office)
        # After each committed write: called with the audit chain's head (`storage.anchor.Keeper` moves the key
        # file's anchor). None: nothing (a database being built, a staged copy).
        self.on_commit: Callable[[Any], None] | None = None
        # A translated reason when this session may only read (the audit chain lost rows: `services.chain_anchor`);
        # every write is then refused with it.
        self.read_only: str | None = None

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session; rolled back at the end."""
        with Session(self.engine, expire_on_commit=False) as session:
            yield session
            session.rollback()

    @contextmanager
    def write(self, before: Callable[[Any], Callable[[], None] | None] | None = None) -> Iterator[Session]:
        """A write transaction (BEGIN IMMEDIATE): committed if the block succeeds, else rolled back whole.

        `before`: called with the transaction's driver connection before its BEGIN, so before the write lock is
        taken (an import copies its rows into the connection's TEMP tables there, `storage.bulk.stage_in_temp`);
        what it returns, if anything, is called after the transaction ends, however it ends (to drop them)."""
        if self.read_only is not None:
            raise ReadOnlySession(self.read_only)
        if before is None:
            with self._write_lock, Session(self._write_engine, expire_on_commit=False) as session:
                head = yield from self._committed(session)
        else:
            with self._write_engine.connect() as conn:
                after = before(conn.connection.driver_connection)  # checked out; no BEGIN before the first statement
                try:
                    with self._write_lock, Session(bind=conn, expire_on_commit=False) as session:
                        head = yield from self._committed(session)
                finally:
                    if after is not None:
                        after()
        if self.on_commit is not None:
            self.on_commit(head)

    def _committed(self, session: Session) -> Generator[Session, None, Any]:
        """The body of a write: yield the session, then commit (returning the chain's head for `on_commit`), or
        roll back whole."""
        try:
            yield session
            head = anchor.head_of(session.connection()) if self.on_commit is not None else None
            session.commit()
        except BaseException as exc:
            session.rollback()
            if (refused := disk.write_failure(exc)) is not None and refused is not exc:
                raise refused from exc  # the disk is full or read-only: said so, never "unexpected failure"
            raise
        return head

    def holding(self, what: str):
        """A note that this process holds the write lock for a while (`busy.holding`): `with db.holding("import"),
        db.write() as session: …` lets a process waiting for it say what it waits for."""
        return busy.holding(self.path, what)

    def checkpoint(self) -> None:
        """Fold the WAL into the main file (before a backup or on close)."""
        with self.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        """Checkpoint and close every connection."""
        try:
            self.checkpoint()
        except Exception as exc:  # closing must not fail because a checkpoint could not run (the WAL keeps the data)
            # A full or read-only disk is expected to refuse it (the user was told by the write that failed).
            level = logging.INFO if disk.write_failure(exc) is not None else logging.WARNING
            log.log(level, "checkpoint on close failed (%s); the WAL keeps the data", type(exc).__name__)
            log.debug("checkpoint on close failed", exc_info=True)
        self.engine.dispose()
        if self._first is not None:
            self._first.close()
            self._first = None
