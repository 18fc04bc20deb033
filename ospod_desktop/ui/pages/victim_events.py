"""The events that follow a trafficking-indicator assessment, on the child: reported to the police, identified as a
victim by the police, referred to assistance, a reflection period granted. Newest first, with "Record an event…".

For officers and supervisors only: `make_victim_events(us, child_id)` gives None for anyone else (facility staff
never see any of it; the service refuses them too). The panel reloads after a change to this child's assessments
or record announced anywhere (`ui.changes`)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ospod_desktop.core.i18n import _
from ospod_desktop.core.indicators.codes import label
from ospod_desktop.core.roles import Role
from ospod_desktop.services import trafficking
from ospod_desktop.ui.changes import Changes, Kind, RefreshOnChange
from ospod_desktop.ui.errors import show_label_error
from ospod_desktop.ui.format import format_date
from ospod_desktop.ui.tables import RowsFollowWidth, fill_table, keep_rows, stretch_columns
from ospod_desktop.ui.tasks import Task

ROLES = (Role.OFFICER, Role.SUPERVISOR)
WHEN, WHAT, DETAIL, NOTE = range(4)
MAX_COLUMN = 220
MIN_TABLE_ROWS = {"victim_events_table": 2}  # the rows the events keep however small the window (the page scrolls)


def event_detail(e) -> str:
    """The event's particulars in one line: the unit or organisation, how a report was sent, a period's end."""
    parts = [e.body] if getattr(e, "body", "") else []
    if getattr(e, "channel", ""):
        parts.append(_("sent: {channel}").format(channel=e.channel))
    if e.kind == "reflection_period" and getattr(e, "ends_on", None) is not None:
        parts.append(_("until {date}").format(date=format_date(e.ends_on)))
    return " · ".join(parts)


def event_rows(events) -> list[list[str]]:
    return [[format_date(e.on), label("event_kind", e.kind), event_detail(e), e.note or ""] for e in events]


def make_victim_events(us, child_id: int, parent: QWidget | None = None) -> VictimEventsPanel | None:
    """The panel for those who may see it, else None."""
    return VictimEventsPanel(us, child_id, parent) if us.actor.role in ROLES else None


class VictimEventsPanel(RefreshOnChange, QWidget):
    """The list and its button; `loaded` after each load (`events` holds the VictimEventViews)."""

    def __init__(self, us, child_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.us, self.child_id = us, child_id
        self.events: list = []
        self.dialog = None
        self.active = True  # False on a merged record: nothing more is recorded on it
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        title = QLabel(_("Events after the assessment"), self)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        top.addWidget(title)
        top.addStretch(1)
        self.record_button = QPushButton(_("Record an e&vent…"), self)
        self.record_button.clicked.connect(self.record)
        top.addWidget(self.record_button)
        layout.addLayout(top)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("victim_events_table")
        self.table.setHorizontalHeaderLabels([_("Date"), _("Event"), _("Details"), _("Note")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        stretch_columns(self.table, DETAIL, NOTE)
        keep_rows(self.table, MIN_TABLE_ROWS["victim_events_table"])
        RowsFollowWidth(self.table)
        layout.addWidget(self.table, 1)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.hide()
        layout.addWidget(self.status_label)
        self.follow_changes()

    def wants(self, changes: Changes) -> bool:
        return changes.affects(Kind.CHILD, self.child_id) or (
            changes.has(Kind.ASSESSMENT) and not changes.ids_of(Kind.CHILD))

    def refresh(self) -> Task:
        us, cid = self.us, self.child_id
        return Task(self, lambda: trafficking.victim_events_of(us, cid)).success(self._show).failure(
            lambda exc: show_label_error(self.status_label, exc)).run()

    def _show(self, events: list) -> None:
        self.events = sorted(events, key=lambda e: (e.on, getattr(e, "id", 0)), reverse=True)
        fill_table(self.table, event_rows(self.events), MAX_COLUMN)
        stretch_columns(self.table, DETAIL, NOTE)  # filled while shown: the stretched columns fill the width again
        show_label_error(self.status_label, "")
        self.record_button.setEnabled(self.active)

    def record(self, kind: str = "police_report"):
        from ospod_desktop.ui.dialogs.victim_event_dialog import VictimEventDialog

        self.dialog = VictimEventDialog(self.us, self.child_id, kind, parent=self)
        self.dialog.open()
        return self.dialog
