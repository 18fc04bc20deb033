"""Change one's own password (forced after an administrator's reset, or from the File menu)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QWidget

from ospod_desktop.core.i18n import _
from ospod_desktop.ui.changes import Changes
from ospod_desktop.ui.dialogs.save_dialog import SaveDialog
from ospod_desktop.ui.forms.ui_change_password_dialog import Ui_ChangePasswordDialog
from ospod_desktop.ui.widgets import PasswordHint


def _change(us, old: str, new: str) -> None:
    from ospod_desktop.services import identity  # not at import: the login flow opens this dialog

    identity.change_password(us, old, new)


class ChangePasswordDialog(SaveDialog):
    """Old password, new password twice; re-wraps only this user's key slot. A wrong current password is the
    service's error on the field "old_password", shown like any other field's."""

    def __init__(self, us, forced: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_ChangePasswordDialog()
        ui.setupUi(self)
        self.us = us
        self.forced = forced
        ui.intro_label.setVisible(forced)
        if forced:
            ui.old_label.setText(_("&Temporary password"))
        self.hint = PasswordHint(ui.hint_label, ui.password_edit, ui.repeat_edit)
        ui.button_box.button(QDialogButtonBox.StandardButton.Ok).setText(_("Change password"))
        if forced:
            ui.button_box.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Log out"))
        self._start(ui)
        self.fields = {"old_password": ui.old_edit, "new_password": ui.password_edit, "password": ui.password_edit,
                       "repeat": ui.repeat_edit}

    def work(self):
        self.hint.check_repeat()
        us, old, new = self.us, self.ui.old_edit.text(), self.ui.password_edit.text()
        return lambda: _change(us, old, new)

    def changes(self, result) -> Changes:
        return Changes.of(user=self.us.actor.user_id)
