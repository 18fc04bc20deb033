"""How a correction or a deletion is kept, so that nothing recorded is ever lost.

A correction of a placement or a missing episode, or its deletion as recorded in error, writes into the
child's history, in the same transaction (the entries of `core.history`):
- `Corrected`: where and when, before and after, that facility staff also read;
- `Changes`: the changed columns, old and new; on a deletion every column of the row, so the whole record
  survives in the history;
- `CorrectionReason`: the reason given.
The audit chain gets only ids and the names of the changed columns.
"""

from __future__ import annotations

from ospod_desktop.core import history as H
from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.i18n import _
from ospod_desktop.core.limits import NOTE_MAX
from ospod_desktop.core.text import clean_text
from ospod_desktop.services.context import Tx

REASON_MIN = 5
REASON_MAX = NOTE_MAX


def check_reason(reason: str | None) -> str:
    """The reason for a correction or deletion: required, at least `REASON_MIN` characters."""
    label = _("Reason for the correction")
    text = clean_text(reason, "correction_reason", label, REASON_MAX)
    if len(text) < REASON_MIN:
        raise ValidationError("correction_reason", _("{field}: say briefly what was wrong (at least {n} characters).")
                              .format(field=label, n=REASON_MIN))
    return text


def changes(row: object, values: dict) -> dict[str, tuple[object, object]]:
    """The columns `values` would change on `row`: {column: (old, new)}."""
    return {k: (getattr(row, k), v) for k, v in values.items() if getattr(row, k) != v}


def snapshot(row: object, columns: list[str]) -> dict[str, object]:
    """Every non-empty column of a row (what a deletion keeps in the history)."""
    return {c: getattr(row, c) for c in columns if getattr(row, c) not in (None, "", False)}


def record(tx: Tx, child_id: int, what: str, action: str, before: H.Summary, after: H.Summary | None,
           old: dict[str, object], new: dict[str, object], reason: str) -> None:
    """The history lines of one correction (`action` "corrected"), reopening ("reopened") or deletion ("deleted")
    of a placement or missing episode (`what`)."""
    tx.history(child_id, H.Corrected(what, action, before, after))
    tx.history(child_id, H.Changes(what, old, new))
    tx.history(child_id, H.CorrectionReason(reason))
