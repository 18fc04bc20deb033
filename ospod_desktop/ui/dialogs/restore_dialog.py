"""Restore from a backup: choose it, check it with your password, then confirm what happens.

The check (`maintenance.check_backup`) runs on a copy, so nothing changes until the confirmation. Confirming does
not restore here: the dialog hands a `RestoreRequest` to the main window, which ends the session (the database
must be closed); the app flow then restores on a worker and shows the login window.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QWidget

from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.i18n import _, ngettext
from ospod_desktop.services import maintenance
from ospod_desktop.services.maintenance import BackupReport
from ospod_desktop.ui.dialogs.save_dialog import WrappedSaveDialog
from ospod_desktop.ui.errors import show_label_error
from ospod_desktop.ui.format import format_date, format_number, local_time
from ospod_desktop.ui.forms.ui_restore_dialog import Ui_RestoreDialog

WARNING_STYLE = "background: #fff3e0; color: #4e2a00; border: 1px solid #ffb74d; border-radius: 3px; padding: 8px;"


@dataclass(frozen=True)
class RestoreRequest:
    """What the app flow needs to restore once the session has ended."""

    database: Path
    backup: Path
    username: str
    password: str = field(repr=False)
    report: BackupReport | None = None


def when(report: BackupReport) -> str:
    if report.taken_at is None:
        return _("an unknown time")
    local = local_time(report.taken_at)
    return f"{format_date(local.date())} {local:%H:%M}"


def restored_box(parent: QWidget, result: maintenance.RestoreResult):
    """The message after a restore (not opened yet): the backup's time, the kept database, which password."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setObjectName("restore_done")
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(_("Database restored"))
    text = _("The database was restored from the backup made {when}.").format(when=when(result.backup))
    if result.kept is not None:
        text += "\n\n" + _("The database it replaced was kept as:\n{path}").format(path=result.kept)
    text += "\n\n" + _("Log in with the password you had when the backup was made.")
    box.setText(text)
    return box


def summary(report: BackupReport, database: Path) -> str:
    """What the confirmation says: the backup's date and audit rows, and each thing that will happen."""
    kept = f"{database.stem}.before-restore-…{database.suffix}"
    return "\n".join([
        _("The backup is intact: made {when}, {rows}.").format(when=when(report), rows=ngettext(
            "{n} audit row", "{n} audit rows", report.audit_rows).format(n=format_number(report.audit_rows))),
        "",
        _("Restoring it will:"),
        "• " + _("log you out and close the database;"),
        "• " + _("keep the current database beside it as {name} (it is not deleted);").format(name=kept),
        "• " + _("put the backup in its place and record the restore in its audit chain;"),
        "• " + _("show the login window: log in with the password you had when the backup was made."),
        "",
        _("Everything recorded after {when} will then be only in the kept file.").format(when=when(report)),
    ])


class RestoreDialog(WrappedSaveDialog):
    """First OK checks the backup; the second (after the summary) emits `confirmed(RestoreRequest)`."""

    confirmed = Signal(object)

    def __init__(self, us, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_RestoreDialog()
        ui.setupUi(self)
        self.us = us
        self.report: BackupReport | None = None
        self._checked: tuple[str, str] | None = None  # the file and password the report is for
        ui.browse_button.clicked.connect(self.browse)
        ui.file_edit.textChanged.connect(self._inputs_changed)
        ui.password_edit.textChanged.connect(self._inputs_changed)
        ui.summary_label.setStyleSheet(WARNING_STYLE)
        ui.summary_label.hide()
        self._start(ui)
        self.fields = {"backup": ui.file_edit, "file": ui.file_edit, "password": ui.password_edit}
        self._set_stage()
        self._fit()

    def _ok(self):
        return self.ui.button_box.button(QDialogButtonBox.StandardButton.Ok)

    def _set_stage(self) -> None:
        self._ok().setText(_("&Restore and log out") if self.report else _("&Check the backup"))

    def browse(self) -> None:
        start = self.ui.file_edit.text() or str(self.us.db.path.parent / "backups")
        path, _filter = QFileDialog.getOpenFileName(self, _("Restore from a backup"), start,
                                                    _("OSPOD database (*.db);;All files (*)"))
        if path:
            self.ui.file_edit.setText(path)

    def _inputs_changed(self) -> None:
        """Another file or password: the summary no longer applies; check again."""
        if self.report is not None:
            self.report = None
            self.ui.summary_label.hide()
            self._set_stage()
            self._fit()

    def work(self):
        ui = self.ui
        text, password = ui.file_edit.text().strip(), ui.password_edit.text()
        if not text:
            raise ValidationError("backup", _("Choose the backup file."))
        if not password:
            raise ValidationError("password", _("Enter your password."))
        us, backup = self.us, Path(text).expanduser()
        self._checked = (text, password)
        return lambda: maintenance.check_backup(us, backup, password)

    def submit(self):
        if self.report is None:
            return super().submit()
        text, password = self._checked or ("", "")
        self.confirmed.emit(RestoreRequest(self.us.db.path, Path(text).expanduser(), self.us.actor.username,
                                           password, self.report))
        self.ui.password_edit.clear()
        self.accept()
        return None

    def succeeded(self, result: BackupReport) -> None:
        ui = self.ui
        if self._checked != (ui.file_edit.text().strip(), ui.password_edit.text()):
            return  # changed while it was checked: the report is for something else
        self.report = result
        ui.summary_label.setText(summary(result, self.us.db.path))
        ui.summary_label.show()
        show_label_error(ui.error_label, "")
        self._set_stage()
        self._fit()
