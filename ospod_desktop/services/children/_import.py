"""Bulk import of a children register from CSV or XLSX, checked against the register and within the file.

Reading (`read_table`): an XLSX workbook's first sheet, or CSV text as spreadsheet programs save it — UTF-8 with or
without a BOM, UTF-16 with a BOM (Excel's "Unicode text", tab-separated), else Windows-1250 (Czech Excel's CSV);
the delimiter (tab, semicolon or comma) is the one the header row uses most. Every row keeps the number a
spreadsheet shows beside it (the header is row 1), and errors name it.

Checking (`check_import`, also the dialog's preview): every row validated as registration validates it; a
reference given twice in the file is an error of the later row. Each valid row is then compared with the register
and with the other rows: a reference already registered (or kept on a child as another agency's reference), and a
likely duplicate by the register dialog's matcher (`find_duplicates`), are reported with the record concerned.

Writing (`import_rows`): all in one transaction, nothing if any row is in the way (unless invalid rows are
skipped). A row whose reference is registered is an error, or with `update_existing` an edit of that child
(history kept, as `update_child` keeps it; empty cells and absent columns leave its values as they are). A likely
duplicate is an error unless `accept_duplicates`; or the officer's choice for the row decides (`RowChoice`:
a new child all the same, skip the row, or the same child — update it, or only link the row's reference to it).
"""

from __future__ import annotations

import csv
import io
import logging
import re
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from ospod_desktop.core.child_form import DEFAULT_MARK_FORMAT, ChildForm, CleanChild, IdentifierInput, validate
from ospod_desktop.core.errors import OspodError, ValidationError
from ospod_desktop.core.field_labels import child_error, child_label
from ospod_desktop.core.i18n import _
from ospod_desktop.core.matching import Reason
from ospod_desktop.core.names import PreparedRecord, fold
from ospod_desktop.core.roles import Action, Entity
from ospod_desktop.services import scope
from ospod_desktop.services.children._duplicates import (
    Candidate,
    candidate_of,
    live_children,
    pairs_within,
    probe_of,
    register_matches,
)  # fmt: skip
from ospod_desktop.services.children._records import apply_update, case_mark_format, form_of, insert_child
from ospod_desktop.services.context import Tx, UserSession
from ospod_desktop.storage.child_tables import ChildIdentifier
from ospod_desktop.storage.models import OFFICE_ID, Child, Office
from ospod_desktop.storage.rows import saved_id
from ospod_desktop.storage.search import id_in

log = logging.getLogger(__name__)

CANONICAL = ("reference", "case_mark", "given_name", "family_name", "original_script_name", "sex", "date_of_birth",
             "birth_year", "nationality", "found_date", "found_place", "status")
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
}
# The registration field each column fills (its label names the column in the preview and in errors).
COLUMN_FIELDS = {"reference": "reference", "case_mark": "case_mark", "given_name": "given_names",
                 "family_name": "family_names", "original_script_name": "original_script_name", "sex": "sex",
                 "date_of_birth": "birth_date", "birth_year": "birth_year", "nationality": "nationalities",
                 "found_date": "found_on", "found_place": "found_place", "status": "status"}
SEX_VALUES = {"m": "M", "male": "M", "muz": "M", "f": "F", "female": "F", "z": "F", "zena": "F",
              "u": "U", "unknown": "U", "": "U", "nezname": "U", "?": "U"}
STATUS_VALUES = {"unaccompanied": "unaccompanied", "bez doprovodu": "unaccompanied", "": "unaccompanied",
                 "separated": "separated", "odloucene": "separated", "odlouceny": "separated"}
TEMPLATE_HEADER = ",".join(CANONICAL)
_CHUNK = 500  # references looked up per query
MATCHES_PER_ROW = 5  # registered children reported for one row, best first
# A reference a row gives that differs from the one a child has is kept on the child as this kind of identifier.
LINKED_REFERENCE_KIND = "agency"


@dataclass(frozen=True)
class SourceRow:
    """One data row of the file: the row number a spreadsheet shows (header = 1) and its cells by column."""

    line: int
    values: dict[str, Any]


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


class MatchKind(StrEnum):
    REFERENCE = "reference"  # the row's reference is registered (as a child's reference or another agency's)
    REGISTER = "register"  # likely the same child as a registered one (the register dialog's matcher)
    FILE = "file"  # likely the same child as an earlier row of the file


