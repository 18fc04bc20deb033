"""The audit chain against its anchors (`storage.anchor`): kept up to date after every write, checked at every
login and by `verify`, and the two ways out when rows were lost — restore the latest backup, or accept the loss.

At a login, a database whose chain is shorter than the key file's anchor (a damaged WAL dropped committed
transactions; a tail was cut) or that holds the anchor's row with another hash opens read-only: nothing is
written — not even the login's own audit row — so the finding cannot be buried under new rows. Every write is
refused with a message naming the lost audit ids until the database is restored from a backup (a "restore" row,
and the anchor set to it) or a supervisor or administrator runs `accept-loss` (a "loss_accepted" row naming the
ids, and the anchor moved to it)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlmodel import Session

from ospod_desktop.core.errors import OspodError, PermissionDenied
from ospod_desktop.core.i18n import _
from ospod_desktop.core.roles import Action, Entity, Role
from ospod_desktop.storage import anchor as A
from ospod_desktop.storage import audit_mac
from ospod_desktop.storage.engine import Database
from ospod_desktop.storage.keyslots import KeySlots

if TYPE_CHECKING:
    from ospod_desktop.services.context import UserSession

log = logging.getLogger(__name__)
ACCEPT_ROLES = frozenset({Role.ADMIN, Role.SUPERVISOR})


@dataclass(frozen=True)
class ChainFinding:
    """The chain contradicts an anchor: `code` TRUNCATED or FORKED (`storage.anchor`), or DAMAGED (the key
    file's anchor record is malformed or does not authenticate); `head` the newest row id; `source` "key_file"
    (the slot file's anchor) or "given" (one the user typed)."""

    code: str
    anchor: A.Anchor | None
    head: int
    source: str = "key_file"

    @property
    def lost(self) -> tuple[int, int]:
        """The audit ids that are gone (truncation) or may differ (a fork: the anchor's row at least)."""
        if self.anchor is None:
            return (self.head, self.head)
        if self.code == A.TRUNCATED:
            return (self.head + 1, self.anchor.id)
        return (self.anchor.id, self.anchor.id)


DAMAGED = "damaged"


def describe(finding: ChainFinding) -> str:
    """The finding in the user's language, naming the anchor's id and the audit ids concerned."""
    if finding.anchor is None:
        return _("the audit-chain anchor in the key file is damaged or was changed without the database key.")
    first, last = finding.lost
    values = {"anchor": finding.anchor.text(), "row": finding.anchor.id, "head": finding.head, "first": first,
              "last": last}
    if finding.code == A.TRUNCATED:
        if finding.source == "key_file":
            return _("the key file's anchor {anchor} names audit row {row}, but the newest row is {head}: audit rows "
                     "{first} to {last} were lost (a damaged journal after a crash, or a cut chain).").format(**values)
        return _("the anchor {anchor} names audit row {row}, but the newest row is {head}: audit rows {first} to "
                 "{last} were lost or cut off.").format(**values)
    if finding.source == "key_file":
        return _("audit row {row} differs from the key file's anchor {anchor}: the audit chain was rewritten up to "
                 "it.").format(**values)
    return _("audit row {row} differs from the anchor {anchor}: the audit chain was rewritten up to it.").format(
        **values)


def read_only_message(finding: ChainFinding) -> str:
    first, last = finding.lost
    return _("This database lost audit rows {first} to {last} since it was last used: {problem} Until an "
             "administrator restores the latest backup, or a supervisor or administrator accepts the loss "
             "(ospod-desktop accept-loss), it can only be read.").format(first=first, last=last,
                                                                       problem=describe(finding))


def head_text(session: Session) -> str:
    """The anchor of the chain's head as printed on documents and exports ("ID:MAC"; "0:…" for an empty chain)."""
    head = A.head_of(session.connection())
    return head.text() if head else A.Anchor(0, "0" * A.DIGEST_HEX).text()


def current(us: UserSession) -> str:
    """The head's anchor now (`head_text`), read in a transaction of its own: what an export made next carries
    (its register entry, recorded right after, keeps the same one unless another write came between)."""
    with us.read() as session:
        return head_text(session)


def install(db: Database, key: bytes) -> None:
    """Keep the key file's anchor at the chain's head after every write of this database."""
    db.on_commit = A.Keeper(db.path, key)


def check(db: Database, key: bytes, given: A.Anchor | None = None) -> ChainFinding | None:
    """The key file's anchor, then `given` (if any), against the chain; None when both agree."""
    slot = A.read(db.path, key)
    with db.read() as session:
        conn = session.connection()
        if slot.damaged:
            head = A.head_of(conn)
            return ChainFinding(DAMAGED, None, head.id if head else 0)
        for source, anchor in (("key_file", slot.anchor), ("given", given)):
            if anchor is not None:
                found = A.contradiction(conn, anchor)
                if found is not None:
                    return ChainFinding(found.code, anchor, found.head, source)
    return None


def open_checked(db: Database, key: bytes) -> ChainFinding | None:
    """At a login: check the key file's anchor; when it is contradicted the database is made read-only (its
    writes refused with `read_only_message`); else the anchor follows every later write. A key file without an
    anchor (written before anchors existed) gets the current head."""
    finding = check(db, key)
    if finding is not None and finding.code == DAMAGED:
        # Changed without the key (which cannot cut the chain either): `verify` names it until this login
        # writes a fresh anchor; the database itself is not in doubt.
        log.warning("the key file's audit anchor is damaged; a new one is written")
        finding = None
    if finding is not None:
        db.read_only = read_only_message(finding)
        log.warning("audit chain contradicts the key file's anchor (%s, head %s)", finding.code, finding.head)
        return finding
    install(db, key)
    with db.read() as session:
        head = A.head_of(session.connection())
    if head is not None:
        if A.read(db.path, key).damaged:
            A.write(db.path, key, head, "repair")
        else:
            db.on_commit(head)  # type: ignore[misc]
    return None


def set_anchor(db: Database, key: bytes, reason: str) -> A.Anchor | None:
    """Set the key file's anchor to the chain's head, even backwards (a restore, an accepted loss)."""
    with db.read() as session:
        head = A.head_of(session.connection())
    if head is not None:
        A.write(db.path, key, head, reason)
    return head


def accept_loss(path: Path, username: str, password: str) -> tuple[ChainFinding, A.Anchor]:
    """Record that the rows the key file's anchor names are lost, and move the anchor to the new head.

    Only a supervisor or administrator; refused (OspodError) when the chain agrees with the anchor. Returns the
    finding and the new anchor (the "loss_accepted" row, detail "lost:FIRST-LAST")."""
    from ospod_desktop.services.context import Tx
    from ospod_desktop.services.identity import active_actor, flush_pending_failures

    path = Path(path)
    slots = KeySlots.load(path)
    key = slots.unlock_user(username, password)
    db = Database(path, key)
    try:
        finding = check(db, key)
        with db.read() as session:
            actor = active_actor(session, username)
        if actor.role not in ACCEPT_ROLES:
            raise PermissionDenied(_("Only a supervisor or an administrator can accept lost audit rows."))
        if finding is None:
            raise OspodError(_("Nothing to accept: the audit chain agrees with the key file's anchor."), "db")
        first, last = finding.lost
        with db.write() as session:
            tx = Tx(session, actor)
            flush_pending_failures(tx, slots)
            tx.audit(Action.LOSS_ACCEPTED, Entity.AUDIT, detail=f"lost:{first}-{last}:{finding.code}")
        slots.save()
        new = set_anchor(db, key, "loss_accepted")
        assert new is not None
        log.warning("lost audit rows %s-%s accepted by user id %s", first, last, actor.user_id)
        return finding, new
    finally:
        db.close()


# --- the forward-secure MACs (`storage.audit_mac`) -------------------------------------------------------------

MAC_NOT_SET_UP = "not_set_up"  # no MAC segment yet: a database made before them, until the code is entered
MAC_NOT_CHECKED = "not_checked"  # a segment exists; no recovery code was given
MAC_SET_UP_NOW = "set_up_now"  # the code was given and the segment starts now (rows from `first_id` on)
MAC_CHECKED = "checked"  # every MAC from `first_id` holds


@dataclass(frozen=True)
class MacCheck:
    state: str
    first_id: int = 0
    checked: int = 0
    first_bad_id: int | None = None
    problem: str = ""  # audit_mac.MacReport.problem, or "record" (the recovery record does not open)

    @property
    def ok(self) -> bool:
        return self.first_bad_id is None and self.problem == ""


def mac_state(db: Database) -> str:
    with db.read() as session:
        state = audit_mac.current(session)
    return MAC_NOT_CHECKED if state is not None and audit_mac.read_record(db.path) is not None else MAC_NOT_SET_UP


def damaged_record(db: Database, key: bytes) -> MacCheck | None:
    """The key file's audit recovery record changed without the key (checked by every `verify`)."""
    record = audit_mac.read_record(db.path)
    if record is None or audit_mac.record_intact(record, key, KeySlots.load(db.path).db_uuid):
        return None
    return MacCheck(MAC_NOT_CHECKED, problem="record")


def set_up_mac(db: Database, code: str) -> int | None:
    """Start the MAC segment at the next row with a root sealed under the (already checked) recovery code; the
    first row id, or None when a segment exists already."""
    db_uuid = KeySlots.load(db.path).db_uuid
    with db.read() as session:
        if not audit_mac.has_table(session) or audit_mac.current(session) is not None:
            return None
        head = A.head_of(session.connection())
    first_id = (head.id if head else 0) + 1
    record, k1 = audit_mac.seal_root(code, db_uuid, first_id, bytes.fromhex(db.key_hex))
    audit_mac.write_record(db.path, record)  # first: a segment is never without its record
    with db.write() as session:
        audit_mac.start(session, k1, first_id)
    log.info("forward-secure audit MACs start at row %s", first_id)
    return first_id


def full_check(db: Database, code: str) -> MacCheck:
    """With the recovery code: every MAC of the segment (`audit_mac.walk`); the segment set up when there is none."""
    first = set_up_mac(db, code)
    if first is not None:
        return MacCheck(MAC_SET_UP_NOW, first)
    record = audit_mac.read_record(db.path)
    if record is None:
        return MacCheck(MAC_NOT_SET_UP)
    opened = audit_mac.open_root(record, code, KeySlots.load(db.path).db_uuid)
    if opened is None:
        return MacCheck(MAC_CHECKED, problem="record")
    first_id, k1 = opened
    with db.read() as session:
        report = audit_mac.walk(session.connection(), k1, first_id)
    return MacCheck(MAC_CHECKED, report.first_id, report.checked, report.first_bad_id, report.problem)


def describe_mac(check: MacCheck) -> str:
    """A failed full verification in the user's language, naming the first bad row."""
    row = check.first_bad_id
    if check.problem == "record":
        return _("the recovery code does not open the audit chain's recovery record: the record in the key file "
                 "was changed or replaced.")
    if check.problem == "mac missing":
        return _("audit row {row} has no forward-secure MAC (or is missing): rows were inserted or moved.").format(
            row=row)
    if check.problem == "mac mismatch":
        return _("the forward-secure MAC of audit row {row} does not match: the row (or one before it) was "
                 "changed, even if its hash was recomputed.").format(row=row)
    if check.problem == "key ahead":
        return _("the audit chain's current key is ahead of the chain: rows from {row} on were removed.").format(
            row=row)
    return _("the audit chain's current key does not follow from its rows (after row {last}): the chain or its "
             "key was replaced.").format(last=(row or 1) - 1)
