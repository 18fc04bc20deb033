"""Backups, restore and the audit viewer in the window, through the real services on real SQLCipher files.

Set OSPOD_SHOTS_DIR=shots to keep the Czech screenshots (at 1366×768 and at the window's minimum size).
"""

from __future__ import annotations

import hashlib

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from sqlalchemy import text

from ospod_desktop.core.roles import Role
from ospod_desktop.services import identity, maintenance
from ospod_desktop.storage import audit
from ospod_desktop.storage.keyslots import keys_path
from ospod_desktop.ui.dialogs.backup_dialog import BackupDialog
from ospod_desktop.ui.dialogs.login_dialog import LoginDialog
from ospod_desktop.ui.dialogs.restore_dialog import RestoreDialog
from ospod_desktop.ui.flow import AppFlow
from ospod_desktop.ui.main_window import ADMINISTRATION, MainWindow
from ospod_desktop.ui.models import audit_table as T
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD
from tests.ui.helpers import type_text, visible_windows, wait_tasks


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _window(qtbot, us) -> MainWindow:
    window = MainWindow(us)
    qtbot.addWidget(window)
    window.resize(1100, 720)
    window.show()
    qtbot.waitExposed(window)
    wait_tasks(qtbot)
    return window


def _ok(dialog):
    return dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Ok)


def _tab(window: MainWindow, name: str):
    page = window.admin_page
    tab = page.backup_tab if name == "backups" else page.audit_tab
    page.ui.admin_tabs.setCurrentWidget(tab)
    return tab


def _backup(qtbot, window: MainWindow, out) -> BackupDialog:
    dialog = _tab(window, "backups").open_backup()
    dialog.ui.file_edit.setText(str(out))
    _ok(dialog).click()
    wait_tasks(qtbot)
    return dialog


# --- backups --------------------------------------------------------------------------------------------

def test_backup_from_the_administration_page(qtbot, admin_session, tmp_path):
    us, _code = admin_session
    window = _window(qtbot, us)
    dialog = BackupDialog(us, window)
    assert dialog.ui.file_edit.text().startswith(str(us.db.path.parent / "backups" / "ospod-backup-"))
    dialog.reject()
    out = tmp_path / "usb" / "záloha.db"
    dialog = _backup(qtbot, window, out)
    assert out.exists() and keys_path(out).exists()
    assert dialog.isVisible() and str(out) in dialog.ui.result_label.text()  # stays open to say where it went
    assert str(keys_path(out)) in dialog.ui.result_label.text()
    assert not _ok(dialog).isVisible()
    assert str(out) in window.admin_page.backup_tab.ui.backup_status_label.text()
    assert maintenance.inspect_backup(out, "admin", ADMIN_PASSWORD).audit_rows > 0
    dialog.reject()
    # The same file again is refused, never overwritten.
    before = digest(out)
    again = _backup(qtbot, window, out)
    assert again.isVisible() and "already exists" in again.ui.error_label.text()
    assert digest(out) == before
    window.close()


def test_an_officer_backs_up_from_the_file_menu(qtbot, officer_session, tmp_path):
    window = _window(qtbot, officer_session)
    assert window.ui.nav_list.item(ADMINISTRATION).isHidden()
    window.backup_action.trigger()
    dialog = next(w for w in window.findChildren(BackupDialog) if w.isVisible())
    dialog.ui.file_edit.setText(str(tmp_path / "officer.db"))
    _ok(dialog).click()
    wait_tasks(qtbot)
    assert (tmp_path / "officer.db").exists()
    assert "officer.db" in window.ui.status_bar.currentMessage()
    window.close()


# --- restore --------------------------------------------------------------------------------------------

@pytest.fixture
def restore_setup(qtbot, admin_session, db_path, tmp_path):
    """The admin in the main window of an app flow; a backup taken, then an account created after it."""
    us, _code = admin_session
    flow = AppFlow(db_path, quit_app=lambda: None)
    window = flow.open_main(us)
    qtbot.waitExposed(window)
    wait_tasks(qtbot)
    out = tmp_path / "zaloha.db"
    _backup(qtbot, window, out).reject()
    identity.create_user(us, "late", "Created After Backup", Role.OFFICER, OFFICER_PASSWORD)
    return flow, window, out


def _check(qtbot, window: MainWindow, out, password: str) -> RestoreDialog:
    dialog = _tab(window, "backups").open_restore()
    dialog.ui.file_edit.setText(str(out))
    type_text(dialog.ui.password_edit, password)
    assert _ok(dialog).text() == "&Check the backup"
    _ok(dialog).click()
    wait_tasks(qtbot)
    return dialog


