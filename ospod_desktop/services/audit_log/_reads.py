"""Reading the audit chain: a filtered view, newest first, read in blocks; checking the whole chain.

The chain holds ids and codes only, never names or content, so administrators (who see no child data) and
supervisors (who see the whole office) may read it; officers and facility staff may not. Reading it is itself
audited: one row for each view (a filter applied) and one for each check of the chain, never one per block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import and_, func, or_
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.i18n import _
from ospod_desktop.core.roles import Action, Entity, Role
from ospod_desktop.services import chain_anchor
from ospod_desktop.services.context import UserSession, requires
from ospod_desktop.storage import audit
from ospod_desktop.storage.models import AuditEntry, User
from ospod_desktop.storage.rows import saved_id

AUDIT_ROLES = (Role.ADMIN, Role.SUPERVISOR)
BLOCK = 100
# Every action code the chain can hold: the app's, and those the key file records before a login (keyslots).
ACTIONS = tuple(str(a) for a in Action) + ("recovery_failed",)
_CODE = re.compile(r"^[a-z_]{1,40}$")
_TS = "%Y-%m-%dT%H:%M:%S.%fZ"


@dataclass(frozen=True)
class AuditFilter:
    """Which rows to show; empty fields do not filter. Dates are the computer's local days, both included.

    `child_id` finds the rows about a child: its record (entity "child") and its deleted placements and
    disappearances (whose detail names the child)."""

    user_id: int | None = None
    child_id: int | None = None
    action: str = ""
    since: date | None = None
    until: date | None = None

    def code(self) -> str:
        """The filter as the audit row of the view records it: ids and codes only."""
        parts = [f"user={self.user_id}" if self.user_id is not None else "",
                 f"child={self.child_id}" if self.child_id is not None else "",
                 f"action={self.action}" if self.action else "",
                 f"from={self.since.isoformat()}" if self.since else "",
                 f"to={self.until.isoformat()}" if self.until else ""]
        return ",".join(p for p in parts if p) or "all"


@dataclass(frozen=True)
class AuditRow:
    """One row of the chain as stored (`ts` in UTC)."""

    id: int
    ts: datetime
    user_id: int | None
    role: str
    action: str
    entity: str
    entity_id: int | None
    detail: str


@dataclass(frozen=True)
class AuditView:
    """A filtered view: the rows matching `filter` up to `head_id` (rows written later are not in it, so the
    blocks stay put while the chain grows), `total` of them, and the newest block."""

    filter: AuditFilter
    head_id: int
    total: int
    first: tuple[AuditRow, ...]


@dataclass(frozen=True)
class AuditUser:
    """An account as the viewer names it (the chain holds only its id)."""

    id: int
    username: str
    display_name: str
    role: str


@dataclass(frozen=True)
class ChainCheck:
    """The whole chain checked: OK with its length and head, or the first row whose link or hash fails."""

    ok: bool
    rows: int
    head_hash: str
    first_bad_id: int | None = None
    problem: str = ""


def _checked(flt: AuditFilter) -> AuditFilter:
    if flt.action and not _CODE.match(flt.action):
        raise ValidationError("action", _("Action: choose one of the listed values."))
    for name, value in (("user_id", flt.user_id), ("child_id", flt.child_id)):
        if value is not None and not (isinstance(value, int) and 0 < value < 2**63):
            raise ValidationError(name, _("Record number: enter a whole number greater than zero."))
    if flt.since and flt.until and flt.since > flt.until:
        raise ValidationError("since", _("The first day is after the last day."))
    return flt


def _utc_text(day: date) -> str:
    """Midnight at the start of a local day, as the chain's UTC time stamps spell it (they sort as text)."""
    return datetime.combine(day, time.min).astimezone().astimezone(UTC).strftime(_TS)


