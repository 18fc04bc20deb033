"""Accept lost audit rows from the GUI (a supervisor or administrator): what it means, the password again, then
`chain_anchor.accept_loss` on a worker — the same service as `ospod-desktop accept-loss`.

The service records the loss in a new "loss_accepted" audit row and moves the key file's anchor to it; the open
session stays read-only (it was opened against the old anchor), so the user logs in again to write."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.i18n import _
from ospod_desktop.services import chain_anchor
from ospod_desktop.ui.dialogs.restore_dialog import WARNING_STYLE
from ospod_desktop.ui.dialogs.save_dialog import WrappedSaveDialog


def explanation(first: int, last: int) -> str:
    return "\n\n".join([
        _("Audit rows {first} to {last} are lost. Accepting the loss cannot bring them back: whatever they recorded "
          "is gone from this database (an older backup may still hold it).").format(first=first, last=last),
        _("The acceptance is recorded in the audit chain under your name, with the ids of the lost rows, and the "
          "database can be written again."),
        _("After that you are logged out: log in again to continue working."),
    ])


class AcceptLossDialog(WrappedSaveDialog):
    """Confirmation with the password; `accepted_loss(new_anchor_id)` fires when the service has recorded it."""

    accepted_loss = Signal(int)

    def __init__(self, us, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.us = us
        self.setWindowTitle(_("Accept the loss of audit rows"))
        self.setObjectName("accept_loss_dialog")
        layout = QVBoxLayout(self)
        first, last = us.chain_loss.lost if us.chain_loss is not None else (0, 0)
        text = QLabel(explanation(first, last), self)
        text.setObjectName("explanation_label")
        text.setWordWrap(True)
        text.setStyleSheet(WARNING_STYLE)
        layout.addWidget(text)
        form = QFormLayout()
        password = QLineEdit(self)
        password.setObjectName("password_edit")
        password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_("Your password:"), password)
        layout.addLayout(form)
        error = QLabel(self)
        error.setObjectName("error_label")
        error.setWordWrap(True)
        layout.addWidget(error)
        busy = QProgressBar(self)
        busy.setRange(0, 0)
        layout.addWidget(busy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Accept the loss"))
        layout.addWidget(buttons)
        self.ui = SimpleNamespace(main_layout=layout, explanation_label=text, password_edit=password,
                                  error_label=error, busy_bar=busy, button_box=buttons)
        self._start(self.ui)
        self.fields = {"password": password}
        self._fit()

    def work(self):
        password = self.ui.password_edit.text()
        if not password:
            raise ValidationError("password", _("Enter your password."))
        path, username = self.us.db.path, self.us.actor.username
        return lambda: chain_anchor.accept_loss(path, username, password)[1].id

    def succeeded(self, result) -> None:
        self.ui.password_edit.clear()
        self.accepted_loss.emit(int(result))
        self.accept()
