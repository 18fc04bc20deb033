"""Check a file brought back (a PDF sent earlier, e.g. the original of a scan) against the disclosure register.

The file's SHA-256 is compared on a worker (`services.disclosures.verify_file`, audited): green "This is the
document we sent on … to …" when it is a register entry unchanged; red "Not ours, or altered" otherwise, naming
the č.j. the file claims when it names a register entry (an altered copy); and when it is ours but the entry lies
outside what the user may see, it says only that."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from ospod_desktop.core.documents import kind_label
from ospod_desktop.core.i18n import _
from ospod_desktop.services import disclosures
from ospod_desktop.ui.errors import show_label_error
from ospod_desktop.ui.fit import resize_within_screen
from ospod_desktop.ui.format import format_datetime
from ospod_desktop.ui.tasks import Task
from ospod_desktop.ui.widgets import enlarge

WANTED_SIZE = QSize(640, 340)
MATCH_STYLE = "background: #e8f5e9; color: #1b5e20; border: 1px solid #2e7d32; border-radius: 3px; padding: 8px;"
ALIEN_STYLE = "background: #ffebee; color: #7f0000; border: 1px solid #b00020; border-radius: 3px; padding: 8px;"
HIDDEN_STYLE = "background: #e3f2fd; color: #0d3c61; border: 1px solid #1565c0; border-radius: 3px; padding: 8px;"


def verdict(result) -> tuple[str, str, str]:
    """(state, headline, details) for a VerifyResult; state is "match", "hidden" or "alien"."""
    if result.match is not None:
        m = result.match
        head = _("This is the document we sent on {date} to: {recipient}.").format(
            date=format_datetime(m.issued_at), recipient=m.recipient)
        ref = _("Reference no. {reference}").format(reference=m.reference) if m.reference else ""
        return "match", head, " · ".join(p for p in (kind_label(m.kind), ref) if p)
    if result.hidden:
        return "hidden", _("This document was issued by this office, unchanged."), _(
            "Its register entry is outside what your role may see, so no details are shown.")
    head = _("Not ours, or altered.")
    if result.claimed is not None:
        c = result.claimed
        return "alien", head, _(
            "The file claims to be the document {reference} of {date} ({kind}), but its content differs from "
            "the file we sent: it was altered after it was issued.").format(
            reference=c.reference or "—", date=format_datetime(c.issued_at), kind=kind_label(c.kind))
    return "alien", head, _("No document in the register has exactly this content: this office did not issue it, "
                            "or it was changed.")


def check_a_document(us, parent: QWidget | None = None, path: Path | str | None = None) -> VerifyFileDialog:
    """Open the dialog: it checks `path` at once when given, else it asks for a file first."""
    dialog = VerifyFileDialog(us, parent, path)
    dialog.open()
    if path is None:
        dialog.choose()
    return dialog


class VerifyFileDialog(QDialog):
    """`result` holds the VerifyResult once checked; `state` is "", "match", "hidden" or "alien"."""

    def __init__(self, us, parent: QWidget | None = None, path: Path | str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verify_file_dialog")
        self.setWindowTitle(_("Check a document"))
        self.us = us
        self.path: Path | None = None
        self.result = None
        self.state = ""
        self.detail_dialog: QWidget | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(_("Choose a PDF file to check whether it is a document this office issued, unchanged."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.file_label = QLabel(_("No file chosen."), self)
        self.file_label.setObjectName("file_label")
        self.file_label.setWordWrap(True)
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        row.addWidget(self.file_label, 1)
        self.choose_button = QPushButton(_("&Choose a file…"), self)
        self.choose_button.clicked.connect(self.choose)
        row.addWidget(self.choose_button)
        layout.addLayout(row)
        self.verdict_label = QLabel(self)
        self.verdict_label.setObjectName("verdict_label")
        self.verdict_label.setWordWrap(True)
        self.verdict_label.setTextFormat(Qt.TextFormat.PlainText)
        enlarge(self.verdict_label, 1.2)
        self.verdict_label.hide()
        layout.addWidget(self.verdict_label)
        self.details_label = QLabel(self)
        self.details_label.setObjectName("details_label")
        self.details_label.setWordWrap(True)
        self.details_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.details_label)
        self.hash_label = QLabel(self)
        self.hash_label.setObjectName("hash_label")
        self.hash_label.setWordWrap(True)
        self.hash_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.hash_label)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.entry_button = buttons.addButton(_("&Show the register entry…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.entry_button.hide()
        self.entry_button.clicked.connect(self.open_entry)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        resize_within_screen(self, WANTED_SIZE)
        if path is not None:
            self.verify(Path(path))

    def choose(self) -> None:
        """Ask for a PDF (a sheet over the dialog), then check it."""
        box = QFileDialog(self, _("Choose the document to check"), str(self.path.parent) if self.path else "",
                          _("PDF documents (*.pdf);;All files (*)"))
        box.setFileMode(QFileDialog.FileMode.ExistingFile)
        box.fileSelected.connect(lambda name: self.verify(Path(name)))
        box.open()

    def verify(self, path: Path) -> Task:
        self.path = path
        self.file_label.setText(path.name)
        self.file_label.setToolTip(str(path))
        self.result, self.state = None, ""
        self.verdict_label.hide()
        self.details_label.setText(_("Checking…"))
        self.hash_label.clear()
        self.entry_button.hide()
        self.choose_button.setEnabled(False)
        us = self.us
        return Task(self, lambda: disclosures.verify_file(us, path)).success(self._show).failure(
            self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        self.choose_button.setEnabled(True)
        self.details_label.clear()
        show_label_error(self.error_label, exc)

    def _show(self, result) -> None:
        self.result = result
        self.choose_button.setEnabled(True)
        show_label_error(self.error_label, "")
        self.state, head, details = verdict(result)
        style = {"match": MATCH_STYLE, "hidden": HIDDEN_STYLE}.get(self.state, ALIEN_STYLE)
        self.verdict_label.setStyleSheet(style)
        self.verdict_label.setText(head)
        self.verdict_label.show()
        self.details_label.setText(details)
        self.hash_label.setText(_("SHA-256 of the file: {hash}").format(hash=result.sha256))
        self.hash_label.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.entry_button.setVisible(result.match is not None or result.claimed is not None)

    def open_entry(self):
        """The register entry the file is (or claims to be), in a DisclosureDialog."""
        from ospod_desktop.ui.dialogs.disclosure_dialog import DisclosureDialog

        entry = None if self.result is None else (self.result.match or self.result.claimed)
        if entry is None:
            return None
        self.detail_dialog = DisclosureDialog(self.us, entry.id, parent=self)
        self.detail_dialog.open()
        return self.detail_dialog
