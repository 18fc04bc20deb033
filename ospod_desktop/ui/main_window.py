"""The main window: navigation, pages, status bar, auto-lock; closing it ends the session. Its menus, keyboard
actions and the dialogs they open are `ui.window_actions`.

The pages never call each other to refresh: every write announces what it changed (`ui.changes`) and each
page, and this window (office name, auto-lock, the emergency-access banner), follows what concerns it."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QCloseEvent, QColor
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QListWidgetItem, QMainWindow, QWidget

from ospod_desktop.core.i18n import _
from ospod_desktop.core.roles import Role
from ospod_desktop.core.text import isolate
from ospod_desktop.services import identity, placements, scope
from ospod_desktop.ui import tasks
from ospod_desktop.ui.changes import Changes, Kind, subscribe
from ospod_desktop.ui.errors import log_unexpected, show_error
from ospod_desktop.ui.forms.ui_main_window import Ui_MainWindow
from ospod_desktop.ui.idle_lock import MINUTE_MS, IdleLock
from ospod_desktop.ui.pages.children_page import ChildrenPage
from ospod_desktop.ui.pages.due_page import counts_text
from ospod_desktop.ui.pages.lock_page import LockPage
from ospod_desktop.ui.pages.read_only_banner import ReadOnlyBanner
from ospod_desktop.ui.pages.role_pages import duplicates_page, statistics_page
from ospod_desktop.ui.window_actions import WindowActions

CHILDREN, DUPLICATES, DUE, APPROVALS, FACILITIES, STATISTICS, ADMINISTRATION = range(7)
EMERGENCY_STYLE = ("QFrame#emergency_banner { background: #b00020; }"
                   " QLabel#emergency_label { color: white; font-weight: bold; }")
# The smallest window every page lays out in without cutting a label or overlapping wrapped text: the common small
# laptop screens (1366×768, 1280×720, 1024×768) leave at least this much beside a taskbar and a title bar. Below
# the height the child's page scrolls (its tables keep a few rows); a smaller screen lowers the minimum to itself.
MINIMUM_SIZE = QSize(1000, 600)
NAV_CHARS = 22  # the navigation's width in characters; a longer entry wraps
NAV_PADDING = 40  # the list's frame, its items' padding and a scroll bar's width
IDLE_MINUTES_UNTIL_READ = 5  # the auto-lock until the office's own setting has been read (the schema's default)


def _office_state(us) -> tuple[str, str, int]:
    """On a worker: the office's name, the staff member's facility (else ""), and the auto-lock minutes."""
    facility = ""
    if us.actor.role is Role.FACILITY_STAFF and us.actor.facility_id is not None:
        try:
            facility = placements.get_facility(us, us.actor.facility_id).name
        except Exception as exc:  # the status line must not stop the window from working
            log_unexpected(exc)
    return identity.get_office(us).name, facility, identity.idle_lock_minutes(us)


def read_only_banner(us, window: MainWindow) -> ReadOnlyBanner | None:
    """A read-only session's banner above the pages (None for a session that may write)."""
    if us.db.read_only is None:
        return None
    banner = ReadOnlyBanner(us, window)
    window.ui.central_layout.insertWidget(1, banner)  # below the emergency banner
    banner.restore_requested.connect(window.restore)
    banner.session_must_end.connect(window.log_out)
    return banner


