"""A facility's detail (non-modal): its facts, occupancy against capacity, and the children placed there today.

Administrators see the facts and the occupancy only (they read no child data without break glass).
Activating a child emits `open_child_requested(child_id)`; the Facilities page passes it on. The detail loads
again after a change to this facility, placements, disappearances or a child it lists (`ui.changes`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QHeaderView, QSizePolicy, QTableWidgetItem, QWidget

from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core.countries import country_name
from ospod_desktop.core.i18n import _, ngettext
from ospod_desktop.services import children
from ospod_desktop.ui.changes import Changes, Kind, RefreshOnChange
from ospod_desktop.ui.errors import message_for
from ospod_desktop.ui.format import FULL_BRUSH, OVER_BRUSH, format_date, occupancy_text
from ospod_desktop.ui.forms.ui_facility_detail_dialog import Ui_FacilityDetailDialog
from ospod_desktop.ui.models.child_table import (
    DEADLINE_BRUSHES,
    MISSING_BRUSH,
    MISSING_TEXT,
    missing_text,
    missing_tooltip,
    name_text,
)  # fmt: skip
from ospod_desktop.ui.tasks import Task
from ospod_desktop.ui.widgets import enlarge

NAME, AGE, SINCE, BASIS, EXPIRY, MISSING, DEADLINE = range(7)
STATUS_BRUSHES = DEADLINE_BRUSHES  # as in the case list and on the child's placements tab
MAX_COLUMN = 240  # the deadline, last, takes the rest of the width and is elided after its status and date
MAX_NAME = 340  # a Latin name with its original script beside it
_HIGHLIGHT = "QLabel {{ background: {color}; padding: 2px 6px; border-radius: 3px; }}"


def deadline_text(c) -> str:
    """The placement's most urgent clock, status first so an elided cell still shows what matters.

    When that clock is the expiry (dated in the column before), only a warning is added: "overdue · Preliminary
    measure expires"; another clock keeps its date: "due soon 3. 12. 2026 · Diagnostic stay ends".
    """
    if c.deadline_kind is None:
        return ""
    kind = PR.label(PR.DEADLINE_KINDS, c.deadline_kind)
    status = PR.label(PR.DEADLINE_STATUSES, c.deadline_status) if c.deadline_status in STATUS_BRUSHES else ""
    if c.expiry_is_the_deadline:
        return f"{status} · {kind}" if status else ""
    text = f"{format_date(c.deadline_due)} · {kind}"
    return f"{status} {text}" if status else text


def child_cells(c) -> list[str]:
    return [name_text(c), c.age, format_date(c.since), c.legal_basis_label, format_date(c.expiry),
            missing_text(c.missing, c.missing_unreported) if c.missing is not None else "", deadline_text(c)]


def name_tooltip(c) -> str:
    """The full name and the nationalities (the table leaves them out to keep the clocks in view)."""
    nationalities = ", ".join(country_name(n) for n in c.nationalities)
    return f"{name_text(c)}\n{nationalities}" if nationalities else name_text(c)


def capacity_note(f) -> tuple[str, str | None]:
    """What the occupancy line adds, and the colour it is highlighted in (as on the Facilities page)."""
    if f.over_capacity:
        return _("Over capacity by {n}.").format(n=f.occupancy - f.capacity), OVER_BRUSH.color().name()
    if f.capacity is not None and f.occupancy == f.capacity:
        return _("Full."), FULL_BRUSH.color().name()
    if f.free_places:
        return ngettext("{n} place free.", "{n} places free.", f.free_places).format(n=f.free_places), None
    return "", None


class FacilityDetailDialog(RefreshOnChange, QDialog):
    """`loaded` fires after each load (tests wait on it)."""

    loaded = Signal()
    open_child_requested = Signal(int)

    def __init__(self, us, facility_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_FacilityDetailDialog()
        ui.setupUi(self)
        self.us, self.facility_id = us, facility_id
        self.detail = None
        self.children: list = []
        self.setModal(False)
        self.resize(1280, 620)
        enlarge(ui.title_label, 1.4)
        ui.title_label.setText(_("Loading…"))
        ui.button_box.rejected.connect(self.reject)
        table = ui.children_table
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.setWordWrap(False)
        table.itemActivated.connect(self._activated)
        table.setVisible(False)
        # The highlight hugs the text instead of running across the dialog.
        ui.occupancy.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.follow_changes()

    def wants(self, changes: Changes) -> bool:
        return (changes.affects(Kind.FACILITY, self.facility_id)
                or changes.has(Kind.PLACEMENT, Kind.MISSING, Kind.ACCESS)
                or changes.affects_any(Kind.CHILD, [c.id for c in self.children]))

    def refresh(self) -> Task:
        us, fid = self.us, self.facility_id
        return Task(self, lambda: children.facility_detail(us, fid)).success(self._show).failure(
            self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        self.ui.title_label.setText(_("Facility"))
        self.ui.children_label.setText(message_for(exc))
        self.loaded.emit()

    def _show(self, detail) -> None:
        self.detail = detail
        self._show_facts(detail.facility)
        self._show_children(detail)
        self.loaded.emit()

    def _show_facts(self, f) -> None:
        ui = self.ui
        ui.title_label.setText(f.name if f.active else _("{name} (inactive)").format(name=f.name))
        self.setWindowTitle(f.name)
        values = {ui.type: f.type_label, ui.code: f.code, ui.address: f.address, ui.contact_person: f.contact_person,
                  ui.phone: f.phone, ui.email: f.email, ui.other_contacts: f.other_contacts,
                  ui.capacity: str(f.capacity) if f.capacity is not None else ""}
        for label, value in values.items():
            label.setText(value)
            ui.form_layout.setRowVisible(label, bool(value))  # an empty line says nothing
        note, color = capacity_note(f)
        ui.occupancy.setText(f"{occupancy_text(f)} · {note}" if note else occupancy_text(f))
        ui.occupancy.setStyleSheet(_HIGHLIGHT.format(color=color) if color else "")

    def _show_children(self, detail) -> None:
        ui, table = self.ui, self.ui.children_table
        if detail.children is None:
            self.children = []
            ui.children_label.setText(_("Administrators do not see children's records: only the number of children "
                                        "placed here is shown."))
            self._table_shown(False)
            return
        self.children = list(detail.children)
        n = len(self.children)
        text = ngettext("{n} child placed here today.", "{n} children placed here today.", n).format(n=n)
        if detail.hidden:
            text += " " + ngettext("{n} more child placed here is outside your access.",
                                   "{n} more children placed here are outside your access.",
                                   detail.hidden).format(n=detail.hidden)
        ui.children_label.setText(text)
        table.setRowCount(n)
        for r, c in enumerate(self.children):
            for col, value in enumerate(child_cells(c)):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                table.setItem(r, col, item)
            self._mark(table, r, c)
        table.resizeColumnsToContents()
        for column in range(table.columnCount() - 1):
            table.setColumnWidth(column, min(table.columnWidth(column), MAX_NAME if column == NAME else MAX_COLUMN))
        table.resizeRowsToContents()
        self._table_shown(n > 0)

    def _table_shown(self, shown: bool) -> None:
        """Without the table the note takes the spare height, so the facts stay together at the top."""
        ui = self.ui
        ui.children_table.setVisible(shown)
        ui.main_layout.setStretch(ui.main_layout.indexOf(ui.children_label), 0 if shown else 1)
        ui.children_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if not shown:
            self.resize(self.width(), self.sizeHint().height())  # no empty half-window under the facts

    @staticmethod
    def _mark(table, r: int, c) -> None:
        brush = STATUS_BRUSHES.get(c.deadline_status or "")
        if brush is not None:
            table.item(r, DEADLINE).setBackground(brush)
            if c.expiry_is_the_deadline:
                table.item(r, EXPIRY).setBackground(brush)
        if c.expiry is None:
            table.item(r, EXPIRY).setToolTip(_("Open-ended: no expiry."))
        if c.missing is not None:
            cell = table.item(r, MISSING)
            cell.setBackground(MISSING_BRUSH)
            cell.setForeground(MISSING_TEXT)
            font = cell.font()
            font.setBold(True)
            cell.setFont(font)
            cell.setToolTip(missing_tooltip(c))
        table.item(r, NAME).setToolTip(name_tooltip(c))
        for column in (AGE, SINCE, EXPIRY):
            table.item(r, column).setTextAlignment(Qt.AlignmentFlag.AlignCenter)

    def _activated(self, item: QTableWidgetItem) -> None:
        row = item.row()
        if 0 <= row < len(self.children):
            self.open_child_requested.emit(self.children[row].id)
