"""Dialogs on the child's page: report a missing child (`MissingDialog`), record who was informed
(`InformedDialog`) and the return (`MissingReturnDialog`), end a placement (`EndPlacementDialog`), extend
a preliminary measure or a ZDVOP contract (`ExtendDialog`), record that a diagnostic stay's diagnostics were
completed (`DiagnosticsDialog`). Each is a `SaveDialog`: it saves on a worker and
shows a service's field-named error next to the form, focusing that field, and announces what it changed."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QWidget

from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core.i18n import _
from ospod_desktop.core.missing_form import MissingInput
from ospod_desktop.core.roles import may_end_for
from ospod_desktop.core.text import isolate
from ospod_desktop.services import missing, placements
from ospod_desktop.ui.changes import Changes, Kind
from ospod_desktop.ui.dialogs.child_fields import (
    date_format,
    edit_datetime,
    fill_combo,
    get_date,
    make_optional_date,
    set_datetime,
)  # fmt: skip
from ospod_desktop.ui.dialogs.save_dialog import SaveDialog
from ospod_desktop.ui.format import format_date, format_datetime
from ospod_desktop.ui.forms.ui_diagnostics_dialog import Ui_DiagnosticsDialog
from ospod_desktop.ui.forms.ui_end_placement_dialog import Ui_EndPlacementDialog
from ospod_desktop.ui.forms.ui_extend_dialog import Ui_ExtendDialog
from ospod_desktop.ui.forms.ui_informed_dialog import Ui_InformedDialog
from ospod_desktop.ui.forms.ui_missing_dialog import Ui_MissingDialog
from ospod_desktop.ui.forms.ui_missing_return_dialog import Ui_MissingReturnDialog


def _correcting(ui, dialog: QDialog, title: str, correcting: bool) -> None:
    """Show the reason row (and the title) of a dialog that corrects what was saved."""
    ui.form_layout.setRowVisible(ui.correction_reason, correcting)
    if correcting:
        dialog.setWindowTitle(title)
        ui.intro_label.setText(_("Correct what was recorded. The earlier values and your reason stay in the "
                                 "child's history."))
        ui.intro_label.setVisible(True)


class MissingDialog(SaveDialog):
    """Report a missing child: when and where last seen, with whom, description, clothing, risks."""

    def __init__(self, us, child_id: int, child_name: str = "", parent: QWidget | None = None,
                 episode=None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_MissingDialog()
        ui.setupUi(self)
        self.us, self.child_id, self.episode = us, child_id, episode
        self.setWindowTitle(_("Report a missing child"))
        ui.intro_label.setText(_("Missing: {name}. Report the disappearance to the police at once; the missing "
                                 "children line 116 000 can help.").format(name=isolate(child_name)))
        ui.intro_label.setVisible(bool(child_name))
        set_datetime(ui.last_seen_at)
        self.fields = {"last_seen_at": ui.last_seen_at, "last_seen_place": ui.last_seen_place,
                       "seen_with": ui.seen_with, "circumstances": ui.circumstances, "description": ui.description,
                       "clothing": ui.clothing, "risk_trafficking": ui.risk_trafficking,
                       "risk_medication": ui.risk_medication, "risk_notes": ui.risk_notes,
                       "correction_reason": ui.correction_reason}
        _correcting(ui, self, _("Correct the missing report"), episode is not None)
        if episode is not None:
            set_datetime(ui.last_seen_at, episode.last_seen_at)
            for edit, value in ((ui.last_seen_place, episode.last_seen_place), (ui.seen_with, episode.seen_with),
                                (ui.risk_medication, episode.risk_medication)):
                edit.setText(value)
            for edit, value in ((ui.circumstances, episode.circumstances), (ui.description, episode.description),
                                (ui.clothing, episode.clothing), (ui.risk_notes, episode.risk_notes)):
                edit.setPlainText(value)
            ui.risk_trafficking.setChecked(episode.risk_trafficking)
        self._start(ui)
        (ui.correction_reason if episode else ui.last_seen_place).setFocus()

    def form(self) -> MissingInput:
        ui = self.ui
        return MissingInput(
            last_seen_at=edit_datetime(ui.last_seen_at), last_seen_place=ui.last_seen_place.text(),
            seen_with=ui.seen_with.text(), circumstances=ui.circumstances.toPlainText(),
            description=ui.description.toPlainText(), clothing=ui.clothing.toPlainText(),
            risk_trafficking=ui.risk_trafficking.isChecked(), risk_medication=ui.risk_medication.text(),
            risk_notes=ui.risk_notes.toPlainText())

    def work(self):
        us, child_id, form = self.us, self.child_id, self.form()
        if self.episode is not None:
            eid, reason = self.episode.id, self.ui.correction_reason.toPlainText()
            return lambda: missing.correct_report(us, eid, form, reason)
        return lambda: missing.report_missing(us, child_id, form)

    def changes(self, result) -> Changes:
        return Changes.of(Kind.MISSING, child=self.child_id)


class EndPlacementDialog(SaveDialog):
    """The day the child left the placement and why."""

    def __init__(self, us, placement, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_EndPlacementDialog()
        ui.setupUi(self)
        self.us, self.placement_id, self.child_id = us, placement.id, placement.child_id
        self.setWindowTitle(_("End the placement"))
        ui.intro_label.setText(_("The child leaves: {place}").format(place=placement.place))
        ui.end_date.setDisplayFormat(date_format())
        ui.end_date.setDate(QDate.currentDate())
        reasons = [(c, PR.label(PR.END_REASONS, c)) for c in PR.END_REASONS
                   if c != "transfer" and may_end_for(us.actor.role, c)]  # facility staff: the facts only
        fill_combo(ui.reason, reasons, "returned_to_family")
        self.fields = {"end_date": ui.end_date, "end_reason": ui.reason, "end_note": ui.note}
        self._start(ui)
        ui.reason.setFocus()

    def work(self):
        ui = self.ui
        us, pid = self.us, self.placement_id
        day, reason, note = get_date(ui.end_date), ui.reason.currentData(), ui.note.toPlainText()
        return lambda: placements.end_placement(us, pid, day, reason, note)

    def changes(self, result) -> Changes:
        return Changes.of(Kind.PLACEMENT, Kind.FACILITY, child=self.child_id)


class InformedDialog(SaveDialog):
    """Who was told of the disappearance and when: the police first (with their reference number)."""

    def __init__(self, us, episode, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_InformedDialog()
        ui.setupUi(self)
        self.us, self.episode_id, self.child_id = us, episode.id, episode.child_id
        self.setWindowTitle(_("Record informing"))
        done = {i.party for i in episode.informed}
        first = next((p for p in PR.INFORMED_PARTIES if p not in done), "police")
        fill_combo(ui.party, [(c, PR.label(PR.INFORMED_PARTIES, c)) for c in PR.INFORMED_PARTIES], first)
        self.informed = {i.party: i for i in episode.informed}
        self.fields = {"party": ui.party, "informed_at": ui.informed_at, "reference": ui.reference,
                       "person": ui.person}
        ui.party.currentIndexChanged.connect(self._party_changed)
        self._party_changed()
        self._start(ui)
        ui.reference.setFocus()

    def _party_changed(self, *_args: object) -> None:
        """A party already informed: its entry is shown to correct; saving keeps the earlier one in the history."""
        ui, done = self.ui, self.informed.get(self.ui.party.currentData())
        set_datetime(ui.informed_at, done.at if done else None)
        ui.reference.setText(done.reference if done else "")
        ui.person.setText(done.person if done else "")
        if done:
            ui.intro_label.setText(_("Already recorded: {when}. Saving replaces it; the earlier entry stays in the "
                                     "child's history.").format(when=format_datetime(done.at, "")))
        ui.intro_label.setVisible(done is not None)

    def work(self):
        ui = self.ui
        us, eid = self.us, self.episode_id
        party, at, ref, person = ui.party.currentData(), edit_datetime(ui.informed_at), ui.reference.text(), ui.person.text()
        return lambda: missing.record_informed(us, eid, party, at, ref, person)

    def changes(self, result) -> Changes:
        return Changes.of(Kind.MISSING, child=self.child_id)


class MissingReturnDialog(SaveDialog):
    """The child is back or found: when, where, in what condition, the return interview."""

    def __init__(self, us, episode, parent: QWidget | None = None, correcting: bool = False) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_MissingReturnDialog()
        ui.setupUi(self)
        self.us, self.episode_id, self.child_id, self.correcting = us, episode.id, episode.child_id, correcting
        self.setWindowTitle(_("Record the return"))
        ui.intro_label.hide()
        set_datetime(ui.returned_at)
        ui.interview_on.setDisplayFormat(date_format())
        ui.interview_on.setDate(QDate.currentDate())
        ui.interview_on.setEnabled(False)
        ui.interview_held.toggled.connect(ui.interview_on.setEnabled)
        self.fields = {"returned_at": ui.returned_at, "found_place": ui.found_place, "condition": ui.condition,
                       "interview_on": ui.interview_on, "return_notes": ui.return_notes,
                       "correction_reason": ui.correction_reason}
        _correcting(ui, self, _("Correct the return"), correcting)
        if correcting:
            set_datetime(ui.returned_at, episode.returned_at)
            ui.found_place.setText(episode.found_place)
            ui.condition.setPlainText(episode.condition)
            ui.return_notes.setPlainText(episode.return_notes)
            ui.interview_held.setChecked(bool(episode.return_interview))
            if episode.return_interview_on:
                on = episode.return_interview_on
                ui.interview_on.setDate(QDate(on.year, on.month, on.day))
        self._start(ui)
        (ui.correction_reason if correcting else ui.found_place).setFocus()

    def work(self):
        ui = self.ui
        us, eid = self.us, self.episode_id
        held = ui.interview_held.isChecked()
        at, place, condition = edit_datetime(ui.returned_at), ui.found_place.text(), ui.condition.toPlainText()
        on, notes = get_date(ui.interview_on) if held else None, ui.return_notes.toPlainText()
        if self.correcting:
            reason = ui.correction_reason.toPlainText()
            return lambda: missing.correct_return(us, eid, at, place, condition, held or None, on, notes,
                                                              reason)
        return lambda: missing.record_return(us, eid, at, place, condition, held or None, on, notes)

    def changes(self, result) -> Changes:
        return Changes.of(Kind.MISSING, child=self.child_id)


class ExtendDialog(SaveDialog):
    """A court's extension of a preliminary measure, or the extension of a ZDVOP contract."""

    def __init__(self, us, placement, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_ExtendDialog()
        ui.setupUi(self)
        self.us, self.placement_id, self.child_id = us, placement.id, placement.child_id
        self.setWindowTitle(_("Extend the placement"))
        expiry = placement.effective_expiry
        ui.intro_label.setText(_("{basis}, now until {date}.").format(
            basis=PR.label(PR.LEGAL_BASES, placement.legal_basis), date=format_date(expiry)) if expiry else "")
        ui.intro_label.setVisible(expiry is not None)
        court = placement.legal_basis in PR.COURT_BASES
        for edit in (ui.decided_on, ui.new_expiry):
            edit.setDisplayFormat(date_format())
            edit.setDate(QDate.currentDate())
        if expiry:
            ui.new_expiry.setDate(QDate(expiry.year, expiry.month, expiry.day).addMonths(1))
        ui.court.setText(placement.court if court else "")
        ui.court_file_number.setText(placement.court_file_number if court else "")
        for widget in (ui.court, ui.court_file_number):
            ui.form_layout.setRowVisible(widget, court)
        # A ZDVOP contract's extension needs the municipal authority's consent: its day, entered by hand.
        self.contract = placement.legal_basis == "zdvop_contract"
        make_optional_date(ui.consent_on)
        ui.form_layout.setRowVisible(ui.consent_on, self.contract)
        # A measure past 6 months from its start needs the reason (s. 460): asked for once the date passes.
        self.cap = placement.total_cap if placement.legal_basis == "preliminary_measure" else None
        self.had_reason = bool(placement.exception_reason)
        ui.exception_reason.setPlainText(placement.exception_reason)
        if self.cap is not None:
            ui.cap_label.setText(_("The 6 months from the measure's start end on {date}; a later expiry needs the "
                                   "reason below.").format(date=format_date(self.cap)))
        ui.form_layout.setRowVisible(ui.cap_label, self.cap is not None)
        ui.new_expiry.dateChanged.connect(self._update_rows)
        self.fields = {"decided_on": ui.decided_on, "new_expiry": ui.new_expiry, "court": ui.court,
                       "court_file_number": ui.court_file_number, "note": ui.note, "consent_on": ui.consent_on,
                       "exception_reason": ui.exception_reason}
        self._update_rows()
        self._start(ui)
        ui.new_expiry.setFocus()

    def _needs_reason(self) -> bool:
        expiry = get_date(self.ui.new_expiry)
        return self.cap is not None and (self.had_reason or (expiry is not None and expiry > self.cap))

    def _update_rows(self, *_args: object) -> None:
        self.ui.form_layout.setRowVisible(self.ui.exception_reason, self._needs_reason())
        self.adjustSize()

    def work(self):
        ui = self.ui
        us, pid = self.us, self.placement_id
        decided, expiry = get_date(ui.decided_on), get_date(ui.new_expiry)
        court, number, note = ui.court.text(), ui.court_file_number.text(), ui.note.toPlainText()
        consent = get_date(ui.consent_on) if self.contract else None
        reason = ui.exception_reason.toPlainText() if self._needs_reason() else ""
        return lambda: placements.extend_placement(us, pid, decided, expiry, court, number, note,
                                                   consent_on=consent, exception_reason=reason)

    def changes(self, result) -> Changes:
        return Changes.of(Kind.PLACEMENT, child=self.child_id)


class DiagnosticsDialog(SaveDialog):
    """The day the diagnostics of an intake/diagnostic stay were completed: its 8-week clock closes."""

    def __init__(self, us, placement, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_DiagnosticsDialog()
        ui.setupUi(self)
        self.us, self.placement_id, self.child_id = us, placement.id, placement.child_id
        self.setWindowTitle(_("Diagnostics completed"))
        ui.intro_label.setText(_("Intake/diagnostic stay: {place}, since {date}. A mistaken day is put right by "
                                 "correcting the placement.").format(place=placement.place,
                                                                     date=format_date(placement.start_date)))
        ui.completed_on.setDisplayFormat(date_format())
        ui.completed_on.setDate(QDate.currentDate())
        self.fields = {"diagnostics_completed_on": ui.completed_on}
        self._start(ui)
        ui.completed_on.setFocus()

    def work(self):
        us, pid, day = self.us, self.placement_id, get_date(self.ui.completed_on)
        return lambda: placements.complete_diagnostics(us, pid, day)

    def changes(self, result) -> Changes:
        return Changes.of(Kind.PLACEMENT, child=self.child_id)
