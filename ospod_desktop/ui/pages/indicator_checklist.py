"""The checklist of an assessment of child-trafficking indicators: the catalogue's indicators grouped by dimension
(the dimension's title and its element as the group's header), each answered present / absent / not known with
radio buttons (Tab reaches the group, the arrow keys choose), the source of the answer, a note, and the
indicator's guidance one click away (the ? button shows it below the indicator).

Built from a catalogue (`core.indicators.Catalogue`) and the saved answers only: no services. An indicator with no
button chosen counts as not known, as the engine counts a missing answer.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from ospod_desktop.core.i18n import _
from ospod_desktop.core.indicators import AnswerInput, codes
from ospod_desktop.ui.widgets import enlarge, radio_row

GUIDANCE_STYLE = "background: #f1f6fb; border-left: 3px solid #5c8dbc; padding: 6px; color: #1d2b38;"
STRENGTH_STYLE = "color: #555555;"
HEADER_STYLE = "color: #0d3c61;"
ELEMENT_STYLE = "color: #555555;"


def source_items() -> list[tuple[str, str]]:
    """The source choices, "not given" first."""
    return [("", _("Source: not given"))] + [(code, codes.label("source", code)) for code in codes.SOURCES]


class IndicatorRow(QFrame):
    """One indicator: its text and strength, the ? button and its guidance, the answer, the source and a note."""

    changed = Signal()

    def __init__(self, indicator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.indicator = indicator
        self.setObjectName(f"indicator_{indicator.id}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 6, 4, 6)
        layout.setSpacing(4)
        top = QHBoxLayout()
        self.text_label = QLabel(indicator.text.get(), self)
        self.text_label.setWordWrap(True)
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        self.strength_label = QLabel(codes.label("strength", indicator.strength), self)
        self.strength_label.setStyleSheet(STRENGTH_STYLE)
        self.info_button = QToolButton(self)
        self.info_button.setObjectName("guidance_button")
        self.info_button.setText("?")
        self.info_button.setCheckable(True)
        self.info_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.info_button.setToolTip(_("Show the guidance for this indicator"))
        self.info_button.setAccessibleName(_("Guidance"))
        top.addWidget(self.text_label, 1)
        top.addWidget(self.strength_label, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.info_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.guidance_label = QLabel(indicator.guidance.get(), self)
        self.guidance_label.setObjectName("guidance_label")
        self.guidance_label.setWordWrap(True)
        self.guidance_label.setTextFormat(Qt.TextFormat.PlainText)
        self.guidance_label.setStyleSheet(GUIDANCE_STYLE)
        self.guidance_label.hide()
        layout.addWidget(self.guidance_label)
        self.info_button.toggled.connect(self.guidance_label.setVisible)
        # The answer, the source and the note: one line when there is room, the note below them otherwise.
        self.answer_box = QWidget(self)
        # No Alt letters: fifty rows would share them. Tab reaches the group, the arrows choose, Space ticks.
        answers, self.group, self.buttons = radio_row(
            self.answer_box, self, ((c, codes.label("answer", c)) for c in codes.ANSWERS), "answer")
        answers.setContentsMargins(0, 0, 0, 0)
        self.source = QComboBox(self)
        self.source.setObjectName("source_combo")
        for code, text in source_items():
            self.source.addItem(text, code)
        self.source.setAccessibleName(_("Source"))
        self.note = QLineEdit(self)
        self.note.setObjectName("note_edit")
        self.note.setPlaceholderText(_("Note"))
        self.note.setAccessibleName(_("Note"))
        self.note.setMinimumWidth(140)
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.grid)
        self._mode: int | None = None
        self._arrange(2)
        self.group.buttonToggled.connect(lambda _b, on: on and self.changed.emit())
        self.source.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.note.textEdited.connect(lambda _t: self.changed.emit())

    def _arrange(self, mode: int) -> None:
        """2: the answer, the source and the note on one line; 1: the note below; 0: the source and the note
        below the answer (a narrow window)."""
        if mode == self._mode:
            return
        self._mode = mode
        for widget in (self.answer_box, self.source, self.note):
            self.grid.removeWidget(widget)
        for column in range(3):
            self.grid.setColumnStretch(column, 0)
        if mode == 2:
            self.grid.addWidget(self.answer_box, 0, 0)
            self.grid.addWidget(self.source, 0, 1)
            self.grid.addWidget(self.note, 0, 2)
            self.grid.setColumnStretch(2, 1)
        elif mode == 1:
            self.grid.addWidget(self.answer_box, 0, 0)
            self.grid.addWidget(self.source, 0, 1)
            self.grid.addWidget(self.note, 1, 0, 1, 2)
            self.grid.setColumnStretch(1, 1)
        else:
            self.grid.addWidget(self.answer_box, 0, 0, 1, 2)
            self.grid.addWidget(self.source, 1, 0)
            self.grid.addWidget(self.note, 1, 1)
            self.grid.setColumnStretch(1, 1)

    def fit(self, width: int) -> None:
        """Arrange for `width` pixels (the scroll area's, not the row's own: a row never gets narrower than the
        minimum of its arrangement, so it cannot judge from its own width)."""
        width, spacing = width - 16, 2 * self.grid.spacing()
        answers, source = self.answer_box.sizeHint().width(), self.source.sizeHint().width()
        self._arrange(2 if width >= answers + source + self.note.minimumWidth() + spacing
                      else 1 if width >= answers + source + spacing else 0)

    # --- values ----------------------------------------------------------------------------------

    def answer(self) -> str:
        """The chosen answer; "unknown" when none is chosen."""
        for code, button in self.buttons.items():
            if button.isChecked():
                return code
        return "unknown"

    def answered(self) -> bool:
        return self.group.checkedButton() is not None

    def value(self) -> AnswerInput | None:
        """What is saved of this indicator: None when nothing was chosen or written."""
        note, source = self.note.text().strip(), str(self.source.currentData() or "")
        if not self.answered() and not note and not source:
            return None
        return AnswerInput(self.answer(), note, source)

    def set_value(self, value: AnswerInput | None) -> None:
        self.group.setExclusive(False)  # an exclusive group cannot go back to no choice
        for code, button in self.buttons.items():
            button.setChecked(value is not None and value.answer == code)
        self.group.setExclusive(True)
        index = self.source.findData(value.source if value is not None else "")
        self.source.setCurrentIndex(max(index, 0))
        self.note.setText(value.note if value is not None else "")

    def set_answer(self, code: str) -> None:
        """Choose an answer as a click would."""
        self.buttons[code].click()

    def set_read_only(self, read_only: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(not read_only or button.isChecked())
        self.source.setEnabled(not read_only)
        self.note.setReadOnly(read_only)


class Checklist(QWidget):
    """Every indicator of `catalogue`, grouped by dimension in the catalogue's order; `changed` after any edit."""

    changed = Signal()

    def __init__(self, catalogue, answers: Mapping[str, AnswerInput] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checklist")
        self.catalogue = catalogue
        self.rows: dict[str, IndicatorRow] = {}
        self.headers: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.setSpacing(2)
        for dimension in catalogue.dimensions:
            header = QLabel(dimension.title.get(), self)
            header.setObjectName(f"dimension_{dimension.id}")
            header.setWordWrap(True)
            header.setTextFormat(Qt.TextFormat.PlainText)  # an imported catalogue's text is shown, never interpreted
            header.setStyleSheet(HEADER_STYLE)
            enlarge(header, 1.2)
            self.headers[dimension.id] = header
            element = QLabel(_("Element: {element}").format(element=codes.label("element", dimension.element))
                             + (f" — {dimension.description.get()}" if dimension.description else ""), self)
            element.setWordWrap(True)
            element.setTextFormat(Qt.TextFormat.PlainText)
            element.setStyleSheet(ELEMENT_STYLE)
            layout.addSpacing(8)
            layout.addWidget(header)
            layout.addWidget(element)
            for indicator in catalogue.indicators_of(dimension.id):
                row = IndicatorRow(indicator, self)
                row.changed.connect(self.changed)
                self.rows[indicator.id] = row
                line = QFrame(self)
                line.setFrameShape(QFrame.Shape.HLine)
                line.setFrameShadow(QFrame.Shadow.Sunken)
                layout.addWidget(line)
                layout.addWidget(row)
        layout.addStretch(1)
        self.set_answers(answers or {})

    def fit(self, width: int) -> None:
        """Arrange every row for a viewport `width` pixels wide."""
        margins = self.layout().contentsMargins()
        for row in self.rows.values():
            row.fit(width - margins.left() - margins.right())

    def set_answers(self, answers: Mapping[str, AnswerInput]) -> None:
        self.blockSignals(True)
        for indicator_id, row in self.rows.items():
            row.blockSignals(True)
            row.set_value(answers.get(indicator_id))
            row.blockSignals(False)
        self.blockSignals(False)
        self.changed.emit()

    def answers(self) -> dict[str, AnswerInput]:
        """The answers to save: every indicator answered or annotated (the rest count as not known)."""
        out = {}
        for indicator_id, row in self.rows.items():
            value = row.value()
            if value is not None:
                out[indicator_id] = value
        return out

    def answer_codes(self) -> dict[str, str]:
        """indicator id -> answer, for the engine."""
        return {indicator_id: row.answer() for indicator_id, row in self.rows.items()}

    def answered(self) -> int:
        return sum(row.answered() for row in self.rows.values())

    def set_read_only(self, read_only: bool) -> None:
        for row in self.rows.values():
            row.set_read_only(read_only)