@dataclass(frozen=True)
class RowMatch:
    """A row that may be a child already registered (`existing`) or the same child as an earlier row."""

    line: int
    kind: MatchKind
    existing: Candidate | None = None
    other_line: int | None = None
    score: float = 1.0
    reasons: tuple[Reason, ...] = ()

    @property
    def what(self) -> str:
        """What the row may be the same child as, in words: "record no. 12 (reference …)" or "row 3 of the file"."""
        return match_text(self)

    def describe(self, wrap: Callable[[str], str]) -> str:
        """`what`, the child's name passed through `wrap` (the UI isolates it: `core.text.isolate`)."""
        return match_text(self, wrap)


class Choice(StrEnum):
    CREATE = "create"  # a new child all the same
    SKIP = "skip"  # the row is left out
    UPDATE = "update"  # the same child: the row's filled cells update the registered record (history kept)
    LINK = "link"  # the same child: the record stays as it is; the row's reference is kept on it


@dataclass(frozen=True)
class RowChoice:
    """The officer's decision on a row that may be a registered child (`child_id` for UPDATE and LINK)."""

    choice: Choice
    child_id: int | None = None


@dataclass
class ImportCheck:
    """What an import would meet: invalid rows, and rows that may be children already registered."""

    rows: list[SourceRow]
    errors: list[RowError] = field(default_factory=list)
    matches: list[RowMatch] = field(default_factory=list)
    cleaned: dict[int, CleanChild] = field(default_factory=dict)  # valid rows by line

    def matches_of(self, line: int) -> list[RowMatch]:
        return [m for m in self.matches if m.line == line]


@dataclass
class ImportResult:
    imported: list[int] = field(default_factory=list)  # new children
    updated: list[int] = field(default_factory=list)  # registered children a row changed
    unchanged: list[int] = field(default_factory=list)  # registered children a row would update, already as it says
    linked: list[int] = field(default_factory=list)  # registered children a row is the same child as (its reference kept)
    children: dict[int, int] = field(default_factory=dict)  # line -> the child it created, updated or linked
    skipped: list[int] = field(default_factory=list)  # lines left out by choice
    errors: list[RowError] = field(default_factory=list)
    matches: list[RowMatch] = field(default_factory=list)  # likely duplicates found (imported if accepted)
    rows: int = 0

    @property
    def written(self) -> list[int]:
        """Every child the import created or may have changed."""
        return [*self.imported, *self.updated, *self.linked]


def _key(text: str) -> str:
    """A header or code as typed, folded like names (case, diacritics, punctuation, a BOM ignored)."""
    return fold(str(text or "").lstrip("\ufeff"))


_HEADER_MAP = {_key(alias): canon for canon, names in ALIASES.items() for alias in names}

# --- reading ---------------------------------------------------------------------------------------------------

_ZIP = b"PK\x03\x04"  # XLSX (and ODS) are zip files
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary XLS
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise OspodError(_("The file {name} does not exist.").format(name=path), "file") from exc
    except IsADirectoryError as exc:
        raise OspodError(_("{name} is a folder, not a file.").format(name=path), "file") from exc
    except PermissionError as exc:
        raise OspodError(_("The file {name} cannot be opened: permission denied.").format(name=path), "file") from exc
    except OSError as exc:
        raise OspodError(_("The file {name} cannot be read ({reason}).").format(
            name=path, reason=exc.strerror or type(exc).__name__), "file") from exc


def _decode(data: bytes, path: Path) -> str:
    """CSV bytes as text: a BOM says the encoding; without one UTF-8 if it is valid, else Windows-1250."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise OspodError(_("The file {name} is damaged: it is not the {encoding} text it says it is.").format(
                    name=path, encoding=encoding.upper().removesuffix("-SIG")), "file") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1250")
        except UnicodeDecodeError as exc:
            raise OspodError(_("The file {name} is not text in a known encoding (UTF-8, UTF-16, Windows-1250). "
                               "Save it as CSV or XLSX.").format(name=path), "file") from exc
    if "\x00" in text:
        raise OspodError(_("The file {name} is not a table saved as text. Save it as CSV or XLSX.").format(name=path),
                         "file")
    return text


def _delimiter(text: str) -> str:
    """The delimiter the header row uses most: tab, semicolon or comma (a single column: comma)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in ("\t", ";", ",")}
    best = max(counts, key=lambda d: counts[d])  # on a tie the first: tab, then semicolon
    return best if counts[best] else ","


