"""The Children page: the case list (search as you type, filters, lazy rows) and a tab per open child."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import QTabBar, QWidget

from ospod_desktop.core.i18n import _, ngettext
from ospod_desktop.core.roles import Role
from ospod_desktop.core.text import isolate
from ospod_desktop.services import children, scope
from ospod_desktop.services.children import ListFilter
from ospod_desktop.ui.changes import Changes, Kind, subscribe
from ospod_desktop.ui.format import format_number
from ospod_desktop.ui.forms.ui_children_page import Ui_ChildrenPage
from ospod_desktop.ui.models.child_table import BLOCK, NAME, SERVICE_SORTS, ChildTableModel, client_sorted
from ospod_desktop.ui.pages.children_columns import ChildColumns
from ospod_desktop.ui.tasks import Task
from ospod_desktop.ui.widgets import enlarge

SEARCH_DELAY_MS = 150
CLIENT_SORT_LIMIT = 5000  # beyond this, only the columns the service orders can be sorted
OFFICE_WIDE = (Role.OFFICER, Role.SUPERVISOR)
LOCKED_STYLE = "QFrame#locked_box { background: #f5f5f5; border: 1px solid #c8c8c8; border-radius: 4px; }"


def _search(us, flt: ListFilter, sort: str, descending: bool, client: tuple[int, bool] | None):
    """On a worker: the result (matched / truncated) for the count line, the ids in order, and the rows of the
    first block (so the first screen of the list is painted without a database read on the UI thread)."""
    result = children.list_children(us, flt, sort, descending)
    ids = result.ids
    if client is not None and len(ids) <= CLIENT_SORT_LIMIT:
        rows = children.child_rows(us, ids)
        ordered = client_sorted(rows, *client)
        seen = set(ordered)
        ids = ordered + [i for i in ids if i not in seen]
        by_id = {r.id: r for r in rows}
        first = [by_id[i] for i in ids[:BLOCK] if i in by_id]
    else:
        first = children.child_rows(us, ids[:BLOCK])
    return result, ids, first


class ChildrenPage(QWidget):
    """`list_loaded` fires after each search result is shown (tests wait on it). The list searches again after a
    change to children, placements, disappearances or facilities announced anywhere (`ui.changes`): at once
    while it is on screen, else when it is shown again."""

    list_loaded = Signal()

    def __init__(self, us, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ChildrenPage()
        self.ui.setupUi(self)
        self.us = us
        self.dialog: QWidget | None = None
        self.pages: dict[int, QWidget] = {}
        self._generation = 0
        self._shown_once = False
        self._stale = False
        self._sort: tuple[str, bool] = ("name", False)
        self._client_sort: tuple[int, bool] | None = None
        ui = self.ui
        enlarge(ui.title_label, 1.4)
        ui.busy_bar.hide()
        ui.busy_bar.setMaximumHeight(4)
        self.model = ChildTableModel(lambda ids: children.child_rows(self.us, ids), self)
        self.model.sort_requested.connect(self.sort_by)
        ui.locked_box.setStyleSheet(LOCKED_STYLE)
        ui.note_label.setText(_("Administrators do not see children's records. In an emergency you can open them "
                                "read-only for this session; the reason is recorded and every record you open "
                                "is audited."))
        ui.break_glass_button.clicked.connect(self.request_access)
        self._setup_list()
        # A search's best matches first until the officer sorts by a column (enabling sorting above asked for
        # the name column's order, which is what the list shows without a search).
        self._sort = (children.RELEVANCE, False)
        self._set_locked(us.actor.role is Role.ADMIN and not scope.reads_all(us))
        subscribe(self._on_changes)

    def _setup_list(self) -> None:
        ui = self.ui
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.refresh)
        ui.child_tabs.tabBar().setTabButton(0, QTabBar.ButtonPosition.RightSide, None)
        ui.child_tabs.tabBar().setTabButton(0, QTabBar.ButtonPosition.LeftSide, None)
        ui.child_tabs.tabCloseRequested.connect(self.close_tab)
        ui.child_tabs.currentChanged.connect(lambda _index: self._refresh_if_stale())
        view = ui.table_view
        view.setModel(self.model)
        header = view.horizontalHeader()
        self.columns = ChildColumns(view, self.model)
        header.setSortIndicator(NAME, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorShown(True)
        view.setSortingEnabled(True)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        view.activated.connect(self._activated)
        view.selectionModel().selectionChanged.connect(self._selection_changed)
        for text, value in ((_("Open cases"), "open"), (_("Closed cases"), "closed"), (_("All cases"), None)):
            ui.case_status_combo.addItem(text, value)
        for text, value in ((_("Unaccompanied and separated"), None), (_("Unaccompanied only"), "unaccompanied"),
                            (_("Separated only"), "separated")):
            ui.kind_combo.addItem(text, value)
        ui.search_edit.textChanged.connect(lambda _text: self.search_timer.start())
        ui.search_edit.installEventFilter(self)  # Down goes from the search into the list
        ui.search_edit.returnPressed.connect(self.refresh)
        for combo in (ui.case_status_combo, ui.kind_combo):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        for check in (ui.urgent_check, ui.adult_soon_check, ui.missing_check):
            check.toggled.connect(lambda _on: self.refresh())
        ui.open_button.clicked.connect(self.open_selected)
        ui.register_button.clicked.connect(self.register_child)
        ui.import_button.clicked.connect(self.import_children)
        # A role that may not see the urgency (facility staff) cannot filter by it either.
        ui.urgent_check.setVisible("urgency" not in scope.withheld_fields(self.us))
        can_register = self.us.actor.role in OFFICE_WIDE
        ui.register_button.setVisible(can_register)
        ui.import_button.setVisible(can_register)
        self._selection_changed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (watched is self.ui.search_edit and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Down and self.model.rowCount()):
            view = self.ui.table_view
            if not view.selectionModel().hasSelection():
                view.selectRow(0)
            view.setFocus()
            return True
        return super().eventFilter(watched, event)

    def focus_search(self) -> None:
        """The list in front and the cursor in its search field, its text selected (type to replace it)."""
        self.show_list()
        self.ui.search_edit.setFocus()
        self.ui.search_edit.selectAll()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self._load_once()
        self._refresh_if_stale()

    def _load_once(self) -> None:
        """The first time the list is on screen: audit the view and search."""
        if not self._shown_once and self.isVisible() and self.ui.child_tabs.isVisibleTo(self):
            self._shown_once = True
            us = self.us
            Task(self, lambda: children.record_list_view(us)).run()
            self.refresh()

    # --- an administrator's emergency access ----------------------------------------------------

    @property
    def locked(self) -> bool:
        """True while this user may not read children (an administrator without emergency access)."""
        return self.ui.locked_panel.isVisibleTo(self)

    def _set_locked(self, locked: bool) -> None:
        self.ui.locked_panel.setVisible(locked)
        self.ui.child_tabs.setVisible(not locked)

    def request_access(self):
        """Ask the administrator for the reason; on success the list opens (read-only)."""
        from ospod_desktop.ui.dialogs.break_glass_dialog import BreakGlassDialog

        dialog = BreakGlassDialog(self.us, parent=self)
        dialog.saved.connect(lambda _id: self.access_opened())
        self.dialog = dialog
        dialog.open()
        return dialog

    def access_opened(self) -> None:
        """Emergency access was granted: show the list."""
        self._set_locked(False)
        self.show_list()
        self._load_once()

    def access_closed(self) -> None:
        """Emergency access ended: close every child's tab, forget the rows, show the panel again."""
        self._generation += 1  # a search still on its way is dropped
        search = self.ui.search_edit
        search.blockSignals(True)  # the search text may name a child: clear it without searching again
        search.clear()
        search.blockSignals(False)
        self.search_timer.stop()
        while self.ui.child_tabs.count() > 1:
            self.close_tab(self.ui.child_tabs.count() - 1)
        self.model.set_ids([])
        self.ui.count_label.clear()
        self.ui.busy_bar.hide()
        self._selection_changed()
        self._shown_once = self._stale = False
        self._set_locked(True)

    # --- the list ----------------------------------------------------------------------------

    def list_filter(self) -> ListFilter:
        ui = self.ui
        return ListFilter(
            query=ui.search_edit.text().strip(), case_status=ui.case_status_combo.currentData(),
            status=ui.kind_combo.currentData(),
            urgent_only=ui.urgent_check.isChecked() and not ui.urgent_check.isHidden(),
            adult_soon_only=ui.adult_soon_check.isChecked(), missing_only=ui.missing_check.isChecked(),
        )

    def refresh(self) -> Task:
        """Run the search on a worker; a result that is no longer the latest is dropped."""
        self._stale = False
        self.search_timer.stop()
        self._generation += 1
        generation, flt, us = self._generation, self.list_filter(), self.us
        sort, descending = self._sort
        client = self._client_sort
        self.ui.busy_bar.show()
        return Task(self, lambda: _search(us, flt, sort, descending, client)).success(
            lambda out: self._show(generation, *out)).failure(lambda exc: self._failed(generation, exc)).run()

    def _show(self, generation: int, result, ids: list[int], first: list) -> None:
        if generation != self._generation:
            return  # a newer search is on its way
        self.ui.busy_bar.hide()
        selected = self.selected_id()
        self.model.set_ids(ids, first)
        self.columns.fit_to_rows(first)
        if self._client_sort is not None and len(ids) > CLIENT_SORT_LIMIT:
            self._client_sort = None  # too many to sort by that column: they came in the service's order
            self._show_sort()
        if selected is not None and (row := self.model.row_of(selected)) >= 0:
            self.ui.table_view.selectRow(row)
        if result.truncated:
            text = _("First {shown} of {matched} — type more to narrow the search.").format(
                shown=format_number(len(ids)), matched=format_number(result.matched))
        else:
            text = ngettext("{n} child", "{n} children", len(ids)).format(n=format_number(len(ids)))
        self.ui.count_label.setText(text)
        self._selection_changed()
        self.list_loaded.emit()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        from ospod_desktop.ui.errors import message_for

        self.ui.busy_bar.hide()
        self.ui.count_label.setText(message_for(exc))
        self.list_loaded.emit()

    def _on_changes(self, changes: Changes) -> None:
        """Search again after a change to what the list shows, if it was ever shown (now, or when next seen)."""
        if not self._shown_once or not changes.has(Kind.CHILD, Kind.PLACEMENT, Kind.MISSING, Kind.FACILITY):
            return
        self._stale = True
        self._refresh_if_stale()

    def _refresh_if_stale(self) -> None:
        if self._stale and self._shown_once and self.ui.table_view.isVisible():
            self.refresh()

    def sort_by(self, column: int, descending: bool) -> None:
        """Order the list by `column` (the header's arrow has moved there). A column the list cannot be ordered by
        (too many children to sort on this computer) is refused and the arrow goes back to the order shown."""
        if column in SERVICE_SORTS:
            self._sort, self._client_sort = (SERVICE_SORTS[column], descending), None
        elif self.model.rowCount() <= CLIENT_SORT_LIMIT:
            self._client_sort = (column, descending)
        else:
            self.ui.count_label.setText(_("Too many children to sort by this column; narrow the list first."))
            self._show_sort()
            return
        self._show_sort()
        if self._shown_once:
            self.refresh()

    def sorted_column(self) -> tuple[int, bool]:
        """The column the list is ordered by, and whether descending."""
        if self._client_sort is not None:
            return self._client_sort
        sort, descending = self._sort
        # Best matches first (relevance) shows as the name order it falls back to without a search.
        return next((c for c, name in SERVICE_SORTS.items() if name == sort), NAME), descending

    def _show_sort(self) -> None:
        """Put the header's arrow on the column the list is ordered by (without sorting again)."""
        column, descending = self.sorted_column()
        header = self.ui.table_view.horizontalHeader()
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        if (header.sortIndicatorSection(), header.sortIndicatorOrder()) != (column, order):
            header.blockSignals(True)  # the view would sort again on the signal
            header.setSortIndicator(column, order)
            header.blockSignals(False)
            header.viewport().update()

    def selected_id(self) -> int | None:
        rows = self.ui.table_view.selectionModel().selectedRows() if self.model.rowCount() else []
        return self.model.id_at(rows[0].row()) if rows else None

    def _selection_changed(self, *_args: object) -> None:
        self.ui.open_button.setEnabled(self.selected_id() is not None)

    def _activated(self, index: QModelIndex) -> None:
        child_id = self.model.id_at(index.row())
        if child_id is not None and self.model.row_at(index.row()) is not None:
            self.open_child(child_id)

    def open_selected(self) -> None:
        child_id = self.selected_id()
        if child_id is not None:
            self.open_child(child_id)

    # --- child tabs ----------------------------------------------------------------------------

    def open_child(self, child_id: int):
        """Show the child's page in its own tab (one tab per child); None while records are locked."""
        from ospod_desktop.ui.pages.child_page import ChildPage

        if self.locked:
            return None
        tabs = self.ui.child_tabs
        page = self.pages.get(child_id)
        if page is None:
            page = ChildPage(self.us, child_id, self)
            page.title_changed.connect(lambda title, p=page: self._retitle(p, title))
            page.open_child_requested.connect(self.open_child)
            self.pages[child_id] = page
            tabs.addTab(page, "…")
            page.reload()
        tabs.setCurrentWidget(page)
        return page

    def _retitle(self, page: QWidget, title: str) -> None:
        tabs = self.ui.child_tabs
        index = tabs.indexOf(page)
        if index >= 0:
            short = isolate(title) if len(title) <= 28 else isolate(title[:27]) + "…"
            tabs.setTabText(index, short)
            tabs.setTabToolTip(index, title)

    def close_tab(self, index: int):
        """Close a child's tab; with answers of a trafficking assessment not saved, ask first (returns the
        question, else None)."""
        if index == 0:
            return None
        page = self.ui.child_tabs.widget(index)
        indicators = getattr(page, "indicators_tab", None)
        if indicators is not None and indicators.has_unsaved():
            self.ui.child_tabs.setCurrentWidget(page)
            page.show_section("indicators")
            return indicators.confirm_leave(lambda: self._remove_page(page))
        self._remove_page(page)
        return None

    def unsaved_indicators(self):
        """The first child's page with trafficking-indicator answers not saved, brought to the front with its
        assessment (its IndicatorsTab is returned), or None."""
        for page in self.pages.values():
            indicators = getattr(page, "indicators_tab", None)
            if indicators is not None and indicators.has_unsaved():
                self.ui.child_tabs.setCurrentWidget(page)
                page.show_section("indicators")
                return indicators
        return None

    def _remove_page(self, page: QWidget) -> None:
        index = self.ui.child_tabs.indexOf(page)
        if index <= 0:
            return
        self.ui.child_tabs.removeTab(index)
        self.pages = {cid: p for cid, p in self.pages.items() if p is not page}
        page.deleteLater()

    def show_list(self) -> None:
        self.ui.child_tabs.setCurrentIndex(0)

    # --- dialogs -----------------------------------------------------------------------------

    def register_child(self):
        from ospod_desktop.ui.dialogs.child_dialog import ChildDialog

        dialog = ChildDialog(self.us, parent=self)
        dialog.saved.connect(self.open_child)  # the list searches again by itself (`ui.changes`)
        dialog.open_existing.connect(self.open_child)
        self.dialog = dialog
        dialog.open()
        return dialog

    def import_children(self):
        from ospod_desktop.ui.dialogs.import_dialog import ImportDialog

        dialog = ImportDialog(self.us, parent=self)
        self.dialog = dialog
        dialog.open()
        return dialog
