"""The child page's Visits tab and the visit dialog: recording in Czech, a refused future visit, a correction kept
in the history, the proposed next visit and its reason, and no tab for facility staff."""

from __future__ import annotations

from datetime import timedelta

import shiboken6
from PySide6.QtWidgets import QDialogButtonBox

from ospod_desktop.core.deadlines import add_months
from ospod_desktop.services import children, placements, visits
from ospod_desktop.services.visits import VisitInput
from ospod_desktop.ui.dialogs.child_fields import set_date
from ospod_desktop.ui.locale import apply_language
from tests.services.placement_helpers import RADLICKA, TODAY, child, count, facility_id, pm, staff
from tests.ui.helpers import open_child_page, screenshot, shots_dir, type_text, wait_tasks


def _save(qtbot, dialog) -> None:
    dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Save).click()
    wait_tasks(qtbot)
    wait_tasks(qtbot)


def _closed(dialog) -> bool:
    return not shiboken6.isValid(dialog) or not dialog.isVisible()  # closed, and deleted on close


def _placed(us):
    cid = child(us, days_ago=100)
    placements.place_child(us, cid, pm(facility_id(us, RADLICKA), TODAY - timedelta(days=90)))
    return cid


def _tab(page):
    tabs = page.ui.section_tabs
    tabs.setCurrentWidget(page.ui.visits_tab)
    return page.visits_panel


def test_record_a_visit_in_czech_through_the_dialog(qtbot, officer_session):
    us = officer_session
    cid = _placed(us)
    page = open_child_page(qtbot, us, cid)
    panel = _tab(page)
    assert page.ui.visits_label.text() == "No visit recorded yet." and not panel.table.isVisible()
    dialog = panel.record()
    wait_tasks(qtbot)
    day = TODAY - timedelta(days=3)
    set_date(dialog.visited_on, day)
    wait_tasks(qtbot)
    assert dialog.proposed == add_months(day, 3)
    assert "by" in dialog.proposal_label.text() and not dialog.reason_required()
    type_text(dialog.visited_time, "10:15")
    type_text(dialog.present, "vychovatelka Růžičková")
    type_text(dialog.texts["views"], "Chce zůstat v Česku a učit se řemeslo.")
    type_text(dialog.texts["concerns"], "Občas nespí, stýská se mu po bratrovi.")
    type_text(dialog.addressee, "ZŠ Radlická – třídní učitelka")
    dialog.spoken_alone.setCurrentIndex(dialog.spoken_alone.findData(True))
    _save(qtbot, dialog)
    assert _closed(dialog)
    [v] = visits.list_visits(us, cid)
    assert (v.visited_on, v.visited_time, v.present, v.spoken_alone) == (day, "10:15", "vychovatelka Růžičková", True)
    assert v.views == "Chce zůstat v Česku a učit se řemeslo." and v.next_visit_on == add_months(day, 3)
    assert visits.list_information_requests(us, cid)[0].addressee == "ZŠ Radlická – třídní učitelka"
    wait_tasks(qtbot)
    assert panel.table.rowCount() == 1 and panel.table.item(0, 1).text() == "10:15"
    assert "Chce zůstat v Česku" in panel.detail.toPlainText()
    assert panel.requests_table.rowCount() == 1 and panel.answer_button.isVisible()


def test_a_future_visit_is_refused_with_the_field_named_and_nothing_saved(qtbot, officer_session):
    us = officer_session
    cid = _placed(us)
    page = open_child_page(qtbot, us, cid)
    dialog = _tab(page).record()
    set_date(dialog.visited_on, TODAY + timedelta(days=2))
    wait_tasks(qtbot)
    before = (count(us, "visit"), count(us, "child_history"))
    _save(qtbot, dialog)
    assert dialog.isVisible()
    assert "Date of the visit" in dialog.ui.error_label.text() and "future" in dialog.ui.error_label.text()
    assert dialog.visited_on.hasFocus() or dialog.focusWidget() is dialog.visited_on
    assert (count(us, "visit"), count(us, "child_history")) == before


def test_a_later_next_visit_needs_a_reason(qtbot, officer_session):
    us = officer_session
    cid = _placed(us)
    page = open_child_page(qtbot, us, cid)
    dialog = _tab(page).record()
    wait_tasks(qtbot)
    set_date(dialog.next_visit_on, dialog.proposed + timedelta(days=10))
    assert dialog.reason_required() and "bold" in dialog.labels["next_visit_reason"].styleSheet()
    _save(qtbot, dialog)
    assert "Next visit" in dialog.ui.error_label.text() and count(us, "visit") == 0
    type_text(dialog.next_visit_reason, "Dítě odjíždí na letní tábor.")
    _save(qtbot, dialog)
    assert visits.list_visits(us, cid)[0].next_visit_reason == "Dítě odjíždí na letní tábor."


