"""Record a formal age assessment: method, date, who, the resulting range."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QWidget

from ospod_desktop.core import child_rules as R
from ospod_desktop.core.i18n import _
from ospod_desktop.core.text import isolate
from ospod_desktop.services import children
from ospod_desktop.ui.changes import Changes
from ospod_desktop.ui.dialogs.child_fields import date_format, fill_combo, get_date
from ospod_desktop.ui.dialogs.save_dialog import SaveDialog
from ospod_desktop.ui.forms.ui_age_assessment_dialog import Ui_AgeAssessmentDialog


class AgeAssessmentDialog(SaveDialog):
    """Emits `saved(assessment_id)`; the child's estimated range follows the assessment."""

    def __init__(self, us, child_id: int, child_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_AgeAssessmentDialog()
        ui.setupUi(self)
        self.us, self.child_id = us, child_id
        self.setWindowTitle(_("Age assessment"))
        ui.intro_label.setText(_("Age assessment of {name}. When the result is a range, the child is presumed to be "
                                 "the youngest age in it.").format(name=isolate(child_name)) if child_name else "")
        ui.intro_label.setVisible(bool(child_name))
        fill_combo(ui.method_combo, [(c, R.label(R.ASSESSMENT_METHODS, c)) for c in R.ASSESSMENT_METHODS], "interview")
        ui.assessed_on_edit.setDisplayFormat(date_format())
        ui.assessed_on_edit.setDate(QDate.currentDate())
        ui.age_min_spin.setValue(14)
        ui.age_max_spin.setValue(16)
        self.fields = {"method": ui.method_combo, "assessed_on": ui.assessed_on_edit, "assessor": ui.assessor_edit,
                       "age_min": ui.age_min_spin, "age_max": ui.age_max_spin, "notes": ui.notes_edit}
        self._start(ui)
        ui.assessor_edit.setFocus()

    def work(self):
        ui = self.ui
        method, assessor, notes = ui.method_combo.currentData(), ui.assessor_edit.text(), ui.notes_edit.toPlainText()
        on: date | None = get_date(ui.assessed_on_edit)
        low, high = ui.age_min_spin.value(), ui.age_max_spin.value()
        us, child_id = self.us, self.child_id
        return lambda: children.add_age_assessment(us, child_id, method, on, assessor, low, high, notes)

    def changes(self, result) -> Changes:
        return Changes.of(child=self.child_id)
