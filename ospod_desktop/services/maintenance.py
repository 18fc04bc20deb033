"""Integrity verification, online backups, and restoring a backup in place of the encrypted database.

Every function here can be called from the CLI (paths, user name, password) or, the `*_to`/`check_*` ones, from
the GUI with its session. `restore` needs the database closed: the GUI ends its session first."""

from __future__ import annotations

import logging
import re
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
from ospod_desktop.services import chain_anchor, identity
from ospod_desktop.services.context import Tx, UserSession
from ospod_desktop.services.key_file import KeyFileReport, check_key_file, refuse_damaged
from ospod_desktop.storage import audit, schema
from ospod_desktop.storage.anchor import Anchor
from ospod_desktop.storage.backup import (
    IntegrityReport,
    backup_database,
    check_integrity,
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
BACKUP_ROLES = frozenset({Role.ADMIN, Role.SUPERVISOR, Role.OFFICER})


# What failed, as a code a caller translates (`VerifyReport.kind`); `where` is the page, row or audit row.
PAGE_DAMAGED = "page_damaged"  # SQLCipher: a page does not decrypt or its HMAC does not match (where: the page)
DAMAGED = "damaged"  # damaged, no page known
STRUCTURE = "structure"  # SQLite's integrity check (where: a page it names, if any)
FOREIGN_KEY = "foreign_key"  # a row refers to a missing row (where: its rowid, table: its table)
UNREADABLE = "unreadable"  # reading the file failed part-way
AUDIT_MISSING_ROW = "audit_missing_row"  # where: the audit row id
AUDIT_BROKEN_LINK = "audit_broken_link"
AUDIT_HASH_MISMATCH = "audit_hash_mismatch"
AUDIT_BAD_ID = "audit_bad_id"  # where: an audit row id of 0 or below (outside the chain's 1, 2, …)
KEY_FILE = "key_file"  # a slot of the key file is damaged or not authentic (key_file: what, where: the slot)
ANCHOR = "anchor"  # the chain contradicts an anchor (chain: the finding, where: the anchor's id)
AUDIT_MAC = "audit_mac"  # a forward-secure MAC fails with the recovery code (mac: the check, where: the row)
_AUDIT_KINDS = {"missing row": AUDIT_MISSING_ROW, "broken link": AUDIT_BROKEN_LINK, "hash mismatch": AUDIT_HASH_MISMATCH,
               "id out of range": AUDIT_BAD_ID}
_PAGE = re.compile(r"\bpage (\d+)", re.IGNORECASE)
_FOREIGN_KEY = re.compile(r"^(\w+) rowid (\d+) -> ")


@dataclass(frozen=True)
class VerifyReport:
    """What `verify` found. `problem` is the technical text (English, for logs); `kind` and `where` say the same
    as a code and a number, for a message in the user's language."""

    ok: bool
    audit_rows: int
    audit_head: str
    problem: str = ""
    kind: str = ""
    where: int | None = None
    table: str = ""
    key_file: KeyFileReport | None = None
    chain: chain_anchor.ChainFinding | None = None
    mac: chain_anchor.MacCheck | None = None  # the forward-secure MACs: their state, and with the code the walk


def describe(report: VerifyReport) -> str:
    """What `maintenance.verify` found, in the user's language (its `kind` and `where`, never library text)."""
    where = report.where
    if report.kind == PAGE_DAMAGED:
        return _("page {page} of the database file is damaged: it cannot be decrypted, or its checksum does "
                 "not match. Open a backup instead.").format(page=where)
    if report.kind == STRUCTURE:
        if where is not None:
            return _("the database's inner structure is damaged (page {page}). Open a backup instead.").format(
                page=where)
        return _("the database's inner structure is damaged. Open a backup instead.")
    if report.kind == FOREIGN_KEY:
        return _("row {row} of table {table} refers to a record that does not exist.").format(
            row=where if where is not None else "?", table=report.table or "?")
    if report.kind == UNREADABLE:
        return _("the database could not be read to the end: it is damaged. Open a backup instead.")
    if report.kind == AUDIT_MISSING_ROW:
        return _("audit row {row} is missing: the audit chain was cut.").format(row=where)
    if report.kind == AUDIT_BROKEN_LINK:
        return _("audit row {row} does not follow from the row before it: the audit chain was altered.").format(
            row=where)
    if report.kind == AUDIT_HASH_MISMATCH:
        return _("audit row {row} was changed after it was written.").format(row=where)
    if report.kind == AUDIT_BAD_ID:
        return _("there is an audit row with id {row}, outside the chain's numbering from 1: rows were moved "
                 "out of the audit chain.").format(row=where)
    if report.kind == ANCHOR and report.chain is not None:
        return chain_anchor.describe(report.chain)
    if report.kind == AUDIT_MAC and report.mac is not None:
        return chain_anchor.describe_mac(report.mac)
    if report.kind == KEY_FILE and report.key_file is not None:
        return _("the key file is damaged: {problem}. {advice}").format(problem=report.key_file.describe(),
                                                                        advice=report.key_file.advice())
    return _("the database file is damaged. Open a backup instead.")


def _page(text: str) -> int | None:
    found = _PAGE.search(text)
    return int(found.group(1)) if found else None


def _damage(problem: str) -> VerifyReport:
    """A report for damage found before the audit chain could be read."""
    page = _page(problem)
    return VerifyReport(False, 0, "", problem, PAGE_DAMAGED if page is not None else DAMAGED, page)


def _integrity_report(integrity: IntegrityReport) -> VerifyReport:
    problem = integrity.first_problem()
    if integrity.cipher_errors:
        return _damage(problem)
    if integrity.integrity_errors:
        return VerifyReport(False, 0, "", problem, STRUCTURE, _page(problem))
    fk = _FOREIGN_KEY.match(problem)
    return VerifyReport(False, 0, "", problem, FOREIGN_KEY, int(fk.group(2)) if fk else None, fk.group(1) if fk else "")


def verify(path: Path, username: str, password: str, anchor: Anchor | None = None,
           recovery_code: str | None = None) -> VerifyReport:
    """Check SQLCipher pages, SQLite integrity, foreign keys, the audit chain and every slot of the key file
    (structure and MACs, `services.key_file`), the chain against the key file's anchor and against `anchor`
    (one from a backup, a printed document, an export: `services.chain_anchor`), without migrating. With the
    `recovery_code`, the full verification: every forward-secure MAC (`storage.audit_mac`; set up now when the
    database has none yet).

    Nothing is written to a database or key file that fails a check; a clean one gets an audit row for the check.
    """
    path = Path(path)
    slots = KeySlots.load(path)
    key = slots.unlock_user(username, password)
    try:
        db = Database(path, key)
    except DatabaseCorrupt as exc:
        return _damage(exc.detail or exc.message)
    try:
        failed = _check(db)
        if failed is not None:
            return failed
        with db.read() as session:
            slot_report = check_key_file(slots, key, session)
        if not slot_report.ok:
            first = slot_report.damages[0]
            return VerifyReport(False, 0, "", f"key file: {slot_report.codes}", KEY_FILE, first.number,
                                key_file=slot_report)
        finding = chain_anchor.check(db, key, anchor)
        if finding is not None:
            return VerifyReport(False, finding.head, "", f"anchor: {finding.code} {finding.lost}", ANCHOR,
                                finding.anchor.id if finding.anchor else None, chain=finding)
        damaged = chain_anchor.damaged_record(db, key)
        if damaged is not None:
            return VerifyReport(False, 0, "", "mac: recovery record damaged", AUDIT_MAC, None, mac=damaged)
        if recovery_code is not None:
            try:
                slots.unlock_recovery(recovery_code)  # a wrong code: the failure is recorded like a login's
            except AuthenticationError as exc:
                raise OspodError(_("The recovery code is not correct; the forward-secure check was not made."),
                                 "recovery_code") from exc
            mac = chain_anchor.full_check(db, recovery_code)
            if not mac.ok:
                return VerifyReport(False, 0, "", f"mac: {mac.problem} at {mac.first_bad_id}", AUDIT_MAC,
                                    mac.first_bad_id, mac=mac)
        else:
            mac = chain_anchor.MacCheck(chain_anchor.mac_state(db))
        chain_anchor.install(db, key)
        with db.write() as session:
            from sqlmodel import col, select

            # Only columns every revision has: a backup of an older schema is verified without migrating it.
            user = session.exec(select(col(User.id), col(User.role))
                                .where(col(User.username) == username.strip().casefold())).first()
            tx = Tx(session, None)
            identity.flush_pending_failures(tx, slots)
            head = audit.append(
                session,
                action=Action.LOGIN_OK,
                entity=Entity.SESSION,
                user_id=user[0] if user else None,
                role=user[1] if user else "",
                detail="verify",
            )
        slots.save()
        return VerifyReport(True, saved_id(head), head.hash, mac=mac)
    finally:
        db.close()


def _check(db: Database) -> VerifyReport | None:
    """Pages, integrity, foreign keys and the audit chain of an open database; only reads. None: all good."""
    try:
        integrity = check_integrity(db)
        if not integrity.ok:
            return _integrity_report(integrity)
        with db.read() as session:
            chain = audit.verify(session)
    except OspodError:
        raise
    except Exception as exc:  # a damaged page can surface as any DB-API error or MemoryError
        return VerifyReport(False, 0, "", f"{type(exc).__name__}: {exc}", UNREADABLE)
    if not chain.ok:
        return VerifyReport(False, chain.rows, chain.head_hash, f"audit row {chain.first_bad_id}: {chain.problem}",
                            _AUDIT_KINDS.get(chain.problem, DAMAGED), chain.first_bad_id)
    return None


def backup(path: Path, out: Path, username: str, password: str) -> Path:
    """An online, encrypted copy with its key slots; `verify` accepts it."""
    us = identity.login(path, username, password)
    try:
        return backup_to(us, out, via="cli")
    finally:
        identity.logout(us)


def backup_to(us: UserSession, out: Path, via: str = "gui") -> Path:
    """The signed-in user's online, encrypted copy of the open database with its key slots, at a new path.

    The backup row is written first, so a backup's newest audit row is its own ("when was it taken"). A key file
    with a damaged or unauthentic slot is not copied: the backup is refused (KeyFileDamagedForBackup)."""
    if us.actor.role not in BACKUP_ROLES:
        raise PermissionDenied()
    out = Path(out)
    if database_files(out):
        raise DatabaseExists()
    with us.read() as session:  # never copy a key file with damaged slots
        refuse_damaged(us.db.path, bytes.fromhex(us.db.key_hex), session)
    with us.tx() as tx:
        tx.audit(Action.BACKUP, Entity.DATABASE, detail=via)
    try:
        result = backup_database(us.db, out)
    except BaseException:
        discard(out)  # nothing was there before (checked above): no half-written copy stays behind
        try:  # the trail says the backup above did not happen (if the disk still takes a row)
            with us.tx() as tx:
                tx.audit(Action.BACKUP, Entity.DATABASE, detail=f"{via}:failed")
        except Exception:
            log.info("the failed backup could not be recorded either")
        raise
    log.info("backup written by user id %s", us.actor.user_id)
    return result


# --- restoring a backup ----------------------------------------------------------------------------------

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
