"""The choices before the statistics are exported: the format, the suppression of small counts (N; 0 gives exact
counts, for the office's own use), the language of the labels and the file. The page saves on a worker
(`statistics.save_export`), which also records the export in the disclosure register."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.i18n import N_, _, current_language, pgettext
from ospod_desktop.core.stats.model import DEFAULT_SUPPRESS, FORMATS
from ospod_desktop.core.stats.suppress import MAX_SUPPRESS, check_suppress
from ospod_desktop.ui.errors import show_label_error
from ospod_desktop.ui.format import format_date

FORMAT_LABELS = {
    "json": N_("JSON (for other programs)"),
    "csv": N_("CSV (a spreadsheet, one row per cell)"),
    "xlsx": N_("Excel workbook (a sheet per table)"),
    "pdf": N_("PDF document (to print or send)"),
}
FILTERS = {"json": N_("JSON files (*.json)"), "csv": N_("Spreadsheets (*.csv)"), "xlsx": N_("Excel workbooks (*.xlsx)"),
           "pdf": N_("PDF documents (*.pdf)")}
LANGUAGES = (("cs", N_("Czech")), ("en", N_("English")))
WARNING_STYLE = "QLabel { background: #fff3e0; border: 1px solid #ffb74d; border-radius: 4px; padding: 6px; }"


class StatsExportDialog(QDialog):
    """`choice()` -> (path, format, suppress N, language) once accepted."""

    def __init__(self, start: date, end: date, suppress: int = DEFAULT_SUPPRESS, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.start, self.end = start, end
        self.setWindowTitle(_("Export the statistics"))
        layout = QVBoxLayout(self)
        period = QLabel(_("Every table for {start} – {end}.").format(start=format_date(start), end=format_date(end)),
                        self)
        period.setWordWrap(True)
        layout.addWidget(period)
        form = QFormLayout()
        self.format_combo = QComboBox(self)
        for fmt in FORMATS:
            self.format_combo.addItem(_(FORMAT_LABELS[fmt]), fmt)
        self.format_combo.setCurrentIndex(FORMATS.index("xlsx"))
        form.addRow(_("&Format:"), self.format_combo)
        self.suppress_spin = QSpinBox(self)
        self.suppress_spin.setRange(0, MAX_SUPPRESS)
        self.suppress_spin.setSpecialValueText(_("0 – exact counts"))
        self.suppress_spin.setValue(suppress)
        form.addRow(_("&Hide counts below:"), self.suppress_spin)
        self.lang_combo = QComboBox(self)
        for code, name in LANGUAGES:
            self.lang_combo.addItem(_(name), code)
        self.lang_combo.setCurrentIndex(max(0, self.lang_combo.findData(current_language())))
        form.addRow(_("&Language of the labels:"), self.lang_combo)
        file_row = QHBoxLayout()
        self.path_edit = QLineEdit(self)
        self.path_edit.setPlaceholderText(_("Choose where to save the file"))
        self.browse_button = QPushButton(_("&Choose…"), self)
        self.browse_button.clicked.connect(self.browse)
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        form.addRow(_("F&ile:"), file_row)
        form.labelForField(file_row).setBuddy(self.path_edit)  # a row of two widgets gets no buddy by itself
        layout.addLayout(form)
        self.explain_label = QLabel(self)
        self.explain_label.setWordWrap(True)
        self.explain_label.setStyleSheet(WARNING_STYLE)
        layout.addWidget(self.explain_label)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(pgettext("button", "Export"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.suppress_spin.valueChanged.connect(self._explain)
        self.format_combo.currentIndexChanged.connect(self._format_chosen)
        self._explain(suppress)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 84)

    def fmt(self) -> str:
        return str(self.format_combo.currentData())

    def _explain(self, n: int) -> None:
        if n == 0:
            text = _("Exact counts, for the office's own use only: a small count can point to a child. Do not send "
                     "this file outside the office.")
        else:
            text = _("For sending outside the office: counts of 1 to {last} are shown as \u201c<{n}\u201d, and "
                     "further counts that would let one be worked out are hidden as \u201cx\u201d.").format(
                last=max(1, n - 1), n=n)
        self.explain_label.setText(text)

    def _format_chosen(self, _index: int) -> None:
        """A file already named gets the new format's extension."""
        text = self.path_edit.text().strip()
        if text:
            self.path_edit.setText(str(Path(text).with_suffix("." + self.fmt())))

    def default_name(self) -> str:
        return f"statistics-{self.start.isoformat()}-{self.end.isoformat()}.{self.fmt()}"

    def browse(self) -> None:
        fmt = self.fmt()
        start = self.path_edit.text().strip() or self.default_name()
        path, _filter = QFileDialog.getSaveFileName(self, _("Export the statistics"), start, _(FILTERS[fmt]))
        if path:
            self.path_edit.setText(path if Path(path).suffix else f"{path}.{fmt}")

    def accept(self) -> None:
        try:
            check_suppress(self.suppress_spin.value(), "suppress")
            if not self.path_edit.text().strip():
                raise ValidationError("path", _("Choose where to save the file."))
        except ValidationError as exc:
            show_label_error(self.error_label, exc)
            (self.suppress_spin if exc.field == "suppress" else self.path_edit).setFocus()
            return
        super().accept()

    def choice(self) -> tuple[str, str, int, str]:
        return self.path_edit.text().strip(), self.fmt(), self.suppress_spin.value(), str(self.lang_combo.currentData())
