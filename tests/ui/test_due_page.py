"""The Due and overdue page: officers' own children and the office, the supervisor's officer choice with counts,
facility staff's clocks without references, filters, Enter opening the child on the item's tab, the navigation
badge following a recorded visit, blocks fetched while scrolling, and the CSV and calendar exports."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import text

from ospod_desktop.services import due, identity, scope, visits
from ospod_desktop.services.visits import VisitInput
from ospod_desktop.ui.changes import Changes, Kind, announce
from ospod_desktop.ui.main_window import DUE, MainWindow
from ospod_desktop.ui.models.due_table import BLOCK, OFFICER, REFERENCE
from ospod_desktop.ui.pages.due_page import DuePage
from tests.services.due_helpers import office_of_two
from tests.services.placement_helpers import TODAY, child
from tests.ui.helpers import wait_tasks


@pytest.fixture
def office(admin_session, officer_session, db_path):
    """The officer's placed child, another officer's child, a supervisor and staff of Radlická."""
    with office_of_two(admin_session[0], officer_session, db_path) as office:
        yield {**office, "staff": office["facility"]}


def _page(qtbot, us) -> DuePage:
    page = DuePage(us)
    qtbot.addWidget(page)
    page.resize(1200, 600)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    wait_tasks(qtbot)  # the supervisor's officers' counts follow the list
    return page


def audits(us) -> int:
    with us.read() as s:
        return s.execute(text("SELECT count(*) FROM audit_log")).scalar_one()


def _reload(qtbot, page: DuePage, action) -> None:
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        action()
    wait_tasks(qtbot)


def _rows(page: DuePage) -> list:
    rows = [page.model.row_at(r) for r in range(page.model.rowCount())]
    assert None not in rows  # the first block came with the load
    return rows


def test_an_officer_sees_own_children_and_the_office_on_request(qtbot, office):
    page = _page(qtbot, office["officer"])
    rows = _rows(page)
    assert rows and {r.child_id for r in rows} == {office["mine"]}
    assert page.view.isColumnHidden(OFFICER) and not page.view.isColumnHidden(REFERENCE)
    assert not page.officer_combo.isVisibleTo(page) and page.scope_combo.isVisibleTo(page)
    _reload(qtbot, page, lambda: page.scope_combo.setCurrentIndex(1))
    assert {r.child_id for r in _rows(page)} == {office["mine"], office["theirs"]}
    assert not page.view.isColumnHidden(OFFICER)
    theirs = due.officer_counts(office["officer"])[office["other"].actor.user_id]["overdue"]
    assert page.group_check.isVisibleTo(page) and page.group_check.isChecked()  # the office: grouped
    assert f"Jan Jiný ({theirs} overdue)" in {page.model.data(page.model.index(r, OFFICER))
                                              for r in range(page.model.rowCount())}


def test_the_supervisor_sees_the_office_and_chooses_an_officer_by_counts(qtbot, office):
    page = _page(qtbot, office["boss"])
    assert {r.child_id for r in _rows(page)} == {office["mine"], office["theirs"]}
    combo = page.officer_combo
    assert combo.isVisibleTo(page) and not page.scope_combo.isVisibleTo(page)
    texts = [combo.itemText(i) for i in range(combo.count())]
    theirs = due.officer_counts(office["boss"])[office["other"].actor.user_id]["overdue"]
    assert f"Jan Jiný ({theirs} overdue)" in texts and texts[0].startswith("Whole office (")
    _reload(qtbot, page, lambda: combo.setCurrentIndex(combo.findData(office["other"].actor.user_id)))
    assert {r.child_id for r in _rows(page)} == {office["theirs"]}
    assert combo.currentData() == office["other"].actor.user_id  # kept when the counts were filled again


def test_the_supervisor_sees_the_office_grouped_by_officer_until_told_otherwise(qtbot, office):
    page = _page(qtbot, office["boss"])
    rows = _rows(page)
    assert page.group_check.isVisibleTo(page) and page.group_check.isChecked()
    assert page.view.horizontalHeader().visualIndex(OFFICER) == 0  # the officer first
    other, mine = office["other"].actor.user_id, office["officer"].actor.user_id
    names = dict(due.officers(office["boss"]))
    first = [r.officer_id for r in rows].index(mine)
    assert names[other] < names[mine] and {r.officer_id for r in rows[:first]} == {other}
    assert {r.officer_id for r in rows[first:]} == {mine}  # "Jan Jiný" then "Petr Novák", each by due date
    assert [r.item.due for r in rows[first:]] == sorted(r.item.due for r in rows[first:])
    cells = [page.model.data(page.model.index(r, OFFICER)) for r in range(len(rows))]
    counts = due.officer_counts(office["boss"])
    assert cells[0] == f"Jan Jiný ({counts[other]['overdue']} overdue)" and set(cells[1:first]) <= {""}
    assert cells[first].startswith(names[mine]) and set(cells[first + 1:]) == {""}
    assert page.model.data(page.model.index(first, OFFICER), Qt.ItemDataRole.FontRole).bold()
    assert page.model.data(page.model.index(first + 1, OFFICER), Qt.ItemDataRole.FontRole) is None
    _reload(qtbot, page, lambda: page.group_check.setChecked(False))
    ungrouped = _rows(page)
    assert [r.item.due for r in ungrouped] == sorted(r.item.due for r in rows) and ungrouped != rows
    assert page.view.horizontalHeader().visualIndex(OFFICER) == OFFICER
    assert "" not in {page.model.data(page.model.index(r, OFFICER)) for r in range(len(rows))}


def test_facility_staff_see_their_clocks_without_references(qtbot, office):
    page = _page(qtbot, office["staff"])
    rows = _rows(page)
    assert rows and {r.item.kind for r in rows} <= due.FACILITY_KINDS
    assert {r.child_id for r in rows} == {office["mine"]}
    assert page.view.isColumnHidden(REFERENCE) and page.view.isColumnHidden(OFFICER)
    kinds = {page.kind_combo.itemData(i) for i in range(1, page.kind_combo.count())}
    assert kinds <= due.FACILITY_KINDS and "visit" not in kinds


def test_the_kind_filter_lists_the_trafficking_clocks(qtbot, office):
    page = _page(qtbot, office["boss"])
    labels = {page.kind_combo.itemData(i): page.kind_combo.itemText(i) for i in range(1, page.kind_combo.count())}
    assert labels["police_report"] == "Report a presumed victim of trafficking to the police"
    assert labels["reflection_period"] == "Reflection period ends"
    assert labels["reassessment"] == "Trafficking indicators: assess again"


def test_filters_by_kind_and_status(qtbot, office):
    page = _page(qtbot, office["boss"])
    _reload(qtbot, page, lambda: page.kind_combo.setCurrentIndex(page.kind_combo.findData("ipod")))
    rows = _rows(page)
    assert len(rows) == 2 and {r.item.kind for r in rows} == {"ipod"}
    _reload(qtbot, page, lambda: page.kind_combo.setCurrentIndex(0))
    statuses = [page.status_combo.itemData(i) for i in range(page.status_combo.count())]
    _reload(qtbot, page, lambda: page.status_combo.setCurrentIndex(statuses.index(("ok",))))
    rows = _rows(page)
    assert rows and {r.item.status for r in rows} == {"ok"}
    _reload(qtbot, page, lambda: page.status_combo.setCurrentIndex(statuses.index(("overdue",))))
    assert {r.item.status for r in _rows(page)} == {"overdue"}
    assert page.status_label.text() == f"{page.model.rowCount()} items"


def test_the_due_column_sorts_latest_first(qtbot, office):
    page = _page(qtbot, office["boss"])
    _reload(qtbot, page, lambda: page.group_check.setChecked(False))  # grouped: latest first within each officer
    _reload(qtbot, page, lambda: page.status_combo.setCurrentIndex(page.status_combo.count() - 1))
    first = [r.item.due for r in _rows(page)]
    _reload(qtbot, page, lambda: page.view.sortByColumn(1, Qt.SortOrder.DescendingOrder))
    assert [r.item.due for r in _rows(page)] == sorted(first, reverse=True) and first != sorted(first, reverse=True)
    page.view.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # the child's column: the due order stays
    header = page.view.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (1, Qt.SortOrder.DescendingOrder)


def _window(qtbot, us) -> MainWindow:
    window = MainWindow(us, idle_ms=3_600_000)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    wait_tasks(qtbot)
    return window


def test_after_login_the_page_is_shown_with_the_badge_and_enter_opens_the_visits_tab(qtbot, office):
    window = _window(qtbot, office["officer"])
    nav = window.ui.nav_list
    overdue = due.due_counts(office["officer"])["overdue"]
    assert nav.currentRow() == DUE and nav.item(DUE).text() == f"Due and overdue ({overdue} overdue)"
    page = window.due_page
    wait_tasks(qtbot)
    _reload(qtbot, page, lambda: page.kind_combo.setCurrentIndex(page.kind_combo.findData("visit")))
    assert page.model.rowCount() == 1
    page.view.setFocus()
    page.view.setCurrentIndex(page.model.index(0, 2))
    assert "Supervision visit" in page.detail_label.text() and "Act " in page.detail_label.text()
    assert "deadline policy, revision 1" in page.detail_label.text()
    QTest.keyClick(page.view, Qt.Key.Key_Return)
    wait_tasks(qtbot)
    child_page = window.children_page.pages[office["mine"]]
    assert window.ui.page_stack.currentWidget() is window.children_page
    assert child_page.ui.section_tabs.currentWidget() is child_page.ui.visits_tab
    # A visit recorded (announced as the visits dialog does) takes the visit off the overdue count.
    visits.record_visit(office["officer"], office["mine"], VisitInput(visited_on=TODAY - timedelta(days=1)))
    announce(Changes.of(Kind.VISIT, child=office["mine"]))
    wait_tasks(qtbot)
    assert nav.item(DUE).text() == f"Due and overdue ({overdue - 1} overdue)"
    window.close()


def test_the_administrator_without_emergency_access_has_no_due_list(qtbot, office):
    window = _window(qtbot, office["admin"])
    assert window.ui.nav_list.item(DUE).isHidden()
    assert window.due_page.no_access_label.isVisibleTo(window.due_page)
    assert not window.due_page.view.isVisibleTo(window.due_page)
    # With emergency access (announced as the access dialog does) the office's list is there.
    scope.break_glass(office["admin"], "Žádost soudu o součinnost.", "legal_request")
    announce(Changes.of(Kind.ACCESS))
    wait_tasks(qtbot)
    assert not window.ui.nav_list.item(DUE).isHidden()
    window.ui.nav_list.setCurrentRow(DUE)
    wait_tasks(qtbot)
    assert {r.child_id for r in _rows(window.due_page)} == {office["mine"], office["theirs"]}
    window.close()


def test_blocks_are_fetched_while_scrolling(qtbot, office):
    us = office["officer"]
    for i in range(BLOCK // 2 + 5):  # two items each (guardian, plan): more than a block
        child(us, f"Kid{i}", responsible_officer_id=us.actor.user_id)
    page = _page(qtbot, us)
    total = page.model.rowCount()
    assert total > BLOCK and page.model.cached_blocks() == [0]
    assert page.model.row_at(total - 1) is None  # on its way
    audited = audits(us)
    page.view.scrollToBottom()
    wait_tasks(qtbot)
    assert page.model.cached_blocks() == [0, 1] and page.model.row_at(total - 1) is not None
    assert audits(us) == audited  # the list was audited once, with its first block
    ids = {page.model.row_at(r).child_id for r in range(total)}
    assert len(ids) == BLOCK // 2 + 6


def test_exports_write_a_spreadsheet_and_a_calendar(qtbot, office, tmp_path):
    from ospod_desktop.ui.dialogs.due_export_dialog import DueExportDialog

    page = _page(qtbot, office["officer"])
    csv_path, ics_path = tmp_path / "due.csv", tmp_path / "due.ics"
    page.export_to(str(csv_path), "csv")
    wait_tasks(qtbot)
    lines = csv_path.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == page.model.rowCount() + 1
    page.export_to(str(ics_path), "ics", frozenset({"kind"}))
    wait_tasks(qtbot)
    calendar = ics_path.read_text(encoding="utf-8")
    assert calendar.count("BEGIN:VEVENT") == page.model.rowCount() and "Supervision visit" in calendar
    assert "items saved to" in page.status_label.text()
    dialog = DueExportDialog(references=True)
    qtbot.addWidget(dialog)
    assert dialog.choice() == ("csv", frozenset()) and not dialog.kind_check.isEnabled()
    dialog.ics_radio.setChecked(True)
    assert dialog.choice() == ("ics", frozenset()) and dialog.warning_label.isEnabled()
    dialog.reference_check.setChecked(True)
    dialog.show()
    assert dialog.choice() == ("ics", frozenset({"reference"}))


def test_czech_screenshots_of_the_demo_office(qtbot, tmp_path):
    """The officer's and the supervisor's page on the demo office, at the common and the smallest window size."""
    from ospod_desktop.demo import builder as demo
    from ospod_desktop.ui.locale import apply_language
    from tests.ui.helpers import screenshot, shots_dir

    shots = shots_dir(tmp_path)
    path = tmp_path / "demo.db"
    demo.build_demo(path, children=120, seed=2026)
    apply_language("cs")
    try:
        for user in ("officer", "supervisor"):
            us = identity.login(path, user, demo.DEMO_PASSWORD)
            try:
                window = _window(qtbot, us)
                window.ui.nav_list.setCurrentRow(DUE)
                wait_tasks(qtbot)
                assert window.due_page.model.rowCount() > 0
                window.due_page.view.selectRow(2)
                assert window.ui.nav_list.item(DUE).text().startswith("Aktuální a zmeškané termíny (po lhůtě: ")
                for width, height in ((1366, 768), (1000, 600)):
                    window.resize(width, height)
                    screenshot(qtbot, window, shots / f"due_{user}_{width}x{height}.png")
                if user == "supervisor":
                    combo = window.due_page.officer_combo
                    assert [combo.itemData(i) for i in range(combo.count())][0] is None and combo.count() == 3
                    assert "Bc. Tomáš Procházka (po lhůtě: " in combo.itemText(1)
                    combo.showPopup()
                    assert combo.view().window().grab().save(str(shots / "due_supervisor_officers.png"))
                    combo.hidePopup()
                window.close()
            finally:
                us.close()
    finally:
        apply_language("en")


def test_each_kind_opens_the_tab_it_comes_from(qtbot, office):
    from ospod_desktop.core.due import KINDS
    from ospod_desktop.ui.models.due_table import section_of
    from tests.ui.helpers import open_child_page

    assert {k: section_of(k) for k in ("visit", "information_request", "ipod", "guardian", "missing_police",
                                       "return_interview", "preliminary_measure", "zdvop_total", "turns_18")} == {
        "visit": "visits", "information_request": "visits", "ipod": "care", "guardian": "care",
        "missing_police": "missing", "return_interview": "missing", "preliminary_measure": "placements",
        "zdvop_total": "placements", "turns_18": "overview"}
    assert {section_of(k) for k in KINDS} <= {"visits", "care", "missing", "placements", "overview"}
    page = open_child_page(qtbot, office["officer"], office["mine"])
    tabs = page.ui.section_tabs
    for section, tab in (("care", page.care_tab), ("missing", page.ui.missing_tab),
                         ("placements", page.ui.placements_tab), ("overview", tabs.widget(0))):
        page.show_section(section)
        assert tabs.currentWidget() is tab
    staff_page = open_child_page(qtbot, office["staff"], office["mine"])
    staff_page.ui.section_tabs.setCurrentIndex(2)
    staff_page.show_section("visits")  # staff have no Visits tab: the overview
    assert staff_page.ui.section_tabs.currentIndex() == 0
