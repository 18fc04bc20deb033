"""Owner-only files, written atomically."""

from __future__ import annotations

import os
import tempfile
import threading
from contextlib import suppress
from pathlib import Path

_locks: dict[str, threading.RLock] = {}
_locks_guard = threading.Lock()


def file_lock(path: Path) -> threading.RLock:
    """The lock this process's threads take to read, change and write one file (the key file has three writers:
    its slots, its audit anchor after every commit, its recovery record); other processes merge on their side."""
    with _locks_guard:
        return _locks.setdefault(os.path.abspath(path), threading.RLock())


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically (a temporary file of its own, fsync, rename) with mode 0600: two writers at
    once never share a temporary file."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)  # owner-only already
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def write_atomic(target: Path, data: bytes) -> None:
    """Write `data` to `target` whole or not at all (an exported document): a uniquely named owner-only temporary
    file in the same folder (which must exist), fsync, replace, then the folder synced so the rename survives."""
    fd, tmp = tempfile.mkstemp(prefix=".ospod-", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(target.parent)


def fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def touch_private(path: Path) -> None:
    """Create an empty owner-only file so SQLite (and its -wal/-shm files) inherit mode 0600."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
