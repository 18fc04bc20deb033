"""Correcting a saved placement, or deleting one recorded in error; nothing is lost (`correction_log`).

- Officers and supervisors correct any placement of the office and delete one recorded in error.
- Facility staff correct placements in their own facility while the child is placed there; the place must
  stay their facility — moving a placement into or out of it would widen or hide their scope. They correct
  only the facts they record (`placement_rules.STAFF_CORRECTABLE`: the days, the reason for the end among
  `STAFF_END_REASONS`, the notes), never the legal basis, the court's decision, the contract or the expiry,
  and they do not delete (`core.roles.PLACEMENT_RULES`).
A correction is validated whole, like a new placement, and must not make the child's placements overlap.
Deleting the placement a transfer started reopens the placement the child was transferred from, when
nothing else was recorded after it; other placements that pointed to it keep their dates.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import col, select

from ospod_desktop.core import history as H
from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.i18n import _, format_day
from ospod_desktop.core.placement_form import PlacementInput, fail, validate_placement
from ospod_desktop.core.roles import Action, Entity, PlacementAct, may_correct, may_end_for
from ospod_desktop.services import correction_log as log
from ospod_desktop.services import scope
from ospod_desktop.services.context import Tx, UserSession, requires_rule
from ospod_desktop.services.placements._placements import (
    check_overlap,
    check_own_facility,
    check_staff,
    extensions_by_placement,
    history_summary,
    load_placement,
    placements_of,
    registered_facility,
    writable_child,
)  # fmt: skip
from ospod_desktop.storage import ownership
from ospod_desktop.storage.care_tables import Visit
from ospod_desktop.storage.models import Facility
from ospod_desktop.storage.placement_tables import MissingEpisode, Placement
from ospod_desktop.storage.rows import saved_id, table_of

COLUMNS = ["facility_id", "setting", "carer_name", "carer_relationship", "carer_address", "carer_contact",
           "legal_basis", "court", "court_file_number", "decision_date", "contract_party", "start_date",
           "expiry_date", "end_date", "end_reason", "end_note", "previous_id", "notes", "enforceable_on",
           "exception_reason", "section_461", "diagnostic_stay", "diagnostics_completed_on"]


def form_of(p) -> PlacementInput:
    """A saved placement (a row or a `PlacementView`) as the form that would record it again."""
    return PlacementInput(
        start_date=p.start_date, legal_basis=p.legal_basis, facility_id=p.facility_id,
        setting="" if p.facility_id else p.setting, carer_name=p.carer_name, carer_relationship=p.carer_relationship,
        carer_address=p.carer_address, carer_contact=p.carer_contact, court=p.court,
        court_file_number=p.court_file_number, decision_date=p.decision_date, contract_party=p.contract_party,
        expiry_date=p.expiry_date, end_date=p.end_date, end_reason=p.end_reason, end_note=p.end_note, notes=p.notes,
        enforceable_on=p.enforceable_on, exception_reason=p.exception_reason, section_461=p.section_461,
        diagnostic_stay=p.diagnostic_stay, diagnostics_completed_on=p.diagnostics_completed_on)


def _successor(tx: Tx, row: Placement) -> Placement | None:
    return tx.session.exec(select(Placement).where(Placement.previous_id == row.id)).first()


@requires_rule(PlacementAct.CORRECT)
def correct_placement(us: UserSession, placement_id: int, form: PlacementInput, reason: str,
                      today: date | None = None) -> list[str]:
    """Correct what was recorded of a placement; returns the names of the corrected columns."""
    today = today or scope.today()
    with us.tx() as tx:
        row = load_placement(tx, us, placement_id)
        staff_message = _("Facility staff correct only placements in their own facility.")
        check_own_facility(us, row.facility_id, staff_message)
        check_own_facility(us, form.facility_id, staff_message)
        scope.check_placed_here(tx, us, row.child_id, staff_message)  # the grace period is for reading only
        child = writable_child(tx, us, row.child_id)
        old_facility = tx.session.get(Facility, row.facility_id) if row.facility_id else None
        # A facility no longer in use may stay on a placement it really had; a new choice must be in use.
        facility = old_facility if form.facility_id == row.facility_id else registered_facility(tx, form.facility_id)
        values = validate_placement(form, today, child.found_on, facility.type if facility else None)
        start, end = values["start_date"], values["end_date"]
        linked = _check_transfer_links(tx, row, start, end, values["end_reason"])
        early = [e.decided_on for e in extensions_by_placement(tx, [saved_id(row)]).get(saved_id(row), [])
                 if e.decided_on < start]
        if early:
            raise fail("start_date", _("an extension was decided on {day}, before this start.").format(
                day=format_day(min(early))))
        for p, _column, _day in linked:  # the other side of a transfer may be another facility's record
            check_own_facility(us, p.facility_id, staff_message)
        moved = {p.id for p, _col, _day in linked}
        check_overlap(tx, row.child_id, start, end, {row.id} | moved)
        for p, column, day in linked:
            p_start, p_end = (day, p.end_date) if column == "start_date" else (p.start_date, day)
            check_overlap(tx, row.child_id, p_start, p_end, {row.id} | moved)
        changed = log.changes(row, values)
        if not changed:
            raise ValidationError(None, _("Nothing was changed."))
        role = us.actor.role
        check_staff(all(may_correct(role, column) for column in changed), PlacementAct.CORRECT)
        if {"end_date", "end_reason"} & set(changed):  # an end OSPOD recorded, or one staff may not record
            check_staff(all(may_end_for(role, r) for r in (row.end_reason, values["end_reason"]) if r),
                        PlacementAct.DEPARTURE)
        reason = log.check_reason(reason)
        before = history_summary(row, old_facility, with_end=True)
        for key, (_old, new) in changed.items():
            setattr(row, key, new)
        tx.session.add(row)
        log.record(tx, row.child_id, "placement", "corrected", before, history_summary(row, facility, with_end=True),
                   _readable(tx, {k: o for k, (o, _n) in changed.items()}),
                   _readable(tx, {k: n for k, (_o, n) in changed.items()}), reason)
        for p, column, day in linked:  # the other side of a transfer moves with it (the same day, one step)
            p_facility = tx.session.get(Facility, p.facility_id) if p.facility_id else None
            p_before, old_day = history_summary(p, p_facility, with_end=True), getattr(p, column)
            setattr(p, column, day)
            tx.session.add(p)
            log.record(tx, row.child_id, "placement", "corrected", p_before, history_summary(p, p_facility, with_end=True),
                       {column: old_day}, {column: day}, reason)
        tx.audit(Action.UPDATE, Entity.CHILD, row.child_id, detail=f"placement_correct:{row.id}:{','.join(sorted(changed))}"
                 + "".join(f":moved:{p.id}" for p, _c, _d in linked))
        return sorted(changed)


def _readable(tx: Tx, values: dict) -> dict:
    """Changed columns for the history: the place by its name rather than a facility id."""
    out = dict(values)
    if "facility_id" in out:
        fid = out.pop("facility_id")
        facility = tx.session.get(Facility, fid) if fid else None
        out = {"facility": facility.name if facility else "", **out}
    return out


def _check_transfer_links(tx: Tx, row: Placement, start: date, end: date | None, end_reason: str) -> list:
    """A transfer is one day shared by two placements: the end of one (reason "transfer") and the start of the
    next. A correction keeps that true — moving the day moves both sides — and refuses a "transfer" that leads
    nowhere. Returns the linked rows to move: [(placement, column, new day)]."""
    successor = _successor(tx, row)
    source = tx.session.get(Placement, row.previous_id) if row.previous_id else None
    if source is not None and (source.end_reason != "transfer" or source.end_date != row.start_date):
        source = None
    linked: list = []
    if successor is not None:
        if end is None or end_reason != "transfer":
            raise fail("end_reason", _("the child was transferred from here to the next placement; the end stays a "
                                       "transfer (correct its day, or delete the next placement)."))
        if end != row.end_date:
            if successor.end_date is not None and end > successor.end_date:
                raise fail("end_date", _("the next placement ended on {day}; the transfer cannot be later.").format(
                    day=format_day(successor.end_date)))
            linked.append((successor, "start_date", end))
    elif end_reason == "transfer":
        raise fail("end_reason", _("no placement follows this one; record a transfer with Transfer on the child's "
                                   "page, or choose another reason."))
    if source is not None and start != row.start_date:
        if start < source.start_date:
            raise fail("start_date", _("the transfer would be before the previous placement started ({day}).").format(
                day=format_day(source.start_date)))
        linked.append((source, "end_date", start))
    return linked


def _reopen_candidate(tx: Tx, row: Placement) -> Placement | None:
    """The placement a deleted transfer came from, when it can simply continue (nothing recorded after it)."""
    if row.previous_id is None or row.end_date is not None:
        return None
    previous = tx.session.get(Placement, row.previous_id)
    if previous is None or previous.end_reason != "transfer" or previous.end_date != row.start_date:
        return None
    later = [p for p in placements_of(tx, row.child_id) if p.id not in (row.id, previous.id) and p.start_date >= previous.start_date]
    return None if later else previous


@requires_rule(PlacementAct.DELETE)
def delete_placement(us: UserSession, placement_id: int, reason: str) -> int | None:
    """Delete a placement recorded in error (officers and supervisors); the history keeps all of it.

    Returns the id of the placement reopened because the deleted one was the transfer out of it, or None.
    """
    reason = log.check_reason(reason)
    with us.tx() as tx:
        row = load_placement(tx, us, placement_id)
        writable_child(tx, us, row.child_id)
        facility = tx.session.get(Facility, row.facility_id) if row.facility_id else None
        kept = log.snapshot(row, COLUMNS)
        extensions = extensions_by_placement(tx, [saved_id(row)]).get(saved_id(row), [])
        if extensions:
            kept["extensions"] = tuple(H.ExtensionRecord(e.decided_on, e.new_expiry, e.court, e.court_file_number, e.note)
                                       for e in extensions)
        reopened = _reopen_candidate(tx, row)
        kept = _readable(tx, kept) if "facility_id" in kept else kept
        for later in tx.session.exec(select(Placement).where(Placement.previous_id == row.id)).all():
            later.previous_id = row.previous_id
            tx.session.add(later)
        for linked in (*tx.session.exec(select(MissingEpisode).where(MissingEpisode.placement_id == row.id)).all(),
                       *tx.session.exec(select(Visit).where(Visit.placement_id == row.id)).all()):
            linked.placement_id = row.previous_id if reopened else None  # episodes and visits of that stay
            tx.session.add(linked)
        summary, child_id = history_summary(row, facility, with_end=True), row.child_id
        # The placement and its extensions (`storage.ownership`), each leaving a tombstone.
        ownership.delete_tree(tx.session, table_of(Placement), col(Placement.id) == saved_id(row))
        log.record(tx, child_id, "placement", "deleted", summary, None, kept, {}, reason)
        if reopened is not None:
            before = history_summary(reopened, tx.session.get(Facility, reopened.facility_id) if reopened.facility_id
                                     else None, with_end=True)
            reopened.end_date, reopened.end_reason = None, ""
            tx.session.add(reopened)
            tx.history(row.child_id, H.Corrected("placement", "reopened", before))
        tx.audit(Action.DELETE, Entity.PLACEMENT, row.id, detail=f"child:{row.child_id}"
                 + (f":reopened:{reopened.id}" if reopened else ""))
        return reopened.id if reopened else None
