"""`--demo`: the login dialog paints at once, the demo database is built behind it, then its accounts show."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QMessageBox

from ospod_desktop.app import build_demo
from ospod_desktop.ui.dialogs.login_dialog import LoginDialog
from ospod_desktop.ui.flow import AppFlow
from ospod_desktop.ui.main_window import MainWindow
from tests.ui.helpers import type_text, visible_windows, wait_tasks


def test_demo_builds_then_lists_accounts_and_logs_in(qtbot, tmp_path):
    from ospod_desktop import demo

    flow = AppFlow(tmp_path / "unused.db", demo=build_demo, quit_app=lambda: None)
    dialog = flow.start()
    assert isinstance(dialog, LoginDialog) and dialog.isVisible()
    assert not dialog.ui.login_button.isEnabled() and dialog.ui.busy_bar.isVisible()
    qtbot.waitUntil(dialog.ui.demo_group.isVisible, timeout=60_000)  # built after the first paint
    assert dialog.ui.login_button.isEnabled() and not dialog.ui.busy_bar.isVisible()
    assert dialog.db_path == flow.db_path and flow.db_path.exists()
    text = dialog.ui.demo_label.text()
    assert demo.DEMO_PASSWORD in text
    for username, _role in demo.DEMO_ACCOUNTS:
        assert username in text
    dialog.ui.username_edit.setText("officer")
    type_text(dialog.ui.password_edit, demo.DEMO_PASSWORD)
    dialog.submit()
    wait_tasks(qtbot)
    assert isinstance(flow.main_window, MainWindow) and flow.main_window.isVisible()
    folder = flow.demo_dir
    flow.main_window.close()
    flow.cleanup()
    assert not folder.exists()


def test_demo_failure_is_shown_and_login_stays_off(qtbot, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "ospod_desktop.demo", None)  # as if the package were missing
    flow = AppFlow(tmp_path / "unused.db", demo=build_demo, quit_app=lambda: None)
    dialog = flow.start()
    qtbot.waitUntil(lambda: any(w.objectName() == "error_box" for w in visible_windows(QMessageBox)), timeout=10_000)
    wait_tasks(qtbot)
    assert not dialog.ui.login_button.isEnabled()
    assert [w for w in visible_windows(QMessageBox) if w.objectName() == "error_box"]
    flow.cleanup()
