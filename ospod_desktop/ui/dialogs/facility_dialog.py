"""Add or edit a facility of the register (administrators)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core.i18n import _
from ospod_desktop.services import placements
from ospod_desktop.services.placements import FacilityInput
from ospod_desktop.ui.changes import Changes
from ospod_desktop.ui.dialogs.child_fields import fill_combo, get_number, optional_spin, set_number
from ospod_desktop.ui.dialogs.save_dialog import SaveDialog
from ospod_desktop.ui.forms.ui_facility_dialog import Ui_FacilityDialog


class FacilityDialog(SaveDialog):
    """`facility`: a `FacilityView` to edit, or None for a new one. Emits `saved(facility_id)`."""

    def __init__(self, us, facility=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_FacilityDialog()
        ui.setupUi(self)
        self.us, self.facility = us, facility
        self.setWindowTitle(_("Edit the facility") if facility else _("Add a facility"))
        ui.intro_label.hide()
        fill_combo(ui.type, [(c, PR.label(PR.FACILITY_TYPES, c)) for c in PR.FACILITY_TYPES
                             if c not in PR.PERSON_SETTINGS], facility.type if facility else "zdvop")
        optional_spin(ui.capacity, 0, placements.MAX_CAPACITY)
        ui.active.setChecked(True)
        if facility is not None:
            ui.name.setText(facility.name)
            ui.code.setText(facility.code)
            ui.address.setPlainText(facility.address)
            set_number(ui.capacity, facility.capacity)
            ui.phone.setText(facility.phone)
            ui.email.setText(facility.email)
            ui.contact_person.setText(facility.contact_person)
            ui.other_contacts.setPlainText(facility.other_contacts)
            ui.active.setChecked(facility.active)
        self.fields = {"name": ui.name, "code": ui.code, "type": ui.type, "address": ui.address,
                       "capacity": ui.capacity, "phone": ui.phone, "email": ui.email,
                       "contact_person": ui.contact_person, "other_contacts": ui.other_contacts, "active": ui.active}
        self._start(ui)
        ui.name.setFocus()

    def form(self) -> FacilityInput:
        ui = self.ui
        return FacilityInput(
            code=ui.code.text(), name=ui.name.text(), type=ui.type.currentData(), address=ui.address.toPlainText(),
            capacity=get_number(ui.capacity), phone=ui.phone.text(), email=ui.email.text(),
            contact_person=ui.contact_person.text(), other_contacts=ui.other_contacts.toPlainText(),
            active=ui.active.isChecked())

    def work(self):
        us, form, facility = self.us, self.form(), self.facility
        if facility is None:
            return lambda: placements.create_facility(us, form)
        fid = facility.id
        return lambda: (placements.update_facility(us, fid, form), fid)[1]

    def changes(self, facility_id: int) -> Changes:
        return Changes.of(facility=facility_id)
