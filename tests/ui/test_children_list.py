"""The case list: rows, Czech order, search as you type on a worker, filters, lazy blocks, failing rows."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ospod_desktop import demo
from ospod_desktop.core.child_form import IdentifierInput
from ospod_desktop.core.roles import Role
from ospod_desktop.services import children
from ospod_desktop.services.children import ChildRow
from ospod_desktop.ui.locale import apply_language
from ospod_desktop.ui.models.child_table import (
    AGE,
    BLOCK,
    MARK,
    NAME,
    NATIONALITY,
    RISK,
    SEX,
    STATUS,
    ChildTableModel,
)
from ospod_desktop.ui.pages.children_page import ChildrenPage
from tests.conftest import child_form
from tests.ui.helpers import type_text, wait_tasks

TODAY = date.today()


def _page(qtbot, us, width=1100, height=600) -> ChildrenPage:
    page = ChildrenPage(us)
    qtbot.addWidget(page)
    page.resize(width, height)
    with qtbot.waitSignal(page.list_loaded, timeout=10_000):
        page.show()
    return page


def _names(page) -> list[str]:
    model = page.model
    return [model.index(r, NAME).data() for r in range(model.rowCount())]


def _wait_search(qtbot, page) -> None:
    with qtbot.waitSignal(page.list_loaded, timeout=10_000):
        pass


@pytest.fixture
def register(officer_session):
    def add(given, surname, sex="U", **fields) -> int:
        return children.register_child(officer_session, child_form(given, surname, sex, **fields))
    return add


def test_rows_show_every_column_in_czech_order(qtbot, officer_session, register):
    for surname in ("Hrubá", "Chalupa", "Čermák", "Cibulka"):
        register("Jana", surname, "F", nationalities=("CZ",), birth_year=2010)
    register("Олександр", "Шевченко", "M", status="separated", companion_name="Іван", urgency="immediate",
             nationalities=("UA",), age_min=15, age_max=16, case_mark="Om 15/2026")
    page = _page(qtbot, officer_session)
    names = _names(page)
    assert names.index("Cibulka Jana") < names.index("Čermák Jana") < names.index("Hrubá Jana") < names.index(
        "Chalupa Jana")
    row = names.index("Шевченко Олександр")
    cell = lambda column: page.model.index(row, column).data()  # noqa: E731
    assert (cell(MARK), cell(AGE), cell(SEX), cell(NATIONALITY)) == ("Om 15/2026", "15–16", "male", "Ukraine")
    assert cell(RISK) == "Immediate" and cell(STATUS) == "separated"
    assert page.model.index(row, RISK).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert page.ui.count_label.text() == "5 children"


def test_search_as_you_type_runs_once_on_a_worker_and_ignores_case_diacritics_and_script(
        qtbot, officer_session, register, monkeypatch):
    register("", "", "M", original_script_name="Шевченко Олександр")
    register("Petr", "Dvořák", "M", case_mark="Om 15/2026",
             identifiers=(IdentifierInput("passport", "FX123456", "CZ"),))
    page = _page(qtbot, officer_session)
    calls = []
    real = children.list_children
    monkeypatch.setattr(children, "list_children", lambda *a, **k: calls.append(a[1].query) or real(*a, **k))
    type_text(page.ui.search_edit, "sevcenko")
    assert page.search_timer.isActive() and calls == []  # debounced: nothing ran while typing
    _wait_search(qtbot, page)
    assert calls == ["sevcenko"]
    assert _names(page) == ["Шевченко Олександр"]
    page.ui.search_edit.setText("DVORAK")
    _wait_search(qtbot, page)
    assert _names(page) == ["Dvořák Petr"]
    for query in ("dvorak petrr", "fx123456", "Om 15/2026"):  # a typo, a document number, a file mark
        page.ui.search_edit.setText(query)
        _wait_search(qtbot, page)
        assert _names(page) == ["Dvořák Petr"], query


def test_a_stale_result_is_dropped(qtbot, officer_session, register, monkeypatch):
    register("Jana", "Cibulka", "F")
    register("Olena", "Kovalenko", "F")
    page = _page(qtbot, officer_session)
    real = children.list_children
    newer_shown = threading.Event()

    def slow_for_cibulka(us, flt, *args, **kwargs):
        if flt.query == "cibulka":  # the older search answers only after the newer one is on screen
            assert newer_shown.wait(10)
        return real(us, flt, *args, **kwargs)

    monkeypatch.setattr(children, "list_children", slow_for_cibulka)
    page.ui.search_edit.setText("cibulka")
    page.refresh()
    page.ui.search_edit.setText("kovalenko")
    page.refresh()
    qtbot.waitUntil(lambda: _names(page) == ["Kovalenko Olena"], timeout=10_000)
    newer_shown.set()
    wait_tasks(qtbot)
    QApplication.processEvents()
    assert _names(page) == ["Kovalenko Olena"]


def test_filters_case_status_kind_urgent_and_turning_18(qtbot, officer_session, register):
    register("Amina", "Haidari", "F")
    closed = register("Ali", "Rahimi", "M")
    view = children.get_child(officer_session, closed)
    children.update_child(officer_session, closed, children.with_form(view, case_status="closed", close_reason="turned_18"))
    register("Ivan", "Bondar", "M", status="separated", companion_name="Petro Bondar")
    register("Sara", "Tesfay", "F", urgency="within_24h", urgency_reason="nemocná")
    register("Dawit", "Haile", "M", birth_date=TODAY.replace(year=TODAY.year - 18) + timedelta(days=30))
    page = _page(qtbot, officer_session)
    ui = page.ui
    assert len(_names(page)) == 4
    ui.case_status_combo.setCurrentIndex(ui.case_status_combo.findData("closed"))
    _wait_search(qtbot, page)
    assert _names(page) == ["Rahimi Ali"]
    assert page.model.index(0, STATUS).data() == "unaccompanied · closed"
    ui.case_status_combo.setCurrentIndex(ui.case_status_combo.findData(None))
    _wait_search(qtbot, page)
    assert len(_names(page)) == 5
    ui.kind_combo.setCurrentIndex(ui.kind_combo.findData("separated"))
    _wait_search(qtbot, page)
    assert _names(page) == ["Bondar Ivan"]
    ui.kind_combo.setCurrentIndex(0)
    _wait_search(qtbot, page)
    ui.urgent_check.setChecked(True)
    _wait_search(qtbot, page)
    assert _names(page) == ["Tesfay Sara"]
    ui.urgent_check.setChecked(False)
    _wait_search(qtbot, page)
    ui.adult_soon_check.setChecked(True)
    _wait_search(qtbot, page)
    assert _names(page) == ["Haile Dawit"]
    assert "18 soon" in page.model.index(0, AGE).data()


def test_a_broad_search_says_how_many_matched(qtbot, officer_session, register, monkeypatch):
    register("Jana", "Cibulka", "F")
    page = _page(qtbot, officer_session)
    ids = page.model.ids() * 2000
    monkeypatch.setattr(children, "list_children",
                        lambda *a, **k: children.ListResult(ids[:2000], 5234, truncated=True))
    page.ui.search_edit.setText("a")
    _wait_search(qtbot, page)
    assert page.ui.count_label.text() == "First 2,000 of 5,234 — type more to narrow the search."


def test_showing_the_list_is_audited_once(qtbot, officer_session, register):
    from sqlalchemy import text

    register("Jana", "Cibulka", "F")
    page = _page(qtbot, officer_session)
    page.hide()
    page.show()
    wait_tasks(qtbot)
    with officer_session.read() as session:
        count = session.exec(text("SELECT count(*) FROM audit_log WHERE detail = 'list'")).scalar()
    assert count == 1


def test_client_side_column_sort_uses_czech_collation(qtbot, officer_session, register):
    apply_language("cs")
    try:
        for code in ("HR", "HT", "CZ", "AF"):
            register("Jana", f"Nováková {code}", "F", nationalities=(code,))
        page = _page(qtbot, officer_session)
        with qtbot.waitSignal(page.list_loaded):
            page.ui.table_view.horizontalHeader().setSortIndicator(NATIONALITY, Qt.SortOrder.AscendingOrder)
        nats = [page.model.index(r, NATIONALITY).data() for r in range(page.model.rowCount())]
        assert nats == ["Afghánistán", "Česko", "Haiti", "Chorvatsko"]
        with qtbot.waitSignal(page.list_loaded):
            page.ui.table_view.horizontalHeader().setSortIndicator(NAME, Qt.SortOrder.DescendingOrder)
        assert _names(page)[0] == "Nováková HT Jana"
    finally:
        apply_language("en")


def test_administrators_see_a_note_not_the_list(qtbot, admin_session):
    us, _code = admin_session
    page = ChildrenPage(us)
    qtbot.addWidget(page)
    page.show()
    assert not page.ui.child_tabs.isVisible()
    assert "do not see children's records" in page.ui.note_label.text()


# --- the lazy model -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def big_register(tmp_path_factory):
    """3,000 synthetic children, built once for this module by the demo generator."""
    path = tmp_path_factory.mktemp("big") / "demo.db"
    demo.build_demo(path, children=3000)
    return path


def test_only_the_visible_blocks_are_fetched(qtbot, big_register):
    from ospod_desktop.services import identity

    us = identity.login(big_register, "officer", demo.DEMO_PASSWORD)
    try:
        assert us.actor.role is Role.OFFICER
        page = _page(qtbot, us)
        page.ui.case_status_combo.setCurrentIndex(page.ui.case_status_combo.findData(None))
        _wait_search(qtbot, page)
        QApplication.processEvents()
        model = page.model
        assert model.rowCount() == 3000
        assert model.cached_blocks() == [0]
        assert model.fetch_calls == 1 and model.fetched_rows == BLOCK
        page.ui.table_view.scrollToBottom()
        QApplication.processEvents()
        assert model.cached_blocks() == [0, 29]
        assert model.fetched_rows == 2 * BLOCK  # never the 2,800 rows in between
    finally:
        us.close()


def _row(child_id: int) -> ChildRow:
    return ChildRow(child_id, "", f"Child {child_id}", "", "10", 10.0, "U", (), "unaccompanied", "open", "standard",
                    False, True)


def test_a_row_that_fails_to_load_is_disabled_not_an_error(qtbot):
    model = ChildTableModel(lambda ids: [_row(i) for i in ids if i != 3])
    model.set_ids(list(range(1, 6)))
    assert model.index(1, NAME).data() == "Child 2"
    assert model.index(2, NAME).data() == "(could not be loaded)"
    assert not model.flags(model.index(2, NAME)) & Qt.ItemFlag.ItemIsEnabled
    assert model.flags(model.index(1, NAME)) & Qt.ItemFlag.ItemIsEnabled

    def broken(ids):
        raise RuntimeError("database went away")

    failing = ChildTableModel(broken)
    failing.set_ids([1, 2])
    assert failing.index(0, NAME).data() == "(could not be loaded)"
    assert failing.index(1, MARK).data() == "—" and failing.fetch_calls == 1  # one block, tried once

