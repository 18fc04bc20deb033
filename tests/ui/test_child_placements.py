"""The child page's placements tab (chain, extensions, deadlines) and the missing banner in the header."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ospod_desktop.core.missing_form import MissingInput
from ospod_desktop.core.placement_form import PlacementInput
from ospod_desktop.services import missing, placements
from ospod_desktop.ui.locale import apply_language
from ospod_desktop.ui.pages.child_placements import STATUS_BRUSHES
from tests.services.placement_helpers import RADLICKA, TODAY, child, facility_id, pm
from tests.ui.helpers import ChangesSeen, open_child_page, screenshot, shots_dir, wait_tasks


def _cells(table, row) -> list[str]:
    return [table.item(row, c).text() for c in range(table.columnCount())]


def _history(us, given="Ali") -> int:
    """Placed by a preliminary measure 80 days ago (overdue, one extension), then transferred to relatives."""
    cid = child(us, given, days_ago=120)
    start = TODAY - timedelta(days=80)
    pid = placements.place_child(us, cid, pm(facility_id(us, RADLICKA), start))
    placements.extend_placement(us, pid, start + timedelta(days=25), start + timedelta(days=60))
    return cid


def test_the_chain_and_its_deadlines(qtbot, officer_session):
    us = officer_session
    cid = _history(us)
    page = open_child_page(qtbot, us, cid)
    ui = page.ui
    assert ui.placements_label.text().startswith("Placed in: Zařízení pro děti-cizince")
    assert ui.placements_table.rowCount() == 1
    where, basis, start, expiry, ended, extensions = _cells(ui.placements_table, 0)
    assert where.startswith("Zařízení pro děti-cizince") and basis.startswith("Court preliminary measure")
    assert "29 Nc 1234/2026" in basis and ended == "current" and extensions.startswith("until ")
    assert not ui.deadlines_table.isHidden() and ui.deadlines_table.rowCount() >= 1
    overdue = [r for r in range(ui.deadlines_table.rowCount()) if ui.deadlines_table.item(r, 2).text() == "overdue"]
    assert overdue and ui.deadlines_table.item(overdue[0], 0).background() == STATUS_BRUSHES["overdue"]
    assert not ui.missing_label.isVisible()


def test_an_ended_placement_and_the_next_with_relatives(qtbot, officer_session):
    us = officer_session
    cid = _history(us)
    placements.transfer_child(us, cid, PlacementInput(
        start_date=TODAY - timedelta(days=2), legal_basis="preliminary_measure", setting="relatives",
        carer_name="Хасан Рахімі", carer_relationship="strýc", court="Okresní soud v Kladně",
        court_file_number="12 Nc 55/2026", decision_date=TODAY - timedelta(days=3)))
    page = open_child_page(qtbot, us, cid)
    table = page.ui.placements_table
    assert table.rowCount() == 2
    assert "Хасан Рахімі" in table.item(0, 0).text() and table.item(0, 4).text() == "current"
    assert table.item(1, 4).text().startswith(table.item(0, 2).text())  # ended the day the next began


def test_the_missing_banner(qtbot, officer_session):
    us = officer_session
    cid = _history(us)
    missing.report_missing(us, cid, MissingInput(last_seen_at=datetime.now(UTC) - timedelta(hours=37, minutes=5),
                                                 last_seen_place="Smíchovské nádraží"))
    page = open_child_page(qtbot, us, cid)
    banner = page.ui.missing_label
    assert banner.isVisible() and "MISSING for 37 hours" in banner.text() and "Smíchovské nádraží" in banner.text()
    assert "Overdue: Report the missing child to the police" in banner.text()


def test_czech_screenshots(qtbot, tmp_path, officer_session):
    shots = shots_dir(tmp_path)
    us = officer_session
    apply_language("cs")
    try:
        cid = _history(us, "Олександр")
        missing.report_missing(us, cid, MissingInput(last_seen_at=datetime.now(UTC) - timedelta(hours=5),
                                                     last_seen_place="Smíchovské nádraží"))
        page = open_child_page(qtbot, us, cid)
        page.ui.section_tabs.setCurrentWidget(page.ui.placements_tab)
        assert "POHŘEŠ" in page.ui.missing_label.text()
        assert page.ui.section_tabs.tabText(page.ui.section_tabs.currentIndex()) == "Umístění"
        assert page.ui.placements_table.rowCount() == 1 and page.ui.deadlines_table.rowCount() >= 1
        screenshot(qtbot, page, shots / "child_placements_cs.png")
        assert page.ui.placements_table.isVisible() and page.ui.missing_label.isVisible()
        transfer = page.transfer()
        wait_tasks(qtbot)
        transfer.select_facility("person:relatives")
        for name, dialog, title in (("end_placement_dialog_cs", page.end_placement(), "Ukončit umístění"),
                                    ("transfer_dialog_cs", transfer, "Převést dítě")):
            assert dialog.windowTitle() == title
            screenshot(qtbot, dialog, shots / f"{name}.png")
            dialog.reject()
        placements.end_placement(us, page.view.current_placement.id, TODAY, "returned_to_family")
        missing_ids = [m.id for m in missing.child_episodes(us, cid) if m.open]
        missing.record_return(us, missing_ids[0], datetime.now(UTC) - timedelta(hours=1), "Praha hl. n.", "", False, None)
        page.reload()
        wait_tasks(qtbot)
        dialog = page.report_missing()
        assert dialog.windowTitle() == "Oznámit pohřešované dítě"
        screenshot(qtbot, dialog, shots / "missing_dialog_cs.png")
        dialog.reject()
        missing.report_missing(us, cid, MissingInput(last_seen_at=datetime.now(UTC) - timedelta(minutes=30),
                                                     last_seen_place="Anděl"))
        page.reload()
        wait_tasks(qtbot)
        for name, dialog, title in (("informed_dialog_cs", page.record_informed(), "Zapsat vyrozumění"),
                                    ("missing_return_dialog_cs", page.record_return(), "Zapsat návrat")):
            assert dialog.windowTitle() == title
            screenshot(qtbot, dialog, shots / f"{name}.png")
            dialog.reject()
    finally:
        apply_language("en")


def _save(qtbot, dialog) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Save).click()
    wait_tasks(qtbot)
    wait_tasks(qtbot)


def test_report_missing_from_theopen_child_page(qtbot, officer_session):
    from ospod_desktop.ui.dialogs.placement_actions import MissingDialog
    from tests.ui.helpers import type_text

    us = officer_session
    cid = _history(us)
    page = open_child_page(qtbot, us, cid)
    assert page.ui.report_missing_button.isEnabled() and page.ui.end_placement_button.isEnabled()
    dialog = page.report_missing()
    assert isinstance(dialog, MissingDialog)
    dialog.ui.last_seen_at.setDateTime(dialog.ui.last_seen_at.dateTime().addSecs(-3 * 3600 - 60))
    _save(qtbot, dialog)  # the place is required: the error names it and the cursor goes there
    assert dialog.isVisible() and "Where last seen" in dialog.ui.error_label.text()
    assert dialog.focusWidget() is dialog.ui.last_seen_place
    type_text(dialog.ui.last_seen_place, "Smíchovské nádraží")
    type_text(dialog.ui.clothing, "zelená mikina")
    dialog.ui.risk_trafficking.setChecked(True)
    seen = ChangesSeen()
    _save(qtbot, dialog)
    assert not dialog.isVisible() and seen.child_ids() == [[cid]]
    episode = missing.child_episodes(us, cid)[0]
    assert episode.open and episode.last_seen_place == "Smíchovské nádraží" and episode.risk_trafficking
    assert page.ui.missing_label.isVisible() and "MISSING for 3 hours" in page.ui.missing_label.text()
    assert not page.ui.report_missing_button.isVisible()  # already missing: inform, then record the return
    assert page.ui.informed_button.isVisible() and page.ui.return_button.isVisible()


def test_inform_the_police_then_record_the_return(qtbot, officer_session):
    from ospod_desktop.ui.dialogs.placement_actions import InformedDialog, MissingReturnDialog
    from tests.ui.helpers import type_text

    us = officer_session
    cid = _history(us)
    eid = missing.report_missing(us, cid, MissingInput(last_seen_at=datetime.now(UTC) - timedelta(hours=6),
                                                       last_seen_place="Smíchovské nádraží"))
    page = open_child_page(qtbot, us, cid)
    assert "Report the missing child to the police" in page.ui.missing_label.text()
    dialog = page.record_informed()
    assert isinstance(dialog, InformedDialog) and dialog.ui.party.currentData() == "police"
    dialog.ui.informed_at.setDateTime(dialog.ui.informed_at.dateTime().addSecs(-8 * 3600))  # before last seen
    _save(qtbot, dialog)
    assert dialog.isVisible() and dialog.focusWidget() is dialog.ui.informed_at
    dialog.ui.informed_at.setDateTime(dialog.ui.informed_at.dateTime().addSecs(4 * 3600))
    type_text(dialog.ui.reference, "KRPA-12345-1/ČJ-2026-001100")
    type_text(dialog.ui.person, "npor. Dvořák")
    _save(qtbot, dialog)
    assert not dialog.isVisible()
    assert [(i.party, i.reference) for i in missing.child_episodes(us, cid)[0].informed] == [
        ("police", "KRPA-12345-1/ČJ-2026-001100")]
    assert "to the police" not in page.ui.missing_label.text()

    dialog = page.record_return()
    assert isinstance(dialog, MissingReturnDialog) and not dialog.ui.interview_on.isEnabled()
    type_text(dialog.ui.found_place, "Praha hl. n.")
    dialog.ui.interview_held.setChecked(True)
    _save(qtbot, dialog)
    assert not dialog.isVisible() and not page.ui.missing_label.isVisible()
    episode = missing.child_episodes(us, cid)[0]
    assert episode.id == eid and not episode.open and episode.return_interview and episode.found_place == "Praha hl. n."
    assert page.ui.report_missing_button.isVisible() and not page.ui.return_button.isVisible()


def test_end_the_placement_from_theopen_child_page(qtbot, officer_session):
    from ospod_desktop.ui.dialogs.placement_actions import EndPlacementDialog

    us = officer_session
    cid = _history(us)
    page = open_child_page(qtbot, us, cid)
    dialog = page.end_placement()
    assert isinstance(dialog, EndPlacementDialog) and dialog.ui.reason.findData("transfer") < 0
    dialog.ui.end_date.setDate(dialog.ui.end_date.date().addDays(1))  # tomorrow: refused, focused
    _save(qtbot, dialog)
    assert dialog.isVisible() and dialog.ui.error_label.text() and dialog.focusWidget() is dialog.ui.end_date
    dialog.ui.end_date.setDate(dialog.ui.end_date.date().addDays(-1))
    dialog.ui.reason.setCurrentIndex(dialog.ui.reason.findData("reunited_abroad"))
    _save(qtbot, dialog)
    assert not dialog.isVisible()
    assert page.ui.placements_label.text() == "Not placed at the moment."
    assert page.ui.placements_table.item(0, 4).text().endswith("Reunited with family abroad")
    assert not page.ui.end_placement_button.isEnabled()


def test_facility_staff_get_the_placement_actions_but_not_registration_edits(qtbot, admin_session, officer_session,
                                                                            db_path):
    from tests.services.placement_helpers import staff

    cid = _history(officer_session)
    us = staff(admin_session[0], db_path, "radlicka", RADLICKA)
    page = open_child_page(qtbot, us, cid)
    ui = page.ui
    assert ui.report_missing_button.isVisible() and ui.report_missing_button.isEnabled()
    assert not ui.edit_button.isVisible() and not ui.assessment_button.isVisible()
    assert ui.placements_table.rowCount() == 1


def test_place_then_transfer_to_relatives_from_theopen_child_page(qtbot, officer_session):
    from ospod_desktop.ui.dialogs.placement_dialog import PlacementDialog
    from tests.ui.helpers import type_text

    us = officer_session
    cid = child(us, "Ali", days_ago=10)
    page = open_child_page(qtbot, us, cid)
    ui = page.ui
    assert ui.place_button.isEnabled() and not ui.transfer_button.isEnabled() and not ui.end_placement_button.isEnabled()
    dialog = page.place()
    wait_tasks(qtbot)  # the facilities are read on a worker
    assert isinstance(dialog, PlacementDialog)
    d = dialog.ui
    dialog.select_facility(facility_id(us, RADLICKA))
    assert d.court.isVisibleTo(dialog) and not d.carer_name.isVisibleTo(dialog) and not d.contract_party.isVisibleTo(dialog)
    _save(qtbot, dialog)  # a preliminary measure needs the court
    assert dialog.isVisible() and "Court" in d.error_label.text() and dialog.focusWidget() is d.court
    type_text(d.court, "Obvodní soud pro Prahu 5")
    type_text(d.court_file_number, "29 Nc 1234/2026")
    _save(qtbot, dialog)
    assert not dialog.isVisible(), d.error_label.text()
    assert ui.placements_label.text().startswith("Placed in: Zařízení pro děti-cizince")
    assert ui.transfer_button.isEnabled() and not ui.place_button.isEnabled()

    dialog = page.transfer()
    wait_tasks(qtbot)
    d = dialog.ui
    dialog.select_facility("person:relatives")
    assert d.carer_name.isVisibleTo(dialog)
    d.legal_basis.setCurrentIndex(d.legal_basis.findData("agreement"))
    assert not d.court.isVisibleTo(dialog)
    type_text(d.carer_name, "Хасан Рахімі")
    type_text(d.carer_relationship, "strýc")
    _save(qtbot, dialog)
    assert not dialog.isVisible(), d.error_label.text()
    table = ui.placements_table
    assert table.rowCount() == 2 and "Хасан Рахімі" in table.item(0, 0).text()
    assert table.item(1, 4).text().endswith("Transfer")


def test_facility_staff_place_only_into_their_own_facility(qtbot, admin_session, officer_session, db_path):
    from ospod_desktop.ui.dialogs.placement_dialog import PlacementDialog
    from tests.services.placement_helpers import staff

    us = staff(admin_session[0], db_path, "radlicka", RADLICKA)
    dialog = PlacementDialog(us, 0)
    qtbot.addWidget(dialog)
    wait_tasks(qtbot)
    assert [dialog.ui.facility.itemData(i) for i in range(dialog.ui.facility.count())] == [facility_id(us, RADLICKA)]
    transfer = PlacementDialog(us, 0, transfer=True)
    qtbot.addWidget(transfer)
    wait_tasks(qtbot)
    assert transfer.ui.facility.count() > 3 and transfer.ui.facility.findData("person:foster_family") >= 0
