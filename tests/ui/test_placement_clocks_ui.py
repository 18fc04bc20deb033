"""The placement clocks' facts in the UI (issue 10): the placement dialog records a measure's enforceability,
the s. 460 reason, s. 461 and the diagnostic stay; the extend dialog asks for the municipal authority's consent
(a ZDVOP contract) and for the reason once the new expiry passes 6 months; "Diagnostics completed" closes the
diagnostic stay's clock. Refusals name the field and save nothing. Screenshots at 1366×768 and 1000×600."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QDate, QSize
from PySide6.QtWidgets import QDialogButtonBox

from ospod_desktop.core.deadlines import add_months, placement_deadlines
from ospod_desktop.core.placement_form import PlacementInput
from ospod_desktop.services import placements
from ospod_desktop.ui.locale import apply_language
from tests.services.placement_helpers import RADLICKA, TODAY, child, counts, facility_id, pm
from tests.ui.helpers import open_child_page, screenshot, shots_dir, type_text, wait_tasks

REASON = "Řízení ve věci samé probíhá"
SIZES = [QSize(1366, 768), QSize(1000, 600)]


def _save(qtbot, dialog) -> None:
    dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Save).click()
    wait_tasks(qtbot)
    wait_tasks(qtbot)


def _qdate(day) -> QDate:
    return QDate(day.year, day.month, day.day)


def _deadline_rows(page) -> list[tuple[str, str]]:
    page.ui.section_tabs.setCurrentWidget(page.ui.placements_tab)
    table = page.ui.deadlines_table
    return [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())] \
        if table.isVisibleTo(page) else []


def _fits(dialog, size: QSize) -> None:
    """The dialog is no larger than the window, and its Save button is inside it."""
    assert dialog.width() <= size.width() and dialog.height() <= size.height(), (dialog.size(), size)
    save = dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Save)
    assert dialog.rect().contains(save.geometry().translated(save.mapTo(dialog, save.rect().topLeft())
                                                             - save.geometry().topLeft()))


def test_a_measure_recorded_with_its_enforceability_runs_from_it(qtbot, officer_session):
    us = officer_session
    cid = child(us, days_ago=30)
    page = open_child_page(qtbot, us, cid)
    dialog = page.place()
    wait_tasks(qtbot)
    d = dialog.ui
    dialog.select_facility(facility_id(us, RADLICKA))
    assert d.enforceable_on.isVisibleTo(dialog) and d.section_461.isVisibleTo(dialog)
    assert d.exception_reason.isVisibleTo(dialog)
    assert d.diagnostic_stay.isChecked()  # presumed from the facility's type (a facility for foreign children)
    assert not d.diagnostics_completed_on.isVisibleTo(dialog)  # recorded from the placements tab
    start = TODAY - timedelta(days=10)
    d.start_date.setDate(_qdate(start))  # the decision follows the start
    type_text(d.court, "Obvodní soud pro Prahu 5")
    type_text(d.court_file_number, "29 Nc 1234/2026")
    d.enforceable_on.setDate(_qdate(start - timedelta(days=1)))  # before the decision: refused
    before = counts(us)
    _save(qtbot, dialog)
    assert dialog.isVisible() and "Enforceable on" in d.error_label.text()
    assert dialog.focusWidget() is d.enforceable_on and counts(us) == before
    d.enforceable_on.setDate(_qdate(start + timedelta(days=3)))
    _save(qtbot, dialog)
    assert not dialog.isVisible(), d.error_label.text()
    p = placements.child_placements(us, cid).current
    assert p.enforceable_on == start + timedelta(days=3) and p.diagnostic_stay is True
    assert p.effective_expiry == add_months(start + timedelta(days=3), 1)
    from ospod_desktop.ui.format import format_date

    assert ("Preliminary measure expires", format_date(add_months(start + timedelta(days=3), 1))) in _deadline_rows(page)
    # another basis: the measure's rows go away
    dialog = page.correct_placement()
    wait_tasks(qtbot)
    assert dialog.ui.enforceable_on.isVisibleTo(dialog)
    dialog.ui.legal_basis.setCurrentIndex(dialog.ui.legal_basis.findData("urgent_care"))
    assert not dialog.ui.enforceable_on.isVisibleTo(dialog) and not dialog.ui.section_461.isVisibleTo(dialog)
    assert dialog.ui.diagnostics_completed_on.isVisibleTo(dialog)  # a correction may clear it
    dialog.reject()


def _six_months(us, cid) -> int:
    start = TODAY - timedelta(days=170)
    pid = placements.place_child(us, cid, pm(facility_id(us, RADLICKA), start))
    for months in range(2, 7):
        placements.extend_placement(us, pid, TODAY, add_months(start, months))
    return pid


def test_an_extension_past_six_months_needs_the_reason(qtbot, officer_session):
    us = officer_session
    cid = child(us, days_ago=175)
    _six_months(us, cid)
    start = TODAY - timedelta(days=170)
    page = open_child_page(qtbot, us, cid)
    dialog = page.extend()
    d = dialog.ui
    assert not d.consent_on.isVisibleTo(dialog) and d.cap_label.isVisibleTo(dialog)
    assert d.new_expiry.date() == _qdate(add_months(start, 7))  # a month on: past the 6 months
    assert d.exception_reason.isVisibleTo(dialog)
    before = counts(us)
    _save(qtbot, dialog)
    assert dialog.isVisible() and "Proceedings on the merits pending (s. 460)" in d.error_label.text()
    assert "6 months" in d.error_label.text() and dialog.focusWidget() is d.exception_reason
    assert counts(us) == before  # nothing saved
    d.new_expiry.setDate(_qdate(add_months(start, 6)))
    assert not d.exception_reason.isVisibleTo(dialog)  # within the 6 months no reason is asked for
    d.new_expiry.setDate(_qdate(add_months(start, 7)))
    type_text(d.exception_reason, REASON)
    _save(qtbot, dialog)
    assert not dialog.isVisible(), d.error_label.text()
    p = placements.child_placements(us, cid).current
    assert p.effective_expiry == add_months(start, 7) and p.exception_reason == REASON


def test_a_zdvop_contract_extension_needs_the_consent(qtbot, officer_session):
    us = officer_session
    cid = child(us, days_ago=70)
    start = TODAY - timedelta(days=60)
    placements.place_child(us, cid, PlacementInput(start_date=start, legal_basis="zdvop_contract",
                                                   facility_id=facility_id(us, "ZDVOP-PRAHA4"), contract_party="ospod"))
    page = open_child_page(qtbot, us, cid)
    dialog = page.extend()
    d = dialog.ui
    assert d.consent_on.isVisibleTo(dialog) and not d.exception_reason.isVisibleTo(dialog)
    assert not d.cap_label.isVisibleTo(dialog)
    before = counts(us)
    _save(qtbot, dialog)
    assert dialog.isVisible() and "Municipal authority's consent on" in d.error_label.text()
    assert dialog.focusWidget() is d.consent_on and counts(us) == before
    d.consent_on.setDate(_qdate(TODAY - timedelta(days=1)))
    _save(qtbot, dialog)
    assert not dialog.isVisible(), d.error_label.text()
    p = placements.child_placements(us, cid).current
    assert p.extensions[0].consent_on == TODAY - timedelta(days=1)


def test_diagnostics_completed_closes_the_clock(qtbot, officer_session):
    us = officer_session
    cid = child(us, days_ago=70)
    placements.place_child(us, cid, pm(facility_id(us, RADLICKA), TODAY - timedelta(days=60), diagnostic_stay=True))
    page = open_child_page(qtbot, us, cid)
    page.ui.section_tabs.setCurrentWidget(page.ui.placements_tab)
    assert page.ui.diagnostics_button.isVisible() and page.ui.diagnostics_button.isEnabled()
    assert "Diagnostic stay ends" in [label for label, _due in _deadline_rows(page)]
    dialog = page.complete_diagnostics()
    dialog.ui.completed_on.setDate(_qdate(TODAY + timedelta(days=1)))  # tomorrow: refused, nothing saved
    before = counts(us)
    _save(qtbot, dialog)
    assert dialog.isVisible() and "Diagnostics completed on" in dialog.ui.error_label.text()
    assert counts(us) == before
    dialog.ui.completed_on.setDate(_qdate(TODAY))
    _save(qtbot, dialog)
    assert not dialog.isVisible(), dialog.ui.error_label.text()
    assert "Diagnostic stay ends" not in [label for label, _due in _deadline_rows(page)]
    assert not page.ui.diagnostics_button.isVisible()
    p = placements.child_placements(us, cid).current
    facts = placements.full_facts(p, (), "foreign_children_facility")
    assert p.diagnostics_completed_on == TODAY
    assert not any(d.kind == "diagnostic_stay" for d in placement_deadlines(facts, (), TODAY))


def test_long_term_care_has_no_diagnostics_action(qtbot, officer_session):
    us = officer_session
    cid = child(us, days_ago=70)
    placements.place_child(us, cid, pm(facility_id(us, RADLICKA), TODAY - timedelta(days=60), diagnostic_stay=False))
    page = open_child_page(qtbot, us, cid)
    page.ui.section_tabs.setCurrentWidget(page.ui.placements_tab)
    assert not page.ui.diagnostics_button.isVisible() and page.complete_diagnostics() is None
    assert "Diagnostic stay ends" not in [label for label, _due in _deadline_rows(page)]


@pytest.fixture
def czech():
    apply_language("cs")
    yield
    apply_language("en")


@pytest.mark.parametrize("size", SIZES, ids=["1366x768", "1000x600"])
def test_screens_fit(qtbot, czech, officer_session, tmp_path, size):
    from ospod_desktop.ui.main_window import MainWindow

    us = officer_session
    cid = child(us, days_ago=175)
    pid = _six_months(us, cid)
    placements.correct_placement(us, pid, PlacementInput(**{**placements.form_of(
        placements.child_placements(us, cid).current).__dict__, "enforceable_on": TODAY - timedelta(days=170),
        "diagnostic_stay": True}), "doplněno datum vykonatelnosti")
    shots, name = shots_dir(tmp_path), f"{size.width()}x{size.height()}"
    window = MainWindow(us)
    qtbot.addWidget(window)
    window.resize(size)
    window.show()
    wait_tasks(qtbot)
    page = window.open_child(cid)
    wait_tasks(qtbot)
    page.ui.section_tabs.setCurrentWidget(page.ui.placements_tab)
    screenshot(qtbot, window, shots / f"pm_clocks_tab_{name}.png")
    assert page.ui.diagnostics_button.isVisible()
    assert page.ui.diagnostics_button.width() >= page.ui.diagnostics_button.sizeHint().width() - 1
    for open_dialog, label in ((page.correct_placement, "correct"), (page.extend, "extend"),
                               (page.complete_diagnostics, "diagnostics")):
        dialog = open_dialog()
        wait_tasks(qtbot)
        if label == "correct":
            dialog.ui.correction_reason.setFocus()
        screenshot(qtbot, dialog, shots / f"pm_clocks_{label}_{name}.png")
        _fits(dialog, size)
        dialog.reject()
        wait_tasks(qtbot)
