"""The likely matches a registration shows before a new child is saved (`ChildDialog` inherits them): the table
of candidates with their scores and reasons, and opening the chosen one instead of saving."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QDialogButtonBox, QHeaderView, QTableWidgetItem

from ospod_desktop.core import child_rules as R
from ospod_desktop.core.countries import country_name
from ospod_desktop.ui.fit import resize_within_screen
from ospod_desktop.ui.format import format_date
from ospod_desktop.ui.models.child_table import name_text

WHY = 6  # the reasons column of the matches table
MATCHES_WIDTH = 960  # room for the reasons next to the other columns


def reasons_text(reasons) -> str:
    return ", ".join(R.label(R.REASONS, str(r)) for r in reasons)


class LikelyMatches:
    """Mixin of `ChildDialog` (which provides `ui`, `candidates`, the `open_existing` signal and `reject`)."""

    def _setup_matches(self) -> None:
        ui = self.ui
        ui.duplicates_group.hide()
        ui.open_existing_button.clicked.connect(self.open_selected_match)
        ui.duplicates_table.itemDoubleClicked.connect(lambda _item: self.open_selected_match())
        header = ui.duplicates_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(WHY, QHeaderView.ResizeMode.Stretch)
        ui.duplicates_table.setWordWrap(True)

    def show_matches(self, candidates: list) -> None:
        ui = self.ui
        self.candidates = candidates
        table = ui.duplicates_table
        table.setRowCount(len(candidates))
        for row, c in enumerate(candidates):
            nationalities = ", ".join(country_name(n) for n in c.nationalities)
            values = [f"{round(c.score * 100)} %", name_text(c), c.age, nationalities,
                      c.case_mark, format_date(c.found_on), reasons_text(c.reasons)]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, c.child_id)
                item.setToolTip(value)
                table.setItem(row, column, item)
        table.resizeRowsToContents()
        table.selectRow(0)
        ui.duplicates_group.show()
        # One choice, one primary action: open the match (Enter); saving needs "It is a different child". The
        # form's own Save goes, so two saves never stand side by side.
        save = ui.button_box.button(QDialogButtonBox.StandardButton.Save)
        save.setDefault(False)
        save.hide()
        ui.save_anyway_button.setDefault(False)
        ui.open_existing_button.setDefault(True)
        ui.open_existing_button.setFocus()
        # Grow rather than squeeze the form (it scrolls), but never beyond the screen.
        resize_within_screen(self, QSize(max(self.width(), MATCHES_WIDTH), max(self.height(), self.sizeHint().height())))
        table.resizeRowsToContents()

    def open_selected_match(self) -> None:
        rows = self.ui.duplicates_table.selectionModel().selectedRows()
        if not rows or not self.candidates:
            return
        self.open_existing.emit(self.candidates[rows[0].row()].child_id)
        self.reject()
