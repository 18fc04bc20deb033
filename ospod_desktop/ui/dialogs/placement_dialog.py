"""Place a child, or transfer them to the next placement: a facility of the register or a named person
(foster family, relatives), the legal basis with its court decision or ZDVOP contract, the dates.

Only the fields the chosen place and legal basis need are shown. Facility staff are offered only what the
services allow them (`core.roles.PLACEMENT_RULES`): arrivals into their own facility on a basis that is not a
court's decision; in a correction, only the days, the reason for the end and the notes. Transfers are OSPOD's.

With `correcting` (a saved `PlacementView`) the dialog corrects what was recorded: every field prefilled,
the end too, and a reason for the correction (`services.placement_corrections`).
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QWidget

from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core.i18n import _
from ospod_desktop.core.placement_form import PlacementInput
from ospod_desktop.core.policy import default_policy
from ospod_desktop.core.roles import Role, may_correct, may_end_for, may_place_on
from ospod_desktop.services import placements
from ospod_desktop.ui.changes import Changes, Kind
from ospod_desktop.ui.dialogs.child_fields import (
    date_format,
    fill_combo,
    get_date,
    make_optional_date,
    select_data,
    set_date,
)  # fmt: skip
from ospod_desktop.ui.dialogs.save_dialog import SaveDialog
from ospod_desktop.ui.forms.ui_placement_dialog import Ui_PlacementDialog

FACILITY_TEXT_WIDTH = 290  # pixels of a facility's name in the closed list
PERSON = "person:"  # combo data of the named-person choices: "person:foster_family", "person:relatives"


class PlacementDialog(SaveDialog):
    """`transfer=True` ends the current placement on the start day and begins this one (one step)."""

    def __init__(self, us, child_id: int, transfer: bool = False, parent: QWidget | None = None,
                 correcting=None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_PlacementDialog()
        ui.setupUi(self)
        self.us, self.child_id, self.transfer, self.correcting = us, child_id, transfer, correcting
        titles = (_("Place the child"), _("Transfer the child"), _("Correct the placement"))
        self.setWindowTitle(titles[2 if correcting else int(transfer)])
        intro = _("The current placement ends on the start day of the new one.") if transfer else ""
        if correcting:
            intro = _("Correct what was recorded. The earlier values and your reason stay in the child's history.")
        ui.intro_label.setText(intro)
        ui.intro_label.setVisible(bool(intro))
        self._pending_facility: object = None
        role = us.actor.role
        bases = [c for c in PR.LEGAL_BASES if correcting is not None or may_place_on(role, c)]
        fill_combo(ui.legal_basis, [(c, PR.label(PR.LEGAL_BASES, c)) for c in bases],
                   "preliminary_measure" if "preliminary_measure" in bases else "urgent_care")
        fill_combo(ui.contract_party, [(c, PR.label(PR.CONTRACT_PARTIES, c)) for c in PR.CONTRACT_PARTIES], "ospod")
        for edit in (ui.decision_date, ui.start_date):
            edit.setDisplayFormat(date_format())
            edit.setDate(QDate.currentDate())
        for edit in (ui.expiry_date, ui.end_date, ui.enforceable_on, ui.diagnostics_completed_on):
            make_optional_date(edit)
        self._types: dict = {}  # facility id -> type, for the diagnostic-stay mark's default
        self._diagnostic_settings = default_policy().diagnostic_settings
        self._diagnostic_touched = correcting is not None  # the officer's own choice is never overridden
        ui.diagnostic_stay.clicked.connect(self._diagnostic_clicked)
        ui.section_461.toggled.connect(self._update_rows)
        ui.diagnostic_stay.toggled.connect(self._update_rows)
        # "Transfer" belongs only to a placement a transfer ended (the next one starts that day); it stays fixed.
        transferred = correcting is not None and correcting.end_reason == "transfer"
        recorded = correcting.end_reason if correcting is not None else ""
        fill_combo(ui.end_reason, [(c, PR.label(PR.END_REASONS, c)) for c in PR.END_REASONS
                                   if ((c == "transfer") == transferred or (not transferred and c != "transfer"))
                                   and (may_end_for(role, c) or c == recorded)],
                   "transfer" if transferred else "returned_to_family")
        ui.end_reason.setEnabled(not transferred)
        if recorded and not may_end_for(role, recorded):  # an end OSPOD recorded: OSPOD corrects it
            ui.end_date.setEnabled(False)
            ui.end_reason.setEnabled(False)
        for widget in (ui.end_date, ui.end_reason, ui.end_note, ui.correction_reason):
            self._show_row(widget, correcting is not None)
        self.fields = {"facility_id": ui.facility, "setting": ui.facility, "carer_name": ui.carer_name,
                       "carer_relationship": ui.carer_relationship, "carer_address": ui.carer_address,
                       "carer_contact": ui.carer_contact, "legal_basis": ui.legal_basis, "court": ui.court,
                       "court_file_number": ui.court_file_number, "decision_date": ui.decision_date,
                       "contract_party": ui.contract_party, "start_date": ui.start_date,
                       "expiry_date": ui.expiry_date, "notes": ui.notes, "end_date": ui.end_date,
                       "end_reason": ui.end_reason, "end_note": ui.end_note, "correction_reason": ui.correction_reason,
                       "enforceable_on": ui.enforceable_on, "section_461": ui.section_461,
                       "exception_reason": ui.exception_reason, "diagnostic_stay": ui.diagnostic_stay,
                       "diagnostics_completed_on": ui.diagnostics_completed_on}
        if correcting is not None:
            self._prefill(correcting)
            for column, widget in self.fields.items():  # what the role may not correct stays as recorded
                if column != "correction_reason" and not may_correct(role, column):
                    widget.setEnabled(False)
        ui.facility.currentIndexChanged.connect(self._update_rows)
        ui.legal_basis.currentIndexChanged.connect(self._update_rows)
        self._last_start = ui.start_date.date()
        ui.start_date.dateChanged.connect(self._start_changed)
        self._start(ui)
        self._update_rows()
        (ui.correction_reason if correcting else ui.facility).setFocus()
        include_inactive = correcting is not None
        self.load(lambda: placements.list_facilities(us, include_inactive=include_inactive), self._fill_facilities)

    def _fill_facilities(self, listed: list) -> None:
        """The register (occupancy beside each name) and the named-person choices; the role limits the list."""
        ui, us, transfer, correcting = self.ui, self.us, self.transfer, self.correcting
        own_only = us.actor.role is Role.FACILITY_STAFF and (not transfer or correcting is not None)
        self._types = {f.id: f.type for f in listed}
        items = [(f.id, self._facility_text(f)) for f in listed
                 if (not own_only or f.id == us.actor.facility_id)
                 and (f.active or (correcting is not None and f.id == correcting.facility_id))]
        if not own_only:
            items += [(PERSON + s, _("{kind} (a named person)").format(kind=PR.label(PR.FACILITY_TYPES, s)))
                      for s in PR.PERSON_SETTINGS]
        # Official names share long beginnings and differ at the end (the town): cut them in the middle so the
        # closed list shows what tells facilities apart; the whole name is the item's tooltip.
        metrics, room = ui.facility.fontMetrics(), FACILITY_TEXT_WIDTH
        fill_combo(ui.facility, [(code, metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, room))
                                 for code, text in items])
        for index, (_code, text) in enumerate(items):
            ui.facility.setItemData(index, text, Qt.ItemDataRole.ToolTipRole)
        if correcting is not None:
            select_data(ui.facility, correcting.facility_id if correcting.facility_id else PERSON + correcting.setting)
        if self._pending_facility is not None:
            select_data(ui.facility, self._pending_facility)
        self._update_rows()

    def _prefill(self, p) -> None:
        ui = self.ui
        select_data(ui.legal_basis, p.legal_basis)
        select_data(ui.contract_party, p.contract_party or "ospod")
        for edit, value in ((ui.carer_name, p.carer_name), (ui.carer_relationship, p.carer_relationship),
                            (ui.carer_address, p.carer_address), (ui.carer_contact, p.carer_contact),
                            (ui.court, p.court), (ui.court_file_number, p.court_file_number)):
            edit.setText(value)
        set_date(ui.start_date, p.start_date)
        if p.decision_date:
            set_date(ui.decision_date, p.decision_date)
        set_date(ui.expiry_date, p.expiry_date)
        set_date(ui.end_date, p.end_date)
        if p.end_reason:
            select_data(ui.end_reason, p.end_reason)
        ui.end_note.setPlainText(p.end_note)
        ui.notes.setPlainText(p.notes)
        set_date(ui.enforceable_on, p.enforceable_on)
        ui.exception_reason.setPlainText(p.exception_reason)
        ui.section_461.setChecked(p.section_461)
        ui.diagnostic_stay.setChecked(p.is_diagnostic_stay)
        set_date(ui.diagnostics_completed_on, p.diagnostics_completed_on)

    def _start_changed(self, day: QDate) -> None:
        """The court's decision usually comes the day the child is placed: it follows the start until changed."""
        if self.ui.decision_date.date() == self._last_start:
            self.ui.decision_date.setDate(day)
        self._last_start = day

    @staticmethod
    def _facility_text(f) -> str:
        if f.capacity is None:
            return f.name
        return _("{name} ({occupancy} / {capacity})").format(name=f.name, occupancy=f.occupancy, capacity=f.capacity)

    def person_setting(self) -> str | None:
        data = self.ui.facility.currentData()
        return data[len(PERSON):] if isinstance(data, str) and data.startswith(PERSON) else None

    def _update_rows(self, *_args: object) -> None:
        ui = self.ui
        person = self.person_setting() is not None
        basis = ui.legal_basis.currentData()
        row = self._show_row
        for widget in (ui.carer_name, ui.carer_relationship, ui.carer_address, ui.carer_contact):
            row(widget, person)
        for widget in (ui.court, ui.court_file_number, ui.decision_date):
            row(widget, basis in PR.COURT_BASES)
        row(ui.contract_party, basis == "zdvop_contract")
        pm = basis == "preliminary_measure"
        for widget in (ui.enforceable_on, ui.section_461):
            row(widget, pm)
        row(ui.exception_reason, pm and not ui.section_461.isChecked())
        if not self._diagnostic_touched and not person:  # presumed from the facility's type until chosen
            ui.diagnostic_stay.setChecked(self._types.get(ui.facility.currentData()) in self._diagnostic_settings)
        row(ui.diagnostic_stay, not person)
        row(ui.diagnostics_completed_on, self.correcting is not None and not person and ui.diagnostic_stay.isChecked())
        self.adjustSize()

    def _show_row(self, widget: QWidget, visible: bool) -> None:
        """Show or hide a field's row in whichever of the two columns (`form_layout`, `dates_layout`) holds it."""
        ui = self.ui
        (ui.form_layout if ui.form_layout.indexOf(widget) >= 0 else ui.dates_layout).setRowVisible(widget, visible)

    def _diagnostic_clicked(self, *_args: object) -> None:
        self._diagnostic_touched = True

    def _diagnostic_value(self) -> bool | None:
        """The mark as chosen; None for a person (never a diagnostic stay) or an unmarked placement left as presumed."""
        if self.person_setting() is not None:
            return None
        checked, was = self.ui.diagnostic_stay.isChecked(), self.correcting
        if was is not None and was.diagnostic_stay is None and checked == was.is_diagnostic_stay:
            return None
        return checked

    def form(self) -> PlacementInput:
        ui = self.ui
        setting = self.person_setting()
        court_basis = ui.legal_basis.currentData() in PR.COURT_BASES
        pm = ui.legal_basis.currentData() == "preliminary_measure"
        return PlacementInput(
            start_date=get_date(ui.start_date), legal_basis=ui.legal_basis.currentData() or "",
            facility_id=None if setting else ui.facility.currentData(), setting=setting or "",
            carer_name=ui.carer_name.text() if setting else "",
            carer_relationship=ui.carer_relationship.text() if setting else "",
            carer_address=ui.carer_address.text() if setting else "",
            carer_contact=ui.carer_contact.text() if setting else "",
            court=ui.court.text() if court_basis else "",
            court_file_number=ui.court_file_number.text() if court_basis else "",
            decision_date=get_date(ui.decision_date) if court_basis else None,
            contract_party=ui.contract_party.currentData() if ui.legal_basis.currentData() == "zdvop_contract" else "",
            expiry_date=get_date(ui.expiry_date), notes=ui.notes.toPlainText(),
            end_date=get_date(ui.end_date) if self.correcting else None,
            end_reason=ui.end_reason.currentData() if self.correcting and get_date(ui.end_date) else "",
            end_note=ui.end_note.toPlainText() if self.correcting else "",
            enforceable_on=get_date(ui.enforceable_on) if pm else None,
            section_461=pm and ui.section_461.isChecked(),
            exception_reason=ui.exception_reason.toPlainText() if pm and not ui.section_461.isChecked() else "",
            diagnostic_stay=self._diagnostic_value(),
            diagnostics_completed_on=get_date(ui.diagnostics_completed_on)
            if self.correcting is not None and ui.diagnostic_stay.isChecked() else None)

    def select_facility(self, facility_id) -> None:
        """Choose a facility (or "person:…"), also before the list has come in."""
        self._pending_facility = facility_id
        select_data(self.ui.facility, facility_id)

    def work(self):
        us, child_id, form = self.us, self.child_id, self.form()
        if self.correcting is not None:
            pid, reason = self.correcting.id, self.ui.correction_reason.toPlainText()
            return lambda: placements.correct_placement(us, pid, form, reason)
        action = placements.transfer_child if self.transfer else placements.place_child
        return lambda: action(us, child_id, form)

    def changes(self, result) -> Changes:
        return Changes.of(Kind.PLACEMENT, Kind.FACILITY, child=self.child_id)
