"""Field-ready screens (issue 9): the main window at its minimum size and at 1366×768, in Czech, with a child whose
record fills every tab: nothing squeezed, cut or overlapping; the case list fits; history rows fit their text.

Set OSPOD_SHOTS_DIR to keep the screenshots.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QLabel, QTableWidget, QWidget

from ospod_desktop.core.missing_form import MissingInput
from ospod_desktop.services import children, missing, placements
from ospod_desktop.ui.format import duration_text
from ospod_desktop.ui.locale import apply_language
from ospod_desktop.ui.main_window import MINIMUM_SIZE, MainWindow
from ospod_desktop.ui.models.child_table import AGE, NAME, NATIONALITY, NEXT_VISIT, RISK
from ospod_desktop.ui.pages import children_page as children_page_module
from ospod_desktop.ui.pages.child_care import MIN_TABLE_ROWS as CARE_TABLE_ROWS
from ospod_desktop.ui.pages.child_documents import MIN_TABLE_ROWS as DOCUMENT_TABLE_ROWS
from ospod_desktop.ui.pages.child_indicators import MIN_TABLE_ROWS as INDICATOR_TABLE_ROWS
from ospod_desktop.ui.pages.child_page import MIN_TABLE_ROWS
from ospod_desktop.ui.pages.victim_events import MIN_TABLE_ROWS as EVENT_TABLE_ROWS
from tests.conftest import child_form
from tests.services.placement_helpers import RADLICKA, TODAY, child, facility_id, pm
from tests.ui.helpers import on_screen, screenshot, shots_dir, type_text, wait_tasks

LONG_NAME = "Abdulrahman"  # with the family name Rahimi: "Rahimi Abdulrahman · عبد الرحمن رحيمي"
LONG_SCRIPT = "عبد الرحمن رحيمي"
SCREEN = QSize(1366, 768)


@pytest.fixture
def czech():
    apply_language("cs")
    yield
    apply_language("en")


def _full_record(us) -> int:
    """A child with two names, placed 80 days ago (one extension), then edited, and missing for 37 hours."""
    cid = child(us, LONG_NAME, days_ago=90, original_script_name=LONG_SCRIPT, nationalities=("AF",),
                case_mark="Om 1234/2026", reference="KRPA-123456-7/ČJ-2026-000010", interpreter_language="ar",
                urgency="within_24h", urgency_reason="Noc strávil na nádraží.")
    start = TODAY - timedelta(days=80)
    pid = placements.place_child(us, cid, pm(facility_id(us, RADLICKA), start))
    placements.extend_placement(us, pid, start + timedelta(days=25), start + timedelta(days=60))
    view = children.get_child(us, cid)
    children.update_child(us, cid, children.with_form(view, notes="Mluví paštunsky a trochu anglicky."))
    missing.report_missing(us, cid, MissingInput(last_seen_at=datetime.now(UTC) - timedelta(hours=37, minutes=5),
                                                 last_seen_place="Smíchovské nádraží"))
    for given in ("Omid", "Jana", "Hamid"):
        child(us, given, days_ago=10, nationalities=("IR",))
    return cid


def _window(qtbot, us, size: QSize) -> MainWindow:
    window = MainWindow(us)
    qtbot.addWidget(window)
    window.resize(size)
    with qtbot.waitSignal(window.children_page.list_loaded, timeout=10_000):
        window.show()
    return window


def _in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def cut(root: QWidget) -> list[str]:
    """Visible buttons narrower than their text, and wrapped labels shorter than their wrapped text."""
    bad = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QAbstractButton) and widget.text() and widget.width() < widget.sizeHint().width() - 1:
            bad.append(f"{widget.objectName()}: {widget.text()!r} {widget.width()} < {widget.sizeHint().width()}")
        if isinstance(widget, QLabel) and widget.text():
            needed = widget.heightForWidth(widget.width()) if widget.wordWrap() else widget.sizeHint().height()
            wide_enough = widget.wordWrap() or widget.width() >= widget.sizeHint().width() - 1
            if widget.height() < needed - 1 or not wide_enough:
                bad.append(f"{widget.objectName()}: {widget.text()[:40]!r} {widget.size()} needs {needed}")
    return bad


def rows_visible(table: QTableWidget) -> float:
    """How many rows of the table's usual height its viewport shows."""
    return table.viewport().height() / table.verticalHeader().defaultSectionSize()


def columns_on_screen(table) -> list[int]:
    """Columns whose right edge is past the table's viewport (cut or off screen)."""
    header, width = table.horizontalHeader(), table.viewport().width()
    return [c for c in range(header.count()) if not header.isSectionHidden(c)
            and header.sectionViewportPosition(c) + header.sectionSize(c) > width + 1]


def rows_taller_than_text(table: QTableWidget) -> list[tuple[int, int, int]]:
    """(row, height, needed) of rows taller than their wrapped text needs."""
    vertical = table.verticalHeader()
    out = []
    for r in range(table.rowCount()):
        needed = max(table.sizeHintForRow(r), vertical.sectionSizeHint(r), vertical.minimumSectionSize())
        if table.rowHeight(r) > needed + 1:
            out.append((r, table.rowHeight(r), needed))
    return out


