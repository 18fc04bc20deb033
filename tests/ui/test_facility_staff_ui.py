"""Facility staff: the status bar names their facility, the case list shows only their scope, the Facilities
page is in the navigation, the child's page marks what is withheld from them as hidden (never "—" or a
default), and offers the placement actions the services allow them (`core.roles.PLACEMENT_RULES`): departures,
corrections of the facts, disappearances — no Extend, no Transfer."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QDialogButtonBox

from ospod_desktop.core import i18n
from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core.child_form import FamilyInput
from ospod_desktop.services import placements
from ospod_desktop.ui.main_window import CHILDREN, FACILITIES, MainWindow
from ospod_desktop.ui.models.child_table import RISK
from ospod_desktop.ui.pages.child_page import ChildPage
from ospod_desktop.ui.pages.facilities_page import FacilitiesPage
from tests.services.placement_helpers import RADLICKA, TODAY, child, facility_id, pm, staff
from tests.ui.helpers import open_child_page, wait_tasks


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
    facility = "· Zařízení pro děti-cizince, diagnostický ústav, středisko výchovné péče a základní škola, Praha 5"
    qtbot.waitUntil(lambda: window.status_label.text().endswith(facility))  # the facility's name loads on its own
    assert window.children_page.model.ids() == [here]
    assert window.ui.page_stack.currentIndex() == CHILDREN
    window.ui.nav_list.setCurrentRow(FACILITIES)
    assert isinstance(window.ui.page_stack.currentWidget(), FacilitiesPage)
    window.close()


def test_extend_a_preliminary_measure_from_theopen_child_page(qtbot, officer_session):
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


# --- issue 9: withheld fields read as withheld; the placement actions follow core.roles.PLACEMENT_RULES ---------

def _separated_child(officer) -> int:
    """Anna, separated, with her uncle, to be seen within 24 hours, in Radlická for ten days."""
    cid = child(officer, "Anna", status="separated", companion_name="Mikhail Kuznetsov", companion_relationship="strýc",
                urgency="within_24h", urgency_reason="nemocná", found_place="Praha hl. n.",
                family=(FamilyInput("mother", "Olena", "Kharkiv"),))
    placements.place_child(officer, cid, pm(facility_id(officer, RADLICKA), TODAY - timedelta(days=10)))
    return cid




def _row(text_edit, label: str) -> str:
    """The value beside `label` in a facts table."""
    lines = [line.strip().lstrip("\u200e") for line in text_edit.toPlainText().splitlines()]
    assert label in lines, (label, lines)
    return lines[lines.index(label) + 1]


def test_the_staff_child_page_marks_withheld_fields_hidden(qtbot, admin_session, officer_session, db_path):
    cid = _separated_child(officer_session)
    officer_page = open_child_page(qtbot, officer_session, cid)  # the page is kept: its widgets live as long as it does
    officer = officer_page.ui
    assert _row(officer.identity_text, "Accompanying adult") == "Mikhail Kuznetsov"
    assert _row(officer.intake_text, "Urgency") == "Within 24 hours" and "Within 24 hours" in officer.badges_label.text()
    us = staff(admin_session[0], db_path, "radlicka", RADLICKA)
    try:
        page = open_child_page(qtbot, us, cid)
        ui = page.ui
        assert ui.error_label.isHidden()
        for field in ("Accompanying adult", "Relationship to the child", "Notes"):
            assert _row(ui.identity_text, field) == "hidden for your role", field  # never "—"
        assert _row(ui.intake_text, "Urgency") == "hidden for your role"  # never "Standard"
        assert _row(ui.intake_text, "Place found") == "hidden for your role"
        assert "Standard" not in ui.intake_text.toPlainText() and "Kuznetsov" not in ui.identity_text.toPlainText()
        assert "Within" not in ui.badges_label.text() and _row(ui.identity_text, "Status").startswith("separated")
        assert _row(ui.documents_text, "Birth number") == "hidden for your role"
        assert _row(ui.documents_text, "Another agency's reference") == "hidden for your role"
        tabs = ui.section_tabs  # nothing of these two is theirs: the tabs are not there at all
        assert not tabs.isTabVisible(tabs.indexOf(ui.family_tab))
        assert not tabs.isTabVisible(tabs.indexOf(ui.assessments_tab))
        assert tabs.isTabVisible(tabs.indexOf(ui.placements_tab)) and tabs.isTabVisible(tabs.indexOf(ui.intake_tab))
        i18n.set_language("cs")  # and in Czech: no "Běžná", no "—" for the companion
        try:
            page = open_child_page(qtbot, us, cid)
            ui = page.ui
            assert "Běžná" not in ui.intake_text.toPlainText() and "Do 24 hodin" not in ui.intake_text.toPlainText()
            assert _row(ui.intake_text, "Naléhavost") == "skryto pro vaši roli"
            assert _row(ui.identity_text, "Doprovázející dospělá osoba") == "skryto pro vaši roli"
        finally:
            i18n.set_language("en")
    finally:
        us.close()


def test_the_staff_case_list_shows_no_urgency(qtbot, admin_session, officer_session, db_path):
    cid = _separated_child(officer_session)
    us = staff(admin_session[0], db_path, "radlicka", RADLICKA)
    window = MainWindow(us)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.children_page.list_loaded, timeout=10_000):
        window.show()
    page = window.children_page
    assert page.model.ids() == [cid] and page.ui.urgent_check.isHidden()  # no filter by what they may not see
    assert page.model.data(page.model.index(0, RISK)) == ""
    window.close()


def test_staff_see_no_extend_or_transfer_while_officers_do(qtbot, admin_session, officer_session, db_path):
    from ospod_desktop.ui.dialogs.placement_actions import EndPlacementDialog

    cid = _separated_child(officer_session)
    officer_page = open_child_page(qtbot, officer_session, cid)
    officer = officer_page.ui
    officer.section_tabs.setCurrentWidget(officer.placements_tab)
    for button in (officer.extend_button, officer.transfer_button, officer.end_placement_button):
        assert button.isVisible() and button.isEnabled(), button.objectName()
    us = staff(admin_session[0], db_path, "radlicka", RADLICKA)
    try:
        page = open_child_page(qtbot, us, cid)
        ui = page.ui
        ui.section_tabs.setCurrentWidget(ui.placements_tab)
        for button in (ui.extend_button, ui.transfer_button, ui.delete_placement_button):
            assert button.isHidden() and not button.isEnabled(), button.objectName()
        for button in (ui.end_placement_button, ui.report_missing_button, ui.correct_placement_button):
            assert button.isVisible() and button.isEnabled(), button.objectName()
        dialog = page.end_placement()  # a departure: the facts only
        assert isinstance(dialog, EndPlacementDialog)
        assert {dialog.ui.reason.itemData(i) for i in range(dialog.ui.reason.count())} == set(PR.STAFF_END_REASONS)
        dialog.reject()
        dialog = page.correct_placement()  # a correction: the legal side stays as recorded
        wait_tasks(qtbot)
        d = dialog.ui
        assert not d.legal_basis.isEnabled() and not d.court.isEnabled() and not d.court_file_number.isEnabled()
        assert not d.expiry_date.isEnabled() and not d.facility.isEnabled()
        assert d.start_date.isEnabled() and d.notes.isEnabled() and d.end_date.isEnabled()
        dialog.reject()
        dialog = page.place()  # an arrival (once the child has left): never on a court's decision
        wait_tasks(qtbot)
        bases = {dialog.ui.legal_basis.itemData(i) for i in range(dialog.ui.legal_basis.count())}
        assert bases == set(PR.STAFF_BASES) and dialog.ui.legal_basis.currentData() == "urgent_care"
        dialog.reject()
    finally:
        us.close()