def _conditions(flt: AuditFilter, head_id: int) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [col(AuditEntry.id) <= head_id]
    if flt.user_id is not None:
        conditions.append(col(AuditEntry.user_id) == flt.user_id)
    if flt.action:
        conditions.append(col(AuditEntry.action) == flt.action)
    if flt.child_id is not None:
        named = f"child:{flt.child_id}"
        conditions.append(or_(
            and_(col(AuditEntry.entity) == Entity.CHILD, col(AuditEntry.entity_id) == flt.child_id),
            and_(col(AuditEntry.entity).in_([Entity.PLACEMENT, Entity.MISSING_EPISODE]),
                 or_(col(AuditEntry.detail) == named, col(AuditEntry.detail).startswith(named + ":", autoescape=True))),
        ))
    if flt.since is not None:
        conditions.append(col(AuditEntry.ts) >= _utc_text(flt.since))
    if flt.until is not None:
        conditions.append(col(AuditEntry.ts) < _utc_text(flt.until + timedelta(days=1)))
    return conditions


def _row(entry: AuditEntry) -> AuditRow:
    return AuditRow(saved_id(entry), datetime.strptime(entry.ts, _TS).replace(tzinfo=UTC), entry.user_id,
                    entry.role, entry.action, entry.entity, entry.entity_id, entry.detail)


def _read(session: Session, flt: AuditFilter, head_id: int, offset: int, limit: int,
          before_id: int | None) -> tuple[AuditRow, ...]:
    conditions = _conditions(flt, head_id)
    if before_id is not None:
        conditions.append(col(AuditEntry.id) < before_id)
    query = select(AuditEntry).where(*conditions).order_by(col(AuditEntry.id).desc()).offset(offset).limit(limit)
    return tuple(_row(e) for e in session.exec(query).all())


@requires(*AUDIT_ROLES)
def open_view(us: UserSession, flt: AuditFilter, block: int = BLOCK) -> AuditView:
    """Apply a filter: audited (one row naming the filter's ids and codes), then counted, with the newest block.

    The view's own audit row is its newest row when it matches the filter."""
    flt = _checked(flt)
    with us.tx() as tx:
        tx.audit(Action.READ, Entity.AUDIT, detail=flt.code())
        head = audit.head(tx.session)
        head_id = saved_id(head) if head else 0
    with us.read() as session:
        total = session.exec(select(func.count()).select_from(AuditEntry).where(*_conditions(flt, head_id))).one()
        first = _read(session, flt, head_id, 0, block, None)
    return AuditView(flt, head_id, int(total), first)


@requires(*AUDIT_ROLES)
def rows(us: UserSession, view: AuditView, offset: int, limit: int = BLOCK,
         before_id: int | None = None) -> tuple[AuditRow, ...]:
    """A further block of a view, newest first: `limit` rows from position `offset`, or, quicker when the previous
    block is known, the `limit` rows just older than `before_id` (then `offset` counts from there). Not audited:
    the view was."""
    flt = _checked(view.filter)
    with us.read() as session:
        return _read(session, flt, view.head_id, max(0, offset), max(0, min(limit, 10 * BLOCK)), before_id)


@requires(*AUDIT_ROLES)
def users(us: UserSession) -> list[AuditUser]:
    """Every account (also disabled ones: old rows name them), to filter by and to name the chain's user ids."""
    with us.read() as session:
        found = session.exec(select(User.id, User.username, User.display_name, User.role)
                             .order_by(col(User.username))).all()
        return [AuditUser(int(uid), name, display, role) for uid, name, display, role in found if uid is not None]


@requires(*AUDIT_ROLES)
def verify_chain(us: UserSession) -> ChainCheck:
    """Walk the whole chain (`storage.audit.verify`), then hold it against the key file's anchor
    (`services.chain_anchor`: a contradiction's `problem` is its translated sentence, `first_bad_id` the anchor's
    row); the check is audited after it, whatever it found (not in a read-only session: rows were lost)."""
    with us.read() as session:
        report = audit.verify(session)
    check = ChainCheck(report.ok, report.rows, report.head_hash, report.first_bad_id, report.problem)
    if report.ok:
        finding = chain_anchor.check(us.db, bytes.fromhex(us.db.key_hex))
        if finding is not None:
            check = ChainCheck(False, report.rows, report.head_hash,
                               finding.anchor.id if finding.anchor else None, chain_anchor.describe(finding))
    if us.db.read_only is None:
        with us.tx() as tx:
            tx.audit(Action.READ, Entity.AUDIT, detail="verify" if check.ok else f"verify:failed:{check.first_bad_id}")
    return check
