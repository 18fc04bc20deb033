"""What the care records share: who may read and write them, the child they belong to, and how a correction
or a deletion keeps the old values (`services.correction_log`, as for placements).

Officers and supervisors record, correct and read IPODs, guardianships and asylum applications for every child
of the office; facility staff never see them (IPODs and guardians' notes are OSPOD's), nor do administrators,
except read-only through the break glass (`services.scope`), every read audited.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import TypeVar

from sqlmodel import SQLModel, col

from ospod_desktop.core import history as H
from ospod_desktop.core.errors import PermissionDenied, ValidationError
from ospod_desktop.core.i18n import _
from ospod_desktop.core.roles import Action, Role
from ospod_desktop.services import correction_log as log
from ospod_desktop.services import scope
from ospod_desktop.services.context import Tx, UserSession
from ospod_desktop.storage import ownership
from ospod_desktop.storage.models import Child
from ospod_desktop.storage.rows import saved_id, table_of

WRITERS = (Role.OFFICER, Role.SUPERVISOR)
Row = TypeVar("Row", bound=SQLModel)


def check_reader(us: UserSession) -> None:
    """Officers and supervisors (and an administrator through the break glass) read care records; nobody else."""
    if not scope.reads_all(us):
        raise PermissionDenied()


def today() -> date:
    return scope.today()


def now() -> datetime:
    return datetime.now(UTC)


def writable_child(tx: Tx, us: UserSession, child_id: int) -> Child:
    child = scope.load_child(tx, us, child_id)
    if child.merged_into_id is not None:
        raise ValidationError("child_id", _("The record has been merged into another one; record it there."))
    return child


def load_row(tx: Tx, us: UserSession, model: type[Row], row_id: int, entity: str) -> Row:
    """A care record of a child in scope, or NotFound (audited)."""
    return scope.load_owned(tx, us, model, row_id, entity)  # type: ignore[type-var]


def found_on(tx: Tx, child_id: int) -> date | None:
    child = tx.session.get(Child, child_id)
    return child.found_on if child is not None else None


def correct(tx: Tx, row, values: dict, reason: str, what: str, entity: str,
            summary: Callable[[object], H.CareSummary]) -> list[str]:
    """Apply `values` to `row`: the old and new values, the reason and a before/after line go into the history."""
    reason = log.check_reason(reason)
    changed = log.changes(row, values)
    if not changed:
        raise ValidationError(None, _("Nothing was changed."))
    before = summary(row)
    for key, (_old, new) in changed.items():
        setattr(row, key, new)
    row.updated_at = now()
    tx.session.add(row)
    tx.history(row.child_id, H.CareCorrected(what, "corrected", before, summary(row)))
    tx.history(row.child_id, H.Changes(what, {k: o for k, (o, _n) in changed.items()},
                                       {k: n for k, (_o, n) in changed.items()}))
    tx.history(row.child_id, H.CorrectionReason(reason))
    tx.audit(Action.UPDATE, entity, saved_id(row), detail=f"child:{row.child_id}:{','.join(sorted(changed))}")
    return sorted(changed)


def delete(tx: Tx, row, columns: list[str], reason: str, what: str, entity: str,
           summary: Callable[[object], H.CareSummary]) -> None:
    """Delete a record entered in error; the history keeps every column of it, with the reason."""
    reason = log.check_reason(reason)
    row_id, child_id, model = saved_id(row), row.child_id, type(row)
    tx.history(child_id, H.CareCorrected(what, "deleted", summary(row), None))
    tx.history(child_id, H.Changes(what, log.snapshot(row, columns), {}))
    tx.history(child_id, H.CorrectionReason(reason))
    ownership.delete_tree(tx.session, table_of(model), col(model.id) == row_id)
    tx.audit(Action.DELETE, entity, row_id, detail=f"child:{child_id}")


def write_record(tx: Tx, row, what: str, event: str, summary: H.CareSummary, entity: str,
                 action: str = Action.CREATE, detail: str = "") -> int:
    """Save a care record (new or changed) with its history line (`what`/`event`, never a note) and its audit
    row (ids only: `child:<id>` and `detail`); returns the record's id."""
    tx.session.add(row)
    tx.session.flush()
    tx.history(row.child_id, H.CareRecorded(what, event, summary))
    tx.audit(action, entity, saved_id(row), detail=f"child:{row.child_id}{detail}")
    return saved_id(row)
