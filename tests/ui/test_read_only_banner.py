"""A read-only session (lost audit rows, `services.chain_anchor`) keeps a banner at the top of the main window: the
reason naming the lost ids and, per role, the ways out — restore the latest backup (administrators), accept the
loss (supervisors and administrators: then the session ends and the next login writes again) — or "ask your
supervisor or administrator". Also: the backup dialog of Administration → Backups says when it waits for another
process's write, like the login and import windows."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from ospod_desktop.core.roles import Role
from ospod_desktop.services import chain_anchor, identity, maintenance
from ospod_desktop.storage import anchor
from ospod_desktop.ui.dialogs.accept_loss_dialog import AcceptLossDialog
from ospod_desktop.ui.dialogs.backup_dialog import suggested_path
from ospod_desktop.ui.dialogs.restore_dialog import RestoreDialog
from ospod_desktop.ui.flow import AppFlow
from ospod_desktop.ui.locale import apply_language
from ospod_desktop.ui.main_window import MainWindow
from ospod_desktop.ui.pages.backup_tab import BackupTab
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD
from tests.storage.test_write_lock_wait import _hold
from tests.ui.helpers import type_text, wait_tasks
from tests.ui.test_screens import clipped

SHOTS = Path("/tmp/shots/ro-banner")


def _lose_rows(db_path: Path, key_hex: str, n: int = 3) -> int:
    """The key file's anchor `n` rows ahead of the chain, as after a lost WAL; the first lost id."""
    key = bytes.fromhex(key_hex)
    head = anchor.read(db_path, key).anchor
    anchor.write(db_path, key, anchor.Anchor(head.id + n, head.digest), "restore")
    return head.id + 1


@pytest.fixture
def staff(admin_session, db_path):
    """A supervisor and an officer besides the admin; every session closed; returns the admin's key."""
    admin, _code = admin_session
    identity.create_user(admin, "vedouci", "Jana Vedoucí", Role.SUPERVISOR, OFFICER_PASSWORD)
    identity.create_user(admin, "officer", "Petr Novák", Role.OFFICER, OFFICER_PASSWORD)
    out = maintenance.backup_to(admin, suggested_path(db_path))  # the latest backup beside the database
    key = admin.db.key_hex
    admin.close()
    return key, out


def _window(qtbot, db_path, username, password, size=(1366, 768)):
    us = identity.login(db_path, username, password)
    assert us.db.read_only is not None
    flow = AppFlow(db_path, quit_app=lambda: None)
    window = flow.open_main(us)
    qtbot.addWidget(window)
    window.resize(*size)
    qtbot.waitExposed(window)
    wait_tasks(qtbot)
    return flow, window, us


def _snap(window, name: str) -> None:
    QApplication.processEvents()
    SHOTS.mkdir(parents=True, exist_ok=True)
    banner = window.read_only_banner
    assert clipped(banner) == []
    assert banner.height() <= banner.layout().heightForWidth(banner.width()) + 2  # no more than its text needs
    assert window.grab().save(str(SHOTS / name))


def test_an_administrator_sees_the_reason_and_both_ways_out(qtbot, staff, db_path):
    key, backup = staff
    first = _lose_rows(db_path, key)
    flow, window, us = _window(qtbot, db_path, "admin", ADMIN_PASSWORD)
    banner = window.read_only_banner
    assert banner is not None and banner.isVisible()
    assert f"audit rows {first} to {first + 2}" in banner.label.text()
    assert banner.label.wordWrap() and banner.geometry().top() < window.ui.root_stack.geometry().top()
    assert banner.restore_button.isVisible() and banner.accept_button.isVisible()
    window.lock()  # the lock page hides it (no dialog opens behind the lock), unlocking shows it again
    assert not banner.isVisible()
    window.unlock()
    assert banner.isVisible()
    assert not [b for b in window.findChildren(QMessageBox) if b.isVisible()]  # the banner, not an error box
    dialog = banner.open_restore()
    assert isinstance(dialog, RestoreDialog)
    qtbot.waitUntil(lambda: dialog.ui.file_edit.text() == str(backup), timeout=10_000)  # the newest backup
    dialog.reject()
    window.close()
    wait_tasks(qtbot)


def test_an_administrator_restores_the_latest_backup_through_the_banner(qtbot, staff, db_path):
    key, backup = staff
    _lose_rows(db_path, key)
    flow, window, us = _window(qtbot, db_path, "admin", ADMIN_PASSWORD)
    dialog = window.read_only_banner.open_restore()
    qtbot.waitUntil(lambda: dialog.ui.file_edit.text() == str(backup), timeout=10_000)
    type_text(dialog.ui.password_edit, ADMIN_PASSWORD)
    ok = dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Ok)
    ok.click()  # the check (on a copy; the read-only database is not written)
    wait_tasks(qtbot)
    assert dialog.report is not None
    with qtbot.waitSignal(window.session_ended):
        ok.click()  # restore and log out
    wait_tasks(qtbot, timeout=30_000)
    qtbot.waitUntil(lambda: flow.restore_box is not None, timeout=30_000)
    flow.login_dialog.close()
    again = identity.login(db_path, "admin", ADMIN_PASSWORD)
    try:
        assert again.db.read_only is None  # the restore set the anchor to its own row
        maintenance.backup_to(again, db_path.parent / "after.db")
    finally:
        again.close()


