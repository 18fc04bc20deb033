"""Administration: accounts, office profile and auto-lock minutes through the real services."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from ospod_desktop.core.roles import Role
from ospod_desktop.services import identity
from ospod_desktop.ui.dialogs.reset_password_dialog import ResetPasswordDialog
from ospod_desktop.ui.dialogs.user_dialog import UserDialog
from ospod_desktop.ui.main_window import MainWindow
from ospod_desktop.ui.pages.admin_page import DISABLED, FACILITY, FULL_NAME, ROLE, USERNAME
from tests.conftest import OFFICER_PASSWORD
from tests.ui.helpers import type_text, wait_tasks

TEMP_PASSWORD = "dočasné heslo 2026"


def _window(qtbot, us) -> MainWindow:
    window = MainWindow(us)
    window.show()
    qtbot.waitExposed(window)
    wait_tasks(qtbot)  # the accounts and the office are read on workers
    return window


def _row(page, username: str) -> dict[int, str]:
    table = page.ui.users_table
    for row in range(table.rowCount()):
        if table.item(row, USERNAME).text() == username:
            return {col: table.item(row, col).text() for col in range(table.columnCount())}
    raise AssertionError(f"{username} not in the table")


def _save(dialog) -> None:
    dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Save).click()


def test_create_facility_staff_bound_to_radlicka(qtbot, admin_session):
    us, _code = admin_session
    window = _window(qtbot, us)
    page = window.admin_page
    dialog = page.create_user()
    wait_tasks(qtbot)  # the facilities to choose from
    assert isinstance(dialog, UserDialog)
    ui = dialog.ui
    assert not ui.facility_combo.isEnabled()  # officers are not bound to a facility
    qtbot.keyClicks(ui.username_edit, "radlicka.staff")
    type_text(ui.display_name_edit, "Олександр Дvořák")
    ui.role_combo.setCurrentIndex(ui.role_combo.findData(Role.FACILITY_STAFF.value))
    assert ui.facility_combo.isEnabled()
    radlicka = next(i for i in range(ui.facility_combo.count()) if "děti-cizince" in ui.facility_combo.itemText(i))
    ui.facility_combo.setCurrentIndex(radlicka)
    type_text(ui.password_edit, TEMP_PASSWORD)
    type_text(ui.repeat_edit, TEMP_PASSWORD)
    _save(dialog)
    wait_tasks(qtbot)
    assert not dialog.isVisible()
    row = _row(page, "radlicka.staff")
    assert row[FULL_NAME] == "Олександр Дvořák"
    assert row[ROLE] == "Facility staff"
    assert "děti-cizince" in row[FACILITY]
    assert "radlicka.staff" in page.ui.users_status_label.text()
    created = next(u for u in identity.list_users(us) if u.username == "radlicka.staff")
    assert created.role is Role.FACILITY_STAFF and created.facility_id is not None
    window.close()


def test_validation_error_names_the_field_and_keeps_the_dialog(qtbot, admin_session):
    us, _code = admin_session
    window = _window(qtbot, us)
    dialog = window.admin_page.create_user()
    wait_tasks(qtbot)
    dialog.ui.username_edit.setText("x")
    type_text(dialog.ui.display_name_edit, "Jana Malá")
    type_text(dialog.ui.password_edit, TEMP_PASSWORD)
    type_text(dialog.ui.repeat_edit, TEMP_PASSWORD)
    _save(dialog)
    wait_tasks(qtbot)
    assert dialog.isVisible()
    assert dialog.ui.error_label.text().startswith("User name:")
    assert dialog.ui.username_edit.hasFocus()
    window.close()


def test_disable_enable_and_reset(qtbot, admin_session, db_path):
    us, _code = admin_session
    identity.create_user(us, "officer", "Petr Novák", Role.OFFICER, OFFICER_PASSWORD)
    window = _window(qtbot, us)
    page = window.admin_page
    page.reload_users()
    wait_tasks(qtbot)
    page.select_username("admin")
    assert not page.ui.toggle_disabled_button.isEnabled()  # not one's own account
    page.select_username("officer")
    assert page.ui.toggle_disabled_button.text() == "&Disable"
    qtbot.mouseClick(page.ui.toggle_disabled_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert _row(page, "officer")[DISABLED] == "Disabled"
    assert page.ui.toggle_disabled_button.text() == "&Enable"
    assert not page.ui.reset_password_button.isEnabled()

    qtbot.mouseClick(page.ui.toggle_disabled_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert _row(page, "officer")[DISABLED] == ""

    dialog = page.reset_password()
    assert isinstance(dialog, ResetPasswordDialog) and "Petr Novák" in dialog.ui.intro_label.text()
    type_text(dialog.ui.password_edit, TEMP_PASSWORD)
    type_text(dialog.ui.repeat_edit, TEMP_PASSWORD)
    dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Ok).click()
    wait_tasks(qtbot)
    assert not dialog.isVisible()
    officer = identity.login(db_path, "officer", TEMP_PASSWORD)
    try:
        assert identity.must_change_password(officer)
    finally:
        officer.close()
    window.close()


def test_edit_user_changes_name_and_role(qtbot, admin_session):
    us, _code = admin_session
    identity.create_user(us, "officer", "Petr Novák", Role.OFFICER, OFFICER_PASSWORD)
    window = _window(qtbot, us)
    page = window.admin_page
    page.reload_users()
    wait_tasks(qtbot)
    page.select_username("officer")
    dialog = page.edit_user()
    wait_tasks(qtbot)
    assert dialog.ui.username_edit.isReadOnly() and not dialog.ui.password_edit.isVisible()
    dialog.ui.display_name_edit.clear()
    type_text(dialog.ui.display_name_edit, "Petr Novák-Šťastný")
    dialog.ui.role_combo.setCurrentIndex(dialog.ui.role_combo.findData(Role.SUPERVISOR.value))
    _save(dialog)
    wait_tasks(qtbot)
    row = _row(page, "officer")
    assert row[FULL_NAME] == "Petr Novák-Šťastný" and row[ROLE] == "Supervisor"
    window.close()


def test_office_profile_and_idle_minutes_are_saved(qtbot, admin_session):
    us, _code = admin_session
    window = _window(qtbot, us)
    page = window.admin_page
    page.ui.office_name_edit.clear()
    type_text(page.ui.office_name_edit, "Úřad městské části Praha 5")
    qtbot.mouseClick(page.ui.save_office_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert identity.get_office(us).name == "Úřad městské části Praha 5"
    assert "Úřad městské části Praha 5" in window.status_label.text()

    page.ui.idle_minutes_spin.setValue(12)
    qtbot.mouseClick(page.ui.save_idle_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert identity.idle_lock_minutes(us) == 12
    assert window.idle.interval_ms() == 12 * 60_000
    assert (page.ui.idle_minutes_spin.minimum(), page.ui.idle_minutes_spin.maximum()) == (1, 30)

    page.ui.office_name_edit.clear()
    qtbot.mouseClick(page.ui.save_office_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert page.ui.office_status_label.text() == "Office name: this field is required."
    window.close()


def test_two_different_passwords_are_refused_before_anything_is_saved(qtbot, admin_session):
    us, _code = admin_session
    window = _window(qtbot, us)
    before = {u.username for u in identity.list_users(us)}
    dialog = window.admin_page.create_user()
    wait_tasks(qtbot)
    dialog.ui.username_edit.setText("jana")
    type_text(dialog.ui.display_name_edit, "Jana Malá")
    type_text(dialog.ui.password_edit, TEMP_PASSWORD)
    type_text(dialog.ui.repeat_edit, TEMP_PASSWORD + "x")
    _save(dialog)
    wait_tasks(qtbot)
    assert dialog.isVisible() and dialog.ui.error_label.text() == "The two passwords differ."
    assert dialog.focusWidget() is dialog.ui.repeat_edit
    assert {u.username for u in identity.list_users(us)} == before
    window.close()
