"""Online, encrypted backups (SQLite backup API), the integrity checks `verify` runs, and the file moves a
restore makes (a staged copy, the replaced database kept beside under a new name, a rename into place)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

from ospod_desktop.core.errors import DatabaseExists
from ospod_desktop.storage.disk import write_failure
from ospod_desktop.storage.engine import Database, _connect
from ospod_desktop.storage.files import fsync_dir, touch_private
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
    # The key file first: its anchor (`storage.anchor`) is then never newer than the copy of the database. A disk
    # that refuses it names the file (OSError); SQLite's refusals below are said as a full or read-only disk.
    out.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    shutil.copyfile(keys_path(db.path), keys_path(out))
    keys_path(out).chmod(0o600)
    touch_private(out)
    key_hex = _db_key_hex(db)
    try:
        target = _connect(out, key_hex, create=True)
        try:
            with _raw(db) as source:
                source.backup(target)
            target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            target.close()
    except Exception as exc:
        if (refused := write_failure(exc)) is not None and refused is not exc:  # the backup's disk is full
            raise refused from exc
        raise
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


# --- the files of one database, for a restore ---------------------------------------------------------------

SIDE_SUFFIXES = ("-wal", "-shm")  # SQLite's own files beside a database: a WAL must never meet another database


def database_files(path: Path) -> list[Path]:
    """The database at `path`, its key file, and SQLite's WAL and shared-memory files: the ones that exist."""
    path = Path(path)
    names = [path, keys_path(path)] + [path.with_name(path.name + s) for s in SIDE_SUFFIXES]
    return [p for p in names if p.exists()]


def _counterpart(file: Path, src: Path, dst: Path) -> Path:
    """`file` (one of `src`'s files) renamed to belong to `dst`: the same suffix after the database's name."""
    return dst.with_name(dst.name + file.name[len(src.name):])


def stage_copy(backup: Path, staged: Path) -> None:
    """Copy a backup, its key file and a WAL left beside it to `staged` (new owner-only files, flushed to disk).

    The backup itself is only read."""
    backup, staged = Path(backup), Path(staged)
    if database_files(staged):
        raise DatabaseExists()
    try:
        _copy_synced(backup, staged)
        _copy_synced(keys_path(backup), keys_path(staged))
        wal = backup.with_name(backup.name + "-wal")
        if wal.exists() and wal.stat().st_size:
            _copy_synced(wal, staged.with_name(staged.name + "-wal"))
    except BaseException:
        discard(staged)
        raise
    fsync_dir(staged.parent)


def _copy_synced(src: Path, dst: Path) -> None:
    fd = os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with open(src, "rb") as source, os.fdopen(fd, "wb") as target:
        shutil.copyfileobj(source, target, 1 << 20)
        target.flush()
        os.fsync(target.fileno())


def sync_files(path: Path) -> None:
    """fsync the database's files that exist (after SQLite closed them)."""
    for file in database_files(path):
        fd = os.open(file, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def discard(staged: Path) -> None:
    """Delete a staged copy (never the database in use: only names this module made for staging)."""
    for file in database_files(staged):
        file.unlink(missing_ok=True)


def move_database(src: Path, dst: Path) -> list[tuple[Path, Path]]:
    """Rename the database at `src` with its key file and side files to `dst` (same folder, nothing overwritten).

    Returns the renames made, in order; on a failure the ones made are undone and the error raised."""
    src, dst = Path(src), Path(dst)
    pairs = [(file, _counterpart(file, src, dst)) for file in database_files(src)]
    taken = [target for _file, target in pairs if target.exists()]
    if taken:
        raise DatabaseExists()
    done: list[tuple[Path, Path]] = []
    try:
        for file, target in pairs:
            os.rename(file, target)
            done.append((file, target))
    except BaseException:
        for file, target in reversed(done):
            os.rename(target, file)
        raise
    fsync_dir(dst.parent)
    return done


def kept_name(path: Path, stamp: str) -> Path:
    """A free name beside `path` for the database a restore replaces: `ospod.before-restore-<stamp>.db`."""
    path = Path(path)
    for n in range(1, 1000):
        extra = "" if n == 1 else f"-{n}"
        candidate = path.with_name(f"{path.stem}.before-restore-{stamp}{extra}{path.suffix}")
        if not database_files(candidate):
            return candidate
    raise DatabaseExists()


# --- where backups are kept ------------------------------------------------------------------------------------

def backups_folder(path: Path) -> Path:
    """`backups/` beside the database: where the backup dialog suggests saving, where the backups before an upgrade
    go (`storage.schema`), and where the login window looks when the database cannot be opened."""
    return Path(path).parent / "backups"


def latest_backup(path: Path) -> Path | None:
    """The newest backup of the database at `path` in its backups folder (a `.db` file with its key file; newest by
    the time it was written), or None."""
    folder = backups_folder(path)
    try:
        found = [p for p in folder.glob("*.db") if p.is_file() and keys_path(p).is_file()]
    except OSError:
        return None
    return max(found, key=lambda p: (p.stat().st_mtime_ns, p.name), default=None)
