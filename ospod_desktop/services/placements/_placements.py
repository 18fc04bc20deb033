"""Placements: place a child, transfer (one step), end, extend, and the child's chain as a timeline.

Who may do what is a table, `core.roles.PLACEMENT_RULES`, enforced here:
- Officers and supervisors record every placement of the children of the office: arrivals, departures,
  transfers, extensions.
- Facility staff record the facts they see happen, in their own facility and only for children already in
  their scope (`services.scope`): an arrival (on a basis that is not a court's decision,
  `placement_rules.STAFF_BASES`) and a departure (for a reason in `placement_rules.STAFF_END_REASONS`). A
  child who is new to a facility is placed there by the officer; letting staff place any child into their
  facility would let them widen their own scope. Transfers and extensions — the legal side, decided by a
  court or OSPOD — are OSPOD's: staff get PermissionDenied with the rule's message.

Every change is validated whole before anything is written (field-named `ValidationError`), written in one
transaction with a history row for the child's page and an audit row (ids and codes only).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime

from sqlmodel import col, select

from ospod_desktop.core import history as H
from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core.deadlines import (
    Deadline,
    effective_expiry,
    extension_limit,
    is_diagnostic_stay,
    placement_deadlines,
    pm_total_cap,
)  # fmt: skip
from ospod_desktop.core.errors import NotFound, PermissionDenied, ValidationError
from ospod_desktop.core.i18n import _, format_day
from ospod_desktop.core.placement_form import PlacementInput, check_end, fail, validate_placement
from ospod_desktop.core.roles import Action, Entity, PlacementAct, Role, may_end_for, may_place_on, refusal
from ospod_desktop.core.text import clean_text
from ospod_desktop.services import scope
from ospod_desktop.services.context import Tx, UserSession, requires_rule
from ospod_desktop.services.due_policy import policy_in_session
from ospod_desktop.services.placements._clocks import full_facts
from ospod_desktop.services.placements._status import place_label
from ospod_desktop.storage.models import Child, Facility
from ospod_desktop.storage.placement_tables import Placement, PlacementExtension
from ospod_desktop.storage.rows import saved_id


@dataclass(frozen=True)
class ExtensionView:
    id: int
    decided_on: date
    new_expiry: date
    court: str
    court_file_number: str
    note: str
    consent_on: date | None = None  # a ZDVOP contract's extension: the municipal authority's consent


@dataclass(frozen=True)
class PlacementView:
    """One link of the chain. `withheld`: facility staff see only the outline of placements elsewhere."""

    id: int
    child_id: int
    facility_id: int | None
    facility_name: str
    setting: str
    carer_name: str
    carer_relationship: str
    carer_address: str
    carer_contact: str
    legal_basis: str
    court: str
    court_file_number: str
    decision_date: date | None
    contract_party: str
    start_date: date
    expiry_date: date | None  # as first recorded
    effective_expiry: date | None  # after extensions (or the legal default of the basis)
    end_date: date | None
    end_reason: str
    end_note: str
    previous_id: int | None
    notes: str
    current: bool
    extensions: tuple[ExtensionView, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    withheld: bool = False
    enforceable_on: date | None = None  # a preliminary measure: enforceable on (else the decision day)
    exception_reason: str = ""  # s. 460: the proceedings on the merits are pending
    section_461: bool = False  # no Czech jurisdiction on the merits: no monthly expiry, 6 months in total
    diagnostic_stay: bool | None = None  # as recorded (None: not marked)
    diagnostics_completed_on: date | None = None
    is_diagnostic_stay: bool = False  # marked, or (not marked) presumed by the setting: the 8-week clock runs
    total_cap: date | None = None  # a preliminary measure: the end of the 6 months from the first start
    extension_limit: date | None = None  # the latest new expiry an extension may set now (None: not extendable)

    @property
    def place(self) -> str:
        return place_label(self.facility_name, self.setting, self.carer_relationship)


@dataclass(frozen=True)
class PlacementChain:
    """A child's placements, oldest first, and the clocks of the current one."""

    child_id: int
    placements: tuple[PlacementView, ...] = ()
    current: PlacementView | None = None
    deadlines: tuple[Deadline, ...] = field(default_factory=tuple)


