"""The deadline policy (a tab of Administration, the administrator's): every number with its basis and kind,
the visit intervals per setting, saved with a reason as a new version; the versions below; revert to the
shipped policy, export and import a file.

Reads and writes run on workers (`services.due_policy`). A refused save names the field (its label and JSON
path) under the form and moves the focus to it; nothing is saved then and the policy in force stays."""

from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHeaderView, QTableWidgetItem, QWidget

from ospod_desktop.core.errors import OspodError
from ospod_desktop.core.i18n import _
from ospod_desktop.core.policy import policy_to_data
from ospod_desktop.services import due_policy
from ospod_desktop.services.due_policy import CurrentPolicy, PolicyVersion
from ospod_desktop.ui.changes import Changes, Kind
from ospod_desktop.ui.errors import show_label_error
from ospod_desktop.ui.format import format_datetime
from ospod_desktop.ui.forms.ui_policy_tab import Ui_PolicyTab
from ospod_desktop.ui.pages.policy_tree import BASIS, KIND, LABEL, VALUE, PolicyTree, node_at
from ospod_desktop.ui.tasks import Task
from ospod_desktop.ui.widgets import LoadOnFirstShow, set_busy

OK_STYLE = "color: #1b5e20;"
REVISION, SAVED, BY, REASON = range(4)


class PolicyTab(LoadOnFirstShow, QWidget):
    """The policy editor; loads when first shown and after each save."""

    def __init__(self, us, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_PolicyTab()
        ui.setupUi(self)
        self.us = us
        self.editor = PolicyTree(ui.policy_tree)
        self.current: CurrentPolicy | None = None
        self.versions: list[PolicyVersion] = []
        ui.policy_tree.setIndentation(14)  # three levels deep: keep the labels room on a small screen
        header = ui.policy_tree.header()
        header.setStretchLastSection(False)
        for column in (LABEL, BASIS):  # the two texts share what the value and the kind leave
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for column, width in ((VALUE, 110), (KIND, 120)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            ui.policy_tree.setColumnWidth(column, width)
        table = ui.versions_table.horizontalHeader()
        table.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.setStretchLastSection(True)
        ui.policy_splitter.setStretchFactor(0, 4)
        ui.policy_splitter.setStretchFactor(1, 1)
        rows = ui.versions_table.verticalHeader()
        rows.setDefaultSectionSize(ui.versions_table.fontMetrics().height() + 8)
        ui.versions_table.setMinimumHeight(rows.defaultSectionSize() * 2 + ui.versions_table.horizontalHeader()
                                           .sizeHint().height() + 4)
        ui.policy_splitter.setSizes([400, 100])
        ui.reason_edit.setPlaceholderText(_("required, at least {n} characters").format(n=due_policy.REASON_MIN))
        ui.save_button.clicked.connect(self.save)
        ui.revert_button.clicked.connect(self.revert)
        ui.discard_button.clicked.connect(self.refresh)
        ui.add_step_button.clicked.connect(self.add_step)
        ui.remove_step_button.clicked.connect(self.remove_step)
        ui.export_button.clicked.connect(self._choose_export)
        ui.import_button.clicked.connect(self._choose_import)
        ui.policy_tree.currentItemChanged.connect(lambda *_a: self._steps_enabled())
        ui.status_label.hide()
        self._steps_enabled()

    # --- reading -----------------------------------------------------------------------------------

    def refresh(self) -> Task:
        us = self.us
        self._busy(True)
        return Task(self, lambda: (due_policy.current_policy(us), due_policy.policy_versions(us))).success(
            self._show).failure(self._failed).run()

    def _show(self, result: tuple[CurrentPolicy, list[PolicyVersion]]) -> None:
        self.current, self.versions = result
        self.editor.show(policy_to_data(self.current.policy))
        self._show_current()
        self._show_versions()
        self._busy(False)
        self._steps_enabled()

    def _show_current(self) -> None:
        c = self.current
        assert c is not None
        if c.saved_at is None:
            text = _("In force: revision {revision}, the policy shipped with the program.")
        else:
            text = _("In force: revision {revision}, saved {when} by {who}.")
        self.ui.current_label.setText(text.format(revision=c.revision, when=format_datetime(c.saved_at),
                                                  who=c.saved_by or "—"))

    def _show_versions(self) -> None:
        table = self.ui.versions_table
        table.setRowCount(len(self.versions))
        for row, v in enumerate(self.versions):
            values = [str(v.revision), format_datetime(v.saved_at, "—"), v.saved_by or "—", v.reason]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == REASON:
                    item.setToolTip(value)
                table.setItem(row, column, item)

    def _busy(self, busy: bool) -> None:
        ui = self.ui
        set_busy(busy, None, ui.policy_tree, ui.save_button, ui.revert_button, ui.discard_button,
                 ui.export_button, ui.import_button)

    def _steps_enabled(self) -> None:
        setting = self.editor.selected_setting()
        self.ui.add_step_button.setEnabled(setting is not None)
        steps = self.editor.data and setting and len(self._steps_of(setting)) > 1
        self.ui.remove_step_button.setEnabled(bool(steps))

    def _steps_of(self, path: str) -> list:
        return node_at(self.editor.data, path)["steps"]

    def add_step(self) -> None:
        setting = self.editor.selected_setting()
        if setting:
            self.editor.add_step(setting)
        self._steps_enabled()

    def remove_step(self) -> None:
        setting = self.editor.selected_setting()
        if setting:
            self.editor.remove_step(setting)
        self._steps_enabled()

    # --- writing -----------------------------------------------------------------------------------

    def save(self) -> Task:
        data, reason, us = copy.deepcopy(self.editor.data), self.ui.reason_edit.text(), self.us
        return self._write(Task(self, lambda: due_policy.save_policy(us, data, reason)))

    def revert(self) -> Task:
        reason, us = self.ui.reason_edit.text(), self.us
        return self._write(Task(self, lambda: due_policy.revert_to_default(us, reason)))

    def import_file(self, path: str) -> Task:
        reason, us = self.ui.reason_edit.text(), self.us
        return self._write(Task(self, lambda: due_policy.import_policy_file(us, path, reason)))

    def _write(self, task: Task) -> Task:
        self._busy(True)
        return task.changes(Changes.of(Kind.POLICY)).success(self._saved).failure(self._failed).run()

    def _saved(self, revision: int) -> None:
        self.ui.reason_edit.clear()
        self._status(_("Saved as revision {revision}; it is in force now.").format(revision=revision))
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        show_label_error(self.ui.status_label, exc)
        field = exc.field if isinstance(exc, OspodError) else None
        if field == "reason":
            self.ui.reason_edit.setFocus()
        elif field:
            self.editor.focus_key(field)

    def _status(self, text: str) -> None:
        label = self.ui.status_label
        label.setText(text)
        label.setStyleSheet(OK_STYLE)
        label.show()

    # --- files -------------------------------------------------------------------------------------

    def export_to(self, path: str) -> Task:
        us = self.us
        return Task(self, lambda: _write_file(path, due_policy.export_policy(us))).success(
            lambda p: self._status(_("The policy in force was saved to {path}.").format(path=p))).failure(
            lambda exc: show_label_error(self.ui.status_label, exc)).run()

    def _choose_export(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, _("Export the deadline policy"), "deadlines.json",
                                                    _("Policy files (*.json)"))
        if path:
            self.export_to(path)

    def _choose_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Import a deadline policy"), "",
                                                    _("Policy files (*.json)"))
        if path:
            self.import_file(path)


def _write_file(path: str, text: str) -> str:
    Path(path).write_text(text, encoding="utf-8")
    return path
