"""An administrator opens children's records in an emergency ("break glass"): a reason, then read-only access."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QWidget

from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core.i18n import _
from ospod_desktop.services import scope
from ospod_desktop.ui.changes import Changes, Kind
from ospod_desktop.ui.dialogs.child_fields import fill_combo
from ospod_desktop.ui.dialogs.save_dialog import SaveDialog
from ospod_desktop.ui.forms.ui_break_glass_dialog import Ui_BreakGlassDialog

WARNING_STYLE = "background: #fdecea; color: #611a15; border: 1px solid #e57373; border-radius: 3px; padding: 8px;"


class BreakGlassDialog(SaveDialog):
    """Asks for the reason code and a written reason; emits `saved(break_glass_id)` once access is open."""

    def __init__(self, us, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_BreakGlassDialog()
        ui.setupUi(self)
        self.us = us
        ui.warning_label.setStyleSheet(WARNING_STYLE)
        # No reason is preselected: the administrator must pick one deliberately.
        fill_combo(ui.reason_code, [(None, _("— choose —"))]
                   + [(code, PR.label(PR.BREAK_GLASS_REASONS, code)) for code in PR.BREAK_GLASS_REASONS], None)
        ui.reason.setPlaceholderText(
            _("Who asked for the records and why; for a court or the police, their reference number. "
              "At least {n} characters.").format(n=scope.BREAK_GLASS_MIN_REASON))
        ui.button_box.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Open the records"))
        self.fields = {"reason_code": ui.reason_code, "reason": ui.reason}
        self._start(ui)
        ui.reason_code.setFocus()

    def work(self):
        us, text, code = self.us, self.ui.reason.toPlainText(), self.ui.reason_code.currentData()
        return lambda: scope.break_glass(us, text, code)

    def changes(self, result) -> Changes:
        return Changes.of(Kind.ACCESS)
