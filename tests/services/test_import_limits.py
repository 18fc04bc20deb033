"""The import's documented limits (`core.limits`): checked before and while parsing, so a file over one fails at
once with one message naming the file — a CSV too large or too long, an XLSX whose sheet has millions of rows
(streamed and stopped at the limit, not parsed whole), an XLSX that unpacks to too much (a zip bomb)."""

from __future__ import annotations

import time
import zipfile

import pytest

from ospod_desktop.core import limits
from ospod_desktop.core.errors import OspodError
from ospod_desktop.services import children

HEADER = "reference,given_name,found_date,found_place\n"


def test_a_csv_larger_than_the_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.csv"
    with path.open("wb") as fh:
        fh.write(HEADER.encode())
        fh.truncate(limits.IMPORT_FILE_MAX + 1)  # sparse: nothing to write, still too large
    with pytest.raises(OspodError) as err:
        children.read_table(path)
    assert "big.csv" in err.value.message and "64 MB" in err.value.message


def test_a_csv_with_more_rows_than_the_limit_is_refused(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text(HEADER + "R,Jan,2026-01-05,Praha\n" * (limits.IMPORT_ROWS_MAX + 1), encoding="utf-8")
    with pytest.raises(OspodError) as err:
        children.read_table(path)
    assert "long.csv" in err.value.message and "250,000 rows" in err.value.message


def test_a_csv_at_the_row_limit_is_read(tmp_path):
    path = tmp_path / "full.csv"
    path.write_text(HEADER + "R,Jan,2026-01-05,Praha\n" * limits.IMPORT_ROWS_MAX, encoding="utf-8")
    assert len(children.read_table(path)) == limits.IMPORT_ROWS_MAX


def _workbook_with_rows(path, rows: int, dimension: bool = False) -> None:
    """An XLSX whose first sheet has `rows` data rows, written as XML directly (openpyxl would take minutes);
    without a <dimension> (openpyxl then reads the whole sheet just to open it) unless `dimension`."""
    from openpyxl import Workbook

    small = path.with_name("small.xlsx")
    wb = Workbook()
    wb.active.append(["reference", "given_name"])
    wb.save(small)
    with zipfile.ZipFile(small) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                out.writestr(info, src.read(info.filename))
                continue
            with out.open(info.filename, "w") as fh:
                fh.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
                if dimension:
                    fh.write(b'<dimension ref="A1:B%d"/>' % (rows + 1))
                fh.write(b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>reference</t></is></c>'
                         b'<c r="B1" t="inlineStr"><is><t>given_name</t></is></c></row>')
                for start in range(2, rows + 2, 10_000):
                    fh.write(b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (r, r, r)
                                      for r in range(start, min(start + 10_000, rows + 2))))
                fh.write(b"</sheetData></worksheet>")


@pytest.mark.parametrize("dimension", [False, True])
def test_an_xlsx_of_three_million_rows_fails_fast(tmp_path, dimension):
    path = tmp_path / "huge.xlsx"
    _workbook_with_rows(path, 3_000_000, dimension)
    started = time.monotonic()
    with pytest.raises(OspodError) as err:
        children.read_table(path)
    assert time.monotonic() - started < 15  # stopped at the limit, not parsed whole (which takes minutes)
    assert "huge.xlsx" in err.value.message and "250,000 rows" in err.value.message


def test_an_xlsx_at_the_row_limit_is_read(tmp_path):
    path = tmp_path / "full.xlsx"
    _workbook_with_rows(path, limits.IMPORT_ROWS_MAX)
    rows = children.read_table(path)
    assert len(rows) == limits.IMPORT_ROWS_MAX and rows[-1].line == limits.IMPORT_ROWS_MAX + 1


def test_an_xlsx_that_unpacks_to_too_much_is_refused_unread(tmp_path):
    """A zip bomb: a part of zeros that compresses a thousandfold."""
    from openpyxl import Workbook

    path = tmp_path / "bomb.xlsx"
    wb = Workbook()
    wb.active.append(["reference", "given_name"])
    wb.save(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z, z.open("xl/media/padding.bin", "w",
                                                                        force_zip64=True) as fh:
        block = b"\0" * (1 << 20)
        for _ in range((limits.IMPORT_UNPACKED_MAX >> 20) + 1):
            fh.write(block)
    assert path.stat().st_size < 2 << 20
    with pytest.raises(OspodError) as err:
        children.read_table(path)
    assert "bomb.xlsx" in err.value.message and "512 MB" in err.value.message
