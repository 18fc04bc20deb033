"""The Due and overdue page: every open clock of the children the user may see, soonest first.

Officers see their own children (the office on request), supervisors the office with a choice of the responsible
officer (each with their overdue and due-soon counts), facility staff the placement, missing and 18th-birthday
clocks of their facility's children (no references). The list is read a block at a time (`DueTableModel`); the
counts for the navigation come with `counts_changed` after every change that may move a clock. Enter or a double
click opens the child on the tab where the item comes from (`open_child_requested(child_id, section)`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ospod_desktop.core.due import KINDS
from ospod_desktop.core.i18n import _, ngettext
from ospod_desktop.core.placement_rules import label
from ospod_desktop.core.roles import Role
from ospod_desktop.core.text import isolate
from ospod_desktop.services import due
from ospod_desktop.ui.changes import Changes, Kind, RefreshOnChange, subscribe
from ospod_desktop.ui.errors import log_unexpected, show_label_error
from ospod_desktop.ui.format import format_date
from ospod_desktop.ui.models.due_table import (
    BASIS,
    BLOCK,
    CHILD,
    DUE,
    EXPLANATION,
    KIND,
    OFFICER,
    REFERENCE,
    STATUS,
    DueTableModel,
    cell_text,
    counts_text,
    due_text,
    section_of,
)
from ospod_desktop.ui.tables import FitColumns
from ospod_desktop.ui.tasks import Task
from ospod_desktop.ui.widgets import enlarge

# What moves a clock: the child's record (and its care records, announced as the child), placements, missing
# episodes, visits and information requests, a new policy.
DUE_KINDS = (Kind.CHILD, Kind.PLACEMENT, Kind.MISSING, Kind.VISIT, Kind.POLICY, Kind.ACCESS)
STATUS_CHOICES = ((("overdue", "due_soon"), "Overdue and due soon"), (("overdue",), "Overdue"),
                  (("due_soon",), "Due soon"), (("ok",), "Not yet due"), (None, "All"))
WITHIN_CHOICES = (None, 7, 30, 90)
WIDTHS = {STATUS: 10, DUE: 15, KIND: 24, CHILD: 20, REFERENCE: 15, OFFICER: 16, EXPLANATION: 40, BASIS: 18}
GROUPED_OFFICER_WIDTH = 30
MIN_WIDTHS = {EXPLANATION: 14, KIND: 12, CHILD: 11, OFFICER: 10, BASIS: 9}


def _status_text(key: str) -> str:
    texts = {"Overdue and due soon": _("Overdue and due soon"), "Overdue": _("Overdue"), "Due soon": _("Due soon"),
             "Not yet due": _("Not yet due"), "All": _("All statuses")}
    return texts[key]


def _load(us, params: dict[str, Any]) -> tuple[Any, dict, list]:
    """On a worker: the list's first block, the badge's counts and the officers' names."""
    page = due.due_page(us, **params, offset=0, limit=BLOCK)
    return page, due.due_counts(us), due.officers(us)


def _stale_then_counts(us) -> tuple[int, dict]:
    return due.refresh_stale(us), due.due_counts(us)


