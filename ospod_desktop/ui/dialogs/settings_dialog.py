"""Per-user settings: the UI language (saved to the config file; applies after a restart)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from ospod_desktop.core.i18n import LANGUAGES, _
from ospod_desktop.ui import settings
from ospod_desktop.ui.errors import show_label_error
from ospod_desktop.ui.forms.ui_settings_dialog import Ui_SettingsDialog
from ospod_desktop.ui.locale import language_name


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_SettingsDialog()
        self.ui.setupUi(self)
        for lang in LANGUAGES:
            self.ui.language_combo.addItem(language_name(lang), lang)
        self.ui.language_combo.setCurrentIndex(max(0, self.ui.language_combo.findData(settings.language())))
        self.ui.error_label.hide()
        self.ui.button_box.accepted.connect(self.submit)
        self.ui.button_box.rejected.connect(self.reject)

    def submit(self) -> None:
        try:
            settings.save(language=self.ui.language_combo.currentData())
        except OSError:
            show_label_error(self.ui.error_label, _("The settings could not be saved."))
            return
        self.accept()
