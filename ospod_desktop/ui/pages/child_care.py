"""The child page's "Guardian and plan" tab: the individual protection plans (IPOD), the guardianships (OSPOD's
petition, the court's appointment, the end) and the asylum applications with their representatives.

Officers and supervisors only: facility staff never see IPODs or guardians' notes, so the tab is not added for
them (`add_care_tab`). It loads when first opened (an audited read) and again after a change to the child.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from ospod_desktop.core.care_form import field_label
from ospod_desktop.core.i18n import _, pgettext
from ospod_desktop.core.roles import Role
from ospod_desktop.services import care
from ospod_desktop.ui.changes import Changes, Kind, RefreshOnChange
from ospod_desktop.ui.errors import show_label_error
from ospod_desktop.ui.format import format_date
from ospod_desktop.ui.tables import RowsFollowWidth, fill_table, keep_rows, stretch_columns

READERS = (Role.OFFICER, Role.SUPERVISOR)
# The rows each table keeps however small the window (the child's page scrolls instead).
MIN_TABLE_ROWS = {"ipod_table": 1, "guardian_table": 1, "asylum_table": 1}
MAX_COLUMN = 260
WARNING_STYLE = "color: #8a1c1c; font-weight: bold;"


def _day(value) -> str:
    return format_date(value) if value else "—"


def _joined(*parts: str) -> str:
    return ", ".join(p for p in parts if p) or "—"


def ipod_rows(view) -> list[list[str]]:
    return [[format_date(i.drawn_up_on), i.note or "—"] for i in view.ipods]


def guardian_rows(view) -> list[list[str]]:
    """Newest first: the petition (day, court), the appointment (day, court, file), the guardian, the end, note."""
    return [[_joined(format_date(g.petition_on) if g.petition_on else "", g.petition_court),
             _joined(format_date(g.appointed_on) if g.appointed_on else "", g.court, g.court_file_number),
             _joined(g.guardian_name, g.guardian_contact), _day(g.ended_on), g.note or "—"]
            for g in view.guardianships]


def asylum_rows(view) -> list[list[str]]:
    return [[format_date(a.applied_on),
             _joined(a.representative_name, format_date(a.representative_on) if a.representative_on else "")
             if a.representative_on else _("not designated yet"), a.note or "—"] for a in view.asylum]


def guardian_status(view) -> tuple[str, bool]:
    """What the tab says of the guardian first, and whether it is a warning."""
    g = view.guardian
    if g is not None and g.appointed_on:
        return _("Guardian: {name}, appointed on {date} ({court}).").format(
            name=g.guardian_name, date=format_date(g.appointed_on), court=g.court), False
    if g is not None:
        return _("OSPOD petitioned the court for a guardian on {date}; no guardian appointed yet.").format(
            date=format_date(g.petition_on)), view.needs_guardian
    if view.needs_guardian:
        return _("No guardian appointed. The court appoints one to an unaccompanied or separated child without "
                 "delay: petition the court."), True
    return _("No guardian recorded."), False


class CareTab(RefreshOnChange, QWidget):
    """IPODs, guardianships and asylum applications of one child, with their Record / Correct / Delete buttons."""

    def __init__(self, us, child_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("care_tab")
        self.us, self.child_id, self.view = us, child_id, None
        self.dialog: QWidget | None = None
        layout = QVBoxLayout(self)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.status_label)
        layout.addWidget(self.error_label)
        # The plans and the asylum applications side by side (few columns each), the guardians below them.
        top = QHBoxLayout()
        layout.addLayout(top, 1)
        self.ipod_table, ipod_buttons = self._section(top, "ipod_table", _("Individual protection plan (IPOD)"), [
            field_label("drawn_up_on"), field_label("note")], [
            ("record_ipod_button", _("Record a plan…"), self.record_ipod),
            ("correct_ipod_button", _("Correct…"), self.correct_ipod),
            ("delete_ipod_button", _("Delete…"), self.delete_ipod)], (1,), 3)
        self.guardian_table, guardian_buttons = self._section(layout, "guardian_table", _("Guardian"), [
            _("Petition"), _("Appointment"), pgettext("column", "Guardian"), pgettext("column", "Ended"),
            field_label("note")], [
            ("record_petition_button", _("Record the petition…"), self.record_petition),
            ("record_appointment_button", _("Record the appointment…"), self.record_appointment),
            ("end_guardianship_button", _("End…"), self.end_guardianship),
            ("correct_guardianship_button", _("Correct…"), self.correct_guardianship),
            ("delete_guardianship_button", _("Delete…"), self.delete_guardianship)], (0, 1, 2, 4), 5)
        self.asylum_table, asylum_buttons = self._section(top, "asylum_table", _("Asylum applications"), [
            pgettext("column", "Applied on"), field_label("representative_name"), field_label("note")], [
            ("record_asylum_button", _("Record an application…"), self.record_asylum),
            ("record_representative_button", _("Record the representative…"), self.record_representative),
            ("correct_asylum_button", _("Correct…"), self.correct_asylum),
            ("delete_asylum_button", _("Delete…"), self.delete_asylum)], (1, 2), 2)
        self.selection_buttons = {self.ipod_table: ipod_buttons[1:], self.guardian_table: guardian_buttons[2:],
                                  self.asylum_table: asylum_buttons[1:]}
        self.record_buttons = [ipod_buttons[0], *guardian_buttons[:2], asylum_buttons[0]]
        for button in self.record_buttons:
            button.setEnabled(False)
        for table in self.selection_buttons:
            table.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()
        self.follow_changes()

    def _section(self, layout: QVBoxLayout | QHBoxLayout, name: str, title: str, headers: list[str], buttons,
                 stretch: tuple[int, ...], columns: int):
        box = QGroupBox(title, self)
        inner = QVBoxLayout(box)
        table = QTableWidget(0, len(headers), box)
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        stretch_columns(table, *stretch)
        keep_rows(table, MIN_TABLE_ROWS[name])
        RowsFollowWidth(table)
        inner.addWidget(table)
        # A fixed grid rather than a wrapping row: a wrapped row's height is not in the tab's minimum, and the
        # smallest window would squeeze the tables under the buttons.
        grid = QGridLayout()
        made = []
        for index, (name, text, slot) in enumerate(buttons):
            button = QPushButton(text, box)
            button.setObjectName(name)
            button.clicked.connect(slot)
            setattr(self, name, button)
            grid.addWidget(button, index // columns, index % columns)
            made.append(button)
        grid.setColumnStretch(columns, 1)
        inner.addLayout(grid)
        layout.addWidget(box, 1)
        return table, made

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_status()

    def _fit_status(self) -> None:
        """A wrapped line's height is not in a layout's minimum: keep it there, or a small window squeezes the
        tables under their buttons."""
        label = self.status_label
        label.setMinimumHeight(label.heightForWidth(max(label.width(), 1)) if label.text() else 0)

    # --- loading ---------------------------------------------------------------------------------

    def wants(self, changes: Changes) -> bool:
        return changes.affects(Kind.CHILD, self.child_id)

    def refresh(self):
        from ospod_desktop.ui.tasks import Task

        us, child_id = self.us, self.child_id
        return Task(self, lambda: care.care_summary(us, child_id)).success(self._loaded).failure(self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        show_label_error(self.error_label, exc)

    def _loaded(self, view) -> None:
        self.view = view
        show_label_error(self.error_label, "")
        text, warning = guardian_status(view)
        self.status_label.setText(text)
        self.status_label.setStyleSheet(WARNING_STYLE if warning else "")
        self._fit_status()
        for table, rows in ((self.ipod_table, ipod_rows(view)), (self.guardian_table, guardian_rows(view)),
                            (self.asylum_table, asylum_rows(view))):
            fill_table(table, rows, MAX_COLUMN)
            if rows:
                table.selectRow(0)
        for button in self.record_buttons:
            button.setEnabled(not view.merged)
        self._update_buttons()

    def _selected(self, table: QTableWidget, records):
        row = table.currentRow() if table.selectedItems() else -1
        return records[row] if 0 <= row < len(records) else None

    def _update_buttons(self) -> None:
        writable = self.view is not None and not self.view.merged
        for table, buttons in self.selection_buttons.items():
            records = self._records(table)
            chosen = self._selected(table, records) if records else None
            for button in buttons:
                button.setEnabled(writable and chosen is not None)
        if writable and self.view is not None:
            g = self._selected(self.guardian_table, self.view.guardianships)
            self.end_guardianship_button.setEnabled(bool(g and g.appointed_on and g.ended_on is None))
            a = self._selected(self.asylum_table, self.view.asylum)
            self.record_representative_button.setEnabled(bool(a and a.representative_on is None))

    def _records(self, table: QTableWidget):
        if self.view is None:
            return ()
        return {self.ipod_table: self.view.ipods, self.guardian_table: self.view.guardianships,
                self.asylum_table: self.view.asylum}[table]

    # --- actions ---------------------------------------------------------------------------------

    def _open(self, dialog):
        self.dialog = dialog
        dialog.open()
        return dialog

    def _ask_reason(self, title: str, intro: str, button: str, action):
        from ospod_desktop.ui.dialogs.correction_dialogs import ReasonDialog

        return self._open(ReasonDialog(title, intro, button, action, self, Changes.of(child=self.child_id)))

    def record_ipod(self):
        from ospod_desktop.ui.dialogs.care_dialogs import IpodDialog

        return self._open(IpodDialog(self.us, self.child_id, parent=self))

    def correct_ipod(self):
        from ospod_desktop.ui.dialogs.care_dialogs import IpodDialog

        ipod = self._selected(self.ipod_table, self._records(self.ipod_table))
        return self._open(IpodDialog(self.us, self.child_id, ipod, parent=self)) if ipod else None

    def delete_ipod(self):
        ipod = self._selected(self.ipod_table, self._records(self.ipod_table))
        if ipod is None:
            return None
        us, iid = self.us, ipod.id
        intro = _("Delete the plan of {date}? Do this only for a plan recorded in error; it stays in the child's "
                  "history with your reason.").format(date=format_date(ipod.drawn_up_on))
        return self._ask_reason(_("Delete the plan"), intro, _("Delete"), lambda reason: care.delete_ipod(us, iid, reason))

    def record_petition(self):
        from ospod_desktop.ui.dialogs.care_dialogs import PetitionDialog

        return self._open(PetitionDialog(self.us, self.child_id, parent=self))

    def record_appointment(self):
        from ospod_desktop.ui.dialogs.care_dialogs import AppointmentDialog

        return self._open(AppointmentDialog(self.us, self.child_id, parent=self))

    def end_guardianship(self):
        from ospod_desktop.ui.dialogs.care_dialogs import EndGuardianshipDialog

        g = self._selected(self.guardian_table, self._records(self.guardian_table))
        return self._open(EndGuardianshipDialog(self.us, g, parent=self)) if g else None

    def correct_guardianship(self):
        from ospod_desktop.ui.dialogs.care_dialogs import GuardianshipDialog

        g = self._selected(self.guardian_table, self._records(self.guardian_table))
        return self._open(GuardianshipDialog(self.us, g, parent=self)) if g else None

    def delete_guardianship(self):
        g = self._selected(self.guardian_table, self._records(self.guardian_table))
        if g is None:
            return None
        us, gid = self.us, g.id
        intro = _("Delete this guardianship? Do this only for one recorded in error; it stays in the child's "
                  "history with your reason.")
        return self._ask_reason(_("Delete the guardianship"), intro, _("Delete"),
                                lambda reason: care.delete_guardianship(us, gid, reason))

    def record_asylum(self):
        from ospod_desktop.ui.dialogs.care_dialogs import AsylumDialog

        return self._open(AsylumDialog(self.us, self.child_id, parent=self))

    def record_representative(self):
        from ospod_desktop.ui.dialogs.care_dialogs import RepresentativeDialog

        a = self._selected(self.asylum_table, self._records(self.asylum_table))
        return self._open(RepresentativeDialog(self.us, a, parent=self)) if a else None

    def correct_asylum(self):
        from ospod_desktop.ui.dialogs.care_dialogs import AsylumDialog

        a = self._selected(self.asylum_table, self._records(self.asylum_table))
        return self._open(AsylumDialog(self.us, self.child_id, a, parent=self)) if a else None

    def delete_asylum(self):
        a = self._selected(self.asylum_table, self._records(self.asylum_table))
        if a is None:
            return None
        us, aid = self.us, a.id
        intro = _("Delete the asylum application of {date}? Do this only for one recorded in error; it stays in the "
                  "child's history with your reason.").format(date=format_date(a.applied_on))
        return self._ask_reason(_("Delete the asylum application"), intro, _("Delete"),
                                lambda reason: care.delete_asylum_application(us, aid, reason))


def add_care_tab(tabs: QTabWidget, us, child_id: int, before: QWidget | None = None) -> CareTab | None:
    """Add the "Guardian and plan" tab (before the tab `before`, else last) for officers and supervisors;
    None for everyone else."""
    if us.actor.role not in READERS:
        return None
    tab = CareTab(us, child_id, tabs)
    index = tabs.indexOf(before) if before is not None else -1
    tabs.insertTab(index if index >= 0 else tabs.count(), tab, _("Guardian and plan"))
    return tab
