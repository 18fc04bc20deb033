"""Auto-lock hides child data and open dialogs; typed text survives; only the right password unlocks.

Idle time is not waited for: `manual_clock` replaces the idle lock's QTimer with one that moves only when the
test says so (`clock.advance(ms)`), so the outcome never depends on how busy the machine is. One test keeps
the real QTimer, made to expire by shortening its interval, and waits for the lock as a condition.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, Qt, Signal

from ospod_desktop.services import identity
from ospod_desktop.ui import idle_lock
from ospod_desktop.ui.dialogs.user_dialog import UserDialog
from ospod_desktop.ui.main_window import MainWindow
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD
from tests.ui.helpers import type_text, visible_windows, wait_tasks

WRONG = "The user name or password is incorrect."


class ManualTimer(QObject):
    """A single-shot QTimer for IdleLock whose time passes only in `advance`."""

    timeout = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._interval = 0
        self._remaining: int | None = None  # None: stopped
        self.starts = 0

    def setSingleShot(self, single: bool) -> None:  # noqa: N802 (Qt's names)
        assert single

    def setInterval(self, ms: int) -> None:  # noqa: N802
        self._interval = ms

    def interval(self) -> int:
        return self._interval

    def start(self) -> None:
        self._remaining = self._interval
        self.starts += 1

    def stop(self) -> None:
        self._remaining = None

    def isActive(self) -> bool:  # noqa: N802
        return self._remaining is not None

    def advance(self, ms: int) -> None:
        if self._remaining is None:
            return
        self._remaining -= ms
        if self._remaining <= 0:
            self._remaining = None
            self.timeout.emit()


class ManualClock:
    def __init__(self) -> None:
        self.timers: list[ManualTimer] = []

    def timer(self, parent: QObject | None = None) -> ManualTimer:
        self.timers.append(ManualTimer(parent))
        return self.timers[-1]

    def advance(self, ms: int) -> None:
        """`ms` milliseconds pass without input."""
        for timer in self.timers:
            timer.advance(ms)


@pytest.fixture
def manual_clock(monkeypatch) -> ManualClock:
    clock = ManualClock()
    monkeypatch.setattr(idle_lock, "QTimer", clock.timer)
    return clock


def _window(qtbot, us, idle_ms: int | None = None) -> MainWindow:
    window = MainWindow(us, idle_ms=idle_ms)
    window.show()
    qtbot.waitExposed(window)
    return window


def _unlock(qtbot, window: MainWindow, password: str) -> None:
    type_text(window.lock_page.ui.password_edit, password)
    qtbot.mouseClick(window.lock_page.ui.unlock_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)


def test_idle_interval_defaults_to_the_office_setting(qtbot, admin_session):
    us, _code = admin_session
    window = _window(qtbot, us)
    assert window.idle.interval_ms() == identity.idle_lock_minutes(us) * 60_000 == 5 * 60_000
    window.close()


def test_auto_lock_hides_data_and_dialogs_and_keeps_typed_text(qtbot, admin_session, manual_clock):
    us, _code = admin_session
    window = _window(qtbot, us, idle_ms=200)
    dialog = window.admin_page.create_user()
    assert isinstance(dialog, UserDialog) and dialog.isVisible()
    type_text(dialog.ui.display_name_edit, "Růžena Šťastná")
    manual_clock.advance(199)
    assert not window.locked
    manual_clock.advance(1)
    qtbot.waitUntil(lambda: window.locked, timeout=5000)

    assert window.ui.root_stack.currentWidget() is window.lock_page
    assert not window.ui.content_page.isVisible()
    assert not window.admin_page.ui.users_table.isVisible()
    assert not dialog.isVisible()
    assert visible_windows() == [window]
    assert not window.ui.change_password_action.isEnabled()

    _unlock(qtbot, window, "not my password 2026")
    assert window.locked and window.lock_page.ui.error_label.text() == WRONG
    assert not dialog.isVisible()

    _unlock(qtbot, window, ADMIN_PASSWORD)
    assert not window.locked
    assert window.ui.root_stack.currentWidget() is window.ui.content_page
    assert dialog.isVisible()
    assert dialog.ui.display_name_edit.text() == "Růžena Šťastná"
    assert window.idle.is_active()
    window.close()


def test_input_postpones_the_lock(qtbot, admin_session, manual_clock):
    us, _code = admin_session
    window = _window(qtbot, us, idle_ms=400)
    for _ in range(6):  # 6 × 100 ms of typing: longer than the interval, but never idle that long
        manual_clock.advance(100)
        type_text(window.admin_page.ui.office_orp_edit, "x")
        assert not window.locked
    manual_clock.advance(399)  # the countdown started again at the last key
    assert not window.locked
    manual_clock.advance(1)
    qtbot.waitUntil(lambda: window.locked, timeout=5000)
    window.close()


def test_the_real_timer_locks_when_its_interval_runs_out(qtbot, admin_session):
    us, _code = admin_session
    window = _window(qtbot, us, idle_ms=3_600_000)  # an hour: nothing fires while the window is set up
    assert window.idle.is_active() and not window.locked
    window.idle.set_interval_ms(1)  # a running countdown restarts with the new interval
    qtbot.waitUntil(lambda: window.locked, timeout=5000)
    assert window.ui.root_stack.currentWidget() is window.lock_page and not window.idle.is_active()
    window.close()


def test_lock_now_and_failed_unlocks_wait_longer_each_time_but_never_lock_the_account(qtbot, officer_session,
                                                                                     no_login_delay):
    window = _window(qtbot, officer_session)
    window.ui.lock_action.trigger()
    assert window.locked and not window.children_page.isVisible()
    for _ in range(6):
        _unlock(qtbot, window, "wrong password 123")
        assert window.lock_page.ui.error_label.text() == WRONG  # no stored lock (issue 14): a growing delay
    waits = [w for w in no_login_delay.waits if w > 0]
    assert waits and waits == sorted(waits)  # the process waits longer after each failure
    _unlock(qtbot, window, OFFICER_PASSWORD)
    qtbot.waitUntil(lambda: not window.locked, timeout=10000)
    window.close()


def test_log_out_from_the_lock_page_ends_the_session(qtbot, officer_session):
    window = _window(qtbot, officer_session)
    window.lock()
    with qtbot.waitSignal(window.session_ended) as signal:
        qtbot.mouseClick(window.lock_page.ui.log_out_button, Qt.MouseButton.LeftButton)
    assert signal.args == [True]
    assert not window.isVisible()


def test_a_dialog_closed_while_locked_is_not_shown_again(qtbot, admin_session):
    us, _code = admin_session
    window = _window(qtbot, us)
    dialog = window.open_settings()
    other = window.admin_page.create_user()
    window.lock()
    assert not dialog.isVisible() and not other.isVisible()
    dialog.reject()  # e.g. its background work ended while the screen was locked
    _unlock(qtbot, window, ADMIN_PASSWORD)
    assert not dialog.isVisible()
    assert other.isVisible()
    window.close()


def test_the_screen_locks_at_once_while_an_import_holds_the_database(qtbot, officer_session):
    import threading
    import time

    from sqlalchemy import text

    window = _window(qtbot, officer_session)
    wait_tasks(qtbot)  # what the window loads when shown (the case list's audited read) is done before the import
    with officer_session.read() as s:
        before = s.exec(text("SELECT max(id) FROM audit_log")).one()[0]
    held, release, holding = threading.Event(), threading.Event(), threading.Event()

    def long_write():  # what an import or a merge does: one write transaction for its whole length
        with officer_session.db.write():
            holding.set()
            held.set()
            release.wait(10)
            holding.clear()  # still inside the transaction: cleared before the database is free

    writer = threading.Thread(target=long_write)
    writer.start()
    assert held.wait(5)
    started = time.monotonic()
    window.lock()
    assert time.monotonic() - started < 1 and window.locked  # hidden now, not when the import commits
    assert holding.is_set()  # locking did not wait for the import's transaction
    assert window.ui.root_stack.currentWidget() is window.lock_page
    release.set()
    writer.join()
    wait_tasks(qtbot)
    with officer_session.read() as s:  # the lock is still audited once the database is free
        assert s.exec(text("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1")).one()[0] == "lock"
        assert [a for (a,) in s.exec(text("SELECT action FROM audit_log WHERE id > :id ORDER BY id"),
                                     params={"id": before}).all()] == ["lock"]
    window.close()
