"""The child page's "Trafficking indicators" tab: the child's assessments over time (newest first) with
"New assessment" and "Continue draft", and the assessment itself (`AssessmentEditor`) in place of the list.

Officers and supervisors only: facility staff and administrators never see assessments, so the tab is not added
for them (`add_indicators_tab`); the services refuse them anyway. The list loads when first shown (an audited
read) and again after a change to the child.

Hooks for other screens: `select_assessment(id)` chooses a row, `current()` is the chosen assessment,
`assessment_selected(id)` fires when the choice changes, `actions_layout` holds the list's buttons (more can be
added) and `extra_layout` sits below the list for further panels.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from ospod_desktop.core.i18n import _, ngettext, pgettext
from ospod_desktop.core.indicators import codes
from ospod_desktop.core.roles import Role
from ospod_desktop.services import trafficking
from ospod_desktop.ui.changes import Changes, Kind, RefreshOnChange
from ospod_desktop.ui.errors import show_label_error
from ospod_desktop.ui.format import format_datetime
from ospod_desktop.ui.pages.indicator_editor import AssessmentEditor, editable
from ospod_desktop.ui.tables import RowsFollowWidth, fill_table, keep_rows, stretch_columns
from ospod_desktop.ui.tasks import Task

READERS = (Role.OFFICER, Role.SUPERVISOR)
MAX_COLUMN = 260
MIN_TABLE_ROWS = {"assessments_list": 3}  # the rows the list keeps however small the window (the page scrolls)


def assessment_rows(views) -> list[list[str]]:
    """Date, status, engine's outcome, conclusion, officer, catalogue version (views come newest first)."""
    return [[format_datetime(v.finished_at or v.created_at, ""), codes.label("status", v.status),
             codes.label("outcome", v.engine_outcome),
             codes.label("conclusion", v.conclusion) if v.conclusion else "—",
             v.finished_by_name or v.created_by_name or "—", v.catalogue_version] for v in views]


def ask(parent: QWidget, title: str, text: str, choices) -> QMessageBox:
    """A question opened without blocking: `choices` are (button text, role, callback or None) in order."""
    box = QMessageBox(parent)
    box.setObjectName("indicators_question")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    for label, role, callback in choices:
        button = box.addButton(label, role)
        if callback is not None:
            button.clicked.connect(callback)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def _open(us, assessment_id: int):
    """On a worker: the assessment and the catalogue version it was made with."""
    view = trafficking.get_assessment(us, assessment_id)
    return view, trafficking.catalogue_of_version(us, view.catalogue_pk)


def _start(us, child_id: int):
    view = trafficking.start_assessment(us, child_id)
    return view, trafficking.catalogue_of_version(us, view.catalogue_pk)


