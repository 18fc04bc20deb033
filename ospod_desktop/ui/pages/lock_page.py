"""The lock page: nothing of the case data, only a password field to unlock (or log out)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from ospod_desktop.core.i18n import _
from ospod_desktop.core.text import isolate
from ospod_desktop.ui.errors import show_label_error
from ospod_desktop.ui.forms.ui_lock_page import Ui_LockPage
from ospod_desktop.ui.tasks import Task
from ospod_desktop.ui.widgets import enlarge, set_busy


def _unlock(us, password: str) -> None:
    from ospod_desktop.services import identity

    identity.unlock(us, password)


class LockPage(QWidget):
    """Asks the locked session's user for their password; emits `unlocked` when it is right."""

    unlocked = Signal()
    log_out_requested = Signal()

    def __init__(self, us, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_LockPage()
        self.ui.setupUi(self)
        self.us = us
        enlarge(self.ui.title_label, 1.4)
        name, username = isolate(us.actor.display_name), isolate(us.actor.username)
        self.ui.user_label.setText(_("Logged in: {name} ({username})").format(name=name, username=username))
        self.ui.password_edit.setPlaceholderText(_("Password"))
        self.ui.unlock_button.clicked.connect(self.submit)
        self.ui.password_edit.returnPressed.connect(self.submit)
        self.ui.log_out_button.clicked.connect(self.log_out_requested)
        self.ui.error_label.hide()
        self.ui.busy_bar.hide()

    def prepare(self) -> None:
        """Fresh state each time the window locks."""
        self.ui.password_edit.clear()
        show_label_error(self.ui.error_label, "")
        self.ui.password_edit.setFocus()

    def submit(self) -> None:
        password = self.ui.password_edit.text()
        if not password or not self.ui.unlock_button.isEnabled():
            return
        self._busy(True)
        Task(self, lambda: _unlock(self.us, password), busy_cursor=True).success(self._done).failure(self._failed).run()

    def _busy(self, busy: bool) -> None:
        set_busy(busy, self.ui.busy_bar, self.ui.unlock_button, self.ui.password_edit)

    def _done(self, _result: object) -> None:
        self._busy(False)
        self.ui.password_edit.clear()
        self.unlocked.emit()

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self.ui.password_edit.clear()
        show_label_error(self.ui.error_label, exc)
        self.ui.password_edit.setFocus()
