"""Recording a supervision visit (or correcting one), asking for information, and recording its answer.

The visit form scrolls (it is long) and fits a 1000×600 window. The next visit is proposed from the policy
(`visits.next_visit_due`, recomputed on a worker when the day or "seen" changes); choosing a later day makes
the reason required — the service checks the same and names the field.
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ospod_desktop.core import visit_rules as VR
from ospod_desktop.core.i18n import _
from ospod_desktop.core.visit_rules import field_label
from ospod_desktop.services import visits
from ospod_desktop.services.visits import InformationRequestInput, VisitInput
from ospod_desktop.ui.changes import Changes, Kind
from ospod_desktop.ui.dialogs.child_fields import fill_combo, get_date, make_optional_date, set_date
from ospod_desktop.ui.dialogs.save_dialog import SaveDialog
from ospod_desktop.ui.fit import available_size
from ospod_desktop.ui.format import format_date
from ospod_desktop.ui.tasks import Task

TEXT_LINES = 3
TEXTS = ("views", "living_conditions", "health", "schooling", "family_contact", "concerns", "note")
REQUIRED_STYLE = "font-weight: bold;"


def _text(lines: int = TEXT_LINES) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 12)
    return edit


def _date(value: date | None, optional: bool = False) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    make_optional_date(edit, value)
    if not optional and value is None:
        set_date(edit, date.today())
    return edit


class _Form(SaveDialog):
    """A SaveDialog built in code: a form (scrolled when `scroll`), the error line, busy bar and buttons."""

    def _build(self, title: str, scroll: bool = False) -> QFormLayout:
        self.setWindowTitle(title)
        outer = QVBoxLayout(self)
        form_widget = QWidget()
        form = QFormLayout(form_widget)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        if scroll:
            area = QScrollArea()
            area.setWidgetResizable(True)
            area.setFrameShape(QFrame.Shape.NoFrame)
            area.setWidget(form_widget)
            outer.addWidget(area, 1)
            self.scroll_area = area
        else:
            outer.addWidget(form_widget)
        error = QLabel()
        error.setWordWrap(True)
        error.setObjectName("error_label")
        busy = QProgressBar()
        busy.setRange(0, 0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        for w in (error, busy, buttons):
            outer.addWidget(w)
        self.ui = SimpleNamespace(error_label=error, busy_bar=busy, button_box=buttons)
        self._start(self.ui)
        return form

    def _row(self, form: QFormLayout, name: str, widget: QWidget, text: str | None = None) -> QLabel:
        label = QLabel(field_label(name) if text is None else text)
        label.setBuddy(widget)
        label.setWordWrap(True)
        form.addRow(label, widget)
        self.fields[name] = widget
        self.labels[name] = label
        return label


class VisitDialog(_Form):
    """Record a visit of the child, or correct `visit` (a `VisitView`: the reason for the correction is asked)."""

    def __init__(self, us, child_id: int, visit=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.us, self.child_id, self.visit = us, child_id, visit
        self.fields, self.labels = {}, {}
        self.proposed: date | None = None
        self._next_chosen = visit is not None  # a correction keeps its date; a new visit follows the proposal
        v = visit or VisitInput(visited_on=date.today())
        form = self._build(_("Correct the visit") if visit else _("Record a visit"), scroll=True)
        self.visited_on = _date(v.visited_on)
        self.visited_time = QLineEdit(v.visited_time)
        self.visited_time.setPlaceholderText(_("e.g. 14:30"))
        self.place = QComboBox()
        fill_combo(self.place, [(c, _(t)) for c, t in VR.VISIT_PLACES.items()], v.place)
        self.place_detail = QLineEdit(v.place_detail)
        self.kind = QComboBox()
        fill_combo(self.kind, [(c, _(t)) for c, t in VR.VISIT_KINDS.items()], v.kind)
        self.present = QLineEdit(v.present)
        self.child_seen = QCheckBox(_("The child was seen"))
        self.child_seen.setChecked(v.child_seen)
        self.not_seen_reason = _text(2)
        self.not_seen_reason.setPlainText(v.not_seen_reason)
        self.spoken_alone = QComboBox()
        fill_combo(self.spoken_alone, [(None, _("not recorded")), (True, _("yes")), (False, _("no"))], v.spoken_alone)
        for name, widget in (("visited_on", self.visited_on), ("visited_time", self.visited_time),
                             ("place", self.place), ("place_detail", self.place_detail), ("kind", self.kind),
                             ("present", self.present)):
            self._row(form, name, widget)
        self._row(form, "child_seen", self.child_seen, "")
        self._row(form, "not_seen_reason", self.not_seen_reason)
        self._row(form, "spoken_alone", self.spoken_alone)
        self.texts = {}
        for name in TEXTS:
            edit = self.texts[name] = _text()
            edit.setPlainText(getattr(v, name))
            self._row(form, name, edit)
        self.next_visit_on = _date(v.next_visit_on, optional=True)
        self.proposal_label = QLabel()
        self.proposal_label.setWordWrap(True)
        self.next_visit_reason = _text(2)
        self.next_visit_reason.setPlainText(v.next_visit_reason)
        self._row(form, "next_visit_on", self.next_visit_on)
        form.addRow("", self.proposal_label)
        self._row(form, "next_visit_reason", self.next_visit_reason)
        self.addressee = QLineEdit()
        if visit is None:  # information asked for at this visit (more later with "Request information")
            self._row(form, "addressee", self.addressee)
            self.addressee.setPlaceholderText(_("e.g. the school or the doctor; leave empty if none"))
        self.correction_reason = _text(2)
        if visit is not None:
            self._row(form, "correction_reason", self.correction_reason, _("Reason for the correction"))
        self.visited_on.dateChanged.connect(self._propose)
        self.child_seen.toggled.connect(self._seen)
        self.child_seen.toggled.connect(self._propose)
        self.next_visit_on.dateChanged.connect(self._next_changed)
        self._seen(v.child_seen)
        self._fit()
        self._propose()
        self.visited_on.setFocus()

    def _fit(self) -> None:
        room = available_size(self)
        self.resize(min(760, room.width()), min(700, room.height() - 40))

    # --- the form ------------------------------------------------------------------------------

    def _seen(self, seen: bool) -> None:
        self.not_seen_reason.setEnabled(not seen)
        self.spoken_alone.setEnabled(seen)
        if not seen:
            self.spoken_alone.setCurrentIndex(0)
        self.labels["not_seen_reason"].setStyleSheet("" if seen else REQUIRED_STYLE)

    def form(self) -> VisitInput:
        seen = self.child_seen.isChecked()
        return VisitInput(
            visited_on=get_date(self.visited_on), visited_time=self.visited_time.text(),
            place=self.place.currentData(), place_detail=self.place_detail.text(), kind=self.kind.currentData(),
            present=self.present.text(), child_seen=seen,
            not_seen_reason="" if seen else self.not_seen_reason.toPlainText(),
            spoken_alone=self.spoken_alone.currentData() if seen else None,
            next_visit_on=get_date(self.next_visit_on), next_visit_reason=self.next_visit_reason.toPlainText(),
            **{name: edit.toPlainText() for name, edit in self.texts.items()})

    # --- the proposed next visit ---------------------------------------------------------------

    def _propose(self) -> Task:
        us, cid, form, vid = self.us, self.child_id, self.form(), self.visit.id if self.visit else None
        return Task(self, lambda: visits.next_visit_due(us, cid, form, vid)).success(self._proposed) \
            .failure(lambda exc: self._proposed(None)).run()

    def _proposed(self, day: date | None) -> None:
        self.proposed = day
        if day is None:
            self.proposal_label.setText(_("The policy sets no next visit for this day (no placement covers it)."))
        else:
            self.proposal_label.setText(_("The policy wants the next visit by {date}; you may choose an earlier "
                                          "day.").format(date=format_date(day)))
            if not self._next_chosen:
                self.next_visit_on.blockSignals(True)
                set_date(self.next_visit_on, day)
                self.next_visit_on.blockSignals(False)
        self._reason_required()

    def _next_changed(self, _day: QDate) -> None:
        self._next_chosen = True
        self._reason_required()

    def reason_required(self) -> bool:
        chosen = get_date(self.next_visit_on)
        return bool(chosen and self.proposed and chosen > self.proposed)

    def _reason_required(self) -> None:
        required = self.reason_required()
        self.labels["next_visit_reason"].setStyleSheet(REQUIRED_STYLE if required else "")
        self.next_visit_reason.setEnabled(required or bool(self.next_visit_reason.toPlainText()))
        self.next_visit_reason.setPlaceholderText(
            _("Required: the chosen day is later than the policy allows.") if required else "")

    # --- saving --------------------------------------------------------------------------------

    def work(self):
        us, cid, form = self.us, self.child_id, self.form()
        if self.visit is not None:
            vid, reason = self.visit.id, self.correction_reason.toPlainText()
            return lambda: visits.correct_visit(us, vid, form, reason)
        addressee = self.addressee.text().strip()
        asked = [InformationRequestInput(addressee, form.visited_on)] if addressee else []
        return lambda: visits.record_visit(us, cid, form, asked)

    def changes(self, result) -> Changes:
        return Changes.of(Kind.VISIT, child=self.child_id)

    def _failed(self, exc: BaseException) -> None:
        super()._failed(exc)
        widget = self.fields.get(getattr(exc, "field", None) or "")
        if widget is not None:  # the field the error names, scrolled into view
            self.scroll_area.ensureWidgetVisible(widget)


class RequestDialog(_Form):
    """Record that information was asked of someone (at the chosen visit, if any)."""

    def __init__(self, us, child_id: int, visit_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.us, self.child_id, self.visit_id = us, child_id, visit_id
        self.fields, self.labels = {}, {}
        form = self._build(_("Request information"))
        self.addressee = QLineEdit()
        self.addressee.setPlaceholderText(_("e.g. the school or the doctor"))
        self.asked_on = _date(date.today())
        self.note = _text(2)
        for name, widget in (("addressee", self.addressee), ("asked_on", self.asked_on), ("note", self.note)):
            self._row(form, name, widget)
        self.resize(560, self.sizeHint().height())
        self.addressee.setFocus()

    def work(self):
        us, cid, vid = self.us, self.child_id, self.visit_id
        form = InformationRequestInput(self.addressee.text(), get_date(self.asked_on), None, self.note.toPlainText())
        return lambda: visits.request_information(us, cid, form, vid)

    def changes(self, result) -> Changes:
        return Changes.of(Kind.VISIT, child=self.child_id)


class AnswerDialog(_Form):
    """The answer to a request for information came: on which day."""

    def __init__(self, us, child_id: int, request, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.us, self.child_id, self.request_id = us, child_id, request.id
        self.fields, self.labels = {}, {}
        form = self._build(_("Answer received"))
        intro = QLabel(_("Information requested from {who} on {date}.").format(
            who=request.addressee, date=format_date(request.asked_on)))
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(intro)
        self.answered_on = _date(date.today())
        self._row(form, "answered_on", self.answered_on)
        self.resize(480, self.sizeHint().height())

    def work(self):
        us, rid, day = self.us, self.request_id, get_date(self.answered_on)
        return lambda: visits.record_answer(us, rid, day)

    def changes(self, result) -> Changes:
        return Changes.of(Kind.VISIT, child=self.child_id)
