"""Individual protection plans (IPOD, Section 10(5)(b) of Act 359/1999): recording one closes the `ipod`
clock; a placement that starts after the latest plan makes an update due (`core.due_rules`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import col, select

from ospod_desktop.core import history as H
from ospod_desktop.core.care_form import IpodInput, validate_ipod
from ospod_desktop.core.roles import Action, Entity
from ospod_desktop.services import scope
from ospod_desktop.services.care._common import (
    WRITERS,
    check_reader,
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
from ospod_desktop.storage.care_tables import Ipod
from ospod_desktop.storage.rows import saved_id

COLUMNS = ["drawn_up_on", "note"]  # what a deletion keeps in the history


@dataclass(frozen=True)
class IpodView:
    id: int
    child_id: int
    drawn_up_on: date
    note: str
    created_at: datetime


def _summary(row) -> H.CareSummary:
    return H.CareSummary(row.drawn_up_on)


def _view(row: Ipod) -> IpodView:
    return IpodView(saved_id(row), row.child_id, row.drawn_up_on, row.note, row.created_at)


def ipods_of(tx: Tx, child_id: int) -> list[IpodView]:
    """The child's plans, newest first."""
    rows = tx.session.exec(select(Ipod).where(Ipod.child_id == child_id)
                           .order_by(col(Ipod.drawn_up_on).desc(), col(Ipod.id).desc())).all()
    return [_view(r) for r in rows]


@requires(*WRITERS)
def record_ipod(us: UserSession, child_id: int, form: IpodInput) -> int:
    """Record an IPOD drawn up (or updated) for the child; returns its id."""
    with us.tx() as tx:
        child = writable_child(tx, us, child_id)
        values = validate_ipod(form, today(), child.found_on)
        row = Ipod(child_id=child_id, created_at=now(), created_by=us.actor.user_id, **values)
        return write_record(tx, row, "ipod", "recorded", _summary(row), Entity.IPOD)


@requires(*WRITERS)
def correct_ipod(us: UserSession, ipod_id: int, form: IpodInput, reason: str) -> list[str]:
    """Correct a recorded IPOD; the old values stay in the history with the reason. Returns the changed columns."""
    with us.tx() as tx:
        row = load_row(tx, us, Ipod, ipod_id, Entity.IPOD)
        values = validate_ipod(form, today(), found_on(tx, row.child_id))
        return correct(tx, row, values, reason, "ipod", Entity.IPOD, _summary)


@requires(*WRITERS)
def delete_ipod(us: UserSession, ipod_id: int, reason: str) -> None:
    """Delete an IPOD recorded in error; the history keeps it."""
    with us.tx() as tx:
        row = load_row(tx, us, Ipod, ipod_id, Entity.IPOD)
        delete(tx, row, COLUMNS, reason, "ipod", Entity.IPOD, _summary)


def list_ipods(us: UserSession, child_id: int) -> list[IpodView]:
    """The child's IPODs, newest first (an audited read)."""
    check_reader(us)
    with us.tx() as tx:
        scope.load_child(tx, us, child_id)
        tx.audit(Action.READ, Entity.CHILD, child_id, detail=scope.read_detail(us, "ipod"))
        return ipods_of(tx, child_id)
