"""About: the app's version and the head of the audit chain (row number and hash)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

import ospod_desktop
from ospod_desktop.core.i18n import _
from ospod_desktop.services import identity
from ospod_desktop.ui.errors import message_for
from ospod_desktop.ui.forms.ui_about_dialog import Ui_AboutDialog
from ospod_desktop.ui.tasks import Task
from ospod_desktop.ui.widgets import enlarge


class AboutDialog(QDialog):
    """The audit head is read on a worker; "…" until it is in."""

    def __init__(self, us, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_AboutDialog()
        self.ui.setupUi(self)
        enlarge(self.ui.name_label, 1.6)
        self.ui.version_label.setText(_("Version {version}").format(version=ospod_desktop.__version__))
        self.audit_head: tuple[int, str] | None = None
        self.ui.audit_row_label.setText("…")
        self.ui.audit_hash_label.setText("…")
        self.ui.button_box.rejected.connect(self.reject)
        self.ui.button_box.accepted.connect(self.accept)
        Task(self, lambda: identity.audit_head(us)).success(self._show_head).failure(self._failed).run()

    def _show_head(self, head: tuple[int, str]) -> None:
        self.audit_head = head
        row, digest = head
        self.ui.audit_row_label.setText(str(row))
        self.ui.audit_hash_label.setText(digest)

    def _failed(self, exc: BaseException) -> None:
        self.ui.audit_row_label.setText("—")
        self.ui.audit_hash_label.setText(message_for(exc))
