"""Renewing the recovery code from the GUI (File → Renew the recovery code…, supervisors only): the password and the
current code (masked), then `identity.renew_recovery_code` on a worker, and the new code shown once with the first
run's care — it closes only after the confirmation. A wrong code names the field and leaves the key file
byte-identical; Cancel changes nothing; the code never reaches a log. Real SQLCipher and real widgets, offscreen."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction, QPainter
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

from ospod_desktop.core.errors import OspodError
from ospod_desktop.core.roles import Role
from ospod_desktop.services import identity
from ospod_desktop.storage.keyslots import keys_path
from ospod_desktop.ui.dialogs.renew_recovery_dialog import RenewRecoveryDialog
from ospod_desktop.ui.locale import apply_language
from ospod_desktop.ui.main_window import MainWindow
from tests.conftest import OFFICER_PASSWORD
from tests.services.placement_helpers import RADLICKA, facility_id
from tests.ui.helpers import type_text, wait_tasks
from tests.ui.test_keyboard import clashes
from tests.ui.test_read_only_banner import _lose_rows
from tests.ui.test_screens import clipped

SUPERVISOR_PASSWORD = "heslo vedoucí 2026 čř"  # typed with key events: non-ASCII on purpose
NEW_PASSWORD = "jiné heslo vedoucí 2027"
SHOTS = Path("/tmp/shots/h14-renew")
WRONG_CODE = "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF-GGGGG-HHHHH"


@pytest.fixture
def office(admin_session, db_path):
    """A supervisor (holding the office key once logged in), an officer and facility staff; the recovery code."""
    admin, code = admin_session
    identity.create_user(admin, "boss", "Marie Vedoucí", Role.SUPERVISOR, SUPERVISOR_PASSWORD)
    identity.create_user(admin, "officer", "Petr Novák", Role.OFFICER, OFFICER_PASSWORD)
    identity.create_user(admin, "staff", "Jana Malá", Role.FACILITY_STAFF, OFFICER_PASSWORD,
                         facility_id(admin, RADLICKA))
    return admin, code


def _window(qtbot, us, size=(1366, 768)) -> MainWindow:
    window = MainWindow(us)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    wait_tasks(qtbot)
    return window


def _boss_window(qtbot, db_path, size=(1366, 768)) -> MainWindow:
    us = identity.login(db_path, "boss", SUPERVISOR_PASSWORD)
    assert us.db.office.key is not None  # the supervisor received the office key at login
    return _window(qtbot, us, size)


def _open(qtbot, window: MainWindow) -> RenewRecoveryDialog:
    action = window.renew_recovery_action
    assert action is not None
    action.trigger()
    dialog = window.findChild(RenewRecoveryDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def _ok(dialog: RenewRecoveryDialog):
    return dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Ok)


def _fill(dialog: RenewRecoveryDialog, password: str, code: str) -> None:
    type_text(dialog.ui.password_edit, password)
    type_text(dialog.ui.code_edit, code)


def _file_menu_names(window: MainWindow) -> list[str]:
    return [a.objectName() for a in window.ui.file_menu.actions() if a.isVisible()]


def test_the_action_is_in_a_supervisors_file_menu(qtbot, office, db_path):
    window = _boss_window(qtbot, db_path)
    action = window.renew_recovery_action
    assert action is not None and action.isVisible() and action.isEnabled()
    names = _file_menu_names(window)
    assert "renew_recovery_action" in names and names.index("renew_recovery_action") < names.index("settings_action")
    window.lock()  # behind the lock page it is disabled like the other entries
    assert not action.isEnabled()
    window.unlock()
    assert action.isEnabled()
    window.close()


@pytest.mark.parametrize("username", ["admin", "officer", "staff"])
def test_other_roles_never_see_it(qtbot, office, db_path, username):
    admin, _code = office
    us = admin if username == "admin" else identity.login(db_path, username, OFFICER_PASSWORD)
    window = _window(qtbot, us)
    assert window.renew_recovery_action is None
    assert "renew_recovery_action" not in [a.objectName() for a in window.findChildren(QAction)]
    assert not [a for a in window.ui.file_menu.actions() if "recovery" in a.text().lower()]
    window.close()


def test_a_wrong_code_names_the_field_and_changes_nothing(qtbot, office, db_path):
    _admin, old = office
    window = _boss_window(qtbot, db_path)
    dialog = _open(qtbot, window)
    assert dialog.ui.code_edit.echoMode() == dialog.ui.code_edit.EchoMode.Password  # masked, like the password
    before = keys_path(db_path).read_bytes()
    _ok(dialog).click()  # nothing entered: the form's own check, no service call
    assert dialog.ui.error_label.text() == "Enter your password." and dialog.focusWidget() is dialog.ui.password_edit
    type_text(dialog.ui.password_edit, SUPERVISOR_PASSWORD)
    _ok(dialog).click()
    assert dialog.ui.error_label.text() == "Enter the current recovery code."
    type_text(dialog.ui.code_edit, WRONG_CODE)
    _ok(dialog).click()
    wait_tasks(qtbot)
    assert dialog.ui.error_label.isVisible()
    assert dialog.ui.error_label.text() == "The current recovery code is not correct; nothing was changed."
    assert dialog.focusWidget() is dialog.ui.code_edit  # the cursor goes to the field the error names
    assert dialog.isVisible() and not dialog.code_shown()
    assert keys_path(db_path).read_bytes() == before  # byte-identical
    # Cancel before any call: closes, nothing changed, the fields emptied
    dialog.reject()
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.ui.code_edit.text() == "" and dialog.ui.password_edit.text() == ""
    assert keys_path(db_path).read_bytes() == before
    window.close()
    wait_tasks(qtbot)
    # the old code still renews (the CLI's service): it was never replaced
    assert identity.renew_recovery_code(db_path, "boss", SUPERVISOR_PASSWORD, old) != old


def test_a_wrong_password_names_the_password_field(qtbot, office, db_path):
    _admin, old = office
    window = _boss_window(qtbot, db_path)
    dialog = _open(qtbot, window)
    _fill(dialog, "not the password 2026", old)
    _ok(dialog).click()
    wait_tasks(qtbot)
    assert dialog.ui.error_label.text() == "The current password is incorrect."
    assert dialog.focusWidget() is dialog.ui.password_edit and not dialog.code_shown()
    dialog.reject()
    window.close()
    wait_tasks(qtbot)
    with pytest.raises(OspodError) as caught:  # the code was not renewed: the old one is still the current one
        identity.renew_recovery_code(db_path, "boss", SUPERVISOR_PASSWORD, WRONG_CODE)
    assert caught.value.field == "recovery_code"
    identity.renew_recovery_code(db_path, "boss", SUPERVISOR_PASSWORD, old)


def test_the_right_code_renews_and_the_new_code_is_shown_once(qtbot, office, db_path, caplog):
    _admin, old = office
    caplog.set_level(logging.DEBUG)
    window = _boss_window(qtbot, db_path)
    dialog = _open(qtbot, window)
    _fill(dialog, SUPERVISOR_PASSWORD, old.lower())  # the code as typed by hand: case does not matter
    with qtbot.waitSignal(dialog.renewed, timeout=30_000):
        _ok(dialog).click()
        dialog.reject()  # Escape while the service works: the dialog stays (its new code must be shown)
        assert dialog.isVisible()
    wait_tasks(qtbot)
    assert dialog.code_shown() and dialog.ui.ask_page.isHidden()
    assert dialog.ui.password_edit.text() == "" and dialog.ui.code_edit.text() == ""
    new = dialog.ui_code.code_label.text().replace("\n", "")
    assert new != old and len(new.replace("-", "")) == 40
    # it cannot be dismissed unread: Escape and Close wait for the confirmation
    close = dialog.ui_code.close_button
    assert not close.isEnabled()
    dialog.reject()
    assert dialog.isVisible()
    dialog.ui_code.confirm_check.setChecked(True)
    assert close.isEnabled()
    close.click()
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Accepted
    assert "recovery code was renewed" in window.statusBar().currentMessage()
    # the session that stays open writes its key-file copy again (a password change): the new slot must stay
    identity.change_password(window.us, SUPERVISOR_PASSWORD, NEW_PASSWORD)
    window.close()
    wait_tasks(qtbot)
    assert old not in caplog.text and new not in caplog.text  # never logged
    assert old.replace("-", "") not in caplog.text and new.replace("-", "") not in caplog.text
    # through the service the CLI calls: the old code no longer works, the new one does
    with pytest.raises(OspodError) as caught:
        identity.renew_recovery_code(db_path, "boss", NEW_PASSWORD, old)
    assert caught.value.field == "recovery_code"
    assert identity.renew_recovery_code(db_path, "boss", NEW_PASSWORD, new) not in (old, new)


def test_a_read_only_session_is_told_why_and_nothing_changes(qtbot, office, db_path):
    """Lost audit rows (the key file's anchor ahead of the chain): the renewal would write, so the service
    refuses with the read-only reason, shown in the dialog; the key file stays as it was."""
    admin, old = office
    identity.logout(identity.login(db_path, "boss", SUPERVISOR_PASSWORD))  # receives the office key first
    key = admin.db.key_hex
    admin.close()
    first = _lose_rows(db_path, key)
    window = _window(qtbot, identity.login(db_path, "boss", SUPERVISOR_PASSWORD))
    assert window.us.db.read_only is not None and window.renew_recovery_action is not None
    dialog = _open(qtbot, window)
    before = keys_path(db_path).read_bytes()
    _fill(dialog, SUPERVISOR_PASSWORD, old)
    _ok(dialog).click()
    wait_tasks(qtbot)
    assert f"{first} to {first + 2}" in dialog.ui.error_label.text() and not dialog.code_shown()
    assert keys_path(db_path).read_bytes() == before
    dialog.reject()
    window.close()
    wait_tasks(qtbot)


def _composite(window: MainWindow, dialog: QDialog, path: Path) -> None:
    """The main window with the dialog drawn where it stands over it (offscreen they are separate images)."""
    image = window.grab()
    painter = QPainter(image)
    offset = dialog.frameGeometry().topLeft() - window.geometry().topLeft()
    x = max(0, min(offset.x(), window.width() - dialog.width()))
    y = max(0, min(offset.y(), window.height() - dialog.height()))
    painter.drawPixmap(QPoint(x, y), dialog.grab())
    painter.end()
    assert image.save(str(path))


@pytest.mark.parametrize("lang", ["cs", "en"])
@pytest.mark.parametrize("size", [(1366, 768), (1000, 600)])
def test_screenshots(qtbot, office, db_path, lang, size):
    _admin, old = office
    SHOTS.mkdir(parents=True, exist_ok=True)
    apply_language(lang)
    try:
        window = _boss_window(qtbot, db_path, size)
        tag = f"{lang}_{size[0]}x{size[1]}"
        menu = window.ui.file_menu
        menu.popup(window.mapToGlobal(window.ui.menu_bar.geometry().bottomLeft()))
        qtbot.waitExposed(menu)
        assert clipped(menu) == [] and clashes(window) == []  # the File menu's Alt letters stay distinct
        menu.grab().save(str(SHOTS / f"menu_{tag}.png"))
        menu.hide()
        dialog = _open(qtbot, window)
        _fill(dialog, SUPERVISOR_PASSWORD, WRONG_CODE)
        _ok(dialog).click()
        wait_tasks(qtbot)
        QApplication.processEvents()
        assert dialog.ui.error_label.isVisible() and clipped(dialog) == [] and clashes(dialog) == []
        assert dialog.height() <= size[1] and dialog.width() <= size[0]
        _composite(window, dialog, SHOTS / f"ask_error_{tag}.png")
        dialog.ui.code_edit.clear()
        type_text(dialog.ui.code_edit, old)
        with qtbot.waitSignal(dialog.renewed, timeout=30_000):
            _ok(dialog).click()
        wait_tasks(qtbot)
        QApplication.processEvents()
        assert dialog.code_shown() and clipped(dialog) == [] and clashes(dialog) == []
        assert dialog.height() <= size[1]
        _composite(window, dialog, SHOTS / f"code_{tag}.png")
        dialog.ui_code.confirm_check.setChecked(True)
        dialog.ui_code.close_button.click()
        window.close()
        wait_tasks(qtbot)
    finally:
        apply_language("en")
