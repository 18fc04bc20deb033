"""Extending a preliminary measure or a ZDVOP contract, and closing a diagnostic stay's clock.

An extension is checked against the clocks (`core.placement_form.validate_extension` over
`core.deadlines.extension_error`): one step past the current expiry, never past 6 months from the first
measure's start unless the s. 460 reason is recorded (the extension may record it: it is set on the placement
and the change kept in the child's history), nothing under s. 461; a ZDVOP contract's extension needs the
municipal authority's consent (its day). Diagnostics completed (`complete_diagnostics`) closes the 8-week clock of
an intake/diagnostic stay; a correction of the placement clears it again (`correct_placement`).
"""

from __future__ import annotations

from datetime import date

from ospod_desktop.core import history as H
from ospod_desktop.core.deadlines import effective_expiry, is_diagnostic_stay
from ospod_desktop.core.i18n import _
from ospod_desktop.core.placement_form import ExtensionInput, check_day, fail, validate_extension
from ospod_desktop.core.roles import Action, Entity, PlacementAct
from ospod_desktop.services import scope
from ospod_desktop.services.context import UserSession, requires_rule
from ospod_desktop.services.due_policy import policy_in_session
from ospod_desktop.services.placements._clocks import full_facts
from ospod_desktop.services.placements._placements import (
    _now,
    check_own_facility,
    extensions_by_placement,
    history_summary,
    load_placement,
)  # fmt: skip
from ospod_desktop.storage.models import Facility
from ospod_desktop.storage.placement_tables import PlacementExtension
from ospod_desktop.storage.rows import saved_id


@requires_rule(PlacementAct.EXTEND)
def extend_placement(us: UserSession, placement_id: int, decided_on: date | None, new_expiry: date | None,
                     court: str = "", court_file_number: str = "", note: str = "", today: date | None = None, *,
                     consent_on: date | None = None, exception_reason: str = "") -> int:
    """Record a court's extension of a preliminary measure, or a ZDVOP contract's extension (with the municipal
    authority's consent, `consent_on`). `exception_reason` (s. 460) lets a measure pass 6 months from its start;
    it is kept on the placement. Returns the extension's id."""
    return record_extension(us, placement_id, ExtensionInput(decided_on, new_expiry, court, court_file_number, note,
                                                             consent_on, exception_reason), today)


@requires_rule(PlacementAct.EXTEND)
def record_extension(us: UserSession, placement_id: int, form: ExtensionInput, today: date | None = None) -> int:
    """`extend_placement` with the form as one value."""
    today = today or scope.today()
    with us.tx() as tx:
        policy = policy_in_session(tx.session)
        row = load_placement(tx, us, placement_id)
        existing = extensions_by_placement(tx, [saved_id(row)]).get(saved_id(row), [])
        facility = tx.session.get(Facility, row.facility_id) if row.facility_id else None
        facts = full_facts(row, existing, facility.type if facility else None)
        values = validate_extension(facts, form, today, policy)
        current = effective_expiry(facts, policy)
        reason = values.pop("exception_reason")
        ext = PlacementExtension(placement_id=saved_id(row), created_at=_now(), created_by=us.actor.user_id, **values)
        tx.session.add(ext)
        if reason != row.exception_reason:
            tx.history(row.child_id, H.Changes("placement", {"exception_reason": row.exception_reason},
                                               {"exception_reason": reason}))
            row.exception_reason = reason
            tx.session.add(row)
        tx.session.flush()
        tx.history(row.child_id, H.PlacementExtended(current, values["new_expiry"]))
        tx.audit(Action.UPDATE, Entity.CHILD, row.child_id, detail=f"placement_extend:{row.id}"
                 + (":exception_reason" if reason != facts.exception_reason else ""))
        return saved_id(ext)


@requires_rule(PlacementAct.CORRECT)
def complete_diagnostics(us: UserSession, placement_id: int, on: date | None, today: date | None = None) -> None:
    """Record the day the diagnostics of an intake/diagnostic stay were completed: its 8-week clock closes.

    Facility staff record it in their own facility while the child is placed there (they see it happen); a
    mistaken day is put right (or cleared) by correcting the placement."""
    today = today or scope.today()
    with us.tx() as tx:
        row = load_placement(tx, us, placement_id)
        message = _("Facility staff record this only for placements in their own facility.")
        check_own_facility(us, row.facility_id, message)
        scope.check_placed_here(tx, us, row.child_id, message)
        facility = tx.session.get(Facility, row.facility_id) if row.facility_id else None
        facts = full_facts(row, (), facility.type if facility else None)
        if not is_diagnostic_stay(facts):
            raise fail("diagnostic_stay", _("the placement is not marked as an intake/diagnostic stay."))
        if row.diagnostics_completed_on is not None:
            raise fail("diagnostics_completed_on", _("already recorded; correct the placement to change it."))
        check_day("diagnostics_completed_on", on, today)
        assert on is not None  # check_day requires it
        if on < row.start_date:
            raise fail("diagnostics_completed_on", _("the date is before the start."))
        if row.end_date is not None and on > row.end_date:
            raise fail("diagnostics_completed_on", _("the date is after the end of the placement."))
        row.diagnostics_completed_on = on
        tx.session.add(row)
        tx.history(row.child_id, H.DiagnosticsCompleted(history_summary(row, facility), on))
        tx.audit(Action.UPDATE, Entity.CHILD, row.child_id, detail=f"placement_diagnostics:{row.id}")
