"""Supervision visits: record one, list a child's, and what the policy says of the next.

Officers and supervisors record and read visits of every child of the office; facility staff and
administrators never see them (`ROLES`; refused with PermissionDenied, as the registration's other office-only
parts are). A visit is validated whole (`core.visit_form`): not in the future, not before the child was found,
on a day a placement covers; the proposed next visit no later than the policy allows (the deadline engine's
`visit` item computed with this visit counted) unless a reason is given. The visit is linked to the placement
current on its day. Every change writes its history line and an audit row (ids only) in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlmodel import col, select

from ospod_desktop.core.due import CaseFacts, ChildFacts, due_items
from ospod_desktop.core.due import Visit as VisitFact
from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.history_visits import VisitRecorded, VisitSummary
from ospod_desktop.core.i18n import _
from ospod_desktop.core.roles import Action, Entity, Role
from ospod_desktop.core.visit_form import COLUMNS, VisitInput, check_next_visit, validate_visit
from ospod_desktop.services import scope
from ospod_desktop.services.context import Tx, UserSession, requires
from ospod_desktop.services.due_policy import policy_in_session
from ospod_desktop.services.missing import placement_on
from ospod_desktop.services.placements import extensions_of, place_label, placement_facts, placements_of
from ospod_desktop.storage.care_tables import Visit
from ospod_desktop.storage.models import Child, Facility
from ospod_desktop.storage.placement_tables import Placement
from ospod_desktop.storage.rows import saved_id

ROLES = (Role.OFFICER, Role.SUPERVISOR)  # who records and reads visits; facility staff never see them


@dataclass(frozen=True)
class VisitView:
    """One visit as the child's page shows it."""

    id: int
    child_id: int
    placement_id: int | None
    placement: str  # where the child was placed on the visit day ("" when no placement is linked)
    visited_on: date
    visited_time: str
    place: str
    place_detail: str
    kind: str
    present: str
    child_seen: bool
    not_seen_reason: str
    spoken_alone: bool | None
    views: str
    living_conditions: str
    health: str
    schooling: str
    family_contact: str
    concerns: str
    note: str
    next_visit_on: date | None
    next_visit_reason: str
    created_at: datetime
    created_by: int | None


def form_of(v) -> VisitInput:
    """A saved visit (a row or a `VisitView`) as the form."""
    return VisitInput(**{c: getattr(v, c) for c in COLUMNS})


def summary_of(v) -> VisitSummary:
    return VisitSummary(v.visited_on, v.place, v.kind, bool(v.child_seen))


def load_child(tx: Tx, us: UserSession, child_id: int) -> Child:
    """The child to record a visit of (NotFound, audited, when there is none); not a merged-away record."""
    child = scope.load_child(tx, us, child_id)
    if child.merged_into_id is not None:
        raise ValidationError("child_id", _("The record has been merged into another one; record it there."))
    return child


def load_visit(tx: Tx, us: UserSession, visit_id: int) -> Visit:
    return scope.load_owned(tx, us, Visit, visit_id, Entity.VISIT)


def _visits(tx: Tx, child_id: int) -> list[Visit]:
    return list(tx.session.exec(select(Visit).where(Visit.child_id == child_id)
                                .order_by(col(Visit.visited_on), col(Visit.visited_time), col(Visit.id))).all())


def stays(tx: Tx, child_id: int) -> list[tuple[date, date | None]]:
    """The child's placements' first and last days (what a visit's day must fall in)."""
    return [(p.start_date, p.end_date) for p in placements_of(tx, child_id)]


def latest_next_visit(tx: Tx, child: Child, day: date, visit: VisitFact | None,
                      exclude: int | None = None) -> date | None:
    """The day the policy wants the next visit by, on `day` with `visit` counted (and the visit `exclude`, the one
    being corrected, not): the engine's `visit` item. None when nothing is due (no placement that day)."""
    rows = placements_of(tx, saved_id(child))
    exts = extensions_of(tx.session, [saved_id(r) for r in rows])
    types = {saved_id(f): f.type for f in tx.session.exec(select(Facility).where(
        col(Facility.id).in_({r.facility_id for r in rows if r.facility_id}))).all()}
    facts = tuple(placement_facts(r, exts.get(saved_id(r), []), types.get(r.facility_id) if r.facility_id else None)
                  for r in rows)
    visits = [VisitFact(v.visited_on, v.child_seen, v.id) for v in _visits(tx, saved_id(child)) if v.id != exclude]
    if visit is not None:
        visits.append(visit)
    case = CaseFacts(ChildFacts(id=child.id, found_on=child.found_on, case_open=child.case_status != "closed"),
                     facts, tuple(visits))
    due = [item.due for item in due_items(case, day, policy_in_session(tx.session)) if item.kind == "visit"]
    return min(due, default=None)


