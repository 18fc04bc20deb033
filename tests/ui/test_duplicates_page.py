"""The duplicates screen: pairs across the register side by side, merge (keeping both histories) and dismiss."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from ospod_desktop.services import children
from ospod_desktop.ui.dialogs.merge_dialog import MergeDialog
from ospod_desktop.ui.main_window import DUPLICATES, MainWindow
from ospod_desktop.ui.pages.duplicates_page import DuplicatesPage
from tests.conftest import child_form
from tests.ui.helpers import ChangesSeen, wait_tasks


def _pair(us) -> tuple[int, int]:
    a = children.register_child(us, child_form("", "", "M", original_script_name="Олександр Шевченко",
                                               birth_year=2010, nationalities=("UA",)))
    b = children.register_child(us, child_form("Oleksandr", "Ševčenko", "M", birth_year=2010, nationalities=("UA",)))
    return a, b


def _page(qtbot, us) -> DuplicatesPage:
    page = DuplicatesPage(us)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    wait_tasks(qtbot)
    wait_tasks(qtbot)
    return page


def test_pairs_are_listed_side_by_side_with_reasons(qtbot, officer_session):
    a, b = _pair(officer_session)
    children.register_child(officer_session, child_form("Amina", "Haidari", "F", nationalities=("AF",)))
    page = _page(qtbot, officer_session)
    ui = page.ui
    assert ui.pairs_table.rowCount() == 1
    assert "Шевченко" in ui.pairs_table.item(0, 1).text() + ui.pairs_table.item(0, 2).text()
    assert "name matches across scripts" in ui.pairs_table.item(0, 3).text()
    assert "same birth year" in ui.reasons_label.text()
    assert "Олександр Шевченко" in ui.a_label.text() and "Ševčenko Oleksandr" in ui.b_label.text()
    assert ui.a_group.title() == f"Record no. {a}" and ui.merge_button.isEnabled()
    assert ui.status_label.text() == "1 pair to review."


def test_merge_keeps_the_chosen_record_and_both_histories(qtbot, officer_session):
    a, b = _pair(officer_session)
    page = _page(qtbot, officer_session)
    seen = ChangesSeen()
    dialog = page.merge()
    assert isinstance(dialog, MergeDialog) and str(a) in dialog.ui.keep_a_radio.text()
    dialog.ui.keep_b_radio.setChecked(True)
    dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Ok).click()
    wait_tasks(qtbot)
    assert not dialog.isVisible() and seen.child_ids() == [sorted((a, b))]  # the other pages follow
    assert page.ui.pairs_table.rowCount() == 0
    assert f"Record no. {a} was merged into record no. {b}" in page.ui.status_label.text()
    kept = children.get_child(officer_session, b)
    assert "Олександр Шевченко" in kept.aliases
    assert {h.child_id for h in kept.history} == {a, b}
    assert children.get_child(officer_session, a).merged_into_id == b


def test_not_the_same_child_dismisses_the_pair(qtbot, officer_session):
    _pair(officer_session)
    page = _page(qtbot, officer_session)
    page.dismiss()
    wait_tasks(qtbot)
    assert page.ui.pairs_table.rowCount() == 0
    assert children.duplicate_report(officer_session) == []


def test_open_from_the_duplicates_screen_shows_the_child(qtbot, officer_session):
    a, _b = _pair(officer_session)
    window = MainWindow(officer_session)
    qtbot.addWidget(window)
    window.show()
    assert not window.ui.nav_list.item(DUPLICATES).isHidden()
    window.ui.nav_list.setCurrentRow(DUPLICATES)
    wait_tasks(qtbot)
    wait_tasks(qtbot)
    window.duplicates_page.ui.open_a_button.click()
    wait_tasks(qtbot)
    tabs = window.children_page.ui.child_tabs
    assert window.ui.page_stack.currentWidget() is window.children_page
    assert tabs.currentWidget().child_id == a
    window.close()


def test_administrators_have_no_duplicates_entry(qtbot, admin_session):
    us, _code = admin_session
    window = MainWindow(us)
    qtbot.addWidget(window)
    assert window.ui.nav_list.item(DUPLICATES).isHidden()
    window.close()
