"""Filling the read-only tables of the child's page (kept apart from `widgets`, which the login window loads)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QHeaderView, QTableView, QTableWidget, QTableWidgetItem


def fill_table(table: QTableWidget, rows: list[list[str]], max_column: int | None = None,
               backgrounds: list[QBrush | None] | None = None) -> None:
    """Fill a read-only table: each value also its tooltip, columns fitted to their content (at most
    `max_column` pixels for each column the user sizes, i.e. every column not stretched, so long names wrap
    instead of pushing columns off screen), rows fitted to their wrapped text, and a whole row coloured where
    `backgrounds` gives a brush."""
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        brush = backgrounds[r] if backgrounds else None
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            if brush is not None:
                item.setBackground(brush)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    if max_column is not None:
        header = table.horizontalHeader()
        last = table.columnCount() - 1
        for column in range(table.columnCount()):
            stretched = header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch or (
                column == last and header.stretchLastSection())
            if not stretched:
                table.setColumnWidth(column, min(table.columnWidth(column), max_column))
    table.resizeRowsToContents()


def stretch_columns(table: QTableWidget, *columns: int) -> None:
    """`columns` share the spare width and wrap their text; every other column is sized by `fill_table` (up to
    its `max_column`), so a column after a long text stays on screen."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    for column in range(table.columnCount()):
        mode = QHeaderView.ResizeMode.Stretch if column in columns else QHeaderView.ResizeMode.Interactive
        header.setSectionResizeMode(column, mode)
    table.setWordWrap(True)


def keep_rows(table: QTableWidget, rows: int) -> None:
    """At least `rows` lines of `table` stay visible, however small the window (its page scrolls instead)."""
    row = table.verticalHeader().defaultSectionSize()
    header = table.horizontalHeader().sizeHint().height()
    table.setMinimumHeight(header + rows * row + 2 * table.frameWidth())


class RowsFollowWidth(QObject):
    """Keeps a wrapping table's row heights fitted to its columns, whenever the table is shown or resized.

    A table filled while hidden (a tab not opened yet) fits its rows to columns of a default width; once it is
    shown the columns change and the rows would keep the heights of text wrapped into the narrow columns. The
    fitting waits for the event loop, so every column has its final width first."""

    def __init__(self, table: QTableWidget) -> None:
        super().__init__(table)
        self._table = table
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        table.installEventFilter(self)
        table.horizontalHeader().sectionResized.connect(lambda *_args: self._timer.start())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.Show, QEvent.Type.Resize):
            self._timer.start()
        return False

    def fit(self) -> None:
        if self._table.isVisible():
            self._table.resizeRowsToContents()


class FitColumns(QObject):
    """Sizes a list's columns to its width until the user drags a column's edge (then the widths are theirs).

    Each shown column gets its wanted width; a wider view gives the rest to `grow`; a narrower one takes width
    back from the `shrink` columns, in their order, down to each one's minimum, before a scroll bar appears."""

    def __init__(self, view: QTableView, wanted: dict[int, int], grow: int, shrink: dict[int, int]) -> None:
        super().__init__(view)
        self._view = view
        self.wanted = dict(wanted)
        self._grow, self._shrink = grow, dict(shrink)
        self.manual = False
        self._fitting = False
        header = self._header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.sectionResized.connect(self._resized)
        view.viewport().installEventFilter(self)

    def _header(self) -> QHeaderView:
        return self._view.horizontalHeader()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def _resized(self, *_args: object) -> None:
        if not self._fitting:
            self.manual = True

    def set_hidden(self, column: int, hidden: bool) -> None:
        self._fitting = True
        try:
            self._header().setSectionHidden(column, hidden)
        finally:
            self._fitting = False
        self.fit()

    def widths(self, available: int) -> dict[int, int]:
        """The width of each shown column for a view `available` pixels wide."""
        header = self._header()
        widths = {c: self.wanted.get(c, header.sectionSize(c)) for c in range(header.count())
                  if not header.isSectionHidden(c)}
        spare = available - sum(widths.values())
        if spare > 0 and self._grow in widths:
            widths[self._grow] += spare
        for column, minimum in self._shrink.items():
            if spare >= 0:
                break
            give = min(widths.get(column, minimum) - minimum, -spare)
            if give > 0:
                widths[column] -= give
                spare += give
        return widths

    def fit(self) -> None:
        if self.manual:
            return
        header = self._header()
        self._fitting = True
        try:
            for column, width in self.widths(self._view.viewport().width()).items():
                if header.sectionSize(column) != width:
                    header.resizeSection(column, width)
        finally:
            self._fitting = False
