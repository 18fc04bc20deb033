"""Dialogs of the "Guardian and plan" tab: record or correct an individual protection plan (`IpodDialog`),
OSPOD's petition for a guardian (`PetitionDialog`), the court's appointment (`AppointmentDialog`), the end of a
guardianship (`EndGuardianshipDialog`), a whole guardianship (`GuardianshipDialog`), an asylum application
(`AsylumDialog`) and its representative (`RepresentativeDialog`).

Each is a `SaveDialog` whose small form is built here from the fields' names (labels from `core.care_form`):
it saves on a worker, shows a service's field-named error beside the form and focuses that field. A dialog
opened on a saved record corrects it and asks for the reason, which goes into the child's history.
"""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from ospod_desktop.core.care_form import (
    AsylumInput,
    GuardianAppointmentInput,
    GuardianPetitionInput,
    GuardianshipInput,
    IpodInput,
    field_label,
)  # fmt: skip
from ospod_desktop.core.i18n import _
from ospod_desktop.services import care
from ospod_desktop.ui.changes import Changes
from ospod_desktop.ui.dialogs.child_fields import date_format, get_date, make_optional_date, set_date
from ospod_desktop.ui.dialogs.save_dialog import WrappedSaveDialog

DATE, OPTIONAL_DATE, LINE, TEXT = "date", "optional_date", "line", "text"


class _Form:
    """What `SaveDialog` expects of a generated form: the layout, the error label, the busy bar, the buttons."""

    def __init__(self, dialog: QWidget) -> None:
        self.main_layout = QVBoxLayout(dialog)
        self.intro_label = QLabel(dialog)
        self.intro_label.setWordWrap(True)
        self.form_layout = QFormLayout()
        self.form_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.error_label = QLabel(dialog)
        self.error_label.setWordWrap(True)
        self.error_label.setObjectName("error_label")
        self.busy_bar = QProgressBar(dialog)
        self.busy_bar.setRange(0, 0)
        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                           | QDialogButtonBox.StandardButton.Cancel, dialog)
        for widget in (self.intro_label,):
            self.main_layout.addWidget(widget)
        self.main_layout.addLayout(self.form_layout)
        for widget in (self.error_label, self.busy_bar, self.button_box):
            self.main_layout.addWidget(widget)


