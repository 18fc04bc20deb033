"""The Facilities page: the register with type, occupancy against capacity (over capacity highlighted),
address and contact; administrators add and edit facilities (`FacilityDialog`). Opening a facility (double
click, Enter or Open) shows its detail with the children placed there (`FacilityDetailDialog`). The register
loads again after any change to facilities or placements announced anywhere (`ui.changes`)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QTableWidgetItem, QWidget

from ospod_desktop.core.i18n import _, ngettext
from ospod_desktop.core.roles import Role
from ospod_desktop.services import placements
from ospod_desktop.ui.changes import Changes, Kind, RefreshOnChange
from ospod_desktop.ui.errors import message_for
from ospod_desktop.ui.format import FULL_BRUSH, OVER_BRUSH, occupancy_text
from ospod_desktop.ui.forms.ui_facilities_page import Ui_FacilitiesPage
from ospod_desktop.ui.tasks import Task
from ospod_desktop.ui.widgets import enlarge

NAME, TYPE, OCCUPANCY, ADDRESS, CONTACT = range(5)
INACTIVE_TEXT = QBrush(QColor("#757575"))
MAX_COLUMN = 300


def contact_text(f) -> str:
    return " · ".join(x for x in (f.contact_person, f.phone, f.email) if x)


class FacilitiesPage(RefreshOnChange, QWidget):
    """`loaded` fires after each load (tests wait on it); `open_child_requested(child_id)` when a child is
    activated in a facility's detail."""

    loaded = Signal()
    open_child_requested = Signal(int)

    def __init__(self, us, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_FacilitiesPage()
        ui.setupUi(self)
        self.us = us
        self.rows: list = []
        self.dialog: QWidget | None = None
        self.detail: QWidget | None = None
        enlarge(ui.title_label, 1.4)
        admin = us.actor.role is Role.ADMIN
        for button in (ui.add_button, ui.edit_button):
            button.setVisible(admin)
        ui.inactive_check.setVisible(admin)
        ui.edit_button.setEnabled(False)
        ui.open_button.setEnabled(False)
        ui.open_button.clicked.connect(self.open_selected)
        ui.add_button.clicked.connect(self.add)
        ui.edit_button.clicked.connect(self.edit_selected)
        ui.inactive_check.toggled.connect(lambda _on: self.refresh())
        ui.table.itemSelectionChanged.connect(self._selection_changed)
        ui.table.itemActivated.connect(lambda _item: self.open_selected())  # administrators edit with the button
        ui.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        ui.table.setWordWrap(False)  # one line a facility; the full text is in the tooltip
        # Official names share long beginnings ("Zařízení pro děti vyžadující okamžitou pomoc, …") and
        # differ at the end (the town): cut in the middle so each row stays recognisable.
        ui.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.follow_changes()

    def wants(self, changes: Changes) -> bool:
        return changes.has(Kind.FACILITY, Kind.PLACEMENT)  # the register, and occupancy

    def refresh(self) -> Task:
        us, inactive = self.us, self.ui.inactive_check.isChecked()
        return Task(self, lambda: placements.list_facilities(us, include_inactive=inactive)).success(
            self._show).failure(self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        self.ui.status_label.setText(message_for(exc))
        self.loaded.emit()

    def _show(self, rows: list) -> None:
        selected = self.selected()
        self.rows = rows
        table = self.ui.table
        table.setRowCount(len(rows))
        for r, f in enumerate(rows):
            values = [f.name, f.type_label, occupancy_text(f), f.address.replace("\n", ", "), contact_text(f)]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if not f.active:
                    item.setForeground(INACTIVE_TEXT)
                table.setItem(r, c, item)
            cell = table.item(r, OCCUPANCY)
            cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            if f.over_capacity:
                cell.setBackground(OVER_BRUSH)
                cell.setToolTip(_("Over capacity by {n}.").format(n=f.occupancy - f.capacity))
            elif f.capacity is not None and f.occupancy == f.capacity:
                cell.setBackground(FULL_BRUSH)
                cell.setToolTip(_("Full."))
        table.resizeColumnsToContents()
        for column in range(table.columnCount() - 1):
            table.setColumnWidth(column, min(table.columnWidth(column), MAX_COLUMN))
        table.resizeRowsToContents()
        over = sum(1 for f in rows if f.over_capacity)
        text = ngettext("{n} facility", "{n} facilities", len(rows)).format(n=len(rows))
        if over:
            text += " · " + _("over capacity: {n}").format(n=over)
        self.ui.status_label.setText(text)
        if selected is not None:
            for r, f in enumerate(rows):
                if f.id == selected.id:
                    table.selectRow(r)
        self._selection_changed()
        self.loaded.emit()

    def selected(self):
        rows = self.ui.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows and rows[0].row() < len(self.rows) else None

    def _selection_changed(self) -> None:
        chosen = self.selected() is not None
        self.ui.edit_button.setEnabled(chosen)
        self.ui.open_button.setEnabled(chosen)

    def open_selected(self):
        """The selected facility's detail, in a non-modal dialog (several may stay open side by side)."""
        facility = self.selected()
        if facility is None:
            return None
        from ospod_desktop.ui.dialogs.facility_detail_dialog import FacilityDetailDialog

        dialog = FacilityDetailDialog(self.us, facility.id, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open_child_requested.connect(lambda child_id: self.open_child_requested.emit(child_id))
        self.detail = dialog
        dialog.show()
        return dialog

    def close_details(self) -> None:
        """Close every facility's detail (their children's names must go when emergency access ends)."""
        from ospod_desktop.ui.dialogs.facility_detail_dialog import FacilityDetailDialog

        for dialog in self.findChildren(FacilityDetailDialog):
            dialog.close()
        self.detail = None

    def add(self):
        return self._dialog(None)

    def edit_selected(self):
        facility = self.selected()
        return self._dialog(facility) if facility is not None else None

    def _dialog(self, facility):
        from ospod_desktop.ui.dialogs.facility_dialog import FacilityDialog

        dialog = FacilityDialog(self.us, facility, parent=self)
        self.dialog = dialog
        dialog.open()
        return dialog
