"""The supervisor's Assessments to approve: the list and the navigation's count, the read-only assessment (answers
by dimension, the engine's outcome and reasons, the officer's conclusion), approving, and returning (a comment is
required: the error names it and nothing changes); comparing two assessments of a child."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from ospod_desktop.core.indicators import codes, default_catalogue_text
from ospod_desktop.services import trafficking
from ospod_desktop.ui.changes import Kind
from ospod_desktop.ui.dialogs.compare_assessments_dialog import CompareAssessmentsDialog
from ospod_desktop.ui.main_window import APPROVALS, MainWindow
from ospod_desktop.ui.pages.approvals_page import ApprovalsPage
from ospod_desktop.ui.pages.indicator_extras import add_review_extras
from tests.services.due_helpers import office_of_two
from tests.ui.helpers import ChangesSeen, type_text, wait_tasks
from tests.ui.trafficking_helpers import finished


@pytest.fixture
def office(admin_session, officer_session, db_path):
    with office_of_two(admin_session[0], officer_session, db_path) as office:
        yield office


def _page(qtbot, us) -> ApprovalsPage:
    page = ApprovalsPage(us)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    page.refresh()
    wait_tasks(qtbot)
    return page


def test_the_supervisor_reads_and_approves_an_assessment(qtbot, office):
    done = finished(office["officer"], office["mine"], "concern", reasoning="Chlapec pracuje na stavbě.")
    page = _page(qtbot, office["boss"])
    counts = []
    page.count_changed.connect(counts.append)
    assert page.table.rowCount() == 1 and "Ali" in page.table.item(0, 0).text()
    assert page.table.item(0, 3).text() == "Concern" and page.table.item(0, 4).text() == "Concern"
    text = page.panel.toPlainText()
    catalogue = trafficking.catalogue_of_version(office["boss"], done.catalogue_pk)
    assert "Outcome of the indicators" in text and "Answers by dimension" in text
    assert all(d.title.get() in text for d in catalogue.dimensions)  # every dimension, with its answers
    assert "Chlapec pracuje na stavbě." in text and "Labour exploitation" in text
    assert "Podle výpovědi dítěte" in text  # the note of a present answer
    for reason in done.result(catalogue).reasons():
        assert reason in text
    seen = ChangesSeen()
    page.approve_button.click()
    wait_tasks(qtbot)
    assert trafficking.get_assessment(office["boss"], done.id).status == "approved"
    assert page.status_label.text() == "The assessment was approved."
    assert page.table.rowCount() == 0 and page.empty_label.isVisible()
    assert counts[-1] == 0
    assert any(c.has(Kind.ASSESSMENT) and office["mine"] in c.ids_of(Kind.CHILD) for c in seen.changes)


def test_returning_needs_a_comment_and_then_goes_back_to_the_officer(qtbot, office):
    done = finished(office["officer"], office["mine"], "presumed_victim")
    page = _page(qtbot, office["boss"])
    page.return_button.click()
    wait_tasks(qtbot)
    assert page.status_label.isVisible() and page.status_label.text().startswith("Comment:")
    assert page.comment_edit.hasFocus()
    assert trafficking.get_assessment(office["boss"], done.id).status == "finished"  # nothing changed
    type_text(page.comment_edit, "Doplňte, kdo dítě přivezl.")
    page.return_button.click()
    wait_tasks(qtbot)
    view = trafficking.get_assessment(office["boss"], done.id)
    assert view.status == "returned" and view.review_comment == "Doplňte, kdo dítě přivezl."
    assert view.reviewed_by_name == "Eva Vedoucí"
    assert page.table.rowCount() == 0
    assert page.comment_edit.toPlainText() == ""


def test_the_navigation_counts_what_awaits_approval(qtbot, office):
    finished(office["officer"], office["mine"], "concern")
    finished(office["officer"], office["theirs"], "presumed_victim")
    window = MainWindow(office["boss"])
    qtbot.addWidget(window)
    window.show()
    wait_tasks(qtbot)
    item = window.ui.nav_list.item(APPROVALS)
    assert not item.isHidden() and item.text() == "Assessments to approve (2)"
    assert item.toolTip() == "2 assessments await your approval."
    window.ui.nav_list.setCurrentRow(APPROVALS)
    page = window.approvals_page
    assert window.ui.page_stack.currentWidget() is page
    page.approve_button.click()
    wait_tasks(qtbot)
    assert item.text() == "Assessments to approve (1)"
    window.close()


@pytest.mark.parametrize("who", ["officer", "facility"])
def test_no_one_but_a_supervisor_gets_the_page(qtbot, office, who):
    finished(office["officer"], office["mine"], "concern")
    window = MainWindow(office[who])
    qtbot.addWidget(window)
    window.show()
    wait_tasks(qtbot)
    assert window.ui.nav_list.item(APPROVALS).isHidden()
    assert not isinstance(window.approvals_page, ApprovalsPage)
    window.close()


def test_comparison_shows_what_changed(qtbot, office):
    us = office["officer"]
    first = finished(us, office["mine"], "concern")
    second = finished(us, office["mine"], "presumed_victim")
    dialog = CompareAssessmentsDialog(us, office["mine"])
    qtbot.addWidget(dialog)
    dialog.show()
    wait_tasks(qtbot)
    before, after = dialog.chosen()
    assert (before.id, after.id) == (first.id, second.id)  # by default: the newest against the one before it
    text = dialog.text.toPlainText()
    changed = [k for k in second.answers if second.answers[k].answer != first.answers.get(k).answer]
    assert changed and f"Answers that changed ({len(changed)})" in text
    catalogue = trafficking.catalogue_of_version(us, second.catalogue_pk)
    assert all(catalogue.indicator(k).text.get() in text for k in changed)
    assert codes.label("outcome", "concern") in text and codes.label("outcome", "presumed_victim") in text
    assert "now met" in text
    assert "different catalogue versions" not in text
    dialog.before_combo.setCurrentIndex(dialog.after_combo.currentIndex())
    assert dialog.text.toPlainText() == "Choose two different assessments."


def test_comparison_names_different_catalogue_versions(qtbot, office):
    us = office["officer"]
    first = finished(us, office["mine"], "concern")
    data = json.loads(default_catalogue_text())
    data["version"] = "2027.1"
    trafficking.import_catalogue(office["boss"], json.dumps(data), "Nová verze katalogu")
    second = finished(us, office["mine"], "concern")
    assert second.catalogue_version == "2027.1" != first.catalogue_version
    dialog = CompareAssessmentsDialog(us, office["mine"])
    qtbot.addWidget(dialog)
    dialog.show()
    wait_tasks(qtbot)
    text = dialog.text.toPlainText()
    assert f"different catalogue versions: ospod-default {first.catalogue_version} and ospod-default 2027.1" in text
    assert "No answer changed." in text and "The same dimensions are met in both." in text


def test_comparison_of_a_child_with_one_assessment_says_so(qtbot, office):
    finished(office["officer"], office["mine"], "concern")
    dialog = CompareAssessmentsDialog(office["officer"], office["mine"])
    qtbot.addWidget(dialog)
    dialog.show()
    wait_tasks(qtbot)
    assert dialog.text.toPlainText() == "The child needs at least two assessments to compare."


class _IndicatorsTab(QWidget):
    """The hooks the child's indicators tab offers (`ui.pages.child_indicators`), over the real assessments."""

    assessment_selected = Signal(int)

    def __init__(self, us, child_id: int) -> None:
        super().__init__()
        self.us, self.child_id = us, child_id
        self.assessments = trafficking.assessments_of(us, child_id)
        self.chosen = self.assessments[0] if self.assessments else None
        layout = QVBoxLayout(self)
        self.actions_layout = QHBoxLayout()
        self.actions_layout.addStretch(1)
        layout.addLayout(self.actions_layout)
        self.extra_layout = QVBoxLayout()
        layout.addLayout(self.extra_layout)

    def current(self):
        return self.chosen


