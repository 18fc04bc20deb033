"""Administration: accounts (create, edit, disable/enable, reset password), office profile, auto-lock, backups
and restore, and the audit viewer.

Everything is read and written on workers. The accounts table loads when first shown and again after a change
to accounts or facilities announced anywhere (`ui.changes`); the office profile loads once (only this page
edits it), and its saves are announced so the main window's title and auto-lock follow.

The administrator gets every tab (the deadline policy's editor too: `policy_tab`; the indicator catalogue:
`catalogue_tab`); a supervisor only Backups (without restore), Audit and the indicator catalogue (`tabs_for`)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QTableWidgetItem, QWidget

from ospod_desktop.core.i18n import _
from ospod_desktop.core.roles import Role
from ospod_desktop.services import identity
from ospod_desktop.services.identity import OfficeProfile, UserView
from ospod_desktop.ui.changes import Changes, Kind, RefreshOnChange
from ospod_desktop.ui.errors import show_label_error
from ospod_desktop.ui.format import format_datetime
from ospod_desktop.ui.forms.ui_admin_page import Ui_AdminPage
from ospod_desktop.ui.tasks import Task
from ospod_desktop.ui.widgets import enlarge, set_busy

USERNAME, FULL_NAME, ROLE, FACILITY, DISABLED, LAST_LOGIN = range(6)
PAGE_ROLES = (Role.ADMIN, Role.SUPERVISOR)  # who has an Administration page at all (the main window hides it else)


def tabs_for(role: Role) -> tuple[str, ...]:
    """The tabs a role sees, by name: accounts and office are the administrator's; supervisors read the audit
    (ids and codes only) and take backups."""
    if role is Role.ADMIN:
        return ("users", "office", "backups", "audit", "policy", "catalogue")
    return ("backups", "audit", "catalogue") if role in PAGE_ROLES else ()


class AdminPage(RefreshOnChange, QWidget):
    """The administrator's page; every change goes through `services.identity`. A confirmed restore goes up as
    `restore_requested(RestoreRequest)`: the main window ends the session first."""

    restore_requested = Signal(object)

    def __init__(self, us, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_AdminPage()
        self.ui.setupUi(self)
        self.us = us
        self.tabs = tabs_for(us.actor.role)
        self._add_maintenance_tabs()
        self.users: list[UserView] = []
        self.dialog: QWidget | None = None
        self._select_id: int | None = None  # the account to select when the table comes in
        ui = self.ui
        enlarge(ui.title_label, 1.4)
        header = ui.users_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FACILITY, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        ui.users_table.itemSelectionChanged.connect(self._selection_changed)
        ui.users_table.itemDoubleClicked.connect(lambda _item: self.edit_user())
        ui.create_user_button.clicked.connect(self.create_user)
        ui.edit_user_button.clicked.connect(self.edit_user)
        ui.toggle_disabled_button.clicked.connect(self.toggle_disabled)
        ui.reset_password_button.clicked.connect(self.reset_password)
        ui.save_office_button.clicked.connect(self.save_office)
        ui.save_idle_button.clicked.connect(self.save_idle)
        ui.idle_minutes_spin.setSuffix(_(" min"))
        self._selection_changed()
        if "users" in self.tabs:
            self.follow_changes()
            self.load_office()

    def _add_maintenance_tabs(self) -> None:
        from ospod_desktop.ui.pages.audit_tab import AuditTab
        from ospod_desktop.ui.pages.backup_tab import BackupTab

        tabs = self.ui.admin_tabs
        for name, tab in (("users", self.ui.users_tab), ("office", self.ui.office_tab)):
            if name not in self.tabs:
                tabs.removeTab(tabs.indexOf(tab))
        self.backup_tab = BackupTab(self.us)
        self.backup_tab.restore_requested.connect(self.restore_requested)
        tabs.addTab(self.backup_tab, _("Bac&kups"))
        self.audit_tab = AuditTab(self.us)
        tabs.addTab(self.audit_tab, _("Audit"))  # every letter of it is a field's on the tab: Ctrl+Tab
        if "policy" in self.tabs:
            from ospod_desktop.ui.pages.policy_tab import PolicyTab

            self.policy_tab = PolicyTab(self.us)
            tabs.addTab(self.policy_tab, _("Deadline policy"))  # no Alt letter: each is a field's on some tab
        if "catalogue" in self.tabs:
            from ospod_desktop.ui.pages.catalogue_tab import CatalogueTab

            self.catalogue_tab = CatalogueTab(self.us)
            tabs.addTab(self.catalogue_tab, _("Indicator catalogue"))

    def wants(self, changes: Changes) -> bool:
        return changes.has(Kind.USER, Kind.FACILITY)  # the accounts, and the facility names beside them

    def refresh(self) -> Task | None:
        return self.reload_users() if "users" in self.tabs else None

    # --- users ---------------------------------------------------------------------------------

    def reload_users(self, select_id: int | None = None) -> Task:
        """Read the accounts on a worker; `select_id`: the account to select then (else the selection stays)."""
        if select_id is not None:
            self._select_id = select_id
        us = self.us
        return Task(self, lambda: identity.list_users(us)).success(self._show_users).failure(
            self._users_failed).run()

    def _show_users(self, users: list[UserView]) -> None:
        table = self.ui.users_table
        current = self.selected_user()
        select_id = self._select_id if self._select_id is not None else (current.id if current else None)
        self._select_id = None
        self.users = users
        table.setRowCount(len(self.users))
        for row, user in enumerate(self.users):
            values = [
                user.username,
                user.display_name,
                user.role.label,
                user.facility_name,
                _("Disabled") if user.disabled else "",
                format_datetime(user.last_login_at),
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, user.id)
                if column == FACILITY:
                    item.setToolTip(value)
                table.setItem(row, column, item)
            if user.id == select_id:
                table.selectRow(row)
        self._selection_changed()

    def selected_user(self) -> UserView | None:
        rows = self.ui.users_table.selectionModel().selectedRows() if self.users else []
        if not rows:
            return None
        row = rows[0].row()
        return self.users[row] if 0 <= row < len(self.users) else None

    def select_username(self, username: str) -> None:
        for row, user in enumerate(self.users):
            if user.username == username:
                self.ui.users_table.selectRow(row)

    def _selection_changed(self) -> None:
        user = self.selected_user()
        ui = self.ui
        for button in (ui.edit_user_button, ui.toggle_disabled_button, ui.reset_password_button):
            button.setEnabled(user is not None)
        is_self = user is not None and user.id == self.us.actor.user_id
        ui.toggle_disabled_button.setText(_("&Enable") if user and user.disabled else _("&Disable"))
        if is_self:
            ui.toggle_disabled_button.setEnabled(False)
        ui.reset_password_button.setEnabled(user is not None and not user.disabled)

    def create_user(self):
        from ospod_desktop.ui.dialogs.user_dialog import UserDialog

        return self._open(UserDialog(self.us, None, self))

    def edit_user(self):
        from ospod_desktop.ui.dialogs.user_dialog import UserDialog

        user = self.selected_user()
        return self._open(UserDialog(self.us, user, self)) if user else None

    def reset_password(self):
        from ospod_desktop.ui.dialogs.reset_password_dialog import ResetPasswordDialog

        user = self.selected_user()
        return self._open(ResetPasswordDialog(self.us, user, self)) if user else None

    def _open(self, dialog):
        dialog.saved.connect(self._saved)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _saved(self, user_id: int, message: str) -> None:
        """After a change to an account: say what was done; the table, reloading (`ui.changes`), selects it."""
        self._select_id = user_id
        self.ui.users_status_label.setStyleSheet("")
        self.ui.users_status_label.setText(message)

    def toggle_disabled(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        disable = not user.disabled
        self.ui.toggle_disabled_button.setEnabled(False)
        message = (_("The account {username} was disabled.") if disable else _("The account {username} was enabled."))
        us = self.us
        Task(self, lambda: identity.set_disabled(us, user.id, disable)).changes(Changes.of(user=user.id)).success(
            lambda _r: self._saved(user.id, message.format(username=user.username))
        ).failure(self._users_failed).run()

    def _users_failed(self, exc: BaseException) -> None:
        show_label_error(self.ui.users_status_label, exc)
        self._selection_changed()

    # --- office and auto-lock ------------------------------------------------------------------

    def load_office(self) -> Task:
        """Read the profile and the auto-lock minutes on a worker; the two forms wait meanwhile (and stay disabled
        if the read fails: saving half-loaded values would blank the profile)."""
        us = self.us
        self._office_busy(True)
        return Task(self, lambda: (identity.get_office(us), identity.idle_lock_minutes(us))).success(
            self._show_office).failure(lambda exc: show_label_error(self.ui.office_status_label, exc)).run()

    def _office_busy(self, busy: bool) -> None:
        set_busy(busy, None, self.ui.office_group, self.ui.idle_group)

    def _show_office(self, result: tuple[OfficeProfile, int]) -> None:
        profile, minutes = result
        ui = self.ui
        ui.office_name_edit.setText(profile.name)
        ui.office_address_edit.setPlainText(profile.address)
        ui.office_orp_edit.setText(profile.orp)
        ui.office_letterhead_edit.setPlainText(profile.letterhead)
        ui.office_reference_format_edit.setText(profile.reference_format)
        ui.idle_minutes_spin.setValue(minutes)
        self._office_busy(False)

    def save_office(self) -> None:
        ui = self.ui
        profile = OfficeProfile(
            ui.office_name_edit.text(),
            ui.office_address_edit.toPlainText(),
            ui.office_orp_edit.text(),
            ui.office_letterhead_edit.toPlainText(),
            ui.office_reference_format_edit.text(),
        )
        ui.save_office_button.setEnabled(False)
        us = self.us
        Task(self, lambda: identity.update_office(us, profile)).changes(Changes.of(Kind.OFFICE)).success(
            self._office_saved).failure(self._office_failed).run()

    def _office_saved(self, _result: object) -> None:
        self.ui.save_office_button.setEnabled(True)
        label = self.ui.office_status_label
        label.setStyleSheet("")
        label.setText(_("Saved."))
        label.show()

    def _office_failed(self, exc: BaseException) -> None:
        self.ui.save_office_button.setEnabled(True)
        show_label_error(self.ui.office_status_label, exc)

    def save_idle(self) -> None:
        minutes = self.ui.idle_minutes_spin.value()
        self.ui.save_idle_button.setEnabled(False)
        us = self.us
        Task(self, lambda: identity.set_idle_lock_minutes(us, minutes)).changes(Changes.of(Kind.OFFICE)).success(
            lambda _r: self._idle_saved()
        ).failure(self._idle_failed).run()

    def _idle_saved(self) -> None:
        self.ui.save_idle_button.setEnabled(True)
        self.ui.idle_status_label.setStyleSheet("")
        self.ui.idle_status_label.setText(_("Saved."))

    def _idle_failed(self, exc: BaseException) -> None:
        self.ui.save_idle_button.setEnabled(True)
        show_label_error(self.ui.idle_status_label, exc)
