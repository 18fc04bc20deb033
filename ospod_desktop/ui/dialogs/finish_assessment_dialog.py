"""Finish an assessment of child-trafficking indicators: the officer's conclusion (preselected with the engine's
outcome), the forms of exploitation suspected (pre-ticked from the present indicators' forms), the reasoning —
required when the conclusion differs from the engine's outcome — and the countries of exploitation, if known.

The form is checked with `core.indicators.finish.check_finish` before anything is sent; the error names the
field and the cursor goes there. The service call runs on a worker (`SaveDialog`).
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from ospod_desktop.core.countries import countries
from ospod_desktop.core.errors import OspodError
from ospod_desktop.core.i18n import _
from ospod_desktop.core.indicators import AnswerInput, Result, codes
from ospod_desktop.core.indicators.finish import check_finish
from ospod_desktop.services import trafficking
from ospod_desktop.ui.changes import Changes, Kind
from ospod_desktop.ui.dialogs.child_fields import CodeList
from ospod_desktop.ui.dialogs.save_dialog import WrappedSaveDialog
from ospod_desktop.ui.widgets import radio_row

ERROR_FIELD_STYLE = "color: #b00020; font-weight: bold;"


def field_labels() -> dict[str, str]:
    return {"conclusion": _("Your conclusion"), "forms": _("Forms of exploitation suspected"),
            "reasoning": _("Reasoning"), "exploitation_countries": _("Countries of exploitation (if known)")}


def suggested_forms(catalogue, answers: Mapping[str, AnswerInput]) -> list[str]:
    """The forms of exploitation the present indicators suggest, in the order of `codes.FORMS`."""
    found = {form for iid, a in answers.items() if a.answer == "present"
             for form in catalogue.indicator(iid).forms}
    return [form for form in codes.FORMS if form in found]


def error_text(exc: BaseException, labels: Mapping[str, str]) -> str | None:
    """A field-named error's message with the field's label in front unless it names it already."""
    if not isinstance(exc, OspodError) or exc.field not in labels:
        return None
    label = labels[exc.field]
    return exc.message if label.lower() in exc.message.lower() else f"{label}: {exc.message}"


class _Form:
    """What `SaveDialog` expects: the layout, the error label, the busy bar and the buttons."""

    def __init__(self, dialog: QWidget) -> None:
        self.main_layout = QVBoxLayout(dialog)
        self.intro_label = QLabel(dialog)
        self.intro_label.setObjectName("intro_label")
        self.intro_label.setWordWrap(True)
        self.main_layout.addWidget(self.intro_label)
        self.error_label = QLabel(dialog)
        self.error_label.setObjectName("error_label")
        self.error_label.setWordWrap(True)
        self.busy_bar = QProgressBar(dialog)
        self.busy_bar.setRange(0, 0)
        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                           | QDialogButtonBox.StandardButton.Cancel, dialog)
        self.button_box.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Finish the assessment"))


class FinishAssessmentDialog(WrappedSaveDialog):
    """`finished_assessment(AssessmentView)` once the service finished it."""

    WIDTH = 620
    finished_assessment = Signal(object)

    def __init__(self, us, view, catalogue, answers: Mapping[str, AnswerInput], result: Result,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("finish_assessment_dialog")
        self.us, self.view, self.catalogue, self.answers, self.result = us, view, catalogue, dict(answers), result
        self.setWindowTitle(_("Finish the assessment"))
        self.ui = ui = _Form(self)
        self.labels = field_labels()
        ui.intro_label.setText(_("The engine's outcome from your answers: {outcome}. Record your own conclusion; "
                                 "where it differs, say why.").format(outcome=codes.label("outcome", result.outcome)))
        main = ui.main_layout
        # The conclusion
        self.conclusion_box = QGroupBox(self.labels["conclusion"], self)
        _row, self.conclusion_group, self.conclusion_buttons = radio_row(
            self.conclusion_box, self, ((c, codes.label("conclusion", c)) for c in codes.CONCLUSIONS), "conclusion")
        self.conclusion_buttons[result.outcome].setChecked(True)
        main.addWidget(self.conclusion_box)
        # The forms of exploitation
        self.forms_box = QGroupBox(self.labels["forms"], self)
        grid = QGridLayout(self.forms_box)
        self.form_boxes: dict[str, QCheckBox] = {}
        suggested = suggested_forms(catalogue, self.answers)
        for index, code in enumerate(codes.FORMS):
            box = QCheckBox(codes.label("form", code), self.forms_box)
            box.setObjectName(f"form_{code}")
            box.setChecked(code in suggested)
            self.form_boxes[code] = box
            grid.addWidget(box, index // 3, index % 3)
        main.addWidget(self.forms_box)
        # The reasoning
        self.reasoning_label = QLabel(self)
        self.reasoning_label.setWordWrap(True)
        self.reasoning = QPlainTextEdit(self)
        self.reasoning.setObjectName("reasoning_edit")
        self.reasoning.setTabChangesFocus(True)
        lines = self.reasoning.fontMetrics().lineSpacing()
        self.reasoning.setMinimumHeight(4 * lines)
        self.reasoning.setMaximumHeight(7 * lines)
        self.reasoning_label.setBuddy(self.reasoning)
        main.addWidget(self.reasoning_label)
        main.addWidget(self.reasoning)
        # The countries of exploitation
        self.countries_box = QGroupBox(self.labels["exploitation_countries"], self)
        crow = QHBoxLayout(self.countries_box)
        self.country_combo = QComboBox(self.countries_box)
        self.country_combo.setObjectName("country_combo")
        add = QPushButton(_("&Add"), self.countries_box)
        self.country_list = QListWidget(self.countries_box)
        self.country_list.setObjectName("country_list")
        self.country_list.setMaximumHeight(3 * self.country_list.fontMetrics().lineSpacing() + 8)
        remove = QPushButton(_("&Remove"), self.countries_box)
        self.countries = CodeList(self.country_combo, add, self.country_list, remove, countries())
        self.countries.set_codes(view.exploitation_countries)
        for widget, stretch in ((self.country_combo, 2), (add, 0), (self.country_list, 2), (remove, 0)):
            crow.addWidget(widget, stretch)
        main.addWidget(self.countries_box)
        if view.reasoning:
            self.reasoning.setPlainText(view.reasoning)
        for widget in (ui.error_label, ui.busy_bar, ui.button_box):
            main.addWidget(widget)
        self.fields = {"conclusion": self.conclusion_buttons[result.outcome], "forms": self.form_boxes[codes.FORMS[0]],
                       "reasoning": self.reasoning, "exploitation_countries": self.country_combo}
        self.conclusion_group.buttonToggled.connect(lambda _b, on: on and self._conclusion_changed())
        self._conclusion_changed()
        self._start(ui)
        self._fit()

    def conclusion(self) -> str | None:
        return next((code for code, b in self.conclusion_buttons.items() if b.isChecked()), None)

    def forms(self) -> list[str]:
        return [code for code, box in self.form_boxes.items() if box.isChecked()]

    def reasoning_required(self) -> bool:
        return self.conclusion() != self.result.outcome

    def _conclusion_changed(self) -> None:
        required = self.reasoning_required()
        self.reasoning_label.setText(
            self.labels["reasoning"] + " — " + (_("required: your conclusion differs from the engine's outcome")
                                                if required else _("optional")))
        self.reasoning_label.setStyleSheet("")
        if self.ui.error_label.isVisible():
            self._fit()

    def work(self):
        conclusion, forms, reasoning = self.conclusion(), self.forms(), self.reasoning.toPlainText().strip()
        check_finish(self.result.outcome, conclusion, forms, reasoning)
        us, aid, answers, countries_ = self.us, self.view.id, self.answers, list(self.countries.codes())
        return lambda: trafficking.finish_assessment(us, aid, answers, conclusion or "", forms, reasoning, countries_)

    def changes(self, result) -> Changes | None:
        return Changes.of(Kind.ASSESSMENT, child=self.view.child_id)

    def succeeded(self, result) -> None:
        self.finished_assessment.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        super()._failed(exc)
        text = error_text(exc, self.labels)
        if text is not None:
            self.ui.error_label.setText(text)
            if exc.field == "reasoning":  # type: ignore[attr-defined]
                self.reasoning_label.setStyleSheet(ERROR_FIELD_STYLE)
            self._fit()
