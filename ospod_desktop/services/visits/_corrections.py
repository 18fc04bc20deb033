"""Correcting a saved visit, or deleting one recorded in error. Nothing is lost: the old values go into the
child's history with the reason, in the same transaction (as for placements: `services.correction_log`).

A corrected visit is validated whole again, like a new one; its placement follows its (new) day. A deleted
visit's information requests stay (they were asked for all the same) without their link to it.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import col, select

from ospod_desktop.core import history as H
from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.history_visits import VisitCorrected
from ospod_desktop.core.i18n import _
from ospod_desktop.core.roles import Action, Entity
from ospod_desktop.core.visit_form import COLUMNS, VisitInput
from ospod_desktop.services import correction_log as log
from ospod_desktop.services import scope
from ospod_desktop.services.context import UserSession, requires
from ospod_desktop.services.visits._visits import ROLES, checked_values, load_child, load_visit, summary_of
from ospod_desktop.storage import ownership
from ospod_desktop.storage.care_tables import InformationRequest, Visit
from ospod_desktop.storage.rows import saved_id, table_of


@requires(*ROLES)
def correct_visit(us: UserSession, visit_id: int, form: VisitInput, reason: str,
                  today: date | None = None) -> list[str]:
    """Correct a saved visit; returns the changed columns. The old values and the reason go into the history."""
    today = today or scope.today()
    with us.tx() as tx:
        row = load_visit(tx, us, visit_id)
        child = load_child(tx, us, row.child_id)
        values = checked_values(tx, child, form, today, exclude=saved_id(row))
        changed = log.changes(row, values)
        if not changed:
            raise ValidationError(None, _("Nothing was changed."))
        reason = log.check_reason(reason)
        before = summary_of(row)
        for key, (_old, new) in changed.items():
            setattr(row, key, new)
        tx.session.add(row)
        tx.history(row.child_id, VisitCorrected("corrected", before, summary_of(row)))
        tx.history(row.child_id, H.Changes("visit", {k: o for k, (o, _n) in changed.items()},
                                           {k: n for k, (_o, n) in changed.items()}))
        tx.history(row.child_id, H.CorrectionReason(reason))
        tx.audit(Action.UPDATE, Entity.CHILD, row.child_id,
                 detail=f"visit_correct:{row.id}:{','.join(sorted(changed))}")
        return sorted(changed)


@requires(*ROLES)
def delete_visit(us: UserSession, visit_id: int, reason: str) -> None:
    """Delete a visit recorded in error; the history keeps every column of it and the reason."""
    reason = log.check_reason(reason)
    with us.tx() as tx:
        row = load_visit(tx, us, visit_id)
        visit_id, child_id = saved_id(row), row.child_id
        values = log.snapshot(row, ["placement_id", *COLUMNS])
        if row.child_seen is False:
            values["child_seen"] = False  # a snapshot leaves out False; "not seen" is worth keeping
        tx.history(child_id, VisitCorrected("deleted", summary_of(row), None))
        tx.history(child_id, H.Changes("visit", values, {}))
        tx.history(child_id, H.CorrectionReason(reason))
        for request in tx.session.exec(select(InformationRequest).where(InformationRequest.visit_id == visit_id)):
            request.visit_id = None
            tx.session.add(request)
        tx.session.flush()
        ownership.delete_tree(tx.session, table_of(Visit), col(Visit.id) == visit_id)
        tx.audit(Action.DELETE, Entity.VISIT, visit_id, detail=f"child:{child_id}")
