"""The common flow of a dialog that saves one thing: the service call runs on a worker, the buttons wait, a
service's field-named error shows beside the form and the cursor goes to that field; `saved(id)` on success."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget

from ospod_desktop.core.errors import OspodError
from ospod_desktop.ui.errors import show_label_error
from ospod_desktop.ui.tasks import Task
from ospod_desktop.ui.widgets import focus_field, set_busy


class SaveDialog(QDialog):
    """Common flow: `work()` returns a callable for the worker (or raises a field-named error from a check on
    the form); `succeeded(result)` runs after it worked — by default `saved(int)` fires and the dialog closes."""

    saved = Signal(int)
    fields: dict[str, QWidget]

    def _start(self, ui) -> None:
        ui.error_label.hide()
        ui.busy_bar.hide()
        ui.button_box.accepted.connect(self.submit)
        ui.button_box.rejected.connect(self.reject)

    def work(self):  # pragma: no cover - overridden
        raise NotImplementedError

    def submit(self) -> Task | None:
        ui = self.ui
        if not ui.button_box.isEnabled():
            return None
        try:
            job = self.work()
        except OspodError as exc:  # a check on the form itself (two passwords that differ)
            self._failed(exc)
            return None
        show_label_error(ui.error_label, "")
        set_busy(True, ui.busy_bar, ui.button_box)
        return Task(self, job, busy_cursor=True).success(self._done).failure(self._failed).run()

    def _done(self, result) -> None:
        set_busy(False, self.ui.busy_bar, self.ui.button_box)
        self.succeeded(result)

    def succeeded(self, result) -> None:
        self.saved.emit(result if isinstance(result, int) else 0)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        set_busy(False, self.ui.busy_bar, self.ui.button_box)
        show_label_error(self.ui.error_label, exc)
        if isinstance(exc, OspodError):
            focus_field(self.fields, exc.field)
