"""The case list shows where a child is placed, the placement's deadline, and a child missing right now."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from ospod_desktop.core.missing_form import MissingInput
from ospod_desktop.services import missing, placements
from ospod_desktop.ui.locale import apply_language
from ospod_desktop.ui.models.child_table import DEADLINE_BRUSHES, MISSING_BRUSH, NAME, PLACEMENT, RISK
from ospod_desktop.ui.pages.children_page import ChildrenPage
from tests.services.placement_helpers import RADLICKA, TODAY, child, facility_id, pm
from tests.ui.helpers import screenshot, shots_dir


def _page(qtbot, us) -> ChildrenPage:
    page = ChildrenPage(us)
    qtbot.addWidget(page)
    page.resize(1250, 420)
    with qtbot.waitSignal(page.list_loaded, timeout=10_000):
        page.show()
    return page


def _row(page, name: str) -> int:
    model = page.model
    return next(r for r in range(model.rowCount()) if model.index(r, NAME).data().endswith(name))


def _setup(us) -> tuple[int, int, int]:
    """Ali placed 80 days ago (measure overdue) and missing, unreported; Omid placed 20 days ago; Jana at home."""
    fid = facility_id(us, RADLICKA)
    ali = child(us, "Ali", days_ago=90)
    placements.place_child(us, ali, pm(fid, TODAY - timedelta(days=80)))
    missing.report_missing(us, ali, MissingInput(last_seen_at=datetime.now(UTC) - timedelta(hours=37, minutes=5),
                                                 last_seen_place="Smíchovské nádraží"))
    omid = child(us, "Omid", days_ago=30)
    placements.place_child(us, omid, pm(fid, TODAY - timedelta(days=20)))
    jana = child(us, "Jana", days_ago=3)
    return ali, omid, jana


def test_the_list_shows_placement_deadline_and_missing(qtbot, officer_session):
    us = officer_session
    ali, omid, _jana = _setup(us)
    page = _page(qtbot, us)
    model = page.model
    assert model.rowCount() == 3
    a, o, j = (_row(page, n) for n in ("Ali", "Omid", "Jana"))
    risk = model.index(a, RISK)
    assert risk.data() == "Missing 37 hours · not reported"
    assert risk.data(Qt.ItemDataRole.BackgroundRole) == MISSING_BRUSH
    assert risk.data(Qt.ItemDataRole.FontRole).bold()
    assert "overdue" in risk.data(Qt.ItemDataRole.ToolTipRole)
    place = model.index(a, PLACEMENT)
    assert place.data().startswith("overdue · Zařízení pro děti-cizince")
    assert place.data(Qt.ItemDataRole.BackgroundRole) == DEADLINE_BRUSHES["overdue"]
    assert "Preliminary measure expires" in place.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(o, RISK).data() == "" and model.index(o, RISK).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(o, PLACEMENT).data().startswith("Zařízení pro děti-cizince")
    assert model.index(j, PLACEMENT).data() == "" and model.index(j, RISK).data() == ""

    with qtbot.waitSignal(page.list_loaded, timeout=10_000):
        page.ui.missing_check.setChecked(True)
    assert model.ids() == [ali]

    missing.record_informed(us, missing.child_episodes(us, ali)[0].id, "police", datetime.now(UTC), reference="KRPA-1")
    with qtbot.waitSignal(page.list_loaded, timeout=10_000):
        page.ui.missing_check.setChecked(False)
    assert model.index(_row(page, "Ali"), RISK).data() == "Missing 37 hours"
    assert omid in model.ids()


def test_czech_screenshot_of_the_list(qtbot, tmp_path, officer_session):
    shots = shots_dir(tmp_path)
    us = officer_session
    apply_language("cs")
    try:
        _setup(us)
        child(us, "Олександр", days_ago=5)
        page = _page(qtbot, us)
        assert "Pohřešován 37 hodin" in page.model.index(_row(page, "Ali"), RISK).data()
        assert page.ui.count_label.text() == "4 děti"
        screenshot(qtbot, page, shots / "children_list_placements_cs.png")  # waits for the layouts to be done
        label = page.ui.count_label
        assert label.isVisible() and label.width() >= label.sizeHint().width()  # the count line's new width taken
    finally:
        apply_language("en")