@pytest.mark.parametrize("size", [MINIMUM_SIZE, SCREEN], ids=["minimum", "1366x768"])
def test_the_child_page_fits_the_minimum_window_and_a_laptop_screen(qtbot, czech, officer_session, tmp_path, size):
    us = officer_session
    cid = _full_record(us)
    shots = shots_dir(tmp_path)
    window = _window(qtbot, us, size)
    assert window.minimumSize() == MINIMUM_SIZE.boundedTo(window.screen().availableGeometry().size())
    assert window.size() == size
    name = f"{size.width()}x{size.height()}"
    screenshot(qtbot, window, shots / f"field_ready_list_{name}.png")
    page = window.open_child(cid)
    wait_tasks(qtbot)
    ui = page.ui
    tabs = ui.section_tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        page.scroll_area.ensureWidgetVisible(tabs)
        screenshot(qtbot, window, shots / f"field_ready_child_{name}_{index + 1}.png")
        assert cut(window) == [], tabs.tabText(index)
        for table in tabs.currentWidget().findChildren(QTableWidget):
            if table.isVisible():
                least = (MIN_TABLE_ROWS | CARE_TABLE_ROWS | INDICATOR_TABLE_ROWS | EVENT_TABLE_ROWS
                         | DOCUMENT_TABLE_ROWS)[table.objectName()]
                assert rows_visible(table) >= least, (tabs.tabText(index), table.objectName(), table.viewport().height())
                assert columns_on_screen(table) == [], (tabs.tabText(index), table.objectName())
    tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: on_screen(page))
    # A laptop screen shows the whole page at once; the smallest window scrolls it.
    assert page.scroll_area.verticalScrollBar().isVisible() == (size == MINIMUM_SIZE)
    # The header: the two names, the badges and the buttons side by side, none over another.
    header = [ui.name_label, ui.original_name_label, ui.age_label, ui.mark_label, ui.badges_label]
    boxes = [_in(w, page) for w in header]
    for upper, lower in zip(boxes, boxes[1:], strict=False):
        assert upper.bottom() < lower.top(), (upper, lower)
    buttons = _in(ui.edit_button, page)
    assert all(not box.intersects(buttons) for box in boxes)
    assert not _in(ui.badges_label, page).intersects(_in(ui.missing_label, page))
    assert _in(ui.missing_label, page).bottom() < _in(ui.section_tabs, page).top()


def test_the_case_list_fits_a_laptop_screen(qtbot, czech, officer_session, tmp_path):
    us = officer_session
    cid = _full_record(us)
    window = _window(qtbot, us, SCREEN)
    page = window.children_page
    view, model = page.ui.table_view, page.model
    header = view.horizontalHeader()
    screenshot(qtbot, window, shots_dir(tmp_path) / "field_ready_case_list_1366.png")
    assert header.isSectionHidden(NEXT_VISIT)  # no child has a planned visit yet
    assert columns_on_screen(view) == [] and not view.horizontalScrollBar().isVisible()
    row = next(r for r in range(model.rowCount()) if model.row_at(r).id == cid)
    metrics = view.fontMetrics()
    assert header.sectionSize(NAME) >= metrics.horizontalAdvance(model.index(row, NAME).data())
    bold = view.font()
    bold.setBold(True)
    risk = model.index(row, RISK).data()
    assert risk.startswith(f"Pohřešován {duration_text(37)} · ") and duration_text(37) == "37 hodin"
    assert header.sectionSize(RISK) >= QFontMetrics(bold).horizontalAdvance(risk)
    assert header.sectionSize(AGE) >= metrics.horizontalAdvance(model.index(row, AGE).data())
    # The child's page says the same time missing as the list.
    child_page = window.open_child(cid)
    wait_tasks(qtbot)
    assert f"POHŘEŠOVÁN {duration_text(37)} —" in child_page.ui.missing_label.text()
    assert child_page.ui.episodes_table.item(0, 5).text() == duration_text(37)


def test_history_and_timeline_rows_fit_their_text_and_columns_stay_on_screen(qtbot, officer_session, tmp_path):
    """Rows filled at one width keep fitting when the window grows (they stayed tall on the first child opened,
    whose tables were laid out hidden at a default width); the timeline's "who" stays on screen."""
    us = officer_session
    cid = _full_record(us)
    window = _window(qtbot, us, MINIMUM_SIZE)
    page = window.open_child(cid)
    wait_tasks(qtbot)
    tabs = page.ui.section_tabs
    for table in (page.ui.history_table, page.ui.timeline_table):
        window.resize(MINIMUM_SIZE)
        tabs.setCurrentWidget(table.parentWidget())
        qtbot.waitUntil(lambda: on_screen(page))
        window.grab()
        assert columns_on_screen(table) == []  # who did it is on screen, however long what happened is
        window.resize(SCREEN)  # maximised: the wrapped columns widen in one step
        qtbot.waitUntil(lambda: on_screen(page))
        window.grab()
        qtbot.waitUntil(lambda t=table: rows_taller_than_text(t) == [], timeout=3000)
        assert columns_on_screen(table) == []
    timeline = page.ui.timeline_table
    assert any(timeline.item(r, 2).text() == "Petr Novák" for r in range(timeline.rowCount()))


