"""The live panel beside the checklist: the engine's outcome for the answers so far (`core.indicators.evaluate`),
which dimensions are met, what unknown answers could still make of it, and the engine's reasons in words.

Pure core: it runs on the UI thread after every answer (evaluating the default catalogue takes well under a
millisecond), never calls a service. Under a finished assessment it offers "Notify the police…": the notice of
suspected trafficking about that assessment (`DocumentDialog`, kind police).
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ospod_desktop.core.i18n import _, ngettext
from ospod_desktop.core.indicators import Result, codes, evaluate
from ospod_desktop.core.roles import Role
from ospod_desktop.ui.indicator_text import outcome_box_style
from ospod_desktop.ui.widgets import enlarge

MET, NOT_MET = "✔", "·"


def could_become_texts(result: Result) -> list[str]:
    """"3 unknown answers could make this a presumed victim", one line for each outcome above the current one."""
    return [ngettext("{n} unknown answer could make this: {outcome}.",
                     "{n} unknown answers could make this: {outcome}.", len(p.needs)).format(
        n=len(p.needs), outcome=codes.label("outcome", p.outcome)) for p in result.could_become]


def dimensions_html(catalogue, result: Result) -> str:
    """One line per dimension: met or not, with the rule that made it met and how many indicators are present."""
    lines = []
    for d in result.dimensions:
        title = html.escape(catalogue.dimension(d.id).title.get())
        mark = MET if d.met else NOT_MET
        detail = ngettext("{n} present", "{n} present", len(d.present)).format(n=len(d.present))
        if d.unknown:
            detail += ", " + ngettext("{n} not known", "{n} not known", len(d.unknown)).format(n=len(d.unknown))
        style = "font-weight: bold; color: #1b5e20;" if d.met else "color: #444444;"
        lines.append(f'<div style="{style}">{mark} {title} <span style="color:#666666; font-weight: normal;">'
                     f"({html.escape(detail)})</span></div>")
    return "".join(lines)


class OutcomePanel(QWidget):
    """Shows the engine's result for the current answers; `show_answers(answers)` recomputes it."""

    def __init__(self, catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outcome_panel")
        self.catalogue = catalogue
        self.result: Result | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        title = QLabel(_("What the indicators show"), self)
        enlarge(title, 1.15)
        title.setWordWrap(True)
        outer.addWidget(title)
        self.outcome_label = QLabel(self)
        self.outcome_label.setObjectName("outcome_label")
        self.outcome_label.setWordWrap(True)
        enlarge(self.outcome_label, 1.2)
        outer.addWidget(self.outcome_label)
        self.could_label = QLabel(self)
        self.could_label.setObjectName("could_label")
        self.could_label.setWordWrap(True)
        self.could_label.setTextFormat(Qt.TextFormat.PlainText)  # indicator texts come from an imported catalogue
        outer.addWidget(self.could_label)
        # The dimensions and the reasons scroll on their own: the outcome stays in sight.
        area = QScrollArea(self)
        area.setObjectName("reasons_scroll")
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.StyledPanel)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget(area)
        lay = QVBoxLayout(inner)
        dims_title = QLabel(_("Dimensions"), inner)
        dims_title.setStyleSheet("font-weight: bold;")
        self.dimensions_label = QLabel(inner)
        self.dimensions_label.setObjectName("dimensions_label")
        self.dimensions_label.setWordWrap(True)
        self.dimensions_label.setTextFormat(Qt.TextFormat.RichText)
        reasons_title = QLabel(_("Reasons"), inner)
        reasons_title.setStyleSheet("font-weight: bold;")
        self.reasons_label = QLabel(inner)
        self.reasons_label.setObjectName("reasons_label")
        self.reasons_label.setWordWrap(True)
        self.reasons_label.setTextFormat(Qt.TextFormat.RichText)
        for widget in (dims_title, self.dimensions_label, reasons_title, self.reasons_label):
            lay.addWidget(widget)
        lay.addStretch(1)
        area.setWidget(inner)
        area.setMinimumHeight(120)
        outer.addWidget(area, 1)
        self.police_button = QPushButton(_("Notify the police…"), self)
        self.police_button.setObjectName("police_notice_button")
        self.police_button.setToolTip(_("The notice of suspected child trafficking (Section 168 of the Criminal "
                                        "Code) about this assessment: preview, save or print it"))
        self.police_button.hide()
        self.police_button.clicked.connect(self.open_police_notice)
        outer.addWidget(self.police_button)
        self._notice: tuple | None = None  # (us, child_id, assessment_id) while the button is offered
        self.dialog: QWidget | None = None

    def show_answers(self, answers: Mapping[str, str]) -> Result:
        result = evaluate(self.catalogue, answers)
        self.show_result(result)
        return result

    def show_result(self, result: Result) -> None:
        self.result = result
        self.outcome_label.setText(_("Outcome of the indicators: {outcome}").format(
            outcome=codes.label("outcome", result.outcome)))
        self.outcome_label.setStyleSheet(outcome_box_style(result.outcome))
        could = could_become_texts(result)
        self.could_label.setText("\n".join(could))
        self.could_label.setVisible(bool(could))
        self.dimensions_label.setText(dimensions_html(self.catalogue, result))
        reasons = result.reasons()
        self.reasons_label.setText("".join(f"<p>{html.escape(r)}</p>" for r in reasons) if reasons
                                   else html.escape(_("No indicator is marked present yet.")))

    def offer_police_notice(self, us, child_id: int, assessment_id: int | None) -> None:
        """Offer the police notice about `assessment_id` (None: not offered, e.g. a draft). Officers and
        supervisors issue it; facility staff and administrators do not."""
        allowed = us.actor.role in (Role.OFFICER, Role.SUPERVISOR) and assessment_id is not None
        self._notice = (us, child_id, assessment_id) if allowed else None
        self.police_button.setVisible(allowed)

    def open_police_notice(self):
        from ospod_desktop.ui.dialogs.document_dialog import DocumentDialog

        if self._notice is None:
            return None
        us, child_id, assessment_id = self._notice
        self.dialog = DocumentDialog(us, child_id, "police", parent=self, assessment_id=assessment_id)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.dialog.open()
        return self.dialog

    def reasons_text(self) -> str:
        """The reasons as plain text (for tests and the screen reader)."""
        return "\n".join(self.result.reasons()) if self.result is not None else ""
