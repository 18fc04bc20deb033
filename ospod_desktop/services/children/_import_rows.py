"""The children import's columns and one row: header names (English and Czech), a row as a registration form, and
the row's checks that need no database (`check_rows`). The file is read by `services._table_files`.

Besides the registration, a row may give `registered_date` (when the child entered the office's earlier register:
the IPOD clock starts there) and `ipod_date` (the latest individual protection plan); `row_extras` reads them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from ospod_desktop.core.child_form import DEFAULT_MARK_FORMAT, ChildForm, CleanChild, validate
from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.field_labels import child_error, child_label
from ospod_desktop.core.i18n import _
from ospod_desktop.core.import_cells import birth_year_contradicts, check_cells, parse_year
from ospod_desktop.services._table_files import SourceRow, blank, header_key, header_map, parse_day, read_rows

CANONICAL = ("reference", "case_mark", "given_name", "family_name", "original_script_name", "sex", "date_of_birth",
             "birth_year", "nationality", "found_date", "found_place", "status", "registered_date", "ipod_date")
# Columns that are not the registration form's: the register date and the latest IPOD (`row_extras`).
EXTRA_COLUMNS = ("registered_date", "ipod_date")
# Header names accepted for each column (compared without case, diacritics or punctuation).
ALIASES = {
    "reference": ("reference", "ref", "cislo jednaci", "cj", "c j", "referencni cislo"),
    "case_mark": ("case_mark", "case mark", "case file mark", "file mark", "spisova znacka", "sp zn", "znacka spisu"),
    "given_name": ("given_name", "given name", "first name", "jmeno", "krestni jmeno"),
    "family_name": ("family_name", "family name", "surname", "last name", "prijmeni"),
    "original_script_name": ("original_script_name", "original script name", "jmeno v puvodnim pismu",
                             "puvodni pismo"),
    "sex": ("sex", "gender", "pohlavi"),
    "date_of_birth": ("date_of_birth", "date of birth", "dob", "datum narozeni"),
    "birth_year": ("birth_year", "birth year", "year of birth", "rok narozeni"),
    "nationality": ("nationality", "citizenship", "statni prislusnost", "obcanstvi"),
    "found_date": ("found_date", "found date", "date found", "datum nalezeni", "datum zjisteni"),
    "found_place": ("found_place", "found place", "place found", "misto nalezeni", "misto zjisteni"),
    "status": ("status", "stav", "typ"),
    "registered_date": ("registered_date", "registered date", "date registered", "register date",
                        "datum zapisu", "datum zapisu do evidence", "datum evidence", "v evidenci od"),
    "ipod_date": ("ipod_date", "ipod date", "latest ipod", "datum ipod", "ipod", "posledni ipod",
                  "datum posledniho ipod"),
}
# The registration field each column fills (its label names the column in the preview and in errors).
COLUMN_FIELDS = {"reference": "reference", "case_mark": "case_mark", "given_name": "given_names",
                 "family_name": "family_names", "original_script_name": "original_script_name", "sex": "sex",
                 "date_of_birth": "birth_date", "birth_year": "birth_year", "nationality": "nationalities",
                 "found_date": "found_on", "found_place": "found_place", "status": "status",
                 "registered_date": "registered_on", "ipod_date": "ipod_on"}
SEX_VALUES = {"m": "M", "male": "M", "muz": "M", "f": "F", "female": "F", "z": "F", "zena": "F",
              "u": "U", "unknown": "U", "": "U", "nezname": "U", "?": "U"}
STATUS_VALUES = {"unaccompanied": "unaccompanied", "bez doprovodu": "unaccompanied", "": "unaccompanied",
                 "separated": "separated", "odloucene": "separated", "odlouceny": "separated"}
TEMPLATE_HEADER = ",".join(CANONICAL)


class ErrorKind(StrEnum):
    INVALID = "invalid"  # a cell is wrong (or the reference is given twice in the file)
    REGISTERED = "registered"  # the reference is already registered (`update_existing` updates that child)
    DUPLICATE = "duplicate"  # likely a child already registered or another row (`accept_duplicates` imports it)


@dataclass(frozen=True)
class RowError:
    row: int  # the row number a spreadsheet shows: the header is row 1, the first data row row 2
    field: str  # the column (or the registration field) at fault; "" for a likely duplicate
    message: str
    kind: ErrorKind = ErrorKind.INVALID


_key = header_key
_HEADER_MAP = header_map(ALIASES)

# --- reading ---------------------------------------------------------------------------------------------------


def read_table(path: Path) -> list[SourceRow]:
    """The data rows by canonical column names (unknown columns ignored, blank rows left out), each with the row
    number a spreadsheet shows. A file that cannot be read raises one OspodError naming it."""
    return read_rows(path, _HEADER_MAP, CANONICAL, lambda canon: child_label(COLUMN_FIELDS[canon]))


# --- one row ---------------------------------------------------------------------------------------------------

def _date(value: Any, column: str) -> date | None:
    try:
        return parse_day(value)
    except ValueError:
        raise child_error(column, _("use a date such as 14.3.2010 or 2010-03-14."),
                          child_label(COLUMN_FIELDS[column])) from None


def row_fields(row: Mapping[str, Any]) -> dict[str, Any]:
    """The registration fields the row's filled cells give (raises a field-named ValidationError)."""
    out: dict[str, Any] = {}
    check_cells(row, lambda column, problem: child_error(COLUMN_FIELDS[column], problem, child_label(COLUMN_FIELDS[column])))
    for column in CANONICAL:
        value = row.get(column)
        if column in EXTRA_COLUMNS:
            continue
        if blank(value):
            continue
        name = COLUMN_FIELDS[column]
        if column == "sex":
            if (sex := SEX_VALUES.get(_key(str(value)))) is None:
                raise child_error("sex", _("use M, F or U."))
            out[name] = sex
        elif column == "status":
            if (status := STATUS_VALUES.get(_key(str(value)))) is None:
                raise child_error("status", _("use unaccompanied or separated."))
            out[name] = status
        elif column == "birth_year":
            try:
                out[name] = parse_year(value)
            except ValueError:
                raise child_error("birth_year", _("use four digits.")) from None
        elif column in ("date_of_birth", "found_date"):
            out[name] = _date(value, column)
        elif column == "nationality":
            out[name] = tuple(p.strip() for p in str(value).replace(",", ";").split(";") if p.strip())
        elif column in ("reference", "case_mark"):
            out[name] = str(value).strip()
        else:
            out[name] = str(value)
    if birth_year_contradicts(out.get("birth_date"), out.get("birth_year")):
        raise child_error("birth_year", _("the year of birth differs from the date of birth; correct one of them."))
    return out