def test_restore_checks_confirms_logs_out_and_brings_the_backup_back(qtbot, restore_setup, db_path):
    flow, window, out = restore_setup
    dialog = _check(qtbot, window, out, ADMIN_PASSWORD)
    report = dialog.report
    assert report is not None and report.path == out
    summary = dialog.ui.summary_label.text()
    assert f"{report.audit_rows} audit rows" in summary and "ospod.before-restore-….db" in summary
    assert "log you out" in summary and "password you had when the backup was made" in summary
    assert _ok(dialog).text() == "&Restore and log out"
    # Another password: the summary no longer applies.
    type_text(dialog.ui.password_edit, "x")
    assert dialog.report is None and not dialog.ui.summary_label.isVisible()
    dialog.ui.password_edit.clear()
    type_text(dialog.ui.password_edit, ADMIN_PASSWORD)
    _ok(dialog).click()
    wait_tasks(qtbot)
    assert dialog.report is not None

    with qtbot.waitSignal(window.session_ended):
        _ok(dialog).click()
    wait_tasks(qtbot)
    assert flow.main_window is None and not window.isVisible()
    login = flow.login_dialog
    assert isinstance(login, LoginDialog) and login.isVisible() and login.ui.login_button.isEnabled()
    assert login.ui.username_edit.text() == "admin"
    done = flow.restore_box
    assert isinstance(done, QMessageBox) and done.isVisible() and "before-restore" in done.text()
    kept = next(db_path.parent.glob("ospod.before-restore-*.db"))
    assert keys_path(kept).exists()
    # The restored database: no account made after the backup; its chain ends with the logout... then the restore.
    us = identity.login(db_path, "admin", ADMIN_PASSWORD)
    try:
        assert "late" not in {u.username for u in identity.list_users(us)}
        with us.read() as session:
            rows = session.exec(text("SELECT action, detail FROM audit_log WHERE action = 'restore'")).all()
            assert len(rows) == 1 and rows[0][1].startswith("gui:replaced:")
            assert audit.verify(session).ok
    finally:
        identity.logout(us)
    # The kept file still has the account made after the backup.
    old = identity.login(kept, "admin", ADMIN_PASSWORD)
    try:
        assert "late" in {u.username for u in identity.list_users(old)}
    finally:
        old.close()


def test_a_wrong_password_is_shown_in_the_dialog_and_nothing_changes(qtbot, restore_setup, db_path):
    _flow, window, out = restore_setup
    dialog = _check(qtbot, window, out, "not my password 2026")
    assert dialog.isVisible() and dialog.report is None
    assert "does not open this backup" in dialog.ui.error_label.text()
    assert dialog.ui.password_edit.hasFocus()
    assert _ok(dialog).text() == "&Check the backup"
    # A damaged backup: the problem is named, nothing is restored.
    data = bytearray(out.read_bytes())
    data[4096 * 3 + 200] ^= 0xFF
    out.write_bytes(bytes(data))
    _ok(dialog).click()
    wait_tasks(qtbot)
    dialog.ui.password_edit.clear()
    type_text(dialog.ui.password_edit, ADMIN_PASSWORD)
    _ok(dialog).click()
    wait_tasks(qtbot)
    assert "cannot be restored" in dialog.ui.error_label.text() and "page 4" in dialog.ui.error_label.text()
    assert dialog.report is None and window.isVisible()
    assert list(db_path.parent.glob("*before-restore*")) == []
    window.close()


def test_a_refused_restore_returns_to_the_login_of_the_unchanged_database(qtbot, restore_setup, db_path):
    """The backup passed the check, then was damaged before the restore ran: refused, the file is as it was."""
    flow, window, out = restore_setup
    dialog = _check(qtbot, window, out, ADMIN_PASSWORD)
    assert dialog.report is not None
    data = bytearray(out.read_bytes())
    data[4096 * 3 + 200] ^= 0xFF
    out.write_bytes(bytes(data))
    with qtbot.waitSignal(window.session_ended):
        _ok(dialog).click()
    before = digest(db_path)  # the session is closed: the file no longer changes
    wait_tasks(qtbot)
    assert digest(db_path) == before
    errors = [w for w in visible_windows(QMessageBox) if w.objectName() == "error_box"]
    assert errors and "cannot be restored" in errors[0].text()
    assert flow.login_dialog.isVisible() and flow.login_dialog.ui.login_button.isEnabled()
    assert list(db_path.parent.glob("*before-restore*")) == []


# --- the audit viewer ------------------------------------------------------------------------------------

