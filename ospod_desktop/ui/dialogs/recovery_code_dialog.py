"""Shows the new database's recovery code once; Continue only after the user confirms writing it down."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QWidget

from ospod_desktop.core.i18n import _
from ospod_desktop.ui.forms.ui_recovery_code_dialog import Ui_RecoveryCodeDialog
from ospod_desktop.ui.widgets import enlarge


def split_code(code: str) -> str:
    """Two lines of four groups: easier to copy by hand than one long line."""
    groups = code.split("-")
    half = (len(groups) + 1) // 2
    return "-".join(groups[:half]) + "-\n" + "-".join(groups[half:]) if len(groups) > 1 else code


def show_code(label: QLabel, code: str) -> None:
    """The code large, framed and selectable (also in the renewal dialog, `renew_recovery_dialog`)."""
    label.setText(split_code(code))
    enlarge(label, 1.8)
    label.setStyleSheet("padding: 12px; border: 1px solid palette(mid); background: palette(base);")


class RecoveryCodeDialog(QDialog):
    """The code, large and selectable, and a confirmation checkbox; it cannot be dismissed unread."""

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_RecoveryCodeDialog()
        self.ui.setupUi(self)
        show_code(self.ui.code_label, code)
        self.continue_button = self.ui.button_box.button(QDialogButtonBox.StandardButton.Ok)
        self.continue_button.setText(_("Continue"))
        self.continue_button.setEnabled(False)
        self.ui.confirm_check.toggled.connect(self.continue_button.setEnabled)
        self.ui.button_box.accepted.connect(self.accept)

    def accept(self) -> None:
        if self.ui.confirm_check.isChecked():
            super().accept()

    def reject(self) -> None:
        """Escape and the close button do nothing: the code is shown only this once."""
        if self.ui.confirm_check.isChecked():
            super().accept()
