"""Working from the keyboard: shortcuts for the daily actions, focus in the search field, Enter opens a child, and
no two Alt letters clash anywhere: every window, dialog, page and tab is walked, in Czech and in English."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QGroupBox,
    QLabel,
    QMenuBar,
    QTabBar,
    QTabWidget,
    QWidget,
    QWizard,
)

from ospod_desktop.core.missing_form import MissingInput
from ospod_desktop.services import children, missing, placements, scope, visits
from ospod_desktop.services.visits import InformationRequestInput, VisitInput
from ospod_desktop.ui.dialogs.login_dialog import LoginDialog
from ospod_desktop.ui.dialogs.recovery_code_dialog import RecoveryCodeDialog
from ospod_desktop.ui.dialogs.recovery_dialog import RecoveryDialog
from ospod_desktop.ui.first_run_wizard import FirstRunWizard
from ospod_desktop.ui.locale import apply_language
from ospod_desktop.ui.main_window import CHILDREN, FACILITIES, MainWindow
from tests.conftest import child_form
from tests.services.placement_helpers import RADLICKA, TODAY, child, facility_id, pm
from tests.ui.helpers import wait_tasks

LANGUAGES = ["cs", "en"]


@pytest.fixture(params=LANGUAGES)
def language(request):
    apply_language(request.param)
    yield request.param
    apply_language("en")


def mnemonic(text: str) -> str | None:
    """The Alt letter of a text ("&Open" → "o"); "&&" is a literal ampersand."""
    match = re.search(r"&([^&\s])", text.replace("&&", ""))
    return match.group(1).casefold() if match else None


def _texts(widget: QWidget) -> list[str]:
    """The texts of `widget` whose Alt letter acts in its window."""
    if isinstance(widget, QAbstractButton):
        return [widget.text()]
    if isinstance(widget, QLabel) and widget.buddy() is not None:
        return [widget.text()]
    if isinstance(widget, QGroupBox):
        return [widget.title()]
    if isinstance(widget, QTabBar):
        return [widget.tabText(i) for i in range(widget.count()) if widget.isTabVisible(i)]
    if isinstance(widget, QMenuBar):
        return [a.text() for a in widget.actions() if a.isVisible()]
    return []


def clashes(window: QWidget) -> list[str]:
    """Alt letters shared by two visible labels, buttons, group boxes, tabs or menus of `window` as it is now."""
    seen: dict[str, list[str]] = defaultdict(list)
    for widget in (window, *window.findChildren(QWidget)):
        if not widget.isVisible() or widget.window() is not window:
            continue
        for text in _texts(widget):
            letter = mnemonic(text)
            if letter:
                seen[letter].append(f"{widget.objectName() or type(widget).__name__}: {text}")
    title = window.windowTitle()
    found = [f"{title} — Alt+{letter.upper()}: {' | '.join(owners)}" for letter, owners in seen.items()
             if len(owners) > 1]
    for bar in window.findChildren(QMenuBar):  # each menu's items are a scope of their own
        for menu in (a.menu() for a in bar.actions() if a.menu() is not None):
            letters = [mnemonic(a.text()) for a in menu.actions() if a.isVisible() and not a.isSeparator()]
            found += [f"{title} — menu {menu.title()}: Alt+{x}" for x in set(letters) if x and letters.count(x) > 1]
    return found


def walk(qtbot, window: QWidget) -> list[str]:
    """The clashes of `window` in every state its tabs (and a wizard's pages) can show, one tab at a time."""
    QApplication.processEvents()
    found = clashes(window)
    for tabs in window.findChildren(QTabWidget):
        if not tabs.isVisible() or tabs.window() is not window:
            continue
        current = tabs.currentIndex()
        for index in range(tabs.count()):
            if tabs.isTabVisible(index) and tabs.isTabEnabled(index):
                tabs.setCurrentIndex(index)
                QApplication.processEvents()
                found += clashes(window)
        tabs.setCurrentIndex(current)
    return found


def walk_dialog(qtbot, dialog: QDialog | None) -> list[str]:
    assert dialog is not None
    dialog.show()
    qtbot.waitExposed(dialog)
    wait_tasks(qtbot)
    found = walk(qtbot, dialog)
    if isinstance(dialog, QWizard):  # every page (a page that wants input first is filled by the test)
        for page_id in dialog.pageIds()[1:]:
            dialog.setStartId(page_id)
            dialog.restart()
            found += walk(qtbot, dialog)
    dialog.reject()
    wait_tasks(qtbot)
    return found


def _record(us) -> tuple[int, int]:
    """A child placed 80 days ago and missing for 37 hours; a second registration of another child (a pair)."""
    cid = child(us, "Ali", days_ago=90, original_script_name="علی رحیمی", nationalities=("AF",))
    start = TODAY - timedelta(days=80)
    pid = placements.place_child(us, cid, pm(facility_id(us, RADLICKA), start))
    placements.extend_placement(us, pid, start + timedelta(days=25), start + timedelta(days=60))
    missing.report_missing(us, cid, MissingInput(last_seen_at=datetime.now(UTC) - timedelta(hours=37),
                                                 last_seen_place="Smíchovské nádraží"))
    children.register_child(us, child_form("", "", "M", original_script_name="Олександр Шевченко",
                                           birth_year=2010, nationalities=("UA",)))
    children.register_child(us, child_form("Oleksandr", "Ševčenko", "M", birth_year=2010, nationalities=("UA",)))
    return cid, pid


def _main_window(qtbot, us) -> MainWindow:
    window = MainWindow(us)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    wait_tasks(qtbot)
    return window


def _pages(qtbot, window: MainWindow) -> list[str]:
    found = []
    nav = window.ui.nav_list
    for row in range(nav.count()):
        if not nav.item(row).isHidden():
            nav.setCurrentRow(row)
            wait_tasks(qtbot)
            found += walk(qtbot, window)
    nav.setCurrentRow(CHILDREN)
    return found


def test_no_alt_letter_clashes_for_an_officer(qtbot, language, officer_session):
    us = officer_session
    cid, _pid = _record(us)
    vid = visits.record_visit(us, cid, VisitInput(visited_on=TODAY - timedelta(days=10)))
    visits.request_information(us, cid, InformationRequestInput("ZŠ Radlická", TODAY - timedelta(days=10)), vid)
    window = _main_window(qtbot, us)
    found = _pages(qtbot, window)
    page = window.open_child(cid)
    wait_tasks(qtbot)
    found += walk(qtbot, window)
    panel = page.visits_panel
    panel.requests_table.selectRow(0)
    for open_dialog in (panel.record, panel.correct, panel.delete, panel.request, panel.answer):
        found += walk_dialog(qtbot, open_dialog())
    page.ui.episodes_table.selectRow(0)
    page.ui.placements_table.selectRow(0)
    for open_dialog in (page.edit, page.add_assessment, page.record_informed, page.record_return, page.place,
                        page.transfer, page.extend, page.end_placement, page.correct_placement, page.delete_placement,
                        page.correct_report, page.close_episode, page.delete_episode):
        found += walk_dialog(qtbot, open_dialog())
    missing.record_return(us, missing.child_episodes(us, cid)[0].id, datetime.now(UTC), found_place="Praha")
    page.reload()
    wait_tasks(qtbot)
    page.ui.episodes_table.selectRow(0)
    found += walk(qtbot, window)  # a child back from a disappearance: "Report missing" again
    for open_dialog in (page.report_missing, page.correct_return, page.reopen_episode):
        found += walk_dialog(qtbot, open_dialog())
    children_page = window.children_page
    for open_dialog in (children_page.register_child, children_page.import_children, window.open_change_password,
                        window.open_settings, window.open_about):
        found += walk_dialog(qtbot, open_dialog())
    window.ui.nav_list.setCurrentRow(1)
    wait_tasks(qtbot)
    wait_tasks(qtbot)
    found += walk_dialog(qtbot, window.duplicates_page.merge())
    facilities = window.facilities_page
    window.ui.nav_list.setCurrentRow(FACILITIES)
    wait_tasks(qtbot)
    facilities.ui.table.selectRow(0)
    found += walk_dialog(qtbot, facilities.open_selected())
    window.lock()
    found += walk(qtbot, window)
    assert sorted(set(found)) == []


def test_no_alt_letter_clashes_for_an_administrator(qtbot, language, admin_session):
    us, _code = admin_session
    window = _main_window(qtbot, us)
    found = _pages(qtbot, window)
    admin = window.admin_page
    admin.select_username("admin")
    for open_dialog in (admin.create_user, admin.edit_user, admin.reset_password, window.children_page.request_access):
        found += walk_dialog(qtbot, open_dialog())
    window.ui.nav_list.setCurrentRow(FACILITIES)
    wait_tasks(qtbot)
    window.facilities_page.ui.table.selectRow(0)
    for open_dialog in (window.facilities_page.add, window.facilities_page.edit_selected):
        found += walk_dialog(qtbot, open_dialog())
    scope.break_glass(us, "Žádost soudu", "legal_request")
    window.children_page.access_opened()
    window._show_emergency_banner()
    window.ui.nav_list.setCurrentRow(CHILDREN)
    wait_tasks(qtbot)
    assert window.ui.emergency_banner.isVisible()
    found += walk(qtbot, window)
    assert sorted(set(found)) == []


def test_no_alt_letter_clashes_before_login(qtbot, language, admin_session, db_path, tmp_path):
    found = []
    for dialog in (LoginDialog(db_path), RecoveryDialog(db_path), RecoveryCodeDialog("ABCDE-FGHIJ"),
                   FirstRunWizard(tmp_path / "new" / "ospod.db")):
        qtbot.addWidget(dialog)
        found += walk_dialog(qtbot, dialog)
    assert sorted(set(found)) == []


# --- shortcuts -----------------------------------------------------------------------------------

def _keys(window: QWidget, key: Qt.Key, modifier=Qt.KeyboardModifier.ControlModifier) -> None:
    focus = QApplication.focusWidget() or window
    QTest.keyClick(focus, key, modifier)


def test_the_daily_actions_have_shortcuts(qtbot, officer_session):
    us = officer_session
    cid, _pid = _record(us)
    window = _main_window(qtbot, us)
    page = window.children_page
    window.activateWindow()
    qtbot.waitUntil(lambda: page.ui.search_edit.hasFocus())  # focus starts in the search field
    # Enter opens the selected child.
    page.ui.table_view.setFocus()
    page.ui.table_view.selectRow(page.model.row_of(cid))
    QTest.keyClick(page.ui.table_view, Qt.Key.Key_Return)
    wait_tasks(qtbot)
    assert page.ui.child_tabs.currentWidget() is page.pages[cid]
    # Ctrl+F goes back to the list's search, from anywhere in the window.
    page.pages[cid].ui.section_tabs.setFocus()
    _keys(window, Qt.Key.Key_F)
    assert page.ui.child_tabs.currentIndex() == 0 and page.ui.search_edit.hasFocus()
    # Down from the search goes into the list.
    QTest.keyClick(page.ui.search_edit, Qt.Key.Key_Down)
    assert page.ui.table_view.hasFocus()
    # Ctrl+W closes the child's tab.
    page.ui.child_tabs.setCurrentWidget(page.pages[cid])
    page.pages[cid].ui.section_tabs.setFocus()
    _keys(window, Qt.Key.Key_W)
    assert cid not in page.pages and page.ui.child_tabs.count() == 1
    # Ctrl+N registers a child.
    _keys(window, Qt.Key.Key_N)
    from ospod_desktop.ui.dialogs.child_dialog import ChildDialog

    assert isinstance(page.dialog, ChildDialog) and page.dialog.isVisible()
    page.dialog.reject()
    # Locked: none of them works.
    window.lock()
    _keys(window, Qt.Key.Key_N)
    assert not page.dialog.isVisible()
