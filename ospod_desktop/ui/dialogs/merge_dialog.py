"""Merge two records of the same child: choose which one to keep; both histories stay."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from ospod_desktop.core.i18n import _
from ospod_desktop.core.text import isolate
from ospod_desktop.services import children
from ospod_desktop.ui.changes import Changes, Kind
from ospod_desktop.ui.errors import show_label_error
from ospod_desktop.ui.forms.ui_merge_dialog import Ui_MergeDialog
from ospod_desktop.ui.tasks import Task
from ospod_desktop.ui.widgets import set_busy


class MergeDialog(QDialog):
    """Emits `merged(keep_id, merge_id)` for the duplicates page; the change is announced app-wide (`ui.changes`)."""

    merged = Signal(int, int)

    def __init__(self, us, a: tuple[int, str], b: tuple[int, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_MergeDialog()
        self.ui.setupUi(self)
        self.us, self.a_id, self.b_id = us, a[0], b[0]
        ui = self.ui
        for radio, (child_id, name) in ((ui.keep_a_radio, a), (ui.keep_b_radio, b)):
            radio.setText(_("Keep record no. {id}: {name}").format(id=child_id, name=isolate(name)))
        ui.error_label.hide()
        ui.busy_bar.hide()
        ui.button_box.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Merge"))
        ui.button_box.accepted.connect(self.submit)
        ui.button_box.rejected.connect(self.reject)

    def chosen(self) -> tuple[int, int]:
        """(keep, merge)"""
        return (self.a_id, self.b_id) if self.ui.keep_a_radio.isChecked() else (self.b_id, self.a_id)

    def submit(self) -> Task:
        keep, merge = self.chosen()
        us = self.us
        set_busy(True, self.ui.busy_bar, self.ui.button_box)
        # The kept record gains the other's names, identifiers, placements and disappearances.
        changed = Changes.of(Kind.PLACEMENT, Kind.MISSING, Kind.FACILITY, Kind.DUPLICATE, child=(keep, merge))
        return Task(self, lambda: children.merge_children(us, keep, merge), busy_cursor=True).changes(changed).success(
            lambda _r: self._done(keep, merge)).failure(self._failed).run()

    def _done(self, keep: int, merge: int) -> None:
        set_busy(False, self.ui.busy_bar, self.ui.button_box)
        self.merged.emit(keep, merge)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        set_busy(False, self.ui.busy_bar, self.ui.button_box)
        show_label_error(self.ui.error_label, exc)
