"""Reading a register table from CSV or XLSX, shared by the imports (children, placements, visits).

An XLSX workbook's first sheet, or CSV text as spreadsheet programs save it — UTF-8 with or without a BOM,
UTF-16 with a BOM (Excel's "Unicode text", tab-separated), else Windows-1250 (Czech Excel's CSV); the delimiter
(tab, semicolon or comma) is the one the header row uses most. Every row keeps the number a spreadsheet shows
beside it (the header is row 1), and errors name it. Cells are parsed here too: Czech and ISO dates, a date with
a time, yes/no flags. A file that cannot be read raises one OspodError naming it.
"""

from __future__ import annotations

import csv
import io
import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from ospod_desktop.core.errors import OspodError
from ospod_desktop.core.i18n import _
from ospod_desktop.core.limits import IMPORT_FILE_MAX, IMPORT_ROWS_MAX
from ospod_desktop.core.names import fold
from ospod_desktop.services._xlsx import number, too_many_rows, xlsx_rows

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SourceRow:
    """One data row of the file: the row number a spreadsheet shows (header = 1) and its cells by column."""

    line: int
    values: dict[str, Any]


def header_key(text: str) -> str:
    """A header or code as typed, folded like names (case, diacritics, punctuation, a BOM ignored)."""
    return fold(str(text or "").lstrip("\ufeff"))


def header_map(aliases: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """Folded header name -> canonical column, from each column's accepted names."""
    return {header_key(alias): canon for canon, names in aliases.items() for alias in names}


_ZIP = b"PK\x03\x04"  # XLSX (and ODS) are zip files
_ZIPPED = (".xlsx", ".xlsm")  # names of Excel workbooks, which are zip files
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary XLS
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def _read_bytes(path: Path) -> bytes:
    """The file's bytes; more than `IMPORT_FILE_MAX` of them is an error before they are read."""
    try:
        with path.open("rb") as fh:
            data = fh.read(IMPORT_FILE_MAX + 1)
        if len(data) > IMPORT_FILE_MAX:
            raise OspodError(_("The file {name} is larger than {size} MB, the most one import reads; split it into "
                               "smaller files.").format(name=path, size=number(IMPORT_FILE_MAX >> 20)), "file")
        return data
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
    rows: list[list[Any]] = []
    try:
        for row in reader:
            if len(rows) > IMPORT_ROWS_MAX:
                raise too_many_rows(path)
            rows.append(row)
        return rows
    except csv.Error as exc:
        raise OspodError(_("The file {name} is not a readable CSV table (row {row}: {problem}).").format(
            name=path, row=reader.line_num, problem=exc), "file") from exc


def read_rows(path: Path, headers: Mapping[str, str], canonical: Sequence[str],
              label: Callable[[str], str]) -> list[SourceRow]:
    """The data rows by canonical column names (`headers`: folded header -> column; unknown columns ignored, blank
    rows left out), each with the row number a spreadsheet shows. Two columns meaning the same (`label` names it)
    are an error."""
    path = Path(path)
    data = _read_bytes(path)
    if data.startswith(_OLE) or path.suffix.lower() == ".xls":
        raise OspodError(_("{name} is an old Excel file (XLS): save it as XLSX or CSV.").format(name=path), "file")
    if not data.startswith(_ZIP) and path.suffix.lower() in _ZIPPED:
        raise OspodError(_("The file {name} is not an Excel workbook although its name says so (an XLSX file is a zip "
                           "archive). Save it again as XLSX or CSV.").format(name=path), "file")
    raw = xlsx_rows(data, path) if data.startswith(_ZIP) else _csv_rows(data, path)
    numbered = [(n, values) for n, values in enumerate(raw, start=1) if any(str(v).strip() for v in values)]
    if not numbered:
        raise OspodError(_("The file {name} is empty.").format(name=path), "file")
    (_header_line, names), body = numbered[0], numbered[1:]
    header = [headers.get(header_key(h), "") for h in names]
    if not any(header):
        raise OspodError(_("No known column names in the first row. Use the template's columns."), "file")
    for canon in canonical:
        same = [str(names[i]).strip() for i, h in enumerate(header) if h == canon]
        if len(same) > 1 and len({header_key(s) for s in same}) == 1:
            raise OspodError(_("The column “{column}” is there {n} times: keep one of them.").format(
                column=same[0], n=len(same)), "file")
        if len(same) > 1:
            raise OspodError(_("The columns {columns} all mean “{label}”: keep one of them.").format(
                columns=", ".join(f"“{s}”" for s in same), label=label(canon)), "file")
    return [SourceRow(n, {h: values[i] for i, h in enumerate(header) if h and i < len(values)}) for n, values in body]


# --- cells -----------------------------------------------------------------------------------------------------

# 14.3.2010, 14. 3. 2010, 14.03.2010 (Czech), besides ISO 2010-03-14 (a time of midnight after it is ignored).
_CZECH_DATE = re.compile(r"(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T]0?0:00(?::00)?)?")
# A date and a time: "14.3.2026 10:30", "14. 3. 2026 9:05:00", "2026-03-14 10:30", "2026-03-14T10:30".
_CZECH_MOMENT = re.compile(r"(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})[ T]+(\d{1,2}):(\d{2})(?::\d{2})?")
_ISO_MOMENT = re.compile(r"(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?")


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_day(value: Any) -> date | None:
    """A cell as a day (a date cell, 14.3.2010 or 2010-03-14); blank: None; anything else raises ValueError."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if blank(value):
        return None
    text = str(value).strip()
    czech, iso = _CZECH_DATE.fullmatch(text), _ISO_DATE.fullmatch(text)
    if czech:
        return date(int(czech[3]), int(czech[2]), int(czech[1]))  # 31.2.2010 raises ValueError: no such day
    if iso:
        return date(int(iso[1]), int(iso[2]), int(iso[3]))
    raise ValueError(text)


def parse_moment(value: Any) -> tuple[date, time | None] | None:
    """A cell as a day and perhaps a time of day (a date-and-time cell at midnight counts as a day only);
    blank: None; anything else raises ValueError."""
    if isinstance(value, datetime):
        return value.date(), (value.time().replace(second=0, microsecond=0) if value.time() != time() else None)
    text = str(value).strip() if not isinstance(value, date) else ""
    czech, iso = _CZECH_MOMENT.fullmatch(text), _ISO_MOMENT.fullmatch(text)
    if czech:
        return date(int(czech[3]), int(czech[2]), int(czech[1])), time(int(czech[4]), int(czech[5]))
    if iso:
        return date(int(iso[1]), int(iso[2]), int(iso[3])), time(int(iso[4]), int(iso[5]))
    day = parse_day(value)
    return None if day is None else (day, None)


FLAG_VALUES = {"1": True, "0": False, "ano": True, "ne": False, "yes": True, "no": False, "true": True,
               "false": False, "pravda": True, "nepravda": False, "a": True, "n": False, "y": True}


def parse_flag(value: Any) -> bool | None:
    """A 1/0 cell (also yes/no, ano/ne, TRUE/FALSE); blank: None; anything else raises ValueError."""
    if isinstance(value, bool):
        return value
    if blank(value):
        return None
    key = header_key(str(value).strip().removesuffix(".0"))
    if key not in FLAG_VALUES:
        raise ValueError(str(value))
    return FLAG_VALUES[key]
