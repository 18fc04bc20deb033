"""The entry points to the documents where a user looks for them at the smallest window (1000×600, Czech): the
assessment's "Oznámit policii…" sits in the assessment's title row, on screen without scrolling (at the foot of
the outcome panel it was below the fold of the child's page)."""

from __future__ import annotations

import pytest

from ospod_desktop.ui.locale import apply_language
from ospod_desktop.ui.main_window import MINIMUM_SIZE, MainWindow
from tests.services.placement_helpers import child
from tests.ui.helpers import shots_dir, wait_tasks
from tests.ui.trafficking_helpers import finished


@pytest.fixture
def czech():
    apply_language("cs")
    yield
    apply_language("en")


def test_notify_the_police_is_on_screen_at_the_smallest_window(qtbot, czech, officer_session, tmp_path):
    us = officer_session
    cid = child(us, "Ali", days_ago=30)
    view = finished(us, cid, "presumed_victim")
    window = MainWindow(us)
    qtbot.addWidget(window)
    window.resize(MINIMUM_SIZE)
    window.show()
    page = window.open_child(cid, "indicators")
    wait_tasks(qtbot)
    page.indicators_tab.open_assessment(view.id)
    wait_tasks(qtbot)
    button = page.indicators_tab.editor.outcome.police_button
    qtbot.waitUntil(button.isVisible)
    qtbot.wait(50)  # the layouts settle
    assert button.text().replace("&", "") == "Oznámit policii…"
    region = button.visibleRegion()  # empty when a scroll area clips it away
    assert not region.isEmpty() and region.boundingRect().size() == button.size(), region.boundingRect()
    assert window.grab().save(str(shots_dir(tmp_path) / "assessment_police_button_1000x600.png"))
    dialog = button.click() or page.indicators_tab.editor.outcome.dialog
    wait_tasks(qtbot)
    assert dialog is not None and dialog.current_kind() == "police"
    dialog.reject()
