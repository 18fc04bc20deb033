"""Verifying a database (`services.maintenance` exports it): SQLCipher's page check, SQLite's integrity and
foreign-key checks, the audit chain with its anchors and (with the recovery code) its forward-secure MACs, and every
slot of the key file; `describe` puts a finding in words."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from ospod_desktop.core.errors import (
    AuthenticationError,
    DatabaseCorrupt,
    OspodError,
)
from ospod_desktop.core.i18n import _
from ospod_desktop.core.roles import Action, Entity
from ospod_desktop.services import chain_anchor, identity
from ospod_desktop.services.context import Tx
from ospod_desktop.services.key_file import KeyFileReport, check_key_file
from ospod_desktop.storage import audit
from ospod_desktop.storage.anchor import Anchor
from ospod_desktop.storage.backup import (
    IntegrityReport,
    check_integrity,
)
from ospod_desktop.storage.engine import Database
from ospod_desktop.storage.keyslots import KeySlots
from ospod_desktop.storage.models import User
from ospod_desktop.storage.rows import saved_id

log = logging.getLogger(__name__)

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
