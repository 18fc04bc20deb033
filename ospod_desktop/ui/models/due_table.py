"""The due list's model: the list's total, and its rows fetched in blocks on a worker as the view scrolls.

The supervisor's list of a large office has hundreds of thousands of items; only the blocks the view shows are
read (`services.due.due_page` with an offset; the page runs it in a Task when the model asks with
`block_wanted`), and at most MAX_BLOCKS stay cached. A row whose block is still on its way shows "…". A new
search (filters, sort) starts a new generation: blocks of an older one arriving late are dropped.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from ospod_desktop.core.i18n import N_, _
from ospod_desktop.core.text import isolate
from ospod_desktop.ui.format import DEADLINE_BRUSHES, format_date, local_time
from ospod_desktop.ui.models.headers import HeaderedTableModel

STATUS, DUE, KIND, CHILD, REFERENCE, OFFICER, EXPLANATION, BASIS = range(8)
HEADERS = (N_("Status"), N_("Due"), N_("What"), N_("Child"), N_("Reference"), N_("Officer"), N_("Explanation"),
           N_("Basis"))
BLOCK = 200
MAX_BLOCKS = 40
Index = QModelIndex | QPersistentModelIndex

# Which tab of the child's page shows where an item comes from (`ChildPage.show_section`).
SECTION_OF_KIND = {"visit": "visits", "information_request": "visits", "ipod": "care", "guardian": "care",
                   "turns_18": "overview", "turns_18_planning": "overview", "police_report": "indicators",
                   "reflection_period": "indicators", "reassessment": "indicators"}


def section_of(kind: str) -> str:
    """The child's tab for an item of `kind`: visits, care (guardian and plan), indicators, missing, placements,
    overview."""
    if kind in SECTION_OF_KIND:
        return SECTION_OF_KIND[kind]
    if kind.startswith("missing_") or kind == "return_interview":
        return "missing"
    return "placements"


def due_text(item: Any) -> str:
    """The due date; an hour clock (a missing child) also its local time."""
    if item.due_at is not None:
        local = local_time(item.due_at)
        return f"{format_date(local.date())} {local:%H:%M}"
    return format_date(item.due)


def counts_text(counts: dict[str, int]) -> str:
    """ "3 overdue, 2 due soon" (only what is there; "" for nothing)."""
    parts = []
    if counts.get("overdue"):
        parts.append(_("{n} overdue").format(n=counts["overdue"]))
    if counts.get("due_soon"):
        parts.append(_("{n} due soon").format(n=counts["due_soon"]))
    return ", ".join(parts)


def cell_text(row: Any, column: int, officers: dict[int, str] | None = None) -> str:
    """What a cell shows for a `services.due.DueRow`."""
    item = row.item
    if column == STATUS:
        return item.status_label
    if column == DUE:
        return due_text(item)
    if column == KIND:
        return item.label
    if column == CHILD:
        return isolate(row.name)
    if column == REFERENCE:
        return row.reference or ""
    if column == OFFICER:
        name = (officers or {}).get(row.officer_id) if row.officer_id is not None else None
        return isolate(name or row.officer or "")
    if column == EXPLANATION:
        return item.message(format_date, isolate)
    if column == BASIS:
        return item.basis_label
    return ""


class DueTableModel(HeaderedTableModel):
    """`block_wanted(generation, number)` asks the page to fetch a block; it answers with `set_block`.
    `sort_requested(descending)` when the due column's header is clicked (the service sorts).

    `grouped`: the rows come ordered by officer (`due_page(by_officer=True)`); the officer's cell is shown only
    on the first row of each officer's group, in bold, with the officer's counts (`officer_counts`)."""

    HEADERS = HEADERS

    block_wanted = Signal(int, int)
    sort_requested = Signal(bool)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.generation = 0
        self.total = 0
        self.officers: dict[int, str] = {}
        self.grouped = False
        self.officer_counts: dict[int, dict[str, int]] = {}
        self._blocks: OrderedDict[int, list[Any]] = OrderedDict()
        self._pending: set[int] = set()

    def reset(self, total: int, first: Sequence[Any]) -> int:
        """A new list of `total` items whose first block is `first`; returns the new generation."""
        self.beginResetModel()
        self.generation += 1
        self.total = total
        self._blocks.clear()
        self._pending.clear()
        if total:
            self._blocks[0] = list(first)
        self.endResetModel()
        return self.generation

    def set_block(self, generation: int, number: int, rows: Sequence[Any], total: int | None = None) -> None:
        """A block fetched for `generation` (ignored when the list was searched again meanwhile)."""
        if generation != self.generation:
            return
        self._pending.discard(number)
        self._blocks[number] = list(rows)
        while len(self._blocks) > MAX_BLOCKS:
            self._blocks.popitem(last=False)
        first = number * BLOCK
        last = min(first + BLOCK, self.total) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(HEADERS) - 1))

    def block_failed(self, generation: int, number: int) -> None:
        """The fetch failed: asked again when the rows are next painted."""
        if generation == self.generation:
            self._pending.discard(number)

    def cached_blocks(self) -> list[int]:
        return sorted(self._blocks)

    def row_at(self, row: int) -> Any | None:
        """The `DueRow` on line `row`; None while its block is on its way (asked for here)."""
        if not 0 <= row < self.total:
            return None
        number, at = divmod(row, BLOCK)
        block = self._blocks.get(number)
        if block is None:
            if number not in self._pending:
                self._pending.add(number)
                self.block_wanted.emit(self.generation, number)
            return None
        self._blocks.move_to_end(number)
        return block[at] if at < len(block) else None  # shorter: items gone since the total was counted

    def set_officer_counts(self, counts: dict[int, dict[str, int]]) -> None:
        self.officer_counts = dict(counts)
        if self.grouped and self.total:
            self.dataChanged.emit(self.index(0, OFFICER), self.index(self.total - 1, OFFICER))

    def starts_group(self, row: int) -> bool:
        """Whether line `row` is the first of its officer's group (a line whose predecessor is not loaded counts
        as one: the name is shown rather than lost)."""
        if row == 0:
            return True
        number, at = divmod(row - 1, BLOCK)
        block, current = self._blocks.get(number), self.row_at(row)
        before = block[at] if block is not None and at < len(block) else None
        return before is None or current is None or before.officer_id != current.officer_id

    def group_text(self, row: Any) -> str:
        """The group's heading in the officer's cell: the officer's name and their counts."""
        if row.officer_id is None:
            return _("No responsible officer")
        name = cell_text(row, OFFICER, self.officers)
        counts = counts_text(self.officer_counts.get(row.officer_id, {}))
        return f"{name} ({counts})" if counts else name

    # --- Qt's interface -----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else self.total

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        column = index.column()
        if row is None:
            return "…" if role == Qt.ItemDataRole.DisplayRole and column == STATUS else None
        if self.grouped and column == OFFICER and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.FontRole):
            first = self.starts_group(index.row())
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font if first else None
            return self.group_text(row) if first else ""
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(row, column, self.officers)
        if role == Qt.ItemDataRole.UserRole:
            return row.child_id
        if role == Qt.ItemDataRole.BackgroundRole and column in (STATUS, DUE):
            return DEADLINE_BRUSHES.get(row.item.status)
        if role == Qt.ItemDataRole.ToolTipRole and column == OFFICER and self.grouped:
            return self.group_text(row)
        if role == Qt.ItemDataRole.ToolTipRole and column in (CHILD, EXPLANATION, BASIS, KIND, OFFICER):
            return cell_text(row, column, self.officers)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column == DUE:
            self.sort_requested.emit(order == Qt.SortOrder.DescendingOrder)
