"""Import a children register from CSV/XLSX: a preview with row errors and the rows that may be children already
registered (the officer chooses for each: a new child, skip, or the same child — update it or only link the row),
then all-or-nothing or skipping invalid rows."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QDialog, QFileDialog, QHeaderView, QTableWidgetItem, QVBoxLayout, QWidget

from ospod_desktop.core.child_names import display_name
from ospod_desktop.core.field_labels import child_label
from ospod_desktop.core.i18n import _, ngettext
from ospod_desktop.core.spreadsheet import escape_row
from ospod_desktop.core.text import isolate
from ospod_desktop.services import children, waiting
from ospod_desktop.services.children import Choice, ImportCheck, MatchKind, RowChoice, RowError, RowMatch, SourceRow
from ospod_desktop.ui.changes import Changes
from ospod_desktop.ui.dialogs.child_matches import reasons_text
from ospod_desktop.ui.errors import show_label_error
from ospod_desktop.ui.format import format_number
from ospod_desktop.ui.forms.ui_import_dialog import Ui_ImportDialog
from ospod_desktop.ui.tasks import MessageRelay, Task
from ospod_desktop.ui.widgets import set_busy

PREVIEW_ROWS = 20
ERROR_BRUSH = QBrush(QColor("#ffcdd2"))
MATCH_BRUSH = QBrush(QColor("#ffe0b2"))
EXAMPLE_ROW = ("KRPA-12345/ČJ-2026", "", "Oleksandr", "Ševčenko", "Олександр Шевченко", "M", "", "2010", "UA",
               "2025-09-14", "Praha – hlavní nádraží", "unaccompanied")


def column_label(column: str) -> str:
    """A column (or a field an error names) by the label of the registration field it fills."""
    return child_label(children.COLUMN_FIELDS.get(column, column))


def preview(us, path: Path) -> tuple[list[SourceRow], ImportCheck]:
    """Every row read and checked as the import will check it, against the register too (nothing is written)."""
    rows = children.read_table(path)
    return rows, children.check_import(us, rows)


def write_template(path: Path) -> None:
    """The canonical header and one example row, UTF-8 with a BOM so spreadsheet programs read the diacritics."""
    with Path(path).open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(escape_row(children.TEMPLATE_HEADER.split(",")))
        writer.writerow(escape_row(EXAMPLE_ROW))


def row_name(row: SourceRow) -> str:
    """The child a row is about, as the lists name a child."""
    v = row.values
    return display_name({"family_names": str(v.get("family_name", "")), "given_names": str(v.get("given_name", "")),
                         "original_script_name": str(v.get("original_script_name", ""))})


def choices_for(matches: list[RowMatch]) -> list[tuple[str, RowChoice | None]]:
    """What the officer may do with a row that may be a registered child (first: not chosen yet)."""
    options: list[tuple[str, RowChoice | None]] = [(_("Choose…"), None)]
    registered = [m.existing for m in matches if m.kind is MatchKind.REFERENCE and m.existing is not None]
    if registered:  # the same reference is registered: a second child with it is not created
        options.append((_("Skip: it is already registered"), RowChoice(Choice.SKIP)))
        options += [(_("Update record no. {id} from the row").format(id=c.child_id), RowChoice(Choice.UPDATE, c.child_id))
                     for c in registered]
        return options
    options += [(_("Import as a new child"), RowChoice(Choice.CREATE)), (_("Skip the row"), RowChoice(Choice.SKIP))]
    for m in matches:
        if m.kind is MatchKind.REGISTER and m.existing is not None:
            cid = m.existing.child_id
            options += [(_("Same child as no. {id}: update it").format(id=cid), RowChoice(Choice.UPDATE, cid)),
                        (_("Same child as no. {id}: only link").format(id=cid), RowChoice(Choice.LINK, cid))]
    return options


class ImportDialog(QDialog):
    """Children written are announced app-wide (`ui.changes`): the case list searches again."""

    def __init__(self, us, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ImportDialog()
        self.ui.setupUi(self)
        self.us = us
        self.path: Path | None = None
        self.rows: list[SourceRow] = []
        self.errors: list[RowError] = []
        self.check: ImportCheck | None = None
        self.combos: dict[int, QComboBox] = {}  # line -> the officer's choice for a row that may be registered
        ui = self.ui
        ui.error_label.hide()
        ui.busy_bar.hide()
        ui.preview_table.setColumnCount(len(children.CANONICAL))
        ui.preview_table.setHorizontalHeaderLabels([column_label(c) for c in children.CANONICAL])
        ui.preview_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        ui.errors_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        ui.errors_table.horizontalHeader().setStretchLastSection(True)
        header = ui.matches_table.horizontalHeader()
        for column in (0, 1, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (2, 3):  # the record named in full and the reasons share the width, wrapped
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        ui.matches_table.setWordWrap(True)
        # wrapped texts take the height the columns' final widths give them (the stretched columns are sized
        # after the table's resize event: the rows follow once that is done)
        ui.matches_table.installEventFilter(self)
        self._show_errors([])
        self._show_matches([])
        ui.browse_button.clicked.connect(self.browse)
        ui.template_button.clicked.connect(self.choose_template_path)
        ui.import_button.clicked.connect(self.run_import)
        ui.close_button.clicked.connect(self.accept)
        ui.skip_invalid_check.toggled.connect(lambda _on: self._update_buttons())
        self.waits = MessageRelay(self)  # "waiting for another process's write…", told by the import's worker
        self.waits.changed.connect(ui.summary_label.setText)
        self._update_buttons()

    # --- choosing and previewing -----------------------------------------------------------------

    def browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Choose a file to import"), "",
                                                    _("Tables (*.csv *.txt *.xlsx)"))
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> Task:
        self.path = Path(path)
        self.ui.file_edit.setText(str(path))
        self.ui.summary_label.clear()
        show_label_error(self.ui.error_label, "")
        self._busy(True)
        us = self.us
        return Task(self, lambda: preview(us, Path(path))).success(self._previewed).failure(self._failed).run()

    def _previewed(self, result: tuple[list[SourceRow], ImportCheck]) -> None:
        self._busy(False)
        self.rows, self.check = result
        self.errors = list(self.check.errors)
        ui = self.ui
        bad_rows = {e.row: e for e in self.errors}
        matched = {m.line for m in self.check.matches}
        shown = self.rows[:PREVIEW_ROWS]
        ui.preview_table.setRowCount(len(shown))
        ui.preview_table.setVerticalHeaderLabels([str(row.line) for row in shown])  # as the spreadsheet numbers them
        ui.preview_table.verticalHeader().setVisible(True)
        for r, row in enumerate(shown):
            error = bad_rows.get(row.line)
            for c, column in enumerate(children.CANONICAL):
                item = QTableWidgetItem(str(row.values.get(column, "")))
                if error is not None:
                    item.setBackground(ERROR_BRUSH)
                    item.setToolTip(error.message)
                elif row.line in matched:
                    item.setBackground(MATCH_BRUSH)
                    item.setToolTip(_("May be a child already registered: see below."))
                ui.preview_table.setItem(r, c, item)
        self._show_errors(self.errors)
        self._show_matches(self.check.matches)
        total, bad = len(self.rows), len({e.row for e in self.errors})
        text = ngettext("{n} row read.", "{n} rows read.", total).format(n=format_number(total))
        if bad:
            text += " " + ngettext(
                "{n} row has errors: fix the file, or skip invalid rows.",
                "{n} rows have errors: fix the file, or skip invalid rows.", bad).format(n=format_number(bad))
        if self.combos:
            text += " " + ngettext(
                "{n} row may be a child already registered: choose what to do with it.",
                "{n} rows may be children already registered: choose what to do with each.",
                len(self.combos)).format(n=format_number(len(self.combos)))
        ui.summary_label.setText(text)
        self._update_buttons()

    def _show_errors(self, errors: list[RowError]) -> None:
        table = self.ui.errors_table
        self.ui.errors_label.setVisible(bool(errors))
        table.setVisible(bool(errors))
        table.setRowCount(len(errors))
        for r, error in enumerate(errors):
            for c, value in enumerate((str(error.row), column_label(error.field) if error.field else "",
                                       error.message)):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, error.row)
                table.setItem(r, c, item)

    def _show_matches(self, matches: list[RowMatch]) -> None:
        """One line per row that may be registered: its best match named, the others offered in its choice."""
        ui = self.ui
        by_line: dict[int, list[RowMatch]] = {}
        for m in matches:
            by_line.setdefault(m.line, []).append(m)
        rows = {row.line: row for row in self.rows}
        table = ui.matches_table
        table.clearContents()
        table.setRowCount(len(by_line))
        self.combos = {}
        for r, (line, found) in enumerate(sorted(by_line.items())):
            best = found[0]
            more = len(found) - 1
            what = best.describe(isolate)  # an Arabic name keeps the brackets around it in place
            if more:
                what += " " + ngettext("(and {n} other)", "(and {n} others)", more).format(n=more)
            score = _("same reference") if best.kind is MatchKind.REFERENCE else (
                f"{round(best.score * 100)} % · {reasons_text(best.reasons)}")
            for c, value in enumerate((str(line), isolate(row_name(rows[line])) if line in rows else "", what, score)):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                item.setData(Qt.ItemDataRole.UserRole, line)
                table.setItem(r, c, item)
            combo = QComboBox(table)
            combo.setAccessibleName(_("What to do with row {row}").format(row=line))
            for label, choice in choices_for(found):
                combo.addItem(label, choice)
            combo.currentIndexChanged.connect(lambda _i: self._update_buttons())
            holder = QWidget(table)  # the combo keeps its own height in a row the wrapped texts make taller
            layout = QVBoxLayout(holder)
            layout.setContentsMargins(4, 2, 4, 2)
            layout.addWidget(combo, 0, Qt.AlignmentFlag.AlignVCenter)
            table.setCellWidget(r, 4, holder)
            self.combos[line] = combo
        table.resizeRowsToContents()
        ui.matches_label.setVisible(bool(by_line))
        table.setVisible(bool(by_line))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.ui.matches_table and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self.ui.matches_table.resizeRowsToContents)
        return super().eventFilter(watched, event)

    def choices(self) -> dict[int, RowChoice]:
        """The officer's choice for each row that may be registered (rows not decided yet are left out)."""
        return {line: combo.currentData() for line, combo in self.combos.items() if combo.currentData() is not None}

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
        bad = {e.row for e in self.errors}
        chosen = self.choices()
        undecided = len(self.combos) - len(chosen)
        to_do = [row for row in self.rows if row.line not in bad and (
            row.line not in chosen or chosen[row.line].choice is not Choice.SKIP)]
        ui.import_button.setEnabled(bool(self.rows) and not undecided and bool(to_do) and (
            not self.errors or ui.skip_invalid_check.isChecked()))
        ui.skip_invalid_check.setEnabled(bool(self.errors))

    # --- importing -----------------------------------------------------------------------------

    def run_import(self) -> Task | None:
        if not self.rows or not self.ui.import_button.isEnabled():
            return None
        # The rows previewed are imported (not the file read again), with the choices made on them.
        us, rows, skip, choices = self.us, list(self.rows), self.ui.skip_invalid_check.isChecked(), self.choices()
        self._busy(True)
        self.ui.summary_label.setText(_("Importing…"))
        tell = self.waits.report
        return Task(self, lambda: waiting.telling(tell, lambda: children.import_rows(
            us, rows, skip_invalid=skip, choices=choices)), busy_cursor=True).changes(
            lambda result: Changes.of(child=result.written) if result.written else None).success(
            self._imported).failure(self._failed).run()

    def _imported(self, result) -> None:
        self._busy(False)
        if result.errors and not result.children:
            self.errors = list(result.errors)  # the register may have changed since the preview
            self._show_errors(self.errors)
            self.ui.summary_label.setText(_("Nothing was imported: some rows have errors."))
            self._update_buttons()
            return
        parts = [ngettext("{n} child was imported.", "{n} children were imported.", len(result.imported)).format(
            n=format_number(len(result.imported)))]
        if result.updated:
            parts.append(ngettext("{n} registered child was updated.", "{n} registered children were updated.",
                                  len(result.updated)).format(n=format_number(len(result.updated))))
        if result.linked:
            parts.append(ngettext("{n} row was linked to a registered child.", "{n} rows were linked to registered "
                                  "children.", len(result.linked)).format(n=format_number(len(result.linked))))
        skipped = len(result.skipped) + len({e.row for e in result.errors})
        if skipped:
            parts.append(ngettext("{n} row was skipped.", "{n} rows were skipped.", skipped).format(
                n=format_number(skipped)))
        self.ui.summary_label.setText(" ".join(parts))
        self.rows, self.errors, self.check = [], [], None
        self._show_matches([])
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