def companion_fields(status: str) -> dict[str, str]:
    # Imported separated children rarely carry the adult's name; the officer completes it later.
    return {"companion_relationship": _("not stated in the import")} if status == "separated" else {}


def row_to_form(row: Mapping[str, Any]) -> ChildForm:
    """One table row as a registration form (raises a field-named ValidationError)."""
    fields = {"sex": "U", "status": "unaccompanied", **row_fields(row)}
    fields.update(companion_fields(fields["status"]))
    return ChildForm(**fields)


# The form's field names as the import reports them: its own column names.
FIELD_TO_COLUMN = {f: c for c, f in COLUMN_FIELDS.items() if f != c}


def row_error(line: int, exc: ValidationError) -> RowError:
    return RowError(line, FIELD_TO_COLUMN.get(exc.field or "", exc.field or ""), exc.message)


def check_rows(rows: Sequence[SourceRow], today: date, mark_format: str = DEFAULT_MARK_FORMAT,
               ) -> tuple[dict[int, CleanChild], list[RowError]]:
    """Every row validated as the import saves it: the clean ones by line, and each invalid row's error by column
    (a reference given twice is an error of the later row)."""
    cleaned: dict[int, CleanChild] = {}
    errors = []
    first_with: dict[str, int] = {}
    for row in rows:
        try:
            clean = validate(row_to_form(row.values), today, mark_format)
        except ValidationError as exc:
            errors.append(row_error(row.line, exc))
            continue
        reference = clean.values["reference"]
        if reference and reference in first_with:
            errors.append(RowError(row.line, "reference", _("{field}: the same as on row {row}.").format(
                field=child_label("reference"), row=first_with[reference])))
            continue
        if reference:
            first_with[reference] = row.line
        try:
            row_extras(row.values, today)
        except ValidationError as exc:
            errors.append(row_error(row.line, exc))
            continue
        cleaned[row.line] = clean
    return cleaned, errors


def row_extras(row: Mapping[str, Any], today: date) -> dict[str, date]:
    """The row's register date (`registered_on`) and latest IPOD (`ipod_on`), those it gives: dates not in the
    future (raises a field-named ValidationError)."""
    out = {}
    for column in EXTRA_COLUMNS:
        day = _date(row.get(column), column)
        if day is None:
            continue
        if day > today:
            raise child_error(column, _("the date is in the future."), child_label(COLUMN_FIELDS[column]))
        out[COLUMN_FIELDS[column]] = day
    return out
