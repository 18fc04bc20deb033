"""Every module that writes a CSV or XLSX file escapes its cells with `core.spreadsheet` (CSV injection).

Parses the package with `ast` (nothing is imported): a module that makes a `csv.writer`, a `csv.DictWriter`
or an openpyxl `Workbook` must import `escape_row` or `escape_cell` from `ospod_desktop.core.spreadsheet`.
Reading (`csv.reader`, `load_workbook(read_only=True)`) needs nothing.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "ospod_desktop"
WRITERS = {("csv", "writer"), ("csv", "DictWriter"), ("openpyxl", "Workbook"), ("openpyxl.workbook", "Workbook")}
HELPERS = {"escape_row", "escape_cell"}


def _writes_and_escapes(source: str) -> tuple[list[int], bool]:
    tree = ast.parse(source)
    writes, escapes = [], False
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = {alias.name for alias in node.names}
            if node.module == "ospod_desktop.core.spreadsheet" and names & HELPERS:
                escapes = True
            if any((node.module, name) in WRITERS for name in names):
                writes.append(node.lineno)
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if (node.value.id, node.attr) in WRITERS:
                writes.append(node.lineno)
    return writes, escapes


def unescaped_writers() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        writes, escapes = _writes_and_escapes(path.read_text(encoding="utf-8"))
        if writes and not escapes:
            found.append(f"{path.relative_to(PACKAGE.parent)}:{writes[0]} writes a spreadsheet without escape_row")
    return found


def test_every_csv_or_xlsx_writer_escapes_its_cells():
    assert unescaped_writers() == []


def test_the_guard_sees_writers():
    assert _writes_and_escapes("import csv\nw = csv.writer(f)\n") == ([2], False)
    assert _writes_and_escapes("from csv import DictWriter\n") == ([1], False)
    assert _writes_and_escapes("from openpyxl import Workbook\n") == ([1], False)
    assert _writes_and_escapes("import openpyxl\nwb = openpyxl.Workbook()\n") == ([2], False)
    assert _writes_and_escapes("import csv\nr = csv.reader(f)\nfrom openpyxl import load_workbook\n") == ([], False)
    assert _writes_and_escapes("import csv\nfrom ospod_desktop.core.spreadsheet import escape_row\n"
                               "csv.writer(f).writerow(escape_row(r))\n") == ([3], True)
