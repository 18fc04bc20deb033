"""Integrity verification and online backups of the encrypted database."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from ospod_desktop.core.errors import DatabaseCorrupt, OspodError, PermissionDenied
from ospod_desktop.core.roles import Action, Entity, Role
from ospod_desktop.services import identity
from ospod_desktop.services.context import Tx
from ospod_desktop.storage import audit
from ospod_desktop.storage.backup import IntegrityReport, backup_database, check_integrity
from ospod_desktop.storage.engine import Database
from ospod_desktop.storage.keyslots import KeySlots
from ospod_desktop.storage.models import User
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
_AUDIT_KINDS = {"missing row": AUDIT_MISSING_ROW, "broken link": AUDIT_BROKEN_LINK, "hash mismatch": AUDIT_HASH_MISMATCH}
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
        return _damage(exc.detail or exc.message)
    try:
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

