"""Run service calls off the UI thread and deliver the outcome on it (modelled on Anki's CollectionOp).

    Task(self, lambda: auth.login(path, user, pw)).success(self._open).failure(self._show).run()

The callable runs on a QThreadPool worker; `.success(result)` or `.failure(exc)` runs later on the UI
thread through a queued signal, so the window keeps painting while Argon2id, a backup or a search works.
Without a failure callback the error goes to `ui.errors.show_error`. Callbacks are skipped when the
parent widget was deleted meanwhile.

A write declares what it changed with `.changes(Changes.of(...))` (or a function of the result): after it
succeeded, that is announced app-wide through `ui.changes` (before the success callback, and also when the
parent is gone — the write happened), and every page showing something affected refreshes itself.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QApplication, QWidget

from ospod_desktop.ui.changes import Changes, announce

_pool: QThreadPool | None = None
_running: dict[int, Task] = {}
_ids = itertools.count(1)


def pool() -> QThreadPool:
    """The app's worker pool (separate from Qt's global one, so waiting for it waits only for our work)."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(max(2, QThreadPool.globalInstance().maxThreadCount()))
    return _pool


def running() -> int:
    """How many tasks have not delivered their outcome yet."""
    return len(_running)


def wait_all(msecs: int = 10_000) -> bool:
    """Block until every worker has finished (used before the session closes); True if all did."""
    return pool().waitForDone(msecs)


class _Dispatcher(QObject):
    """One long-lived object on the UI thread that receives every worker's outcome by task id.

    Workers never hold a per-task QObject, so no QObject is ever released on a worker thread, and a
    finished Task is dropped from this object's slot rather than from inside one of its own.
    """

    done = Signal(int, object)
    failed = Signal(int, object)

    def __init__(self) -> None:
        super().__init__()
        from PySide6.QtCore import Qt  # not at import: the Qt namespace's enums cost ~20 ms before first paint

        self.done.connect(self._done, Qt.ConnectionType.QueuedConnection)
        self.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)

    @Slot(int, object)
    def _done(self, task_id: int, result: object) -> None:
        task = _running.pop(task_id, None)
        if task is not None:
            task._deliver(result, None)

    @Slot(int, object)
    def _failed(self, task_id: int, exc: object) -> None:
        task = _running.pop(task_id, None)
        if task is not None:
            task._deliver(None, exc)  # type: ignore[arg-type]


_dispatcher: _Dispatcher | None = None


def _get_dispatcher() -> _Dispatcher:
    global _dispatcher
    if _dispatcher is None:
        _dispatcher = _Dispatcher()
    return _dispatcher


class _Runnable(QRunnable):
    def __init__(self, task_id: int, fn: Callable[[], Any], dispatcher: _Dispatcher) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._task_id = task_id
        self._fn: Callable[[], Any] | None = fn
        self._dispatcher = dispatcher  # module-lifetime object: never the last reference

    def run(self) -> None:
        fn, self._fn = self._fn, None
        try:
            result = fn()  # type: ignore[misc]
        except BaseException as exc:  # every failure must reach the UI, or the busy state never ends
            self._dispatcher.failed.emit(self._task_id, exc)
            return
        self._dispatcher.done.emit(self._task_id, result)


class Task(QObject):
    """One background call with its UI-thread callbacks."""

    finished = Signal()  # after the success or failure callback ran (tests wait on it)

    def __init__(self, parent: QWidget | None, fn: Callable[[], Any], busy_cursor: bool = False) -> None:
        super().__init__()
        self._parent = parent
        self._fn = fn
        self._busy_cursor = busy_cursor
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._changes: Changes | Callable[[Any], Changes | None] | None = None

    def changes(self, changes: Changes | Callable[[Any], Changes | None] | None) -> Task:
        """What a successful run changed (or a function of its result giving it), announced app-wide."""
        self._changes = changes
        return self

    def success(self, callback: Callable[[Any], None]) -> Task:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Task:
        self._on_failure = callback
        return self

    def run(self) -> Task:
        """Start the call on a worker thread (call from the UI thread)."""
        dispatcher = _get_dispatcher()
        task_id = next(_ids)
        _running[task_id] = self
        if self._busy_cursor:
            from PySide6.QtCore import Qt

            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        fn, self._fn = self._fn, None
        pool().start(_Runnable(task_id, fn, dispatcher))
        return self

    def _parent_alive(self) -> bool:
        return self._parent is None or shiboken6.isValid(self._parent)

    def _deliver(self, result: Any, exc: BaseException | None) -> None:
        if self._busy_cursor:
            QApplication.restoreOverrideCursor()
        try:
            if exc is None and self._changes is not None:
                changes = self._changes(result) if callable(self._changes) else self._changes
                announce(changes)
            if not self._parent_alive():
                return
            if exc is None:
                if self._on_success is not None:
                    self._on_success(result)
            elif self._on_failure is not None:
                self._on_failure(exc)
            else:
                self._report(exc)
        except Exception as inner:  # a failing callback is a bug: show it like any other error
            self._report(inner)
        finally:
            self._on_success = self._on_failure = self._changes = None
            self.finished.emit()

    def _report(self, exc: BaseException) -> None:
        from ospod_desktop.ui.errors import show_error

        show_error(self._parent if self._parent_alive() else None, exc)


class ProgressRelay(QObject):
    """Pass `relay.report` to work that reports (done, total) from a worker; `changed` fires on the UI thread."""

    changed = Signal(int, int)

    def report(self, done: int, total: int) -> None:
        self.changed.emit(int(done), int(total))


class MessageRelay(QObject):
    """Pass `relay.report` to work that tells something from a worker (a write waiting for another process's:
    `services.waiting.telling`); `changed` fires with the message on the UI thread."""

    changed = Signal(str)

    def report(self, message: str) -> None:
        self.changed.emit(str(message))
