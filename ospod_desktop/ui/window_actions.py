"""The main window's menus and keyboard actions (`MainWindow` inherits them): the File menu's entries, the
children's shortcuts (find, register, close a tab) and the dialogs the menus open; locking disables them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from ospod_desktop.core.i18n import _
from ospod_desktop.core.roles import Role

FIND_KEYS, REGISTER_KEYS, CLOSE_TAB_KEYS = "Ctrl+F", "Ctrl+N", "Ctrl+W"


class WindowActions:
    """Mixin of `MainWindow` (which provides `ui`, `us`, `children_page`, `lock`, `log_out`, `close` and
    `addAction`)."""

    def _show_children(self) -> None:
        """The case list's page in front (its navigation row is its place in the page stack)."""
        self.ui.nav_list.setCurrentRow(self.ui.page_stack.indexOf(self.children_page))

    def _connect_actions(self) -> None:
        ui = self.ui
        from ospod_desktop.services.maintenance import BACKUP_ROLES

        self.backup_action = QAction(_("&Back up the database…"), self)
        self.backup_action.setObjectName("backup_action")
        self.backup_action.triggered.connect(self.open_backup)
        self.backup_action.setVisible(self.us.actor.role in BACKUP_ROLES)
        ui.file_menu.insertAction(ui.settings_action, self.backup_action)
        self.verify_action = QAction(_("Check a &document…"), self)  # against the disclosure register
        self.verify_action.triggered.connect(lambda: self.open_verify())
        ui.file_menu.insertAction(ui.settings_action, self.verify_action)
        from ospod_desktop.ui.dialogs.renew_recovery_dialog import menu_action

        self.renew_recovery_action = menu_action(self, self.us, ui.file_menu, ui.settings_action)  # supervisors; else None
        ui.lock_action.triggered.connect(self.lock)
        ui.change_password_action.triggered.connect(self.open_change_password)
        ui.settings_action.triggered.connect(self.open_settings)
        ui.log_out_action.triggered.connect(self.log_out)
        ui.quit_action.triggered.connect(self.close)
        ui.about_action.triggered.connect(self.open_about)
        # Shortcuts must work from any page, also while a table has the focus.
        for action in (ui.lock_action, ui.quit_action):
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        # The daily actions from the keyboard, anywhere in this window (a dialog in front has its own keys).
        self.child_actions: list[QAction] = []
        for keys, slot in ((FIND_KEYS, self.find_child), (REGISTER_KEYS, self.register_child),
                           (CLOSE_TAB_KEYS, self.close_child_tab)):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            self.child_actions.append(action)
        native = QKeySequence.SequenceFormat.NativeText
        page = self.children_page.ui
        page.search_edit.setToolTip(_("Find a child ({keys})").format(keys=QKeySequence(FIND_KEYS).toString(native)))
        page.register_button.setToolTip(_("Register a child ({keys})").format(
            keys=QKeySequence(REGISTER_KEYS).toString(native)))
        if self.us.actor.role is not Role.ADMIN:
            page.search_edit.setFocus()  # the first thing an officer does is look a child up

    # --- the children's shortcuts ------------------------------------------------------------------

    def find_child(self) -> None:
        """Ctrl+F: the case list's search field, from anywhere in the window."""
        if self.children_page.locked:
            return
        self._show_children()
        self.children_page.focus_search()

    def register_child(self):
        """Ctrl+N: the registration of a new child (for those who register)."""
        if self.children_page.locked or not self.children_page.ui.register_button.isVisibleTo(self.children_page):
            return None
        self._show_children()
        return self.children_page.register_child()

    def close_child_tab(self) -> None:
        """Ctrl+W: close the child's tab in front (the list stays)."""
        if self.ui.page_stack.currentWidget() is self.children_page:
            self.children_page.close_tab(self.children_page.ui.child_tabs.currentIndex())

    def _set_actions_enabled(self, enabled: bool) -> None:
        ui = self.ui
        for action in (ui.lock_action, ui.change_password_action, ui.settings_action, ui.about_action,
                       self.backup_action, self.verify_action, self.renew_recovery_action, *self.child_actions):
            if action is not None:
                action.setEnabled(enabled)

    # --- dialogs -------------------------------------------------------------------------------

    def open_change_password(self) -> None:
        from ospod_desktop.ui.dialogs.change_password_dialog import ChangePasswordDialog

        dialog = ChangePasswordDialog(self.us, parent=self)
        dialog.accepted.connect(lambda: self.ui.status_bar.showMessage(_("Your password was changed."), 8000))
        dialog.open()
        return dialog

    def open_backup(self):
        from ospod_desktop.ui.dialogs.backup_dialog import BackupDialog

        dialog = BackupDialog(self.us, self)
        dialog.backed_up.connect(lambda path: self.ui.status_bar.showMessage(
            _("Backup saved: {path}").format(path=path), 15000))
        dialog.open()
        return dialog

    def open_verify(self, path=None):
        """Check a PDF against the disclosure register (`path` given: that file, else the user chooses one)."""
        from ospod_desktop.ui.dialogs.verify_file_dialog import check_a_document

        return check_a_document(self.us, self, path)

    def open_settings(self):
        from ospod_desktop.ui.dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self)
        dialog.open()
        return dialog

    def open_about(self):
        from ospod_desktop.ui.dialogs.about_dialog import AboutDialog

        dialog = AboutDialog(self.us, self)
        dialog.open()
        return dialog
