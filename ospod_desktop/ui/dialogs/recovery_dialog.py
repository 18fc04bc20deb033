"""Forgotten password: the recovery code sets a new password for an account and logs it in."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from ospod_desktop.core.i18n import _
from ospod_desktop.ui.dialogs.save_dialog import SaveDialog
from ospod_desktop.ui.forms.ui_recovery_dialog import Ui_RecoveryDialog
from ospod_desktop.ui.widgets import PasswordHint


def _recover(path: Path, code: str, username: str, password: str):
    from ospod_desktop.services import identity

    return identity.recover(path, code, username, password)


class RecoveryDialog(SaveDialog):
    """User name, recovery code and a new password twice, then `services.auth.recover`."""

    recovered = Signal(object)  # UserSession

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_RecoveryDialog()
        self.ui.setupUi(self)
        self.db_path = Path(db_path)
        self.hint = PasswordHint(self.ui.hint_label, self.ui.password_edit, self.ui.repeat_edit)
        self.ok_button = self.ui.button_box.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Set password and log in"))
        self._start(self.ui)
        self.fields = {
            "username": self.ui.username_edit,
            "code": self.ui.code_edit,
            "new_password": self.ui.password_edit,
            "password": self.ui.password_edit,
            "repeat": self.ui.repeat_edit,
        }

    def work(self):
        ui = self.ui
        self.hint.check_repeat()
        args = (self.db_path, ui.code_edit.text(), ui.username_edit.text(), ui.password_edit.text())
        return lambda: _recover(*args)

    def succeeded(self, us) -> None:
        self.recovered.emit(us)
        self.accept()
