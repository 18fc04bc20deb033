"""Which window comes next: wizard or login, forced password change, main window, back to login.

Imports no service at module level; the main window module (which does) is imported after login.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget

from ospod_desktop.core.i18n import _
from ospod_desktop.ui.dialogs.login_dialog import LoginDialog
from ospod_desktop.ui.errors import log_unexpected, show_error
from ospod_desktop.ui.startup import FirstPaint
from ospod_desktop.ui.tasks import ProgressRelay, Task

if TYPE_CHECKING:
    from ospod_desktop.ui.first_run_wizard import FirstRunWizard


DemoBuilder = Callable[[Path, Callable[[int, int], None]], tuple[list[tuple[str, str]], str, dict[str, str]]]
"""Builds a demo database at a path (reporting progress); returns its accounts, password and role labels.

The wiring (`app.py`) passes it in: the UI never imports the demo package.
"""


class AppFlow(QObject):
    """Owns the top-level windows of one app run."""

    def __init__(self, db_path: Path, demo: DemoBuilder | None = None, quit_app: Callable[[], None] | None = None,
                 idle_ms: int | None = None) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self.demo = demo
        self.idle_ms = idle_ms
        self._quit = quit_app or QApplication.quit
        self.demo_dir: Path | None = None
        self.demo_info: tuple | None = None
        self.login_dialog: LoginDialog | None = None
        self.wizard: FirstRunWizard | None = None
        self.recovery_code_dialog: QWidget | None = None
        self.password_dialog: QWidget | None = None
        self.main_window = None
        self.restore_box: QWidget | None = None
        self.office_key_box: QWidget | None = None

    def start(self) -> QWidget:
        """Show the first window and return it."""
        if self.demo:
            return self._start_demo()
        if os.path.exists(self.db_path) or os.path.exists(f"{self.db_path}.keys"):
            return self.show_login()
        return self.show_wizard()

    # --- first run -------------------------------------------------------------------------------

    def show_wizard(self) -> FirstRunWizard:
        from ospod_desktop.ui.first_run_wizard import FirstRunWizard  # only on the first run

        wizard = FirstRunWizard(self.db_path)
        wizard.created.connect(self._created)
        wizard.rejected.connect(self._quit)
        self.wizard = wizard
        wizard.show()
        return wizard

    def _created(self, us, code: str) -> None:
        from ospod_desktop.ui.dialogs.recovery_code_dialog import RecoveryCodeDialog

        if self.wizard is not None:
            self.db_path = self.wizard.db_path()
        dialog = RecoveryCodeDialog(code)
        dialog.accepted.connect(lambda: self.open_main(us))
        self.recovery_code_dialog = dialog
        dialog.show()

    # --- demo ----------------------------------------------------------------------------------

    def _start_demo(self) -> LoginDialog:
        self.demo_dir = Path(tempfile.mkdtemp(prefix="ospod-demo-"))
        self.db_path = self.demo_dir / "ospod-demo.db"
        dialog = self.show_login()
        dialog.set_preparing(_("Building the demo database with sample children… This takes a moment."))
        # Start only once the dialog is on screen: the build imports sqlmodel and friends.
        FirstPaint(QApplication.instance(), self._build_demo_now)
        return dialog

    def _build_demo_now(self) -> None:
        dialog = self.login_dialog
        if dialog is None:
            return
        self.progress = ProgressRelay(self)
        from PySide6.QtCore import Qt  # the Qt namespace's types cost ~20 ms to build: not before first paint

        self.progress.changed.connect(dialog.set_progress, Qt.ConnectionType.QueuedConnection)
        report = self.progress.report
        Task(dialog, lambda: self.demo(self.db_path, report)).success(self._demo_ready).failure(
            self._demo_failed
        ).run()

    def _demo_ready(self, info: tuple) -> None:
        self.demo_info = info
        accounts, password, labels = info
        if self.login_dialog is not None:
            self.login_dialog.set_demo(accounts, password, labels)
            self.login_dialog.set_ready(self.db_path)

    def _demo_failed(self, exc: BaseException) -> None:
        if self.login_dialog is not None:
            self.login_dialog.set_ready()
            self.login_dialog.ui.login_button.setEnabled(False)
        show_error(self.login_dialog, exc, _("The demo database could not be built"))

    # --- login ---------------------------------------------------------------------------------

    def show_login(self) -> LoginDialog:
        dialog = LoginDialog(self.db_path)
        dialog.logged_in.connect(self._logged_in)
        dialog.rejected.connect(self._quit)
        if self.demo_info is not None:
            dialog.set_demo(*self.demo_info)
        self.login_dialog = dialog
        dialog.show()
        return dialog

    def _logged_in(self, us) -> Task:
        from ospod_desktop.services import identity

        if self.login_dialog is not None:
            self.db_path = self.login_dialog.db_path
        return Task(None, lambda: identity.must_change_password(us)).success(
            lambda must: self._next_after_login(us, must)).failure(lambda exc: self._login_failed(us, exc)).run()

    def _next_after_login(self, us, must_change: bool) -> None:
        if must_change:
            from ospod_desktop.ui.dialogs.change_password_dialog import ChangePasswordDialog

            dialog = ChangePasswordDialog(us, forced=True)
            dialog.accepted.connect(lambda: self.open_main(us))
            dialog.rejected.connect(lambda: self._abandon(us))
            self.password_dialog = dialog
            dialog.show()
            return
        self.open_main(us)

    def _login_failed(self, us, exc: BaseException) -> None:
        show_error(self.login_dialog, exc)
        self._abandon(us)

    def _abandon(self, us) -> Task:
        """The user would not change a temporary password: end that session (on a worker), back to the login."""
        from ospod_desktop.services import identity

        return Task(None, lambda: identity.logout(us)).success(lambda _r: self.show_login()).failure(
            lambda exc: self._logout_failed(us, exc)).run()

    def _logout_failed(self, us, exc: BaseException) -> None:
        log_unexpected(exc)
        us.close()  # the database must still be closed
        self.show_login()

    # --- main window -----------------------------------------------------------------------------

    def open_main(self, us):
        from ospod_desktop.services import identity
        from ospod_desktop.ui.main_window import MainWindow

        window = MainWindow(us, idle_ms=self.idle_ms)
        window.session_ended.connect(self._session_ended)
        self.main_window = window
        window.show()
        # An OSPOD account without the office key yet: say why some text reads "withheld" (nothing is lost).
        Task(window, lambda: identity.office_key_notice(us)).success(
            lambda text: self._office_key_notice(window, text)).run()
        return window

    def _office_key_notice(self, window: QWidget, text: str) -> None:
        if text:
            from PySide6.QtWidgets import QMessageBox

            box = QMessageBox(QMessageBox.Icon.Information, _("Office key"), text, QMessageBox.StandardButton.Ok,
                              window)
            box.setWindowModality(Qt.WindowModality.WindowModal)
            self.office_key_box = box
            box.open()  # not exec(): the window stays live behind it

    def _session_ended(self, show_login: bool) -> None:
        request = self.main_window.restore_request if self.main_window is not None else None
        self.main_window = None
        if request is not None:
            self.restore(request)
        elif show_login:
            self.show_login()
        else:
            self._quit()

    # --- restoring a backup (the session has ended: the database is closed) ------------------------------

    def restore(self, request) -> Task:
        """Replace the database by the backup an administrator confirmed (`RestoreRequest`), on a worker, while the
        login window waits; then log in to the restored database (or the unchanged one, if it was refused)."""
        from ospod_desktop.services import maintenance

        self.db_path = Path(request.database)
        dialog = self.show_login()
        dialog.ui.username_edit.setText(request.username)
        dialog.set_preparing(_("Restoring the database from the backup…"))
        return Task(dialog, lambda: maintenance.restore(request.database, request.backup, request.username,
                                                         request.password, force=True, via="gui"),
                    busy_cursor=True).success(self._restored).failure(self._restore_failed).run()

    def _restored(self, result) -> None:
        from ospod_desktop.ui.dialogs.restore_dialog import restored_box

        dialog = self.login_dialog
        if dialog is None:
            return
        dialog.set_ready(result.database)
        dialog.ui.password_edit.setFocus()
        box = restored_box(dialog, result)
        box.open()
        self.restore_box = box

    def _restore_failed(self, exc: BaseException) -> None:
        dialog = self.login_dialog
        if dialog is not None:
            dialog.set_ready()
        show_error(dialog, exc, _("The backup was not restored"))

    def cleanup(self) -> None:
        """Close a session left open and delete the temporary demo database."""
        if self.main_window is not None:
            self.main_window.end_session()
        if self.demo_dir is not None:
            shutil.rmtree(self.demo_dir, ignore_errors=True)
