"""Dialogs that end or undo what was recorded: close a missing episode without a return
(`CloseEpisodeDialog`), and the reason asked before a deletion or a reopening (`ReasonDialog`)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialogButtonBox, QWidget

from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core.i18n import _
from ospod_desktop.services import missing
from ospod_desktop.ui.changes import Changes, Kind
from ospod_desktop.ui.dialogs.child_fields import edit_datetime, fill_combo, set_datetime
from ospod_desktop.ui.dialogs.save_dialog import SaveDialog
from ospod_desktop.ui.forms.ui_close_episode_dialog import Ui_CloseEpisodeDialog
from ospod_desktop.ui.forms.ui_reason_dialog import Ui_ReasonDialog


class CloseEpisodeDialog(SaveDialog):
    """End a missing episode without the child coming back: located abroad, turned 18, the case closed."""

    def __init__(self, us, episode, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_CloseEpisodeDialog()
        ui.setupUi(self)
        self.us, self.episode_id, self.child_id = us, episode.id, episode.child_id
        self.setWindowTitle(_("Close the missing episode"))
        ui.intro_label.setText(_("The child has not come back, but the episode ends: for example the child was "
                                 "located abroad or turned 18 while missing. If the child is back, record the "
                                 "return instead."))
        set_datetime(ui.closed_at)
        fill_combo(ui.close_reason, [(c, PR.label(PR.MISSING_CLOSE_REASONS, c)) for c in PR.MISSING_CLOSE_REASONS],
                   "located_abroad")
        self.fields = {"closed_at": ui.closed_at, "close_reason": ui.close_reason}
        self._start(ui)
        self.adjustSize()
        ui.close_reason.setFocus()

    def work(self):
        us, eid = self.us, self.episode_id
        at, reason = edit_datetime(self.ui.closed_at), self.ui.close_reason.currentData()
        return lambda: missing.close_episode(us, eid, at, reason)

    def changes(self, result) -> Changes:
        return Changes.of(Kind.MISSING, child=self.child_id)


class ReasonDialog(SaveDialog):
    """Asks why before a deletion or a reopening; `action(reason)` runs on a worker; `changes`: what it changes."""

    def __init__(self, title: str, intro: str, button: str, action: Callable[[str], object],
                 parent: QWidget | None = None, changes: Changes | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_ReasonDialog()
        ui.setupUi(self)
        self.action, self._changes = action, changes
        self.setWindowTitle(title)
        ui.intro_label.setText(intro)
        ui.button_box.button(QDialogButtonBox.StandardButton.Save).setText(button)
        ui.correction_reason_label.setText(_("&Reason"))  # why it is deleted or reopened
        self.fields = {"correction_reason": ui.correction_reason}
        self._start(ui)
        self.resize(560, 0)
        # The wrapped question decides the height (a dialog's first size ignores height-for-width).
        margins = ui.main_layout.contentsMargins()
        ui.intro_label.setMinimumHeight(ui.intro_label.heightForWidth(560 - margins.left() - margins.right()))
        ui.correction_reason.setFocus()

    def work(self):
        action, reason = self.action, self.ui.correction_reason.toPlainText()
        return lambda: action(reason)

    def changes(self, result) -> Changes | None:
        return self._changes
