"""Forgotten password: the recovery code sets a new password for an account and logs it in."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from ospod_desktop.core.errors import OspodError
from ospod_desktop.core.i18n import _
from ospod_desktop.ui.errors import show_label_error
from ospod_desktop.ui.forms.ui_recovery_dialog import Ui_RecoveryDialog
from ospod_desktop.ui.qtfix import emit
from ospod_desktop.ui.tasks import Task
from ospod_desktop.ui.widgets import PasswordHint, focus_field, set_busy


def _recover(path: Path, code: str, username: str, password: str):
    from ospod_desktop.services import auth

    return auth.recover(path, code, username, password)


class RecoveryDialog(QDialog):
    """User name, recovery code and a new password twice, then `services.auth.recover`."""

    recovered = Signal(object)  # UserSession

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_RecoveryDialog()
        self.ui.setupUi(self)
        self.db_path = Path(db_path)
        self.ui.error_label.hide()
        self.ui.busy_bar.hide()
        self.hint = PasswordHint(self.ui.hint_label, self.ui.password_edit, self.ui.repeat_edit)
        self.ok_button = self.ui.button_box.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Set password and log in"))
        self.ui.button_box.accepted.connect(self.submit)
        self.ui.button_box.rejected.connect(self.reject)
        self.fields = {
            "username": self.ui.username_edit,
            "code": self.ui.code_edit,
            "new_password": self.ui.password_edit,
            "password": self.ui.password_edit,
        }

    def submit(self) -> None:
        ui = self.ui
        if self.hint.passwords_differ():
            show_label_error(ui.error_label, _("The two passwords differ."))
            ui.repeat_edit.setFocus()
            return
        args = (self.db_path, ui.code_edit.text(), ui.username_edit.text(), ui.password_edit.text())
        show_label_error(ui.error_label, "")
        set_busy(True, ui.busy_bar, ui.button_box)
        Task(self, lambda: _recover(*args), busy_cursor=True).success(self._done).failure(self._failed).run()

    def _done(self, us) -> None:
        set_busy(False, self.ui.busy_bar, self.ui.button_box)
        emit(self.recovered, us)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        set_busy(False, self.ui.busy_bar, self.ui.button_box)
        show_label_error(self.ui.error_label, exc)
        if isinstance(exc, OspodError):
            focus_field(self.fields, exc.field)
