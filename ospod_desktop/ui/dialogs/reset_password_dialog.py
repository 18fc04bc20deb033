"""The administrator gives a user a temporary password (the user must change it at next login)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from ospod_desktop.core.i18n import _
from ospod_desktop.services import identity
from ospod_desktop.services.identity import UserView
from ospod_desktop.ui.errors import show_label_error
from ospod_desktop.ui.forms.ui_reset_password_dialog import Ui_ResetPasswordDialog
from ospod_desktop.ui.tasks import Task
from ospod_desktop.ui.widgets import PasswordHint, set_busy


class ResetPasswordDialog(QDialog):
    """Temporary password twice, then `identity.reset_password`; emits `saved(user_id, message)`."""

    saved = Signal(int, str)

    def __init__(self, us, user: UserView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ResetPasswordDialog()
        self.ui.setupUi(self)
        self.us = us
        self.user = user
        intro = _(
            "Set a temporary password for {name} ({username}). They must choose their own password at the next login."
        )
        self.ui.intro_label.setText(intro.format(name=user.display_name, username=user.username))
        self.ui.error_label.hide()
        self.ui.busy_bar.hide()
        self.hint = PasswordHint(self.ui.hint_label, self.ui.password_edit, self.ui.repeat_edit)
        self.ui.button_box.button(QDialogButtonBox.StandardButton.Ok).setText(_("Reset password"))
        self.ui.button_box.accepted.connect(self.submit)
        self.ui.button_box.rejected.connect(self.reject)

    def submit(self) -> None:
        ui = self.ui
        if self.hint.passwords_differ():
            show_label_error(ui.error_label, _("The two passwords differ."))
            ui.repeat_edit.setFocus()
            return
        password, user_id = ui.password_edit.text(), self.user.id
        show_label_error(ui.error_label, "")
        set_busy(True, ui.busy_bar, ui.button_box)
        Task(self, lambda: identity.reset_password(self.us, user_id, password), busy_cursor=True).success(
            self._done
        ).failure(self._failed).run()

    def _done(self, _result: object) -> None:
        set_busy(False, self.ui.busy_bar, self.ui.button_box)
        message = _("A temporary password was set for {username}.").format(username=self.user.username)
        self.saved.emit(self.user.id, message)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        set_busy(False, self.ui.busy_bar, self.ui.button_box)
        show_label_error(self.ui.error_label, exc)
        self.ui.password_edit.setFocus()
