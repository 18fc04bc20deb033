"""Bulk import of a children register from CSV (UTF-8, comma or semicolon) or XLSX."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ospod_desktop.core.child_form import DEFAULT_MARK_FORMAT, ChildForm, CleanChild, validate
from ospod_desktop.core.errors import OspodError, ValidationError
from ospod_desktop.core.field_labels import child_error, child_label
from ospod_desktop.core.i18n import _
from ospod_desktop.core.names import fold
from ospod_desktop.core.roles import Action, Entity
from ospod_desktop.services import scope
from ospod_desktop.services.children._records import case_mark_format, insert_child
from ospod_desktop.services.context import UserSession

CANONICAL = ("reference", "given_name", "family_name", "original_script_name", "sex", "date_of_birth",
             "birth_year", "nationality", "found_date", "found_place", "status")
# Header names accepted for each column (compared without case, diacritics or punctuation).
ALIASES = {
    "reference": ("reference", "ref", "cislo jednaci", "cj", "spisova znacka", "referencni cislo"),
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
}
# The registration field each column fills (its label names the column in the preview and in errors).
COLUMN_FIELDS = {"reference": "reference", "given_name": "given_names", "family_name": "family_names",
                 "original_script_name": "original_script_name", "sex": "sex", "date_of_birth": "birth_date",
                 "birth_year": "birth_year", "nationality": "nationalities", "found_date": "found_on",
                 "found_place": "found_place", "status": "status"}
SEX_VALUES = {"m": "M", "male": "M", "muz": "M", "f": "F", "female": "F", "z": "F", "zena": "F",
              "u": "U", "unknown": "U", "": "U", "nezname": "U", "?": "U"}
STATUS_VALUES = {"unaccompanied": "unaccompanied", "bez doprovodu": "unaccompanied", "": "unaccompanied",
                 "separated": "separated", "odloucene": "separated", "odlouceny": "separated"}
TEMPLATE_HEADER = ",".join(CANONICAL)


@dataclass(frozen=True)
class RowError:
    row: int  # 1-based data row (the header is row 0)
    field: str
    message: str


@dataclass
class ImportResult:
    imported: list[int] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0


def _key(text: str) -> str:
    """A header or code as typed, folded like names (case, diacritics, punctuation, a BOM ignored)."""
    return fold(str(text or "").lstrip("\ufeff"))


_HEADER_MAP = {_key(alias): canon for canon, names in ALIASES.items() for alias in names}


def read_table(path: Path) -> list[dict[str, Any]]:
    """Rows as dicts keyed by canonical column names; unknown columns are ignored."""
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True, data_only=True).active
        raw: list[list[Any]] = ([["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]
                                if sheet is not None else [])  # a workbook without sheets reads as empty
    else:
        data = path.read_bytes().decode("utf-8-sig")
        dialect_delim = ";" if data.split("\n", 1)[0].count(";") > data.split("\n", 1)[0].count(",") else ","
        raw = list(csv.reader(io.StringIO(data), delimiter=dialect_delim))
    if not raw:
        raise OspodError(_("The file is empty."), "file")
    header = [_HEADER_MAP.get(_key(h), "") for h in raw[0]]
    if not any(header):
        raise OspodError(_("No known column names in the first row. Use the template's columns."), "file")
    rows = []
    for values in raw[1:]:
        if not any(str(v).strip() for v in values):
            continue
        rows.append({h: values[i] for i, h in enumerate(header) if h and i < len(values)})
    return rows


def _date(value, column: str) -> date | None:
    if value in ("", None):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise child_error(column, _("use the form YYYY-MM-DD."), child_label(COLUMN_FIELDS[column])) from exc


def row_to_form(row: dict) -> ChildForm:
    """One table row as a registration form (raises a field-named ValidationError)."""
    sex = SEX_VALUES.get(_key(row.get("sex", "")))
    if sex is None:
        raise child_error("sex", _("use M, F or U."))
    status = STATUS_VALUES.get(_key(row.get("status", "")))
    if status is None:
        raise child_error("status", _("use unaccompanied or separated."))
    year = str(row.get("birth_year", "")).strip()
    if year and not year.removesuffix(".0").isdigit():
        raise child_error("birth_year", _("use four digits."))
    return ChildForm(
        reference=str(row.get("reference", "")).strip(),
        given_names=str(row.get("given_name", "")),
        family_names=str(row.get("family_name", "")),
        original_script_name=str(row.get("original_script_name", "")),
        sex=sex,
        status=status,
        birth_date=_date(row.get("date_of_birth"), "date_of_birth"),
        birth_year=int(year.removesuffix(".0")) if year else None,
        nationalities=tuple(p.strip() for p in str(row.get("nationality", "")).replace(",", ";").split(";") if p.strip()),
        found_on=_date(row.get("found_date"), "found_date"),
        found_place=str(row.get("found_place", "")),
        # Imported separated children rarely carry the adult's name; the officer completes it later.
        companion_relationship=_("not stated in the import") if status == "separated" else "",
    )


# The form's field names as the import reports them: its own column names.
FIELD_TO_COLUMN = {f: c for c, f in COLUMN_FIELDS.items() if f != c}


def check_rows(rows: list[dict], today: date, mark_format: str = DEFAULT_MARK_FORMAT,
               ) -> tuple[list[CleanChild], list[RowError]]:
    """Every row validated as the import saves it: the clean ones, and each invalid row's error by column
    (the import dialog's preview shows these before anything is written)."""
    cleaned, errors = [], []
    for n, row in enumerate(rows, start=1):
        try:
            cleaned.append(validate(row_to_form(row), today, mark_format))
        except ValidationError as exc:
            errors.append(RowError(n, FIELD_TO_COLUMN.get(exc.field or "", exc.field or ""), exc.message))
    return cleaned, errors


def import_children(us: UserSession, path: Path, skip_invalid: bool = False, today: date | None = None) -> ImportResult:
    """Validate every row; import all of them in one transaction, or none if any is invalid (unless skipping)."""
    scope.check_can_register(us)
    today = today or scope.today()
    rows = read_table(path)
    result = ImportResult(rows=len(rows))
    with us.tx() as tx:
        cleaned, errors = check_rows(rows, today, case_mark_format(tx))
        result.errors.extend(errors)
        if result.errors and not skip_invalid:
            return result  # nothing written: the transaction holds no change
        for clean in cleaned:
            result.imported.append(insert_child(tx, clean, detail="import"))
        tx.audit(Action.CREATE, Entity.CHILD, detail=f"import:{len(result.imported)}")
    return result
