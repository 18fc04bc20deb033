"""reports.statistics / statistics_pdf: every format re-read (csv module, openpyxl, pypdf) and compared with the
JSON of the same `Published`; text cells that could start a formula are escaped; the PDF in Czech and English."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from ospod_desktop.core.i18n import language
from ospod_desktop.core.stats.labels import key_label, title_of
from ospod_desktop.core.stats.model import Published
from ospod_desktop.core.stats.tables import TABLES
from ospod_desktop.reports import statistics as S
from ospod_desktop.reports.statistics_pdf import to_pdf
from tests.reports.stats_sample import sample

NASTY = ("=HYPERLINK(\"http://x\")", "+420", "-2", "@SUM(A1)", "\tTAB", "\rCR")


def _value(text: str) -> int | str:
    return int(text) if text.isdigit() else text


def csv_tables(data: bytes) -> tuple[list[str], list[list[str]], dict[str, dict[str, int | str]]]:
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    tables: dict[str, dict[str, int | str]] = {}
    for row in rows[1:]:
        tables.setdefault(row[3], {})[row[4]] = _value(row[5])
    return rows[0], rows[1:], tables


def xlsx_tables(data: bytes) -> tuple[dict[str, list[tuple]], dict[str, dict[str, int | str]]]:
    wb = load_workbook(io.BytesIO(data))
    sheets = {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}
    tables = {name: {k: v for k, _label, v in rows[1:]} for name, rows in sheets.items() if name != S.ABOUT_SHEET}
    return sheets, tables


def pdf_lines(data: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    return [line.strip() for page in reader.pages for line in page.extract_text().splitlines()]


def pdf_tables(data: bytes, ids) -> dict[str, dict[str, str]]:
    """Each table's rows as printed: after the line with the table's id, a line "label (key)", then the value."""
    lines = pdf_lines(data)
    starts = [(i, line) for i, line in enumerate(lines) if line in ids]
    out: dict[str, dict[str, str]] = {}
    for n, (i, table_id) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        segment = lines[i + 1:end]
        rows = {}
        for key in json_doc_keys[table_id]:
            at = next(j for j, line in enumerate(segment) if line.endswith(f"({key})"))
            rows[key] = segment[at + 1]
        out[table_id] = rows
    return out


json_doc_keys: dict[str, list[str]] = {}


@pytest.mark.parametrize("n", [0, 5, 10])
def test_json_is_the_contract_document(n):
    p = sample(n)
    doc = json.loads(S.to_json(p).decode("utf-8"))
    assert S.to_json(p).endswith(b"\n")
    assert set(doc) == {"from", "to", "suppressed_below", "tables", "multiple"}
    assert (doc["from"], doc["to"], doc["suppressed_below"]) == ("2026-01-01", "2026-12-31", n)
    assert list(doc["tables"]) == list(TABLES)
    for table_id, cells in doc["tables"].items():
        assert list(cells)[-1] == "total" and cells == p.tables[table_id]
    assert doc["multiple"] == sorted(p.multiple)
    if n == 0:
        assert all(isinstance(v, int) for cells in doc["tables"].values() for v in cells.values())
    else:
        assert f"<{n}" in doc["tables"]["registered_by_status"].values()


@pytest.mark.parametrize("n", [0, 5])
def test_csv_reread_equals_the_json(n):
    p = sample(n)
    doc = json.loads(S.to_json(p))
    header, rows, tables = csv_tables(S.to_csv(p))
    assert header == list(S.CSV_COLUMNS) == ["from", "to", "suppressed_below", "table", "key", "value"]
    assert tables == doc["tables"]
    assert [(r[3], r[4]) for r in rows] == [(t, k) for t, cells in doc["tables"].items() for k in cells]
    assert {(r[0], r[1], r[2]) for r in rows} == {(doc["from"], doc["to"], str(n))}
    assert S.to_csv(p).count(b"\r\n") == len(rows) + 1  # the app's CSV dialect: CRLF, comma


@pytest.mark.parametrize("lang", ["cs", "en"])
def test_xlsx_reread_equals_the_json(lang):
    p = sample(5)
    doc = json.loads(S.to_json(p))
    with language(lang):
        data = S.to_xlsx(p)
    sheets, tables = xlsx_tables(data)
    assert list(sheets) == [S.ABOUT_SHEET, *doc["tables"]]
    assert tables == doc["tables"]
    for table_id, rows in sheets.items():
        if table_id == S.ABOUT_SHEET:
            continue
        assert rows[0] == ("key", "label", "value")
        for key, label, value in rows[1:]:
            with language(lang):
                assert label == key_label(table_id, key)
            assert isinstance(value, int) or value in ("<5", "x")  # counts are numbers, the rest text
    about = {row[0]: row[2] for row in sheets[S.ABOUT_SHEET] if row and row[0]}
    assert (about["from"], about["to"], about["suppressed_below"]) == ("2026-01-01", "2026-12-31", 5)
    assert all(t in about["multiple"] for t in doc["multiple"])
    listed = [row[0] for row in sheets[S.ABOUT_SHEET] if row and row[0] in TABLES]
    assert listed == list(doc["tables"])  # the table of contents lists every sheet
    assert ("Evidované děti podle pohlaví" if lang == "cs" else "Registered children by sex") in {
        row[1] for row in sheets[S.ABOUT_SHEET]}


@pytest.mark.parametrize("lang", ["cs", "en"])
def test_pdf_reread_equals_the_json(lang):
    p = sample(5)
    doc = json.loads(S.to_json(p))
    json_doc_keys.clear()
    json_doc_keys.update({t: list(cells) for t, cells in doc["tables"].items()})
    data = to_pdf(p, "OSPOD Praha 5", lang, issuer="Jana Nováková")
    printed = pdf_tables(data, set(doc["tables"]))
    assert printed == {t: {k: str(v) for k, v in cells.items()} for t, cells in doc["tables"].items()}
    text = " ".join(pdf_lines(data))
    with language(lang):
        for table_id in doc["tables"]:
            assert title_of(table_id) in text
    if lang == "cs":
        assert "Evidované děti" in text and "Počty od 1 do 4 jsou uvedeny jako „<5“" in text
        assert "Dítě může být započteno ve více řádcích" in text
    else:
        assert "Registered children" in text and "Counts of 1 to 4 are shown as “<5”" in text
        assert "A child may count in more than one row" in text
    assert "Ref. no." not in text and "č.j." not in text  # a statistics export has no reference number


def test_exact_counts_say_so():
    p = sample(0)
    with language("en"):
        assert "Exact counts" in S.rule_text(p)
    text = " ".join(pdf_lines(to_pdf(p, "OSPOD", "en")))
    assert "Exact counts" in text and "<" not in "".join(json.loads(S.to_json(p))["tables"]["trafficking"])


def _nasty() -> Published:
    cells: dict[str, int | str] = {key: i for i, key in enumerate(NASTY)}
    cells["total"] = 9
    return Published(date(2026, 1, 1), date(2026, 3, 31), 0, {"registered_by_citizenship": cells})


def test_csv_escapes_formula_triggers():
    _header, rows, tables = csv_tables(S.to_csv(_nasty()))
    keys = [r[4] for r in rows]
    assert keys[:len(NASTY)] == ["'" + k for k in NASTY]
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)
    assert [r[5] for r in rows] == [str(i) for i in range(len(NASTY))] + ["9"]


def test_xlsx_escapes_formula_triggers():
    wb = load_workbook(io.BytesIO(S.to_xlsx(_nasty())))
    ws = wb["registered_by_citizenship"]
    cells = [row for row in ws.iter_rows(min_row=2)]
    # XML keeps a carriage return as a line feed; the quote in front is what matters
    assert [c[0].value.replace("\n", "\r") for c in cells[:len(NASTY)]] == ["'" + k for k in NASTY]
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    assert all(not isinstance(c[2].value, str) for c in cells)  # counts stay numbers


def test_a_table_the_catalogue_does_not_know_is_kept():
    p = Published(date(2026, 1, 1), date(2026, 1, 31), 0, {"registered_by_sex": {"M": 1, "F": 0, "U": 0, "total": 1},
                                                           "local_extra": {"a": 2, "total": 2}})
    text = " ".join(pdf_lines(to_pdf(p, "OSPOD", "en")))
    assert "Other tables" in text and "local_extra" in text and "a (a)" in text
    _header, _rows, tables = csv_tables(S.to_csv(p))
    assert tables["local_extra"] == {"a": 2, "total": 2}


def test_no_table_is_split_across_pages_or_left_without_its_title():
    """A table that fits on a page starts on the page its title and id are on and ends there (the reader of the
    ministry's copy never finds a lone "Total" row or a title at the foot of a page)."""
    p = sample(5)
    reader = PdfReader(io.BytesIO(to_pdf(p, "OSPOD Praha 5", "cs")))
    pages = [[line.strip() for line in page.extract_text().splitlines()] for page in reader.pages]
    assert len(pages) > 3
    seen = set()
    with language("cs"):
        for lines in pages:
            for i, line in enumerate(lines):
                if line in p.tables:
                    seen.add(line)
                    assert title_of(line) in " ".join(lines[max(0, i - 3):i]) or TABLES[line].title == "Disappearances"
                    rest = lines[i + 1:]
                    nxt = next((j for j, other in enumerate(rest) if other in p.tables), len(rest))
                    assert any(x.endswith("(total)") for x in rest[:nxt]), f"{line}: its total is on the next page"
    assert seen == set(p.tables)


def test_the_pdf_names_the_tables_that_count_a_child_twice_by_their_titles():
    p = sample(5)
    text = " ".join(pdf_lines(to_pdf(p, "OSPOD Praha 5", "cs")))
    first = next(t for t in p.tables if t in p.multiple)
    with language("cs"):
        assert title_of(first) in S.multiple_text(p, titles=True).splitlines()
    assert S.multiple_text(p).split(", ")[0] == first  # the XLSX's about sheet: the sheet names
    head = text.split("Evidované děti podle postavení")[0]  # the first page's method section
    assert first not in head


def test_a_section_heading_is_on_the_page_of_its_first_table():
    from ospod_desktop.core.stats.labels import section_label
    from ospod_desktop.core.stats.tables import SECTIONS

    p = sample(5)
    reader = PdfReader(io.BytesIO(to_pdf(p, "OSPOD Praha 5", "cs")))
    pages = [[line.strip() for line in page.extract_text().splitlines()] for page in reader.pages]
    with language("cs"):
        for section in SECTIONS:
            first = next(t for t in p.tables if TABLES[t].section == section)
            page = next(lines for lines in pages if section_label(section) in lines and first in lines
                        or section_label(section) in lines[-4:])
            assert first in page, f"{section}: the heading ends a page, its first table is on the next"
