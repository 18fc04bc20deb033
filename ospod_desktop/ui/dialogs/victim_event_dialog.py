"""Recording what happened after an assessment: the suspicion reported to the police (date, police unit, how it was
sent), the child identified as a victim by the police (date, unit), referred to assistance (to whom, date), or a
reflection period granted (start, end: one month by default, Section 42e of Act 326/1999).

The form's labels follow the kind chosen; the service checks the values and names the field it refuses."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from ospod_desktop.core.deadlines import add_months
from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.i18n import _
from ospod_desktop.core.indicators import codes
from ospod_desktop.core.indicators.codes import label
from ospod_desktop.services import trafficking
from ospod_desktop.ui.changes import Changes, Kind
from ospod_desktop.ui.dialogs.child_fields import fill_combo, get_date, make_optional_date, set_date
from ospod_desktop.ui.dialogs.save_dialog import SaveDialog, fit_height

REFLECTION_MONTHS = 1  # Section 42e of Act 326/1999: the proposed end (the due list's policy has the same number)
WIDTH = 560


def body_label(kind: str) -> str:
    """What `body` holds for each kind of event."""
    return _("Referred to (organisation)") if kind == "referred" else _("Police unit")


def day_label(kind: str) -> str:
    return _("Start of the period") if kind == "reflection_period" else _("Date")


class VictimEventDialog(SaveDialog):
    """Record one event on the child (`kind` preselected, else the first). `body` (the police unit, the
    organisation), `channel` and `on` prefill the form (the document dialog does, after a police notice)."""

    def __init__(self, us, child_id: int, kind: str = "police_report", parent: QWidget | None = None,
                 body: str = "", channel: str = "", on: date | None = None) -> None:
        super().__init__(parent)
        self.us, self.child_id = us, child_id
        self.setWindowTitle(_("Record an event"))
        self.fields: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        outer = QVBoxLayout(self)
        self.main_layout = outer
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(form)
        self.form_layout = form
        self.kind = QComboBox()
        fill_combo(self.kind, [(k, label("event_kind", k)) for k in codes.EVENT_KINDS], kind)
        self.on = QDateEdit()
        self.on.setCalendarPopup(True)
        make_optional_date(self.on, on or date.today())
        self.body = QLineEdit(body)
        self.channel = QLineEdit(channel)
        self.channel.setPlaceholderText(_("e.g. data box, e-mail, in person"))
        self.ends_on = QDateEdit()
        self.ends_on.setCalendarPopup(True)
        make_optional_date(self.ends_on, add_months(date.today(), REFLECTION_MONTHS))
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 3 + 12)
        for name, text, widget in (("kind", _("What happened"), self.kind), ("on", day_label(kind), self.on),
                                   ("body", body_label(kind), self.body),
                                   ("channel", _("How the report was sent"), self.channel),
                                   ("ends_on", _("End of the period"), self.ends_on), ("note", _("Note"), self.note)):
            row_label = QLabel(text)
            row_label.setWordWrap(True)
            row_label.setBuddy(widget)
            form.addRow(row_label, widget)
            self.fields[name], self.labels[name] = widget, row_label
        error = QLabel()
        error.setWordWrap(True)
        busy = QProgressBar()
        busy.setRange(0, 0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        for w in (error, busy, buttons):
            outer.addWidget(w)
        self.ui = SimpleNamespace(error_label=error, busy_bar=busy, button_box=buttons, main_layout=outer)
        self._start(self.ui)
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.on.dateChanged.connect(lambda _d: self._start_changed())
        self._kind_changed()
        self.kind.setFocus()

    def _fit(self) -> None:
        fit_height(self, self.main_layout, WIDTH)

    def current_kind(self) -> str:
        return self.kind.currentData()

    def _kind_changed(self) -> None:
        kind = self.current_kind()
        self.labels["on"].setText(day_label(kind))
        self.labels["body"].setText(body_label(kind))
        for name, shown in (("body", kind != "reflection_period"), ("channel", kind == "police_report"),
                            ("ends_on", kind == "reflection_period")):
            self.form_layout.setRowVisible(self.fields[name], shown)
        self._fit()

    def _start_changed(self) -> None:
        start = get_date(self.on)
        if start is not None:
            set_date(self.ends_on, add_months(start, REFLECTION_MONTHS))

    def work(self):
        us, cid, kind = self.us, self.child_id, self.current_kind()
        on, note = get_date(self.on), self.note.toPlainText()
        if on is None:
            raise ValidationError("on", _("{field}: enter the date.").format(field=day_label(kind)))
        body = self.body.text() if kind != "reflection_period" else ""
        channel = self.channel.text() if kind == "police_report" else ""
        ends_on = get_date(self.ends_on) if kind == "reflection_period" else None
        return lambda: trafficking.record_victim_event(us, cid, kind, on, body=body, channel=channel,
                                                       ends_on=ends_on, note=note)

    def changes(self, result) -> Changes:
        return Changes.of(Kind.ASSESSMENT, child=self.child_id)  # the flag, the due list and the child's page follow

    def succeeded(self, result) -> None:
        self.saved.emit(getattr(result, "id", 0) or 0)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        super()._failed(exc)
        self._fit()
