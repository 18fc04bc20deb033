"""The child page's Disappearances tab, and correcting or deleting placements and episodes from the page;
placements and disappearances in the history and the timeline in words; facility staff's outline view."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtWidgets import QDialogButtonBox

from ospod_desktop.core.missing_form import MissingInput
from ospod_desktop.core.placement_form import PlacementInput
from ospod_desktop.services import missing, placements
from ospod_desktop.ui.locale import apply_language
from ospod_desktop.ui.pages.child_missing import OPEN_BRUSH
from tests.services.placement_helpers import RADLICKA, TODAY, child, facility_id, pm, staff
from tests.ui.helpers import open_child_page, screenshot, shots_dir, type_text, wait_tasks

NOW = datetime.now(UTC)


def _save(qtbot, dialog) -> None:
    dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Save).click()
    wait_tasks(qtbot)
    wait_tasks(qtbot)


def _cells(table, row) -> list[str]:
    return [table.item(row, c).text() for c in range(table.columnCount())]


def _two_episodes(us, given="Ali"):
    """Placed at Radlická 40 days ago; missing once for 10 hours (returned), and missing now."""
    cid = child(us, given, days_ago=60)
    placements.place_child(us, cid, pm(facility_id(us, RADLICKA), TODAY - timedelta(days=40)))
    first = missing.report_missing(us, cid, MissingInput(NOW - timedelta(hours=80), "Anděl", clothing="zelená mikina",
                                                         seen_with="neznámý muž"))
    missing.record_informed(us, first, "police", NOW - timedelta(hours=79), "KRPA-1/ČJ-2026", "npor. Dvořák")
    missing.record_return(us, first, NOW - timedelta(hours=70), "Praha hl. n.", "unavený", True, TODAY)
    second = missing.report_missing(us, cid, MissingInput(NOW - timedelta(hours=5), "Smíchovské nádraží"))
    return cid, first, second


def test_the_disappearances_tab_lists_every_episode_with_its_details(qtbot, officer_session):
    us = officer_session
    cid, _first, _second = _two_episodes(us)
    page = open_child_page(qtbot, us, cid)
    ui = page.ui
    ui.section_tabs.setCurrentWidget(ui.missing_tab)
    assert ui.episodes_label.text() == "2 missing episodes recorded."
    assert ui.episodes_table.rowCount() == 2
    now_row, past_row = _cells(ui.episodes_table, 0), _cells(ui.episodes_table, 1)
    assert now_row[1] == "Smíchovské nádraží" and now_row[4] == "still missing" and "police NOT informed" in now_row[3]
    assert ui.episodes_table.item(0, 0).background() == OPEN_BRUSH
    assert past_row[1] == "Anděl" and past_row[4].startswith("returned") and past_row[5] == "10 hours"
    assert ui.close_episode_button.isEnabled() and not ui.reopen_episode_button.isEnabled()
    assert not ui.correct_return_button.isEnabled()
    ui.episodes_table.selectRow(1)
    details = ui.episode_text.toPlainText()
    assert "zelená mikina" in details and "KRPA-1/ČJ-2026 (npor. Dvořák)" not in details  # reference, then person
    assert "KRPA-1/ČJ-2026, npor. Dvořák" in details and "Praha hl. n." in details
    assert ui.correct_return_button.isEnabled() and not ui.close_episode_button.isEnabled()
    assert not ui.reopen_episode_button.isEnabled()  # not the latest episode


def test_close_an_episode_without_a_return(qtbot, officer_session):
    from ospod_desktop.ui.dialogs.correction_dialogs import CloseEpisodeDialog

    us = officer_session
    cid, _first, second = _two_episodes(us)
    page = open_child_page(qtbot, us, cid)
    dialog = page.close_episode()
    assert isinstance(dialog, CloseEpisodeDialog)
    dialog.ui.closed_at.setDateTime(dialog.ui.closed_at.dateTime().addSecs(-10 * 3600))  # before last seen
    _save(qtbot, dialog)
    assert dialog.isVisible() and "Closed at" in dialog.ui.error_label.text()
    dialog.ui.closed_at.setDateTime(dialog.ui.closed_at.dateTime().addSecs(9 * 3600))
    dialog.ui.close_reason.setCurrentIndex(dialog.ui.close_reason.findData("located_abroad"))
    _save(qtbot, dialog)
    assert not dialog.isVisible() and not page.ui.missing_label.isVisible()
    episode = next(e for e in missing.child_episodes(us, cid) if e.id == second)
    assert not episode.open and episode.close_reason == "located_abroad"
    assert "Located abroad" in page.ui.episodes_table.item(0, 4).text()
    assert page.ui.reopen_episode_button.isEnabled()


def test_correct_the_report_and_reopen_a_return_recorded_by_mistake(qtbot, officer_session):
    from ospod_desktop.ui.dialogs.placement_actions import MissingDialog

    us = officer_session
    cid, first, second = _two_episodes(us)
    missing.record_return(us, second, NOW - timedelta(hours=1), "Anděl", "")
    page = open_child_page(qtbot, us, cid)
    ui = page.ui
    ui.episodes_table.selectRow(1)
    dialog = page.correct_report()
    assert isinstance(dialog, MissingDialog) and dialog.ui.last_seen_place.text() == "Anděl"
    assert dialog.ui.seen_with.text() == "neznámý muž" and dialog.windowTitle() == "Correct the missing report"
    dialog.ui.clothing.clear()
    type_text(dialog.ui.clothing, "modrá bunda")
    _save(qtbot, dialog)  # no reason: the error names the field and the cursor goes there
    assert dialog.isVisible() and "Reason for the correction" in dialog.ui.error_label.text()
    assert dialog.focusWidget() is dialog.ui.correction_reason
    type_text(dialog.ui.correction_reason, "Oblečení podle kamerového záznamu")
    _save(qtbot, dialog)
    assert not dialog.isVisible()
    assert next(e for e in missing.child_episodes(us, cid) if e.id == first).clothing == "modrá bunda"

    ui.episodes_table.selectRow(0)
    assert ui.reopen_episode_button.isEnabled()
    dialog = page.reopen_episode()
    type_text(dialog.ui.correction_reason, "Návrat zapsán omylem")
    _save(qtbot, dialog)
    assert not dialog.isVisible() and page.ui.missing_label.isVisible()
    assert next(e for e in missing.child_episodes(us, cid) if e.id == second).open


def test_correct_a_placement_and_delete_a_mistaken_transfer(qtbot, officer_session):
    from ospod_desktop.ui.dialogs.placement_dialog import PlacementDialog

    us = officer_session
    cid = child(us, days_ago=60)
    first = placements.place_child(us, cid, pm(facility_id(us, RADLICKA), TODAY - timedelta(days=40)))
    placements.transfer_child(us, cid, PlacementInput(start_date=TODAY - timedelta(days=3), legal_basis="agreement",
                                                      setting="relatives", carer_name="Хасан Рахімі",
                                                      carer_relationship="strýc"))
    page = open_child_page(qtbot, us, cid)
    ui = page.ui
    assert not ui.delete_placement_button.isHidden() and ui.correct_placement_button.isEnabled()
    ui.placements_table.selectRow(1)  # the Radlická placement, ended by the transfer
    dialog = page.correct_placement()
    wait_tasks(qtbot)  # the facilities are read on a worker
    assert isinstance(dialog, PlacementDialog) and dialog.windowTitle() == "Correct the placement"
    assert dialog.ui.court_file_number.text() == "29 Nc 1234/2026" and dialog.ui.end_reason.currentData() == "transfer"
    dialog.ui.court_file_number.clear()
    type_text(dialog.ui.court_file_number, "29 Nc 1243/2026")
    type_text(dialog.ui.correction_reason, "Přehozené číslice ve spisové značce")
    _save(qtbot, dialog)
    assert not dialog.isVisible()
    assert placements.get_placement(us, first).court_file_number == "29 Nc 1243/2026"
    assert "29 Nc 1243/2026" in ui.placements_table.item(1, 1).text()

    ui.placements_table.selectRow(0)
    dialog = page.delete_placement()
    assert "Delete" in dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Save).text()
    type_text(dialog.ui.correction_reason, "Převod zapsán omylem, dítě zůstalo v Radlické")
    _save(qtbot, dialog)
    assert not dialog.isVisible()
    assert ui.placements_table.rowCount() == 1 and ui.placements_table.item(0, 4).text() == "current"
    history = [(ui.history_table.item(r, 2).text(), ui.history_table.item(r, 3).text())
               for r in range(ui.history_table.rowCount())]
    labels = [h[0] for h in history]
    assert "Placement deleted (recorded in error)" in labels and "Reason for the correction" in labels
    assert "Placement continues (the transfer was deleted)" in labels
    changed = next(old for label, old in history if label == "Placement: values before and after" and "Nc" in old)
    assert "Court file number: 29 Nc 1234/2026" in changed


def test_history_and_timeline_tell_placements_and_disappearances_in_words(qtbot, officer_session):
    us = officer_session
    cid, _first, _second = _two_episodes(us)
    page = open_child_page(qtbot, us, cid)
    ui = page.ui
    values = {ui.history_table.item(r, 2).text(): ui.history_table.item(r, 4).text()
              for r in range(ui.history_table.rowCount())}
    assert values["Placement"].startswith("Zařízení pro děti-cizince") and "Court preliminary measure" in values["Placement"]
    assert "preliminary_measure" not in values["Placement"]
    assert values["Informed of the disappearance"].startswith("Police")
    events = [ui.timeline_table.item(r, 1).text() for r in range(ui.timeline_table.rowCount())]
    assert any(e.startswith("Placed: Zařízení pro děti-cizince") for e in events)
    assert "Went missing; last seen: Anděl" in events and "Came back; found: Praha hl. n." in events
    assert not any(e.startswith("Edited:") for e in events)


def test_facility_staff_see_other_placements_only_in_outline(qtbot, admin_session, officer_session, db_path):
    officer = officer_session
    cid = child(officer, days_ago=60)
    placements.place_child(officer, cid, pm(facility_id(officer, RADLICKA), TODAY - timedelta(days=40),
                                            notes="Poznámka jen pro OSPOD"))
    placements.transfer_child(officer, cid, PlacementInput(start_date=TODAY - timedelta(days=3),
                                                           legal_basis="urgent_care",
                                                           facility_id=facility_id(officer, "ZDVOP-PRAHA4")))
    us = staff(admin_session[0], db_path, "zdvop", "ZDVOP-PRAHA4")
    try:
        page = open_child_page(qtbot, us, cid)
        ui = page.ui
        assert ui.placements_table.rowCount() == 2
        own, elsewhere = _cells(ui.placements_table, 0), _cells(ui.placements_table, 1)
        assert own[4] == "current" and elsewhere[0].startswith("Zařízení pro děti-cizince")
        assert "29 Nc 1234/2026" not in elsewhere[1]  # the court's file number is withheld outside their facility
        assert ui.delete_placement_button.isHidden() and ui.delete_episode_button.isHidden()
        assert not ui.correct_placement_button.isHidden()
        assert ui.correct_placement_button.isEnabled()
        ui.placements_table.selectRow(1)
        assert not ui.correct_placement_button.isEnabled()
        assert page.view.placements[0].withheld and page.view.placements[0].notes == ""
    finally:
        us.close()


def test_czech_screenshots_of_the_corrections(qtbot, tmp_path, officer_session):
    shots = shots_dir(tmp_path)
    us = officer_session
    apply_language("cs")
    try:
        cid, _first, _second = _two_episodes(us, "Олександр")
        from dataclasses import replace

        from ospod_desktop.services.placements import correct_placement, form_of
        pid = placements.child_placements(us, cid).current.id
        correct_placement(us, pid, replace(form_of(placements.get_placement(us, pid)), court_file_number="29 Nc 99/2026",
                                           notes="Přijato v noci, tlumočník do ukrajinštiny"), "Překlep ve spisové značce")
        page = open_child_page(qtbot, us, cid)
        ui = page.ui
        assert (ui.episodes_table.rowCount(), ui.history_table.rowCount(), ui.timeline_table.rowCount()) == (2, 9, 8)
        for tab, name, label, table in ((ui.missing_tab, "child_missing_tab_cs", "Pohřešování", ui.episodes_table),
                                        (ui.history_tab, "child_history_placements_cs", "Historie změn",
                                         ui.history_table),
                                        (ui.timeline_tab, "child_timeline_placements_cs", "Časová osa",
                                         ui.timeline_table)):
            ui.section_tabs.setCurrentWidget(tab)
            assert ui.section_tabs.tabText(ui.section_tabs.currentIndex()) == label
            screenshot(qtbot, page, shots / f"{name}.png")
            # the tab's table is shown, filling its width, each row as tall as its text needs
            assert table.isVisible() and table.horizontalHeader().length() >= table.viewport().width() - 1
            assert all(table.rowHeight(r) >= table.sizeHintForRow(r) for r in range(table.rowCount()))
        ui.placements_table.selectRow(0)
        dialogs = (("correct_placement_dialog_cs", page.correct_placement(), "Opravit umístění"),
                   ("extend_dialog_cs", page.extend(), "Prodloužit umístění"),
                   ("close_episode_dialog_cs", page.close_episode(), "Uzavřít pohřešování"),
                   ("correct_report_dialog_cs", page.correct_report(), "Opravit oznámení o pohřešování"),
                   ("delete_placement_dialog_cs", page.delete_placement(), "Smazat umístění"))
        wait_tasks(qtbot)
        for name, dialog, title in dialogs:
            assert dialog is not None, name
            assert dialog.windowTitle() == title
            screenshot(qtbot, dialog, shots / f"{name}.png")
            dialog.reject()
    finally:
        apply_language("en")


def test_informing_a_party_again_shows_what_was_recorded(qtbot, officer_session):
    us = officer_session
    cid, _first, second = _two_episodes(us)
    missing.record_informed(us, second, "police", NOW - timedelta(hours=4), "KRPA-77/2026", "npor. Malá")
    page = open_child_page(qtbot, us, cid)
    dialog = page.record_informed()
    assert dialog.ui.party.currentData() == "officer" and dialog.ui.intro_label.isHidden()
    dialog.ui.party.setCurrentIndex(dialog.ui.party.findData("police"))
    assert dialog.ui.reference.text() == "KRPA-77/2026" and dialog.ui.person.text() == "npor. Malá"
    assert not dialog.ui.intro_label.isHidden() and "Already recorded" in dialog.ui.intro_label.text()
    dialog.reject()


def test_the_decision_date_follows_the_start_until_changed(qtbot, officer_session):
    us = officer_session
    cid = child(us, days_ago=60)
    page = open_child_page(qtbot, us, cid)
    dialog = page.place()
    ui = dialog.ui
    ui.start_date.setDate(ui.start_date.date().addDays(-7))
    assert ui.decision_date.date() == ui.start_date.date()
    chosen = ui.decision_date.date().addDays(-3)
    ui.decision_date.setDate(chosen)  # the officer sets the decision's own day: it stays put from now on
    ui.start_date.setDate(ui.start_date.date().addDays(2))
    assert ui.decision_date.date() == chosen
    dialog.reject()


def test_placed_the_day_found_comes_after_found_and_a_long_disappearance_reads_in_days(qtbot, officer_session):
    us = officer_session
    found = TODAY - timedelta(days=30)
    cid = child(us, days_ago=30, found_time="20:14")
    placements.place_child(us, cid, pm(facility_id(us, RADLICKA), found))
    missing.report_missing(us, cid, MissingInput(NOW - timedelta(hours=24 * 5 + 3), "Radlická 30 – vycházka"))
    page = open_child_page(qtbot, us, cid)
    events = [page.ui.timeline_table.item(r, 1).text() for r in range(page.ui.timeline_table.rowCount())]
    found_row = next(i for i, e in enumerate(events) if e.startswith("Found"))
    placed_row = next(i for i, e in enumerate(events) if e.startswith("Placed:"))
    assert found_row < placed_row
    assert "MISSING for 5 days 3 hours" in page.ui.missing_label.text()


def test_placed_the_day_the_child_was_registered_comes_after_the_registration(qtbot, officer_session):
    us = officer_session
    cid = child(us, days_ago=0, found_time="00:00")
    placements.place_child(us, cid, pm(facility_id(us, RADLICKA), TODAY))
    page = open_child_page(qtbot, us, cid)
    events = [page.ui.timeline_table.item(r, 1).text() for r in range(page.ui.timeline_table.rowCount())]
    assert [e.split(":")[0] for e in events] == ["Found", "Registered", "Placed"]
