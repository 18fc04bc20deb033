"""The child page's Visits tab: every supervision visit, newest first, the chosen one's report below, and the
information requests whose answer is awaited. Shown to officers and supervisors only: facility staff never see
visits (`ChildPage` does not add it for them; the services refuse them anyway)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ospod_desktop.core import visit_rules as VR
from ospod_desktop.core.i18n import _, ngettext
from ospod_desktop.core.visit_rules import field_label
from ospod_desktop.services import visits
from ospod_desktop.ui.changes import Changes, Kind
from ospod_desktop.ui.errors import show_label_error
from ospod_desktop.ui.flow_layout import wrap_row
from ospod_desktop.ui.format import format_date
from ospod_desktop.ui.pages.child_text import facts_html
from ospod_desktop.ui.tables import RowsFollowWidth, fill_table, keep_rows, stretch_columns
from ospod_desktop.ui.tasks import Task

NOT_SEEN_BRUSH = QBrush(QColor("#fff3cd"))
MAX_COLUMN = 220


def yes_no(value: bool | None) -> str:
    return {True: _("yes"), False: _("no"), None: "—"}[value]


def seen_text(v) -> str:
    return _("seen") if v.child_seen else _("not seen")


def visit_rows(rows) -> list[list[str]]:
    """Date, time, place, kind, seen, alone, next visit (rows come newest first)."""
    return [[format_date(v.visited_on), v.visited_time, code_label(VR.VISIT_PLACES, v.place) + (
        f" – {v.place_detail}" if v.place_detail else ""), code_label(VR.VISIT_KINDS, v.kind), seen_text(v),
        yes_no(v.spoken_alone), format_date(v.next_visit_on)] for v in rows]


def code_label(codes: dict[str, str], code: str) -> str:  # the translated label of a code
    return _(codes[code]) if code in codes else code


def visit_html(v) -> str:
    """Everything recorded of one visit, as label–value rows."""
    L = field_label
    rows = [(L("visited_on"), format_date(v.visited_on) + (f" {v.visited_time}" if v.visited_time else "")),
            (L("place"), code_label(VR.VISIT_PLACES, v.place)), (L("place_detail"), v.place_detail),
            (_("Placement"), v.placement), (L("kind"), code_label(VR.VISIT_KINDS, v.kind)), (L("present"), v.present),
            (L("child_seen"), yes_no(v.child_seen))]
    if not v.child_seen:
        rows.append((L("not_seen_reason"), v.not_seen_reason))
    else:
        rows.append((L("spoken_alone"), yes_no(v.spoken_alone)))
    rows += [(L(f), getattr(v, f)) for f in ("views", "living_conditions", "health", "schooling", "family_contact",
                                             "concerns", "note")]
    rows.append((L("next_visit_on"), format_date(v.next_visit_on)))
    if v.next_visit_reason:
        rows.append((L("next_visit_reason"), v.next_visit_reason))
    return facts_html(rows)


class VisitsPanel(QWidget):
    """Fills the Visits tab (`layout`: the tab's own layout; `status`: its label)."""

    def __init__(self, page, status: QLabel) -> None:
        super().__init__(page)
        self.page, self.us, self.child_id, self.status = page, page.us, page.child_id, status
        self.visits: list = []
        self.requests: list = []
        self.active = True  # False for a record merged into another
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        self.record_button = QPushButton(_("&Record a visit…"))
        self.correct_button = QPushButton(_("&Correct the visit…"))
        self.delete_button = QPushButton(_("&Delete the visit…"))
        self.request_button = QPushButton(_("Re&quest information…"))
        for b in (self.record_button, self.correct_button, self.delete_button, self.request_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay.addLayout(buttons)
        wrap_row(buttons)
        self.table = QTableWidget(0, 7)
        self.table.setObjectName("visits_table")
        self.table.setHorizontalHeaderLabels([_("Date"), _("Time"), field_label("place"), field_label("kind"),
                                              _("Child"), _("Alone"), field_label("next_visit_on")])
        self.detail = QTextBrowser()
        self.detail.setObjectName("visit_text")
        self.requests_title = QLabel(_("Information requested"))
        self.requests_table = QTableWidget(0, 4)
        self.requests_table.setObjectName("requests_table")
        self.requests_table.setHorizontalHeaderLabels([field_label("addressee"), field_label("asked_on"),
                                                       field_label("answered_on"), field_label("note")])
        self.answer_button = QPushButton(_("An&swer received…"))
        for table in (self.table, self.requests_table):
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.verticalHeader().hide()
            RowsFollowWidth(table)
        stretch_columns(self.table, 2)
        stretch_columns(self.requests_table, 0, 3)
        keep_rows(self.table, 3)
        keep_rows(self.requests_table, 2)
        self.detail.setMinimumHeight(8 * self.detail.fontMetrics().lineSpacing())
        lay.addWidget(self.table, 3)
        lay.addWidget(self.detail, 3)
        requests_row = QHBoxLayout()
        requests_row.addWidget(self.requests_title, 1)
        requests_row.addWidget(self.answer_button)
        lay.addLayout(requests_row)
        lay.addWidget(self.requests_table, 1)
        self.record_button.clicked.connect(self.record)
        self.correct_button.clicked.connect(self.correct)
        self.delete_button.clicked.connect(self.delete)
        self.request_button.clicked.connect(self.request)
        self.answer_button.clicked.connect(self.answer)
        self.table.itemSelectionChanged.connect(self._selected)
        self.requests_table.itemSelectionChanged.connect(self.update_buttons)
        self.dialog: QWidget | None = None
        self.update_buttons()

    # --- loading ---------------------------------------------------------------------------------

    def reload(self) -> Task:
        us, cid = self.us, self.child_id
        return Task(self, lambda: (visits.list_visits(us, cid), visits.list_information_requests(us, cid))) \
            .success(self._loaded).failure(lambda exc: show_label_error(self.status, exc)).run()

    def _loaded(self, result) -> None:
        self.visits, self.requests = result
        n = len(self.visits)
        self.status.setText(ngettext("{n} visit recorded.", "{n} visits recorded.", n).format(n=n) if n
                            else _("No visit recorded yet."))
        self.status.setStyleSheet("")
        fill_table(self.table, visit_rows(self.visits), MAX_COLUMN,
                   [None if v.child_seen else NOT_SEEN_BRUSH for v in self.visits])
        self.table.setVisible(bool(self.visits))
        self.detail.setVisible(bool(self.visits))
        fill_table(self.requests_table, [[r.addressee, format_date(r.asked_on),
                                          format_date(r.answered_on) or _("awaited"), r.note] for r in self.requests],
                   MAX_COLUMN)
        for widget in (self.requests_title, self.requests_table, self.answer_button):
            widget.setVisible(bool(self.requests))
        if self.visits:
            self.table.selectRow(0)
        else:
            self.detail.clear()
        self.update_buttons()

    def current(self):
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.visits[rows[0].row()] if rows and rows[0].row() < len(self.visits) else None

    def current_request(self):
        rows = self.requests_table.selectionModel().selectedRows()
        return self.requests[rows[0].row()] if rows and rows[0].row() < len(self.requests) else None

    def _selected(self) -> None:
        v = self.current()
        self.detail.setHtml(visit_html(v) if v else "")
        self.update_buttons()

    def update_buttons(self) -> None:
        chosen = self.current() is not None
        self.record_button.setEnabled(self.active)
        self.request_button.setEnabled(self.active)
        self.correct_button.setEnabled(self.active and chosen)
        self.delete_button.setEnabled(self.active and chosen)
        request = self.current_request()
        self.answer_button.setEnabled(self.active and request is not None and request.open)

    # --- actions ---------------------------------------------------------------------------------

    def _open(self, dialog):
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def record(self):
        from ospod_desktop.ui.dialogs.visit_dialog import VisitDialog

        return self._open(VisitDialog(self.us, self.child_id, parent=self))

    def correct(self):
        from ospod_desktop.ui.dialogs.visit_dialog import VisitDialog

        v = self.current()
        return self._open(VisitDialog(self.us, self.child_id, v, parent=self)) if v else None

    def delete(self):
        from ospod_desktop.ui.dialogs.correction_dialogs import ReasonDialog

        v = self.current()
        if v is None:
            return None
        us, vid = self.us, v.id
        intro = _("Delete the visit of {date} recorded in error? Everything recorded of it stays in the child's "
                  "history, with the reason.").format(date=format_date(v.visited_on))
        return self._open(ReasonDialog(_("Delete the visit"), intro, _("&Delete"),
                                       lambda reason: visits.delete_visit(us, vid, reason), self,
                                       Changes.of(Kind.VISIT, child=self.child_id)))

    def request(self):
        from ospod_desktop.ui.dialogs.visit_dialog import RequestDialog

        v = self.current()
        return self._open(RequestDialog(self.us, self.child_id, v.id if v else None, parent=self))

    def answer(self):
        from ospod_desktop.ui.dialogs.visit_dialog import AnswerDialog

        r = self.current_request()
        return self._open(AnswerDialog(self.us, self.child_id, r, parent=self)) if r and r.open else None
