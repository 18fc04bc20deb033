"""The choice before the due list is exported: a spreadsheet (CSV) or a calendar (iCalendar), and for a calendar
whether its events carry the child's file mark and the real kind of each deadline (off by default: a calendar
may sync to a cloud)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ospod_desktop.core.i18n import _

WARNING_STYLE = "QLabel { background: #fff3e0; border: 1px solid #ffb74d; border-radius: 4px; padding: 6px; }"


class DueExportDialog(QDialog):
    """`choice()` -> ("csv" | "ics", the calendar's inclusions: a subset of {"reference", "kind"})."""

    def __init__(self, references: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Export the due list"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("The list is saved as the filters show it."), self))
        self.csv_radio = QRadioButton(_("Spreadsheet (CSV): every column, to work with in the office"), self)
        self.ics_radio = QRadioButton(_("Calendar (iCalendar): an event for each deadline"), self)
        self.csv_radio.setChecked(True)
        layout.addWidget(self.csv_radio)
        layout.addWidget(self.ics_radio)
        self.reference_check = QCheckBox(_("Show the child's reference in the events"), self)
        self.kind_check = QCheckBox(_("Show what is due (the kind of deadline) in the events"), self)
        self.reference_check.setVisible(references)
        self.warning_label = QLabel(_(
            "A calendar may sync to a cloud service outside the office. By default its events say only "
            "\u201cdeadline\u201d and the app's number of the child; add more only if your calendar stays "
            "on this computer."), self)
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet(WARNING_STYLE)
        for widget in (self.reference_check, self.kind_check, self.warning_label):
            layout.addWidget(widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Export…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.ics_radio.toggled.connect(self._format_chosen)
        self._format_chosen(False)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

    def _format_chosen(self, calendar: bool) -> None:
        for widget in (self.reference_check, self.kind_check, self.warning_label):
            widget.setEnabled(calendar)

    def choice(self) -> tuple[str, frozenset[str]]:
        if not self.ics_radio.isChecked():
            return "csv", frozenset()
        chosen = {"reference"} if self.reference_check.isChecked() and self.reference_check.isVisible() else set()
        if self.kind_check.isChecked():
            chosen.add("kind")
        return "ics", frozenset(chosen)
