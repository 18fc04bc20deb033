"""A facility's detail: opened from the Facilities page by double click for every role; the children placed
there today (only the user's scope), their clocks and the missing marker; a child opens on double click;
administrators see the facts and the occupancy but no children."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from ospod_desktop.core.missing_form import MissingInput
from ospod_desktop.core.placement_form import PlacementInput
from ospod_desktop.services import children, missing, placements
from ospod_desktop.ui.dialogs.facility_detail_dialog import (
    AGE,
    BASIS,
    DEADLINE,
    EXPIRY,
    MISSING,
    NAME,
    STATUS_BRUSHES,
    FacilityDetailDialog,
)
from ospod_desktop.ui.locale import apply_language
from ospod_desktop.ui.models.child_table import MISSING_BRUSH
from ospod_desktop.ui.pages.facilities_page import OVER_BRUSH, FacilitiesPage
from tests.conftest import child_form
from tests.services.placement_helpers import RADLICKA, TODAY, facility_id, pm, staff
from tests.ui.helpers import screenshot, shots_dir, wait_tasks


def _register(us, given: str, family: str, sex: str, days_ago: int, **fields) -> int:
    return children.register_child(us, child_form(given, family, sex, found_on=TODAY - timedelta(days=days_ago), **fields))


def _world(us) -> dict[str, int]:
    """Radlická: four children (one overdue, one due soon, one missing, one Cyrillic only); Kutná Hora: one;
    one child's placement in Radlická ended yesterday."""
    rad, kh = facility_id(us, RADLICKA), facility_id(us, "DD-KUTNA-HORA")
    ids = {
        "zaneta": _register(us, "Žaneta", "Dvořáková", "F", 45, nationalities=("SK",), birth_year=TODAY.year - 15),
        "oleksandr": _register(us, "Oleksandr", "Kovalenko", "M", 26, original_script_name="Коваленко Олександр",
                               nationalities=("UA",), birth_year=TODAY.year - 16),
        "boris": _register(us, "", "", "M", 10, original_script_name="Шевченко Борис", nationalities=("UA", "RU"),
                           birth_year=TODAY.year - 14),
        "ali": _register(us, "Ali", "Rahimi", "M", 12, nationalities=("AF",), birth_year=TODAY.year - 17),
        "said": _register(us, "Said", "Nazari", "M", 100, nationalities=("AF",)),
        "left": _register(us, "Omar", "Haidari", "M", 60, nationalities=("SY",)),
    }
    placements.place_child(us, ids["zaneta"], pm(rad, TODAY - timedelta(days=40)))  # the measure is overdue
    placements.place_child(us, ids["oleksandr"], pm(rad, TODAY - timedelta(days=25)))  # due soon
    placements.place_child(us, ids["boris"], pm(rad, TODAY - timedelta(days=10)))
    placements.place_child(us, ids["ali"], PlacementInput(start_date=TODAY - timedelta(days=12), legal_basis="urgent_care",
                                                          facility_id=rad))
    missing.report_missing(us, ids["ali"], MissingInput(last_seen_at=datetime.now(UTC) - timedelta(hours=9, minutes=5),
                                                        last_seen_place="Praha – Anděl"))
    placements.place_child(us, ids["said"], PlacementInput(
        start_date=TODAY - timedelta(days=90), legal_basis="institutional_care", facility_id=kh,
        court="Okresní soud v Kutné Hoře", court_file_number="12 P 45/2026"))
    placements.place_child(us, ids["left"], pm(rad, TODAY - timedelta(days=50), end_date=TODAY - timedelta(days=1),
                                               end_reason="absconded"))
    return ids


def _page(qtbot, us) -> FacilitiesPage:
    page = FacilitiesPage(us)
    qtbot.addWidget(page)
    page.resize(1150, 520)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    return page


def _double_click(qtbot, table, row: int) -> None:
    """A real double click: QTest's mouseDClick alone lacks the first press, which the view needs."""
    table.scrollToItem(table.item(row, 0))
    where = table.visualItemRect(table.item(row, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)


def _open(qtbot, page, code: str) -> FacilityDetailDialog:
    fid = facility_id(page.us, code)
    row = next(r for r, f in enumerate(page.rows) if f.id == fid)
    _double_click(qtbot, page.ui.table, row)
    dialog = page.detail
    assert isinstance(dialog, FacilityDetailDialog) and dialog.facility_id == fid and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.detail is not None, timeout=10_000)
    wait_tasks(qtbot)
    return dialog


def _names(dialog) -> list[str]:
    table = dialog.ui.children_table
    return [table.item(r, NAME).text() for r in range(table.rowCount())]