def test_an_officer_is_told_to_ask_and_gets_no_buttons(qtbot, staff, db_path):
    key, _backup = staff
    _lose_rows(db_path, key)
    flow, window, us = _window(qtbot, db_path, "officer", OFFICER_PASSWORD)
    banner = window.read_only_banner
    assert banner.isVisible() and "Ask your supervisor or administrator" in banner.label.text()
    assert not banner.restore_button.isVisible() and not banner.accept_button.isVisible()
    window.close()
    wait_tasks(qtbot)


def test_a_supervisor_accepts_the_loss_and_the_next_login_writes(qtbot, staff, db_path):
    key, _backup = staff
    first = _lose_rows(db_path, key)
    flow, window, us = _window(qtbot, db_path, "vedouci", OFFICER_PASSWORD)
    banner = window.read_only_banner
    assert banner.accept_button.isVisible() and not banner.restore_button.isVisible()
    banner.accept_button.click()
    dialog = banner.dialog
    assert isinstance(dialog, AcceptLossDialog) and dialog.isVisible()
    assert "cannot bring them back" in dialog.ui.explanation_label.text()
    assert f"{first} to {first + 2}" in dialog.ui.explanation_label.text()
    type_text(dialog.ui.password_edit, "wrong password")  # refused: nothing accepted
    dialog.submit()
    wait_tasks(qtbot)
    assert dialog.ui.error_label.isVisible() and dialog.isVisible()
    assert chain_anchor.check(us.db, bytes.fromhex(key)) is not None
    dialog.ui.password_edit.clear()
    type_text(dialog.ui.password_edit, OFFICER_PASSWORD)
    dialog.submit()
    wait_tasks(qtbot)
    box = banner.done_box
    assert box is not None and box.isVisible() and "log in again" in box.text()
    box.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: flow.main_window is None and flow.login_dialog is not None, timeout=10_000)
    assert not window.isVisible()
    flow.login_dialog.close()
    again = identity.login(db_path, "vedouci", OFFICER_PASSWORD)
    try:
        assert again.db.read_only is None and again.chain_loss is None
        maintenance.backup_to(again, db_path.parent / "after.db")  # writes its audit row: the database writes
    finally:
        again.close()


def test_a_session_that_may_write_has_no_banner(qtbot, officer_session):
    window = MainWindow(officer_session)
    qtbot.addWidget(window)
    assert window.read_only_banner is None
    window.close()
    wait_tasks(qtbot)


def test_czech_banners_at_both_sizes(qtbot, staff, db_path):
    key, _backup = staff
    _lose_rows(db_path, key)
    apply_language("cs")
    try:
        for username, password in (("admin", ADMIN_PASSWORD), ("officer", OFFICER_PASSWORD)):
            for size in ((1366, 768), (1000, 600)):
                flow, window, us = _window(qtbot, db_path, username, password, size)
                text = window.read_only_banner.label.text()
                assert "auditní" in text.lower() or "audit" in text.lower()
                if username == "officer":
                    assert "Požádejte" in text
                else:
                    assert window.read_only_banner.accept_button.text() == "Přijmout ztrátu…"
                _snap(window, f"banner_{username}_{size[0]}x{size[1]}.png")
                if username == "admin" and size == (1000, 600):
                    dialog = window.read_only_banner.open_accept()
                    qtbot.waitExposed(dialog)
                    assert clipped(dialog) == []
                    assert dialog.grab().save(str(SHOTS / "accept_loss_dialog.png"))
                    dialog.reject()
                window.close()
                wait_tasks(qtbot)
    finally:
        apply_language("en")


def test_the_backup_tab_says_it_waits_for_another_process(qtbot, admin_session, db_path, tmp_path):
    us, _code = admin_session
    apply_language("cs")
    try:
        tab = BackupTab(us)
        qtbot.addWidget(tab)
        tab.show()
        dialog = tab.open_backup()
        dialog.ui.file_edit.setText(str(tmp_path / "copy.db"))
        holder = _hold(db_path, us.db.key_hex, 3.0)
        try:
            with qtbot.waitSignal(dialog.backed_up, timeout=30_000):
                dialog.submit()
                qtbot.waitUntil(lambda: "čeká se" in dialog.ui.result_label.text(), timeout=15_000)
                text = dialog.ui.result_label.text()
                assert "Databáze je zaneprázdněná" in text and str(holder.pid) in text
                assert dialog.ui.result_label.isVisible()
                SHOTS.mkdir(parents=True, exist_ok=True)
                assert dialog.grab().save(str(SHOTS / "backup_waiting.png"))
        finally:
            holder.wait(timeout=30)
        assert "čeká se" not in dialog.ui.result_label.text()
        assert (tmp_path / "copy.db").is_file()
    finally:
        apply_language("en")
