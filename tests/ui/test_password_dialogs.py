"""The change-password and reset-password dialogs follow SaveDialog: a worker does the change, and every refusal
(a wrong current password from the service, two passwords that differ, a short password) is a field-named
error shown under the form with the cursor in that field."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from ospod_desktop.core.errors import AuthenticationError, WrongPassword
from ospod_desktop.core.roles import Role
from ospod_desktop.services import identity
from ospod_desktop.ui.changes import Kind
from ospod_desktop.ui.dialogs.change_password_dialog import ChangePasswordDialog
from ospod_desktop.ui.dialogs.reset_password_dialog import ResetPasswordDialog
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD
from tests.ui.helpers import ChangesSeen, type_text, wait_tasks

NEW_PASSWORD = "moje nové heslo 2026"


def _dialog(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _ok(qtbot, dialog) -> None:
    dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Ok).click()
    wait_tasks(qtbot)


def _fill(dialog, old: str | None, new: str, repeat: str) -> None:
    ui = dialog.ui
    for edit, text in ((getattr(ui, "old_edit", None), old), (ui.password_edit, new), (ui.repeat_edit, repeat)):
        if edit is not None and text is not None:
            edit.clear()
            type_text(edit, text)


def test_the_service_names_the_current_password_field():
    error = WrongPassword("old_password")
    assert isinstance(error, AuthenticationError) and error.field == "old_password"
    assert error.message == "The current password is incorrect."


def test_a_wrong_current_password_is_an_error_on_that_field(qtbot, admin_session, db_path):
    us, _code = admin_session
    dialog = _dialog(qtbot, ChangePasswordDialog(us))
    _fill(dialog, "not my password at all", NEW_PASSWORD, NEW_PASSWORD)
    _ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.ui.error_label.text() == "The current password is incorrect."
    assert dialog.focusWidget() is dialog.ui.old_edit and dialog.ui.old_edit.selectedText()  # typed over at once

    _fill(dialog, ADMIN_PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "x")
    _ok(qtbot, dialog)
    assert dialog.ui.error_label.text() == "The two passwords differ." and dialog.focusWidget() is dialog.ui.repeat_edit

    _fill(dialog, ADMIN_PASSWORD, "short", "short")
    _ok(qtbot, dialog)
    assert dialog.focusWidget() is dialog.ui.password_edit and dialog.ui.error_label.isVisible()

    seen = ChangesSeen()
    _fill(dialog, ADMIN_PASSWORD, NEW_PASSWORD, NEW_PASSWORD)
    _ok(qtbot, dialog)
    assert not dialog.isVisible() and dialog.result() == dialog.DialogCode.Accepted
    assert [c.ids_of(Kind.USER) for c in seen.changes] == [{us.actor.user_id}]
    identity.login(db_path, "admin", NEW_PASSWORD).close()


def test_reset_refuses_two_different_passwords_then_sets_a_temporary_one(qtbot, admin_session, db_path):
    admin, _code = admin_session
    user_id = identity.create_user(admin, "officer", "Petr Novák", Role.OFFICER, OFFICER_PASSWORD)
    view = next(u for u in identity.list_users(admin) if u.id == user_id)
    dialog = _dialog(qtbot, ResetPasswordDialog(admin, view))
    _fill(dialog, None, NEW_PASSWORD, NEW_PASSWORD + "x")
    _ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.ui.error_label.text() == "The two passwords differ."
    assert dialog.focusWidget() is dialog.ui.repeat_edit
    saved = []
    dialog.saved.connect(lambda uid, message: saved.append((uid, message)))
    _fill(dialog, None, NEW_PASSWORD, NEW_PASSWORD)
    _ok(qtbot, dialog)
    assert not dialog.isVisible() and saved == [(user_id, "A temporary password was set for officer.")]
    officer = identity.login(db_path, "officer", NEW_PASSWORD)
    try:
        assert identity.must_change_password(officer)
    finally:
        officer.close()