def test_an_officer_opens_radlicka_and_sees_the_children_placed_there(qtbot, officer_session):
    ids = _world(officer_session)
    page = _page(qtbot, officer_session)
    assert page.ui.open_button.isVisible() and not page.ui.edit_button.isVisible()
    dialog = _open(qtbot, page, RADLICKA)
    assert [c.id for c in dialog.children] == [ids["zaneta"], ids["oleksandr"], ids["ali"], ids["boris"]]
    assert _names(dialog) == ["Dvořáková Žaneta", "Kovalenko Oleksandr · Коваленко Олександр", "Rahimi Ali",
                              "Шевченко Борис"]
    ui, table = dialog.ui, dialog.ui.children_table
    assert ui.title_label.text().startswith("Zařízení pro děti-cizince") and "Radlická 30" in ui.address.text()
    assert ui.type.text() == "Facility for Foreign Children" and ui.occupancy.text() == "4 / 18 · 14 places free."
    assert ui.children_label.text() == "4 children placed here today."
    z, o, a, b = range(4)
    assert table.item(z, DEADLINE).text() == "overdue · Preliminary measure expires"
    assert table.item(z, DEADLINE).background() == STATUS_BRUSHES["overdue"] == table.item(z, EXPIRY).background()
    assert table.item(o, DEADLINE).text().startswith("due soon") and table.item(o, EXPIRY).background() == STATUS_BRUSHES["due_soon"]
    assert table.item(a, MISSING).text() == "Missing 9 hours · not reported" and table.item(a, MISSING).background() == MISSING_BRUSH
    assert table.item(a, EXPIRY).text() == "" and "Open-ended" in table.item(a, EXPIRY).toolTip()  # urgent care
    assert table.item(b, MISSING).text() == "" and table.item(b, NAME).toolTip() == "Шевченко Борис\nUkraine, Russia"
    assert table.item(a, BASIS).text() == "Urgent care" and table.item(b, AGE).text() == "13–14"
    assert table.item(a, DEADLINE).text().endswith(" · Diagnostic stay ends")  # not the expiry: dated
    assert table.item(b, DEADLINE).text() == ""  # the expiry, on time: its date is in the column before


def test_double_clicking_a_child_asks_to_open_the_child(qtbot, officer_session):
    ids = _world(officer_session)
    page = _page(qtbot, officer_session)
    dialog = _open(qtbot, page, RADLICKA)
    row = next(r for r, c in enumerate(dialog.children) if c.id == ids["boris"])
    asked, passed_on = [], []
    dialog.open_child_requested.connect(asked.append)
    page.open_child_requested.connect(passed_on.append)
    _double_click(qtbot, dialog.ui.children_table, row)
    assert asked == passed_on == [ids["boris"]]


def test_facility_staff_see_only_their_scope(qtbot, admin_session, officer_session, db_path):
    ids = _world(officer_session)
    us = staff(admin_session[0], db_path, "kutnahora", "DD-KUTNA-HORA")
    try:
        page = _page(qtbot, us)
        dialog = _open(qtbot, page, "DD-KUTNA-HORA")
        assert [c.id for c in dialog.children] == [ids["said"]] and _names(dialog) == ["Nazari Said"]
        assert dialog.ui.children_table.item(0, BASIS).text() == "Institutional-care order"
        dialog.close()
        other = _open(qtbot, page, RADLICKA)
        assert other.children == [] and not other.ui.children_table.isVisible()
        assert other.ui.occupancy.text() == "4 / 18 · 14 places free."  # the count is the register's, for everyone
        assert other.ui.children_label.text() == ("0 children placed here today. 4 more children placed here are "
                                                  "outside your access.")
    finally:
        us.close()


def test_an_administrator_sees_facts_but_no_children(qtbot, admin_session, officer_session):
    _world(officer_session)
    admin = admin_session[0]
    page = _page(qtbot, admin)
    dialog = _open(qtbot, page, RADLICKA)  # a double click opens the detail, not the edit dialog
    assert dialog.detail.children is None and dialog.children == []
    assert not dialog.ui.children_table.isVisible() and "Administrators do not see" in dialog.ui.children_label.text()
    assert dialog.ui.occupancy.text().startswith("4 / 18") and dialog.ui.address.isVisible()
    assert not dialog.ui.phone.isVisible()  # Radlická has no phone in the register: the line is hidden
    page.ui.table.selectRow(next(r for r, f in enumerate(page.rows) if f.id == dialog.facility_id))
    assert page.ui.edit_button.isEnabled()
    edit = page.edit_selected()  # editing stays on its button
    assert edit.ui.code.text() == RADLICKA
    edit.reject()
    dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Close).click()
    assert not dialog.isVisible()


def test_over_capacity_is_highlighted(qtbot, admin_session, officer_session):
    from ospod_desktop.services import placements
    from ospod_desktop.services.placements import FacilityInput

    fid = placements.create_facility(admin_session[0], FacilityInput("DD-AS", "Dětský domov Aš", "childrens_home",
                                                                      "Hlavní 1, 352 01 Aš", capacity=1))
    for given in ("Jan", "Petr"):
        placements.place_child(officer_session, _register(officer_session, given, "Novák", "M", 5),
                               PlacementInput(start_date=TODAY - timedelta(days=2), legal_basis="urgent_care", facility_id=fid))
    dialog = FacilityDetailDialog(officer_session, fid)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.show()
    assert dialog.ui.occupancy.text() == "2 / 1 · Over capacity by 1."
    assert OVER_BRUSH.color().name() in dialog.ui.occupancy.styleSheet()
    assert _names(dialog) == ["Novák Jan", "Novák Petr"]


