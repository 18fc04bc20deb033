"""The administrator gives a user a temporary password (the user must change it at next login)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from ospod_desktop.core.i18n import _
from ospod_desktop.core.text import isolate
from ospod_desktop.services import identity
from ospod_desktop.services.identity import UserView
from ospod_desktop.ui.changes import Changes
from ospod_desktop.ui.dialogs.save_dialog import SaveDialog
from ospod_desktop.ui.forms.ui_reset_password_dialog import Ui_ResetPasswordDialog
from ospod_desktop.ui.widgets import PasswordHint


class ResetPasswordDialog(SaveDialog):
    """Temporary password twice, then `identity.reset_password`; emits `saved(user_id, message)`."""

    saved = Signal(int, str)

    def __init__(self, us, user: UserView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_ResetPasswordDialog()
        ui.setupUi(self)
        self.us = us
        self.user = user
        intro = _(
            "Set a temporary password for {name} ({username}). They must choose their own password at the next login."
        )
        ui.intro_label.setText(intro.format(name=isolate(user.display_name), username=isolate(user.username)))
        self.hint = PasswordHint(ui.hint_label, ui.password_edit, ui.repeat_edit)
        ui.button_box.button(QDialogButtonBox.StandardButton.Ok).setText(_("Reset password"))
        self._start(ui)
        self.fields = {"password": ui.password_edit, "new_password": ui.password_edit, "repeat": ui.repeat_edit}

    def work(self):
        self.hint.check_repeat()
        us, user_id, password = self.us, self.user.id, self.ui.password_edit.text()
        return lambda: identity.reset_password(us, user_id, password)

    def changes(self, result) -> Changes:
        return Changes.of(user=self.user.id)

    def succeeded(self, result) -> None:
        message = _("A temporary password was set for {username}.").format(username=self.user.username)
        self.saved.emit(self.user.id, message)
        self.accept()
