"""Writes the disk refused — full, read-only, a file size limit, an I/O error — told apart from damage and locks.

SQLite reports a full disk as SQLITE_FULL ("database or disk is full"; also a write cut short by RLIMIT_FSIZE),
a write the system refused outright as SQLITE_IOERR ("disk I/O error": ENOSPC, EFBIG or EIO), and a read-only file
or folder as SQLITE_READONLY. None of them means the file is damaged: the transaction is rolled back and the data
saved before is intact, so the user hears `DiskWriteFailed`, never "damaged" or "unexpected failure".
"""

from __future__ import annotations

import errno

from ospod_desktop.core.errors import DiskWriteFailed, FolderNotWritable

_NAMES = ("SQLITE_FULL", "SQLITE_IOERR", "SQLITE_READONLY")
_TEXTS = ("database or disk is full", "disk i/o error", "attempt to write a readonly database")
_ERRNOS = frozenset({errno.ENOSPC, errno.EFBIG, errno.EROFS, errno.EDQUOT})


def write_failure(exc: BaseException) -> DiskWriteFailed | None:
    """`DiskWriteFailed` for an SQLite error (the driver's, or SQLAlchemy's wrapping it) or an OSError saying the
    disk refused a write; None for anything else."""
    if isinstance(exc, DiskWriteFailed):
        return exc
    orig = getattr(exc, "orig", None) or exc
    if isinstance(orig, OSError):
        return DiskWriteFailed(errno.errorcode.get(orig.errno or 0, "OSError")) if orig.errno in _ERRNOS else None
    if type(orig).__name__ not in {"OperationalError", "DatabaseError"}:
        return None
    name = str(getattr(orig, "sqlite_errorname", "") or "")
    if name:  # the extended code: a failed read (IOERR_READ, IOERR_SHORT_READ) may be damage, never a full disk
        refused = name.startswith(_NAMES) and not name.startswith(("SQLITE_IOERR_READ", "SQLITE_IOERR_SHORT_READ"))
    else:
        refused = any(t in str(orig).lower() for t in _TEXTS)
    return DiskWriteFailed(name or type(orig).__name__) if refused else None


def open_failure(exc: BaseException) -> DiskWriteFailed | FolderNotWritable | None:
    """For an error met while opening a file that exists: `FolderNotWritable` when SQLite could not open its journal
    files beside it (SQLITE_CANTOPEN on the first read: a read-only folder or disk), else `write_failure`."""
    orig = getattr(exc, "orig", None) or exc
    name = str(getattr(orig, "sqlite_errorname", "") or "")
    if name.startswith(("SQLITE_CANTOPEN", "SQLITE_READONLY_CANTINIT", "SQLITE_READONLY_DIRECTORY")) or (
            not name and "unable to open database file" in str(orig).lower()):
        return FolderNotWritable(name or type(orig).__name__)
    return write_failure(exc)
