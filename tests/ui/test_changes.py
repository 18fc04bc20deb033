"""The app-wide change notification: the `Changes` value, the notifier, `RefreshOnChange`, and the announcing
done by `Task.changes` and `SaveDialog` after a successful write (never after a failed one)."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QWidget

from ospod_desktop.core.errors import ValidationError
from ospod_desktop.ui import tasks
from ospod_desktop.ui.changes import Changes, Kind, RefreshOnChange, announce, notifier, subscribe
from ospod_desktop.ui.tasks import Task
from tests.ui.helpers import ChangesSeen


def test_an_id_names_its_kind_and_unknown_ids_mean_any():
    placed = Changes.of(Kind.PLACEMENT, Kind.FACILITY, child=7)
    assert placed.kinds == {Kind.PLACEMENT, Kind.FACILITY, Kind.CHILD}
    assert placed.ids_of(Kind.CHILD) == {7} and placed.ids_of(Kind.FACILITY) == frozenset()
    assert placed.affects(Kind.CHILD, 7) and not placed.affects(Kind.CHILD, 8)
    assert placed.affects(Kind.FACILITY, 123)  # no facility named: any may have changed
    assert not placed.affects(Kind.USER, 1) and not placed.has(Kind.MISSING)
    assert placed.affects_any(Kind.CHILD, [1, 7]) and not placed.affects_any(Kind.CHILD, [])
    assert Changes.of(child=[3, 4, None]).ids_of(Kind.CHILD) == {3, 4}


def test_changes_are_immutable_values():
    a, b = Changes.of(child=1), Changes.of(Kind.OFFICE)
    assert a == Changes.of(child=1) and hash(a) == hash(Changes.of(child=1))
    assert (a | b).kinds == {Kind.CHILD, Kind.OFFICE} and (a | b).ids_of(Kind.CHILD) == {1}
    assert not Changes() and bool(b)
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.kinds = frozenset()  # type: ignore[misc]


def test_one_notifier_delivers_each_announcement_to_every_subscriber(qtbot):
    assert notifier() is notifier()
    first, second = ChangesSeen(), ChangesSeen()
    announce(Changes.of(user=5))
    announce(None)  # nothing changed: nothing is sent
    announce(Changes())
    assert first.changes == second.changes == [Changes.of(user=5)]


def test_a_destroyed_subscriber_is_not_called(qtbot):
    class Page(QWidget):
        def __init__(self) -> None:
            super().__init__()
            self.seen: list = []
            subscribe(self.on_changes)

        def on_changes(self, changes) -> None:
            self.seen.append(changes)

    page = Page()
    announce(Changes.of(child=1))
    assert len(page.seen) == 1
    page.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    announce(Changes.of(child=2))  # would crash or record if the connection outlived the page
    with pytest.raises(TypeError):
        subscribe(lambda changes: None)  # only a QObject's method: its connection ends with it


class _Page(RefreshOnChange, QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.loads = 0
        self.follow_changes()

    def wants(self, changes: Changes) -> bool:
        return changes.has(Kind.FACILITY)

    def refresh(self) -> None:
        self.loads += 1


def test_a_page_refreshes_while_visible_else_when_shown_again(qtbot):
    page = _Page()
    qtbot.addWidget(page)
    announce(Changes.of(facility=1))
    assert page.loads == 0  # never shown: it loads when first shown, not before
    page.show()
    assert page.loads == 1
    announce(Changes.of(facility=1))
    assert page.loads == 2  # on screen: at once
    announce(Changes.of(child=1))
    assert page.loads == 2  # not what it shows
    page.hide()
    announce(Changes.of(facility=1))
    announce(Changes.of(facility=2))
    assert page.loads == 2  # hidden: only marked stale
    page.show()
    assert page.loads == 3  # once, however many changes came meanwhile
    page.hide()
    page.show()
    assert page.loads == 3


def test_a_task_announces_after_success_only_and_before_its_callback(qtbot):
    seen = ChangesSeen()
    announced_before_success: list = []
    with qtbot.waitSignal(Task(None, lambda: 9).changes(lambda result: Changes.of(child=result)).success(
            lambda _r: announced_before_success.append(len(seen.changes))).run().finished, timeout=5000):
        pass
    assert seen.child_ids() == [[9]] and announced_before_success == [1]
    failing = Task(None, lambda: (_ for _ in ()).throw(ValidationError("x", "X: wrong."))).changes(
        Changes.of(child=1)).failure(lambda exc: None)
    with qtbot.waitSignal(failing.run().finished, timeout=5000):
        pass
    assert seen.child_ids() == [[9]]  # a failed write changed nothing


def test_the_write_is_announced_even_when_its_window_is_gone(qtbot):
    seen = ChangesSeen()
    parent = QWidget()
    Task(parent, lambda: 4).changes(Changes.of(facility=4)).run()
    parent.deleteLater()
    QApplication.processEvents()
    qtbot.waitUntil(lambda: tasks.running() == 0, timeout=5000)
    assert seen.changes == [Changes.of(facility=4)]
