"""The due items as JSON and CSV (the `due` command's `--format json|csv`), from rows the services build.

A row is anything with the four attributes of `DueRowLike` (`services.due.DueRow` has more; nothing else is
read here). JSON follows the contract of issue 10: one object per item,
`{"child": {"id", "reference"}, "kind", "due", "due_at", "status", "basis", "basis_kind", "officer",
"explanation"}`, where `basis` is the raw citation ("Act 359/1999 s. 29" or "office practice", never
translated, so scripts can match it) and `explanation` is in the active language (without the bidi isolates
the screens wrap names in). The CSV has the same fields flattened, then the translated labels of the kind,
status and basis; every cell goes through `core.spreadsheet.escape_row` (a reference such as "=1+1" is
written as text), and a file for a spreadsheet starts with a UTF-8 BOM so Excel reads the diacritics.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, Protocol, TextIO

from ospod_desktop.core.due import DueItem
from ospod_desktop.core.spreadsheet import escape_row

CSV_COLUMNS = ("child_id", "child_reference", "kind", "due", "due_at", "status", "basis", "basis_kind", "officer",
               "explanation")
# Extra columns after the contract's, in the active language: what a person reading the sheet needs.
CSV_LABEL_COLUMNS = ("kind_label", "status_label", "basis_label")
BOM = "\ufeff"


class DueRowLike(Protocol):
    """One due item of one child, as the services hand it over (read-only attributes are enough)."""

    @property
    def child_id(self) -> int: ...

    @property
    def reference(self) -> str | None: ...  # None: withheld from the user's role

    @property
    def officer(self) -> str | None: ...  # the responsible officer's user name

    @property
    def item(self) -> DueItem: ...


def _due_at(item: DueItem) -> str | None:
    if item.due_at is None:
        return None
    if item.due_at.tzinfo is None or item.due_at.utcoffset() is None:
        raise ValueError(f"due_at of a {item.kind} item has no UTC offset")  # the engine's hour clocks are aware
    return item.due_at.isoformat()


def due_json_rows(rows: Iterable[DueRowLike]) -> list[dict[str, Any]]:
    """The rows as the JSON contract's plain objects, in the order given."""
    return [{"child": {"id": r.child_id, "reference": r.reference}, "kind": r.item.kind, "due": r.item.due.isoformat(),
             "due_at": _due_at(r.item), "status": r.item.status, "basis": r.item.basis,
             "basis_kind": r.item.basis_kind, "officer": r.officer, "explanation": r.item.explanation}
            for r in rows]


def write_due_json(rows: Iterable[DueRowLike], out: TextIO) -> None:
    """The rows as a JSON array (UTF-8 text, not ASCII escapes), ending with a newline."""
    out.write(json.dumps(due_json_rows(rows), ensure_ascii=False, indent=1) + "\n")


def _escaped(cells: list[Any]) -> list[Any]:
    row: dict[Any, Any] | list[Any] = escape_row(cells)
    assert isinstance(row, list)  # a list in, a list out
    return row


def due_csv_rows(rows: Iterable[DueRowLike]) -> list[list[Any]]:
    """Header and rows for a spreadsheet, every cell escaped (`CSV_COLUMNS` then `CSV_LABEL_COLUMNS`)."""
    rows = list(rows)
    table = [_escaped([*CSV_COLUMNS, *CSV_LABEL_COLUMNS])]
    for rec, r in zip(due_json_rows(rows), rows, strict=True):
        cells = [rec["child"]["id"], rec["child"]["reference"], *(rec[c] for c in CSV_COLUMNS[2:])]
        labels = [r.item.label, r.item.status_label, r.item.basis_label]
        table.append(_escaped(["" if c is None else c for c in cells] + labels))
    return table


def write_due_csv(rows: Iterable[DueRowLike], out: TextIO, *, bom: bool = True) -> None:
    """The rows as CSV (comma-separated, CRLF line ends; open `out` with `newline=""`). `bom` writes the UTF-8
    byte order mark first, as Excel needs to read the diacritics of a double-clicked file."""
    if bom:
        out.write(BOM)
    csv.writer(out).writerows(due_csv_rows(rows))
