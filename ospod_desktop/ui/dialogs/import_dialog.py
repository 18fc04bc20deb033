"""Import a children register from CSV/XLSX: preview with row errors, then all-or-nothing or skip invalid."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QDialog, QFileDialog, QHeaderView, QTableWidgetItem, QWidget

from ospod_desktop.core.field_labels import child_label
from ospod_desktop.core.i18n import _, ngettext
from ospod_desktop.core.spreadsheet import escape_row
from ospod_desktop.services import children
from ospod_desktop.services.children import RowError
from ospod_desktop.ui.changes import Changes
from ospod_desktop.ui.errors import show_label_error
from ospod_desktop.ui.format import format_number
from ospod_desktop.ui.forms.ui_import_dialog import Ui_ImportDialog
from ospod_desktop.ui.tasks import Task
from ospod_desktop.ui.widgets import set_busy

PREVIEW_ROWS = 20
ERROR_BRUSH = QBrush(QColor("#ffcdd2"))
EXAMPLE_ROW = ("KRPA-12345/ČJ-2026", "Oleksandr", "Ševčenko", "Олександр Шевченко", "M", "", "2010", "UA",
               "2025-09-14", "Praha – hlavní nádraží", "unaccompanied")


def column_label(column: str) -> str:
    """A column (or a field an error names) by the label of the registration field it fills."""
    return child_label(children.COLUMN_FIELDS.get(column, column))


def preview(path: Path, today: date | None = None) -> tuple[list[dict], list[RowError]]:
    """Every row read and checked as the import will check it (nothing is written)."""
    rows = children.read_table(path)
    return rows, children.check_rows(rows, today or date.today())[1]


def write_template(path: Path) -> None:
    """The canonical header and one example row, UTF-8 with a BOM so spreadsheet programs read the diacritics."""
    with Path(path).open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(escape_row(children.TEMPLATE_HEADER.split(",")))
        writer.writerow(escape_row(EXAMPLE_ROW))


class ImportDialog(QDialog):
    """Children written are announced app-wide (`ui.changes`): the case list searches again."""

    def __init__(self, us, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ImportDialog()
        self.ui.setupUi(self)
        self.us = us
        self.path: Path | None = None
        self.rows: list[dict] = []
        self.errors: list[RowError] = []
        ui = self.ui
        ui.error_label.hide()
        ui.busy_bar.hide()
        ui.preview_table.setColumnCount(len(children.CANONICAL))
        ui.preview_table.setHorizontalHeaderLabels([column_label(c) for c in children.CANONICAL])
        ui.preview_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        ui.errors_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        ui.errors_table.horizontalHeader().setStretchLastSection(True)
        ui.browse_button.clicked.connect(self.browse)
        ui.template_button.clicked.connect(self.choose_template_path)
        ui.import_button.clicked.connect(self.run_import)
        ui.close_button.clicked.connect(self.accept)
        ui.skip_invalid_check.toggled.connect(lambda _on: self._update_buttons())
        self._update_buttons()

    # --- choosing and previewing -----------------------------------------------------------------

    def browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Choose a file to import"), "",
                                                    _("Tables (*.csv *.xlsx)"))
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> Task:
        self.path = Path(path)
        self.ui.file_edit.setText(str(path))
        self.ui.summary_label.clear()
        show_label_error(self.ui.error_label, "")
        self._busy(True)
        return Task(self, lambda: preview(Path(path))).success(self._previewed).failure(self._failed).run()

    def _previewed(self, result: tuple[list[dict], list[RowError]]) -> None:
        self._busy(False)
        self.rows, self.errors = result
        ui = self.ui
        bad_rows = {e.row: e for e in self.errors}
        shown = self.rows[:PREVIEW_ROWS]
        ui.preview_table.setRowCount(len(shown))
        ui.preview_table.setVerticalHeaderLabels([str(n) for n in range(1, len(shown) + 1)])
        ui.preview_table.verticalHeader().setVisible(True)
        for r, row in enumerate(shown, start=1):
            for c, column in enumerate(children.CANONICAL):
                item = QTableWidgetItem(str(row.get(column, "")))
                error = bad_rows.get(r)
                if error is not None:
                    item.setBackground(ERROR_BRUSH)
                    item.setToolTip(error.message)
                ui.preview_table.setItem(r - 1, c, item)
        ui.errors_table.setRowCount(len(self.errors))
        for r, error in enumerate(self.errors):
            for c, value in enumerate((str(error.row), column_label(error.field), error.message)):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, error.row)
                ui.errors_table.setItem(r, c, item)
        total, bad = len(self.rows), len({e.row for e in self.errors})
        text = ngettext("{n} row read.", "{n} rows read.", total).format(n=format_number(total))
        if bad:
            text += " " + ngettext(
                "{n} row has errors: fix the file, or skip invalid rows.",
                "{n} rows have errors: fix the file, or skip invalid rows.", bad).format(n=format_number(bad))
        ui.summary_label.setText(text)
        self._update_buttons()

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        show_label_error(self.ui.error_label, exc)
        self._update_buttons()

    def _busy(self, busy: bool) -> None:
        ui = self.ui
        set_busy(busy, ui.busy_bar, ui.browse_button, ui.template_button, ui.import_button)
        if not busy:
            self._update_buttons()

    def _update_buttons(self) -> None:
        ui = self.ui
        valid = len(self.rows) - len({e.row for e in self.errors})
        ui.import_button.setEnabled(bool(self.rows) and (not self.errors or (ui.skip_invalid_check.isChecked() and valid > 0)))
        ui.skip_invalid_check.setEnabled(bool(self.errors))

    # --- importing -----------------------------------------------------------------------------

    def run_import(self) -> Task | None:
        if self.path is None or not self.ui.import_button.isEnabled():
            return None
        us, path, skip = self.us, self.path, self.ui.skip_invalid_check.isChecked()
        self._busy(True)
        return Task(self, lambda: children.import_children(us, path, skip_invalid=skip), busy_cursor=True).changes(
            lambda result: Changes.of(child=result.imported) if result.imported else None).success(
            self._imported).failure(self._failed).run()

    def _imported(self, result) -> None:
        self._busy(False)
        count = len(result.imported)
        if result.errors and not count:
            self.ui.summary_label.setText(_("Nothing was imported: some rows have errors."))
            return
        self.ui.summary_label.setText(ngettext("{n} child was imported.", "{n} children were imported.", count).format(
            n=format_number(count)))
        self.rows, self.errors = [], []
        self.ui.import_button.setEnabled(False)
        self.ui.skip_invalid_check.setEnabled(False)

    # --- template ------------------------------------------------------------------------------

    def choose_template_path(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, _("Save the import template"), "ospod-import-template.csv",
                                                    _("CSV files (*.csv)"))
        if path:
            self.save_template(Path(path))

    def save_template(self, path: Path) -> None:
        try:
            write_template(path)
        except OSError as exc:
            show_label_error(self.ui.error_label, _("The template could not be saved: {error}").format(
                error=exc.strerror or type(exc).__name__))
            return
        self.ui.summary_label.setText(_("The template was saved to {path}.").format(path=path))