def _csv_rows(data: bytes, path: Path) -> list[list[Any]]:
    text = _decode(data, path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        return list(reader)
    except csv.Error as exc:
        raise OspodError(_("The file {name} is not a readable CSV table (row {row}: {problem}).").format(
            name=path, row=reader.line_num, problem=exc), "file") from exc


def _cell(value: Any) -> Any:
    """An XLSX cell's value: empty as "", a whole number stored as a float as an int (2010.0 is 2010)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _xlsx_rows(data: bytes, path: Path) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
        if sheet is None:  # a workbook without sheets reads as empty
            return []
        if hasattr(sheet, "reset_dimensions"):  # some programs write a wrong size: read every row there is
            sheet.reset_dimensions()
        # Rows come from row 1 on, missing ones filled in, so a row's position is the number Excel shows.
        return [[_cell(v) for v in row] for row in sheet.iter_rows(min_row=1, values_only=True)]
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, AttributeError) as exc:
        log.debug("unreadable workbook", exc_info=True)
        if path.suffix.lower() == ".ods":
            raise OspodError(_("{name} is an OpenDocument spreadsheet: save it as XLSX or CSV.").format(name=path),
                             "file") from exc
        raise OspodError(_("The file {name} is not a readable Excel workbook (XLSX). Save it again as XLSX or CSV.")
                         .format(name=path), "file") from exc


def read_table(path: Path) -> list[SourceRow]:
    """The data rows by canonical column names (unknown columns ignored, blank rows left out), each with the row
    number a spreadsheet shows. A file that cannot be read raises one OspodError naming it."""
    path = Path(path)
    data = _read_bytes(path)
    if data.startswith(_OLE) or path.suffix.lower() == ".xls":
        raise OspodError(_("{name} is an old Excel file (XLS): save it as XLSX or CSV.").format(name=path), "file")
    raw = _xlsx_rows(data, path) if data.startswith(_ZIP) else _csv_rows(data, path)
    numbered = [(n, values) for n, values in enumerate(raw, start=1) if any(str(v).strip() for v in values)]
    if not numbered:
        raise OspodError(_("The file {name} is empty.").format(name=path), "file")
    (_header_line, names), body = numbered[0], numbered[1:]
    header = [_HEADER_MAP.get(_key(h), "") for h in names]
    if not any(header):
        raise OspodError(_("No known column names in the first row. Use the template's columns."), "file")
    for canon in CANONICAL:
        same = [str(names[i]).strip() for i, h in enumerate(header) if h == canon]
        if len(same) > 1:
            raise OspodError(_("The columns {columns} all mean “{label}”: keep one of them.").format(
                columns=", ".join(f"“{s}”" for s in same), label=child_label(COLUMN_FIELDS[canon])), "file")
    return [SourceRow(n, {h: values[i] for i, h in enumerate(header) if h and i < len(values)}) for n, values in body]


# --- one row ---------------------------------------------------------------------------------------------------

# 14.3.2010, 14. 3. 2010, 14.03.2010 (Czech), besides ISO 2010-03-14 (a time of midnight after it is ignored).
_CZECH_DATE = re.compile(r"(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T]0?0:00(?::00)?)?")


def _date(value: Any, column: str) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    czech, iso = _CZECH_DATE.fullmatch(text), _ISO_DATE.fullmatch(text)
    try:
        if czech:
            return date(int(czech[3]), int(czech[2]), int(czech[1]))
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
    except ValueError:
        pass  # 31.2.2010: no such day
    raise child_error(column, _("use a date such as 14.3.2010 or 2010-03-14."), child_label(COLUMN_FIELDS[column]))


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _fields(row: Mapping[str, Any]) -> dict[str, Any]:
    """The registration fields the row's filled cells give (raises a field-named ValidationError)."""
    out: dict[str, Any] = {}
    for column in CANONICAL:
        value = row.get(column)
        if _blank(value):
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
            year = str(value).strip().removesuffix(".0")
            if isinstance(value, (date, datetime)) or not year.isdigit():
                raise child_error("birth_year", _("use four digits."))
            out[name] = int(year)
        elif column in ("date_of_birth", "found_date"):
            out[name] = _date(value, column)
        elif column == "nationality":
            out[name] = tuple(p.strip() for p in str(value).replace(",", ";").split(";") if p.strip())
        elif column in ("reference", "case_mark"):
            out[name] = str(value).strip()
        else:
            out[name] = str(value)
    return out


def _companion(status: str) -> dict[str, str]:
    # Imported separated children rarely carry the adult's name; the officer completes it later.
    return {"companion_relationship": _("not stated in the import")} if status == "separated" else {}


def row_to_form(row: Mapping[str, Any]) -> ChildForm:
    """One table row as a registration form (raises a field-named ValidationError)."""
    fields = {"sex": "U", "status": "unaccompanied", **_fields(row)}
    fields.update(_companion(fields["status"]))
    return ChildForm(**fields)


# The form's field names as the import reports them: its own column names.
FIELD_TO_COLUMN = {f: c for c, f in COLUMN_FIELDS.items() if f != c}


def _row_error(line: int, exc: ValidationError) -> RowError:
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
            errors.append(_row_error(row.line, exc))
            continue
        reference = clean.values["reference"]
        if reference and reference in first_with:
            errors.append(RowError(row.line, "reference", _("{field}: the same as on row {row}.").format(
                field=child_label("reference"), row=first_with[reference])))
            continue
        if reference:
            first_with[reference] = row.line
        cleaned[row.line] = clean
    return cleaned, errors


# --- checking against the register ------------------------------------------------------------------------------


def _by_reference(session: Session, us: UserSession, references: set[str], today: date) -> dict[str, list[Candidate]]:
    """The children the user may see that carry each reference: as their own, or kept as another agency's
    reference; a record merged into another stands for the record it was merged into."""
    holders: dict[str, set[int]] = {}
    wanted = sorted(references)
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start:start + _CHUNK]
        for ref, cid, merged_into in session.exec(select(col(Child.reference), col(Child.id), col(Child.merged_into_id))
                                                  .where(col(Child.reference).in_(chunk))).all():
            if cid is not None:
                holders.setdefault(ref, set()).add(merged_into or cid)
        for ref, cid in session.exec(select(col(ChildIdentifier.number), col(ChildIdentifier.child_id)).where(
                col(ChildIdentifier.kind) == LINKED_REFERENCE_KIND, col(ChildIdentifier.number).in_(chunk))).all():
            holders.setdefault(ref, set()).add(cid)
    for _round in range(10):  # a record merged into one that was merged in turn
        ids = {i for held in holders.values() for i in held}
        onward = dict(session.exec(select(col(Child.id), col(Child.merged_into_id)).where(
            id_in(col(Child.id), ids), col(Child.merged_into_id).is_not(None))).all()) if ids else {}
        if not onward:
            break
        holders = {ref: {onward.get(i) or i for i in held} for ref, held in holders.items()}
    ids = {i for held in holders.values() for i in held}
    live = {m["id"]: candidate_of(m, today) for m in live_children(session, us, id_in(col(Child.id), ids))} if ids else {}
    return {ref: sorted((live[i] for i in held if i in live), key=lambda c: c.child_id) for ref, held in holders.items()}