def test_a_correction_keeps_the_old_values_in_the_history(qtbot, officer_session):
    us = officer_session
    cid = _placed(us)
    visits.record_visit(us, cid, VisitInput(visited_on=TODAY - timedelta(days=4), views="Chce do školy."))
    page = open_child_page(qtbot, us, cid)
    panel = _tab(page)
    assert panel.table.rowCount() == 1
    dialog = panel.correct()
    wait_tasks(qtbot)
    assert dialog.texts["views"].toPlainText() == "Chce do školy."
    dialog.texts["views"].clear()
    type_text(dialog.texts["views"], "Chce na učiliště.")
    type_text(dialog.correction_reason, "Špatně zapsané přání dítěte")
    _save(qtbot, dialog)
    assert _closed(dialog)
    wait_tasks(qtbot)
    history = page.ui.history_table
    rows = [[history.item(r, c).text() for c in range(history.columnCount())] for r in range(history.rowCount())]
    changes = next(r for r in rows if r[2] == "Visit: values before and after")
    assert "Chce do školy." in changes[3] and "Chce na učiliště." in changes[4]
    assert any(r[2] == "Visit corrected" for r in rows)
    assert any(r[2] == "Reason for the correction" and r[4] == "Špatně zapsané přání dítěte" for r in rows)


def test_facility_staff_do_not_get_the_visits_tab(qtbot, officer_session, admin_session, db_path):
    us = officer_session
    cid = _placed(us)
    visits.record_visit(us, cid, VisitInput(visited_on=TODAY - timedelta(days=4)))
    admin, _code = admin_session
    worker = staff(admin, db_path, "radlicka", RADLICKA)
    try:
        page = open_child_page(qtbot, worker, cid)
        tabs = page.ui.section_tabs
        assert page.visits_panel is None and tabs.indexOf(page.ui.visits_tab) == -1
        assert "Visits" not in [tabs.tabText(i) for i in range(tabs.count())]
        assert not any(h.field.startswith("visit") for h in children.get_child(worker, cid).history)
    finally:
        worker.close()


def test_screenshots_of_the_visits_tab_and_dialog_in_czech(qtbot, officer_session, tmp_path):
    us = officer_session
    cid = _placed(us)
    vid = visits.record_visit(us, cid, VisitInput(
        visited_on=TODAY - timedelta(days=40), visited_time="09:30", present="vychovatelka Růžičková",
        spoken_alone=True, views="Chce zůstat v Česku a učit se řemeslo; těší se na fotbal.",
        living_conditions="Pokoj sdílí se dvěma chlapci, čisto.", health="Bez obtíží, očkování doplněno.",
        schooling="Chodí do přípravné třídy, čeština se zlepšuje.", family_contact="Telefonuje s bratrem v Kábulu.",
        concerns="Občas nespí.", next_visit_on=TODAY + timedelta(days=40)))
    visits.record_visit(us, cid, VisitInput(visited_on=TODAY - timedelta(days=2), kind="unannounced",
                                            child_seen=False, not_seen_reason="Dítě bylo u lékaře."))
    visits.request_information(us, cid, visits.InformationRequestInput(
        "ZŠ Radlická – třídní učitelka", TODAY - timedelta(days=40)), vid)
    apply_language("cs")
    try:
        folder = shots_dir(tmp_path)
        page = open_child_page(qtbot, us, cid)
        _tab(page)
        for w, h in ((1366, 768), (1000, 600)):
            page.resize(w, h)
            screenshot(qtbot, page, folder / f"visits_tab_{w}x{h}.png")
        dialog = page.visits_panel.record()
        dialog.resize(1000 - 40, 600 - 40)
        screenshot(qtbot, dialog, folder / "visit_dialog_1000x600.png")
        bar = dialog.scroll_area.verticalScrollBar()
        bar.setValue(bar.maximum())
        screenshot(qtbot, dialog, folder / "visit_dialog_1000x600_end.png")
        dialog.resize(760, 700)
        screenshot(qtbot, dialog, folder / "visit_dialog_1366x768.png")
        set_date(dialog.visited_on, TODAY + timedelta(days=1))
        _save(qtbot, dialog)
        assert "budoucnosti" in dialog.ui.error_label.text()  # the Czech message, naming the field
        screenshot(qtbot, dialog, folder / "visit_dialog_error.png")
        dialog.reject()
    finally:
        apply_language("en")
