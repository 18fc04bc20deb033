"""The child's page: header and presumed-minor note, sections, history after an edit, timeline, assessments."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from ospod_desktop.core.child_form import FamilyInput, IdentifierInput
from ospod_desktop.services import children
from ospod_desktop.ui.dialogs.age_assessment_dialog import AgeAssessmentDialog
from ospod_desktop.ui.dialogs.child_dialog import ChildDialog
from ospod_desktop.ui.main_window import CHILDREN, MainWindow
from ospod_desktop.ui.pages.child_page import ChildPage
from tests.conftest import child_form
from tests.ui.helpers import ChangesSeen, type_text, wait_tasks

LRM = "\u200e"


def _page(qtbot, us, child_id) -> ChildPage:
    page = ChildPage(us, child_id)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    page.reload()
    wait_tasks(qtbot)
    return page


def _column(table, column) -> list[str]:
    return [table.item(r, column).text() for r in range(table.rowCount())]


def _amina(us) -> int:
    return children.register_child(us, child_form(
        "Amina", "Haidari", "F", original_script_name="امینه حیدری", age_min=15, age_max=17,
        nationalities=("AF",), languages=("fa",), case_mark="Om 7/2026", reference="KRPA-77/ČJ-2026",
        identifiers=(IdentifierInput("passport", "P0123456", "AF"),),
        family=(FamilyInput("bratr", "Ahmad", "Kábul", "", "yes"),), wishes="chce chodit do školy"))


def test_header_says_presumed_minor_and_shows_sections(qtbot, officer_session):
    page = _page(qtbot, officer_session, _amina(officer_session))
    ui = page.ui
    assert ui.name_label.text().lstrip(LRM) == "Haidari Amina"
    assert "امینه حیدری" in ui.original_name_label.text()
    assert ui.age_label.text() == "Age 15–17 (estimated)"
    assert ui.minor_label.isVisible() and "Presumed a minor" in ui.minor_label.text()
    assert "Om 7/2026" in ui.mark_label.text() and "KRPA-77/ČJ-2026" in ui.mark_label.text()
    assert "unaccompanied" in ui.badges_label.text() and "open case" in ui.badges_label.text()
    assert _column(ui.family_table, 1) == ["Ahmad"] and ui.wishes_label.text().lstrip(LRM) == "chce chodit do školy"
    assert "Kábul" in _column(ui.family_table, 2) and "Afghanistan" in ui.identity_text.toPlainText()
    assert "KRPA-77/ČJ-2026" in ui.documents_text.toPlainText()
    assert _column(ui.documents_table, 1) == ["P0123456"] and _column(ui.documents_table, 2) == ["Afghanistan"]
    assert ui.placements_label.text() == "No placement recorded yet." and not ui.missing_label.isVisible()
    assert ui.visits_label.text() == "No visit recorded yet."


def test_known_date_of_birth_needs_no_presumption(qtbot, officer_session):
    from datetime import date

    cid = children.register_child(officer_session, child_form("Jan", "Malý", "M", birth_date=date(2012, 5, 4)))
    page = _page(qtbot, officer_session, cid)
    assert not page.ui.minor_label.isVisible() and "born" in page.ui.age_label.text()


def test_an_edit_shows_in_the_history_and_the_timeline(qtbot, officer_session):
    us = officer_session
    cid = _amina(us)
    page = _page(qtbot, us, cid)
    seen = ChangesSeen()
    dialog = page.edit()
    wait_tasks(qtbot)  # the officers to choose from
    assert isinstance(dialog, ChildDialog) and dialog.ui.family_names_edit.text() == "Haidari"
    dialog.ui.family_names_edit.clear()
    type_text(dialog.ui.family_names_edit, "Haidary")
    dialog.ui.urgency_combo.setCurrentIndex(dialog.ui.urgency_combo.findData("immediate"))
    dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Save).click()
    wait_tasks(qtbot)
    wait_tasks(qtbot)
    assert seen.child_ids() == [[cid]]  # announced; the page reloaded by itself
    ui = page.ui
    assert ui.name_label.text().lstrip(LRM) == "Haidary Amina"
    history = {(r[2], r[3], r[4]) for r in (
        [ui.history_table.item(i, c).text() for c in range(5)] for i in range(ui.history_table.rowCount()))}
    assert ("Family names", "Haidari", "Haidary") in history
    assert ("Urgency", "Standard", "Immediate") in history
    assert "Petr Novák" in _column(ui.history_table, 1)
    events = _column(ui.timeline_table, 1)
    assert events[0].startswith("Found: ") and "Registered" in events
    assert any(e.startswith("Edited: ") and "Family names" in e and "Urgency" in e for e in events)


def test_age_assessment_dialog_adds_a_row_and_checks_the_range(qtbot, officer_session):
    us = officer_session
    cid = _amina(us)
    page = _page(qtbot, us, cid)
    dialog = page.add_assessment()
    assert isinstance(dialog, AgeAssessmentDialog) and "Haidari Amina" in dialog.ui.intro_label.text()
    ui = dialog.ui
    ui.method_combo.setCurrentIndex(ui.method_combo.findData("medical"))
    type_text(ui.assessor_edit, "MUDr. Šťastná, FN Motol")
    ui.age_min_spin.setValue(17)
    ui.age_max_spin.setValue(16)
    ui.button_box.button(QDialogButtonBox.StandardButton.Save).click()
    wait_tasks(qtbot)
    assert dialog.isVisible() and ui.error_label.text().startswith("Estimated age to:")
    assert ui.age_max_spin.hasFocus()
    ui.age_max_spin.setValue(18)
    ui.button_box.button(QDialogButtonBox.StandardButton.Save).click()
    wait_tasks(qtbot)
    wait_tasks(qtbot)
    assert not dialog.isVisible()
    table = page.ui.assessments_table
    assert _column(table, 1) == ["Medical examination"] and _column(table, 3) == ["17–18"]
    assert _column(table, 2) == ["MUDr. Šťastná, FN Motol"]
    assert any(e.startswith("Age assessed: 17–18") for e in _column(page.ui.timeline_table, 1))
    assert page.ui.minor_label.isVisible()  # 17–18: still in doubt, so still presumed a minor


def test_list_opens_the_child_in_a_tab(qtbot, officer_session):
    us = officer_session
    cid = _amina(us)
    window = MainWindow(us)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.children_page.list_loaded):
        window.show()
    page = window.children_page
    page.ui.table_view.selectRow(0)
    page.ui.open_button.click()
    wait_tasks(qtbot)
    tabs = page.ui.child_tabs
    assert tabs.count() == 2 and tabs.tabText(1) == "Haidari Amina"
    assert window.open_child(cid) is tabs.currentWidget()
    assert tabs.count() == 2 and window.ui.nav_list.currentRow() == CHILDREN
    page.close_tab(1)
    assert tabs.count() == 1
    window.close()