def _check(session: Session, us: UserSession, rows: Sequence[SourceRow], today: date, mark_format: str) -> ImportCheck:
    cleaned, errors = check_rows(rows, today, mark_format)
    check = ImportCheck(list(rows), errors, [], cleaned)
    lines = sorted(cleaned)
    registered = _by_reference(session, us, {c.values["reference"] for c in cleaned.values() if c.values["reference"]},
                               today)
    fuzzy: list[int] = []
    for line in lines:
        same = registered.get(cleaned[line].values["reference"], []) if cleaned[line].values["reference"] else []
        check.matches += [RowMatch(line, MatchKind.REFERENCE, existing=c) for c in same]
        if not same:
            fuzzy.append(line)
    probes: dict[int, PreparedRecord] = {line: probe_of(cleaned[line].values) for line in lines}
    found = register_matches(session, us, [probes[line] for line in fuzzy], today, limit=MATCHES_PER_ROW)
    for line, candidates in zip(fuzzy, found, strict=True):
        check.matches += [RowMatch(line, MatchKind.REGISTER, existing=c, score=c.score, reasons=c.reasons)
                          for c in candidates]
    waiting = set(fuzzy)  # a row whose reference is registered is decided by its reference
    for a, b, result in pairs_within([probes[line] for line in lines]):
        if lines[b] in waiting:
            check.matches.append(RowMatch(lines[b], MatchKind.FILE, other_line=lines[a], score=round(result.score, 3),
                                          reasons=result.reasons))
    check.matches.sort(key=lambda m: (m.line, m.kind != MatchKind.REFERENCE, -m.score))
    return check


