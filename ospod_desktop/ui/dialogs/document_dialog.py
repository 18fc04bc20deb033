"""One document about a child, from its options to the file or the printer (issue 12).

Left: the options (kind — only those the user's role may issue for this child —, recipient, language, the minimal
police notice, a č.j. from the filing system, attachments). Right: the preview, rendered on a worker
(`documents.preview`: not a disclosure, nothing written) and shown with QtPdf; it follows every change after a
short pause. "Save as…" and "Print…" issue the document (`documents.issue`): the č.j. is reserved, the register
records the exact bytes, and the pages printed are rendered from those same bytes.

After a police notice the dialog offers to record the report itself (the victim event that resolves the
`police_report` clock); after a missing-child report, to record that the police were informed of the disappearance.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from ospod_desktop.core.documents import category_label, default_recipient, kind_label
from ospod_desktop.core.i18n import _, language
from ospod_desktop.services import documents
from ospod_desktop.ui.changes import Changes, Kind
from ospod_desktop.ui.dialogs.document_follow_up import FollowUps
from ospod_desktop.ui.errors import show_label_error
from ospod_desktop.ui.pdf_preview import PdfPreview, print_pdf
from ospod_desktop.ui.tasks import Task
from ospod_desktop.ui.widgets import focus_field

LANGUAGES = {"cs": "Čeština", "en": "English"}  # each in its own language (Qt would say "American English")
PREVIEW_DELAY_MS = 400  # typing in the recipient renders once the user pauses
OPTIONS_WIDTH = 330


def _recipient_in(kind: str, lang: str) -> str:
    """The default recipient of `kind`, worded in the document's language."""
    with language(lang):
        return default_recipient(kind)


