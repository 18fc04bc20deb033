"""The demo's children on their page: every tab of a typical child shows something; no photo, its placeholder."""

from __future__ import annotations

import pytest

from ospod_desktop.demo import builder as demo
from ospod_desktop.services import children, identity
from ospod_desktop.ui.pages.child_page import ChildPage
from tests.ui.helpers import wait_tasks

LRM = "\u200e"


@pytest.fixture
def officer(tmp_path):
    path = tmp_path / "demo.db"
    demo.build_demo(path, children=120, seed=2026)
    us = identity.login(path, "officer", demo.DEMO_PASSWORD)
    yield us
    us.close()


def _page(qtbot, us, child_id) -> ChildPage:
    page = ChildPage(us, child_id)
    qtbot.addWidget(page)
    page.resize(1100, 750)
    page.show()
    page.reload()
    wait_tasks(qtbot)
    return page


def _typical(us) -> int:
    """The first child (not a repeated registration) placed, with a family, a document and an age assessment."""
    repeated = {j for _i, j in demo.near_duplicate_pairs(120, 2026)}
    for child_id in range(1, 121):
        if child_id in repeated:
            continue
        v = children.get_child(us, child_id)
        if v.placements and v.family and v.wishes and v.identifiers and v.assessments:
            return child_id
    raise AssertionError("no typical demo child")


def test_every_tab_of_a_typical_demo_child_shows_something(qtbot, officer):
    child_id = _typical(officer)
    view = children.get_child(officer, child_id)
    page = _page(qtbot, officer, child_id)
    ui = page.ui
    assert view.given_names in ui.identity_text.toPlainText() and view.notes[:40] in ui.identity_text.toPlainText()
    assert view.found_place in ui.intake_text.toPlainText()
    assert ui.family_table.rowCount() == len(view.family) > 0 and ui.wishes_label.text().lstrip(LRM) == view.wishes
    assert ui.placements_table.rowCount() == len(view.placements) > 0
    assert ui.episodes_label.text()  # "No disappearance recorded." or its episodes
    assert ui.visits_label.text()  # "No visit recorded yet." or how many
    assert ui.assessments_table.rowCount() == len(view.assessments) > 0
    assert ui.documents_table.rowCount() == len(view.identifiers) > 0 and view.case_mark in ui.documents_text.toPlainText()
    assert ui.history_table.rowCount() >= 3  # registered, placed, assessed…
    assert ui.timeline_table.rowCount() > 0
    assert not view.has_photo and ui.photo_label.text() == "No photo"  # no images: the placeholder shows