def _mark_format(session: Session) -> str:
    office = session.get(Office, OFFICE_ID)
    return office.file_mark_format if office else DEFAULT_MARK_FORMAT


def check_import(us: UserSession, rows: Sequence[SourceRow], today: date | None = None) -> ImportCheck:
    """What importing these rows would meet (nothing is written): the import dialog's preview."""
    scope.check_can_register(us)
    today = today or scope.today()
    with us.read() as session:
        return _check(session, us, rows, today, _mark_format(session))


def record_text(c: Candidate, wrap: Callable[[str], str] = str) -> str:
    """A registered child as messages name it: "record no. 12 (reference KRPA-1, file mark Om 5/2026, Name)"."""
    parts = [_("reference {reference}").format(reference=c.reference) if c.reference else "",
             _("file mark {mark}").format(mark=c.case_mark) if c.case_mark else "", wrap(c.name) if c.name else ""]
    details = ", ".join(p for p in parts if p)
    return _("record no. {id} ({details})").format(id=c.child_id, details=details) if details else _(
        "record no. {id}").format(id=c.child_id)


def match_text(m: RowMatch, wrap: Callable[[str], str] = str) -> str:
    """What a likely duplicate is the same child as: a registered record, or another row of the file."""
    if m.kind is MatchKind.FILE:
        return _("row {row} of the file").format(row=m.other_line)
    assert m.existing is not None
    return record_text(m.existing, wrap)


def _duplicate_error(m: RowMatch) -> RowError:
    return RowError(m.line, "", _("Likely the same child as {what} ({score} %).").format(
        what=m.what, score=round(m.score * 100)), ErrorKind.DUPLICATE)


# --- writing ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Step:
    line: int
    choice: Choice
    clean: CleanChild
    child: Child | None = None


def _updated_form(current: ChildForm, cells: dict[str, Any], link_only: bool) -> ChildForm:
    """The registered child's form with the row applied: its filled cells (or, linking, only its reference).
    A reference is never replaced: a different one is kept beside it as another agency's reference."""
    reference = cells.pop("reference", "")
    changes = {} if link_only else dict(cells)
    if not link_only and "birth_year" in cells and "birth_date" not in cells and current.birth_date \
            and current.birth_date.year != cells["birth_year"]:
        raise child_error("birth_year", _("the registered date of birth is {date}; give the date of birth to change "
                                          "it.").format(date=current.birth_date.isoformat()))
    if not link_only and changes.get("status") == "separated" and not (current.companion_name
                                                                       or current.companion_relationship):
        changes.update(_companion("separated"))
    if reference and not current.reference:
        changes["reference"] = reference
    elif reference and reference != current.reference and not any(
            i.kind == LINKED_REFERENCE_KIND and i.number == reference for i in current.identifiers):
        changes["identifiers"] = (*current.identifiers, IdentifierInput(LINKED_REFERENCE_KIND, reference))
    return replace(current, **changes)


def _live_child(tx: Tx, us: UserSession, child_id: int | None) -> Child | None:
    if child_id is None:
        return None
    return tx.session.exec(select(Child).where(col(Child.id) == child_id, scope.visible(us),
                                               col(Child.merged_into_id).is_(None))).first()


