"""What the login window offers when the database cannot be opened because it (or its key file) is damaged.

The offer names what is damaged (the error's own message) and, when the backups folder beside the database holds a
backup that the user's password opens and that passes `restore`'s checks, says when it was made and offers to
restore it: a confirmation, then `maintenance.restore` on a worker (the damaged database is kept beside it under a
new name, never deleted), then the login window again. "Open a backup…" (log into another file) stays offered.

Imports no service at module level: the login window must paint before sqlmodel loads.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from ospod_desktop.core.i18n import _
from ospod_desktop.ui.errors import message_for, show_label_error
from ospod_desktop.ui.tasks import Task

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from ospod_desktop.services.maintenance import BackupReport, RestoreResult
    from ospod_desktop.ui.dialogs.login_dialog import LoginDialog

log = logging.getLogger(__name__)


def _check_latest(path: Path, username: str, password: str):
    from ospod_desktop.services import maintenance

    return maintenance.check_latest_backup(path, username, password)


def _restore(path: Path, backup: Path, username: str, password: str):
    from ospod_desktop.services import maintenance

    return maintenance.restore(path, backup, username, password, force=True, via="gui")


def _when(report: BackupReport) -> str:
    from ospod_desktop.ui.dialogs.restore_dialog import when

    return when(report)


class BackupOffer:
    """The offer of one failed login: `start` looks for the latest backup on a worker, then shows `box`."""

    def __init__(self, dialog: LoginDialog, problem: str, username: str, password: str) -> None:
        self.dialog = dialog
        self.problem = problem
        self.credentials = (username, password)
        self.report: BackupReport | None = None
        self.box: QMessageBox | None = None
        self.confirm_box: QMessageBox | None = None
        self.done_box: QMessageBox | None = None

    def start(self) -> Task:
        path, (username, password) = self.dialog.db_path, self.credentials
        return Task(self.dialog, lambda: _check_latest(path, username, password)).success(
            lambda report: self.show(report, None)).failure(lambda exc: self.show(None, exc)).run()

    def show(self, report: BackupReport | None, error: BaseException | None) -> QMessageBox:
        from PySide6.QtWidgets import QMessageBox

        self.report = report
        box = QMessageBox(self.dialog)
        box.setObjectName("backup_offer")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(_("The database cannot be opened"))
        open_button = box.addButton(_("Open a backup…"), QMessageBox.ButtonRole.ActionRole)
        open_button.setObjectName("open_backup_button")
        open_button.clicked.connect(self.dialog.choose_backup)
        if report is not None:
            text = _("The latest backup was made {when}: {name}. Restoring it puts it in place of the damaged "
                     "database, which is kept beside it under a new name.").format(when=_when(report),
                                                                                   name=report.path.name)
            restore_button = box.addButton(_("Restore the latest backup…"), QMessageBox.ButtonRole.AcceptRole)
            restore_button.setObjectName("restore_latest_button")
            restore_button.clicked.connect(self.confirm)
            box.setDefaultButton(restore_button)
        elif error is not None:
            text = _("The latest backup cannot be restored with this account: {problem}").format(
                problem=message_for(error))
            box.setDefaultButton(open_button)
        else:
            text = _("No backup was found in {folder}.").format(folder=self.dialog.backups_folder())
            box.setDefaultButton(open_button)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setText(f"{self.problem}\n\n{text}")
        self.box = box
        box.open()
        return box

    def confirm(self) -> QMessageBox:
        from PySide6.QtWidgets import QMessageBox

        report = self.report
        assert report is not None
        path = self.dialog.db_path
        box = QMessageBox(self.dialog)
        box.setObjectName("restore_confirm")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Restore the latest backup…").rstrip("…"))
        box.setText("\n\n".join([
            _("Restore the backup made {when}?").format(when=_when(report)),
            _("The damaged database is kept beside it as {name} (it is not deleted). Everything recorded after "
              "{when} remains only in that file.").format(name=f"{path.stem}.before-restore-…{path.suffix}",
                                                          when=_when(report)),
        ]))
        restore_button = box.addButton(_("&Restore"), QMessageBox.ButtonRole.AcceptRole)
        restore_button.setObjectName("restore_button")
        restore_button.clicked.connect(self.restore)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(restore_button)
        self.confirm_box = box
        box.open()
        return box

    def restore(self) -> Task:
        report = self.report
        assert report is not None
        dialog, (username, password) = self.dialog, self.credentials
        path, backup = dialog.db_path, report.path
        dialog.set_preparing(_("Restoring the database from the backup…"))
        log.info("restoring the latest backup after the database failed to open")
        return Task(dialog, lambda: _restore(path, backup, username, password), busy_cursor=True).success(
            self.restored).failure(self.failed).run()

    def restored(self, result: RestoreResult) -> QMessageBox:
        from ospod_desktop.ui.dialogs.restore_dialog import restored_box

        dialog = self.dialog
        dialog.set_ready(result.database)
        dialog.ui.username_edit.setText(self.credentials[0])
        dialog.ui.password_edit.setFocus()
        box = restored_box(dialog, result)
        self.done_box = box
        box.open()
        return box

    def failed(self, exc: BaseException) -> None:
        self.dialog.set_ready()
        show_label_error(self.dialog.ui.error_label, exc)
