"""Assessments to approve (a supervisor's page): every finished trafficking-indicator assessment not yet reviewed,
oldest first; the chosen one read-only below (`AssessmentPanel`), with Approve and Return with a comment (the
comment is required to return it: the officer must know what to change).

The list and its count for the navigation (`count_changed(int)`) are read on a worker when the page is built, each
time it is shown, and after every change to assessments announced anywhere (`ui.changes`). Only supervisors get this page."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ospod_desktop.core.errors import OspodError, ValidationError
from ospod_desktop.core.i18n import _, ngettext
from ospod_desktop.core.indicators.codes import label
from ospod_desktop.core.text import isolate
from ospod_desktop.services import children, trafficking
from ospod_desktop.ui.changes import Changes, Kind, subscribe
from ospod_desktop.ui.errors import show_label_error
from ospod_desktop.ui.format import format_datetime
from ospod_desktop.ui.models.child_table import name_text
from ospod_desktop.ui.pages.assessment_view import AssessmentPanel
from ospod_desktop.ui.tables import fill_table
from ospod_desktop.ui.tasks import Task
from ospod_desktop.ui.widgets import enlarge, set_busy

CHILD, OFFICER, FINISHED, OUTCOME, CONCLUSION = range(5)
OK_STYLE = "color: #1b5e20;"
COMMENT_LINES = 3


@dataclass(frozen=True)
class Awaiting:
    """What the page shows: the assessments (oldest first), the children's names, the catalogues by pk."""

    assessments: list
    names: dict[int, str]
    catalogues: dict[int, object]


def load_awaiting(us) -> Awaiting:
    """On a worker: the assessments awaiting approval, their children's list names, the catalogue versions."""
    found = sorted(trafficking.awaiting_approval(us), key=lambda a: (a.finished_at is None, a.finished_at, a.id))
    ids = sorted({a.child_id for a in found})
    rows = children.child_rows(us, ids) if ids else []
    names = {r.id: (f"{name_text(r)} · {r.case_mark}" if r.case_mark else name_text(r)) for r in rows}
    catalogues = {pk: trafficking.catalogue_of_version(us, pk) for pk in {a.catalogue_pk for a in found}}
    return Awaiting(found, names, catalogues)