class DuePage(RefreshOnChange, QWidget):
    """`loaded` after each (re)load of the list; `counts_changed(dict)` with the badge's counts; `caught_up(dict)`
    once after login."""

    loaded = Signal()
    counts_changed = Signal(dict)
    caught_up = Signal(dict)  # the after-login catch-up's counts (`catch_up`)
    open_child_requested = Signal(int, str)

    def __init__(self, us, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.us = us
        role = us.actor.role
        self.staff = role is Role.FACILITY_STAFF
        self.officer = role is Role.OFFICER
        self.supervisor = not self.staff and not self.officer  # supervisors, administrators with emergency access
        self.descending = False
        self.counts: dict[str, int] = {"overdue": 0, "due_soon": 0}
        self._build()
        self.follow_changes()
        subscribe(self._counts_on_changes)

    # --- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.title_label = QLabel(_("Due and overdue"), self)
        enlarge(self.title_label, 1.4)
        layout.addWidget(self.title_label)
        self.no_access_label = QLabel(_(
            "The due list shows children's deadlines: it is for officers, supervisors and facility staff. "
            "Administrators see it only with emergency access."), self)
        self.no_access_label.setWordWrap(True)
        layout.addWidget(self.no_access_label)
        self.filters = QWidget(self)
        row = QHBoxLayout(self.filters)
        row.setContentsMargins(0, 0, 0, 0)
        self.scope_combo = QComboBox(self)
        self.scope_combo.addItem(_("My children"), False)
        self.scope_combo.addItem(_("Whole office"), True)
        self.scope_combo.setVisible(self.officer)
        self.officer_combo = QComboBox(self)
        self.officer_combo.addItem(_("Whole office"), None)
        self.officer_combo.setVisible(self.supervisor)
        self.kind_combo = QComboBox(self)
        self.kind_combo.addItem(_("All kinds"), None)
        kinds = [k for k in KINDS if not self.staff or k in due.FACILITY_KINDS]
        for text, code in sorted((label(KINDS, k), k) for k in kinds):
            self.kind_combo.addItem(text, code)
        self.status_combo = QComboBox(self)
        for statuses, key in STATUS_CHOICES:
            self.status_combo.addItem(_status_text(key), statuses)
        self.within_combo = QComboBox(self)
        for days in WITHIN_CHOICES:
            self.within_combo.addItem(_("Any time") if days is None else ngettext(
                "Within {n} day", "Within {n} days", days).format(n=days), days)
        # Long officers' names and kinds are elided in the combos (their lists show them whole): the row fits the
        # smallest window.
        for combo, chars in ((self.officer_combo, 26), (self.kind_combo, 22)):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(chars)
        self._widen_list(self.kind_combo)
        # Grouped by officer (the default for the whole office): the officer first, named on each group's first row.
        self.group_check = QCheckBox(_("Group by officer"), self)
        self.group_check.setChecked(True)
        self.group_check.toggled.connect(lambda _on: self.refresh())
        self.export_button = QPushButton(_("Export…"), self)
        self.export_button.setToolTip(_("Save the list as a spreadsheet (CSV) or a calendar (iCalendar)."))
        for widget in (self.scope_combo, self.officer_combo, self.kind_combo, self.status_combo, self.within_combo):
            row.addWidget(widget)
            widget.currentIndexChanged.connect(lambda _i: self.refresh())
        row.addStretch(1)
        row.addWidget(self.export_button)
        self.export_button.clicked.connect(self.choose_export)
        layout.addWidget(self.filters)
        self.summary = QWidget(self)  # how many items, and the grouping (the filters' row is full in a small window)
        summary = QHBoxLayout(self.summary)
        summary.setContentsMargins(0, 0, 0, 0)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        summary.addWidget(self.status_label, 1)
        summary.addWidget(self.group_check)
        layout.addWidget(self.summary)
        self.model = DueTableModel(self)
        self.model.block_wanted.connect(self._fetch_block)
        self.model.sort_requested.connect(self._sort)
        self.view = view = QTableView(self)
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setWordWrap(False)
        view.setAlternatingRowColors(True)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        chars = view.fontMetrics().averageCharWidth()
        self.columns = FitColumns(view, {c: n * chars for c, n in WIDTHS.items()}, EXPLANATION,
                                  {c: n * chars for c, n in MIN_WIDTHS.items()})
        header = view.horizontalHeader()
        header.setSortIndicator(DUE, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorShown(True)
        view.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._sort_indicator)
        view.activated.connect(self._activated)
        layout.addWidget(view, 1)
        # The chosen item in full: a small window elides the explanation in its column.
        self.detail_label = QLabel(self)
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.detail_label)
        view.selectionModel().currentRowChanged.connect(lambda current, _old: self._show_detail(current.row()))
        self.model.modelReset.connect(lambda: self.detail_label.clear())
        self.columns.set_hidden(REFERENCE, self.staff)
        self._show_officer_column()
        self._set_access()

    def allowed(self) -> bool:
        """Administrators see the list only while their emergency access is open."""
        return self.us.actor.role is not Role.ADMIN or self.us.break_glass_id is not None

    def _set_access(self) -> None:
        allowed = self.allowed()
        self.no_access_label.setVisible(not allowed)
        for widget in (self.filters, self.summary, self.view):
            widget.setVisible(allowed)

    def _office_wide(self) -> bool:
        return not self.staff and (self.supervisor or bool(self.scope_combo.currentData()))

    def grouped(self) -> bool:
        """Whether the list is grouped by officer: the whole office, with "Group by officer" on."""
        return self._office_wide() and self.group_check.isChecked()

    def _show_officer_column(self) -> None:
        shown = self._office_wide()
        self.columns.set_hidden(OFFICER, not shown)
        self.group_check.setVisible(shown)
        header = self.view.horizontalHeader()
        header.moveSection(header.visualIndex(OFFICER), 0 if self.grouped() else OFFICER)
        # Grouped, the officer's cell heads the group with the counts: wider.
        chars = self.view.fontMetrics().averageCharWidth()
        self.columns.wanted[OFFICER] = (GROUPED_OFFICER_WIDTH if self.grouped() else WIDTHS[OFFICER]) * chars
        self.columns.fit()

    # --- loading --------------------------------------------------------------------------------

    def wants(self, changes: Changes) -> bool:
        if changes.has(Kind.ACCESS):
            self._set_access()
        return changes.has(*DUE_KINDS)

    def params(self) -> dict[str, Any]:
        """The service's filters as the page's controls set them."""
        officer = self.officer_combo.currentData() if self.supervisor else None
        return {"everyone": bool(self.scope_combo.currentData()) if self.officer else False,
                "kinds": None if self.kind_combo.currentData() is None else (self.kind_combo.currentData(),),
                "statuses": self.status_combo.currentData(), "within_days": self.within_combo.currentData(),
                "officer": officer, "descending": self.descending, "by_officer": self.grouped()}

    def refresh(self) -> Task | None:
        self._show_officer_column()
        if not self.allowed():
            self.model.reset(0, [])
            self.loaded.emit()
            return None
        us, params = self.us, self.params()
        return Task(self, lambda: _load(us, params)).success(
            lambda result: self._loaded(params, result)).failure(self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        show_label_error(self.status_label, exc)
        self.loaded.emit()

    def _loaded(self, params: dict[str, Any], result: tuple) -> None:
        if params != self.params():
            return  # the filters changed meanwhile: that load follows
        page, counts, officers = result
        self.model.officers = dict(officers)
        self.model.grouped = bool(params["by_officer"])
        self.model.reset(page.total, page.rows)
        self.status_label.setStyleSheet("")
        text = ngettext("{n} item", "{n} items", page.total).format(n=page.total)
        self.status_label.setText(text)
        self._set_counts(counts)
        if self.supervisor or self.model.grouped:  # the officers' counts take longer over a large office: after
            us = self.us                                 # the list
            Task(self, lambda: due.officer_counts(us)).success(
                lambda by_officer: self._fill_officers(officers, by_officer)).failure(log_unexpected).run()
        self.loaded.emit()

    def _fill_officers(self, officers: list[tuple[int, str]], by_officer: dict) -> None:
        """The officer choice, each with the overdue and due-soon items of their children (and the groups'
        headings)."""
        self.model.set_officer_counts(by_officer)
        if not self.supervisor:
            return
        combo = self.officer_combo
        chosen = combo.currentData()
        combo.blockSignals(True)
        try:
            combo.clear()
            total = {"overdue": sum(c["overdue"] for c in by_officer.values()),
                     "due_soon": sum(c["due_soon"] for c in by_officer.values())}
            office = counts_text(total)
            combo.addItem(_("Whole office") + (f" ({office})" if office else ""), None)
            # Those with something overdue first, most first; then the rest by name.
            ordered = sorted(officers, key=lambda o: (-by_officer.get(o[0], {}).get("overdue", 0), o[1]))
            for uid, name in ordered:
                text = counts_text(by_officer.get(uid, {}))
                combo.addItem(f"{name} ({text})" if text else name, uid)
            index = combo.findData(chosen)
            combo.setCurrentIndex(max(index, 0))
        finally:
            combo.blockSignals(False)
        self._widen_list(combo)
        combo.setToolTip(combo.currentText())  # elided in a small window

    @staticmethod
    def _widen_list(combo: QComboBox) -> None:
        """The combo's drop-down list as wide as its longest entry (the combo itself may elide it)."""
        view = combo.view()
        view.setMinimumWidth(view.sizeHintForColumn(0) + view.verticalScrollBar().sizeHint().width() + 8)

    def _fetch_block(self, generation: int, number: int) -> None:
        us, params = self.us, self.params()
        Task(self, lambda: due.due_page(us, **params, offset=number * BLOCK, limit=BLOCK)).success(
            lambda page: self.model.set_block(generation, number, page.rows)).failure(
            lambda exc: self._block_failed(generation, number, exc)).run()

    def _block_failed(self, generation: int, number: int, exc: BaseException) -> None:
        log_unexpected(exc)
        self.model.block_failed(generation, number)

    def _sort_indicator(self, column: int, order: Qt.SortOrder) -> None:
        """Only the due date sorts (the service's order over its index): another column's click keeps it."""
        if column != DUE:
            wanted = Qt.SortOrder.DescendingOrder if self.descending else Qt.SortOrder.AscendingOrder
            self.view.horizontalHeader().setSortIndicator(DUE, wanted)

    def _sort(self, descending: bool) -> None:
        if descending != self.descending:
            self.descending = descending
            self.refresh()

    # --- the badge ------------------------------------------------------------------------------

    def _counts_on_changes(self, changes: Changes) -> None:
        if changes.has(*DUE_KINDS) and not self.isVisible():  # a visible page reloads with its counts
            self.refresh_counts()

    def refresh_counts(self) -> Task | None:
        if not self.allowed():
            self._set_counts({"overdue": 0, "due_soon": 0})
            return None
        us = self.us
        return Task(self, lambda: due.due_counts(us)).success(self._set_counts).failure(log_unexpected).run()

    def catch_up(self) -> Task | None:
        """After login: recompute the children whose clocks went stale with time, then count (the badge)."""
        if not self.allowed():
            return None
        us = self.us
        return Task(self, lambda: _stale_then_counts(us)).success(self._caught_up).failure(log_unexpected).run()

    def _caught_up(self, result: tuple[int, dict]) -> None:
        recomputed, counts = result
        self._set_counts(counts)
        self.caught_up.emit(self.counts)
        if recomputed and self.isVisible():
            self.refresh()

    def _set_counts(self, counts: dict[str, int]) -> None:
        self.counts = dict(counts)
        self.counts_changed.emit(self.counts)

    # --- opening and exporting -------------------------------------------------------------------

    def _show_detail(self, row_number: int) -> None:
        row = self.model.row_at(row_number)
        if row is None:
            self.detail_label.clear()
            return
        item = row.item
        policy = _("deadline policy, revision {revision}").format(revision=item.policy_version)
        self.detail_label.setText(f"{cell_text(row, CHILD)} · {item.label} · {due_text(item)}\n"
                                  f"{item.message(format_date, isolate)} ({item.basis_label}; {policy})")

    def _activated(self, index) -> None:
        row = self.model.row_at(index.row())
        if row is not None:
            self.open_child_requested.emit(row.child_id, section_of(row.item.kind))

    def choose_export(self) -> None:
        from ospod_desktop.ui.dialogs.due_export_dialog import DueExportDialog

        dialog = DueExportDialog(references=not self.staff, parent=self)
        if dialog.exec() != DueExportDialog.DialogCode.Accepted:
            return
        fmt, include = dialog.choice()
        suffix, kind = ("ics", _("Calendars (*.ics)")) if fmt == "ics" else ("csv", _("Spreadsheets (*.csv)"))
        path, _filter = QFileDialog.getSaveFileName(self, _("Export the due list"), f"due.{suffix}", kind)
        if path:
            self.export_to(path, fmt, include)

    def export_to(self, path: str, fmt: str, include: frozenset[str] = frozenset()) -> Task:
        """Write the list as the filters show it (every item, not only those loaded) to `path`: csv or ics."""
        us, params = self.us, self.params()
        return Task(self, lambda: due.export_due(us, path, fmt, include, **params), busy_cursor=True).success(
            lambda n: self._exported(path, n)).failure(
            lambda exc: show_label_error(self.status_label, exc)).run()

    def _exported(self, path: str, n: int) -> None:
        self.status_label.setText(ngettext("{n} item saved to {path}.", "{n} items saved to {path}.", n).format(
            n=n, path=path))
