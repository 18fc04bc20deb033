"""Restoring a backup in place of the encrypted database (`services.maintenance` exports it): the backup is
staged beside the database, checked with the user's password as `verify` checks, given a `restore` audit row and
moved into place; the replaced database is kept beside it. `restore` needs the database closed: the GUI ends its
session first."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func
from sqlmodel import select

from ospod_desktop.core.errors import (
    AuthenticationError,
    DatabaseCorrupt,
    DatabaseExists,
    NotOurDatabase,
    OspodError,
    PermissionDenied,
    StorageError,
)
from ospod_desktop.core.i18n import _
from ospod_desktop.core.roles import Action, Entity, Role
from ospod_desktop.services import chain_anchor
from ospod_desktop.services._verify import _check, _damage, describe
from ospod_desktop.services.context import UserSession
from ospod_desktop.services.key_file import check_key_file
from ospod_desktop.storage import audit, schema
from ospod_desktop.storage.backup import (
    database_files,
    discard,
    kept_name,
    latest_backup,
    move_database,
    stage_copy,
    sync_files,
)
from ospod_desktop.storage.engine import Database
from ospod_desktop.storage.keyslots import KeySlots, keys_path
from ospod_desktop.storage.models import AuditEntry, User
from ospod_desktop.storage.rows import saved_id

log = logging.getLogger(__name__)

RESTORE_ROLES = frozenset({Role.ADMIN})
_TS_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"  # storage.audit's time stamps


class BackupRefused(StorageError):
    """The backup failed a check (pages, integrity, audit chain, schema); nothing was changed."""

    def __init__(self, problem: str) -> None:
        super().__init__(_("The backup cannot be restored: {problem}. Nothing was changed.").format(problem=problem))
        self.problem = problem


class BackupPasswordWrong(AuthenticationError):
    """The password does not open the user's slot in the backup's key file (`field`: the form's password)."""

    def __init__(self) -> None:
        OspodError.__init__(self, _("The user name or password does not open this backup. Use the password the "
                                    "account had when the backup was made."), "password")


class RestoreNeedsForce(DatabaseExists):
    """A database is at the target path and the caller did not say to replace it."""

    def __init__(self) -> None:
        OspodError.__init__(self, _("A database already exists at this path. Restoring replaces it (it is kept "
                                    "beside it under a new name): confirm with --force."))


@dataclass(frozen=True)
class BackupReport:
    """A backup that passed the checks: where it is, when it was taken and how long its audit chain is.

    `taken_at` is the time of its newest audit row: a backup taken by `backup`/`backup_to` ends with its own
    "backup" row; one taken before a migration ends with the last thing done before it."""

    path: Path
    taken_at: datetime | None
    audit_rows: int
    audit_head: str


@dataclass(frozen=True)
class RestoreResult:
    """What `restore` did: the database now at `database`; the one it replaced renamed to `kept` (None: none was
    there); the backup's checks; the restore's own audit row."""

    database: Path
    kept: Path | None
    backup: BackupReport
    restore_row: int


def _stamp(now: datetime) -> str:
    return now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def _stage(backup: Path, staged: Path) -> None:
    if not backup.is_file():
        raise OspodError(_("There is no backup file at {path}.").format(path=backup), "backup")
    if not keys_path(backup).is_file():
        raise NotOurDatabase("key file missing")
    stage_copy(backup, staged)


@contextmanager
def _opened_backup(staged: Path, username: str, password: str) -> Iterator[tuple[Database, int, str, BackupReport]]:
    """Open a staged copy with the user's password and check it as `verify` does; yields the database, the user's
    id and role in it, and the report. Refuses a copy that fails a check or whose user is not an administrator."""
    slots = KeySlots.load(staged)
    try:
        key = slots.unlock_user(username, password)
    except AuthenticationError as exc:  # the failed attempt stays in the staged key file, which is thrown away
        raise BackupPasswordWrong() from exc
    try:
        db = Database(staged, key)
    except DatabaseCorrupt as exc:
        raise BackupRefused(describe(_damage(exc.detail or exc.message))) from exc
    try:
        failed = _check(db)
        if failed is not None:
            raise BackupRefused(describe(failed))
        schema.refuse_newer(db)
        finding = chain_anchor.check(db, key)  # a backup that lost rows its own key file's anchor names
        if finding is not None:
            raise BackupRefused(chain_anchor.describe(finding))
        with db.read() as session:
            # Only columns every revision has: a backup of an older schema is checked without migrating it.
            user = session.exec(select(User.id, User.role, User.disabled)
                                .where(User.username == username.strip().casefold())).first()
            head = audit.head(session)
            last = (head.ts, head.hash) if head else None
            rows = session.exec(select(func.count()).select_from(AuditEntry)).one()
            slot_report = check_key_file(slots, key, session)
        if not slot_report.ok:
            raise BackupRefused(_("its key file is damaged: {problem}").format(problem=slot_report.describe()))
        user_id, role, disabled = user if user is not None else (None, "", True)
        if user_id is None or role != Role.ADMIN or disabled:
            raise PermissionDenied(_("Only an administrator of the backup can restore it."))
        taken = datetime.strptime(last[0], _TS_FORMAT).replace(tzinfo=UTC) if last else None
        report = BackupReport(staged, taken, int(rows), last[1] if last else audit.GENESIS)
        yield db, user_id, str(role), report
    finally:
        db.close()


def inspect_backup(backup: Path, username: str, password: str) -> BackupReport:
    """Check a backup as `restore` would (the user's password opens it, pages, integrity, audit chain, schema, the
    user an administrator in it) on a temporary copy: the backup itself is never written. Raises if it fails."""
    backup = Path(backup)
    with tempfile.TemporaryDirectory(prefix="ospod-backup-check-") as folder:
        staged = Path(folder) / "backup.db"
        _stage(backup, staged)
        with _opened_backup(staged, username, password) as (_db, _uid, _role, report):
            return replace(report, path=backup)


def check_latest_backup(path: Path, username: str, password: str) -> BackupReport | None:
    """The newest backup in the backups folder beside `path` (`storage.backup.latest_backup`), checked with the
    user's password as `restore` would check it (`inspect_backup`; raises if it fails); None: there is none."""
    backup = latest_backup(path)
    return inspect_backup(backup, username, password) if backup is not None else None


def check_backup(us: UserSession, backup: Path, password: str) -> BackupReport:
    """`inspect_backup` for the signed-in administrator (the GUI's confirmation shows its date and row count)."""
    if us.actor.role not in RESTORE_ROLES:
        raise PermissionDenied()
    if _same_file(Path(backup), us.db.path):
        raise BackupRefused(_("it is the database in use"))
    return inspect_backup(backup, us.actor.username, password)


def _head_of(path: Path, username: str, password: str) -> str:
    """"id:hash" of the newest audit row of the database about to be replaced, when the same password opens it;
    "unknown" when it does not (or the file is damaged). Only its own key file records a failure."""
    try:
        slots = KeySlots.load(path)
        if not slots.check_password(username, password):
            return "unknown"
        db = Database(path, slots.unlock_user(username, password))
        try:
            with db.read() as session:
                head = audit.head(session)
                return f"{saved_id(head)}:{head.hash}" if head else f"0:{audit.GENESIS}"
        finally:
            db.close()
    except Exception:  # a damaged or foreign file: the restore goes on, its audit row says "unknown"
        log.warning("the replaced database's audit head could not be read", exc_info=False)
        return "unknown"


def restore(path: Path, backup: Path, username: str, password: str, *, force: bool = False, via: str = "cli",
            now: datetime | None = None) -> RestoreResult:
    """Replace the database at `path` by a backup, after checking the backup with the user's password.

    The backup is copied beside `path` and checked there like `verify` does (pages, integrity, foreign keys,
    the audit chain; the schema not newer than this app's; the user an administrator in it); a backup that fails
    is refused and nothing at `path` changes. Otherwise the copy gets a "restore" audit row (detail: how, and the
    replaced database's newest audit row "id:hash", or "unknown", or "none"), the current database with its
    key file is renamed to `<stem>.before-restore-<UTC time><suffix>` beside it — never deleted — and the copy
    is renamed into place (written under a temporary name and flushed first). An existing database is replaced
    only with `force`. Nothing may have the database open meanwhile: the GUI closes its session first.

    The restored key file is the backup's: the passwords are those of the time of the backup. A backup whose key
    file has a damaged slot is refused like a damaged database.
    """
    path, backup = Path(path), Path(backup)
    if _same_file(path, backup):
        raise BackupRefused(_("it is the database in use"))
    existing = database_files(path)
    if existing and not force:
        raise RestoreNeedsForce()
    stamp = _stamp(now or datetime.now(UTC))
    staged = path.with_name(f"{path.name}.restoring-{stamp}")
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    _stage(backup, staged)
    try:
        with _opened_backup(staged, username, password) as (db, user_id, role, report):
            replaced = _head_of(path, username, password) if path.exists() else "none"
            with db.write() as session:
                row = audit.append(session, action=Action.RESTORE, entity=Entity.DATABASE, user_id=user_id,
                                   role=role, detail=f"{via}:replaced:{replaced}")
            restore_row = saved_id(row)
            chain_anchor.set_anchor(db, bytes.fromhex(db.key_hex), "restore")  # a restore, never a truncation
        sync_files(staged)
        kept = kept_name(path, stamp) if database_files(path) else None
        moved_old = move_database(path, kept) if kept is not None else []
        try:
            move_database(staged, path)
        except BaseException:
            if moved_old:  # the old database goes back where it was
                move_database(kept, path)  # type: ignore[arg-type]
            raise
    except BaseException:
        discard(staged)
        raise
    log.info("database restored from a backup by user id %s (audit row %s)", user_id, restore_row)
    return RestoreResult(path, kept, replace(report, path=backup), restore_row)
