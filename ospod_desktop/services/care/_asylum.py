"""Asylum applications: a representative must be designated within 15 working days of an application
(the `guardian` clock's second part, `core.due_rules`); recording the designation closes it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import col, select

from ospod_desktop.core import history as H
from ospod_desktop.core.care_form import AsylumInput, fail, validate_asylum, validate_representative
from ospod_desktop.core.i18n import _
from ospod_desktop.core.roles import Action, Entity
from ospod_desktop.services.care._common import (
    WRITERS,
    correct,
    delete,
    found_on,
    load_row,
    now,
    today,
    writable_child,
    write_record,
)  # fmt: skip
from ospod_desktop.services.context import Tx, UserSession, requires
from ospod_desktop.storage.care_tables import AsylumApplication
from ospod_desktop.storage.rows import saved_id

COLUMNS = ["applied_on", "representative_on", "representative_name", "note"]
WHAT = "asylum"


@dataclass(frozen=True)
class AsylumView:
    id: int
    child_id: int
    applied_on: date
    representative_on: date | None
    representative_name: str
    note: str


def summary_of(row) -> H.CareSummary:
    return H.CareSummary(row.applied_on, row.representative_name, "", row.representative_on)


def _view(r: AsylumApplication) -> AsylumView:
    return AsylumView(saved_id(r), r.child_id, r.applied_on, r.representative_on, r.representative_name, r.note)


def applications_of(tx: Tx, child_id: int) -> list[AsylumView]:
    """The child's asylum applications, newest first."""
    rows = tx.session.exec(select(AsylumApplication).where(AsylumApplication.child_id == child_id)
                           .order_by(col(AsylumApplication.applied_on).desc(), col(AsylumApplication.id).desc())).all()
    return [_view(r) for r in rows]


@requires(*WRITERS)
def record_asylum_application(us: UserSession, child_id: int, form: AsylumInput) -> int:
    """Record an application for international protection (with its representative, when already known)."""
    with us.tx() as tx:
        child = writable_child(tx, us, child_id)
        values = validate_asylum(form, today(), child.found_on)
        row = AsylumApplication(child_id=child_id, created_at=now(), created_by=us.actor.user_id, **values)
        return write_record(tx, row, WHAT, "recorded", summary_of(row), Entity.ASYLUM_APPLICATION)


@requires(*WRITERS)
def record_representative(us: UserSession, application_id: int, representative_on: date | None, name: str) -> None:
    """Record the representative designated for an asylum application."""
    with us.tx() as tx:
        row = load_row(tx, us, AsylumApplication, application_id, Entity.ASYLUM_APPLICATION)
        writable_child(tx, us, row.child_id)
        if row.representative_on is not None:
            raise fail("representative_on", _("a representative is already recorded; correct the application instead."))
        values = validate_representative(representative_on, name, today(), row.applied_on)
        for key, value in values.items():
            setattr(row, key, value)
        row.updated_at = now()
        tx.session.add(row)
        tx.history(row.child_id, H.CareRecorded(WHAT, "representative", summary_of(row)))
        tx.audit(Action.UPDATE, Entity.ASYLUM_APPLICATION, application_id,
                 detail=f"child:{row.child_id}:representative_on,representative_name")


@requires(*WRITERS)
def correct_asylum_application(us: UserSession, application_id: int, form: AsylumInput, reason: str) -> list[str]:
    """Correct an application or its representative; the old values stay in the history with the reason."""
    with us.tx() as tx:
        row = load_row(tx, us, AsylumApplication, application_id, Entity.ASYLUM_APPLICATION)
        values = validate_asylum(form, today(), found_on(tx, row.child_id))
        return correct(tx, row, values, reason, WHAT, Entity.ASYLUM_APPLICATION, summary_of)


@requires(*WRITERS)
def delete_asylum_application(us: UserSession, application_id: int, reason: str) -> None:
    """Delete an application recorded in error; the history keeps all of it."""
    with us.tx() as tx:
        row = load_row(tx, us, AsylumApplication, application_id, Entity.ASYLUM_APPLICATION)
        delete(tx, row, COLUMNS, reason, WHAT, Entity.ASYLUM_APPLICATION, summary_of)
