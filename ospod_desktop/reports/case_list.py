"""The case list as an XLSX workbook that Czech Excel (or LibreOffice) opens as it is.

Dates are date cells with a day format of the language ("1. 5. 2010" in Czech), numbers are numbers, codes
are written as their labels, and text never starts a formula (`core.spreadsheet`). The header row is frozen
and filtered. Headers are the columns' labels, except in English, where they are the CSV's own column names
(the names scripts already use), so the two exports line up.

The case list is the first (active) sheet; a second sheet `about` (the statistics workbook's metadata layout:
`ABOUT_COLUMNS`) holds the audit chain's anchor at the export (`verify --anchor ID:MAC`). The CSV and JSON have
no place for it that their documented shape allows: their anchor is kept in the disclosure register's entry.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ospod_desktop.core import child_rules as R
from ospod_desktop.core.countries import country_name
from ospod_desktop.core.field_labels import child_label
from ospod_desktop.core.i18n import N_, _, current_language
from ospod_desktop.core.spreadsheet import escape_cell, escape_row

# A list column's header: the registration field it shows (`core.field_labels`), or its own label.
FIELD_OF_COLUMN = {"reference": "reference", "case_mark": "case_mark", "given_name": "given_names",
                   "family_name": "family_names", "original_script_name": "original_script_name", "sex": "sex",
                   "date_of_birth": "birth_date", "birth_year": "birth_year", "nationality": "nationalities",
                   "status": "status", "case_status": "case_status", "found_date": "found_on"}
OWN_LABELS = {"id": N_("Record no."), "age": N_("Age (youngest possible)"), "age_range": N_("Age range"),
              "current_facility": N_("Placement"), "missing_since": N_("Missing since")}
DATE_COLUMNS = frozenset({"date_of_birth", "found_date"})
TIME_COLUMNS = frozenset({"missing_since"})  # ISO 8601 UTC in the record; a local date and time in the workbook
DATE_FORMATS = {"cs": "d. m. yyyy", "en": "yyyy-mm-dd"}  # Excel format codes; Czech as babel's medium date
TIME_FORMATS = {"cs": "d. m. yyyy h:mm", "en": "yyyy-mm-dd hh:mm"}
MIN_WIDTH, MAX_WIDTH = 6, 50
ABOUT_SHEET = "about"
ABOUT_COLUMNS = ("item", "label", "value")  # as the statistics workbook's `about` sheet (`reports.statistics`)


def header(column: str) -> str:
    """The header of a column in the active language (English: the CSV's column name)."""
    if current_language() == "en":
        return column
    if column in FIELD_OF_COLUMN:
        return child_label(FIELD_OF_COLUMN[column])
    return _(OWN_LABELS[column]) if column in OWN_LABELS else column


def cell(column: str, value: Any) -> Any:
    """A record's value as the workbook holds it: a date, a number, or text in the active language."""
    if value is None or value == "" or value == []:
        return None
    if column in DATE_COLUMNS:
        return value if isinstance(value, date) else date.fromisoformat(str(value))
    if column in TIME_COLUMNS:  # a spreadsheet holds no time zone: the computer's local time, to the minute
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
        return moment.astimezone().replace(tzinfo=None, second=0, microsecond=0)
    if column == "sex":
        return R.label(R.SEXES, value)
    if column == "status":
        return R.label(R.STATUSES, value)
    if column == "case_status":
        return R.label(R.CASE_STATUSES, value)
    if column == "nationality":
        return ", ".join(country_name(c) for c in value)
    return value


def _width(values: Iterable[Any]) -> float:
    longest = 0
    for v in values:
        if v is None:
            continue
        text = "00. 00. 0000 00:00" if isinstance(v, datetime) else "00. 00. 0000" if isinstance(v, date) else str(v)
        longest = max(longest, max(len(line) for line in text.split("\n")))
    return float(min(max(longest + 2, MIN_WIDTH), MAX_WIDTH))


def write_case_list(target: IO[bytes], records: Sequence[Mapping[str, Any]], columns: Sequence[str],
                    anchor: str = "") -> None:
    """Write `records` (`services.children.case_list_records`) as a workbook to a binary file; `anchor` (the audit
    chain's head "ID:MAC", `services.chain_anchor.current`) goes on the `about` sheet after the list."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook has one sheet
    ws.title = _("Case list")[:31]
    headers = [header(c) for c in columns]
    ws.append(escape_row(headers))
    rows = [[escape_cell(cell(c, rec.get(c))) for c in columns] for rec in records]
    for row in rows:
        ws.append(row)
    date_format = DATE_FORMATS.get(current_language(), DATE_FORMATS["cs"])
    time_format = TIME_FORMATS.get(current_language(), TIME_FORMATS["cs"])
    for i, column in enumerate(columns, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = _width([headers[i - 1], *(row[i - 1] for row in rows)])
        if column in DATE_COLUMNS or column in TIME_COLUMNS:
            for (c,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                c.number_format = date_format if column in DATE_COLUMNS else time_format
    for c in ws[1]:
        c.font = Font(bold=True)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    if anchor:
        _about(wb, anchor, len(rows))
    wb.save(target)


def _about(wb: Workbook, anchor: str, count: int) -> None:
    about = wb.create_sheet(ABOUT_SHEET)  # after the list: the list stays the first and active sheet
    about.append(escape_row(list(ABOUT_COLUMNS)))
    about.append(escape_row(["records", _("Records in the list"), count]))
    about.append(escape_row(["anchor", _("Audit anchor at export (verify --anchor)"), anchor]))
    for c in about[1]:
        c.font = Font(bold=True)
    for column, width in zip("ABC", (12, 45, 30), strict=True):
        about.column_dimensions[column].width = width