def test_czech_screenshot(qtbot, tmp_path, admin_session, officer_session):
    from ospod_desktop.services import placements
    from ospod_desktop.services.placements import FacilityInput

    shots = shots_dir(tmp_path)
    ids = _world(officer_session)
    rad = placements.get_facility(officer_session, facility_id(officer_session, RADLICKA))
    placements.update_facility(admin_session[0], rad.id, FacilityInput(
        rad.code, rad.name, rad.type, rad.address, rad.capacity, "+420 000 000 530", "podatelna@zdc-radlicka.example",
        "Mgr. Jiří Šťastný, vedoucí směny", "noční služba: +420 000 000 531"))
    apply_language("cs")
    try:
        page = _page(qtbot, officer_session)
        dialog = _open(qtbot, page, RADLICKA)
        assert dialog.windowTitle() == rad.name and dialog.ui.phone.text() == "+420 000 000 530"
        assert dialog.ui.occupancy.text() == "4 / 18 · 14 volných míst."
        assert dialog.ui.children_label.text() == "Dnes jsou zde umístěny 4 děti."
        table = dialog.ui.children_table
        assert [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())] == [
            "Jméno", "Věk", "Od", "Právní titul", "Platí do", "Pohřešování", "Lhůta"]
        assert _names(dialog) == ["Dvořáková Žaneta", "Kovalenko Oleksandr · Коваленко Олександр", "Rahimi Ali",
                                  "Шевченко Борис"]
        screenshot(qtbot, dialog, shots / "facility_detail_cs.png")
        assert table.isVisible()
        assert [c.id for c in dialog.children] == [ids["zaneta"], ids["oleksandr"], ids["ali"], ids["boris"]]
        admin_page = _page(qtbot, admin_session[0])
        facts = _open(qtbot, admin_page, RADLICKA)
        assert facts.windowTitle() == rad.name and facts.ui.occupancy.text() == "4 / 18 · 14 volných míst."
        assert facts.ui.children_label.text() == ("Správci nevidí záznamy dětí: zobrazuje se jen počet dětí zde "
                                                  "umístěných.")
        screenshot(qtbot, facts, shots / "facility_detail_admin_cs.png")
        assert not facts.ui.children_table.isVisible() and facts.children == []
        screenshot(qtbot, admin_page, shots / "facilities_page_open_cs.png")
    finally:
        apply_language("en")


def test_in_the_main_window_a_child_of_the_facility_opens_on_the_children_page(qtbot, officer_session):
    from ospod_desktop.ui.main_window import CHILDREN, FACILITIES, MainWindow
    from ospod_desktop.ui.pages.child_page import ChildPage

    ids = _world(officer_session)
    window = MainWindow(officer_session)
    window.show()
    qtbot.waitExposed(window)
    page = window.facilities_page
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        window.ui.nav_list.setCurrentRow(FACILITIES)
    dialog = _open(qtbot, page, RADLICKA)
    row = next(r for r, c in enumerate(dialog.children) if c.id == ids["boris"])
    _double_click(qtbot, dialog.ui.children_table, row)
    wait_tasks(qtbot)
    assert window.ui.nav_list.currentRow() == CHILDREN
    child_page = window.children_page.ui.child_tabs.currentWidget()
    assert isinstance(child_page, ChildPage) and child_page.child_id == ids["boris"]
    window.close()


def test_ending_emergency_access_closes_the_facility_windows(qtbot, admin_session, officer_session):
    from ospod_desktop.services import scope
    from ospod_desktop.ui.dialogs.facility_detail_dialog import FacilityDetailDialog
    from ospod_desktop.ui.main_window import FACILITIES, MainWindow

    _world(officer_session)
    admin, _code = admin_session
    scope.break_glass(admin, "Žádost policie, č. j. KRPA-1/2026", "legal_request")
    window = MainWindow(admin)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.facilities_page.loaded, timeout=10_000):
        window.ui.nav_list.setCurrentRow(FACILITIES)
    dialog = _open(qtbot, window.facilities_page, RADLICKA)
    assert dialog.children  # read through the break glass
    window.end_emergency_access()
    assert not dialog.isVisible()  # closed at once, before the audited end of the access is written
    wait_tasks(qtbot)  # the audited end delivered
    assert not [d for d in window.facilities_page.findChildren(FacilityDetailDialog) if d.isVisible()]
    assert window.ui.status_bar.currentMessage() == "Emergency access ended."
    window.close()
