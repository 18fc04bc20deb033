"""Login, lockout, forced password change, recovery, and the backup offer for a damaged file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from ospod_desktop.core.errors import DatabaseCorrupt
from ospod_desktop.core.roles import Role
from ospod_desktop.services import identity
from ospod_desktop.storage.backup import backup_database
from ospod_desktop.ui.dialogs.change_password_dialog import ChangePasswordDialog
from ospod_desktop.ui.dialogs.login_dialog import LoginDialog
from ospod_desktop.ui.dialogs.recovery_dialog import RecoveryDialog
from ospod_desktop.ui.flow import AppFlow
from ospod_desktop.ui.main_window import MainWindow
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD
from tests.ui.helpers import type_text, wait_tasks

WRONG = "The user name or password is incorrect."


def _dialog(qtbot, db_path) -> LoginDialog:
    dialog = LoginDialog(db_path)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _attempt(qtbot, dialog: LoginDialog, username: str, password: str) -> None:
    dialog.ui.username_edit.setText(username)
    dialog.ui.password_edit.clear()
    type_text(dialog.ui.password_edit, password)
    qtbot.mouseClick(dialog.ui.login_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)


def test_login_ok(qtbot, admin_session, db_path):
    dialog = _dialog(qtbot, db_path)
    assert dialog.ui.password_edit.echoMode() == QLineEdit.EchoMode.Password
    with qtbot.waitSignal(dialog.logged_in, timeout=10_000) as signal:
        _attempt(qtbot, dialog, "admin", ADMIN_PASSWORD)
    us = signal.args[0]
    try:
        assert us.actor.username == "admin"
        assert not dialog.isVisible()
        assert dialog.ui.password_edit.text() == ""
    finally:
        us.close()


def test_wrong_password_and_unknown_user_give_the_same_message(qtbot, admin_session, db_path):
    dialog = _dialog(qtbot, db_path)
    _attempt(qtbot, dialog, "admin", "not the password at all")
    wrong_password = dialog.ui.error_label.text()
    _attempt(qtbot, dialog, "nobody", "not the password at all")
    unknown_user = dialog.ui.error_label.text()
    assert wrong_password == unknown_user == WRONG
    assert dialog.isVisible() and dialog.ui.password_edit.text() == ""


def test_failures_slow_the_name_down_but_never_lock_it(qtbot, officer_session, db_path, no_login_delay):
    dialog = _dialog(qtbot, db_path)
    for _ in range(6):
        _attempt(qtbot, dialog, "officer", "wrong password 123")
        assert dialog.ui.error_label.text() == WRONG
    assert len(no_login_delay.waits) == 5  # each attempt after a failure waited (in the login task, not here)
    with qtbot.waitSignal(dialog.logged_in, timeout=10_000) as signal:
        dialog.ui.password_edit.setText(OFFICER_PASSWORD)
        qtbot.mouseClick(dialog.ui.login_button, Qt.MouseButton.LeftButton)
    signal.args[0].close()


def test_empty_fields_are_named(qtbot, admin_session, db_path):
    dialog = _dialog(qtbot, db_path)
    qtbot.mouseClick(dialog.ui.login_button, Qt.MouseButton.LeftButton)
    assert dialog.ui.error_label.text() == "Enter your user name."
    dialog.ui.username_edit.setText("admin")
    qtbot.mouseClick(dialog.ui.login_button, Qt.MouseButton.LeftButton)
    assert dialog.ui.error_label.text() == "Enter your password."


def test_demo_mode_lists_accounts_and_password(qtbot, admin_session, db_path):
    dialog = _dialog(qtbot, db_path)
    dialog.set_demo([("admin", "admin"), ("facility", "facility_staff")], "ospod-demo-2026",
                    {r.value: r.label for r in Role})
    text = dialog.ui.demo_label.text()
    assert dialog.ui.demo_group.isVisible()
    assert "ospod-demo-2026" in text and "facility — Facility staff" in text


def test_temporary_password_forces_a_change_before_the_main_window(qtbot, admin_session, db_path):
    admin, _code = admin_session
    user_id = identity.create_user(admin, "officer", "Petr Novák", Role.OFFICER, OFFICER_PASSWORD)
    assert user_id
    flow = AppFlow(db_path, quit_app=lambda: None)
    dialog = flow.start()
    assert isinstance(dialog, LoginDialog)
    _attempt(qtbot, dialog, "officer", OFFICER_PASSWORD)
    change = flow.password_dialog
    assert isinstance(change, ChangePasswordDialog) and change.isVisible()
    assert flow.main_window is None
    type_text(change.ui.old_edit, OFFICER_PASSWORD)
    type_text(change.ui.password_edit, "moje nové heslo 2026")
    type_text(change.ui.repeat_edit, "moje nové heslo 2026")
    change.submit()
    wait_tasks(qtbot)
    window = flow.main_window
    assert isinstance(window, MainWindow) and window.isVisible()
    assert not identity.must_change_password(window.us)
    window.log_out()
    assert not window.isVisible() and flow.main_window is None
    assert flow.login_dialog is not dialog and flow.login_dialog.isVisible()  # a fresh login dialog


def test_refusing_the_forced_change_logs_out(qtbot, admin_session, db_path):
    admin, _code = admin_session
    identity.create_user(admin, "officer", "Petr Novák", Role.OFFICER, OFFICER_PASSWORD)
    flow = AppFlow(db_path, quit_app=lambda: None)
    first = flow.start()
    _attempt(qtbot, first, "officer", OFFICER_PASSWORD)
    change = flow.password_dialog
    assert change.ui.intro_label.isVisible()
    change.reject()
    wait_tasks(qtbot)  # the session ends on a worker
    assert flow.main_window is None
    assert flow.login_dialog is not first and flow.login_dialog.isVisible()


def test_recovery_sets_a_new_password_and_logs_in(qtbot, admin_session, db_path):
    _admin, code = admin_session
    dialog = _dialog(qtbot, db_path)
    qtbot.mouseClick(dialog.ui.forgot_button, Qt.MouseButton.LeftButton)
    recovery = dialog.recovery_dialog
    assert isinstance(recovery, RecoveryDialog) and recovery.isVisible()
    recovery.ui.username_edit.setText("admin")
    recovery.ui.code_edit.setText(code.lower().replace("-", " "))
    type_text(recovery.ui.password_edit, "zapomenuté heslo 2026")
    type_text(recovery.ui.repeat_edit, "zapomenuté heslo 2026")
    with qtbot.waitSignal(dialog.logged_in, timeout=10_000) as signal:
        recovery.submit()
    us = signal.args[0]
    us.close()
    identity.login(db_path, "admin", "zapomenuté heslo 2026").close()


def test_wrong_recovery_code_is_refused(qtbot, admin_session, db_path):
    recovery = RecoveryDialog(db_path)
    qtbot.addWidget(recovery)
    recovery.show()
    recovery.ui.username_edit.setText("admin")
    recovery.ui.code_edit.setText("AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA")
    type_text(recovery.ui.password_edit, "zapomenuté heslo 2026")
    type_text(recovery.ui.repeat_edit, "zapomenuté heslo 2026")
    recovery.submit()
    wait_tasks(qtbot)
    assert recovery.ui.error_label.text() == WRONG
    assert recovery.isVisible()


def test_damaged_database_offers_a_backup_and_logs_into_it(qtbot, admin_session, db_path):
    admin, _code = admin_session
    backup = db_path.parent / "backups" / "ospod-copy.db"
    backup_database(admin.db, backup)
    head = identity.audit_head(admin)
    admin.close()
    data = bytearray(db_path.read_bytes())
    for offset in range(4096, min(len(data), 4096 * 3)):  # scramble pages after the first
        data[offset] ^= 0x5A
    db_path.write_bytes(bytes(data))
    dialog = _dialog(qtbot, db_path)
    _attempt(qtbot, dialog, "admin", ADMIN_PASSWORD)
    offer = dialog.backup_offer
    assert offer is not None and offer.isVisible()
    assert dialog.ui.error_label.text() == DatabaseCorrupt().message
    assert dialog.backups_folder() == db_path.parent / "backups"
    offer.close()
    with qtbot.waitSignal(dialog.logged_in, timeout=10_000) as signal:
        dialog.login_from_backup(backup)
    us = signal.args[0]
    try:
        assert us.db.path == backup and dialog.db_path == backup
        assert identity.audit_head(us)[0] > head[0]  # the login was audited in the backup
    finally:
        us.close()


def test_a_damaged_key_file_names_the_slot_and_offers_a_backup(qtbot, admin_session, db_path):
    import json

    from ospod_desktop.storage.keyslots import keys_path

    admin, _code = admin_session
    admin.close()
    data = json.loads(keys_path(db_path).read_text())
    data["slots"][0]["kdf"]["salt"] = "not base64!"
    keys_path(db_path).write_text(json.dumps(data))
    dialog = _dialog(qtbot, db_path)
    _attempt(qtbot, dialog, "admin", ADMIN_PASSWORD)
    assert "is damaged: slot 1 of user admin: the salt is not valid base64" in dialog.ui.error_label.text()
    assert dialog.backup_offer is not None and dialog.backup_offer.isVisible()
    dialog.backup_offer.close()
