"""Backups (a tab of Administration): take one; the administrator also restores one."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from ospod_desktop.core.i18n import _
from ospod_desktop.services import maintenance
from ospod_desktop.ui.dialogs.backup_dialog import BackupDialog
from ospod_desktop.ui.dialogs.restore_dialog import RestoreDialog
from ospod_desktop.ui.forms.ui_backup_tab import Ui_BackupTab


class BackupTab(QWidget):
    """Opens the backup and restore dialogs; a confirmed restore goes up as `restore_requested(RestoreRequest)`."""

    restore_requested = Signal(object)

    def __init__(self, us, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_BackupTab()
        ui.setupUi(self)
        self.us = us
        self.dialog: QWidget | None = None
        ui.backup_button.clicked.connect(self.open_backup)
        ui.restore_button.clicked.connect(self.open_restore)
        ui.backup_button.setEnabled(us.actor.role in maintenance.BACKUP_ROLES)
        ui.restore_group.setVisible(us.actor.role in maintenance.RESTORE_ROLES)
        ui.backup_status_label.hide()

    def open_backup(self) -> BackupDialog:
        dialog = BackupDialog(self.us, self)
        dialog.backed_up.connect(self._backed_up)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _backed_up(self, path: str) -> None:
        label = self.ui.backup_status_label
        label.setText(_("Last backup: {path}").format(path=path))
        label.setStyleSheet("color: #1b5e20;")
        label.show()

    def open_restore(self) -> RestoreDialog:
        dialog = RestoreDialog(self.us, self)
        dialog.confirmed.connect(self.restore_requested)
        self.dialog = dialog
        dialog.open()
        return dialog
