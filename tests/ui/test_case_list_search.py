"""Searching the case list: a file mark typed whole shows that file alone, names are tolerant and the best
matches come first until the officer sorts by a column."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ospod_desktop.services import children
from ospod_desktop.ui.models.child_table import MARK, NAME
from ospod_desktop.ui.pages.children_page import ChildrenPage
from tests.conftest import child_form
from tests.ui.helpers import type_text


def _page(qtbot, us) -> ChildrenPage:
    page = ChildrenPage(us)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    with qtbot.waitSignal(page.list_loaded, timeout=10_000):
        page.show()
    return page


def _column(page, column: int) -> list[str]:
    """The column's texts (a name without the original-script one shown after it)."""
    return [page.model.index(r, column).data().split(" · ")[0] for r in range(page.model.rowCount())]


def _search(qtbot, page, text: str) -> None:
    page.ui.search_edit.clear()
    with qtbot.waitSignal(page.list_loaded, timeout=10_000):
        type_text(page.ui.search_edit, text)


def _sort(qtbot, page, column: int, order: Qt.SortOrder) -> None:
    with qtbot.waitSignal(page.list_loaded, timeout=10_000):
        page.ui.table_view.horizontalHeader().setSortIndicator(column, order)


def test_a_file_mark_shows_that_file_alone_in_any_order(qtbot, officer_session):
    for n in range(1, 71):
        children.register_child(officer_session, child_form("Amina", f"Haidari {n}", "F", case_mark=f"Om {n}/2025"))
    children.register_child(officer_session, child_form("Olena", "Petrenko", "F", case_mark="Om 54/2026"))
    page = _page(qtbot, officer_session)
    assert page.ui.count_label.text() == "71 children"
    _search(qtbot, page, "Om 54/2026")
    assert _column(page, NAME) == ["Petrenko Olena"]
    _search(qtbot, page, "Om 5/2025")
    assert _column(page, MARK) == ["Om 5/2025"] and page.ui.count_label.text() == "1 child"
    _sort(qtbot, page, MARK, Qt.SortOrder.DescendingOrder)  # the officer's own order: still that file alone
    assert _column(page, MARK) == ["Om 5/2025"]
    _search(qtbot, page, "om 5/2026")  # no such file: not Om 54/2026
    assert _column(page, MARK) == [] and page.ui.count_label.text() == "0 children"
    _search(qtbot, page, "Om 5")  # typed so far: the marks it begins
    assert sorted(_column(page, MARK)) == sorted(["Om 5/2025", "Om 54/2026", *(f"Om {n}/2025" for n in range(50, 60))])


def test_names_best_matches_first_until_a_column_is_sorted(qtbot, officer_session):
    for given, family, script in (("Olena", "Petrenko", "Олена Петренко"), ("Ivan", "Petrenco", ""),
                                  ("Oksana", "Petrenková", ""), ("Olga", "Bondarenko", "")):
        children.register_child(officer_session, child_form(given, family, "F", original_script_name=script))
    page = _page(qtbot, officer_session)
    _search(qtbot, page, "petrenko")  # the name itself, then a longer one, then another spelling
    assert _column(page, NAME) == ["Petrenko Olena", "Petrenková Oksana", "Petrenco Ivan"]
    for query in ("Petrenko Olena", "olena petrenco", "Петренко"):
        _search(qtbot, page, query)
        assert _column(page, NAME)[0] == "Petrenko Olena", query
    _search(qtbot, page, "Bondarenco")
    assert _column(page, NAME) == ["Bondarenko Olga"]
    _search(qtbot, page, "petrenko")
    _sort(qtbot, page, NAME, Qt.SortOrder.DescendingOrder)
    assert _column(page, NAME) == ["Petrenková Oksana", "Petrenko Olena", "Petrenco Ivan"]
