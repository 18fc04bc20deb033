"""What an import refuses in a cell whatever its column, and a year of birth as the import reads it.

An XLSX cell may hold a formula whose value the file does not carry (a program wrote the formula but never
calculated it): it is not an empty cell (`FORMULA`, which `services._table_files` puts in its place). A yes/no
(boolean) cell where text, a number or a date is expected is not the text "True". Each is the row's error naming
the column, so `--skip-invalid` leaves out the row and not the file.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from datetime import date
from typing import Any

from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.i18n import _

YEAR_DIGITS = 4


class FormulaCell:
    """An XLSX formula cell without a calculated value."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "FORMULA"

    def __str__(self) -> str:  # not blank; never shown as a value (`cell_problem` names it first)
        return "="


FORMULA = FormulaCell()


def cell_problem(value: Any, flag: bool = False) -> str | None:
    """Why a cell cannot be read in any column (`flag`: the column takes yes/no), or None."""
    if isinstance(value, FormulaCell):
        return _("the cell holds a formula without a calculated value; open the file in Excel or LibreOffice, "
                 "let it calculate and save it again, or type the value.")
    if isinstance(value, bool) and not flag:
        return _("the cell is a yes/no (TRUE/FALSE) cell; type the value.")
    return None


def check_cells(values: Mapping[str, Any], fail: Callable[[str, str], ValidationError],
                flags: Collection[str] = ()) -> None:
    """Raises `fail(column, problem)` for the first cell of a row no column can read (`flags`: yes/no columns)."""
    for column, value in values.items():
        if (problem := cell_problem(value, column in flags)) is not None:
            raise fail(column, problem)


def parse_year(value: Any) -> int:
    """A year cell as a number: at most four ASCII digits (2010, or 2010.0 from a number cell); anything else
    (superscript digits, 5,000 digits, a date) raises ValueError."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError("year")
    text = str(value).strip().removesuffix(".0")
    if not (0 < len(text) <= YEAR_DIGITS and text.isascii() and text.isdigit()):
        raise ValueError("year")
    return int(text)


def birth_year_contradicts(birth_date: date | None, birth_year: int | None) -> bool:
    """True if a row gives both a date of birth and a year of birth, and they differ."""
    return birth_date is not None and birth_year is not None and birth_date.year != birth_year
