"""The first-run wizard end to end: Czech and Cyrillic input, password rule, recovery code, main window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from ospod_desktop.storage.keyslots import KeySlots, keys_path
from ospod_desktop.ui import settings
from ospod_desktop.ui.dialogs.recovery_code_dialog import RecoveryCodeDialog
from ospod_desktop.ui.first_run_wizard import ADMIN, DATABASE, OFFICE, FirstRunWizard
from ospod_desktop.ui.flow import AppFlow
from ospod_desktop.ui.main_window import MainWindow
from tests.conftest import ADMIN_PASSWORD
from tests.ui.helpers import type_text, visible_windows, wait_tasks

OFFICE_NAME = "Úřad městské části Praha 5"
ADMIN_NAME = "Олександр Šťastný"


def _fill_to_admin_page(qtbot, wizard: FirstRunWizard) -> None:
    wizard.next()
    assert wizard.currentId() == DATABASE
    wizard.next()
    assert wizard.currentId() == OFFICE
    wizard.next()  # the office name is required
    assert wizard.currentId() == OFFICE
    assert "required" in wizard.ui.office_error_label.text()
    type_text(wizard.ui.office_name_edit, OFFICE_NAME)
    type_text(wizard.ui.office_address_edit, "Štefánikova 15, 150 22 Praha 5")
    type_text(wizard.ui.office_orp_edit, "Praha 5")
    wizard.next()
    assert wizard.currentId() == ADMIN
    qtbot.keyClicks(wizard.ui.username_edit, "admin")
    type_text(wizard.ui.display_name_edit, ADMIN_NAME)


def test_wizard_end_to_end(qtbot, tmp_path):
    db = tmp_path / "office" / "ospod.db"
    flow = AppFlow(db, quit_app=lambda: None)
    wizard = flow.start()
    assert isinstance(wizard, FirstRunWizard) and wizard.isVisible()
    assert wizard.ui.path_edit.text() == str(db)
    _fill_to_admin_page(qtbot, wizard)
    assert wizard.ui.office_name_edit.text() == OFFICE_NAME
    assert wizard.ui.display_name_edit.text() == ADMIN_NAME

    # Too short: the field message, and nothing is created.
    qtbot.keyClicks(wizard.ui.password_edit, "short pw")
    qtbot.keyClicks(wizard.ui.repeat_edit, "short pw")
    assert "more characters needed" in wizard.ui.hint_label.text()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert wizard.ui.admin_error_label.text() == "The password must have at least 12 characters."
    assert not db.exists() and not keys_path(db).exists()
    assert wizard.isVisible()

    wizard.ui.password_edit.clear()
    wizard.ui.repeat_edit.clear()
    type_text(wizard.ui.password_edit, ADMIN_PASSWORD)
    type_text(wizard.ui.repeat_edit, ADMIN_PASSWORD)
    assert wizard.ui.hint_label.text() == "Long enough."
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: flow.recovery_code_dialog is not None and flow.recovery_code_dialog.isVisible(), timeout=10_000)
    assert db.exists() and keys_path(db).exists()
    assert not wizard.isVisible()
    assert settings.database() == db

    dialog = flow.recovery_code_dialog
    assert isinstance(dialog, RecoveryCodeDialog)
    shown = dialog.ui.code_label.text()
    assert dialog.ui.code_label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    KeySlots.load(db).unlock_recovery(shown)  # the code on screen really opens the recovery slot
    assert not dialog.continue_button.isEnabled()
    dialog.reject()  # Escape does not skip it
    assert dialog.isVisible() and flow.main_window is None
    dialog.ui.confirm_check.setChecked(True)
    assert dialog.continue_button.isEnabled()
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert [type(w) for w in visible_windows(RecoveryCodeDialog)] == []  # shown once

    window = flow.main_window
    assert isinstance(window, MainWindow) and window.isVisible()
    wait_tasks(qtbot)  # the office's name is read on a worker
    assert window.us.actor.username == "admin"
    status = window.status_label.text()
    assert ADMIN_NAME in status and OFFICE_NAME in status and "Administrator" in status
    window.close()


def test_existing_database_path_is_refused(qtbot, admin_session, db_path):
    wizard = FirstRunWizard(db_path)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    wizard.next()
    assert wizard.currentId() == DATABASE
    assert "already exists" in wizard.ui.database_error_label.text()


def test_mismatched_repeat_is_refused(qtbot, tmp_path):
    db = tmp_path / "x.db"
    wizard = FirstRunWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    _fill_to_admin_page(qtbot, wizard)
    type_text(wizard.ui.password_edit, ADMIN_PASSWORD)
    type_text(wizard.ui.repeat_edit, ADMIN_PASSWORD + "x")
    assert wizard.ui.hint_label.text() == "The two passwords differ."
    assert not wizard.validateCurrentPage()
    assert wizard.ui.admin_error_label.text() == "The two passwords differ."
    assert not db.exists()


def test_bad_user_name_from_the_service_is_shown_on_the_admin_page(qtbot, tmp_path):
    db = tmp_path / "x.db"
    wizard = FirstRunWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    _fill_to_admin_page(qtbot, wizard)
    wizard.ui.username_edit.setText("a b")
    type_text(wizard.ui.password_edit, ADMIN_PASSWORD)
    type_text(wizard.ui.repeat_edit, ADMIN_PASSWORD)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert wizard.ui.admin_error_label.text().startswith("User name:")
    assert wizard.isVisible() and not db.exists()


def test_language_choice_retranslates_and_is_saved(qtbot, tmp_path):
    wizard = FirstRunWizard(tmp_path / "x.db")
    qtbot.addWidget(wizard)
    combo = wizard.ui.language_combo
    assert [combo.itemData(i) for i in range(combo.count())] == ["cs", "en"]
    combo.setCurrentIndex(combo.findData("cs"))
    assert settings.language() == "cs"
    combo.setCurrentIndex(combo.findData("en"))
    assert settings.language() == "en"
    assert wizard.ui.welcome_page.title() == "Welcome to OSPOD Desktop"
