"""Create or edit a user account (facility staff are bound to one facility)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from ospod_desktop.core.i18n import _
from ospod_desktop.core.roles import Role
from ospod_desktop.services import identity
from ospod_desktop.services.identity import UserView
from ospod_desktop.ui.changes import Changes
from ospod_desktop.ui.dialogs.save_dialog import SaveDialog
from ospod_desktop.ui.forms.ui_user_dialog import Ui_UserDialog
from ospod_desktop.ui.widgets import PasswordHint

PASSWORD_ROWS = (4, 5, 6)  # temporary password, repeat, hint: only when creating


class UserDialog(SaveDialog):
    """Emits `saved(user_id, message)` after the account was written (announced app-wide as a change of it)."""

    saved = Signal(int, str)

    def __init__(self, us, user: UserView | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_UserDialog()
        self.ui.setupUi(self)
        self.us = us
        self.user = user
        ui = self.ui
        for role in Role:
            ui.role_combo.addItem(role.label, role.value)
        ui.facility_combo.addItem(_("(no facility)"), None)
        ui.role_combo.currentIndexChanged.connect(self._role_changed)
        self.hint = PasswordHint(ui.hint_label, ui.password_edit, ui.repeat_edit)
        self._start(ui)
        self.fields = {
            "username": ui.username_edit,
            "display_name": ui.display_name_edit,
            "role": ui.role_combo,
            "facility": ui.facility_combo,
            "password": ui.password_edit,
            "repeat": ui.repeat_edit,
        }
        if user is None:
            self.setWindowTitle(_("Create user"))
            ui.role_combo.setCurrentIndex(ui.role_combo.findData(Role.OFFICER.value))
        else:
            self.setWindowTitle(_("Edit user {username}").format(username=user.username))
            ui.username_edit.setText(user.username)
            ui.username_edit.setReadOnly(True)
            ui.display_name_edit.setText(user.display_name)
            ui.role_combo.setCurrentIndex(ui.role_combo.findData(user.role.value))
            for row in PASSWORD_ROWS:
                ui.form_layout.setRowVisible(row, False)
        self._role_changed()
        (ui.display_name_edit if user else ui.username_edit).setFocus()
        self.load(lambda: identity.list_facility_choices(us), self._fill_facilities)

    def _fill_facilities(self, choices) -> None:
        """The active facilities a staff account can be bound to (read on a worker)."""
        combo = self.ui.facility_combo
        for choice in choices:
            combo.addItem(choice.name, choice.id)
            combo.setItemData(combo.count() - 1, choice.name, Qt.ItemDataRole.ToolTipRole)
        if self.user is not None:
            combo.setCurrentIndex(max(0, combo.findData(self.user.facility_id)))
        self._role_changed()

    def role(self) -> Role:
        return Role(self.ui.role_combo.currentData())

    def _role_changed(self) -> None:
        """The facility matters only for facility staff."""
        staff = self.role() is Role.FACILITY_STAFF
        self.ui.facility_combo.setEnabled(staff)
        self.ui.facility_label.setEnabled(staff)
        if staff and self.ui.facility_combo.currentData() is None and self.ui.facility_combo.count() > 1:
            self.ui.facility_combo.setCurrentIndex(1)

    def work(self):
        ui = self.ui
        role = self.role()
        facility = ui.facility_combo.currentData() if role is Role.FACILITY_STAFF else None
        name, us = ui.display_name_edit.text(), self.us
        if self.user is None:
            self.hint.check_repeat()
            username, password = ui.username_edit.text(), ui.password_edit.text()
            self.message = _("The account {username} was created. Give the user the temporary password in person.")
            return lambda: identity.create_user(us, username, name, role, password, facility)
        user_id = self.user.id

        def update() -> int:
            identity.update_user(us, user_id, name, role, facility)
            return user_id

        self.message = _("The account {username} was saved.")
        return update

    def changes(self, user_id: int) -> Changes:
        return Changes.of(user=user_id)

    def succeeded(self, user_id: int) -> None:
        self.saved.emit(user_id, self.message.format(username=self.ui.username_edit.text().strip().casefold()))
        self.accept()