class MainWindow(WindowActions, QMainWindow):
    """Everything after login. `session_ended(True)` means "show the login again", False means quit."""

    session_ended = Signal(bool)

    def __init__(self, us, idle_ms: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        screen = self.screen().availableGeometry().size()
        self.setMinimumSize(MINIMUM_SIZE.boundedTo(screen))
        self.resize(self.size().boundedTo(screen))
        self.us = us
        self.locked = False
        self.hidden_windows: list[QWidget] = []
        self._watched: set[int] = set()
        self._logging_out = False
        self._ended = False
        self.restore_request = None  # a confirmed restore from a backup, done by the app flow after the session
        self.ui.emergency_banner.setStyleSheet(EMERGENCY_STYLE)
        self.ui.emergency_banner.hide()
        self.ui.end_emergency_button.clicked.connect(self.end_emergency_access)
        self._build_pages()
        self._show_emergency_banner()
        self.read_only_banner = read_only_banner(us, self)  # lost audit rows: the reason and the ways out, always
        self.lock_page = LockPage(us, self)
        self.ui.root_stack.addWidget(self.lock_page)
        self.lock_page.unlocked.connect(self.unlock)
        self.lock_page.log_out_requested.connect(self.log_out)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("status_label")
        self.ui.status_bar.addPermanentWidget(self.status_label, 1)
        self._connect_actions()
        self.idle = IdleLock(idle_ms if idle_ms is not None else IDLE_MINUTES_UNTIL_READ * MINUTE_MS, self)
        self._idle_override = idle_ms is not None
        self.idle.timeout.connect(self.lock)
        self.idle.start()
        self._show_status("", "")
        self.refresh_status()
        subscribe(self._on_changes)

    def _on_changes(self, changes: Changes) -> None:
        if changes.has(Kind.OFFICE) or (changes.has(Kind.FACILITY) and self.us.actor.role is Role.FACILITY_STAFF):
            self.refresh_status()
        if changes.has(Kind.ACCESS):
            self._show_emergency_banner()
            self.ui.nav_list.item(DUE).setHidden(not self.due_page.allowed())
            self.due_page.refresh_counts()

    def _show_due_counts(self, counts: dict) -> None:
        """The navigation's badge: "Due and overdue (3 overdue)", in red while something is overdue."""
        item = self.ui.nav_list.item(DUE)
        overdue = counts.get("overdue", 0)
        item.setText(_("Due and overdue ({n} overdue)").format(n=overdue) if overdue else _("Due and overdue"))
        item.setForeground(QBrush(QColor("#b00020")) if overdue else QBrush())
        item.setToolTip(counts_text(counts))

    def _show_due_after_login(self, counts: dict) -> None:
        """After login the Due page comes to the front when something is overdue, unless the user has already
        moved on from the case list (another page, a child's record)."""
        first = self.ui.nav_list.currentRow() == CHILDREN and self.children_page.ui.child_tabs.currentIndex() == 0
        if counts.get("overdue") and first and not self.locked:
            self.ui.nav_list.setCurrentRow(DUE)

    def _build_pages(self) -> None:
        ui, us = self.ui, self.us
        self.children_page = ChildrenPage(us)
        self.duplicates_page = duplicates_page(self, DUPLICATES)
        from ospod_desktop.ui.pages.facilities_page import FacilitiesPage

        self.facilities_page = FacilitiesPage(us)
        self.facilities_page.open_child_requested.connect(self.open_child)
        from ospod_desktop.ui.pages.due_page import DuePage

        self.due_page = DuePage(us)
        self.due_page.open_child_requested.connect(self.open_child)
        self.due_page.counts_changed.connect(self._show_due_counts)
        self.due_page.caught_up.connect(self._show_due_after_login)
        self.approvals_page = self._approvals_page()
        self.statistics_page = statistics_page(us, ui.nav_list, STATISTICS)
        pages: list[QWidget] = [
            self.children_page,
            self.duplicates_page,
            self.due_page,
            self.approvals_page,
            self.facilities_page,
            self.statistics_page,
        ]
        from ospod_desktop.ui.pages.admin_page import PAGE_ROLES, AdminPage

        administers = us.actor.role in PAGE_ROLES
        if administers:
            self.admin_page: QWidget = AdminPage(us)
            self.admin_page.restore_requested.connect(self.restore)
        else:
            self.admin_page = QWidget()  # keeps the page numbers; its navigation entry is hidden
        ui.nav_list.item(ADMINISTRATION).setHidden(not administers)
        pages.append(self.admin_page)
        for page in pages:
            ui.page_stack.addWidget(page)
        ui.nav_list.setStyleSheet("QListWidget::item { padding: 6px 4px; }")  # easier targets than the default
        # As narrow as its entries allow (a long one wraps onto a second line): the width is the pages'.
        metrics = ui.nav_list.fontMetrics()
        longest = max(metrics.horizontalAdvance(ui.nav_list.item(i).text()) for i in range(ui.nav_list.count()))
        ui.nav_list.setWordWrap(True)
        ui.nav_list.setFixedWidth(min(longest, metrics.averageCharWidth() * NAV_CHARS) + NAV_PADDING)
        ui.nav_list.currentRowChanged.connect(ui.page_stack.setCurrentIndex)
        ui.nav_list.setCurrentRow(ADMINISTRATION if us.actor.role is Role.ADMIN else CHILDREN)
        ui.nav_list.item(DUE).setHidden(us.actor.role is Role.ADMIN and us.break_glass_id is None)
        self.due_page.catch_up()  # the clocks gone stale since the last session, then the badge

    def _approvals_page(self) -> QWidget:
        """Supervisors approve the officers' trafficking-indicator assessments; the entry counts those waiting."""
        supervisor = self.us.actor.role is Role.SUPERVISOR
        self.ui.nav_list.insertItem(APPROVALS, QListWidgetItem(_("Assessments to approve")))
        self.ui.nav_list.item(APPROVALS).setHidden(not supervisor)
        if not supervisor:
            return QWidget()  # keeps the page numbers
        from ospod_desktop.ui.pages.approvals_page import ApprovalsPage

        page = ApprovalsPage(self.us)
        page.open_child_requested.connect(self.open_child)
        page.count_changed.connect(self._show_approvals_count)
        page.refresh()
        return page

    def _show_approvals_count(self, n: int) -> None:
        from ospod_desktop.ui.pages.approvals_page import count_text, tooltip_text

        item = self.ui.nav_list.item(APPROVALS)
        item.setText(count_text(n))
        item.setToolTip(tooltip_text(n))

    def refresh_status(self) -> tasks.Task:
        """Read the office (name, auto-lock) on a worker, then show it in the status bar and the title."""
        us = self.us
        return tasks.Task(self, lambda: _office_state(us)).success(self._office_read).failure(log_unexpected).run()

    def _office_read(self, state: tuple[str, str, int]) -> None:
        office, facility, minutes = state
        self._show_status(office, facility)
        self.set_idle_minutes(minutes)

    def _show_status(self, office: str, facility: str) -> None:
        actor = self.us.actor
        # Staff see only their facility's children; the names are isolated so an Arabic one keeps its place.
        parts = [isolate(actor.display_name), actor.role.label, isolate(office), isolate(facility)]
        self.status_label.setText(" · ".join(p for p in parts if p))
        title = _("OSPOD Desktop — {office}").format(office=isolate(office)) if office else _("OSPOD Desktop")
        self.setWindowTitle(title)

    def open_child(self, child_id: int, section: str = ""):
        """Show a child's page (from the duplicates screen or anywhere else), on the tab `section` if given
        (`ChildPage.show_section`)."""
        self.ui.nav_list.setCurrentRow(CHILDREN)
        self.raise_()  # asked from a facility's detail window: the child's page comes to the front
        self.activateWindow()
        page = self.children_page.open_child(child_id)
        if page is not None and section:
            page.show_section(section)
        return page

    # --- an administrator's emergency access ------------------------------------------------------

    def _show_emergency_banner(self, *_args: object) -> None:
        self.ui.emergency_banner.setVisible(self.us.break_glass_id is not None and not self.locked)
        if getattr(self, "read_only_banner", None) is not None:  # behind the lock page too: no button to press
            self.read_only_banner.setVisible(not self.locked)

    def end_emergency_access(self) -> None:
        """Close the administrator's emergency access (audited) and every child's record still open."""
        self.children_page.access_closed()  # the records go from the screen first; the audited end follows
        self.facilities_page.close_details()
        us = self.us
        return tasks.Task(self, lambda: scope.end_break_glass(us)).changes(Changes.of(Kind.ACCESS)).success(
            self._emergency_access_ended).failure(lambda exc: show_error(self, exc)).run()

    def _emergency_access_ended(self, _result: object = None) -> None:
        self._show_emergency_banner()
        self.ui.status_bar.showMessage(_("Emergency access ended."), 8000)

    def set_idle_minutes(self, minutes: int) -> None:
        if not self._idle_override:
            self.idle.set_interval_ms(minutes * MINUTE_MS)

    # --- locking -------------------------------------------------------------------------------

    def lock(self) -> None:
        """Hide child data now: lock page in front, every other window hidden until unlock."""
        if self.locked or self._ended:
            return
        self.locked = True
        self.idle.stop()
        app = QApplication.instance()
        for widget in app.topLevelWidgets():
            if widget is self or not widget.isVisible():
                continue
            if widget.windowType() == Qt.WindowType.Popup:
                widget.hide()  # an open menu or completer: not worth restoring
                continue
            self.hidden_windows.append(widget)
            if isinstance(widget, QDialog) and id(widget) not in self._watched:
                # A dialog whose background work finishes while hidden must not come back on unlock.
                self._watched.add(id(widget))
                widget.finished.connect(lambda _result, w=widget: self._forget(w))
            widget.hide()
        self.ui.root_stack.setCurrentWidget(self.lock_page)
        self._show_emergency_banner()
        # Audited only once the data is hidden: the write may wait for an import holding the write lock.
        us = self.us
        tasks.Task(self, lambda: identity.lock(us)).failure(log_unexpected).run()
        self._set_actions_enabled(False)
        self.lock_page.prepare()

    def _forget(self, widget: QWidget) -> None:
        self.hidden_windows = [w for w in self.hidden_windows if w is not widget]

    def unlock(self) -> None:
        if not self.locked:
            return
        self.locked = False
        self.ui.root_stack.setCurrentWidget(self.ui.content_page)
        self._show_emergency_banner()
        self._set_actions_enabled(True)
        windows, self.hidden_windows = self.hidden_windows, []
        for widget in windows:
            if shiboken6.isValid(widget):
                widget.show()
                widget.raise_()
                widget.activateWindow()
        self.idle.start()

    # --- ending the session --------------------------------------------------------------------

    def restore(self, request) -> None:
        """An administrator confirmed a restore (`RestoreRequest`): end the session so the database is closed; the
        app flow, seeing `restore_request`, restores on a worker and shows the login window."""
        self.restore_request = request
        self.log_out()

    def log_out(self) -> None:
        self._logging_out = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        # Answers of a trafficking assessment not saved: ask first (not behind the lock page, nor once ended).
        unsaved = None if self.locked or self._ended else self.children_page.unsaved_indicators()
        if unsaved is not None:
            event.ignore()
            self.ui.nav_list.setCurrentRow(CHILDREN)
            unsaved.confirm_leave(self.close)  # saved or discarded: closes again (nothing unsaved left)
            return
        self.end_session()
        super().closeEvent(event)

    def end_session(self) -> None:
        """Audit the logout and close the database (checkpoint) exactly once."""
        if self._ended:
            return
        self._ended = True
        self.idle.dispose()
        for widget in self.hidden_windows:
            if shiboken6.isValid(widget):
                widget.close()
        self.hidden_windows = []
        tasks.wait_all()
        try:
            scope.end_break_glass(self.us)  # the audit chain shows when the emergency access ended
        except Exception as exc:  # the logout must still be audited and the database closed
            log_unexpected(exc)
        try:
            identity.logout(self.us)
        except Exception as exc:  # the database must still be closed
            log_unexpected(exc)
            self.us.close()
        self.session_ended.emit(self._logging_out)