class DocumentDialog(FollowUps, QDialog):
    """Preview, save and print one document about the child `child_id` (`kind` preselected when allowed).

    `issued(IssuedDocument)` after a document was saved or printed (its register entry exists then)."""

    issued = Signal(object)

    def __init__(self, us, child_id: int, kind: str | None = None, parent: QWidget | None = None,
                 episode_id: int | None = None, assessment_id: int | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("document_dialog")
        self.setWindowTitle(_("Document"))
        self.us, self.child_id = us, child_id
        self.episode_id, self.assessment_id, self.wanted_kind = episode_id, assessment_id, kind
        self.rendered = None  # the last preview (documents.RenderedDocument) that matches the options
        self.last_issued = None
        self._generation = 0  # a preview for older options is dropped when it arrives
        self._busy = False
        self._recipient_default = ""
        self._build()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)
        self._set_buttons()
        self.resize(1100, 720)
        us_, cid = us, child_id
        Task(self, lambda: documents.allowed_kinds(us_, cid)).success(self._kinds_loaded) \
            .failure(self._failed).run()

    # --- layout ----------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        options = QWidget(splitter)
        options.setMinimumWidth(OPTIONS_WIDTH)
        options.setMaximumWidth(OPTIONS_WIDTH + 120)
        column = QVBoxLayout(options)
        column.setContentsMargins(0, 0, 6, 0)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.kind = QComboBox(options)
        self.kind.setObjectName("document_kind")
        self.recipient = QLineEdit(options)
        self.recipient.setObjectName("document_recipient")
        self.lang = QComboBox(options)
        self.lang.setObjectName("document_lang")
        for code, name in LANGUAGES.items():
            self.lang.addItem(name, code)
        self.minimal = QCheckBox(_("Only given names, family names and date of birth"), options)
        self.minimal.setObjectName("document_minimal")
        self.reference = QLineEdit(options)
        self.reference.setObjectName("document_reference")
        self.reference.setPlaceholderText(_("next number of the register"))
        self.attachments = QPlainTextEdit(options)
        self.attachments.setObjectName("document_attachments")
        self.attachments.setTabChangesFocus(True)
        self.attachments.setPlaceholderText(_("one attachment a line"))
        self.attachments.setFixedHeight(self.attachments.fontMetrics().lineSpacing() * 4 + 12)
        self.fields: dict[str, QWidget] = {"kind": self.kind, "recipient": self.recipient, "lang": self.lang,
                                           "minimal": self.minimal, "reference": self.reference,
                                           "attachments": self.attachments}
        self.labels: dict[str, QLabel] = {}
        for name, text in (("kind", _("Document")), ("recipient", _("Recipient")), ("lang", _("Language")),
                           ("minimal", _("The child in the notice")), ("reference", _("Reference number (č.j.)")),
                           ("attachments", _("Attachments"))):
            label = QLabel(text, options)  # on its own row above the field (WrapAllRows): no wrapping needed
            label.setBuddy(self.fields[name])
            form.addRow(label, self.fields[name])
            self.labels[name] = label
        column.addLayout(form)
        self.holds_label = QLabel(options)
        self.holds_label.setObjectName("document_holds")
        self.holds_label.setWordWrap(True)
        self.holds_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label = QLabel(options)
        self.error_label.setObjectName("document_error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.busy_bar = QProgressBar(options)
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumHeight(8)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.hide()
        for widget in (self.holds_label, self.error_label, self.busy_bar):
            column.addWidget(widget)
        column.addStretch(1)
        self.preview = PdfPreview(splitter)
        self.preview.setMinimumWidth(360)
        splitter.addWidget(options)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        outer.addWidget(splitter, 1)
        buttons = QHBoxLayout()
        self.status_label = QLabel(self)
        self.status_label.setObjectName("document_status")
        self.status_label.setWordWrap(True)
        self.box = QDialogButtonBox(self)
        self.save_button = QPushButton(_("&Save as…"), self)
        self.save_button.setObjectName("save_document_button")
        self.print_button = QPushButton(_("&Print…"), self)
        self.print_button.setObjectName("print_document_button")
        self.box.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.box.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.box.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.box)
        outer.addLayout(buttons)
        self.save_button.clicked.connect(self.save_as)
        self.print_button.clicked.connect(self.print_document)
        self.box.rejected.connect(self.reject)
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.lang.currentIndexChanged.connect(lambda _i: self._lang_changed())
        self.minimal.toggled.connect(lambda _b: self._options_changed())
        for edit in (self.recipient, self.reference):
            edit.textChanged.connect(lambda _t: self._options_changed())
        self.attachments.textChanged.connect(self._options_changed)

    # --- options ---------------------------------------------------------------------------------

    def _kinds_loaded(self, kinds) -> None:
        self.kind.blockSignals(True)
        self.kind.clear()
        for code in kinds:
            self.kind.addItem(kind_label(code), code)
        wanted = self.kind.findData(self.wanted_kind) if self.wanted_kind else 0
        self.kind.setCurrentIndex(max(wanted, 0))
        self.kind.blockSignals(False)
        if not kinds:
            show_label_error(self.error_label, _("Your role cannot issue documents about this child."))
            self._set_buttons()
            return
        self._kind_changed()

    def current_kind(self) -> str:
        return self.kind.currentData() or ""

    def current_lang(self) -> str:
        return self.lang.currentData() or "cs"

    def _kind_changed(self) -> None:
        kind = self.current_kind()
        self.setWindowTitle(kind_label(kind) if kind else _("Document"))
        self._set_default_recipient()
        police = kind == "police"
        self.labels["minimal"].setVisible(police)
        self.minimal.setVisible(police)
        if not police:
            self.minimal.setChecked(False)
        self._options_changed()

    def _lang_changed(self) -> None:
        self._set_default_recipient()
        self._options_changed()

    def _set_default_recipient(self) -> None:
        """The default of the kind and language, unless the user typed a recipient of their own."""
        text = self.recipient.text().strip()
        new = _recipient_in(self.current_kind(), self.current_lang())
        if not text or text == self._recipient_default:
            self.recipient.blockSignals(True)
            self.recipient.setText(new)
            self.recipient.blockSignals(False)
        self._recipient_default = new

    def request(self):
        """The documents.DocumentRequest for the options as they are."""
        kind = self.current_kind()
        lines = tuple(line.strip() for line in self.attachments.toPlainText().splitlines() if line.strip())
        return documents.DocumentRequest(
            child_id=self.child_id, kind=kind, lang=self.current_lang(), recipient=self.recipient.text().strip(),
            minimal=kind == "police" and self.minimal.isChecked(), reference=self.reference.text().strip(),
            attachments=lines, episode_id=self.episode_id if kind == "missing" else None,
            assessment_id=self.assessment_id if kind == "police" else None)

    def _options_changed(self) -> None:
        self.rendered = None  # what is shown no longer matches: saving waits for the new preview
        self._generation += 1
        self._set_buttons()
        if self.current_kind():
            self.busy_bar.show()
            self._timer.start()

    # --- preview ---------------------------------------------------------------------------------

    def refresh_preview(self) -> Task | None:
        """Render the preview for the current options on a worker (at once; changes wait PREVIEW_DELAY_MS)."""
        self._timer.stop()
        if not self.current_kind():
            return None
        us, req, generation = self.us, self.request(), self._generation
        self.busy_bar.show()
        return Task(self, lambda: documents.preview(us, req)) \
            .success(lambda r: self._previewed(generation, r)) \
            .failure(lambda exc: self._preview_failed(generation, exc)).run()

    def _previewed(self, generation: int, rendered) -> None:
        if generation != self._generation:
            return
        self.busy_bar.setVisible(self._timer.isActive())
        try:
            self.preview.show_pdf(rendered.data)
        except Exception as exc:  # our own PDF always loads; if not, say so instead of saving it blind
            self._preview_failed(generation, exc)
            return
        self.rendered = rendered
        show_label_error(self.error_label, "")
        holds = ", ".join(category_label(c) for c in rendered.categories)
        self.holds_label.setText(_("The document holds: {categories}.").format(categories=holds) if holds else "")
        self._set_buttons()

    def _preview_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self.busy_bar.hide()
        self.preview.clear_pdf()
        self.holds_label.clear()
        self._failed(exc)

    def _failed(self, exc: BaseException) -> None:
        self.busy_bar.hide()
        show_label_error(self.error_label, exc)
        field = getattr(exc, "field", None)
        if field in self.fields:
            focus_field(self.fields, field)
        self._busy = False
        self._set_buttons()

    def _set_buttons(self) -> None:
        ready = self.rendered is not None and not self._busy
        self.save_button.setEnabled(ready)
        self.print_button.setEnabled(ready)

    # --- issuing ---------------------------------------------------------------------------------

    def save_as(self) -> Task | None:
        """Ask where to save (the suggested name holds no child's name), then issue the document there."""
        if self.rendered is None:
            return None
        start = str(Path.home() / self.rendered.file_name)
        path, _filter = QFileDialog.getSaveFileName(self, _("Save the document"), start, _("PDF documents (*.pdf)"))
        if not path:
            return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        return self.save_to(Path(path))

    def save_to(self, path: Path) -> Task:
        """Issue the document into `path` (a register entry with the file's exact bytes)."""
        us, req = self.us, self.request()
        return self._issue(Task(self, lambda: documents.issue(us, req, target=path), busy_cursor=True), "saved")

    def print_document(self):
        """The print dialog, then the document issued as printed and its pages sent to the chosen printer."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        if self.rendered is None:
            return None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print the document"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.print_to(printer)

    def print_to(self, printer) -> Task:
        """Issue the document as printed, then print the issued bytes on `printer` (a set-up QPrinter)."""
        self._printer = printer  # kept alive until the pages are out
        us, req = self.us, self.request()
        return self._issue(Task(self, lambda: documents.issue(us, req, channel="printed"), busy_cursor=True), "printed")

    def _issue(self, task: Task, channel: str) -> Task:
        self._busy = True
        self._set_buttons()
        self.busy_bar.show()
        show_label_error(self.error_label, "")
        return task.changes(Changes.of(Kind.DOCUMENT, child=self.child_id)) \
            .success(lambda issued: self._issued(issued, channel)).failure(self._failed).run()

    def _issued(self, issued, channel: str) -> None:
        self._busy = False
        self.busy_bar.hide()
        self._set_buttons()
        self.last_issued = issued
        rendered = issued.rendered
        if channel == "printed":
            printer, self._printer = self._printer, None
            try:
                print_pdf(rendered.data, printer)
            except Exception as exc:  # the register says printed; the user must know the pages did not come out
                self._failed(exc)
                return
            text = _("Printed as č.j. {reference}; recorded in the register of disclosures.")
        else:
            text = _("Saved as č.j. {reference}; recorded in the register of disclosures.")
        self.status_label.setText(text.format(reference=rendered.reference))
        self.issued.emit(issued)
        self._offer_follow_up(rendered, channel)
