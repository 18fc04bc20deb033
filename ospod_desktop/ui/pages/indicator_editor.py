"""One assessment of child-trafficking indicators on the child's page: the checklist (`Checklist`) beside the
engine's live outcome (`OutcomePanel`), "Save draft" and "Finish…" (`FinishAssessmentDialog`).

A draft or a returned assessment is edited here; a finished or approved one shows read-only, with the officer's
conclusion and the catalogue version it was made with. The services are called inside a `Task` only.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from ospod_desktop.core.countries import country_name
from ospod_desktop.core.i18n import _, ngettext
from ospod_desktop.core.indicators import codes
from ospod_desktop.services import trafficking
from ospod_desktop.ui.changes import Changes, Kind
from ospod_desktop.ui.errors import show_label_error
from ospod_desktop.ui.format import format_datetime
from ospod_desktop.ui.pages.child_text import facts_html
from ospod_desktop.ui.pages.indicator_checklist import Checklist
from ospod_desktop.ui.pages.indicator_outcome import OutcomePanel
from ospod_desktop.ui.tasks import Task
from ospod_desktop.ui.widgets import enlarge

EDITABLE = ("draft", "returned")
MIN_CHECKLIST_HEIGHT = 200  # the least the checklist keeps on the smallest window (the child's page scrolls)


def editable(view) -> bool:
    return view.status in EDITABLE


def conclusion_html(view) -> str:
    """The officer's conclusion and the supervisor's review of a finished assessment, as label–value rows."""
    outcome = codes.label("outcome", view.engine_outcome)
    conclusion = codes.label("conclusion", view.conclusion) if view.conclusion else "—"
    forms = ", ".join(codes.label("form", f) for f in view.forms) or "—"
    places = ", ".join(country_name(c) for c in view.exploitation_countries if c)
    rows = [(_("Conclusion"), _("{conclusion} (engine's outcome: {outcome})").format(conclusion=conclusion,
                                                                                    outcome=outcome)),
            (_("Forms of exploitation"), _("{forms}; countries: {countries}").format(forms=forms, countries=places)
             if places else forms),
            (_("Reasoning"), view.reasoning or "—"),
            (_("Finished"), f"{format_datetime(view.finished_at, '')} {view.finished_by_name or ''}".strip() or "—")]
    if view.reviewed_at:
        rows.append((_("Reviewed"), f"{format_datetime(view.reviewed_at, '')} {view.reviewed_by_name or ''}".strip()))
    if view.review_comment:
        rows.append((_("Supervisor's comment"), view.review_comment))
    return facts_html(rows)


class AssessmentEditor(QWidget):
    """The checklist and the live outcome of one assessment (`view`, made with `catalogue`).

    `saved(AssessmentView)` after a draft was saved or the assessment finished, `save_failed()` when saving a draft
    failed (the error is shown); `closed()` on "Back to the list".
    `actions_layout` holds the buttons at the bottom (more can be added); `show_assessment(view)` shows the same
    assessment again after another screen changed it (approved, returned).
    """

    saved = Signal(object)
    save_failed = Signal()
    closed = Signal()

    def __init__(self, us, view, catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assessment_editor")
        self.us, self.view, self.catalogue = us, view, catalogue
        self.dialog: QWidget | None = None
        self._dirty = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        top = QHBoxLayout()
        self.title_label = QLabel(self)
        self.title_label.setObjectName("editor_title")
        self.title_label.setWordWrap(True)
        enlarge(self.title_label, 1.2)
        self.back_button = QPushButton(_("← &Back to the list"), self)
        self.back_button.setObjectName("back_button")
        top.addWidget(self.title_label, 1)
        top.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.info_label = QLabel(self)
        self.info_label.setObjectName("editor_info")
        self.info_label.setWordWrap(True)
        self.info_label.setTextFormat(Qt.TextFormat.PlainText)  # the catalogue's title is imported text
        layout.addWidget(self.info_label)
        self.conclusion_label = QLabel(self)
        self.conclusion_label.setObjectName("conclusion_label")
        self.conclusion_label.setWordWrap(True)
        self.conclusion_label.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.conclusion_label)
        self.checklist = Checklist(catalogue, view.answers, self)
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("checklist_scroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFrameShape(QFrame.Shape.StyledPanel)
        self.scroll.setWidget(self.checklist)
        self.scroll.setMinimumHeight(MIN_CHECKLIST_HEIGHT)
        self.scroll.viewport().installEventFilter(self)  # the rows arrange themselves for its width
        self.outcome = OutcomePanel(catalogue, self)
        self.outcome.setMinimumWidth(240)
        # "Notify the police…" in the title row, beside "Back to the list": at the foot of the outcome panel it
        # was below the fold of the child's page at the smallest window. The panel still shows and hides it.
        self.outcome.layout().removeWidget(self.outcome.police_button)
        top.insertWidget(1, self.outcome.police_button, 0, Qt.AlignmentFlag.AlignTop)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.scroll)
        self.splitter.addWidget(self.outcome)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.splitterMoved.connect(lambda *_a: setattr(self, "_split", True))
        self._split = False
        self.splitter.setStretchFactor(1, 1)
        self.scroll.setMinimumWidth(420)
        layout.addWidget(self.splitter, 1)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("editor_error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.actions_layout = buttons = QHBoxLayout()  # other screens may add buttons (a supervisor's review)
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("progress_label")
        self.save_button = QPushButton(_("&Save draft"), self)
        self.save_button.setObjectName("save_draft_button")
        self.finish_button = QPushButton(_("F&inish…"), self)
        self.finish_button.setObjectName("finish_button")
        buttons.addWidget(self.progress_label, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.finish_button)
        layout.addLayout(buttons)
        self.back_button.clicked.connect(self.closed)
        self.save_button.clicked.connect(self.save_draft)
        self.finish_button.clicked.connect(self.finish)
        self.checklist.changed.connect(self._answers_changed)
        self._show_view()

    # --- showing ---------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.scroll.viewport() and event.type() == QEvent.Type.Resize:
            self.checklist.fit(self.scroll.viewport().width())
        return False

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if not self._split and self.splitter.width() > 0:  # a third for the outcome until the user moves it
            total = self.splitter.width()
            panel = max(self.outcome.minimumWidth(), min(total // 3, 420))
            self.splitter.setSizes([total - panel, panel])

    def _show_view(self) -> None:
        view, catalogue = self.view, self.catalogue
        read_only = not editable(view)
        if read_only:
            title = _("Assessment of {date}: {status}").format(
                date=format_datetime(view.finished_at or view.created_at, ""), status=codes.label("status", view.status))
        elif view.status == "returned":
            title = _("Assessment returned by the supervisor: correct it and finish it again")
        else:
            title = _("Assessment in progress (draft)")
        self.title_label.setText(title)
        self.info_label.setText(_("Catalogue: {title}, version {version}. Started {date} by {who}.").format(
            title=catalogue.title.get(), version=view.catalogue_version,
            date=format_datetime(view.created_at, ""), who=view.created_by_name or "—"))
        self.conclusion_label.setText(conclusion_html(view) if read_only or view.review_comment else "")
        self.conclusion_label.setVisible(read_only or bool(view.review_comment))
        self.checklist.set_read_only(read_only)
        self.save_button.setVisible(not read_only)
        self.finish_button.setVisible(not read_only)
        self.outcome.offer_police_notice(self.us, view.child_id, view.id if read_only else None)
        self._answers_changed()
        self._dirty = False

    def _answers_changed(self) -> None:
        self._dirty = True
        self.outcome.show_answers(self.checklist.answer_codes())
        total, answered = len(self.checklist.rows), self.checklist.answered()
        self.progress_label.setText(ngettext("{answered} of {total} indicator answered.",
                                             "{answered} of {total} indicators answered.", total).format(
            answered=answered, total=total))

    def is_dirty(self) -> bool:
        """True when answers were changed since the last save."""
        return self._dirty and editable(self.view)

    # --- actions ---------------------------------------------------------------------------------

    def _busy(self, busy: bool) -> None:
        for button in (self.save_button, self.finish_button, self.back_button):
            button.setEnabled(not busy)

    def save_draft(self) -> Task | None:
        if not editable(self.view):
            return None
        us, aid, answers = self.us, self.view.id, self.checklist.answers()
        show_label_error(self.error_label, "")
        self._busy(True)
        return Task(self, lambda: trafficking.save_draft(us, aid, answers), busy_cursor=True) \
            .changes(Changes.of(Kind.ASSESSMENT, child=self.view.child_id)).success(self._saved).failure(self._failed).run()

    def _saved(self, view) -> None:
        self._busy(False)
        self.view = view
        self._dirty = False
        self.progress_label.setText(self.progress_label.text() + " " + _("Draft saved."))
        self.saved.emit(view)

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        show_label_error(self.error_label, exc)
        self.save_failed.emit()

    def discard_changes(self) -> None:
        """Show the answers as last saved again (nothing unsaved left)."""
        self.checklist.set_answers(self.view.answers)
        self._show_view()

    def finish(self):
        from ospod_desktop.ui.dialogs.finish_assessment_dialog import FinishAssessmentDialog

        if not editable(self.view) or self.outcome.result is None:
            return None
        dialog = FinishAssessmentDialog(self.us, self.view, self.catalogue, self.checklist.answers(),
                                        self.outcome.result, parent=self)
        dialog.finished_assessment.connect(self._finished)
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_assessment(self, view) -> None:
        """Show `view` (this assessment, reloaded) with its answers as saved."""
        self.view = view
        self.checklist.set_answers(view.answers)
        self._show_view()

    def _finished(self, view) -> None:
        self.view = view
        self._show_view()
        self.saved.emit(view)
