"""The common flow of a dialog that saves one thing: the service call runs on a worker, the buttons wait, a
service's field-named error shows beside the form and the cursor goes to that field; on success what the
dialog declares in `changes()` is announced app-wide (`ui.changes`) and `saved(id)` fires.

A dialog that offers choices read from the database (facilities, officers) fetches them with `load()`: on a
worker, the Save button waiting until they are in."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLayout, QWidget

from ospod_desktop.core.errors import OspodError
from ospod_desktop.ui.changes import Changes
from ospod_desktop.ui.errors import show_label_error
from ospod_desktop.ui.tasks import Task
from ospod_desktop.ui.widgets import focus_field, set_busy


class SaveDialog(QDialog):
    """Common flow: `work()` returns a callable for the worker (or raises a field-named error from a check on
    the form); `changes(result)` says what it changed; `succeeded(result)` runs after it worked — by default
    `saved(int)` fires and the dialog closes."""

    saved = Signal(int)
    fields: dict[str, QWidget]
    _loading = 0  # choices still being fetched
    _broken = False  # they could not be fetched

    def _start(self, ui) -> None:
        ui.error_label.hide()
        ui.busy_bar.hide()
        ui.button_box.accepted.connect(self.submit)
        ui.button_box.rejected.connect(self.reject)

    def work(self):  # pragma: no cover - overridden
        raise NotImplementedError

    def changes(self, result) -> Changes | None:
        """What a successful save changed, for the pages that show it (None: nothing they show)."""
        return None

    def load(self, fn, then) -> Task:
        """Run `fn` on a worker and hand its result to `then` (filling choices); Save waits meanwhile."""
        self._loading += 1
        self._set_loading()
        return Task(self, fn).success(lambda result: self._loaded(then, result)).failure(self._load_failed).run()

    def _set_loading(self) -> None:
        ui = self.ui
        ui.busy_bar.setVisible(bool(self._loading))
        for button in ui.button_box.buttons():
            if ui.button_box.buttonRole(button) == QDialogButtonBox.ButtonRole.AcceptRole:
                button.setEnabled(not (self._loading or self._broken))

    def _loaded(self, then, result) -> None:
        self._loading -= 1
        self._set_loading()
        then(result)

    def _load_failed(self, exc: BaseException) -> None:
        self._loading -= 1
        self._broken = True  # the form lacks its choices: it cannot be saved
        self._set_loading()
        show_label_error(self.ui.error_label, exc)

    def submit(self) -> Task | None:
        ui = self.ui
        if not ui.button_box.isEnabled() or self._loading or self._broken:
            return None
        try:
            job = self.work()
        except OspodError as exc:  # a check on the form itself (two passwords that differ)
            self._failed(exc)
            return None
        show_label_error(ui.error_label, "")
        set_busy(True, ui.busy_bar, ui.button_box)
        return Task(self, job, busy_cursor=True).changes(self.changes).success(self._done).failure(self._failed).run()

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


def fit_height(dialog: QDialog, layout: QLayout, width: int) -> None:
    """Size `dialog` to `width` and to the height its word-wrapped labels need there (a dialog sizes itself ignoring
    height-for-width, so wrapped text would be cut off); call again after a label's text changes."""
    layout.activate()
    dialog.resize(width, max(layout.heightForWidth(width), layout.minimumSize().height()))


class WrappedSaveDialog(SaveDialog):
    """A SaveDialog of wrapped text at a fixed width (`ui.main_layout`): it refits after an error is shown."""

    WIDTH = 600

    def _fit(self) -> None:
        fit_height(self, self.ui.main_layout, self.WIDTH)

    def _failed(self, exc: BaseException) -> None:
        super()._failed(exc)
        self._fit()