def _many_rows(us, n: int) -> None:
    with us.db.write() as session:
        audit.append_bulk(session, [(us.actor.user_id, "admin", "read", "child", i % 50 + 1, "") for i in range(n)])


def test_audit_viewer_lazy_blocks_filters_and_one_audited_read_per_view(qtbot, admin_session):
    us, _code = admin_session
    _many_rows(us, 1234)
    window = _window(qtbot, us)
    tab = _tab(window, "audit")
    wait_tasks(qtbot)
    model = tab.model
    total = model.total()
    assert total > 1234 and tab.ui.count_label.text() == f"{total:,} rows"
    assert model.cached_blocks() == [0] and model.fetch_calls == 0  # only the newest block came with the view
    first = model.index(0, T.ACTION)
    assert model.data(first) == "Read" and model.data(model.index(0, T.RECORD)) == "Audit"
    assert model.data(model.index(0, T.USER)) == "admin"
    # Scrolling to the end reads only the blocks shown, on workers; a row not in yet shows "…" meanwhile.
    table = tab.ui.audit_table
    table.scrollToBottom()
    assert model.data(model.index(total - 1, T.NUMBER)) in ("…", "1")
    wait_tasks(qtbot)
    assert model.data(model.index(total - 1, T.NUMBER)) == "1"
    assert model.data(model.index(total - 1, T.ACTION)) == "Database created"
    assert len(model.cached_blocks()) <= 3 and model.fetch_calls <= 3
    with us.read() as session:
        views = session.exec(text("SELECT count(*) FROM audit_log WHERE entity = 'audit'")).scalar()
    assert views == 1  # one audited read for the view, none for its blocks

    # Filter: a child's rows, by this user, reading.
    tab.ui.child_edit.setText("7")
    tab.ui.action_combo.setCurrentIndex(tab.ui.action_combo.findData("read"))
    tab.ui.user_combo.setCurrentIndex(tab.ui.user_combo.findData(us.actor.user_id))
    tab.ui.apply_button.click()
    wait_tasks(qtbot)
    assert model.total() == len([i for i in range(1234) if i % 50 + 1 == 7])
    assert {model.data(model.index(r, T.RECORD)) for r in range(min(model.total(), 20))} == {"Child 7"}
    tab.ui.period_check.setChecked(True)
    tab.ui.since_edit.setDate(tab.ui.until_edit.date().addDays(1))
    tab.ui.until_edit.setDate(tab.ui.since_edit.date())
    tab.ui.apply_button.click()
    wait_tasks(qtbot)
    assert model.total() == 0 and tab.ui.count_label.text() == "0 rows"
    tab.ui.clear_button.click()
    wait_tasks(qtbot)
    assert model.total() == total + 3 and not tab.ui.period_check.isChecked()  # the views since are rows too
    with us.read() as session:
        details = session.exec(text("SELECT detail FROM audit_log WHERE entity = 'audit' ORDER BY id")).scalars().all()
    assert details[0] == "all" and details[1] == f"user={us.actor.user_id},child=7,action=read" and details[-1] == "all"
    window.close()


def test_verify_the_chain_shows_ok_or_the_first_bad_row(qtbot, admin_session):
    us, _code = admin_session
    window = _window(qtbot, us)
    tab = _tab(window, "audit")
    wait_tasks(qtbot)
    tab.ui.verify_button.click()
    wait_tasks(qtbot)
    head = identity.audit_head(us)
    label = tab.ui.verify_label.text()
    assert label.startswith("The audit chain is intact:") and f"{head[0] - 1} rows" in label
    with us.db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE audit_log SET detail = 'edited' WHERE id = 3")
    tab.ui.verify_button.click()
    wait_tasks(qtbot)
    assert tab.ui.verify_label.text() == ("The audit chain is broken at row 3: the row was changed after it was "
                                          "written. The 2 rows before it are intact.")
    window.close()


def test_a_supervisor_reads_the_audit_but_cannot_restore(qtbot, admin_session, db_path):
    admin, _code = admin_session
    identity.create_user(admin, "vedouci", "Jana Vedoucí", Role.SUPERVISOR, OFFICER_PASSWORD)
    us = identity.login(db_path, "vedouci", OFFICER_PASSWORD)
    window = _window(qtbot, us)
    window.ui.nav_list.setCurrentRow(ADMINISTRATION)
    tab = _tab(window, "audit")
    wait_tasks(qtbot)
    assert tab.model.total() > 0
    assert not window.admin_page.backup_tab.ui.restore_group.isVisibleTo(window.admin_page)
    window.close()
