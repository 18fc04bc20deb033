"""A new database built under a temporary name and moved into place when complete (`init`, `demo`, the wizard).

The database and its key file are created in a staging folder beside the target (`.NAME.PID.partial/`, owner
only). Only when the build succeeded are they moved to the target: the key file first, then the database, each by
a rename that never replaces a file (a link and an unlink). A build that fails leaves nothing; one that is killed
leaves only its staging folder, never a database without its key file at the target, and the next build for the
same target removes such a folder. A build killed between the two renames — the key file in place, the database
still in the folder — is finished by the next build: the database is moved after its key file.

A build holds a lock on a file in its folder (`flock`), so a folder whose lock can be taken belongs to a build
that is gone; where there is no `flock` (Windows), leftover folders are left alone.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

from ospod_desktop.core.errors import DatabaseExists, StorageError
from ospod_desktop.core.i18n import _
from ospod_desktop.storage.files import fsync_dir
from ospod_desktop.storage.keyslots import keys_path

_flock: Callable[[int, int], None] | None
try:
    import fcntl

    _flock, _EXCLUSIVE, _NOW = fcntl.flock, fcntl.LOCK_EX, fcntl.LOCK_NB
except ImportError:  # pragma: no cover - Windows
    _flock, _EXCLUSIVE, _NOW = None, 0, 0

log = logging.getLogger(__name__)

SUFFIX = ".partial"
_LOCK = "lock"


def _sidecars(db: Path) -> tuple[Path, Path]:
    return db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")


def _move(src: Path, dst: Path) -> None:
    """Rename `src` to `dst`, never replacing a file there (raises DatabaseExists)."""
    try:
        os.link(src, dst)
    except FileExistsError:
        raise DatabaseExists() from None
    except OSError:  # a file system without hard links: check, then rename
        if dst.exists():
            raise DatabaseExists() from None
        os.rename(src, dst)
        return
    os.unlink(src)


def _locked_by_a_live_build(folder: Path) -> bool:
    if _flock is None:
        return True
    try:
        fd = os.open(folder / _LOCK, os.O_RDWR)
    except OSError:
        return False  # killed before it took its lock
    try:
        _flock(fd, _EXCLUSIVE | _NOW)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def clean_leftovers(target: Path) -> None:
    """Remove the staging folders of builds for `target` that are gone; finish one killed between its renames."""
    for folder in target.parent.glob(f".{target.name}.*{SUFFIX}"):
        if not folder.is_dir() or _locked_by_a_live_build(folder):
            continue
        staged = folder / target.name
        if staged.exists() and not keys_path(staged).exists() and keys_path(target).exists() \
                and not target.exists() and not any(p.exists() for p in _sidecars(staged)):
            log.warning("finishing a database build interrupted between its renames")
            with contextlib.suppress(DatabaseExists):
                _move(staged, target)
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def staged_database(target: Path) -> Iterator[Path]:
    """Yields the path to build the database at (its key file beside it); moves both to `target` when the block
    succeeds, removes them when it fails. The database must be closed (no connection open) when the block ends.
    Raises DatabaseExists if `target` or its key file exists."""
    target = Path(target)
    if target.exists() or keys_path(target).exists():
        raise DatabaseExists()
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    clean_leftovers(target)
    folder = target.parent / f".{target.name}.{os.getpid()}{SUFFIX}"
    shutil.rmtree(folder, ignore_errors=True)  # this process's own leftover (a pid is reused)
    try:
        folder.mkdir(mode=0o700)
    except OSError as exc:  # named by the file asked for, not by the staging folder
        raise OSError(exc.errno, exc.strerror, str(target)) from exc
    lock = os.open(folder / _LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if _flock is not None:
            _flock(lock, _EXCLUSIVE)
        staged = folder / target.name
        yield staged
        for sidecar in _sidecars(staged):  # a closed WAL database leaves none, or an empty one
            if sidecar.exists() and sidecar.stat().st_size and sidecar.name.endswith("-wal"):
                raise StorageError(_("The new database was not closed completely; it was not created."))
            sidecar.unlink(missing_ok=True)
        _move(keys_path(staged), keys_path(target))
        try:
            _move(staged, target)
        except BaseException:
            keys_path(target).unlink(missing_ok=True)
            raise
        fsync_dir(target.parent)
    finally:
        os.close(lock)
        shutil.rmtree(folder, ignore_errors=True)
