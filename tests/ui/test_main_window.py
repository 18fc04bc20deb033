"""Main window: navigation by role, status bar, About, Settings, ending the session."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

import ospod_desktop
from ospod_desktop.core.roles import Role
from ospod_desktop.services import identity
from ospod_desktop.ui import settings
from ospod_desktop.ui.dialogs.about_dialog import AboutDialog
from ospod_desktop.ui.dialogs.change_password_dialog import ChangePasswordDialog
from ospod_desktop.ui.dialogs.settings_dialog import SettingsDialog
from ospod_desktop.ui.main_window import ADMINISTRATION, CHILDREN, MainWindow
from ospod_desktop.ui.pages.admin_page import AdminPage
from tests.conftest import OFFICER_PASSWORD
from tests.ui.helpers import wait_tasks


def _window(qtbot, us) -> MainWindow:
    window = MainWindow(us)
    window.show()
    qtbot.waitExposed(window)
    wait_tasks(qtbot)  # the office's name is read on a worker
    return window


def test_status_bar_shows_user_role_and_office(qtbot, officer_session):
    window = _window(qtbot, officer_session)
    assert window.status_label.text() == "Petr Novák · OSPOD officer · OSPOD Praha 5"
    window.close()


VISIBLE_PAGES = {
    Role.ADMIN: ["Children", "Facilities", "Administration"],  # the due list: with emergency access
    Role.SUPERVISOR: ["Children", "Possible duplicates", "Due and overdue", "Assessments to approve", "Facilities",
                      "Statistics", "Administration"],
    Role.OFFICER: ["Children", "Possible duplicates", "Due and overdue", "Facilities", "Statistics"],
    Role.FACILITY_STAFF: ["Children", "Due and overdue", "Facilities"],
}
ADMIN_TABS = {Role.ADMIN: ["Users", "Office", "Backups", "Audit", "Deadline policy", "Indicator catalogue"],
              Role.SUPERVISOR: ["Backups", "Audit", "Indicator catalogue"]}


@pytest.mark.parametrize("role", list(Role))
def test_administration_is_hidden_from_roles_that_cannot_use_it(qtbot, admin_session, db_path, role):
    admin, _code = admin_session
    if role is Role.ADMIN:
        us = admin
    else:
        facility = identity.list_facility_choices(admin)[0].id if role is Role.FACILITY_STAFF else None
        identity.create_user(admin, "someone", "Petr Novák", role, OFFICER_PASSWORD, facility)
        us = identity.login(db_path, "someone", OFFICER_PASSWORD)
    window = _window(qtbot, us)
    nav = window.ui.nav_list
    assert [nav.item(i).text() for i in range(nav.count()) if not nav.item(i).isHidden()] == VISIBLE_PAGES[role]
    assert nav.count() == 7  # hidden entries keep the page numbers
    page = window.admin_page
    if role in ADMIN_TABS:
        assert isinstance(page, AdminPage)
        tabs = page.ui.admin_tabs
        assert [tabs.tabText(i).replace("&", "") for i in range(tabs.count())] == ADMIN_TABS[role]
        assert page.backup_tab.ui.restore_group.isVisibleTo(page.backup_tab) == (role is Role.ADMIN)
    else:
        assert not isinstance(page, AdminPage) and page.findChildren(QWidget) == []  # nothing on it to reach
    assert window.backup_action.isVisible() == (role is not Role.FACILITY_STAFF)  # maintenance.BACKUP_ROLES
    assert window.ui.page_stack.currentIndex() == (ADMINISTRATION if role is Role.ADMIN else CHILDREN)
    window.close()


def test_admin_sees_the_administration_page(qtbot, admin_session):
    us, _code = admin_session
    window = _window(qtbot, us)
    assert isinstance(window.ui.page_stack.currentWidget(), AdminPage)
    window.close()


def test_about_shows_version_and_audit_head(qtbot, admin_session):
    us, _code = admin_session
    window = _window(qtbot, us)
    window.ui.about_action.trigger()
    wait_tasks(qtbot)
    dialog = next(w for w in window.findChildren(AboutDialog) if w.isVisible())
    row, digest = identity.audit_head(us)
    assert ospod_desktop.__version__ in dialog.ui.version_label.text()
    assert dialog.ui.audit_hash_label.text() == digest and len(digest) == 64
    assert dialog.ui.audit_row_label.text() == str(row)
    window.close()


def test_settings_saves_the_language(qtbot, admin_session):
    us, _code = admin_session
    window = _window(qtbot, us)
    dialog = window.open_settings()
    assert isinstance(dialog, SettingsDialog)
    combo = dialog.ui.language_combo
    combo.setCurrentIndex(combo.findData("en"))
    dialog.submit()
    assert settings.language() == "en"
    combo.setCurrentIndex(combo.findData("cs"))
    dialog.submit()
    assert settings.language() == "cs"
    assert "restart" in dialog.ui.note_label.text()
    window.close()


def test_change_password_from_the_menu(qtbot, admin_session):
    us, _code = admin_session
    window = _window(qtbot, us)
    dialog = window.open_change_password()
    assert isinstance(dialog, ChangePasswordDialog) and not dialog.ui.intro_label.isVisible()
    window.close()


def test_quit_closes_the_session(qtbot, admin_session, db_path):
    us, _code = admin_session
    window = _window(qtbot, us)
    with qtbot.waitSignal(window.session_ended) as signal:
        window.ui.quit_action.trigger()
    assert signal.args == [False]
    wal = db_path.with_name(db_path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # checkpointed on close
