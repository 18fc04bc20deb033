"""The exported statistics (`core.stats.model.Published`) as JSON, CSV and XLSX bytes; the PDF is
`reports.statistics_pdf`. Only table ids, keys (codes), their translated labels and counts are written: the
model holds no name, identifier, date of birth or free text, so no export can.

- JSON: `Published.as_json()` — `{"from", "to", "suppressed_below", "tables": {id: {key: count-or-"<N"-or-"x",
  ..., "total": ...}}, "multiple": [ids]}` — UTF-8, indented, ending with a newline.
- CSV: the app's CSV dialect (as the due list's: comma-separated, CRLF, UTF-8 with a BOM so Czech Excel reads
  the diacritics), long format, one row per cell with the columns `CSV_COLUMNS`; counts are numbers, "<N" and
  "x" text. Every row (the header too) goes through `core.spreadsheet.escape_row`.
- XLSX: a first sheet `about` (the period, the suppression rule, what "<N" and "x" mean, the tables that count
  a child more than once, and every table's id, title and note), then one sheet per table named by its id (ids
  are at most 31 characters) with the columns `XLSX_COLUMNS`: the key, its label in the active language, the
  value (a count as a number, "<N" or "x" as text). Every row goes through `escape_row`.

Labels and words are in the active language (`core.i18n.language(...)` around the call chooses it).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from ospod_desktop.core.i18n import _, format_day
from ospod_desktop.core.spreadsheet import escape_row
from ospod_desktop.core.stats.labels import key_label, title_of
from ospod_desktop.core.stats.model import HIDDEN, Published
from ospod_desktop.core.stats.tables import MULTI_NOTE, TABLES

CSV_COLUMNS = ("from", "to", "suppressed_below", "table", "key", "value")
XLSX_COLUMNS = ("key", "label", "value")
ABOUT_SHEET = "about"
ABOUT_COLUMNS = ("item", "label", "value")
TABLE_LIST_COLUMNS = ("table", "title", "note")
BOM = "\ufeff"


def to_json(p: Published) -> bytes:
    """The contract's JSON document (with the extra key "multiple"), UTF-8, ending with a newline."""
    return (json.dumps(p.as_json(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _escaped(cells: Iterable[Any]) -> list[Any]:
    row = escape_row(list(cells))
    assert isinstance(row, list)  # a list in, a list out
    return row


def csv_rows(p: Published) -> list[list[Any]]:
    """The header and one row per cell (every table, every key, `total` included), escaped."""
    start, end = p.start.isoformat(), p.end.isoformat()
    rows = [_escaped(CSV_COLUMNS)]
    for table_id, cells in p.tables.items():
        for key, value in cells.items():
            rows.append(_escaped((start, end, p.suppressed_below, table_id, key, value)))
    return rows


def to_csv(p: Published) -> bytes:
    """Long-format CSV (`CSV_COLUMNS`), UTF-8 with a BOM, comma-separated, CRLF line ends."""
    text = io.StringIO(newline="")
    text.write(BOM)
    csv.writer(text).writerows(csv_rows(p))
    return text.getvalue().encode("utf-8")


def period_text(p: Published) -> str:
    """ "1. 1. 2026 – 31. 12. 2026" in the active language."""
    return f"{format_day(p.start)} – {format_day(p.end)}"


def rule_text(p: Published) -> str:
    """The suppression rule in words, for the reader of the export."""
    n = p.suppressed_below
    if n == 0:
        return _("Exact counts, for the office's own use: no count is suppressed. Small counts can identify a "
                 "child; do not publish these tables.")
    return _("Counts of 1 to {last} are shown as “<{n}”. A count shown as “{hidden}” is hidden so that a "
             "suppressed count cannot be worked out from the total and the other counts of the table. Zeros are "
             "shown as 0.").format(last=n - 1, n=n, hidden=HIDDEN)


def multiple_text(p: Published, titles: bool = False) -> str:
    """Which tables count a child in more than one row (their ids — the XLSX's sheet names —, or with `titles`
    their translated titles, one a line, for a reader of the PDF), or that none does."""
    if not p.multiple:
        return _("None: in every table each child counts in one row.")
    if titles:
        return "\n".join(_title(t) for t in p.tables if t in p.multiple)
    return ", ".join(t for t in p.tables if t in p.multiple)


def table_note(p: Published, table_id: str) -> str:
    """The table's note as shown beside it (translated): its own explanation, and the note that a child may count
    in more than one row where that happened in this period."""
    spec = TABLES.get(table_id)
    own = spec.note if spec is not None else ""
    if table_id in p.multiple:
        return _(own or MULTI_NOTE)
    return _(own) if own and own != MULTI_NOTE else ""


def _title(table_id: str) -> str:
    return title_of(table_id) if table_id in TABLES else table_id


def _about_rows(p: Published) -> list[tuple[str, str, Any]]:
    rows: list[tuple[str, str, Any]] = [
        ("from", _("First day of the period"), p.start.isoformat()),
        ("to", _("Last day of the period"), p.end.isoformat()),
        ("period", _("Period"), period_text(p)),
        ("suppressed_below", _("Small counts suppressed below"), p.suppressed_below),
        ("rule", _("Small counts"), rule_text(p)),
    ]
    if p.suppressed_below:
        rows.append((f"<{p.suppressed_below}", _("Meaning of “<{n}”").format(n=p.suppressed_below),
                     _("a count from 1 to {last}").format(last=p.suppressed_below - 1)))
        rows.append((HIDDEN, _("Meaning of “{hidden}”").format(hidden=HIDDEN),
                     _("a count hidden so that a suppressed count cannot be worked out")))
    rows.append(("multiple", _("Tables in which a child may count more than once"), multiple_text(p)))
    if p.anchor:
        rows.append(("anchor", _("Audit anchor at export (verify --anchor)"), p.anchor))
    return rows


def to_xlsx(p: Published) -> bytes:
    """The workbook: the `about` sheet, then one sheet per table (`XLSX_COLUMNS`)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    about = wb.active
    assert about is not None  # a new workbook has one sheet
    about.title = ABOUT_SHEET
    about.append(_escaped(ABOUT_COLUMNS))
    for row in _about_rows(p):
        about.append(_escaped(row))
    about.append([])
    first_list_row = about.max_row + 1
    about.append(_escaped(TABLE_LIST_COLUMNS))
    for table_id in p.tables:
        about.append(_escaped((table_id, _title(table_id), table_note(p, table_id))))
    for c in (*about[1], *about[first_list_row]):
        c.font = Font(bold=True)
    for column, width in zip("ABC", (30, 45, 90), strict=True):
        about.column_dimensions[column].width = width
    for (c,) in about.iter_rows(min_col=3, max_col=3):
        c.alignment = Alignment(wrap_text=True, vertical="top")

    for table_id, cells in p.tables.items():
        ws = wb.create_sheet(table_id[:31])
        ws.append(_escaped(XLSX_COLUMNS))
        for key, value in cells.items():
            ws.append(_escaped((key, key_label(table_id, key), value)))
        for c in ws[1]:
            c.font = Font(bold=True)
        for column, width in zip("ABC", (20, 45, 10), strict=True):
            ws.column_dimensions[column].width = width
        ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
