"""Reading an XLSX workbook's first sheet for the imports, within the limits of `core.limits`.

openpyxl in read-only mode streams the sheet, so a file of millions of rows is refused when the row limit is
passed (`IMPORT_ROWS_MAX`), not after parsing it all; the parts' unpacked size is checked first from the zip's
directory (a zip bomb: zipfile never unpacks more than a part declares). Cells come with their calculated values;
a formula cell that carries none (a program wrote the formula but never calculated it) is `FORMULA`, not empty:
when the sheets hold a formula at all, a second pass finds which cells are formulas.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from openpyxl.utils.exceptions import InvalidFileException

from ospod_desktop.core.errors import OspodError
from ospod_desktop.core.i18n import _, current_language
from ospod_desktop.core.import_cells import FORMULA
from ospod_desktop.core.limits import IMPORT_ROWS_MAX, IMPORT_UNPACKED_MAX

log = logging.getLogger(__name__)

_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")  # <f>, <f t="shared" .../>, <x:f>
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")
_CHUNK, _OVERLAP = 1 << 20, 64


def number(n: int) -> str:
    """A count for a message in the active language (250 000 in Czech, 250,000 in English)."""
    from babel.numbers import format_decimal

    return format_decimal(n, locale=current_language())


def too_many_rows(path: Path) -> OspodError:
    return OspodError(_("The file {name} has more than {rows} rows, the most one import reads; split it into smaller "
                        "files.").format(name=path, rows=number(IMPORT_ROWS_MAX)), "file")


def _cell(value: Any) -> Any:
    """An XLSX cell's value: empty as "", a whole number stored as a float as an int (2010.0 is 2010)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _scan_sheets(archive: zipfile.ZipFile, path: Path) -> bool:
    """Reads every worksheet part in chunks, never whole: more row elements than the limit is an error at once
    (openpyxl would parse a sheet without a declared size whole just to open the workbook); returns whether a
    sheet holds a formula."""
    formulas = False
    for info in archive.infolist():
        if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
            continue
        tail, rows = b"", 0
        with archive.open(info) as part:
            while chunk := part.read(_CHUNK):
                # A tag cut by the chunk's end is found with the next chunk, read after the last bytes of this one
                # (those bytes' own tags were counted already).
                window = tail + chunk
                rows += len(_ROW_TAG.findall(window)) - len(_ROW_TAG.findall(tail))
                if rows > IMPORT_ROWS_MAX + 1:
                    raise too_many_rows(path)
                formulas = formulas or _FORMULA_TAG.search(window) is not None
                tail = window[-_OVERLAP:]
    return formulas


def _check_archive(data: bytes, path: Path) -> bool:
    """The zip's parts within the unpacked limit and its sheets within the row limit; returns whether its sheets
    hold formulas."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if sum(info.file_size for info in archive.infolist()) > IMPORT_UNPACKED_MAX:
            raise OspodError(_("The file {name} unpacks to more than {size} MB, the most one import reads; split it "
                               "into smaller files.").format(name=path, size=number(IMPORT_UNPACKED_MAX >> 20)),
                             "file")
        return _scan_sheets(archive, path)


def _rows(data: bytes, data_only: bool, values_only: bool, path: Path) -> Iterator[tuple[Any, ...]]:
    """The first sheet's rows from row 1 on (missing ones filled in, so a row's position is the number Excel
    shows), at most `IMPORT_ROWS_MAX` + 1 (the header) of them."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
    try:
        sheet = book.active
        if sheet is None:  # a workbook without sheets reads as empty
            return
        if hasattr(sheet, "reset_dimensions"):  # some programs write a wrong size: read every row there is
            sheet.reset_dimensions()
        for n, row in enumerate(sheet.iter_rows(min_row=1, values_only=values_only)):
            if n > IMPORT_ROWS_MAX:
                raise too_many_rows(path)
            yield row
    finally:
        book.close()


def xlsx_rows(data: bytes, path: Path) -> list[list[Any]]:
    """The first sheet's rows as lists of cell values (see the module's text)."""
    try:
        formulas = _check_archive(data, path)
        rows = [[_cell(v) for v in row] for row in _rows(data, True, True, path)]
        if formulas:  # which empty cells are formulas without a value: a formula's own cell type says it
            for n, row in enumerate(_rows(data, False, False, path)):
                for cell in row:
                    column = getattr(cell, "column", None)
                    if getattr(cell, "data_type", "") == "f" and column and column <= len(rows[n]) \
                            and rows[n][column - 1] == "":
                        rows[n][column - 1] = FORMULA
        return rows
    except OspodError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, AttributeError, IndexError,
            InvalidFileException) as exc:
        log.debug("unreadable workbook", exc_info=True)
        if path.suffix.lower() == ".ods":
            raise OspodError(_("{name} is an OpenDocument spreadsheet: save it as XLSX or CSV.").format(name=path),
                             "file") from exc
        raise OspodError(_("The file {name} is not a readable Excel workbook (XLSX). Save it again as XLSX or CSV.")
                         .format(name=path), "file") from exc