def checked_values(tx: Tx, child: Child, form: VisitInput, today: date, exclude: int | None = None) -> dict:
    """The visit's columns, validated whole (the day against the child's stays, the next visit against the
    policy), with the placement current on its day."""
    child_id = saved_id(child)
    values = validate_visit(form, today=today, found_on=child.found_on, stays=stays(tx, child_id))
    day = values["visited_on"]
    assert isinstance(day, date)
    latest = latest_next_visit(tx, child, day, VisitFact(day, bool(values["child_seen"])), exclude)
    check_next_visit(values, latest)
    values["placement_id"] = placement_on(tx, child_id, day)
    return values


@requires(*ROLES)
def record_visit(us: UserSession, child_id: int, form: VisitInput, requests=(), today: date | None = None) -> int:
    """Record a visit (with the information asked for at it: `InformationRequestInput`s); returns its id."""
    from ospod_desktop.services.visits._requests import add_request

    today = today or scope.today()
    with us.tx() as tx:
        child = load_child(tx, us, child_id)
        values = checked_values(tx, child, form, today)
        row = Visit(child_id=child_id, created_at=datetime.now(UTC), created_by=us.actor.user_id, **values)
        tx.session.add(row)
        tx.session.flush()
        tx.history(child_id, VisitRecorded(summary_of(row)))
        tx.audit(Action.UPDATE, Entity.CHILD, child_id, detail=f"visit_create:{row.id}")
        for request in requests:
            add_request(tx, child, request, today, saved_id(row))
        return saved_id(row)


def _place_names(tx: Tx, rows: list[Visit]) -> dict[int, str]:
    ids = {r.placement_id for r in rows if r.placement_id}
    places = tx.session.exec(select(Placement).where(col(Placement.id).in_(ids))).all() if ids else []
    facilities = {saved_id(f): f.name for f in tx.session.exec(select(Facility).where(
        col(Facility.id).in_({p.facility_id for p in places if p.facility_id}))).all()}
    return {saved_id(p): place_label(facilities.get(p.facility_id) if p.facility_id else None, p.setting,
                                     p.carer_relationship) for p in places}


def _view(r: Visit, names: dict[int, str]) -> VisitView:
    return VisitView(id=saved_id(r), child_id=r.child_id, placement_id=r.placement_id,
                     placement=names.get(r.placement_id, "") if r.placement_id else "",
                     created_at=r.created_at, created_by=r.created_by, **{c: getattr(r, c) for c in COLUMNS})


@requires(*ROLES)
def list_visits(us: UserSession, child_id: int) -> list[VisitView]:
    """The child's visits, newest first (an audited read)."""
    with us.tx() as tx:
        scope.load_child(tx, us, child_id)
        tx.audit(Action.READ, Entity.CHILD, child_id, detail=scope.read_detail(us, "visits"))
        rows = _visits(tx, child_id)
        names = _place_names(tx, rows)
        return [_view(r, names) for r in reversed(rows)]


@requires(*ROLES)
def get_visit(us: UserSession, visit_id: int) -> VisitView:
    """One visit by id (an audited read)."""
    with us.tx() as tx:
        row = load_visit(tx, us, visit_id)
        tx.audit(Action.READ, Entity.CHILD, row.child_id, detail=scope.read_detail(us, f"visit:{row.id}"))
        return _view(row, _place_names(tx, [row]))


@requires(*ROLES)
def next_visit_due(us: UserSession, child_id: int, after: VisitInput | None = None, visit_id: int | None = None,
                   today: date | None = None) -> date | None:
    """The latest day the policy allows for the next visit: after the visit `after` (as filled in the dialog;
    `visit_id`: the visit it corrects), or as things stand today. What the visit dialog proposes."""
    today = today or scope.today()
    with us.tx() as tx:
        child = scope.load_child(tx, us, child_id)
        if after is None or after.visited_on is None:
            return latest_next_visit(tx, child, today, None)
        return latest_next_visit(tx, child, after.visited_on, VisitFact(after.visited_on, after.child_seen), visit_id)
