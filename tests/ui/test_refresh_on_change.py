"""A write shows wherever it matters without a manual refresh (`ui.changes`): placing a child from the child's
page updates the Facilities page's occupancy and the case list; ending a placement updates the Facilities page
on screen at once; editing a child updates its open tab and the list. A page that is hidden only marks itself
stale and loads when it is shown again."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QDialogButtonBox

from ospod_desktop.services import placements
from ospod_desktop.ui.main_window import CHILDREN, FACILITIES, MainWindow
from ospod_desktop.ui.models.child_table import NAME, PLACEMENT
from ospod_desktop.ui.pages.child_page import LRM
from ospod_desktop.ui.pages.facilities_page import OCCUPANCY
from tests.services.placement_helpers import RADLICKA, TODAY, child, facility_id, pm
from tests.ui.helpers import shots_dir, type_text, wait_tasks


def _window(qtbot, us) -> MainWindow:
    window = MainWindow(us)
    window.resize(1366, 768)  # a common laptop screen
    window.show()
    qtbot.waitExposed(window)
    wait_tasks(qtbot)
    return window


def _occupancy(page, fid: int) -> int:
    row = next(r for r, f in enumerate(page.rows) if f.id == fid)
    return int(page.ui.table.item(row, OCCUPANCY).text().split("/")[0])


def _show_facilities(qtbot, window) -> None:
    with qtbot.waitSignal(window.facilities_page.loaded, timeout=10_000):
        window.ui.nav_list.setCurrentRow(FACILITIES)


def _save(qtbot, dialog) -> None:
    dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Save).click()
    wait_tasks(qtbot)


def _list_row(page, name: str) -> int:
    model = page.model
    return next(r for r in range(model.rowCount()) if name in model.index(r, NAME).data())


def test_placing_a_child_updates_the_facilities_page_and_the_case_list(qtbot, tmp_path, officer_session):
    shots = shots_dir(tmp_path)
    us = officer_session
    fid = facility_id(us, RADLICKA)
    cid = child(us, "Ali", days_ago=10)
    window = _window(qtbot, us)
    facilities = window.facilities_page
    loads: list[int] = []
    facilities.loaded.connect(lambda: loads.append(1))
    _show_facilities(qtbot, window)
    before = _occupancy(facilities, fid)
    window.grab().save(str(shots / "facilities_before_placement.png"))

    page = window.open_child(cid)
    wait_tasks(qtbot)
    dialog = page.place()
    wait_tasks(qtbot)
    dialog.select_facility(fid)
    type_text(dialog.ui.court, "Obvodní soud pro Prahu 5")
    type_text(dialog.ui.court_file_number, "29 Nc 1234/2026")
    _save(qtbot, dialog)
    assert not dialog.isVisible(), dialog.ui.error_label.text()
    assert page.ui.placements_label.text().startswith("Placed in: Zařízení pro děti-cizince")  # the tab reloaded
    assert loads == [1]  # the Facilities page is hidden: marked stale, not loaded behind the user's back

    _show_facilities(qtbot, window)  # no refresh button pressed: showing it is enough
    assert _occupancy(facilities, fid) == before + 1
    window.grab().save(str(shots / "facilities_after_placement.png"))

    window.ui.nav_list.setCurrentRow(CHILDREN)
    children_page = window.children_page
    with qtbot.waitSignal(children_page.list_loaded, timeout=10_000):
        children_page.show_list()  # the list was hidden behind the child's tab: it searches as it appears
    cell = children_page.model.index(_list_row(children_page, "Ali"), PLACEMENT).data()
    assert "Zařízení pro děti-cizince" in cell


def test_ending_a_placement_updates_the_facilities_page_on_screen_at_once(qtbot, officer_session):
    us = officer_session
    fid = facility_id(us, RADLICKA)
    cid = child(us, "Omid", days_ago=30)
    placements.place_child(us, cid, pm(fid, TODAY - timedelta(days=20)))
    window = _window(qtbot, us)
    page = window.open_child(cid)
    wait_tasks(qtbot)
    dialog = page.end_placement()
    _show_facilities(qtbot, window)  # the dialog stays open while the user looks at the register
    facilities = window.facilities_page
    before = _occupancy(facilities, fid)
    with qtbot.waitSignal(facilities.loaded, timeout=10_000):
        _save(qtbot, dialog)
    assert _occupancy(facilities, fid) == before - 1

    window.ui.nav_list.setCurrentRow(CHILDREN)  # the child's tab was hidden: it reloads as it appears
    wait_tasks(qtbot)
    assert page.ui.placements_label.text() == "Not placed at the moment."


def test_an_open_facility_detail_follows_a_placement(qtbot, officer_session):
    us = officer_session
    fid = facility_id(us, RADLICKA)
    cid = child(us, "Samir", days_ago=5)
    window = _window(qtbot, us)
    _show_facilities(qtbot, window)
    facilities = window.facilities_page
    facilities.ui.table.selectRow(next(r for r, f in enumerate(facilities.rows) if f.id == fid))
    detail = facilities.open_selected()
    qtbot.waitUntil(lambda: detail.detail is not None, timeout=10_000)
    assert not any(c.id == cid for c in detail.children)
    page = window.open_child(cid)
    wait_tasks(qtbot)
    dialog = page.place()
    wait_tasks(qtbot)
    dialog.select_facility(fid)
    type_text(dialog.ui.court, "Obvodní soud pro Prahu 5")
    type_text(dialog.ui.court_file_number, "29 Nc 77/2026")
    assert detail.isVisible()
    with qtbot.waitSignal(detail.loaded, timeout=10_000):
        _save(qtbot, dialog)
    assert any(c.id == cid for c in detail.children)


def test_editing_a_child_updates_its_tab_and_the_list(qtbot, officer_session):
    us = officer_session
    cid = child(us, "Amina", days_ago=3)
    window = _window(qtbot, us)
    children_page = window.children_page
    assert _list_row(children_page, "Rahimi Amina") >= 0
    page = window.open_child(cid)
    wait_tasks(qtbot)
    dialog = page.edit()
    wait_tasks(qtbot)
    dialog.ui.family_names_edit.clear()
    type_text(dialog.ui.family_names_edit, "Rahimová")
    _save(qtbot, dialog)
    assert not dialog.isVisible(), dialog.ui.error_label.text()
    assert page.ui.name_label.text().lstrip(LRM) == "Rahimová Amina"
    tabs = children_page.ui.child_tabs
    assert tabs.tabText(tabs.indexOf(page)) == "Rahimová Amina"
    with qtbot.waitSignal(children_page.list_loaded, timeout=10_000):
        children_page.show_list()
    assert _list_row(children_page, "Rahimová Amina") >= 0
