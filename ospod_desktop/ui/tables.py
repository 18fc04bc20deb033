"""Filling the read-only tables of the child's page (kept apart from `widgets`, which the login window loads)."""

from __future__ import annotations

from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem


def fill_table(table: QTableWidget, rows: list[list[str]], max_column: int | None = None,
               backgrounds: list[QBrush | None] | None = None) -> None:
    """Fill a read-only table: each value also its tooltip, columns fitted to their content (at most
    `max_column` pixels but the last, so long names wrap instead of pushing columns off screen), rows fitted
    to their wrapped text, and a whole row coloured where `backgrounds` gives a brush."""
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
        for column in range(table.columnCount() - 1):
            table.setColumnWidth(column, min(table.columnWidth(column), max_column))
    table.resizeRowsToContents()
