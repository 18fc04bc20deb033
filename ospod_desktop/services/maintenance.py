"""Integrity verification (`_verify`), online backups (here), and restoring a backup in place of the encrypted
database (`_restore`).

Every function here can be called from the CLI (paths, user name, password) or, the `*_to`/`check_*` ones, from
the GUI with its session. `restore` needs the database closed: the GUI ends its session first."""

from __future__ import annotations

import logging
from pathlib import Path

from ospod_desktop.core.errors import (
    DatabaseExists,
    PermissionDenied,
)
from ospod_desktop.core.roles import Action, Entity, Role
from ospod_desktop.services import identity
from ospod_desktop.services._verify import (  # the checks, here with the rest of the maintenance API
    ANCHOR,
    AUDIT_BAD_ID,
    AUDIT_BROKEN_LINK,
    AUDIT_HASH_MISMATCH,
    AUDIT_MAC,
    AUDIT_MISSING_ROW,
    DAMAGED,
    FOREIGN_KEY,
    KEY_FILE,
    PAGE_DAMAGED,
    STRUCTURE,
    UNREADABLE,
    VerifyReport,
    describe,
    verify,
)
from ospod_desktop.services.context import UserSession
from ospod_desktop.services.key_file import refuse_damaged
from ospod_desktop.storage.backup import (
    backup_database,
    database_files,
    discard,
    latest_backup,  # the newest backup beside a database (the GUI offers it)
)

log = logging.getLogger(__name__)
BACKUP_ROLES = frozenset({Role.ADMIN, Role.SUPERVISOR, Role.OFFICER})


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


# Restoring a backup (`services._restore`), here with the rest of the maintenance API.
from ospod_desktop.services._restore import (  # noqa: E402
    RESTORE_ROLES,
    BackupPasswordWrong,
    BackupRefused,
    BackupReport,
    RestoreNeedsForce,
    RestoreResult,
    check_backup,
    check_latest_backup,
    inspect_backup,
    restore,
)

__all__ = [
    "ANCHOR",
    "AUDIT_BAD_ID",
    "AUDIT_BROKEN_LINK",
    "AUDIT_HASH_MISMATCH",
    "AUDIT_MAC",
    "AUDIT_MISSING_ROW",
    "DAMAGED",
    "FOREIGN_KEY",
    "KEY_FILE",
    "PAGE_DAMAGED",
    "STRUCTURE",
    "UNREADABLE",
    "BACKUP_ROLES",
    "RESTORE_ROLES",
    "BackupPasswordWrong",
    "BackupRefused",
    "BackupReport",
    "RestoreNeedsForce",
    "RestoreResult",
    "VerifyReport",
    "backup",
    "backup_to",
    "check_backup",
    "check_latest_backup",
    "describe",
    "inspect_backup",
    "latest_backup",
    "restore",
    "verify",
]
