"""One app-wide "something changed" notification (modelled on Anki's OpChanges).

A write declares what it changed as a small immutable `Changes` value; `ui.tasks.Task.changes(...)` (and
`SaveDialog.changes()`, which uses it) announces it on the UI thread once the write succeeded:

    Task(self, lambda: placements.place_child(us, cid, form)).changes(
        Changes.of(Kind.PLACEMENT, Kind.FACILITY, child=cid)).run()

Pages and windows never tell each other to refresh: each subscribes to the notifier and decides from the
kinds (and ids, where known) whether what it shows is affected. `RefreshOnChange` does this for a widget
with a `refresh()`: it refreshes at once when visible, else it is marked stale and refreshes when next shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ospod_desktop.ui.widgets import LoadOnFirstShow

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


class Kind(Enum):
    """What kind of entity changed."""

    CHILD = "child"  # a child's record or anything shown on it (history included)
    PLACEMENT = "placement"  # placements and their extensions (facility occupancy follows)
    MISSING = "missing"  # missing episodes
    VISIT = "visit"  # supervision visits and information requests (the deadlines follow them)
    FACILITY = "facility"  # the facility register (and its occupancy)
    DUPLICATE = "duplicate"  # a pair of registrations marked as two different children
    USER = "user"  # accounts (passwords included)
    OFFICE = "office"  # the office profile and its settings (auto-lock)
    ACCESS = "access"  # an administrator's emergency access opened or ended
    POLICY = "policy"  # a new version of the deadline policy (every child's due items follow it)
    ASSESSMENT = "assessment"  # trafficking-indicator assessments, their approval, victim events, the catalogue
    DOCUMENT = "document"  # a document issued (saved or printed) and its entry in the disclosure register


IdsArg = int | Iterable[int] | None


def _ids(value: IdsArg) -> frozenset[int]:
    if value is None:
        return frozenset()
    if isinstance(value, int):
        return frozenset((value,))
    return frozenset(int(v) for v in value if v is not None)


@dataclass(frozen=True)
class Changes:
    """Which kinds of entity changed, and the ids known to be affected (none known: maybe any of that kind)."""

    kinds: frozenset[Kind] = frozenset()
    ids: frozenset[tuple[Kind, int]] = frozenset()

    @classmethod
    def of(cls, *kinds: Kind, child: IdsArg = None, facility: IdsArg = None, user: IdsArg = None) -> Changes:
        """`Changes.of(Kind.PLACEMENT, Kind.FACILITY, child=7)`: an id also names its kind as changed."""
        ids = {(Kind.CHILD, i) for i in _ids(child)} | {(Kind.FACILITY, i) for i in _ids(facility)} \
            | {(Kind.USER, i) for i in _ids(user)}
        return cls(frozenset(kinds) | {kind for kind, _id in ids}, frozenset(ids))

    def __bool__(self) -> bool:
        return bool(self.kinds)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.kinds | other.kinds, self.ids | other.ids)

    def has(self, *kinds: Kind) -> bool:
        """True if any of `kinds` changed."""
        return any(kind in self.kinds for kind in kinds)

    def ids_of(self, kind: Kind) -> frozenset[int]:
        return frozenset(i for k, i in self.ids if k is kind)

    def affects(self, kind: Kind, entity_id: int) -> bool:
        """True if the entity `kind` #`entity_id` may have changed (its kind changed, and no ids or its id known)."""
        return self.affects_any(kind, (entity_id,))

    def affects_any(self, kind: Kind, entity_ids: Iterable[int]) -> bool:
        """True if any of these entities of `kind` may have changed."""
        if kind not in self.kinds:
            return False
        known = self.ids_of(kind)
        return not known or not known.isdisjoint(entity_ids)


class ChangeNotifier(QObject):
    """`changed(Changes)` after every successful write from the UI; emitted on the UI thread only."""

    changed = Signal(object)

    def announce(self, changes: Changes | None) -> None:
        if changes:
            self.changed.emit(changes)


_notifier: ChangeNotifier | None = None


def notifier() -> ChangeNotifier:
    """The app's one notifier (made on first use; lives as long as the app)."""
    global _notifier
    if _notifier is None:
        _notifier = ChangeNotifier()
    return _notifier


def announce(changes: Changes | None) -> None:
    """Tell every subscriber what a successful write changed (nothing happens for None or empty changes)."""
    notifier().announce(changes)


def subscribe(callback: Callable[[Changes], None]) -> None:
    """Call `callback(changes)` after every change. It must be a method of a QObject (a page, a dialog):
    PySide6 ends the connection when that object is destroyed, so a closed page is never called."""
    if not isinstance(getattr(callback, "__self__", None), QObject):
        raise TypeError("subscribe() takes a method of a QObject")
    notifier().changed.connect(callback)


class RefreshOnChange(LoadOnFirstShow):
    """Mixed into a widget whose `refresh()` loads what it shows: load on first show, then again after every
    relevant change — at once while visible, else the next time it is shown. Override `wants(changes)`."""

    def follow_changes(self) -> None:
        subscribe(self._on_changes)

    def wants(self, changes: Changes) -> bool:  # pragma: no cover - overridden
        return False

    def _on_changes(self, changes: Changes) -> None:
        if not self.wants(changes):
            return
        widget: QWidget = self  # type: ignore[assignment]
        if widget.isVisible():
            self.refresh()  # type: ignore[attr-defined]
        else:
            self._loaded_once = False  # stale: loads again when next shown
