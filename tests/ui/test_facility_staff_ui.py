"""Facility staff: the status bar names their facility, the case list shows only their scope, the Facilities
page is in the navigation, and the child's page offers extensions only where the services allow them."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QDialogButtonBox

from ospod_desktop.services import placements
from ospod_desktop.ui.main_window import CHILDREN, FACILITIES, MainWindow
from ospod_desktop.ui.pages.child_page import ChildPage
from ospod_desktop.ui.pages.facilities_page import FacilitiesPage
from tests.services.placement_helpers import RADLICKA, TODAY, child, facility_id, pm, staff
from tests.ui.helpers import wait_tasks


def test_staff_window_shows_their_facility_and_only_their_children(qtbot, admin_session, officer_session, db_path):
    officer = officer_session
    here = child(officer, "Ali")
    placements.place_child(officer, here, pm(facility_id(officer, RADLICKA), TODAY - timedelta(days=3)))
    child(officer, "Omid")  # not placed: outside the staff's scope
    us = staff(admin_session[0], db_path, "radlicka", RADLICKA)
    window = MainWindow(us)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.children_page.list_loaded, timeout=10_000):
        window.show()
    assert window.status_label.text().endswith("· Zařízení pro děti-cizince, diagnostický ústav, středisko výchovné "
                                               "péče a základní škola, Praha 5")
    assert window.children_page.model.ids() == [here]
    assert window.ui.page_stack.currentIndex() == CHILDREN
    window.ui.nav_list.setCurrentRow(FACILITIES)
    assert isinstance(window.ui.page_stack.currentWidget(), FacilitiesPage)
    window.close()


def test_extend_a_preliminary_measure_from_the_page(qtbot, officer_session):
    from ospod_desktop.ui.dialogs.placement_actions import ExtendDialog

    us = officer_session
    cid = child(us, "Ali", days_ago=30)
    start = TODAY - timedelta(days=20)
    placements.place_child(us, cid, pm(facility_id(us, RADLICKA), start))
    page = ChildPage(us, cid)
    qtbot.addWidget(page)
    page.show()
    page.reload()
    wait_tasks(qtbot)
    assert page.ui.extend_button.isEnabled()
    dialog = page.extend()
    assert isinstance(dialog, ExtendDialog) and dialog.ui.court.text() == "Obvodní soud pro Prahu 5"
    dialog.ui.new_expiry.setDate(dialog.ui.new_expiry.date().addMonths(-3))  # earlier than now: refused
    dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Save).click()
    wait_tasks(qtbot)
    assert dialog.isVisible() and dialog.focusWidget() is dialog.ui.new_expiry
    dialog.ui.new_expiry.setDate(dialog.ui.new_expiry.date().addMonths(3))  # back to a month past the current expiry
    dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Save).click()
    wait_tasks(qtbot)
    wait_tasks(qtbot)
    assert not dialog.isVisible(), dialog.ui.error_label.text()
    assert len(placements.child_placements(us, cid).current.extensions) == 1
    assert page.ui.placements_table.item(0, 5).text().startswith("until ")
