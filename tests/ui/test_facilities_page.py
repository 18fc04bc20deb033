"""The Facilities page: occupancy against capacity, over capacity highlighted; the administrator adds and
edits facilities; other roles only read; the main window shows it; facility staff see their facility."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QDialogButtonBox

from ospod_desktop.services import placements
from ospod_desktop.services.placements import FacilityInput
from ospod_desktop.ui.locale import apply_language
from ospod_desktop.ui.pages.facilities_page import OCCUPANCY, OVER_BRUSH, FacilitiesPage
from tests.services.placement_helpers import TODAY, child, pm
from tests.ui.helpers import screenshot, shots_dir, type_text, wait_tasks


def _page(qtbot, us) -> FacilitiesPage:
    page = FacilitiesPage(us)
    qtbot.addWidget(page)
    page.resize(1150, 520)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    return page


def _row(page, name: str) -> int:
    return next(r for r, f in enumerate(page.rows) if f.name == name)


def _small(admin, officer, capacity: int, placed: int, name="Dětský domov Aš") -> int:
    fid = placements.create_facility(admin, FacilityInput("DD-USTI-TEST", name, "childrens_home", "Hlavní 1, 352 01 Aš",
                                                          capacity=capacity))
    for i in range(placed):
        placements.place_child(officer, child(officer, f"Kid{i}"), pm(fid, TODAY - timedelta(days=5)))
    return fid


def test_occupancy_and_over_capacity(qtbot, admin_session, officer_session):
    admin = admin_session[0]
    _small(admin, officer_session, 1, 2)
    page = _page(qtbot, officer_session)
    r = _row(page, "Dětský domov Aš")
    cell = page.ui.table.item(r, OCCUPANCY)
    assert cell.text() == "2 / 1" and cell.background() == OVER_BRUSH and "Over capacity by 1" in cell.toolTip()
    assert page.ui.table.item(r, 1).text() == "Children's home"
    assert not page.ui.add_button.isVisible() and not page.ui.edit_button.isVisible()  # officers only read
    assert "over capacity: 1" in page.ui.status_label.text()


def _save(qtbot, dialog) -> None:
    dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Save).click()
    wait_tasks(qtbot)
    wait_tasks(qtbot)


def test_the_administrator_adds_and_edits(qtbot, admin_session):
    admin = admin_session[0]
    page = _page(qtbot, admin)
    assert page.ui.add_button.isVisible() and not page.ui.edit_button.isEnabled()
    dialog = page.add()
    type_text(dialog.ui.name, "ZDVOP Klokánek Hostivař")
    type_text(dialog.ui.code, "bad code!")
    _save(qtbot, dialog)
    assert dialog.isVisible() and "Code" in dialog.ui.error_label.text() and dialog.focusWidget() is dialog.ui.code
    dialog.ui.code.setText("ZDVOP-HOSTIVAR")
    dialog.ui.capacity.setValue(12)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        _save(qtbot, dialog)
    assert not dialog.isVisible()
    r = _row(page, "ZDVOP Klokánek Hostivař")
    assert page.ui.table.item(r, OCCUPANCY).text() == "0 / 12"
    page.ui.table.selectRow(r)
    dialog = page.edit_selected()
    assert dialog.ui.code.text() == "ZDVOP-HOSTIVAR" and dialog.ui.capacity.value() == 12
    dialog.ui.capacity.setValue(15)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        _save(qtbot, dialog)
    assert page.ui.table.item(_row(page, "ZDVOP Klokánek Hostivař"), OCCUPANCY).text() == "0 / 15"


def test_czech_screenshot(qtbot, tmp_path, admin_session, officer_session):
    shots = shots_dir(tmp_path)
    apply_language("cs")
    try:
        _small(admin_session[0], officer_session, 1, 2)
        page = _page(qtbot, admin_session[0])
        table = page.ui.table
        headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
        assert headers == ["Jméno", "Typ", "Obsazenost", "Adresa", "Kontakt"]  # as the facility dialog names it
        assert page.ui.title_label.text() == "Zařízení" and page.ui.add_button.isVisible()
        assert table.rowCount() == len(page.rows) >= 2  # the seeded register and the small home
        r = _row(page, "Dětský domov Aš")
        assert [table.item(r, c).text() for c in range(4)] == ["Dětský domov Aš", "Dětský domov", "2 / 1",
                                                               "Hlavní 1, 352 01 Aš"]
        assert table.item(r, OCCUPANCY).background() == OVER_BRUSH
        assert page.ui.status_label.text() == f"{len(page.rows)} zařízení · nad kapacitou: 1"
        image = screenshot(qtbot, page, shots / "facilities_page_cs.png")
        assert (image.width(), image.height()) == (1150, 520)
        table.selectRow(r)
        dialog = page.edit_selected()
        assert dialog.windowTitle() == "Upravit zařízení"
        assert (dialog.ui.name.text(), dialog.ui.code.text(), dialog.ui.capacity.value()) == (
            "Dětský domov Aš", "DD-USTI-TEST", 1)
        assert dialog.ui.type.currentText() == "Dětský domov"
        screenshot(qtbot, dialog, shots / "facility_dialog_cs.png")
        dialog.reject()
    finally:
        apply_language("en")
