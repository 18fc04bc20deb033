"""Waiting for the write lock another process holds, and saying so.

SQLite lets one process write at a time; readers never wait (WAL). A write transaction starts with BEGIN
IMMEDIATE (`engine.Database.write`): when another process holds the lock, `begin_immediate` tells the user once
that it waits (`set_notice`: the CLI prints the message; without a listener it is logged), tries again in short
steps, and after `WAIT_SECONDS` gives up with `DatabaseBusy` naming what holds the lock — never SQLite's bare
"database is locked".

What holds it is known when the holder said so: a long writer (the children import) keeps a note beside the
database while it writes (`holding`: `<db>-writer`, what it is, its process id and since when; no personal data),
removed when it is done. A note whose process is gone is ignored.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from ospod_desktop.core.errors import DatabaseBusy
from ospod_desktop.core.i18n import N_, _

log = logging.getLogger(__name__)

WAIT_SECONDS = 120.0  # how long a write waits for another process's write before it gives up
STEP_MS = 500  # one attempt's wait inside SQLite (its busy handler), between the checks of the deadline
BUSY_TIMEOUT_MS = 10_000  # every other statement's wait (the connection's `busy_timeout`)
NOTE_SUFFIX = "-writer"
# What a holder's note may say it is (the note stores the code; the message says it in the user's language).
HOLDERS = {"import": N_("an import of children"), "demo": N_("the building of a demo database")}

_notice: Callable[[str], None] | None = None


def set_notice(fn: Callable[[str], None] | None) -> None:
    """`fn(message)` is called (once per wait) when a write must wait for another process; None: only logged."""
    global _notice
    _notice = fn


_local = threading.local()


@contextmanager
def notices_to(fn: Callable[[str], None]) -> Iterator[None]:
    """Within the block, this thread's waits are told to `fn` instead (a window's worker: its dialog shows that
    the work waits, not a frozen progress bar)."""
    before = getattr(_local, "notice", None)
    _local.notice = fn
    try:
        yield
    finally:
        _local.notice = before


def _tell(message: str) -> None:
    fn = getattr(_local, "notice", None) or _notice
    if fn is not None:
        fn(message)


def is_busy(exc: BaseException) -> bool:
    """An SQLite error (the driver's, or SQLAlchemy's wrapping it) saying another connection holds a lock."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    return type(getattr(exc, "orig", None) or exc).__name__ == "OperationalError" and (
        "database is locked" in text or "database is busy" in text or "database table is locked" in text)


def note_path(db_path: Path) -> Path:
    return Path(db_path).with_name(Path(db_path).name + NOTE_SUFFIX)


def _alive(pid: int) -> bool:
    if os.name != "posix":  # os.kill(pid, 0) is not a harmless probe elsewhere: trust the note
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, owned by someone else
        return True
    return True


def holder_text(db_path: Path) -> str:
    """What holds the write lock, in words, from the holder's note ("" when unknown)."""
    try:
        note: dict[str, Any] = json.loads(note_path(db_path).read_text(encoding="utf-8"))
        pid, what, since = int(note["pid"]), str(note["what"]), datetime.fromisoformat(note["since"])
    except (OSError, ValueError, KeyError, TypeError):
        return ""
    if pid == os.getpid() or not _alive(pid):
        return ""
    return _("{what} in process {pid}, since {time}").format(
        what=_(HOLDERS[what]) if what in HOLDERS else what, pid=pid, time=since.strftime("%H:%M:%S"))


@contextmanager
def holding(db_path: Path, what: str) -> Iterator[None]:
    """Leave a note that this process holds (or is about to hold) the write lock for a while (`what`: a key of
    HOLDERS), so a process that waits for it can say what it waits for."""
    path = note_path(db_path)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"pid": os.getpid(), "what": what, "since": datetime.now().isoformat(timespec="seconds")}, f)
    except OSError:  # a note that cannot be written only makes the waiting message vaguer
        log.debug("writer note not written", exc_info=True)
    try:
        yield
    finally:
        path.unlink(missing_ok=True)


def waiting_message(db_path: Path) -> str:
    holder = holder_text(db_path)
    if holder:
        return _("The database is busy: another process is writing ({holder}); waiting…").format(holder=holder)
    return _("The database is busy: another process is writing; waiting…")


def begin_immediate(con: Any, db_path: Path, wait_seconds: float | None = None) -> None:
    """BEGIN IMMEDIATE on the DB-API connection `con`, waiting for another process's write as described above."""
    wait = WAIT_SECONDS if wait_seconds is None else wait_seconds
    con.execute(f"PRAGMA busy_timeout = {STEP_MS}")
    try:
        deadline, told = time.monotonic() + wait, False
        while True:
            try:
                con.execute("BEGIN IMMEDIATE")
                return
            except Exception as exc:
                if not is_busy(exc):
                    raise
            if time.monotonic() >= deadline:
                raise DatabaseBusy(holder_text(db_path), round(wait))
            if not told:
                told = True
                message = waiting_message(db_path)
                log.info("waiting for the write lock")
                _tell(message)
    finally:
        con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
