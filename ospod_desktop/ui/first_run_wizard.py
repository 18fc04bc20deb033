"""First start: language, database location, office profile, administrator; then `identity.initialise`.

Imports no service at module level (the wizard is the first window on a new machine).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QWidget, QWizard

from ospod_desktop.core.errors import OspodError, ValidationError
from ospod_desktop.core.i18n import LANGUAGES, _, current_language
from ospod_desktop.core.passwords import check_new_password
from ospod_desktop.ui import settings
from ospod_desktop.ui.errors import show_label_error
from ospod_desktop.ui.forms.ui_first_run_wizard import Ui_FirstRunWizard
from ospod_desktop.ui.locale import apply_language, language_name
from ospod_desktop.ui.tasks import Task
from ospod_desktop.ui.widgets import PasswordHint, focus_field, set_busy

log = logging.getLogger(__name__)

WELCOME, DATABASE, OFFICE, ADMIN = range(4)


def _initialise(path: Path, office: dict, username: str, display_name: str, password: str):
    from ospod_desktop.services import identity

    path.parent.mkdir(parents=True, exist_ok=True)
    return identity.initialise(path, identity.OfficeProfile(**office), username, display_name, password)


def database_exists(path: Path) -> bool:
    """A plain existence check of the file or its key file (no storage import needed)."""
    return os.path.exists(path) or os.path.exists(f"{path}.keys")


class FirstRunWizard(QWizard):
    """Creates the encrypted database and its administrator; emits `created(session, recovery_code)`."""

    created = Signal(object, str)

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_FirstRunWizard()
        self.ui.setupUi(self)
        self.session = None
        ui = self.ui
        for lang in LANGUAGES:
            ui.language_combo.addItem(language_name(lang), lang)
        ui.language_combo.setCurrentIndex(max(0, ui.language_combo.findData(current_language())))
        ui.language_combo.currentIndexChanged.connect(self._language_changed)
        ui.path_edit.setText(str(db_path))
        ui.browse_button.clicked.connect(self._browse)
        for label in (ui.database_error_label, ui.office_error_label, ui.admin_error_label, ui.busy_bar):
            label.hide()
        self.hint = PasswordHint(ui.hint_label, ui.password_edit, ui.repeat_edit)
        self.office_fields = {
            "office_name": ui.office_name_edit,
            "office_address": ui.office_address_edit,
            "office_orp": ui.office_orp_edit,
            "office_letterhead": ui.office_letterhead_edit,
        }
        self.admin_fields = {
            "username": ui.username_edit,
            "display_name": ui.display_name_edit,
            "password": ui.password_edit,
        }
        self._set_button_texts()

    def _set_button_texts(self) -> None:
        self.setButtonText(QWizard.WizardButton.NextButton, _("&Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, _("< &Back"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Cancel"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Create database"))

    def _language_changed(self) -> None:
        """Retranslate live: the generated form's retranslateUi re-runs every `_()`."""
        lang = apply_language(self.ui.language_combo.currentData())
        settings.save(language=lang)
        self.ui.retranslateUi(self)
        self._set_button_texts()
        self.hint.update()

    def _browse(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Database file"), self.ui.path_edit.text(), _("OSPOD database (*.db)")
        )
        if path:
            self.ui.path_edit.setText(path if path.endswith(".db") else path + ".db")

    def db_path(self) -> Path:
        return Path(os.path.expanduser(self.ui.path_edit.text().strip()))

    def validateCurrentPage(self) -> bool:  # noqa: N802 (Qt's name)
        if self.session is not None:  # QWizard.done() validates again after the database was made
            return True
        page = self.currentId()
        if page == DATABASE:
            return self._check_database()
        if page == OFFICE:
            if not self.ui.office_name_edit.text().strip():
                show_label_error(self.ui.office_error_label, _("Office name: this field is required."))
                self.ui.office_name_edit.setFocus()
                return False
            show_label_error(self.ui.office_error_label, "")
        if page == ADMIN:
            return self._check_admin()
        return True

    def _check_database(self) -> bool:
        text = self.ui.path_edit.text().strip()
        label = self.ui.database_error_label
        if not text:
            show_label_error(label, _("Database file: choose where to keep the database."))
            return False
        if database_exists(self.db_path()):
            show_label_error(label, _("A database already exists at this path. Choose another file."))
            return False
        show_label_error(label, "")
        return True

    def _check_admin(self) -> bool:
        ui = self.ui
        try:
            if not ui.username_edit.text().strip():
                raise ValidationError("username", _("User name: this field is required."))
            if not ui.display_name_edit.text().strip():
                raise ValidationError("display_name", _("Full name: this field is required."))
            check_new_password(ui.password_edit.text())
            if self.hint.passwords_differ():
                raise ValidationError("repeat", _("The two passwords differ."))
        except ValidationError as exc:
            show_label_error(ui.admin_error_label, exc)
            focus_field({**self.admin_fields, "repeat": ui.repeat_edit}, exc.field)
            return False
        show_label_error(ui.admin_error_label, "")
        return True

    def accept(self) -> None:
        """Finish: create the database in a task; the wizard closes only when that succeeded."""
        if self.session is not None:
            super().accept()
            return
        ui = self.ui
        office = {
            "name": ui.office_name_edit.text(),
            "address": ui.office_address_edit.toPlainText(),
            "orp": ui.office_orp_edit.text(),
            "letterhead": ui.office_letterhead_edit.toPlainText(),
        }
        args = (self.db_path(), office, ui.username_edit.text(), ui.display_name_edit.text(), ui.password_edit.text())
        self._busy(True)
        Task(self, lambda: _initialise(*args), busy_cursor=True).success(self._created).failure(self._failed).run()

    def _busy(self, busy: bool) -> None:
        buttons = [self.button(b) for b in (QWizard.WizardButton.FinishButton, QWizard.WizardButton.BackButton,
                                             QWizard.WizardButton.CancelButton)]
        set_busy(busy, self.ui.busy_bar, *buttons)

    def _created(self, result) -> None:
        self._busy(False)
        us, code = result
        self.session = us
        settings.save(database=str(self.db_path()))
        log.info("first-run wizard created a database")
        super().accept()
        self.ui.password_edit.clear()
        self.ui.repeat_edit.clear()
        self.created.emit(us, code)

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        field = exc.field if isinstance(exc, OspodError) else None
        if field in self.office_fields:
            while self.currentId() > OFFICE:
                self.back()
            show_label_error(self.ui.office_error_label, exc)
            focus_field(self.office_fields, field)
            return
        show_label_error(self.ui.admin_error_label, exc)
        focus_field(self.admin_fields, field)