def _now() -> datetime:
    return datetime.now(UTC)


def history_summary(p: Placement, facility: Facility | None, with_end: bool = False) -> H.PlacementSummary:
    """The placement in the child's history: where (never the carer's name: facility staff read the history),
    basis, start, and (`with_end`) its end."""
    return H.PlacementSummary(facility.name if facility else "", "" if facility else p.setting,
                              "" if facility else p.carer_relationship, p.legal_basis, p.start_date,
                              p.end_date if with_end else None, p.end_reason if with_end and p.end_date else "")


def check_own_facility(us: UserSession, facility_id: int | None, message: str) -> None:
    if us.actor.role is Role.FACILITY_STAFF and (facility_id is None or facility_id != us.actor.facility_id):
        raise PermissionDenied(message)


def check_staff(allowed: bool, act: PlacementAct) -> None:
    """A role beyond the limit of `act`'s rule (`core.roles.PLACEMENT_RULES`, `may_*`) is refused with its message."""
    if not allowed:
        raise PermissionDenied(refusal(act))


def writable_child(tx: Tx, us: UserSession, child_id: int) -> Child:
    child = scope.load_child(tx, us, child_id)
    if child.merged_into_id is not None:
        raise ValidationError("child_id", _("The record has been merged into another one; record placements there."))
    return child


def registered_facility(tx: Tx, facility_id: int | None) -> Facility | None:
    if facility_id is None:
        return None
    facility = tx.session.get(Facility, facility_id) if isinstance(facility_id, int) else None
    if facility is None:
        raise fail("facility_id", _("the facility is not in the register."))
    if not facility.active:
        raise fail("facility_id", _("the facility is no longer in use."))
    return facility


def placements_of(tx: Tx, child_id: int) -> list[Placement]:
    return list(tx.session.exec(select(Placement).where(Placement.child_id == child_id)
                                .order_by(col(Placement.start_date), col(Placement.id))).all())


def check_overlap(tx: Tx, child_id: int, start: date, end: date | None, exclude: set[int | None]) -> None:
    """One placement at a time: [start, end) must not meet any other placement of the child."""
    for other in placements_of(tx, child_id):
        if other.id in exclude:
            continue
        if (other.end_date is None or start < other.end_date) and (end is None or other.start_date < end):
            facility = tx.session.get(Facility, other.facility_id) if other.facility_id else None
            place = place_label(facility.name if facility else None, other.setting, other.carer_relationship)
            until = format_day(other.end_date) if other.end_date else _("now")
            raise fail("start_date", _("overlaps the placement at {place} ({start} – {end}).").format(
                place=place, start=format_day(other.start_date), end=until))


def _insert(tx: Tx, child: Child, values: dict, previous_id: int | None = None) -> Placement:
    row = Placement(child_id=saved_id(child), previous_id=previous_id, created_at=_now(),
                    created_by=tx.actor.user_id if tx.actor else None, **values)
    tx.session.add(row)
    tx.session.flush()
    return row


@requires_rule(PlacementAct.ARRIVAL)
def place_child(us: UserSession, child_id: int, form: PlacementInput, today: date | None = None) -> int:
    """Record a placement (an arrival); a whole earlier placement may be recorded with its end. Returns its id."""
    today = today or scope.today()
    check_own_facility(us, form.facility_id, _("Facility staff record arrivals only into their own facility."))
    with us.tx() as tx:
        child = writable_child(tx, us, child_id)
        facility = registered_facility(tx, form.facility_id)
        values = validate_placement(form, today, child.found_on, facility.type if facility else None)
        check_staff(may_place_on(us.actor.role, values["legal_basis"]), PlacementAct.ARRIVAL)
        if values["end_date"] is not None:  # a whole earlier stay, with its end
            check_staff(may_end_for(us.actor.role, values["end_reason"]), PlacementAct.DEPARTURE)
        check_overlap(tx, child_id, values["start_date"], values["end_date"], set())
        row = _insert(tx, child, values)
        tx.history(child_id, H.PlacementRecorded(history_summary(row, facility)))
        if row.end_date:
            tx.history(child_id, H.PlacementEnded(history_summary(row, facility), row.end_date, row.end_reason))
        tx.audit(Action.UPDATE, Entity.CHILD, child_id, detail=f"placement_create:{row.id}")
        return saved_id(row)


