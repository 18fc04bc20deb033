"""Who may see which child: enforced here, on every read path.

- Officers and supervisors see every child of the office.
- Facility staff see the children with a current placement in their facility, or one that ended in the
  last `FACILITY_GRACE_DAYS` days, and of those only what they need: identity, placements and disappearances
  (`children.get_child` gives them a reduced view; supervision visits, IPODs, guardians, trafficking
  assessments and referrals are never theirs). Everything else is refused. Of the registration they see `FACILITY_FIELDS`; every other
  field is withheld (`withheld_fields`), and a withheld field is left out or marked as withheld wherever a
  child's data goes — the child's page, the case list, exports — never shown as an empty or default value.
- Administrators see no child data. In an emergency they break the glass: `break_glass(us, reason)` asks
  for a reason (kept in the `break_glass` table; the audit chain gets only the row id and a reason code)
  and opens read-only access to the whole office for the rest of that session, every read audited.

A request for a record out of scope is answered "not found" — the same as for a record that does not
exist — and the refusal is audited. `visible()` is the one SQL clause every list, search, export and
duplicate report filters by; `load_child()` is the one door to a single record.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Protocol, TypeVar

from sqlalchemy import false, select, true, union_all
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core.child_form import ChildForm
from ospod_desktop.core.errors import NotFound, PermissionDenied, ValidationError
from ospod_desktop.core.i18n import _
from ospod_desktop.core.limits import NOTE_MAX
from ospod_desktop.core.roles import Action, Entity, Role
from ospod_desktop.core.text import clean_text
from ospod_desktop.services.context import Tx, UserSession
from ospod_desktop.storage.models import Child
from ospod_desktop.storage.placement_tables import BreakGlass, Placement
from ospod_desktop.storage.rows import saved_id

OFFICE_WIDE = frozenset({Role.OFFICER, Role.SUPERVISOR})
FACILITY_GRACE_DAYS = 30  # facility staff keep seeing a child this many days after the placement ended
BREAK_GLASS_MIN_REASON = 10
# What facility staff see of a child's registration (and of its history); every other field is withheld.
FACILITY_FIELDS = frozenset({
    "given_names", "family_names", "original_script_name", "aliases", "description", "sex", "birth_date",
    "birth_year", "age_min", "age_max", "age_claimed", "age_document", "status", "nationalities", "languages",
    "interpreter_language", "case_mark", "responsible_officer_id", "case_status", "close_reason", "closed_on",
    "found_on",
})
# Withheld from facility staff: the registration's other fields (notes, wishes, family, the companion, intake
# details and urgency, the birth number, police/asylum and other references), the age assessments, and other
# agencies' references among the identifiers (their identity documents they see).
FACILITY_WITHHELD = frozenset(
    {k for k in ChildForm.__dataclass_fields__ if k not in FACILITY_FIELDS and k != "identifiers"}
    | {"assessments", "agency_references"})

_clock: Callable[[], date] = date.today  # tests move time by replacing this


class _ChildRow(Protocol):
    """A row that belongs to a child (a placement, a missing episode): what `load_owned` checks scope by."""

    @property
    def child_id(self) -> int: ...


_Owned = TypeVar("_Owned", bound=_ChildRow)


def today() -> date:
    """The day scope and deadlines are computed for."""
    return _clock()


def reads_all(us: UserSession) -> bool:
    """Officers, supervisors, and an administrator who broke the glass, read every child of the office."""
    return us.actor.role in OFFICE_WIDE or (us.actor.role is Role.ADMIN and us.break_glass_id is not None)


def reduced(us: UserSession) -> bool:
    """Facility staff get the reduced view of a child (identity, placements, disappearances)."""
    return us.actor.role is Role.FACILITY_STAFF


def withheld_fields(us: UserSession) -> frozenset[str]:
    """The fields of a child's record this user may not see (`FACILITY_WITHHELD` for facility staff, else none):
    every read path leaves them out or marks them withheld instead of giving an empty or default value."""
    return FACILITY_WITHHELD if reduced(us) else frozenset()


def read_detail(us: UserSession, detail: str = "") -> str:
    """The audit detail of a read: marks reads made through the break glass."""
    if us.actor.role is Role.ADMIN and us.break_glass_id is not None:
        return f"{detail}:break_glass:{us.break_glass_id}" if detail else f"break_glass:{us.break_glass_id}"
    return detail


def check_reads_children(us: UserSession) -> None:
    if us.actor.role is Role.ADMIN and us.break_glass_id is None:
        raise PermissionDenied(None)


def check_can_register(us: UserSession) -> None:
    """Only officers and supervisors register children."""
    if us.actor.role not in OFFICE_WIDE:
        raise PermissionDenied()


def facility_child_ids(facility_id: int, day: date, child_id: int | None = None):
    """SELECT of the children placed in `facility_id` on `day`, or whose placement there ended in the grace period.

    Two index ranges (still open; ended since the cut-off) joined by UNION ALL: an OR of the two would make
    SQLite walk every placement the facility ever had.
    """
    since = day - timedelta(days=FACILITY_GRACE_DAYS)
    base = [col(Placement.facility_id) == facility_id, col(Placement.start_date) <= day]
    if child_id is not None:
        base.append(col(Placement.child_id) == child_id)
    return union_all(
        select(col(Placement.child_id)).where(*base, col(Placement.end_date).is_(None)),
        select(col(Placement.child_id)).where(*base, col(Placement.end_date) >= since),
    )


def visible(us: UserSession, day: date | None = None) -> ColumnElement[bool]:
    """A WHERE clause on `child` for the rows this user may see."""
    check_reads_children(us)
    if reads_all(us):
        return true()
    if us.actor.role is Role.FACILITY_STAFF and us.actor.facility_id is not None:
        return col(Child.id).in_(facility_child_ids(us.actor.facility_id, day or today()))
    return false()


def in_scope(tx: Tx, us: UserSession, child_id: int) -> bool:
    """True when the user may see the child (who must exist)."""
    if reads_all(us):
        return True
    if us.actor.role is not Role.FACILITY_STAFF or us.actor.facility_id is None:
        return False
    return tx.session.execute(facility_child_ids(us.actor.facility_id, today(), child_id)).first() is not None


def check_placed_here(tx: Tx, us: UserSession, child_id: int, message: str) -> None:
    """Facility staff change a child's record only while the child is placed in their facility: the 30-day
    grace period lets them read about a child who has left, not act for the facility that has the child now."""
    if us.actor.role is not Role.FACILITY_STAFF:
        return
    day = today()
    placed = tx.session.execute(select(col(Placement.child_id)).where(
        col(Placement.facility_id) == us.actor.facility_id, col(Placement.child_id) == child_id,
        col(Placement.start_date) <= day, col(Placement.end_date).is_(None))).first()
    if placed is None:
        raise PermissionDenied(message)


def refuse(entity: str, entity_id: object) -> NotFound:
    """The "not found" answer for a record out of scope; `us.tx()` audits it after the rollback."""
    return NotFound(audit=(entity, entity_id if isinstance(entity_id, int) else None))


def load_child(tx: Tx, us: UserSession, child_id: int) -> Child:
    """The child, or NotFound (the same answer for missing and out-of-scope; the refusal is audited)."""
    check_reads_children(us)
    child = tx.session.get(Child, child_id) if isinstance(child_id, int) and not isinstance(child_id, bool) else None
    if child is None or not in_scope(tx, us, child_id):
        raise refuse(Entity.CHILD, child_id)
    return child


def break_glass(us: UserSession, reason: str, code: str = "other") -> int:
    """An administrator opens children's records for this session; the reason is stored, the act audited."""
    if us.actor.role is not Role.ADMIN:
        raise PermissionDenied()
    if code not in PR.BREAK_GLASS_REASONS:
        raise ValidationError("reason_code", _("Reason: choose one of the listed values."))
    text = clean_text(reason, "reason", _("Reason"), NOTE_MAX)
    if len(text) < BREAK_GLASS_MIN_REASON:
        raise ValidationError("reason", _("Reason: describe why you need the records (at least {n} characters).").format(
            n=BREAK_GLASS_MIN_REASON))
    with us.tx() as tx:
        row = BreakGlass(user_id=us.actor.user_id, started_at=datetime.now(UTC), reason_code=code, reason=text)
        tx.session.add(row)
        tx.session.flush()
        tx.audit(Action.BREAK_GLASS, Entity.SESSION, row.id, detail=code)
    us.break_glass_id = row.id
    return saved_id(row)


def end_break_glass(us: UserSession) -> None:
    """Close the administrator's emergency access before the session ends (audited)."""
    if us.break_glass_id is None:
        return
    with us.tx() as tx:
        tx.audit(Action.BREAK_GLASS, Entity.SESSION, us.break_glass_id, detail="end")
    us.break_glass_id = None


def load_owned(tx: Tx, us: UserSession, model: type[_Owned], row_id: int, entity: str) -> _Owned:
    """A row that belongs to a child (a placement, a missing episode), or NotFound (audited) when it
    does not exist or its child is out of the user's scope."""
    check_reads_children(us)
    row = tx.session.get(model, row_id) if isinstance(row_id, int) else None
    if row is None or not in_scope(tx, us, row.child_id):
        raise refuse(entity, row_id)
    return row
