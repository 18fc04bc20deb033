"""Every screen rendered offscreen in Czech with Czech and Cyrillic data: nothing clipped, all painted.

Set OSPOD_SHOTS_DIR=shots to keep the PNGs (the folder is git-ignored) and look at them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget, QWizard

from ospod_desktop.core.roles import Role
from ospod_desktop.services import identity
from ospod_desktop.services.identity import OfficeProfile
from ospod_desktop.ui.dialogs.about_dialog import AboutDialog
from ospod_desktop.ui.dialogs.change_password_dialog import ChangePasswordDialog
from ospod_desktop.ui.dialogs.login_dialog import LoginDialog
from ospod_desktop.ui.dialogs.recovery_code_dialog import RecoveryCodeDialog
from ospod_desktop.ui.dialogs.recovery_dialog import RecoveryDialog
from ospod_desktop.ui.dialogs.reset_password_dialog import ResetPasswordDialog
from ospod_desktop.ui.dialogs.settings_dialog import SettingsDialog
from ospod_desktop.ui.dialogs.user_dialog import UserDialog
from ospod_desktop.ui.errors import show_error
from ospod_desktop.ui.first_run_wizard import FirstRunWizard
from ospod_desktop.ui.locale import apply_language
from ospod_desktop.ui.main_window import CHILDREN, MainWindow
from tests.conftest import OFFICER_PASSWORD
from tests.ui.helpers import type_text, wait_tasks

OFFICE = "Úřad městské části Praha 5"


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("OSPOD_SHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def czech():
    apply_language("cs")
    yield
    apply_language("en")


@pytest.fixture
def office_session(admin_session):
    """The admin of an office with a Czech name, a Ukrainian officer and Radlická facility staff."""
    us, code = admin_session
    identity.update_office(us, OfficeProfile(OFFICE, "Štefánikova 15\n150 22 Praha 5", "Praha 5", "Odbor sociálních věcí"))
    identity.update_user(us, us.actor.user_id, "Růžena Šťastná", Role.ADMIN, None)
    facility = identity.list_facility_choices(us)[0].id
    identity.create_user(us, "oleksandr", "Олександр Шевченко", Role.OFFICER, OFFICER_PASSWORD)
    identity.create_user(us, "radlicka", "Jiří Dvořák", Role.FACILITY_STAFF, OFFICER_PASSWORD, facility)
    return us, code


def clipped(root: QWidget) -> list[str]:
    """Visible one-line labels and buttons narrower than their text needs."""
    bad = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel) and widget.text() and not widget.wordWrap():
            if widget.width() < widget.sizeHint().width() - 1:
                bad.append(f"{widget.objectName()}: {widget.text()!r}")
        elif isinstance(widget, QAbstractButton) and widget.text():
            if widget.width() < widget.minimumSizeHint().width() - 1:
                bad.append(f"{widget.objectName()}: {widget.text()!r}")
    return bad


def snap(qtbot, widget: QWidget, folder: Path, name: str) -> None:
    widget.show()
    qtbot.waitExposed(widget)
    wait_tasks(qtbot)  # what the widget reads on workers is in
    QApplication.processEvents()
    assert clipped(widget) == []
    image = widget.grab().toImage()
    assert not image.isNull() and image.width() >= widget.minimumWidth()
    assert image.save(str(folder / f"{name}.png"))


def test_login_screens(qtbot, czech, shots, office_session, db_path):
    dialog = LoginDialog(db_path)
    qtbot.addWidget(dialog)
    assert dialog.ui.login_button.text() != "&Log in"  # the Czech catalog is in use
    snap(qtbot, dialog, shots, "login")
    dialog.ui.username_edit.setText("oleksandr")
    type_text(dialog.ui.password_edit, "špatné heslo 123")
    dialog.submit()
    wait_tasks(qtbot)
    snap(qtbot, dialog, shots, "login_wrong_password")
    demo = LoginDialog(db_path)
    qtbot.addWidget(demo)
    demo.set_demo([("admin", "admin"), ("supervisor", "supervisor"), ("officer", "officer"), ("facility", "facility_staff")],
                  "ospod-demo-2026", {r.value: r.label for r in Role})
    snap(qtbot, demo, shots, "login_demo")
    demo.set_preparing("Building…")
    demo.set_progress(120, 300)
    snap(qtbot, demo, shots, "login_demo_building")
    recovery = RecoveryDialog(db_path)
    qtbot.addWidget(recovery)
    type_text(recovery.ui.password_edit, "krátké")
    snap(qtbot, recovery, shots, "recovery")


def test_wizard_screens(qtbot, czech, shots, tmp_path):
    wizard = FirstRunWizard(tmp_path / "data" / "ospod.db")
    qtbot.addWidget(wizard)
    assert wizard.buttonText(QWizard.WizardButton.FinishButton) != "&Create database"
    snap(qtbot, wizard, shots, "wizard_1_welcome")
    wizard.next()
    snap(qtbot, wizard, shots, "wizard_2_database")
    wizard.next()
    type_text(wizard.ui.office_name_edit, OFFICE)
    type_text(wizard.ui.office_address_edit, "Štefánikova 15\n150 22 Praha 5")
    type_text(wizard.ui.office_orp_edit, "Praha 5")
    type_text(wizard.ui.office_letterhead_edit, "Odbor sociálních věcí\nOddělení sociálně-právní ochrany dětí")
    snap(qtbot, wizard, shots, "wizard_3_office")
    wizard.next()
    wizard.ui.username_edit.setText("spravce")
    type_text(wizard.ui.display_name_edit, "Олександр Šťastný")
    type_text(wizard.ui.password_edit, "krátké")
    snap(qtbot, wizard, shots, "wizard_4_admin")
    code = RecoveryCodeDialog("ABCDE-FGHIJ-KLMNO-PQRST-UVWXY-Z2345-67ABC-DEFGH")
    qtbot.addWidget(code)
    snap(qtbot, code, shots, "recovery_code")


def test_main_window_screens(qtbot, czech, shots, office_session):
    us, _code = office_session
    window = MainWindow(us)
    window.resize(1100, 720)
    window.admin_page.reload_users()
    snap(qtbot, window, shots, "main_admin_users")
    window.admin_page.ui.admin_tabs.setCurrentWidget(window.admin_page.ui.office_tab)
    snap(qtbot, window, shots, "main_admin_office")
    window.ui.nav_list.setCurrentRow(CHILDREN)
    snap(qtbot, window, shots, "main_children_placeholder")

    dialog = window.admin_page.create_user()
    type_text(dialog.ui.display_name_edit, "Олександр Шевченко")
    dialog.ui.role_combo.setCurrentIndex(dialog.ui.role_combo.findData(Role.FACILITY_STAFF.value))
    snap(qtbot, dialog, shots, "user_dialog_facility_staff")
    dialog.reject()
    window.admin_page.select_username("radlicka")
    reset = window.admin_page.reset_password()
    snap(qtbot, reset, shots, "reset_password")
    reset.reject()
    about = AboutDialog(us, window)
    snap(qtbot, about, shots, "about")
    about.reject()
    settings_dialog = SettingsDialog(window)
    snap(qtbot, settings_dialog, shots, "settings")
    settings_dialog.reject()
    change = ChangePasswordDialog(us, forced=True, parent=window)
    snap(qtbot, change, shots, "change_password_forced")
    change.reject()
    box = show_error(window, ValueError("x"))
    snap(qtbot, box, shots, "error_box")
    box.close()

    window.lock()
    window.lock_page.ui.error_label.setText("Uživatelské jméno nebo heslo není správné.")
    window.lock_page.ui.error_label.show()
    snap(qtbot, window, shots, "main_locked")
    window.close()


def test_reset_and_user_dialogs_in_english_fit_too(qtbot, shots, office_session):
    us, _code = office_session
    view = next(u for u in identity.list_users(us) if u.username == "radlicka")
    for name, widget in (("user_dialog_edit_en", UserDialog(us, view)), ("reset_password_en", ResetPasswordDialog(us, view))):
        qtbot.addWidget(widget)
        snap(qtbot, widget, shots, name)
