"""`storage.disk`: which errors mean the disk refused a write (full, read-only, a size limit) — told apart from a
damaged file, a lock and anything else — and a real write refused by RLIMIT_FSIZE inside `Database.write`."""

from __future__ import annotations

import errno
import subprocess
import sys
from pathlib import Path

import pytest
import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy.exc import OperationalError as SAOperationalError

from ospod_desktop.core.errors import DiskWriteFailed, FolderNotWritable, os_error_message
from ospod_desktop.storage import disk


def _sqlite_error(kind: type, text: str, name: str = "") -> Exception:
    exc = kind(text)
    if name:
        exc.sqlite_errorname = name
    return exc


@pytest.mark.parametrize(("exc", "refused"), [
    (_sqlite_error(sqlcipher.OperationalError, "database or disk is full", "SQLITE_FULL"), True),
    (_sqlite_error(sqlcipher.OperationalError, "disk I/O error", "SQLITE_IOERR_WRITE"), True),
    (_sqlite_error(sqlcipher.OperationalError, "disk I/O error", "SQLITE_IOERR_FSYNC"), True),
    (_sqlite_error(sqlcipher.OperationalError, "attempt to write a readonly database", "SQLITE_READONLY"), True),
    (_sqlite_error(sqlcipher.OperationalError, "database or disk is full"), True),  # no extended code: the text
    (_sqlite_error(sqlcipher.OperationalError, "disk I/O error", "SQLITE_IOERR_SHORT_READ"), False),  # maybe damage
    (_sqlite_error(sqlcipher.OperationalError, "disk I/O error", "SQLITE_IOERR_READ"), False),
    (_sqlite_error(sqlcipher.DatabaseError, "file is not a database", "SQLITE_NOTADB"), False),
    (_sqlite_error(sqlcipher.DatabaseError, "database disk image is malformed", "SQLITE_CORRUPT"), False),
    (_sqlite_error(sqlcipher.OperationalError, "database is locked", "SQLITE_BUSY"), False),
    (OSError(errno.ENOSPC, "No space left on device", "x"), True),
    (OSError(errno.EROFS, "Read-only file system", "x"), True),
    (OSError(errno.EFBIG, "File too large", "x"), True),
    (OSError(errno.ENOENT, "No such file", "x"), False),
    (ValueError("database or disk is full"), False),  # only the driver's errors are read
])
def test_write_failure_tells_a_refused_write_from_damage_and_locks(exc, refused):
    assert (disk.write_failure(exc) is not None) is refused
    wrapped = SAOperationalError("INSERT", {}, exc) if isinstance(exc, sqlcipher.Error) else None
    if wrapped is not None:  # SQLAlchemy's wrapping reads the same
        assert (disk.write_failure(wrapped) is not None) is refused


def test_open_failure_names_a_read_only_folder():
    cantopen = _sqlite_error(sqlcipher.OperationalError, "unable to open database file", "SQLITE_CANTOPEN")
    assert isinstance(disk.open_failure(cantopen), FolderNotWritable)
    assert isinstance(disk.open_failure(_sqlite_error(sqlcipher.OperationalError, "x", "SQLITE_FULL")),
                      DiskWriteFailed)
    assert disk.open_failure(_sqlite_error(sqlcipher.DatabaseError, "file is not a database", "SQLITE_NOTADB")) is None


def test_the_messages_are_translated(english):
    from ospod_desktop.core import i18n

    i18n.set_language("cs")
    assert DiskWriteFailed().message.startswith("Disk odmítl uložení")
    assert FolderNotWritable().message.startswith("Databázi nelze otevřít")
    assert os_error_message(OSError(errno.EFBIG, "File too large", "/x")) == \
        "Soubor dosáhl limitu velikosti disku nebo systému: /x"


WRITE_UNDER_LIMIT = """
import resource, signal, sys
from ospod_desktop.core.errors import DiskWriteFailed
from ospod_desktop.services import children, identity
from tests.conftest import child_form
us = identity.login(sys.argv[1], "officer", sys.argv[2])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))  # from here no file may grow: the next write fails
try:
    children.register_child(us, child_form("Amina", "Haidari", "F"))
except DiskWriteFailed as exc:
    print("refused", exc.detail)
us.close()
"""


def test_a_registration_the_disk_refuses_raises_disk_write_failed_and_saves_nothing(officer_session, db_path):
    from ospod_desktop.services import children, identity
    from tests.conftest import OFFICER_PASSWORD

    before = children.child_ids(officer_session, children.ListFilter())
    officer_session.close()
    r = subprocess.run([sys.executable, "-c", WRITE_UNDER_LIMIT, str(db_path), OFFICER_PASSWORD],
                       capture_output=True, text=True, timeout=120, cwd=Path(__file__).resolve().parents[2])
    assert r.stdout.startswith("refused SQLITE_"), r.stdout + r.stderr
    us = identity.login(db_path, "officer", OFFICER_PASSWORD)
    try:
        assert children.child_ids(us, children.ListFilter()) == before
    finally:
        us.close()


def test_the_gui_shows_a_full_or_read_only_disk_in_words():
    from ospod_desktop.ui.errors import message_for

    assert message_for(OSError(errno.ENOSPC, "No space left on device", "/media/usb/zaloha.db")) == \
        "The disk is full: /media/usb/zaloha.db"
    assert message_for(OSError(errno.EROFS, "Read-only file system", "/media/usb/x.pdf")) == \
        "The disk is read-only: /media/usb/x.pdf"
    assert message_for(DiskWriteFailed("SQLITE_FULL")) == DiskWriteFailed().message
    assert message_for(OSError(errno.EBADF, "Bad file descriptor")).startswith("Something went wrong")
