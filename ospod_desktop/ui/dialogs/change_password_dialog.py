"""Change one's own password (forced after an administrator's reset, or from the File menu)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from ospod_desktop.core.errors import AuthenticationError, OspodError
from ospod_desktop.core.i18n import _
from ospod_desktop.ui.errors import show_label_error
from ospod_desktop.ui.forms.ui_change_password_dialog import Ui_ChangePasswordDialog
from ospod_desktop.ui.tasks import Task
from ospod_desktop.ui.widgets import PasswordHint, focus_field, set_busy


def _change(us, old: str, new: str) -> None:
    from ospod_desktop.services import identity

    identity.change_password(us, old, new)


class ChangePasswordDialog(QDialog):
    """Old password, new password twice; re-wraps only this user's key slot."""

    def __init__(self, us, forced: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ChangePasswordDialog()
        self.ui.setupUi(self)
        self.us = us
        self.forced = forced
        self.ui.intro_label.setVisible(forced)
        if forced:
            self.ui.old_label.setText(_("&Temporary password"))
        self.ui.error_label.hide()
        self.ui.busy_bar.hide()
        self.hint = PasswordHint(self.ui.hint_label, self.ui.password_edit, self.ui.repeat_edit)
        self.ui.button_box.button(QDialogButtonBox.StandardButton.Ok).setText(_("Change password"))
        if forced:
            self.ui.button_box.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Log out"))
        self.ui.button_box.accepted.connect(self.submit)
        self.ui.button_box.rejected.connect(self.reject)
        self.fields = {"new_password": self.ui.password_edit, "password": self.ui.password_edit}

    def submit(self) -> None:
        ui = self.ui
        if self.hint.passwords_differ():
            show_label_error(ui.error_label, _("The two passwords differ."))
            ui.repeat_edit.setFocus()
            return
        old, new = ui.old_edit.text(), ui.password_edit.text()
        show_label_error(ui.error_label, "")
        set_busy(True, ui.busy_bar, ui.button_box)
        Task(self, lambda: _change(self.us, old, new), busy_cursor=True).success(self._done).failure(self._failed).run()

    def _done(self, _result: object) -> None:
        set_busy(False, self.ui.busy_bar, self.ui.button_box)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        set_busy(False, self.ui.busy_bar, self.ui.button_box)
        if isinstance(exc, AuthenticationError):
            show_label_error(self.ui.error_label, _("The current password is incorrect."))
            self.ui.old_edit.clear()
            self.ui.old_edit.setFocus()
            return
        show_label_error(self.ui.error_label, exc)
        if isinstance(exc, OspodError):
            focus_field(self.fields, exc.field)
