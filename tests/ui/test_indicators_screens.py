"""Screenshots in Czech of the "Trafficking indicators" tab in the main window at 1366×768 and at the smallest
window (1000×600): the list, the assessment with its reasons, a finished one, and the finish dialog with its
error. No one-line label or button is narrower than its text; the checklist keeps a usable height."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox

from ospod_desktop.core.indicators import AnswerInput
from ospod_desktop.services import trafficking
from ospod_desktop.ui.locale import apply_language
from ospod_desktop.ui.main_window import MainWindow
from tests.services.placement_helpers import child
from tests.ui.helpers import on_screen, screenshot, shots_dir, type_text, wait_tasks
from tests.ui.test_keyboard import clashes, mnemonic, walk_dialog
from tests.ui.test_screens import clipped

SIZES = ((1366, 768), (1000, 600))
ANSWERS = {"act_false_promise": AnswerInput("present", "Slíbili mu práci v kuchyni v Německu.", "child_account"),
           "means_documents_withheld": AnswerInput("present", "Pas má „strýc“.", "observation"),
           "means_quota_punishment": AnswerInput("present"), "vul_unaccompanied": AnswerInput("present"),
           "sex_prostitution": AnswerInput("absent"), "labour_hazardous": AnswerInput("unknown", "Ověřit ve škole.")}


def test_screenshots_in_czech(qtbot, officer_session, tmp_path):
    us = officer_session
    cid = child(us)
    old = trafficking.start_assessment(us, cid)
    trafficking.finish_assessment(us, old.id, ANSWERS, "presumed_victim", ["labour"],
                                  "Pracuje v kuchyni bez mzdy, doklady drží dospělý.", ["DE"])
    draft = trafficking.start_assessment(us, cid)
    trafficking.save_draft(us, draft.id, ANSWERS)
    apply_language("cs")
    try:
        folder = shots_dir(tmp_path)
        window = MainWindow(us)
        qtbot.addWidget(window)
        window.resize(*SIZES[0])
        window.show()
        page = window.open_child(cid, "indicators")
        wait_tasks(qtbot)
        tab = page.indicators_tab
        assert page.ui.section_tabs.tabText(page.ui.section_tabs.indexOf(tab)) == "Indikátory obchodování"
        for w, h in SIZES:
            window.resize(w, h)
            screenshot(qtbot, window, folder / f"indicators_list_{w}x{h}.png")
            assert clipped(tab) == []
        tab.select_assessment(draft.id)
        tab.open_current()
        wait_tasks(qtbot)
        editor = tab.editor
        assert editor.outcome.result.outcome in ("concern", "presumed_victim")
        row = editor.checklist.rows["act_false_promise"]
        qtbot.mouseClick(row.info_button, Qt.MouseButton.LeftButton)
        type_text(editor.checklist.rows["vul_unaccompanied"].note, "Přijel sám, dospělý zmizel.")
        for w, h in SIZES:
            window.resize(w, h)
            screenshot(qtbot, window, folder / f"indicators_editor_{w}x{h}.png")
            assert clipped(editor) == []
            assert editor.scroll.height() >= 200  # the checklist stays usable on the smallest window
            # Nothing of the checklist hides to the right (it does not scroll sideways).
            assert editor.checklist.width() <= editor.scroll.viewport().width()
            assert editor.outcome.reasons_label.text()
            bar = page.scroll_area.verticalScrollBar()
            bar.setValue(bar.maximum())  # the smallest window scrolls the page down to the editor's buttons
            screenshot(qtbot, window, folder / f"indicators_editor_{w}x{h}_scrolled.png")
            assert not editor.save_button.visibleRegion().isEmpty()
            bar.setValue(0)
        dialog = editor.finish()
        dialog.conclusion_buttons["no_indication"].click()
        dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Ok).click()
        wait_tasks(qtbot)
        assert "Zdůvodnění" in dialog.ui.error_label.text()
        assert dialog.height() <= 600 - 32
        screenshot(qtbot, dialog, folder / "indicators_finish_dialog_error.png")
        assert clipped(dialog) == []
        dialog.reject()
        editor.back_button.click()  # the note typed above is not saved: discard it
        [b for b in tab.question.buttons() if b.text() == "Zahodit změny"][0].click()
        wait_tasks(qtbot)
        tab.select_assessment(old.id)
        tab.open_current()
        wait_tasks(qtbot)
        for w, h in SIZES:
            window.resize(w, h)
            screenshot(qtbot, window, folder / f"indicators_finished_{w}x{h}.png")
            assert clipped(tab.editor) == []
            bar = page.scroll_area.verticalScrollBar()
            bar.setValue(bar.maximum())
            screenshot(qtbot, window, folder / f"indicators_finished_{w}x{h}_scrolled.png")
            bar.setValue(0)
        window.close()
    finally:
        apply_language("en")


@pytest.mark.parametrize("language", ["en", "cs"])
def test_no_alt_letter_clashes_on_the_tab_the_editor_and_the_finish_dialog(qtbot, officer_session, language):
    us = officer_session
    cid = child(us)
    apply_language(language)
    try:
        window = MainWindow(us)
        qtbot.addWidget(window)
        window.resize(*SIZES[0])
        window.show()
        page = window.open_child(cid, "indicators")
        wait_tasks(qtbot)
        tab = page.indicators_tab
        assert clashes(window) == []
        # Every button of the list (New, Open, Compare…, Record an event…) has its Alt letter.
        buttons = [b.text() for b in tab.list_page.findChildren(QAbstractButton) if b.isVisible() and b.text()]
        assert len(buttons) >= 4 and [t for t in buttons if not mnemonic(t)] == []
        tab.start_new()
        wait_tasks(qtbot)
        assert tab.stack.currentWidget() is tab.editor
        assert clashes(window) == []
        # Laptop screen: the editor fits without scrolling the child's page.
        qtbot.waitUntil(lambda: on_screen(tab.editor))
        assert not page.scroll_area.verticalScrollBar().isVisible()
        assert walk_dialog(qtbot, tab.editor.finish()) == []
        tab.editor.back_button.click()
        wait_tasks(qtbot)
        assert clashes(window) == []  # the list with a draft in it: "Continue draft"
        window.close()
    finally:
        apply_language("en")


def test_the_outcome_panel_counts_read_as_czech(qtbot, officer_session):
    """The dimension counts agree with "indikátor" in number: "1 přítomen, 6 neznámých", not "6 nevíme"."""
    from ospod_desktop.ui.pages.indicator_outcome import OutcomePanel

    catalogue = trafficking.catalogue_in_use(officer_session).catalogue
    first = catalogue.dimensions[0].id
    ids = [i.id for i in catalogue.indicators_of(first)]
    apply_language("cs")
    try:
        panel = OutcomePanel(catalogue)
        qtbot.addWidget(panel)
        panel.show_answers({ids[0]: "present"})
        text = panel.dimensions_label.text()
        unknown = len(ids) - 1
        assert f"(1 přítomen, {unknown} neznámých)" in text and "nevíme" not in text
        panel.show_answers({ids[0]: "present", **dict.fromkeys(ids[2:], "absent")})
        assert "(1 přítomen, 1 neznámý)" in panel.dimensions_label.text()
    finally:
        apply_language("en")