def test_the_indicators_tab_gains_compare_and_the_events(qtbot, office):
    us, cid = office["officer"], office["mine"]
    first = finished(us, cid, "concern")
    second = finished(us, cid, "presumed_victim")
    third = finished(us, cid, "presumed_victim")
    tab = _IndicatorsTab(us, cid)
    qtbot.addWidget(tab)
    extras = add_review_extras(tab)
    assert extras is not None and extras.events is not None
    tab.show()
    wait_tasks(qtbot)
    assert extras.compare_button.isEnabled()
    tab.chosen = tab.assessments[1]  # the second: compared with the first
    dialog = extras.compare()
    wait_tasks(qtbot)
    assert [a.id for a in dialog.chosen()] == [first.id, second.id]
    dialog.close()
    tab.chosen = tab.assessments[2]  # the oldest: compared with the next one
    dialog = extras.compare()
    wait_tasks(qtbot)
    assert [a.id for a in dialog.chosen()] == [first.id, second.id]
    dialog.close()
    tab.chosen = None
    dialog = extras.compare()
    wait_tasks(qtbot)
    assert [a.id for a in dialog.chosen()] == [second.id, third.id]
    other = _IndicatorsTab(us, office["theirs"])
    qtbot.addWidget(other)
    assert not add_review_extras(other).compare_button.isEnabled()  # nothing to compare yet


@pytest.mark.parametrize("language", ["en", "cs"])
def test_the_supervisor_reviews_by_keyboard_without_alt_letter_clashes(qtbot, office, language):
    """Approve, Return, Open the child's record and the comment each have their own Alt letter on the main window."""
    from ospod_desktop.ui.locale import apply_language
    from tests.ui.test_keyboard import clashes, mnemonic

    finished(office["officer"], office["mine"], "concern")
    apply_language(language)
    try:
        window = MainWindow(office["boss"])
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        window.ui.nav_list.setCurrentRow(APPROVALS)
        wait_tasks(qtbot)
        page = window.approvals_page
        keys = [mnemonic(b.text()) for b in (page.approve_button, page.return_button, page.open_button)]
        assert all(keys), keys
        assert clashes(window) == []
        window.close()
    finally:
        apply_language("en")


def test_an_assessment_open_on_the_childs_page_follows_the_approval(qtbot, office):
    """The supervisor reads an assessment on the child's page, approves it on Assessments to approve and comes back:
    the open assessment says Approved (not the stale "Awaiting approval")."""
    from ospod_desktop.ui.main_window import CHILDREN

    done = finished(office["officer"], office["mine"], "concern")
    window = MainWindow(office["boss"])
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    page = window.open_child(office["mine"], "indicators")
    wait_tasks(qtbot)
    tab = page.indicators_tab
    tab.select_assessment(done.id)
    tab.open_current()
    wait_tasks(qtbot)
    assert "Awaiting approval" in tab.editor.title_label.text()
    window.ui.nav_list.setCurrentRow(APPROVALS)
    wait_tasks(qtbot)
    window.approvals_page.approve_button.click()
    wait_tasks(qtbot)
    window.ui.nav_list.setCurrentRow(CHILDREN)
    wait_tasks(qtbot)
    assert tab.editor is not None and tab.editor.view.status == "approved"
    assert "Approved" in tab.editor.title_label.text()
    window.close()
