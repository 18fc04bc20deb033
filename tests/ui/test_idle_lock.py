"""Auto-lock hides child data and open dialogs; typed text survives; only the right password unlocks."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ospod_desktop.services import identity
from ospod_desktop.ui.dialogs.user_dialog import UserDialog
from ospod_desktop.ui.main_window import MainWindow
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD
from tests.ui.helpers import type_text, visible_windows, wait_tasks

WRONG = "The user name or password is incorrect."
LOCKED = "Too many failed attempts. The account is locked for 30 minutes."


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


def test_auto_lock_hides_data_and_dialogs_and_keeps_typed_text(qtbot, admin_session):
    us, _code = admin_session
    window = _window(qtbot, us, idle_ms=200)
    dialog = window.admin_page.create_user()
    assert isinstance(dialog, UserDialog) and dialog.isVisible()
    type_text(dialog.ui.display_name_edit, "Růžena Šťastná")
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


def test_input_postpones_the_lock(qtbot, admin_session):
    us, _code = admin_session
    window = _window(qtbot, us, idle_ms=400)
    for _ in range(6):  # 6 × 100 ms of typing: longer than the interval, but never idle that long
        qtbot.wait(100)
        type_text(window.admin_page.ui.office_orp_edit, "x")
        assert not window.locked
    qtbot.waitUntil(lambda: window.locked, timeout=5000)
    window.close()


def test_lock_now_and_six_failed_unlocks_lock_the_account(qtbot, officer_session):
    window = _window(qtbot, officer_session)
    window.ui.lock_action.trigger()
    assert window.locked and not window.children_page.isVisible()
    for _ in range(5):
        _unlock(qtbot, window, "wrong password 123")
        assert window.lock_page.ui.error_label.text() == WRONG
    _unlock(qtbot, window, "wrong password 123")
    assert window.lock_page.ui.error_label.text() == LOCKED
    _unlock(qtbot, window, OFFICER_PASSWORD)
    assert window.locked and window.lock_page.ui.error_label.text() == LOCKED
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
    held, release = threading.Event(), threading.Event()

    def long_write():  # what an import or a merge does: one write transaction for its whole length
        with officer_session.db.write():
            held.set()
            release.wait(10)

    writer = threading.Thread(target=long_write)
    writer.start()
    held.wait(5)
    started = time.monotonic()
    window.lock()
    assert time.monotonic() - started < 1 and window.locked  # hidden now, not when the import commits
    assert window.ui.root_stack.currentWidget() is window.lock_page
    release.set()
    writer.join()
    wait_tasks(qtbot)
    with officer_session.read() as s:  # the lock is still audited once the database is free
        assert s.exec(text("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1")).one()[0] == "lock"
    window.close()