class CareDialog(WrappedSaveDialog):
    """A small form of `specs` ((field, kind) pairs) filled from `values`; with `correcting`, a reason too."""

    WIDTH = 560

    def __init__(self, us, child_id: int, title: str, intro: str, specs: list[tuple[str, str]],
                 values: dict | None = None, correcting: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = _Form(self)
        self.us, self.child_id, self.correcting = us, child_id, correcting
        self.setWindowTitle(title)
        if correcting:
            intro = _("Correct what was recorded. The earlier values and your reason stay in the child's history.")
        ui.intro_label.setText(intro)
        ui.intro_label.setVisible(bool(intro))
        self.fields: dict[str, QWidget] = {}
        values = values or {}
        for name, kind in specs:
            self.fields[name] = self._add(name, kind, values.get(name))
        if correcting:
            self.fields["correction_reason"] = self._add("correction_reason", TEXT, "")
        self._start(ui)
        self._fit()
        next(iter(self.fields.values())).setFocus()

    def _add(self, name: str, kind: str, value) -> QWidget:
        widget: QWidget
        if kind in (DATE, OPTIONAL_DATE):
            edit = QDateEdit(self)
            edit.setCalendarPopup(True)
            if kind == OPTIONAL_DATE:
                make_optional_date(edit, value)
            else:
                edit.setDisplayFormat(date_format())
                edit.setDate(QDate.currentDate())
                if value is not None:
                    set_date(edit, value)
            widget = edit
        elif kind == LINE:
            line = QLineEdit(self)
            line.setText(value or "")
            widget = line
        else:
            text = QPlainTextEdit(self)
            text.setPlainText(value or "")
            text.setTabChangesFocus(True)
            text.setFixedHeight(text.fontMetrics().lineSpacing() * 4 + 12)
            widget = text
        widget.setObjectName(name)
        label = _("Reason for the correction") if name == "correction_reason" else field_label(name)
        caption = QLabel(label + ":", self)
        caption.setBuddy(widget)
        caption.setWordWrap(True)
        self.ui.form_layout.addRow(caption, widget)
        return widget

    def value(self, name: str):
        """What a field holds: a date (or None), a line's or a text's text."""
        widget = self.fields[name]
        if isinstance(widget, QDateEdit):
            return get_date(widget)
        if isinstance(widget, QLineEdit):
            return widget.text()
        assert isinstance(widget, QPlainTextEdit)
        return widget.toPlainText()

    def values(self, *names: str) -> dict:
        return {name: self.value(name) for name in names}

    def reason(self) -> str:
        return self.value("correction_reason") if self.correcting else ""

    def changes(self, result) -> Changes:
        return Changes.of(child=self.child_id)


IPOD_FIELDS = [("drawn_up_on", DATE), ("note", TEXT)]
PETITION_FIELDS = [("petition_on", DATE), ("petition_court", LINE), ("note", TEXT)]
APPOINTMENT_FIELDS = [("appointed_on", DATE), ("court", LINE), ("court_file_number", LINE), ("guardian_name", LINE),
                      ("guardian_contact", LINE), ("note", TEXT)]
GUARDIANSHIP_FIELDS = [("petition_on", OPTIONAL_DATE), ("petition_court", LINE), ("appointed_on", OPTIONAL_DATE),
                       ("court", LINE), ("court_file_number", LINE), ("guardian_name", LINE),
                       ("guardian_contact", LINE), ("ended_on", OPTIONAL_DATE), ("note", TEXT)]
ASYLUM_FIELDS = [("applied_on", DATE), ("representative_on", OPTIONAL_DATE), ("representative_name", LINE),
                 ("note", TEXT)]
REPRESENTATIVE_FIELDS = [("representative_on", DATE), ("representative_name", LINE)]


def _row_values(row, specs: list[tuple[str, str]]) -> dict:
    return {name: getattr(row, name) for name, _kind in specs} if row is not None else {}


class IpodDialog(CareDialog):
    """Record an individual protection plan drawn up or updated (or correct one: `ipod`)."""

    def __init__(self, us, child_id: int, ipod=None, parent: QWidget | None = None) -> None:
        title = _("Correct the plan") if ipod is not None else _("Record an individual protection plan")
        intro = _("The individual protection plan (IPOD) is due within a month of the child entering the register, "
                  "and is updated after every new placement.")
        super().__init__(us, child_id, title, intro, IPOD_FIELDS, _row_values(ipod, IPOD_FIELDS), ipod is not None,
                         parent)
        self.ipod_id = ipod.id if ipod is not None else None

    def work(self):
        us, cid, iid, reason = self.us, self.child_id, self.ipod_id, self.reason()
        form = IpodInput(**self.values("drawn_up_on", "note"))
        if iid is None:
            return lambda: care.record_ipod(us, cid, form)
        return lambda: care.correct_ipod(us, iid, form, reason)


class PetitionDialog(CareDialog):
    """Record OSPOD's petition to the court for a guardian."""

    def __init__(self, us, child_id: int, parent: QWidget | None = None) -> None:
        super().__init__(us, child_id, _("Record the petition for a guardian"),
                         _("The court appoints a guardian to an unaccompanied or separated child without delay; the "
                           "clock closes with the appointment."), PETITION_FIELDS, parent=parent)

    def work(self):
        us, cid = self.us, self.child_id
        form = GuardianPetitionInput(**self.values("petition_on", "petition_court", "note"))
        return lambda: care.record_guardian_petition(us, cid, form)


class AppointmentDialog(CareDialog):
    """Record the court's appointment of a guardian (fills the petition waiting for it)."""

    def __init__(self, us, child_id: int, parent: QWidget | None = None) -> None:
        super().__init__(us, child_id, _("Record the appointment of a guardian"),
                         _("The date of the court's decision, the court, and who the guardian is."),
                         APPOINTMENT_FIELDS, parent=parent)

    def work(self):
        us, cid = self.us, self.child_id
        form = GuardianAppointmentInput(**self.values(*(name for name, _kind in APPOINTMENT_FIELDS)))
        return lambda: care.record_guardian_appointment(us, cid, form)


class EndGuardianshipDialog(CareDialog):
    """Record the day a guardian's office ended."""

    def __init__(self, us, guardianship, parent: QWidget | None = None) -> None:
        super().__init__(us, guardianship.child_id, _("End the guardianship"),
                         _("Until a new guardian is appointed, the child's guardian clock runs again."),
                         [("ended_on", DATE)], parent=parent)
        self.guardianship_id = guardianship.id

    def work(self):
        us, gid, ended_on = self.us, self.guardianship_id, self.value("ended_on")
        return lambda: care.end_guardianship(us, gid, ended_on)


class GuardianshipDialog(CareDialog):
    """Correct a guardianship whole: the petition, the appointment, the end."""

    def __init__(self, us, guardianship, parent: QWidget | None = None) -> None:
        super().__init__(us, guardianship.child_id, _("Correct the guardianship"), "", GUARDIANSHIP_FIELDS,
                         _row_values(guardianship, GUARDIANSHIP_FIELDS), True, parent)
        self.guardianship_id = guardianship.id

    def work(self):
        us, gid, reason = self.us, self.guardianship_id, self.reason()
        form = GuardianshipInput(**self.values(*(name for name, _kind in GUARDIANSHIP_FIELDS)))
        return lambda: care.correct_guardianship(us, gid, form, reason)


class AsylumDialog(CareDialog):
    """Record an asylum application (with its representative when known), or correct one."""

    def __init__(self, us, child_id: int, application=None, parent: QWidget | None = None) -> None:
        title = _("Correct the asylum application") if application is not None else _("Record an asylum application")
        super().__init__(us, child_id, title,
                         _("A representative must be designated within 15 working days of the application."),
                         ASYLUM_FIELDS, _row_values(application, ASYLUM_FIELDS), application is not None, parent)
        self.application_id = application.id if application is not None else None

    def work(self):
        us, cid, aid, reason = self.us, self.child_id, self.application_id, self.reason()
        form = AsylumInput(**self.values(*(name for name, _kind in ASYLUM_FIELDS)))
        if aid is None:
            return lambda: care.record_asylum_application(us, cid, form)
        return lambda: care.correct_asylum_application(us, aid, form, reason)


class RepresentativeDialog(CareDialog):
    """Record the representative designated for an asylum application."""

    def __init__(self, us, application, parent: QWidget | None = None) -> None:
        super().__init__(us, application.child_id, _("Record the representative"), "", REPRESENTATIVE_FIELDS,
                         parent=parent)
        self.application_id = application.id

    def work(self):
        us, aid = self.us, self.application_id
        day, name = self.value("representative_on"), self.value("representative_name")
        return lambda: care.record_representative(us, aid, day, name)