class ApprovalsPage(QWidget):
    """`count_changed(n)` after each load; `open_child_requested(child_id, section)` to open the child's record."""

    count_changed = Signal(int)
    open_child_requested = Signal(int, str)
    loaded = Signal()

    def __init__(self, us, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.us = us
        self.data = Awaiting([], {}, {})
        self._select_id: int | None = None
        self._build()
        subscribe(self._on_changes)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        title = QLabel(_("Assessments to approve"), self)
        enlarge(title, 1.4)
        layout.addWidget(title)
        self.intro_label = QLabel(_(
            "Trafficking-indicator assessments the officers have finished. Read each one, then approve it or "
            "return it to the officer with a comment saying what to add or change."), self)
        self.intro_label.setWordWrap(True)
        layout.addWidget(self.intro_label)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("approvals_table")
        self.table.setHorizontalHeaderLabels([_("Child"), _("Officer"), _("Finished"), _("Outcome of the indicators"),
                                              _("Officer's conclusion")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CHILD, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.table.setWordWrap(True)
        self.table.itemSelectionChanged.connect(self._chosen)
        self.table.itemDoubleClicked.connect(lambda _item: self.open_child())
        self.empty_label = QLabel(_("No assessment is waiting for your approval."), self)
        self.panel = AssessmentPanel(self)
        review = QWidget(self)
        review_layout = QVBoxLayout(review)
        review_layout.setContentsMargins(0, 0, 0, 0)
        review_layout.addWidget(self.panel, 1)
        comment_label = QLabel(_("&Comment for the officer (required to return the assessment):"), review)
        comment_label.setWordWrap(True)
        self.comment_edit = QPlainTextEdit(review)
        self.comment_edit.setObjectName("comment_edit")
        self.comment_edit.setTabChangesFocus(True)
        self.comment_edit.setFixedHeight(self.comment_edit.fontMetrics().lineSpacing() * COMMENT_LINES + 12)
        comment_label.setBuddy(self.comment_edit)
        review_layout.addWidget(comment_label)
        review_layout.addWidget(self.comment_edit)
        self.status_label = QLabel(review)
        self.status_label.setWordWrap(True)
        self.status_label.hide()
        review_layout.addWidget(self.status_label)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(_("&Open the child's record"), review)
        self.approve_button = QPushButton(_("&Approve"), review)
        self.return_button = QPushButton(_("&Return with comment"), review)
        self.open_button.clicked.connect(self.open_child)
        self.approve_button.clicked.connect(self.approve)
        self.return_button.clicked.connect(self.return_assessment)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.return_button)
        buttons.addWidget(self.approve_button)
        review_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        top = QWidget(splitter)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table)
        top_layout.addWidget(self.empty_label)
        splitter.addWidget(top)
        splitter.addWidget(review)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        self.table.setMinimumHeight(self.table.horizontalHeader().sizeHint().height()
                                    + 2 * self.table.verticalHeader().defaultSectionSize() + 4)
        layout.addWidget(splitter, 1)
        self.splitter = splitter
        self._update_buttons()

    # --- reading ---------------------------------------------------------------------------------

    def _on_changes(self, changes: Changes) -> None:
        if changes.has(Kind.ASSESSMENT, Kind.ACCESS):
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.refresh()  # officers finish assessments on their own computers: read again whenever it is looked at

    def refresh(self) -> Task:
        us = self.us
        return Task(self, lambda: load_awaiting(us)).success(self._show).failure(
            lambda exc: show_label_error(self.status_label, exc)).run()

    def _show(self, data: Awaiting) -> None:
        current = self.selected()
        select_id = self._select_id if self._select_id is not None else (current.id if current else None)
        self._select_id = None
        self.data = data
        rows = [[data.names.get(a.child_id, _("record no. {id}").format(id=a.child_id)),
                 isolate(a.finished_by_name or a.created_by_name or "—"), format_datetime(a.finished_at, "—"),
                 label("outcome", a.engine_outcome), label("conclusion", a.conclusion)] for a in data.assessments]
        self.table.blockSignals(True)
        fill_table(self.table, rows)
        self.table.horizontalHeader().resizeSections()  # filled while shown: the child's column fills the width again
        self.table.clearSelection()
        self.table.blockSignals(False)
        self.table.setVisible(bool(rows))
        self.empty_label.setVisible(not rows)
        row = next((i for i, a in enumerate(data.assessments) if a.id == select_id), 0 if rows else -1)
        if row >= 0:
            self.table.selectRow(row)
        self._chosen()
        self.count_changed.emit(len(rows))
        self.loaded.emit()

    def selected(self):
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.data.assessments):
            return None
        return self.data.assessments[rows[0].row()]

    def select_assessment(self, assessment_id: int) -> bool:
        for row, a in enumerate(self.data.assessments):
            if a.id == assessment_id:
                self.table.selectRow(row)
                return True
        return False

    def _chosen(self) -> None:
        a = self.selected()
        if a is None:
            self.panel.clear_assessment()
        else:
            self.panel.show_assessment(a, self.data.catalogues[a.catalogue_pk])
        self._update_buttons()

    def _update_buttons(self, busy: bool = False) -> None:
        chosen = self.selected() is not None and not busy
        for button in (self.approve_button, self.return_button, self.open_button):
            button.setEnabled(chosen)
        self.comment_edit.setEnabled(chosen)

    # --- reviewing -------------------------------------------------------------------------------

    def open_child(self) -> None:
        a = self.selected()
        if a is not None:
            self.open_child_requested.emit(a.child_id, "trafficking")

    def approve(self) -> Task | None:
        a, comment, us = self.selected(), self.comment_edit.toPlainText().strip(), self.us
        if a is None:
            return None
        return self._review(a, Task(self, lambda: trafficking.approve_assessment(us, a.id, comment)),
                            _("The assessment was approved."))

    def return_assessment(self) -> Task | None:
        a, comment, us = self.selected(), self.comment_edit.toPlainText().strip(), self.us
        if a is None:
            return None
        if not comment:  # the service refuses it too; said here at once, beside the field
            self._failed(ValidationError("comment", _(
                "Comment: write what the officer should add or change before returning the assessment.")))
            return None
        return self._review(a, Task(self, lambda: trafficking.return_assessment(us, a.id, comment)),
                            _("The assessment was returned to the officer with your comment."))

    def _review(self, a, task: Task, done: str) -> Task:
        self._update_buttons(busy=True)
        set_busy(True, None, self.comment_edit)
        show_label_error(self.status_label, "")
        return task.changes(Changes.of(Kind.ASSESSMENT, child=a.child_id)).success(
            lambda _view: self._reviewed(done)).failure(self._failed).run()

    def _reviewed(self, text: str) -> None:
        self.comment_edit.clear()
        self.status_label.setText(text)
        self.status_label.setStyleSheet(OK_STYLE)
        self.status_label.show()
        self._update_buttons()

    def _failed(self, exc: BaseException) -> None:
        self._update_buttons()
        show_label_error(self.status_label, exc)
        if isinstance(exc, OspodError) and exc.field == "comment":
            self.comment_edit.setFocus()


def count_text(n: int) -> str:
    """The navigation's entry: "Assessments to approve (3)"."""
    return _("Assessments to approve ({n})").format(n=n) if n else _("Assessments to approve")


def tooltip_text(n: int) -> str:
    return ngettext("{n} assessment awaits your approval.", "{n} assessments await your approval.", n).format(n=n) \
        if n else _("No assessment awaits your approval.")
