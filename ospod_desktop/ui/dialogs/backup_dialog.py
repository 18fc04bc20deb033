"""Take an online, encrypted backup of the open database (with its key file) to a new file the user chooses."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QWidget

from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.i18n import _
from ospod_desktop.services import maintenance, waiting
from ospod_desktop.ui.dialogs.save_dialog import WrappedSaveDialog
from ospod_desktop.ui.forms.ui_backup_dialog import Ui_BackupDialog
from ospod_desktop.ui.tasks import MessageRelay


def suggested_path(db_path: Path, now: datetime | None = None) -> Path:
    """`backups/<name>-backup-<date>-<time>.db` beside the database: where the login window looks for backups and
    where the backups before an upgrade go."""
    stamp = (now or datetime.now()).strftime("%Y-%m-%d-%H%M")
    return db_path.parent / "backups" / f"{db_path.stem}-backup-{stamp}.db"


class BackupDialog(WrappedSaveDialog):
    """The file, then `maintenance.backup_to` on a worker; the dialog stays open to show where the backup went and
    emits `backed_up(path)`."""

    backed_up = Signal(str)

    def __init__(self, us, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_BackupDialog()
        ui.setupUi(self)
        self.us = us
        ui.file_edit.setText(str(suggested_path(us.db.path)))
        ui.browse_button.clicked.connect(self.browse)
        ui.result_label.hide()
        self.waits = MessageRelay(self)  # "waiting for another process's write…", told by the backup's worker
        self.waits.changed.connect(self._waiting)
        ui.button_box.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Back up"))
        self._start(ui)
        self.fields = {"file": ui.file_edit, "out": ui.file_edit}
        self._fit()

    def browse(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Back up the database"), self.ui.file_edit.text(), _("OSPOD database (*.db);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite)  # an existing file is refused, never replaced
        if path:
            self.ui.file_edit.setText(path)

    def work(self):
        text = self.ui.file_edit.text().strip()
        if not text:
            raise ValidationError("file", _("Choose where to save the backup."))
        us, out, tell = self.us, Path(text).expanduser(), self.waits.report
        # the backup's own audit row comes first: while another process holds the write lock, `tell` says it waits
        return lambda: waiting.telling(tell, lambda: maintenance.backup_to(us, out))

    def _waiting(self, message: str) -> None:
        ui = self.ui
        ui.result_label.setText(message)
        ui.result_label.setStyleSheet("")
        ui.result_label.show()
        self._fit()

    def _failed(self, exc: BaseException) -> None:
        self.ui.result_label.hide()  # not "waiting…" beside the error
        super()._failed(exc)

    def succeeded(self, result) -> None:
        ui = self.ui
        path = Path(result)
        ui.result_label.setText(_("Backup saved:\n{path}\nwith its key file:\n{keys}").format(
            path=path, keys=path.with_name(path.name + ".keys")))
        ui.result_label.setStyleSheet("color: #1b5e20;")
        ui.result_label.show()
        self._fit()
        ui.file_edit.setReadOnly(True)
        ui.browse_button.setEnabled(False)
        ui.button_box.button(QDialogButtonBox.StandardButton.Ok).hide()
        ui.button_box.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Close"))
        self.backed_up.emit(str(path))
