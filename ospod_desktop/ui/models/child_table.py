"""The case list's model: the ordered ids of a search, and rows fetched lazily in blocks (like Anki's browser).

Only the blocks a view asks for are fetched (`child_list.child_rows` for up to BLOCK ids; the first comes with
the search, from a worker, so only scrolling further reads on the UI thread, a block by primary key), and at most
MAX_BLOCKS stay cached, so 100,000 children cost a few hundred rows of memory. A child whose row could not
be loaded (gone meanwhile, out of scope, or the fetch failed) shows as a disabled line, never an error.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCollator, QLocale, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from ospod_desktop.core import child_rules as R
from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core.countries import country_name
from ospod_desktop.core.i18n import N_, _, current_language, for_sex, pgettext
from ospod_desktop.core.text import isolate
from ospod_desktop.ui.errors import log_unexpected
from ospod_desktop.ui.format import DEADLINE_BRUSHES, duration_text, format_date
from ospod_desktop.ui.models.headers import HeaderedTableModel

# The risk comes before the long placement names, so a narrow window cuts those, never the risk.
MARK, NAME, AGE, SEX, NATIONALITY, RISK, PLACEMENT, NEXT_VISIT, STATUS = range(9)
HEADERS = (N_("File mark"), N_("Name"), N_("Age"), N_("Sex"), N_("Nationality"), N_("Risk"), N_("Placement"),
           N_("Next visit"), N_("Status"))
SERVICE_SORTS = {MARK: "mark", NAME: "name", AGE: "age"}  # the rest are sorted on the client
BLOCK = 100
MAX_BLOCKS = 60
_FAILED = object()
ADULT_SOON_BRUSH = QBrush(QColor("#ffe0b2"))
RISK_BRUSH = QBrush(QColor("#ffcdd2"))
MISSING_BRUSH = QBrush(QColor("#c62828"))  # white bold text on it: the child is missing now
MISSING_TEXT = QBrush(QColor("#ffffff"))
Index = QModelIndex | QPersistentModelIndex

STATUS_SHORT = {"unaccompanied": N_("unaccompanied"), "separated": N_("separated")}
# The trafficking flag in the risk column (`ChildRow.trafficking_flag`; None: withheld from facility staff).
FLAG_SHORT = {"concern": N_("trafficking concern"), "presumed_victim": N_("presumed trafficking victim"),
              "identified": N_("identified trafficking victim")}


def flag_text(row: Any) -> str:
    """The short trafficking flag of a row ("" none or withheld)."""
    flag = row.trafficking_flag or ""
    return _(FLAG_SHORT[flag]) if flag in FLAG_SHORT else ""


def collator() -> QCollator:
    """A collator for the UI language (Czech: "ch" after "h"); make one per thread, it is not shared."""
    col = QCollator(QLocale(current_language()))
    col.setNumericMode(True)
    return col


def name_text(row: Any) -> str:
    """A child's name as the lists show it: the Latin name, and the original script when it differs; each isolated
    (`core.text.isolate`), so an Arabic name cannot reorder the other, or what a caller puts after it."""
    if row.original_script_name and row.original_script_name != row.name:
        return f"{isolate(row.name)} · {isolate(row.original_script_name)}"
    return isolate(row.name)


def cell_text(row: Any, column: int) -> str:
    """What a cell shows for a `ChildRow` (also the client-side sort text)."""
    if column == MARK:
        return row.case_mark
    if column == NAME:
        return name_text(row)
    if column == AGE:
        return _("{age} · 18 soon").format(age=row.age) if row.adult_soon else row.age
    if column == SEX:
        return R.label(R.SEXES, row.sex)
    if column == NATIONALITY:
        return ", ".join(country_name(c) for c in row.nationalities)
    if column == PLACEMENT:
        place = row.current_facility or ""
        if row.deadline_status in DEADLINE_BRUSHES:
            status = PR.label(PR.DEADLINE_STATUSES, row.deadline_status)
            return f"{status} · {place}" if place else status  # the status first: long names are elided
        return place
    if column == NEXT_VISIT:
        return format_date(row.next_visit)
    if column == RISK:
        if row.missing is not None:
            risk = missing_text(row.missing, row.missing_unreported, row.sex)
        else:  # None: withheld
            risk = R.label(R.URGENCIES, row.urgency) if row.urgency not in (None, "standard") else ""
        return " · ".join(t for t in (risk, flag_text(row)) if t)
    if column == STATUS:
        kind = _(STATUS_SHORT[row.status]) if row.status in STATUS_SHORT else row.status
        return kind if row.case_status == "open" else f"{kind} · {R.label(R.CASE_STATUSES, row.case_status)}"
    return ""


def missing_text(hours: int, unreported: bool, sex: str = "") -> str:
    """The risk cell of a missing child: "Missing 37 hours" (as long as the child's page says), flagged while the
    police have not been told; the Czech agrees with the child's `sex` when it is known."""
    missing = for_sex(sex, pgettext("girl", "Missing {duration}"), pgettext("boy", "Missing {duration}"),
                      _("Missing {duration}"))
    text = missing.format(duration=duration_text(hours))
    flag = _("not reported")
    return f"{text} · {flag}" if unreported else text


def missing_tooltip(row: Any) -> str:
    missing = for_sex(getattr(row, "sex", ""), pgettext("girl", "Missing for {duration}."),
                      pgettext("boy", "Missing for {duration}."), _("Missing for {duration}."))
    text = missing.format(duration=duration_text(row.missing))
    if row.missing_unreported:
        text += " " + _("Not yet reported to the police: overdue.")
    return text


def deadline_tooltip(row: Any) -> str:
    kind = PR.label(PR.DEADLINE_KINDS, row.deadline_kind)
    status = PR.label(PR.DEADLINE_STATUSES, row.deadline_status or "ok")
    place = f"{row.current_facility}\n" if row.current_facility else ""
    return f"{place}{kind}: {format_date(row.deadline_due)} ({status})"


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def client_sorted(rows: Sequence[Any], column: int, descending: bool) -> list[int]:
    """Ids of `rows` ordered by a column's text with the UI language's collation (run in a task)."""
    if column == AGE:
        ordered = sorted(rows, key=lambda r: r.age_sort, reverse=descending)
    else:
        col = collator()
        ordered = sorted(rows, key=lambda r: col.sortKey(cell_text(r, column)), reverse=descending)
    return [r.id for r in ordered]


class ChildTableModel(HeaderedTableModel):
    """Rows are `ChildRow`s from `fetch(ids)`; `sort_requested` lets the page re-query in a task."""

    HEADERS = HEADERS

    sort_requested = Signal(int, bool)  # column, descending

    def __init__(self, fetch: Callable[[list[int]], list[Any]], parent=None) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._ids: list[int] = []
        self._blocks: OrderedDict[int, list[Any]] = OrderedDict()
        self.fetch_calls = 0  # fetches since the ids were last set (tests and benchmarks read these)
        self.fetched_rows = 0

    # --- data the page sets ------------------------------------------------------------------

    def set_ids(self, ids: Sequence[int], first: Sequence[Any] | None = None) -> None:
        """A new list; `first`: the rows of its first block when the search already fetched them on a worker."""
        self.beginResetModel()
        self._ids = list(ids)
        self._blocks.clear()
        self.fetch_calls = self.fetched_rows = 0
        if first is not None and self._ids:
            self._store(0, first)
        self.endResetModel()

    def ids(self) -> list[int]:
        return list(self._ids)

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, child_id: int) -> int:
        try:
            return self._ids.index(child_id)
        except ValueError:
            return -1

    # --- the lazy cache -----------------------------------------------------------------------

    def row_at(self, row: int) -> Any | None:
        """The `ChildRow` on line `row`, or None when it could not be loaded."""
        if not 0 <= row < len(self._ids):
            return None
        number = row // BLOCK
        block = self._blocks.get(number)
        if block is None:
            block = self._load(number)
        else:
            self._blocks.move_to_end(number)
        item = block[row - number * BLOCK]
        return None if item is _FAILED else item

    def _load(self, number: int) -> list[Any]:
        ids = self._ids[number * BLOCK:(number + 1) * BLOCK]
        try:
            rows = self._fetch(ids)
        except Exception as exc:  # the list must keep working; the rows show as not loaded
            log_unexpected(exc)
            rows = []
        return self._store(number, rows)

    def _store(self, number: int, rows: Sequence[Any]) -> list[Any]:
        ids = self._ids[number * BLOCK:(number + 1) * BLOCK]
        self.fetch_calls += 1
        self.fetched_rows += len(ids)
        by_id = {r.id: r for r in rows}
        block = [by_id.get(i, _FAILED) for i in ids]
        self._blocks[number] = block
        while len(self._blocks) > MAX_BLOCKS:
            self._blocks.popitem(last=False)
        return block

    def cached_blocks(self) -> list[int]:
        return sorted(self._blocks)

    # --- Qt's interface -----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self._ids)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.row_at(index.row()) is None:
            return Qt.ItemFlag.NoItemFlags  # disabled: nothing to open
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        column = index.column()
        if row is None:
            if role == Qt.ItemDataRole.DisplayRole:
                return _("(could not be loaded)") if column == NAME else "—" if column == MARK else ""
            if role == Qt.ItemDataRole.ToolTipRole:
                return _("This record could not be loaded. It may have been merged or deleted; refresh the list.")
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(row, column)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.BackgroundRole:
            if column == AGE and row.adult_soon:
                return ADULT_SOON_BRUSH
            if column == RISK and row.missing is not None:
                return MISSING_BRUSH
            if column == RISK and (row.urgency not in (None, "standard") or flag_text(row)):
                return RISK_BRUSH
            if column == PLACEMENT and row.deadline_status in DEADLINE_BRUSHES:
                return DEADLINE_BRUSHES[row.deadline_status]
        if role == Qt.ItemDataRole.ForegroundRole and column == RISK and row.missing is not None:
            return MISSING_TEXT
        if role == Qt.ItemDataRole.FontRole and column == RISK and row.missing is not None:
            return _bold()
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == AGE and row.adult_soon:
                return _("May turn 18 within 90 days.")
            if column == RISK and row.missing is not None:
                return missing_tooltip(row)
            if column == RISK and flag_text(row):
                return cell_text(row, column)
            if column == PLACEMENT and row.deadline_kind:
                return deadline_tooltip(row)
            if column in (NAME, NATIONALITY, STATUS):
                return cell_text(row, column)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_requested.emit(column, order == Qt.SortOrder.DescendingOrder)
