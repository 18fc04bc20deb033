"""The child page's "Guardian and plan" tab: an IPOD and a guardian's appointment recorded through the dialogs
(Czech typed key by key), a day before the child was found refused naming the field, the history in words,
and facility staff without the tab."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialogButtonBox

from ospod_desktop.core.care_form import GuardianPetitionInput, IpodInput
from ospod_desktop.services import care, placements
from ospod_desktop.ui.dialogs.care_dialogs import AppointmentDialog, IpodDialog
from ospod_desktop.ui.locale import apply_language
from tests.services.placement_helpers import RADLICKA, TODAY, child, facility_id, pm, staff
from tests.ui.helpers import open_child_page, screenshot, shots_dir, type_text, wait_tasks

FOUND = TODAY - timedelta(days=40)


def _qdate(day) -> QDate:
    return QDate(day.year, day.month, day.day)


def _save(qtbot, dialog) -> None:
    dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Save).click()
    wait_tasks(qtbot)
    wait_tasks(qtbot)


def _cells(table, row) -> list[str]:
    return [table.item(row, c).text() for c in range(table.columnCount())]


def _care_page(qtbot, us, cid):
    page = open_child_page(qtbot, us, cid)
    page.ui.section_tabs.setCurrentWidget(page.care_tab)
    wait_tasks(qtbot)
    return page, page.care_tab


def test_an_ipod_and_a_guardian_are_recorded_through_the_tab(qtbot, officer_session):
    us = officer_session
    cid = child(us, days_ago=40)
    page, tab = _care_page(qtbot, us, cid)
    assert tab.status_label.text().startswith("No guardian appointed.")
    assert tab.ipod_table.rowCount() == 0 and not tab.correct_ipod_button.isEnabled()

    dialog = tab.record_ipod()
    assert isinstance(dialog, IpodDialog)
    dialog.fields["drawn_up_on"].setDate(_qdate(FOUND + timedelta(days=5)))
    type_text(dialog.fields["note"], "Plán sestaven s dítětem a tlumočníkem; škola v Řeporyjích.")
    _save(qtbot, dialog)
    assert not dialog.isVisible()
    assert _cells(tab.ipod_table, 0)[1] == "Plán sestaven s dítětem a tlumočníkem; škola v Řeporyjích."
    assert tab.correct_ipod_button.isEnabled() and tab.delete_ipod_button.isEnabled()

    dialog = tab.record_appointment()
    assert isinstance(dialog, AppointmentDialog)
    dialog.fields["appointed_on"].setDate(_qdate(FOUND + timedelta(days=3)))
    type_text(dialog.fields["court"], "Obvodní soud pro Prahu 5")
    type_text(dialog.fields["court_file_number"], "29 P 12/2026")
    type_text(dialog.fields["guardian_name"], "Mgr. Jana Dvořáková")
    type_text(dialog.fields["guardian_contact"], "+420 777 123 456")
    _save(qtbot, dialog)
    assert not dialog.isVisible()
    assert tab.status_label.text().startswith("Guardian: Mgr. Jana Dvořáková, appointed on")
    row = _cells(tab.guardian_table, 0)
    assert "Obvodní soud pro Prahu 5, 29 P 12/2026" in row[1] and row[2] == "Mgr. Jana Dvořáková, +420 777 123 456"
    assert tab.end_guardianship_button.isEnabled()
    view = care.care_summary(us, cid)
    assert view.guardian is not None and view.guardian.guardian_name == "Mgr. Jana Dvořáková"

    # The child's History tab says it in words (the page reloaded on the announced change).
    wait_tasks(qtbot)
    labels = [page.ui.history_table.item(r, 2).text() for r in range(page.ui.history_table.rowCount())]
    assert "Guardian appointed" in labels and "Individual protection plan (IPOD) drawn up" in labels
    guardian_row = labels.index("Guardian appointed")
    assert "Mgr. Jana Dvořáková, Obvodní soud pro Prahu 5" in page.ui.history_table.item(guardian_row, 4).text()


def test_a_day_before_the_child_was_found_is_refused_naming_the_field(qtbot, officer_session):
    us = officer_session
    cid = child(us, days_ago=40)
    _page, tab = _care_page(qtbot, us, cid)
    dialog = tab.record_ipod()
    dialog.fields["drawn_up_on"].setDate(_qdate(FOUND - timedelta(days=2)))
    _save(qtbot, dialog)
    assert dialog.isVisible() and dialog.ui.error_label.isVisible()
    assert dialog.ui.error_label.text().startswith("Date of the plan: the date is before the child was found")
    assert dialog.fields["drawn_up_on"].hasFocus() or dialog.focusWidget() is dialog.fields["drawn_up_on"]
    assert care.list_ipods(us, cid) == []


def test_an_appointment_before_the_petition_is_refused(qtbot, officer_session):
    us = officer_session
    cid = child(us, days_ago=40)
    care.record_guardian_petition(us, cid, GuardianPetitionInput(FOUND + timedelta(days=2)))
    _page, tab = _care_page(qtbot, us, cid)
    assert "petitioned the court for a guardian" in tab.status_label.text()
    dialog = tab.record_appointment()
    dialog.fields["appointed_on"].setDate(_qdate(FOUND + timedelta(days=1)))
    type_text(dialog.fields["court"], "Okresní soud v Kolíně")
    type_text(dialog.fields["guardian_name"], "Ředitelka zařízení")
    _save(qtbot, dialog)
    assert dialog.isVisible() and "before OSPOD's petition" in dialog.ui.error_label.text()


def test_facility_staff_do_not_see_the_tab(qtbot, admin_session, officer_session, db_path):
    us = officer_session
    admin, _code = admin_session
    cid = child(us, days_ago=40)
    placements.place_child(us, cid, pm(facility_id(us, RADLICKA), FOUND))
    worker = staff(admin, db_path, "radlicka", RADLICKA)
    try:
        page = open_child_page(qtbot, worker, cid)
        tabs = page.ui.section_tabs
        assert page.care_tab is None
        assert "Guardian and plan" not in [tabs.tabText(i) for i in range(tabs.count())]
    finally:
        worker.close()


def test_screenshots_in_czech(qtbot, officer_session, tmp_path):
    us = officer_session
    cid = child(us, days_ago=40)
    care.record_guardian_petition(us, cid, GuardianPetitionInput(FOUND + timedelta(days=1), "Obvodní soud pro Prahu 5"))
    apply_language("cs")
    try:
        page, tab = _care_page(qtbot, us, cid)
        assert "Opatrovník a plán" in [page.ui.section_tabs.tabText(i) for i in range(page.ui.section_tabs.count())]
        folder = shots_dir(tmp_path)
        for width, height in ((1366, 768), (1000, 600)):
            page.resize(width, height)
            screenshot(qtbot, page, folder / f"care_tab_{width}x{height}.png")
        dialog = tab.record_appointment()
        screenshot(qtbot, dialog, folder / "care_appointment_dialog.png")
        dialog.close()
        page.resize(1366, 768)
        page.ui.section_tabs.setCurrentWidget(page.ui.history_tab)
        table = page.ui.history_table
        assert table.item(0, 2).text() == "Návrh soudu na jmenování opatrovníka"
        assert table.item(0, 4).text().endswith(", Obvodní soud pro Prahu 5")
        screenshot(qtbot, page, folder / "care_history_1366x768.png")
    finally:
        apply_language("en")


def test_a_plan_is_corrected_with_a_reason_and_deleted(qtbot, officer_session):
    us = officer_session
    cid = child(us, days_ago=40)
    care.record_ipod(us, cid, IpodInput(FOUND + timedelta(days=5), "první verze"))
    page, tab = _care_page(qtbot, us, cid)
    dialog = tab.correct_ipod()
    assert dialog.windowTitle() == "Correct the plan" and "correction_reason" in dialog.fields
    dialog.fields["drawn_up_on"].setDate(_qdate(FOUND + timedelta(days=6)))
    _save(qtbot, dialog)
    assert dialog.isVisible() and dialog.ui.error_label.text().startswith("Reason for the correction")
    type_text(dialog.fields["correction_reason"], "Překlep v datu podpisu")
    _save(qtbot, dialog)
    assert not dialog.isVisible()
    assert care.list_ipods(us, cid)[0].drawn_up_on == FOUND + timedelta(days=6)
    wait_tasks(qtbot)
    labels = [page.ui.history_table.item(r, 2).text() for r in range(page.ui.history_table.rowCount())]
    assert labels[:3] == ["Reason for the correction", "Individual protection plan: values before and after",
                          "Individual protection plan corrected"]

    asked = tab.delete_ipod()
    type_text(asked.ui.correction_reason, "Zapsáno u jiného dítěte")
    _save(qtbot, asked)
    assert care.list_ipods(us, cid) == [] and tab.ipod_table.rowCount() == 0
