"""Renew the recovery code from the GUI (File menu, supervisors only): the password and the current code, then
`identity.renew_recovery_code` on a worker — the service `ospod-desktop recovery-code renew` calls — and the new
code shown once, as the first run shows it (`recovery_code_dialog`): the dialog closes only once the user confirms
having written it down.

Nothing changes before the service call: Cancel, or a password or code the service refuses, leaves the key file
as it was (a refused one leaves its field-named error, the cursor in that field). Neither code is ever logged; the
entry fields are emptied once the code is renewed or the dialog is cancelled."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from ospod_desktop.core.errors import AuthenticationError, ValidationError, WrongPassword
from ospod_desktop.core.i18n import N_, _
from ospod_desktop.services import identity
from ospod_desktop.ui.dialogs.recovery_code_dialog import show_code
from ospod_desktop.ui.dialogs.save_dialog import WrappedSaveDialog

# the first run's advice (forms/recovery_code_dialog.ui): the same words, the same translation
ADVICE = N_("Write it on paper and keep it in a locked place, apart from the computer. Do not store it in a file or "
            "send it by e-mail.")


def explanation() -> str:
    return "\n\n".join([
        _("A new recovery code replaces the current one: the key file's recovery slot, the office key in it and the "
          "audit chain's recovery record are sealed under the new code. The old code opens nothing afterwards."),
        _("Renew it when someone who should not know the current code may have seen it, or when a person who knew "
          "it leaves the office."),
        _("Enter your password and the current recovery code. Nothing changes until you press Renew the code; the "
          "new code is shown once, right after."),
    ])


def shown_text() -> str:
    return " ".join([
        _("The recovery code was renewed. This is the new code; it is shown only now."),
        _("The old code no longer opens anything: destroy the paper it is written on."),
    ])


def copy_hint() -> str:
    return _("Copy it exactly; dashes, spaces and letter case do not matter when it is entered.")


def _renew(path: Path, username: str, password: str, current: str) -> str:
    """On a worker. The user is logged in, so a refused password is named as this form's password field."""
    try:
        return identity.renew_recovery_code(path, username, password, current)
    except AuthenticationError:
        raise WrongPassword("password") from None


class RenewRecoveryDialog(WrappedSaveDialog):
    """Asks, renews on a worker, then shows the new code; `renewed` fires when the service has renewed it."""

    renewed = Signal()

    def __init__(self, us, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.us = us
        self._renewing = False
        self.setWindowTitle(_("Renew the recovery code"))
        self.setObjectName("renew_recovery_dialog")
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        ask = QWidget(self)
        ask.setObjectName("ask_page")
        ask_layout = QVBoxLayout(ask)
        ask_layout.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(explanation(), ask)
        intro.setObjectName("explanation_label")
        intro.setWordWrap(True)
        ask_layout.addWidget(intro)
        form = QFormLayout()
        password = QLineEdit(ask)
        password.setObjectName("password_edit")
        password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_("Your &password:"), password)
        code = QLineEdit(ask)
        code.setObjectName("code_edit")
        code.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_("Current recovery &code:"), code)
        ask_layout.addLayout(form)
        error = QLabel(ask)
        error.setObjectName("error_label")
        error.setWordWrap(True)
        ask_layout.addWidget(error)
        busy = QProgressBar(ask)
        busy.setRange(0, 0)
        ask_layout.addWidget(busy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, ask)
        buttons.setObjectName("button_box")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Renew the code"))
        ask_layout.addWidget(buttons)
        layout.addWidget(ask)
        self.ui = SimpleNamespace(main_layout=layout, ask_page=ask, explanation_label=intro, password_edit=password,
                                  code_edit=code, error_label=error, busy_bar=busy, button_box=buttons)
        self._build_shown_page(layout)
        self._start(self.ui)
        self.fields = {"password": password, "recovery_code": code}
        self._fit()

    def _build_shown_page(self, layout: QVBoxLayout) -> None:
        """The second page (hidden until the service answered): the code, the advice, the confirmation."""
        page = QWidget(self)
        page.setObjectName("code_page")
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(12)
        labels = []
        for name, text in (("shown_label", shown_text()), ("code_label", ""), ("advice_label", _(ADVICE)),
                           ("copy_label", copy_hint())):
            label = QLabel(text, page)
            label.setObjectName(name)
            label.setWordWrap(name != "code_label")
            box.addWidget(label)
            labels.append(label)
        code_label = labels[1]
        code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                           | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        check = QCheckBox(_("I have &written the code down and will keep it safe"), page)
        check.setObjectName("confirm_check")
        box.addWidget(check)
        close_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, page)
        close_box.setObjectName("close_box")
        close = close_box.button(QDialogButtonBox.StandardButton.Ok)
        close.setText(_("Close"))
        close.setEnabled(False)
        check.toggled.connect(close.setEnabled)
        close_box.accepted.connect(self.accept)
        box.addWidget(close_box)
        layout.addWidget(page)
        page.hide()
        self.ui_code = SimpleNamespace(page=page, code_label=code_label, confirm_check=check, close_button=close)

    # --- the flow ------------------------------------------------------------------------------

    def work(self):
        password, current = self.ui.password_edit.text(), self.ui.code_edit.text()
        if not password:
            raise ValidationError("password", _("Enter your password."))
        if not current.strip():
            raise ValidationError("recovery_code", _("Enter the current recovery code."))
        path, username = Path(self.us.db.path), self.us.actor.username
        return lambda: _renew(path, username, password, current)

    def submit(self):
        task = super().submit()
        self._renewing = task is not None
        return task

    def _done(self, result) -> None:
        self._renewing = False
        super()._done(result)

    def _failed(self, exc: BaseException) -> None:
        self._renewing = False
        super()._failed(exc)

    def succeeded(self, result) -> None:
        """The new code is in force: show it (once), the entry page goes."""
        self.ui.password_edit.clear()
        self.ui.code_edit.clear()
        self.ui.ask_page.hide()
        show_code(self.ui_code.code_label, str(result))
        self.ui_code.page.show()
        self.ui_code.confirm_check.setFocus()
        self.renewed.emit()
        self._fit()

    def code_shown(self) -> bool:
        return not self.ui_code.page.isHidden()

    def accept(self) -> None:
        if self.code_shown() and self.ui_code.confirm_check.isChecked():
            super().accept()

    def reject(self) -> None:
        """Cancel before the call changes nothing; during it, Escape waits (the new code must be shown); once the
        code is shown, only after the confirmation (as on the first run)."""
        if self._renewing:
            return
        if not self.code_shown():
            self.ui.password_edit.clear()
            self.ui.code_edit.clear()
            super().reject()
        elif self.ui_code.confirm_check.isChecked():
            super().accept()


def open_dialog(window: QMainWindow, us) -> RenewRecoveryDialog:
    """The dialog, window-modal over the main window; its status bar says so once the new code was confirmed."""
    dialog = RenewRecoveryDialog(us, window)
    dialog.accepted.connect(lambda: window.statusBar().showMessage(
        _("The recovery code was renewed; the old code no longer opens anything."), 15000))
    dialog.open()
    return dialog


def menu_action(window: QMainWindow, us, menu: QMenu, before: QAction) -> QAction | None:
    """The main window's entry in `menu` (placed before `before`) for the roles that may renew the code; None for
    the others: they never see it."""
    if us.actor.role not in identity.RECOVERY_RENEW_ROLES:
        return None
    action = QAction(_("&Renew the recovery code…"), window)
    action.setObjectName("renew_recovery_action")
    action.triggered.connect(lambda: open_dialog(window, us))
    menu.insertAction(before, action)
    return action