def _open_placement(tx: Tx, child_id: int) -> Placement | None:
    return tx.session.exec(select(Placement).where(Placement.child_id == child_id, col(Placement.end_date).is_(None))
                           .order_by(col(Placement.start_date).desc())).first()


@requires_rule(PlacementAct.TRANSFER)
def transfer_child(us: UserSession, child_id: int, form: PlacementInput, today: date | None = None) -> int:
    """End the current placement on `form.start_date` (reason: transfer) and start the next, in one step."""
    today = today or scope.today()
    with us.tx() as tx:
        child = writable_child(tx, us, child_id)
        current = _open_placement(tx, child_id)
        if current is None:
            raise fail("start_date", _("the child has no current placement to transfer from."))
        if form.end_date is not None or form.end_reason:
            raise fail("end_date", _("the new placement starts now; record its end later."))
        if form.facility_id is not None and form.facility_id == current.facility_id:
            raise fail("facility_id", _("the child is already placed there."))
        facility = registered_facility(tx, form.facility_id)
        values = validate_placement(form, today, child.found_on, facility.type if facility else None)
        if values["start_date"] < current.start_date:
            raise fail("start_date", _("the transfer would be before the current placement started ({day}).").format(
                day=format_day(current.start_date)))
        check_overlap(tx, child_id, values["start_date"], None, {current.id})
        old_facility = tx.session.get(Facility, current.facility_id) if current.facility_id else None
        current.end_date, current.end_reason = values["start_date"], "transfer"
        tx.session.add(current)
        row = _insert(tx, child, values, previous_id=current.id)
        tx.history(child_id, H.PlacementEnded(history_summary(current, old_facility), current.end_date, "transfer"))
        tx.history(child_id, H.PlacementRecorded(history_summary(row, facility)))
        tx.audit(Action.UPDATE, Entity.CHILD, child_id, detail=f"placement_transfer:{current.id}>{row.id}")
        return saved_id(row)


def load_placement(tx: Tx, us: UserSession, placement_id: int) -> Placement:
    """The placement, or NotFound (audited) when it does not exist or its child is out of scope."""
    return scope.load_owned(tx, us, Placement, placement_id, Entity.PLACEMENT)


@requires_rule(PlacementAct.DEPARTURE)
def end_placement(us: UserSession, placement_id: int, end_date: date | None, reason: str, note: str = "",
                  today: date | None = None) -> None:
    """Record that the child left (a departure): the day and the reason."""
    today = today or scope.today()
    with us.tx() as tx:
        row = load_placement(tx, us, placement_id)
        check_own_facility(us, row.facility_id, _("Facility staff record departures only from their own facility."))
        if row.end_date is not None:
            raise fail("end_date", _("the placement has already ended."))
        check_end(end_date, reason, row.start_date, today, required=True)
        assert end_date is not None  # check_end requires it
        check_staff(may_end_for(us.actor.role, reason), PlacementAct.DEPARTURE)
        note = clean_text(note, "end_note", _("Note on the end"), PR.TEXT_MAX)
        check_overlap(tx, row.child_id, row.start_date, end_date, {row.id})
        facility = tx.session.get(Facility, row.facility_id) if row.facility_id else None
        row.end_date, row.end_reason, row.end_note = end_date, reason, note
        tx.session.add(row)
        tx.history(row.child_id, H.PlacementEnded(history_summary(row, facility), end_date, reason))
        tx.audit(Action.UPDATE, Entity.CHILD, row.child_id, detail=f"placement_end:{row.id}:{reason}")


