"""Administration's backup, restore and audit screens in Czech, at 1366×768 and at the window's minimum size:
nothing clipped, all painted. Set OSPOD_SHOTS_DIR=shots to keep the PNGs and look at them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from ospod_desktop.core.roles import Role
from ospod_desktop.services import identity
from ospod_desktop.storage import audit
from ospod_desktop.ui.flow import AppFlow
from ospod_desktop.ui.main_window import ADMINISTRATION, MainWindow
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD
from tests.ui.helpers import on_screen, screenshot, shots_dir, type_text, wait_tasks
from tests.ui.test_screens import clipped, czech, office_session  # noqa: F401 (fixtures)

SIZES = {"1366x768": (1366, 768), "min": None}  # None: the main window's own minimum size


def _history(us) -> None:
    """A few days of an office's audit rows: logins, reads, changes, a failed login, an emergency access."""
    users = {u.username: u for u in identity.list_users(us)}
    officer, staff = users["oleksandr"], users["radlicka"]
    rows = []
    for day in range(3):
        rows += [(officer.id, "officer", "login_ok", "session", None, ""),
                 (officer.id, "officer", "read", "child", 17 + day, ""),
                 (officer.id, "officer", "update", "child", 17 + day, f"placement_create:{40 + day}"),
                 (staff.id, "facility_staff", "read", "child", 18, "placements"),
                 (None, "", "login_failed", "session", None, "unknown_user"),
                 (officer.id, "officer", "logout", "session", None, "")]
    with us.db.write() as session:
        audit.append_bulk(session, rows, ts=datetime.now(UTC) - timedelta(hours=5))


def _settle(qtbot, widget) -> None:
    qtbot.waitUntil(lambda: on_screen(widget), timeout=10_000)
    wait_tasks(qtbot)
    QApplication.processEvents()
    assert clipped(widget) == []


def _window(qtbot, us, size) -> MainWindow:
    window = MainWindow(us)
    qtbot.addWidget(window)
    if size is None:
        window.resize(window.minimumSize())
    else:
        window.resize(*size)
    window.ui.nav_list.setCurrentRow(ADMINISTRATION)
    window.show()
    qtbot.waitExposed(window)
    wait_tasks(qtbot)
    return window


@pytest.mark.parametrize("size", list(SIZES))
def test_backups_and_audit_tabs(qtbot, czech, office_session, tmp_path, size):  # noqa: F811 (fixtures)
    us, _code = office_session
    _history(us)
    folder = shots_dir(tmp_path)
    window = _window(qtbot, us, SIZES[size])
    page = window.admin_page
    assert page.ui.admin_tabs.tabText(2) == "&Zálohy"
    page.ui.admin_tabs.setCurrentWidget(page.backup_tab)
    page.backup_tab._backed_up(str(us.db.path.parent / "backups" / "ospod-backup-2026-03-14-1015.db"))
    _settle(qtbot, window)
    screenshot(qtbot, window, folder / f"admin_backups_{size}.png")

    page.ui.admin_tabs.setCurrentWidget(page.audit_tab)
    wait_tasks(qtbot)
    page.audit_tab.verify()
    wait_tasks(qtbot)
    _settle(qtbot, window)
    assert page.audit_tab.ui.verify_label.text().startswith("Auditní řetězec je neporušený")
    screenshot(qtbot, window, folder / f"admin_audit_{size}.png")

    tab = page.audit_tab
    tab.ui.user_combo.setCurrentIndex(tab.ui.user_combo.findData(
        next(u.id for u in tab.users if u.username == "oleksandr")))
    tab.ui.child_edit.setText("18")
    tab.ui.period_check.setChecked(True)
    tab.apply()
    wait_tasks(qtbot)
    _settle(qtbot, window)
    screenshot(qtbot, window, folder / f"admin_audit_filtered_{size}.png")
    window.close()


def test_backup_and_restore_dialogs(qtbot, czech, office_session, tmp_path, db_path):  # noqa: F811 (fixtures)
    us, _code = office_session
    folder = shots_dir(tmp_path)
    flow = AppFlow(db_path, quit_app=lambda: None)
    window = flow.open_main(us)
    window.resize(1366, 768)
    qtbot.waitExposed(window)
    wait_tasks(qtbot)
    page = window.admin_page
    page.ui.admin_tabs.setCurrentWidget(page.backup_tab)
    dialog = page.backup_tab.open_backup()
    _settle(qtbot, dialog)
    screenshot(qtbot, dialog, folder / "backup_dialog.png")
    out = tmp_path / "zálohy" / "ospod-záloha.db"
    dialog.ui.file_edit.setText(str(out))
    dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Ok).click()
    wait_tasks(qtbot)
    _settle(qtbot, dialog)
    screenshot(qtbot, dialog, folder / "backup_dialog_done.png")
    dialog.reject()

    restore = page.backup_tab.open_restore()
    restore.ui.file_edit.setText(str(out))
    type_text(restore.ui.password_edit, "špatné heslo 2026")
    ok = restore.ui.button_box.button(QDialogButtonBox.StandardButton.Ok)
    ok.click()
    wait_tasks(qtbot)
    _settle(qtbot, restore)
    assert restore.ui.error_label.isVisible()
    screenshot(qtbot, restore, folder / "restore_dialog_wrong_password.png")
    restore.ui.password_edit.clear()
    type_text(restore.ui.password_edit, ADMIN_PASSWORD)
    ok.click()
    wait_tasks(qtbot)
    _settle(qtbot, restore)
    assert restore.report is not None and ok.text() == "&Obnovit a odhlásit"
    screenshot(qtbot, restore, folder / "restore_dialog_confirm.png")
    with qtbot.waitSignal(window.session_ended):
        ok.click()
    wait_tasks(qtbot)
    box = flow.restore_box
    _settle(qtbot, box)
    screenshot(qtbot, box, folder / "restore_done.png")
    screenshot(qtbot, flow.login_dialog, folder / "restore_login.png")


def test_supervisor_audit_at_the_minimum_size(qtbot, czech, office_session, tmp_path, db_path):  # noqa: F811 (fixtures)
    admin, _code = office_session
    identity.create_user(admin, "vedouci", "Jana Vedoucí", Role.SUPERVISOR, OFFICER_PASSWORD)
    _history(admin)
    us = identity.login(db_path, "vedouci", OFFICER_PASSWORD)
    window = _window(qtbot, us, None)
    page = window.admin_page
    assert [page.ui.admin_tabs.tabText(i) for i in range(page.ui.admin_tabs.count())] == ["&Zálohy", "Audit",
                                                                                  "Katalog indikátorů"]
    page.ui.admin_tabs.setCurrentWidget(page.audit_tab)
    wait_tasks(qtbot)
    _settle(qtbot, window)
    screenshot(qtbot, window, shots_dir(tmp_path) / "supervisor_audit_min.png")
    window.close()
