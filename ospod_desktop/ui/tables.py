"""Filling the read-only tables of the child's page (kept apart from `widgets`, which the login window loads)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem


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