def test_an_unsortable_column_keeps_the_arrow_where_the_order_is(qtbot, officer_session, monkeypatch):
    us = officer_session
    for given in ("Omid", "Jana", "Hamid"):
        child(us, given, days_ago=10, nationalities=("IR",))
    monkeypatch.setattr(children_page_module, "CLIENT_SORT_LIMIT", 2)  # 3 children: "too many" to sort here
    window = _window(qtbot, us, SCREEN)
    page = window.children_page
    header = page.ui.table_view.horizontalHeader()

    def click(column: int) -> None:
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(x, header.height() // 2))

    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (NAME, Qt.SortOrder.AscendingOrder)
    click(NATIONALITY)
    assert "Too many children" in page.ui.count_label.text()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (NAME, Qt.SortOrder.AscendingOrder)
    with qtbot.waitSignal(page.list_loaded, timeout=10_000):
        click(AGE)  # the service orders by age: allowed
    assert header.sortIndicatorSection() == AGE
    monkeypatch.setattr(children_page_module, "CLIENT_SORT_LIMIT", 5000)
    with qtbot.waitSignal(page.list_loaded, timeout=10_000):
        click(NATIONALITY)  # few enough to sort on this computer
    assert header.sortIndicatorSection() == NATIONALITY


def test_the_register_dialog_with_its_matches_fits_a_768_pixel_screen(qtbot, czech, officer_session, tmp_path,
                                                                       monkeypatch):
    from ospod_desktop.ui import fit
    from ospod_desktop.ui.dialogs.child_fields import set_number

    room = QSize(1366, 768 - 40 - fit.TITLE_BAR)  # a 1366×768 screen with a 40-pixel taskbar
    monkeypatch.setattr(fit, "available_size", lambda _widget: room)
    us = officer_session
    for _ in range(3):  # three earlier registrations of the same boy
        children.register_child(us, child_form("", "", "M", original_script_name="Олександр Шевченко",
                                               birth_year=2010, nationalities=("UA",)))
    window = _window(qtbot, us, SCREEN)
    dialog = window.children_page.register_child()
    wait_tasks(qtbot)
    ui = dialog.ui
    type_text(ui.given_names_edit, "Oleksandr")
    type_text(ui.family_names_edit, "Ševčenko")
    ui.sex_combo.setCurrentIndex(ui.sex_combo.findData("M"))
    set_number(ui.birth_year_spin, 2010)
    dialog.nationalities.add("UA")
    type_text(ui.found_place_edit, "Praha – hlavní nádraží")
    save = ui.button_box.button(QDialogButtonBox.StandardButton.Save)
    save.click()
    wait_tasks(qtbot)
    qtbot.waitUntil(lambda: on_screen(dialog))
    screenshot(qtbot, dialog, shots_dir(tmp_path) / "field_ready_register_matches_1366x768.png")
    assert ui.duplicates_group.isVisible() and ui.duplicates_table.rowCount() == 3
    assert dialog.height() <= room.height(), dialog.height()
    cancel = ui.button_box.button(QDialogButtonBox.StandardButton.Cancel)
    for button in (ui.open_existing_button, ui.save_anyway_button, cancel):
        assert button.isVisible() and dialog.rect().contains(_in(button, dialog)), button.text()
    assert cut(dialog) == []
    # One choice, one primary action: the form's Save is gone, Enter opens the existing record.
    assert not save.isVisible() and ui.open_existing_button.isDefault() and not ui.save_anyway_button.isDefault()
    assert ui.save_anyway_button.text().replace("&", "") == "Jde o jiné dítě — uložit"
    with qtbot.waitSignal(dialog.open_existing):
        QTest.keyClick(dialog, Qt.Key.Key_Return)


@pytest.mark.parametrize("size", [MINIMUM_SIZE, SCREEN], ids=["minimum", "1366x768"])
def test_every_page_fits_the_minimum_window(qtbot, czech, admin_session, officer_session, tmp_path, size):
    """The other pages, for an officer and for the administrator, lay out in the smallest window too."""
    _full_record(officer_session)
    shots = shots_dir(tmp_path)
    name = f"{size.width()}x{size.height()}"
    for us in (officer_session, admin_session[0]):
        window = _window(qtbot, us, size) if us is officer_session else MainWindow(us)
        if us is not officer_session:
            qtbot.addWidget(window)
            window.resize(size)
            window.show()
        nav = window.ui.nav_list
        for row in range(nav.count()):
            if nav.item(row).isHidden():
                continue
            nav.setCurrentRow(row)
            wait_tasks(qtbot)
            screenshot(qtbot, window, shots / f"field_ready_page_{us.actor.role.value}_{row}_{name}.png")
            assert cut(window) == [], (us.actor.role, nav.item(row).text())
        window.close()
