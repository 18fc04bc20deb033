"""Cells for files a spreadsheet program may open (CSV, XLSX): text never becomes a live formula.

Excel, LibreOffice Calc and others evaluate a cell whose text starts with `=`, `+`, `-` or `@` as a formula, and
some skip a leading tab or carriage return before looking, so a child named `=HYPERLINK(...)` could run or leak data
on the officer's machine. OWASP's advice (CSV Injection) is followed: such a text cell gets a single quote
`'` in front, so the spreadsheet shows it as text. Every CSV or XLSX the application writes passes its rows
(headers too) through `escape_row`, or single values through `escape_cell`.

Only `str` values are escaped: numbers, dates, booleans and None are written as they are, since a spreadsheet
reads them as values, not formulas. A number that reaches a writer as text ("-5") is text, and is escaped
like any other text starting with a minus: the writer does not guess what a string means, and a phone number
"+420 …" or a negative amount as text would otherwise be evaluated (`-5+A1`). Keep numbers as numbers
to keep them numeric in the sheet.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE_PREFIX = "'"

K = TypeVar("K")


def escape_cell(value: Any) -> Any:
    """`value` with a `'` in front when it is text starting with a formula trigger; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return ESCAPE_PREFIX + value
    return value


def escape_row(row: Mapping[K, Any] | Iterable[Any]) -> dict[K, Any] | list[Any]:
    """Every cell of a row escaped: a mapping (for `csv.DictWriter`) gives a dict with the same keys
    (keys are column names and are not changed), any other iterable (for `csv.writer`, openpyxl's
    `Worksheet.append`) a list in the same order."""
    if isinstance(row, Mapping):
        return {key: escape_cell(value) for key, value in row.items()}
    return [escape_cell(value) for value in row]