class IndicatorsTab(RefreshOnChange, QWidget):
    """The list of the child's assessments, and one assessment open in its place."""

    assessment_selected = Signal(int)  # 0: none chosen
    editor_opened = Signal(object)  # the AssessmentEditor

    def __init__(self, us, child_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("indicators_tab")
        self.us, self.child_id = us, child_id
        self.assessments: list = []
        self.editor: AssessmentEditor | None = None
        self.question: QMessageBox | None = None
        self._wanted: int | None = None  # select this one once the list is in
        self.stack = QStackedWidget(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self.list_page = QWidget(self.stack)
        layout = QVBoxLayout(self.list_page)
        self.status_label = QLabel(self.list_page)
        self.status_label.setObjectName("indicators_status")
        self.status_label.setWordWrap(True)
        self.error_label = QLabel(self.list_page)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.status_label)
        layout.addWidget(self.error_label)
        self.actions_layout = QHBoxLayout()
        self.new_button = QPushButton(_("&New assessment"), self.list_page)
        self.new_button.setObjectName("new_assessment_button")
        self.open_button = QPushButton(_("&Continue draft"), self.list_page)
        self.open_button.setObjectName("open_assessment_button")
        for button in (self.new_button, self.open_button):
            self.actions_layout.addWidget(button)
        self.actions_layout.addStretch(1)
        layout.addLayout(self.actions_layout)
        self.table = QTableWidget(0, 6, self.list_page)
        self.table.setObjectName("assessments_list")
        self.table.setHorizontalHeaderLabels([_("Date"), pgettext("assessment", "Status"), pgettext("column", "By indicators"),
                                              _("Conclusion"),
                                              _("Officer"), _("Catalogue")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        stretch_columns(self.table, 2, 3, 4)
        keep_rows(self.table, MIN_TABLE_ROWS["assessments_list"])
        RowsFollowWidth(self.table)
        layout.addWidget(self.table, 1)
        self.extra_layout = QVBoxLayout()
        layout.addLayout(self.extra_layout)
        self.stack.addWidget(self.list_page)
        self.new_button.clicked.connect(self.new_assessment)
        self.open_button.clicked.connect(self.open_current)
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.doubleClicked.connect(lambda _i: self.open_current())
        self._update_buttons()
        self.follow_changes()

    # --- the list --------------------------------------------------------------------------------

    def wants(self, changes: Changes) -> bool:
        return changes.affects(Kind.CHILD, self.child_id)

    def refresh(self) -> Task:
        us, child_id = self.us, self.child_id
        return Task(self, lambda: trafficking.assessments_of(us, child_id)) \
            .success(self._loaded).failure(self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        show_label_error(self.error_label, exc)

    def _loaded(self, views) -> None:
        chosen = self._wanted if self._wanted is not None else getattr(self.current(), "id", None)
        self._wanted = None
        self.assessments = list(views)
        show_label_error(self.error_label, "")
        n = len(self.assessments)
        self.status_label.setText(ngettext("{n} assessment of trafficking indicators.",
                                           "{n} assessments of trafficking indicators.", n).format(n=n) if n
                                  else _("No assessment of trafficking indicators yet."))
        fill_table(self.table, assessment_rows(self.assessments), MAX_COLUMN)
        # A table on screen filled from empty keeps its stretched columns narrow until resized: share the width now.
        self.table.horizontalHeader().resizeSections()
        if not self.select_assessment(chosen) and self.assessments:
            self.table.selectRow(0)
        self._update_buttons()
        self._follow_in_editor()

    def _follow_in_editor(self) -> None:
        """The assessment open in the editor was approved or returned meanwhile (the supervisor's page): show it as
        it is now, unless answers typed here are not saved yet."""
        editor = self.editor
        if editor is None or editor.is_dirty():
            return
        now = next((v for v in self.assessments if v.id == editor.view.id), None)
        if now is not None and now.status != editor.view.status:
            editor.show_assessment(now)

    def current(self):
        """The chosen assessment (an AssessmentView), or None."""
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.assessments[rows[0].row()] if rows and rows[0].row() < len(self.assessments) else None

    def select_assessment(self, assessment_id: int | None) -> bool:
        """Choose the assessment `assessment_id` in the list; False when it is not there (yet)."""
        for row, view in enumerate(self.assessments):
            if view.id == assessment_id:
                self.table.selectRow(row)
                return True
        if assessment_id is not None and not self.assessments:
            self._wanted = assessment_id  # chosen once the list is in
        return False

    def _selected(self) -> None:
        self._update_buttons()
        view = self.current()
        self.assessment_selected.emit(view.id if view is not None else 0)

    def _update_buttons(self) -> None:
        view = self.current()
        self.open_button.setText(_("&Continue draft") if view is not None and editable(view)
                                 else _("&Open the assessment"))
        self.open_button.setEnabled(view is not None)

    def _set_busy(self, busy: bool) -> None:
        self.new_button.setEnabled(not busy)
        self.open_button.setEnabled(not busy and self.current() is not None)

    # --- the assessment --------------------------------------------------------------------------

    def new_assessment(self) -> Task | QMessageBox:
        """Start a draft with the catalogue in use and open it; while a draft is unfinished, ask first whether to
        continue it instead (drafts do not pile up unnoticed)."""
        draft = next((v for v in self.assessments if editable(v)), None)
        if draft is not None:
            role = QMessageBox.ButtonRole
            self.question = ask(self, _("New assessment"), _(
                "The assessment started {date} is not finished yet. Continue it, or start a new one?").format(
                date=format_datetime(draft.created_at, "")), [
                (_("Continue the draft"), role.AcceptRole, lambda: self.open_assessment(draft.id)),
                (_("Start a new one"), role.DestructiveRole, self.start_new),
                (_("Cancel"), role.RejectRole, None)])
            return self.question
        return self.start_new()

    def start_new(self) -> Task:
        """Start a draft with the catalogue in use and open it."""
        us, child_id = self.us, self.child_id
        self._set_busy(True)
        return Task(self, lambda: _start(us, child_id), busy_cursor=True).changes(Changes.of(Kind.ASSESSMENT, child=child_id)) \
            .success(self._show_editor).failure(self._failed).run()

    def open_current(self) -> Task | None:
        view = self.current()
        return self.open_assessment(view.id) if view is not None else None

    def open_assessment(self, assessment_id: int) -> Task:
        """Open an assessment: editable when a draft or returned, read-only when finished."""
        us = self.us
        self._set_busy(True)
        return Task(self, lambda: _open(us, assessment_id)).success(self._show_editor).failure(self._failed).run()

    def _show_editor(self, result) -> None:
        view, catalogue = result
        self._set_busy(False)
        self._close_editor()
        self.editor = AssessmentEditor(self.us, view, catalogue, self.stack)
        self.editor.closed.connect(self.leave_editor)
        self.editor.saved.connect(lambda v: setattr(self, "_wanted", v.id))
        self.stack.addWidget(self.editor)
        self.stack.setCurrentWidget(self.editor)
        self._wanted = view.id
        self.editor_opened.emit(self.editor)

    def leave_editor(self) -> QMessageBox | None:
        """"Back to the list": with answers not saved, ask whether to save them first."""
        return self.confirm_leave(self.show_list, _(
            "Some answers are not saved yet. Save the draft before going back to the list?"))

    def has_unsaved(self) -> bool:
        """True while an assessment is open with answers not saved."""
        return self.editor is not None and self.editor.is_dirty()

    def confirm_leave(self, then, text: str | None = None) -> QMessageBox | None:
        """Call `then()` now when no answers are unsaved; else ask first: save the draft (then `then()` once it is
        saved), discard the answers (`then()`), or cancel (nothing happens)."""
        editor = self.editor
        if editor is None or not editor.is_dirty():
            then()
            return None

        def saved(_view) -> None:
            once()
            then()

        def once() -> None:  # this save only: a later one (after an error is put right) does not leave
            editor.saved.disconnect(saved)
            editor.save_failed.disconnect(once)

        def save_then_leave() -> None:
            editor.saved.connect(saved)
            editor.save_failed.connect(once)
            editor.save_draft()

        def discard_then_leave() -> None:
            editor.discard_changes()
            then()

        role = QMessageBox.ButtonRole
        self.question = ask(self, _("Unsaved answers"), text or _(
            "Some answers of the trafficking indicators are not saved yet. Save the draft first?"), [
            (_("Save the draft"), role.AcceptRole, save_then_leave),
            (_("Discard the changes"), role.DestructiveRole, discard_then_leave),
            (_("Cancel"), role.RejectRole, None)])
        return self.question

    def show_list(self) -> None:
        """Back to the list, the assessment last open chosen in it."""
        if self.editor is not None:
            self._wanted = self.editor.view.id
        self.stack.setCurrentWidget(self.list_page)
        self._close_editor()
        self.refresh()

    def _close_editor(self) -> None:
        if self.editor is not None:
            self.stack.removeWidget(self.editor)
            self.editor.deleteLater()
            self.editor = None


def add_indicators_tab(tabs: QTabWidget, us, child_id: int, before: QWidget | None = None) -> IndicatorsTab | None:
    """Add the "Trafficking indicators" tab (before `before`, else last) for officers and supervisors; None for
    facility staff and administrators."""
    if us.actor.role not in READERS:
        return None
    tab = IndicatorsTab(us, child_id, tabs)
    index = tabs.indexOf(before) if before is not None else -1
    tabs.insertTab(index if index >= 0 else tabs.count(), tab, _("Trafficking indicators"))
    return tab