def extensions_by_placement(tx: Tx, placement_ids: list[int]) -> dict[int, list[PlacementExtension]]:
    out: dict[int, list[PlacementExtension]] = {}
    if placement_ids:
        for e in tx.session.exec(select(PlacementExtension).where(col(PlacementExtension.placement_id).in_(placement_ids))):
            out.setdefault(e.placement_id, []).append(e)
    return out


def chain(tx: Tx, us: UserSession, child_id: int, day: date | None = None) -> PlacementChain:
    """The child's placements (the caller has checked scope); facility staff see others' only in outline."""
    day = day or scope.today()
    rows = placements_of(tx, child_id)
    exts = extensions_by_placement(tx, [saved_id(r) for r in rows])
    facilities = {saved_id(f): f for f in tx.session.exec(select(Facility).where(
        col(Facility.id).in_({r.facility_id for r in rows if r.facility_id}))).all()}
    names = {fid: f.name for fid, f in facilities.items()}
    facts = {saved_id(r): full_facts(r, exts.get(saved_id(r), []),
                                     facilities[r.facility_id].type if r.facility_id else None)
             for r in rows}
    policy = policy_in_session(tx.session)
    views = []
    for r in rows:
        f = facts[saved_id(r)]
        deadlines = placement_deadlines(f, list(facts.values()), day, policy) if f.current_on(day) else ()
        view = PlacementView(
            saved_id(r), r.child_id, r.facility_id, names[r.facility_id] if r.facility_id in names else "", r.setting, r.carer_name,
            r.carer_relationship, r.carer_address, r.carer_contact, r.legal_basis, r.court, r.court_file_number,
            r.decision_date, r.contract_party, r.start_date, r.expiry_date, effective_expiry(f, policy), r.end_date,
            r.end_reason, r.end_note, r.previous_id, r.notes, f.current_on(day),
            tuple(ExtensionView(saved_id(e), e.decided_on, e.new_expiry, e.court, e.court_file_number, e.note,
                                e.consent_on)
                  for e in sorted(exts.get(saved_id(r), []), key=lambda e: (e.decided_on, saved_id(e)))),
            deadlines, enforceable_on=r.enforceable_on, exception_reason=r.exception_reason,
            section_461=r.section_461, diagnostic_stay=r.diagnostic_stay,
            diagnostics_completed_on=r.diagnostics_completed_on, is_diagnostic_stay=is_diagnostic_stay(f, policy),
            total_cap=pm_total_cap(f, policy) if r.legal_basis == "preliminary_measure" else None,
            extension_limit=extension_limit(f, policy),
        )  # fmt: skip
        if scope.reduced(us) and r.facility_id != us.actor.facility_id:
            view = replace(view, carer_name="", carer_address="", carer_contact="", court="", court_file_number="",
                           end_note="", notes="", extensions=(), withheld=True, exception_reason="")
        views.append(view)
    current = next((v for v in views if v.current), None)
    return PlacementChain(child_id, tuple(views), current, current.deadlines if current else ())


def child_placements(us: UserSession, child_id: int, today: date | None = None) -> PlacementChain:
    """The chain for the child's page (an audited read; out of scope: NotFound, audited)."""
    with us.tx() as tx:
        scope.load_child(tx, us, child_id)
        tx.audit(Action.READ, Entity.CHILD, child_id, detail=scope.read_detail(us, "placements"))
        return chain(tx, us, child_id, today)


def get_placement(us: UserSession, placement_id: int, today: date | None = None) -> PlacementView:
    """One placement by id (an audited read)."""
    with us.tx() as tx:
        row = load_placement(tx, us, placement_id)
        tx.audit(Action.READ, Entity.CHILD, row.child_id, detail=scope.read_detail(us, f"placement:{row.id}"))
        found = next((p for p in chain(tx, us, row.child_id, today).placements if p.id == row.id), None)
    if found is None:  # pragma: no cover - the row was just read in the same transaction
        raise NotFound()
    return found
