"""The child page's "Trafficking indicators" tab: a whole assessment through the widgets — answered with the
keyboard and the mouse, the engine's outcome following the answers, a draft saved and continued, finishing
refused without the reasoning a differing conclusion needs, then finished and read-only — and no tab for facility
staff or administrators."""

from __future__ import annotations

from datetime import timedelta

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from ospod_desktop.services import placements, trafficking
from tests.services.placement_helpers import RADLICKA, TODAY, child, facility_id, pm, staff
from tests.ui.helpers import open_child_page, type_text, wait_tasks

ACT = "act_false_promise"  # strong: the act is met (a concern on its own)
LABOUR = "labour_works_for_others"  # strong: with the act, a presumed victim
MEANS = ("means_documents_withheld", "means_quota_punishment")


def indicators_tab(qtbot, page):
    tab = page.indicators_tab
    page.show_section("indicators")
    assert page.ui.section_tabs.currentWidget() is tab
    wait_tasks(qtbot)
    return tab


def new_editor(qtbot, tab):
    tab.new_button.click()
    wait_tasks(qtbot)
    assert tab.editor is not None and tab.stack.currentWidget() is tab.editor
    return tab.editor


def finish_button(dialog):
    return dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Ok)


def test_a_whole_assessment_from_draft_to_finished(qtbot, officer_session):
    us = officer_session
    cid = child(us)
    page = open_child_page(qtbot, us, cid)
    tab = indicators_tab(qtbot, page)
    assert tab.status_label.text() == "No assessment of trafficking indicators yet."
    assert not tab.open_button.isEnabled()
    editor = new_editor(qtbot, tab)
    assert editor.outcome.result.outcome == "no_indication"
    assert "No indication" in editor.outcome.outcome_label.text()
    assert "unknown answer could make this" in editor.outcome.could_label.text()
    checklist = editor.checklist
    assert len(checklist.rows) == len(editor.catalogue.indicators) >= 40
    assert checklist.answered() == 0

    # The keyboard: Space chooses the focused answer, the arrow keys move the choice within the group.
    row = checklist.rows[ACT]
    row.buttons["absent"].setFocus()
    qtbot.keyClick(row.buttons["absent"], Qt.Key.Key_Space)
    assert row.answer() == "absent"
    qtbot.keyClick(row.buttons["absent"], Qt.Key.Key_Left)
    assert row.answer() == "present"
    assert editor.outcome.result.outcome == "concern"
    assert "Concern" in editor.outcome.outcome_label.text()
    type_text(row.note, "Slíbili mu práci v kuchyni, „až splatí cestu“.")
    row.source.setCurrentIndex(row.source.findData("child_account"))
    # Guidance is one click away.
    assert not row.guidance_label.isVisible()
    qtbot.mouseClick(row.info_button, Qt.MouseButton.LeftButton)
    assert row.guidance_label.isVisible() and row.guidance_label.text() == editor.catalogue.indicator(ACT).guidance.get()
    # The mouse: two medium indicators of control make that dimension met.
    for iid in MEANS:
        qtbot.mouseClick(checklist.rows[iid].buttons["present"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(checklist.rows["vul_unaccompanied"].buttons["unknown"], Qt.MouseButton.LeftButton)
    met = {d.id for d in editor.outcome.result.dimensions if d.met}
    assert {"recruitment_movement", "control"} <= met
    assert "✔" in editor.outcome.dimensions_label.text()
    reasons = editor.outcome.reasons_text()
    assert editor.catalogue.dimension("control").title.get() in reasons
    assert editor.progress_label.text().startswith("4 of 50 indicators answered")

    # Save the draft, go back to the list, continue it: everything is there.
    editor.save_button.click()
    wait_tasks(qtbot)
    saved = trafficking.get_assessment(us, editor.view.id)
    assert saved.status == "draft"
    assert saved.answers[ACT].answer == "present" and saved.answers[ACT].source == "child_account"
    assert saved.answers[ACT].note == "Slíbili mu práci v kuchyni, „až splatí cestu“."
    assert saved.answers["vul_unaccompanied"].answer == "unknown"
    assert LABOUR not in saved.answers  # not answered: not saved, counts as not known
    editor.back_button.click()
    wait_tasks(qtbot)
    assert tab.stack.currentWidget() is tab.list_page and tab.table.rowCount() == 1
    assert tab.table.item(0, 1).text() == "Draft" and tab.table.item(0, 2).text() == "Concern"
    assert tab.open_button.text() == "&Continue draft"
    tab.open_button.click()
    wait_tasks(qtbot)
    editor = tab.editor
    checklist = editor.checklist
    assert checklist.rows[ACT].answer() == "present" and checklist.rows[ACT].note.text().startswith("Slíbili")
    assert checklist.rows[ACT].source.currentData() == "child_account"
    assert checklist.rows[LABOUR].answered() is False and editor.outcome.result.outcome == "concern"

    # Finish with a conclusion that differs from the engine's: the reasoning is required, nothing is saved.
    dialog = editor.finish()
    assert dialog.conclusion() == "concern"  # preselected with the engine's outcome
    assert dialog.reasoning_label.text().startswith("Reasoning — optional")
    qtbot.mouseClick(dialog.conclusion_buttons["presumed_victim"], Qt.MouseButton.LeftButton)
    assert "required" in dialog.reasoning_label.text()
    dialog.form_boxes["labour"].setChecked(True)
    finish_button(dialog).click()
    wait_tasks(qtbot)
    assert dialog.isVisible()
    assert dialog.ui.error_label.isVisible() and "reasoning" in dialog.ui.error_label.text().lower()
    assert dialog.reasoning.hasFocus() or dialog.focusWidget() is dialog.reasoning
    assert trafficking.get_assessment(us, editor.view.id).status == "draft"
    type_text(dialog.reasoning, "Pracuje v kuchyni bez mzdy; doklady drží „strýc“.")
    dialog.countries.add("DE")
    finish_button(dialog).click()
    wait_tasks(qtbot)
    wait_tasks(qtbot)
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()

    done = trafficking.get_assessment(us, editor.view.id)
    assert done.status == "finished" and done.conclusion == "presumed_victim" and done.engine_outcome == "concern"
    assert "labour" in done.forms and done.reasoning.startswith("Pracuje v kuchyni")
    assert tuple(done.exploitation_countries) == ("DE",)
    # Read-only now, with its catalogue version and the conclusion.
    assert editor.view.status == "finished"
    assert not editor.save_button.isVisible() and not editor.finish_button.isVisible()
    assert not checklist.rows[LABOUR].buttons["present"].isEnabled() and checklist.rows[ACT].note.isReadOnly()
    assert done.catalogue_version in editor.info_label.text()
    assert editor.conclusion_label.isVisible() and "Presumed victim" in editor.conclusion_label.text()
    editor.back_button.click()
    wait_tasks(qtbot)
    assert tab.table.item(0, 1).text() == "Awaiting approval" and tab.table.item(0, 3).text() == "Presumed victim"
    assert tab.open_button.text() == "&Open the assessment"


def test_the_list_is_newest_first_and_selectable_by_id(qtbot, officer_session):
    us = officer_session
    cid = child(us)
    first = trafficking.start_assessment(us, cid)
    trafficking.finish_assessment(us, first.id, {}, "no_indication", [], "")
    second = trafficking.start_assessment(us, cid)
    page = open_child_page(qtbot, us, cid)
    tab = indicators_tab(qtbot, page)
    assert [v.id for v in tab.assessments] == [second.id, first.id]
    assert tab.current().id == second.id and tab.open_button.text() == "&Continue draft"
    with qtbot.waitSignal(tab.assessment_selected) as signal:
        assert tab.select_assessment(first.id)
    assert signal.args == [first.id] and tab.open_button.text() == "&Open the assessment"
    tab.open_current()
    wait_tasks(qtbot)
    assert tab.editor.view.id == first.id and not tab.editor.save_button.isVisible()


def test_finishing_a_concern_needs_a_form_of_exploitation(qtbot, officer_session):
    us = officer_session
    cid = child(us)
    page = open_child_page(qtbot, us, cid)
    editor = new_editor(qtbot, indicators_tab(qtbot, page))
    for iid in MEANS:
        editor.checklist.rows[iid].set_answer("present")
    dialog = editor.finish()
    assert dialog.conclusion() == "concern"
    for box in dialog.form_boxes.values():
        box.setChecked(False)
    finish_button(dialog).click()
    wait_tasks(qtbot)
    assert dialog.isVisible() and dialog.ui.error_label.text().startswith("Forms of exploitation suspected")
    assert trafficking.get_assessment(us, editor.view.id).status == "draft"


def test_facility_staff_and_administrators_have_no_tab(qtbot, officer_session, admin_session, db_path):
    us = officer_session
    admin, _code = admin_session
    cid = child(us, days_ago=100)
    placements.place_child(us, cid, pm(facility_id(us, RADLICKA), TODAY - timedelta(days=90)))
    for session in (staff(admin, db_path, "radlicka1", RADLICKA), admin):
        page = open_child_page(qtbot, session, cid)
        tabs = page.ui.section_tabs
        assert page.indicators_tab is None
        assert "Trafficking indicators" not in [tabs.tabText(i) for i in range(tabs.count())]
        page.show_section("indicators")
        assert tabs.currentIndex() == 0
    officer_page = open_child_page(qtbot, us, cid)
    tabs = officer_page.ui.section_tabs
    assert "Trafficking indicators" in [tabs.tabText(i) for i in range(tabs.count())]


def _choose(box, text: str) -> None:
    [b for b in box.buttons() if b.text() == text][0].click()


def test_leaving_unsaved_answers_asks_and_a_new_assessment_offers_the_draft(qtbot, officer_session):
    us = officer_session
    cid = child(us)
    page = open_child_page(qtbot, us, cid)
    tab = indicators_tab(qtbot, page)
    editor = new_editor(qtbot, tab)
    aid = editor.view.id
    editor.checklist.rows[ACT].set_answer("present")
    assert editor.is_dirty()
    editor.back_button.click()
    box = tab.question
    assert box.isVisible() and tab.stack.currentWidget() is editor  # nothing lost yet
    _choose(box, "Cancel")
    assert tab.editor is editor
    editor.back_button.click()
    _choose(tab.question, "Save the draft")
    wait_tasks(qtbot)
    wait_tasks(qtbot)
    assert tab.stack.currentWidget() is tab.list_page
    assert trafficking.get_assessment(us, aid).answers[ACT].answer == "present"
    # A new assessment while the draft is unfinished: continue it instead.
    tab.new_button.click()
    _choose(tab.question, "Continue the draft")
    wait_tasks(qtbot)
    assert tab.editor.view.id == aid and len(trafficking.assessments_of(us, cid)) == 1
    tab.editor.checklist.rows[ACT].set_answer("absent")
    tab.editor.back_button.click()
    _choose(tab.question, "Discard the changes")
    wait_tasks(qtbot)
    assert trafficking.get_assessment(us, aid).answers[ACT].answer == "present"
    tab.new_button.click()
    _choose(tab.question, "Start a new one")
    wait_tasks(qtbot)
    assert tab.editor.view.id != aid and len(trafficking.assessments_of(us, cid)) == 2


def test_closing_the_childs_tab_with_unsaved_answers_asks_first(qtbot, officer_session):
    """Ctrl+W or the tab's × with answers not saved: the same question as "Back to the list"; nothing is lost."""
    from ospod_desktop.ui.main_window import MainWindow

    us = officer_session
    cid = child(us)
    window = MainWindow(us)
    qtbot.addWidget(window)
    window.show()
    page = window.open_child(cid, "indicators")
    tabs = window.children_page.ui.child_tabs
    tab = indicators_tab(qtbot, page)
    editor = new_editor(qtbot, tab)
    aid = editor.view.id
    editor.checklist.rows[ACT].set_answer("present")
    page.ui.section_tabs.setCurrentIndex(0)  # the officer looks at another section meanwhile
    window.close_child_tab()
    assert tab.question is not None and tab.question.isVisible()
    assert tabs.indexOf(page) > 0 and page.ui.section_tabs.currentWidget() is tab  # shown where the answers are
    _choose(tab.question, "Cancel")
    assert tabs.indexOf(page) > 0 and tab.editor is editor and editor.is_dirty()
    window.close_child_tab()
    _choose(tab.question, "Save the draft")
    wait_tasks(qtbot)
    wait_tasks(qtbot)
    assert trafficking.get_assessment(us, aid).answers[ACT].answer == "present"
    assert tabs.count() == 1  # closed once saved
    page = window.open_child(cid, "indicators")
    tab = indicators_tab(qtbot, page)
    tab.open_current()
    wait_tasks(qtbot)
    tab.editor.checklist.rows[ACT].set_answer("absent")
    window.close_child_tab()
    _choose(tab.question, "Discard the changes")
    assert tabs.count() == 1
    assert trafficking.get_assessment(us, aid).answers[ACT].answer == "present"
    window.close()


def _window_with_a_draft(qtbot, us):
    """The main window on a new child's indicators tab, a draft open; `ended` collects session_ended."""
    from ospod_desktop.ui.main_window import MainWindow

    cid = child(us)
    window = MainWindow(us)
    qtbot.addWidget(window)
    window.show()
    ended: list[bool] = []
    window.session_ended.connect(ended.append)
    page = window.open_child(cid, "indicators")
    tab = indicators_tab(qtbot, page)
    return window, page, tab, new_editor(qtbot, tab), ended


def test_closing_the_window_with_unsaved_answers_asks_first(qtbot, officer_session):
    """Closing the main window (or logging out) with answers not saved: asked first; Cancel keeps the session, the
    draft saved then the window closes."""
    from ospod_desktop.ui.main_window import CHILDREN, DUE

    window, page, tab, editor, ended = _window_with_a_draft(qtbot, officer_session)
    aid = editor.view.id
    saved = []
    editor.saved.connect(saved.append)
    editor.checklist.rows[ACT].set_answer("present")
    window.ui.nav_list.setCurrentRow(DUE)
    window.log_out()
    assert tab.question is not None and tab.question.isVisible() and ended == []
    assert window.ui.nav_list.currentRow() == CHILDREN and page.ui.section_tabs.currentWidget() is tab
    _choose(tab.question, "Cancel")
    assert ended == [] and editor.is_dirty()
    window.close()
    _choose(tab.question, "Save the draft")
    wait_tasks(qtbot)
    wait_tasks(qtbot)
    assert ended == [True]  # the session ended once the draft was saved
    assert saved[-1].id == aid and saved[-1].answers[ACT].answer == "present"


def test_discarding_on_close_closes_the_window(qtbot, officer_session):
    window, _page, tab, editor, ended = _window_with_a_draft(qtbot, officer_session)
    editor.checklist.rows[ACT].set_answer("present")
    window.close()
    _choose(tab.question, "Discard the changes")
    assert ended == [False] and not editor.is_dirty()
