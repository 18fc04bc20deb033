"""The case list's column widths (`ChildrenPage`): from the header texts and typical content, then from the rows
of the first block a search brings, never from further rows (that would fetch them all)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QTableView

from ospod_desktop.core import child_rules as R
from ospod_desktop.core.countries import country_name
from ospod_desktop.core.i18n import _
from ospod_desktop.ui.format import format_date
from ospod_desktop.ui.models.child_table import (
    AGE,
    MARK,
    NAME,
    NATIONALITY,
    NEXT_VISIT,
    PLACEMENT,
    RISK,
    STATUS,
    ChildTableModel,
    cell_text,
)  # fmt: skip
from ospod_desktop.ui.tables import FitColumns

TYPICAL_NAME = "Abdulrahman Al-Hashimi"
MAX_NAME = 420  # a longer name (two scripts) is elided; its tooltip shows it whole
HEADER_PADDING, CELL_PADDING = 18, 14
FITTED = (NAME, AGE, RISK, STATUS)  # columns as wide as the first block's texts


class ChildColumns(FitColumns):
    """The spare width goes to where the child is placed (long official names, elided after the deadline's
    status); too little width is taken from there first, then from long names, never from the risk."""

    def __init__(self, view: QTableView, model: ChildTableModel) -> None:
        self._table, self._model = view, model
        font = QFont(view.font())
        font.setBold(True)
        self._bold = QFontMetrics(font)  # a missing child's risk cell is bold
        typical = {MARK: "Om 123/2026", NAME: TYPICAL_NAME, AGE: _("{age} · 18 soon").format(age="16–17"),
                   NATIONALITY: country_name("AF"), RISK: R.label(R.URGENCIES, "within_24h"),
                   PLACEMENT: _("overdue") + " · Dětský domov Praha 9", NEXT_VISIT: format_date(date(2026, 12, 28)),
                   STATUS: _("unaccompanied")}
        self.typical = {column: self.text_width(column, typical.get(column, ""))
                        for column in range(model.columnCount())}
        super().__init__(view, self.typical, PLACEMENT,
                         {PLACEMENT: self.typical[PLACEMENT] // 2, NAME: self.typical[NAME]})
        self.set_hidden(NEXT_VISIT, True)  # until a child has a planned visit (the visits work)

    def text_width(self, column: int, text: str, bold: bool = False) -> int:
        """A column's width for `text`: at least the header's."""
        metrics = self._table.horizontalHeader().fontMetrics()
        header = self._model.headerData(column, Qt.Orientation.Horizontal)
        content = (self._bold if bold else self._table.fontMetrics()).horizontalAdvance(text)
        return max(metrics.horizontalAdvance(header) + HEADER_PADDING, content + CELL_PADDING)

    def fit_to_rows(self, rows: list) -> None:
        """Names, ages, risks and statuses as wide as the first block's (a name up to MAX_NAME); the next visit
        shown once a child in it has one planned."""
        for column in FITTED:
            widths = [self.text_width(column, cell_text(r, column), bold=column == RISK and r.missing is not None)
                      for r in rows]
            self.wanted[column] = max(widths) if widths else self.typical[column]
        self.wanted[NAME] = min(self.wanted[NAME], MAX_NAME)
        self.set_hidden(NEXT_VISIT, not any(r.next_visit for r in rows))
