"""The banner of a read-only session (`services.chain_anchor`: the audit chain lost committed rows): at the top of
the main window for as long as the session lasts, the reason (naming the lost audit ids) and the ways out.

An administrator may restore the latest backup (the restore dialog of Administration → Backups, its file filled in
with the newest backup beside the database); a supervisor or administrator may accept the loss (`AcceptLossDialog`),
after which the session ends and the next login writes again. Everyone else is told to ask them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ospod_desktop.core.i18n import _
from ospod_desktop.services import chain_anchor, maintenance
from ospod_desktop.ui.dialogs.accept_loss_dialog import AcceptLossDialog
from ospod_desktop.ui.dialogs.restore_dialog import RestoreDialog
from ospod_desktop.ui.tasks import Task

STYLE = ("QFrame#read_only_banner { background: #fff3e0; border-bottom: 2px solid #e65100; }"
         " QLabel#read_only_label { color: #4e2a00; }")


class ReadOnlyBanner(QFrame):
    """`restore_requested(RestoreRequest)`: an administrator confirmed a restore; `session_must_end()`: the loss was
    accepted and the user read that they are logged out."""

    restore_requested = Signal(object)
    session_must_end = Signal()

    def __init__(self, us, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.us = us
        self.dialog: QWidget | None = None
        self.done_box: QMessageBox | None = None
        self.setObjectName("read_only_banner")
        self.setStyleSheet(STYLE)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)  # the pages take the height
        layout = QHBoxLayout(self)
        role = us.actor.role
        may_restore = role in maintenance.RESTORE_ROLES
        may_accept = role in chain_anchor.ACCEPT_ROLES
        text = str(us.db.read_only or "")
        if not (may_restore or may_accept):
            text += "\n" + _("Ask your supervisor or administrator to restore the latest backup or to accept the "
                             "loss.")
        self.label = QLabel(text, self)
        self.label.setObjectName("read_only_label")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        buttons = QVBoxLayout()
        self.restore_button = QPushButton(_("Restore the latest backup…"), self)
        self.restore_button.setObjectName("restore_latest_button")
        self.restore_button.clicked.connect(self.open_restore)
        self.restore_button.setVisible(may_restore)
        self.accept_button = QPushButton(_("Accept the loss…"), self)
        self.accept_button.setObjectName("accept_loss_button")
        self.accept_button.clicked.connect(self.open_accept)
        self.accept_button.setVisible(may_accept)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.accept_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def open_restore(self) -> RestoreDialog:
        """The restore dialog, its file the newest backup beside the database (found on a worker)."""
        dialog = RestoreDialog(self.us, self.window())
        dialog.confirmed.connect(self.restore_requested)
        self.dialog = dialog
        path = self.us.db.path
        Task(dialog, lambda: maintenance.latest_backup(path)).success(
            lambda found: self._fill_latest(dialog, found)).run()
        dialog.open()
        return dialog

    @staticmethod
    def _fill_latest(dialog: RestoreDialog, found) -> None:
        if found is not None and not dialog.ui.file_edit.text():
            dialog.ui.file_edit.setText(str(found))
            dialog.ui.password_edit.setFocus()

    def open_accept(self) -> AcceptLossDialog:
        dialog = AcceptLossDialog(self.us, self.window())
        dialog.accepted_loss.connect(self._accepted)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _accepted(self, anchor_id: int) -> None:
        self.accept_button.setEnabled(False)
        self.restore_button.setEnabled(False)
        box = QMessageBox(QMessageBox.Icon.Information, _("Loss accepted"), _(
            "The loss was recorded in the audit chain (row {id}). You will be logged out now: log in again to "
            "continue working, and the database can be written again.").format(id=anchor_id),
            QMessageBox.StandardButton.Ok, self.window())
        box.setObjectName("loss_accepted_box")
        box.finished.connect(lambda _result: self.session_must_end.emit())
        self.done_box = box
        box.open()
