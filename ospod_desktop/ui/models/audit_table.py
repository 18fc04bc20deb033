"""The audit viewer's model: a filtered view of the chain, newest first, its rows fetched lazily in blocks.

A view (`audit_log.open_view`, run by the page on a worker) brings the number of matching rows and the newest
block. Further blocks are read on workers only when the table shows them: a row not read yet shows "…" until its
block arrives. A block right after a known one is read by key ("the rows older than this id"), so scrolling
stays cheap deep into a chain of 100,000 rows; at most MAX_BLOCKS stay cached. A block that cannot be read shows
as disabled lines, never an error box.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QWidget

from ospod_desktop.core.i18n import N_, _
from ospod_desktop.core.roles import Role
from ospod_desktop.services import audit_log
from ospod_desktop.services.audit_log import AuditRow, AuditUser, AuditView
from ospod_desktop.ui.errors import log_unexpected
from ospod_desktop.ui.format import format_date, local_time
from ospod_desktop.ui.models.headers import HeaderedTableModel
from ospod_desktop.ui.tasks import Task

NUMBER, TIME, USER, ROLE, ACTION, RECORD, DETAIL = range(7)
HEADERS = (N_("No."), N_("Time"), N_("User"), N_("Role"), N_("Action"), N_("Record"), N_("Detail"))
BLOCK = audit_log.BLOCK
MAX_BLOCKS = 60
MAX_PENDING = 2  # blocks read at once; the ones asked for meanwhile wait (the latest first)
_FAILED = object()
RESTORE_BRUSH = QBrush(QColor("#ffe0b2"))  # the chain before this row is the backup's
Index = QModelIndex | QPersistentModelIndex

ACTION_LABELS = {
    "login_ok": N_("Login"), "login_failed": N_("Failed login"), "login_locked": N_("Login refused (locked out)"),
    "logout": N_("Logout"), "lock": N_("Lock"), "unlock": N_("Unlock"), "unlock_failed": N_("Failed unlock"),
    "create": N_("Create"), "read": N_("Read"), "update": N_("Change"), "delete": N_("Delete"),
    "export": N_("Export"), "password_change": N_("Password change"), "password_reset": N_("Password reset"),
    "recovery": N_("Recovery with the code"), "recovery_failed": N_("Failed recovery"), "backup": N_("Backup"),
    "migrate": N_("Database upgrade"), "init": N_("Database created"), "break_glass": N_("Emergency access"),
    "restore": N_("Restored from a backup"), "loss_accepted": N_("Lost audit rows accepted"),
}
ENTITY_LABELS = {
    "session": N_("Session"), "user": N_("Account"), "office": N_("Office"), "facility": N_("Facility"),
    "child": N_("Child"), "placement": N_("Placement"), "missing_episode": N_("Disappearance"),
    "database": N_("Database"), "audit": N_("Audit"),
}


def action_label(code: str) -> str:
    """The translated name of an action code (an unknown code shows as itself)."""
    return _(ACTION_LABELS[code]) if code in ACTION_LABELS else code


def role_label(code: str) -> str:
    try:
        return Role(code).label
    except ValueError:
        return code


def time_text(row: AuditRow) -> str:
    """Local date and time to the second: rows of one action often share the minute."""
    local = local_time(row.ts)
    return f"{format_date(local.date())} {local:%H:%M:%S}"


def record_text(row: AuditRow) -> str:
    label = _(ENTITY_LABELS[row.entity]) if row.entity in ENTITY_LABELS else row.entity
    return f"{label} {row.entity_id}" if row.entity_id is not None else label


class AuditTableModel(HeaderedTableModel):
    """Rows of one `AuditView`; `owner` is the widget the block reads belong to (no callbacks once it is gone)."""

    HEADERS = HEADERS

    def __init__(self, us, owner: QWidget, parent=None) -> None:
        super().__init__(parent)
        self._us = us
        self._owner = owner
        self._view: AuditView | None = None
        self._users: dict[int, AuditUser] = {}
        self._blocks: OrderedDict[int, list[Any]] = OrderedDict()
        self._oldest: dict[int, int] = {}  # block number -> the id of its last (oldest) row: where the next begins
        self._pending: set[int] = set()
        self._wanted: list[int] = []
        self._generation = 0
        self.fetch_calls = 0  # block reads started for this view (tests read it)

    # --- data the page sets ------------------------------------------------------------------

    def set_view(self, view: AuditView, users: Sequence[AuditUser] | None = None) -> None:
        self.beginResetModel()
        self._generation += 1
        self._view = view
        if users is not None:
            self._users = {u.id: u for u in users}
        self._blocks.clear()
        self._oldest.clear()
        self._pending.clear()
        self._wanted.clear()
        self.fetch_calls = 0
        if view.first:
            self._store(0, view.first)
        self.endResetModel()

    def view(self) -> AuditView | None:
        return self._view

    def total(self) -> int:
        return self._view.total if self._view is not None else 0

    def pending(self) -> int:
        return len(self._pending) + len(self._wanted)

    # --- the lazy cache -----------------------------------------------------------------------

    def row_at(self, row: int) -> AuditRow | None:
        """The row on line `row`, or None while (or because) its block is not in; asks for the block."""
        if not 0 <= row < self.total():
            return None
        number = row // BLOCK
        block = self._blocks.get(number)
        if block is None:
            self._request(number)
            return None
        self._blocks.move_to_end(number)
        offset = row - number * BLOCK
        item = block[offset] if offset < len(block) else _FAILED
        return None if item is _FAILED else item

    def failed(self, row: int) -> bool:
        block = self._blocks.get(row // BLOCK)
        if block is None:
            return False
        offset = row - (row // BLOCK) * BLOCK
        return offset >= len(block) or block[offset] is _FAILED

    def _request(self, number: int) -> None:
        if number in self._pending:
            return
        if len(self._pending) >= MAX_PENDING:
            if number in self._wanted:
                self._wanted.remove(number)
            self._wanted.append(number)
            del self._wanted[:-4]  # scrolled past: only the latest few still matter
            return
        self._start(number)

    def _start(self, number: int) -> None:
        view, us, generation = self._view, self._us, self._generation
        if view is None:
            return
        before = self._oldest.get(number - 1)
        offset = 0 if before is not None else number * BLOCK
        self._pending.add(number)
        self.fetch_calls += 1
        Task(self._owner, lambda: audit_log.rows(us, view, offset, BLOCK, before)).success(
            lambda rows: self._arrived(generation, number, rows)).failure(
            lambda exc: self._arrived(generation, number, None, exc)).run()

    def _arrived(self, generation: int, number: int, rows: Sequence[AuditRow] | None,
                 exc: BaseException | None = None) -> None:
        if generation != self._generation:
            return  # a block of an earlier view
        self._pending.discard(number)
        if exc is not None:
            log_unexpected(exc)
            self._blocks[number] = [_FAILED] * BLOCK
        else:
            self._store(number, rows or ())
        first = number * BLOCK
        last = min(first + BLOCK, self.total()) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(HEADERS) - 1))
        while self._wanted and len(self._pending) < MAX_PENDING:
            wanted = self._wanted.pop()
            if wanted not in self._blocks and wanted not in self._pending:
                self._start(wanted)

    def _store(self, number: int, rows: Sequence[AuditRow]) -> None:
        block: list[Any] = list(rows)
        if rows:
            self._oldest[number] = rows[-1].id
        self._blocks[number] = block
        while len(self._blocks) > MAX_BLOCKS:
            self._blocks.popitem(last=False)

    def cached_blocks(self) -> list[int]:
        return sorted(self._blocks)

    # --- what a cell shows ----------------------------------------------------------------------

    def user_text(self, row: AuditRow) -> str:
        if row.user_id is None:
            return "—"
        user = self._users.get(row.user_id)
        return user.username if user else f"#{row.user_id}"

    def cell_text(self, row: AuditRow, column: int) -> str:
        if column == NUMBER:
            return str(row.id)
        if column == TIME:
            return time_text(row)
        if column == USER:
            return self.user_text(row)
        if column == ROLE:
            return role_label(row.role) if row.role else ""
        if column == ACTION:
            return action_label(row.action)
        if column == RECORD:
            return record_text(row)
        if column == DETAIL:
            return row.detail
        return ""

    def _tooltip(self, row: AuditRow, column: int) -> str | None:
        if row.action == "restore":
            return _("The database was restored from a backup here: the rows before this one are the backup's "
                     "chain; what was recorded after the backup was made is in the database kept beside it.")
        if column == TIME:
            return row.ts.strftime("%Y-%m-%d %H:%M:%S.%f UTC")
        if column == USER and row.user_id is not None:
            user = self._users.get(row.user_id)
            return f"{user.display_name} (#{row.user_id})" if user else f"#{row.user_id}"
        if column == ACTION:
            return row.action
        if column == DETAIL and row.detail:
            return row.detail
        return None

    # --- Qt's interface -----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else self.total()

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid() or self.failed(index.row()):
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        column = index.column()
        if row is None:
            if role == Qt.ItemDataRole.DisplayRole and column == NUMBER:
                return "—" if self.failed(index.row()) else "…"
            if role == Qt.ItemDataRole.DisplayRole and column == ACTION and self.failed(index.row()):
                return _("(could not be loaded)")
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_text(row, column)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.BackgroundRole and row.action == "restore":
            return RESTORE_BRUSH
        if role == Qt.ItemDataRole.TextAlignmentRole and column == NUMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
