"""The login dialog: user name and password, a link to recovery, and demo accounts in demo mode.

Imports no service at module level: it is the first window and must paint before sqlmodel loads.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QDialog, QWidget

from ospod_desktop.core.errors import DatabaseCorrupt, KeyFileDamaged, NotOurDatabase
from ospod_desktop.core.i18n import _
from ospod_desktop.ui.errors import message_for, show_label_error
from ospod_desktop.ui.forms.ui_login_dialog import Ui_LoginDialog
from ospod_desktop.ui.tasks import MessageRelay, Task
from ospod_desktop.ui.widgets import enlarge, set_busy

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from ospod_desktop.ui.dialogs.backup_offer import BackupOffer

log = logging.getLogger(__name__)


def _login(path: Path, username: str, password: str, tell: Callable[[str], None]):
    from ospod_desktop.services import identity, waiting

    # a login writes its audit row: when another process holds the write lock (an import), `tell` says it waits
    return waiting.telling(tell, lambda: identity.login(path, username, password))


class LoginDialog(QDialog):
    """Asks for a user name and password and opens the database in a background task."""

    logged_in = Signal(object)  # UserSession

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_LoginDialog()
        self.ui.setupUi(self)
        self.db_path = Path(db_path)
        self.offer: BackupOffer | None = None
        self.recovery_dialog: QDialog | None = None
        self._pending: tuple[str, str] | None = None
        enlarge(self.ui.title_label)
        self.ui.database_label.setText(_("Database: {path}").format(path=self.db_path))
        self.ui.error_label.hide()
        self.ui.busy_label.hide()
        self.ui.busy_bar.hide()
        self.ui.demo_group.hide()
        self.waits = MessageRelay(self)  # "waiting for another process's write…", told by the login's worker
        self.waits.changed.connect(self.ui.busy_label.setText)
        self.ui.login_button.clicked.connect(self.submit)
        self.ui.quit_button.clicked.connect(self.reject)
        self.ui.forgot_button.clicked.connect(self.open_recovery)
        self.ui.username_edit.setFocus()
        self._painted = False

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """After the first paint, make the labels selectable: the first use of a Qt-namespace enum
        builds Python types for all of them (~40 ms), which must not delay the login window."""
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self._selectable_labels)

    def _selectable_labels(self) -> None:
        from PySide6.QtCore import Qt

        flags = Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        self.ui.database_label.setTextInteractionFlags(flags)
        self.ui.demo_label.setTextInteractionFlags(flags)

    def set_preparing(self, text: str) -> None:
        """Show that the database is not ready yet (the demo is being built)."""
        self.ui.busy_label.setText(text)
        self.ui.busy_label.show()
        set_busy(True, self.ui.busy_bar, self.ui.login_button, self.ui.forgot_button)
        self.adjustSize()

    def set_progress(self, done: int, total: int) -> None:
        """Turn the busy bar into a real progress bar once the work reports its size."""
        self.ui.busy_bar.setRange(0, max(total, 0))
        self.ui.busy_bar.setValue(min(done, total))

    def set_ready(self, db_path: Path | None = None) -> None:
        if db_path is not None:
            self.db_path = Path(db_path)
            self.ui.database_label.setText(_("Database: {path}").format(path=self.db_path))
        self.ui.busy_label.hide()
        self.ui.busy_bar.setRange(0, 0)
        set_busy(False, self.ui.busy_bar, self.ui.login_button, self.ui.forgot_button)

    def set_demo(self, accounts: list[tuple[str, str]], password: str, role_labels: dict[str, str]) -> None:
        """List the demo accounts and their shared password (demo mode only)."""
        lines = [_("Password for every account: {password}").format(password=password)]
        lines += [f"{username} — {role_labels.get(role, role)}" for username, role in accounts]
        self.ui.demo_label.setText("\n".join(lines))
        self.ui.demo_group.show()
        if accounts and not self.ui.username_edit.text():
            self.ui.username_edit.setText(accounts[0][0])
        self.adjustSize()  # word-wrapped labels do not grow a dialog that is already shown

    def submit(self) -> None:
        username = self.ui.username_edit.text().strip()
        password = self.ui.password_edit.text()
        if not username:
            show_label_error(self.ui.error_label, _("Enter your user name."))
            self.ui.username_edit.setFocus()
            return
        if not password:
            show_label_error(self.ui.error_label, _("Enter your password."))
            self.ui.password_edit.setFocus()
            return
        self._start(self.db_path, username, password)

    def _start(self, path: Path, username: str, password: str) -> None:
        self._pending = None
        show_label_error(self.ui.error_label, "")
        self.ui.busy_label.setText(_("Opening the database…"))
        self.ui.busy_label.show()
        self._set_inputs_busy(True)
        tell = self.waits.report
        Task(self, lambda: _login(path, username, password, tell), busy_cursor=True).success(
            lambda us: self._succeeded(us, path)
        ).failure(lambda exc: self._failed(exc, username, password)).run()

    def _stop_busy(self) -> None:
        self.ui.busy_label.hide()
        self._set_inputs_busy(False)

    def _set_inputs_busy(self, busy: bool) -> None:
        ui = self.ui
        set_busy(busy, ui.busy_bar, ui.login_button, ui.forgot_button, ui.username_edit, ui.password_edit)

    def _succeeded(self, us, path: Path) -> None:
        self._stop_busy()
        self.db_path = path
        self.ui.password_edit.clear()
        self.logged_in.emit(us)
        self.accept()

    def _failed(self, exc: BaseException, username: str, password: str) -> None:
        self._stop_busy()
        show_label_error(self.ui.error_label, exc)
        self.ui.password_edit.clear()
        self.ui.password_edit.setFocus()
        if isinstance(exc, (DatabaseCorrupt, KeyFileDamaged, NotOurDatabase)):
            self._offer_backup(exc, username, password)

    def _offer_backup(self, exc: BaseException, username: str, password: str) -> None:
        """A damaged or foreign file: offer to restore the latest backup (its date shown), or to log into a backup
        with the same credentials (`ui.dialogs.backup_offer`)."""
        from ospod_desktop.ui.dialogs.backup_offer import BackupOffer

        self._pending = (username, password)  # kept only until the next attempt
        self.offer = BackupOffer(self, message_for(exc), username, password)
        self.offer.start()

    @property
    def backup_offer(self) -> QMessageBox | None:
        return self.offer.box if self.offer is not None else None

    def backups_folder(self) -> Path:
        """`backups/` beside the database (as `storage.backup.backups_folder` says; not imported before the first
        paint)."""
        return self.db_path.parent / "backups"

    def choose_backup(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getOpenFileName(
            self, _("Open a backup"), str(self.backups_folder()), _("OSPOD database (*.db);;All files (*)")
        )
        if path:
            self.login_from_backup(Path(path))

    def login_from_backup(self, path: Path) -> None:
        """Log into `path` with the user name and password that just failed on the damaged file."""
        pending = self._pending
        username = pending[0] if pending else self.ui.username_edit.text().strip()
        password = pending[1] if pending else self.ui.password_edit.text()
        self._pending = None
        log.info("logging into a backup after the main database failed to open")
        self._start(Path(path), username, password)

    def open_recovery(self) -> None:
        from ospod_desktop.ui.dialogs.recovery_dialog import RecoveryDialog

        dialog = RecoveryDialog(self.db_path, self)
        dialog.recovered.connect(lambda us: self._succeeded(us, self.db_path))
        dialog.open()
        self.recovery_dialog = dialog
