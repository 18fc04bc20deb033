"""How a correction or a deletion is kept, so that nothing recorded is ever lost.

A correction of a placement or a missing episode, or its deletion as recorded in error, writes into the
child's history, in the same transaction:
- a summary line (`<kind>_corrected` / `<kind>_deleted`: where and when, before and after) that facility
  staff also read;
- the changed columns, old and new, as JSON (`<kind>_changes`): on a deletion every column of the row, so
  the whole record survives in the history;
- the reason given for the correction (`correction_reason`).
The audit chain gets only ids and the names of the changed columns.
"""

from __future__ import annotations

import json
from datetime import date, datetime

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


def plain(value: object) -> object:
    """A column value as JSON: dates and times in ISO form."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return value


def dump(values: dict[str, object]) -> str:
    """Columns and their values as the JSON a history line keeps (in column order)."""
    return json.dumps({k: plain(v) for k, v in values.items()}, ensure_ascii=False)


def changes(row: object, values: dict) -> dict[str, tuple[object, object]]:
    """The columns `values` would change on `row`: {column: (old, new)}."""
    return {k: (getattr(row, k), v) for k, v in values.items() if getattr(row, k) != v}


def snapshot(row: object, columns: list[str]) -> dict[str, object]:
    """Every non-empty column of a row (what a deletion keeps in the history)."""
    return {c: plain(getattr(row, c)) for c in columns if getattr(row, c) not in (None, "", False)}


def record(tx: Tx, child_id: int, kind: str, action: str, summary_old: str, summary_new: str,
           old: dict[str, object], new: dict[str, object], reason: str) -> None:
    """The history lines of one correction (`action` "corrected") or deletion ("deleted") of a `kind` row."""
    tx.history(child_id, f"{kind}_{action}", summary_old, summary_new)
    tx.history(child_id, f"{kind}_changes", dump(old), dump(new))
    tx.history(child_id, "correction_reason", "", reason)
