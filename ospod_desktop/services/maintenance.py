"""Integrity verification and online backups of the encrypted database."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from ospod_desktop.core.errors import DatabaseCorrupt, OspodError, PermissionDenied
from ospod_desktop.core.roles import Action, Entity, Role
from ospod_desktop.services import identity
from ospod_desktop.services.context import Tx
from ospod_desktop.storage import audit
from ospod_desktop.storage.backup import backup_database, check_integrity
from ospod_desktop.storage.engine import Database
from ospod_desktop.storage.keyslots import KeySlots
from ospod_desktop.storage.models import User
from ospod_desktop.storage.rows import saved_id

log = logging.getLogger(__name__)
BACKUP_ROLES = frozenset({Role.ADMIN, Role.SUPERVISOR, Role.OFFICER})


@dataclass(frozen=True)
class VerifyReport:
    """What `verify` found; `problem` names the first bad page or audit row."""

    ok: bool
    audit_rows: int
    audit_head: str
    problem: str = ""


def verify(path: Path, username: str, password: str) -> VerifyReport:
    """Check SQLCipher pages, SQLite integrity, foreign keys and the audit chain, without migrating.

    Nothing is written to a database that fails a check; a clean one gets an audit row for the check.
    """
    path = Path(path)
    slots = KeySlots.load(path)
    key = slots.unlock_user(username, password)
    try:
        db = Database(path, key)
    except DatabaseCorrupt as exc:
        return VerifyReport(False, 0, "", exc.detail or exc.message)
    try:
        try:
            integrity = check_integrity(db)
            if not integrity.ok:
                return VerifyReport(False, 0, "", integrity.first_problem())
            with db.read() as session:
                chain = audit.verify(session)
        except OspodError:
            raise
        except Exception as exc:  # a damaged page can surface as any DB-API error or MemoryError
            return VerifyReport(False, 0, "", f"{type(exc).__name__}: {exc}")
        if not chain.ok:
            return VerifyReport(False, chain.rows, chain.head_hash, f"audit row {chain.first_bad_id}: {chain.problem}")
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
        return VerifyReport(True, saved_id(head), head.hash)
    finally:
        db.close()


def backup(path: Path, out: Path, username: str, password: str) -> Path:
    """An online, encrypted copy with its key slots; `verify` accepts it."""
    us = identity.login(path, username, password)
    try:
        if us.actor.role not in BACKUP_ROLES:
            raise PermissionDenied()
        with us.tx() as tx:
            tx.audit(Action.BACKUP, Entity.DATABASE, detail="cli")
        result = backup_database(us.db, Path(out))
        log.info("backup written by user id %s", us.actor.user_id)
        return result
    finally:
        identity.logout(us)