def _plan(tx: Tx, us: UserSession, check: ImportCheck, today: date, mark_format: str, update_existing: bool,
          accept_duplicates: bool, choices: Mapping[int, RowChoice]) -> tuple[list[_Step], list[int], list[RowError]]:
    """What each valid row does (create, update, link), the lines skipped by choice, and the rows in the way."""
    steps: list[_Step] = []
    skipped: list[int] = []
    errors: list[RowError] = []
    changed_from: dict[int, int] = {}  # child id -> the row that updates or links it
    rows = {r.line: r for r in check.rows}
    by_line: dict[int, list[RowMatch]] = {}
    for m in check.matches:
        by_line.setdefault(m.line, []).append(m)
    for line, clean in sorted(check.cleaned.items()):
        matches = by_line.get(line, [])
        same_ref = [m.existing for m in matches if m.kind is MatchKind.REFERENCE and m.existing is not None]
        chosen = choices.get(line)
        choice, child_id = (chosen.choice, chosen.child_id) if chosen else (None, None)
        if choice is None:
            if same_ref and update_existing and len(same_ref) == 1:
                choice, child_id = Choice.UPDATE, same_ref[0].child_id
            elif same_ref and len(same_ref) == 1:
                errors.append(RowError(line, "reference", _("{field}: already registered as {record}.").format(
                    field=child_label("reference"), record=record_text(same_ref[0])), ErrorKind.REGISTERED))
                continue
            elif same_ref:
                errors.append(RowError(line, "reference", _("{field}: registered more than once (records no. {ids}); "
                                                            "merge the duplicates first.").format(
                    field=child_label("reference"), ids=", ".join(str(c.child_id) for c in same_ref)),
                    ErrorKind.REGISTERED))
                continue
            elif matches and not accept_duplicates:
                errors.append(_duplicate_error(matches[0]))
                continue
            else:
                choice = Choice.CREATE
        if choice is Choice.SKIP:
            skipped.append(line)
            continue
        if choice is Choice.CREATE:
            if same_ref:
                errors.append(RowError(line, "reference", _("{field}: already registered as {record}; a second child "
                                                            "with the same reference is not created.").format(
                    field=child_label("reference"), record=record_text(same_ref[0])), ErrorKind.REGISTERED))
            else:
                steps.append(_Step(line, Choice.CREATE, clean))
            continue
        child = _live_child(tx, us, child_id)
        if child is None:
            errors.append(RowError(line, "", _("Record no. {id} is not in the register any more.").format(id=child_id)))
            continue
        if saved_id(child) in changed_from:
            errors.append(RowError(line, "", _("Record no. {id} is already the same child as row {row}.").format(
                id=child_id, row=changed_from[saved_id(child)])))
            continue
        try:
            form = _updated_form(form_of(tx, child), _fields(rows[line].values), choice is Choice.LINK)
            updated = validate(form, today, mark_format)
        except ValidationError as exc:
            errors.append(_row_error(line, exc))
            continue
        changed_from[saved_id(child)] = line
        steps.append(_Step(line, choice, updated, child))
    return steps, skipped, errors


def import_rows(us: UserSession, rows: Sequence[SourceRow], skip_invalid: bool = False, today: date | None = None, *,
                update_existing: bool = False, accept_duplicates: bool = False,
                choices: Mapping[int, RowChoice] | None = None) -> ImportResult:
    """Check every row against the register and the other rows, then write them all in one transaction — or
    nothing if any row is in the way, unless `skip_invalid` (then those rows are left out)."""
    scope.check_can_register(us)
    today = today or scope.today()
    result = ImportResult(rows=len(rows))
    with us.tx() as tx:
        mark_format = case_mark_format(tx)
        check = _check(tx.session, us, rows, today, mark_format)
        steps, result.skipped, errors = _plan(tx, us, check, today, mark_format, update_existing, accept_duplicates,
                                              choices or {})
        result.errors = sorted([*check.errors, *errors], key=lambda e: e.row)
        result.matches = [m for m in check.matches if m.kind is not MatchKind.REFERENCE]
        if result.errors and not skip_invalid:
            return result  # nothing written: the transaction holds no change
        for step in steps:
            if step.choice is Choice.CREATE:
                child_id = insert_child(tx, step.clean, detail="import")
                result.imported.append(child_id)
            else:
                assert step.child is not None
                child_id = saved_id(step.child)
                changed = apply_update(tx, step.child, step.clean, detail="import")
                if step.choice is Choice.LINK:
                    result.linked.append(child_id)
                else:
                    (result.updated if changed else result.unchanged).append(child_id)
            result.children[step.line] = child_id
        tx.audit(Action.CREATE, Entity.CHILD, detail=f"import:{len(result.imported)}")
    return result


def import_children(us: UserSession, path: Path, skip_invalid: bool = False, today: date | None = None, *,
                    update_existing: bool = False, accept_duplicates: bool = False) -> ImportResult:
    """Read the file and import its rows (`import_rows`)."""
    scope.check_can_register(us)
    return import_rows(us, read_table(path), skip_invalid, today, update_existing=update_existing,
                       accept_duplicates=accept_duplicates)
