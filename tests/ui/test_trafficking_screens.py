"""Screens of the trafficking indicators' review, events, flag and catalogue, in Czech at 1366×768 and the window's
minimum size 1000×600 (OSPOD_SHOTS_DIR keeps the pictures): nothing clipped."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from ospod_desktop.core.deadlines import add_months
from ospod_desktop.services import trafficking
from ospod_desktop.ui.dialogs.compare_assessments_dialog import CompareAssessmentsDialog
from ospod_desktop.ui.dialogs.victim_event_dialog import VictimEventDialog
from ospod_desktop.ui.main_window import ADMINISTRATION, APPROVALS, CHILDREN, MainWindow
from ospod_desktop.ui.pages.victim_events import make_victim_events
from tests.services.due_helpers import office_of_two
from tests.ui.helpers import on_screen, screenshot, shots_dir, wait_tasks
from tests.ui.test_screens import clipped, czech  # noqa: F401 (fixtures)
from tests.ui.trafficking_helpers import finished

SIZES = {"1366x768": (1366, 768), "1000x600": (1000, 600)}
DAY = date.today() - timedelta(days=5)


@pytest.fixture
def office(admin_session, officer_session, db_path):
    with office_of_two(admin_session[0], officer_session, db_path) as office:
        us = office["officer"]
        finished(us, office["mine"], "concern", reasoning="Chlapec uvedl, že pracoval na stavbě bez mzdy.")
        finished(us, office["mine"], "presumed_victim", reasoning="Další výpověď potvrdila nucenou práci.")
        finished(us, office["theirs"], "presumed_victim", conclusion="concern",
                 reasoning="Zatím jen podezření, dítě odmítá mluvit.")
        trafficking.record_victim_event(us, office["mine"], "police_report", DAY, body="KŘP hl. m. Prahy, OOKTJ",
                                        channel="datová schránka")
        trafficking.record_victim_event(us, office["mine"], "reflection_period", DAY, ends_on=add_months(DAY, 1))
        yield office


def _window(qtbot, us, size: str) -> MainWindow:
    window = MainWindow(us)
    qtbot.addWidget(window)
    window.setMinimumSize(1000, 600)  # the app's minimum (the offscreen screen is smaller: it would bound it)
    window.resize(*SIZES[size])
    window.show()
    qtbot.waitExposed(window)
    wait_tasks(qtbot)
    return window


def _shot(qtbot, widget: QWidget, tmp_path, name: str) -> None:
    wait_tasks(qtbot)
    qtbot.waitUntil(lambda: on_screen(widget), timeout=10_000)
    QApplication.processEvents()
    assert clipped(widget) == []
    screenshot(qtbot, widget, shots_dir(tmp_path) / f"{name}.png")


@pytest.mark.parametrize("size", SIZES)
def test_approvals_screen(qtbot, czech, office, tmp_path, size):  # noqa: F811 (fixtures)
    window = _window(qtbot, office["boss"], size)
    window.ui.nav_list.setCurrentRow(APPROVALS)
    assert window.ui.nav_list.item(APPROVALS).text().endswith("(3)")
    _shot(qtbot, window, tmp_path, f"approvals_{size}")
    window.approvals_page.return_button.click()  # without a comment: the error under it names the field
    assert window.approvals_page.status_label.text().startswith("Komentář:")
    _shot(qtbot, window, tmp_path, f"approvals_return_refused_{size}")


@pytest.mark.parametrize("size", SIZES)
def test_case_list_and_header_flag_screens(qtbot, czech, office, tmp_path, size):  # noqa: F811 (fixtures)
    window = _window(qtbot, office["officer"], size)
    window.ui.nav_list.setCurrentRow(CHILDREN)
    _shot(qtbot, window, tmp_path, f"case_list_flag_{size}")
    window.open_child(office["mine"])
    _shot(qtbot, window, tmp_path, f"child_header_flag_{size}")


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("inner", [0, 1, 2])
def test_catalogue_tab_screens(qtbot, czech, office, tmp_path, size, inner):  # noqa: F811 (fixtures)
    window = _window(qtbot, office["admin"], size)
    window.ui.nav_list.setCurrentRow(ADMINISTRATION)
    page = window.admin_page
    page.ui.admin_tabs.setCurrentWidget(page.catalogue_tab)
    wait_tasks(qtbot)
    tab = page.catalogue_tab
    tab.tabs.setCurrentIndex(inner)
    if inner == 1:
        tab.tree.setCurrentItem(tab.tree.topLevelItem(0).child(0))
    _shot(qtbot, window, tmp_path, f"catalogue_tab{inner}_{size}")


@pytest.mark.parametrize("size", SIZES)
def test_dialog_screens(qtbot, czech, office, tmp_path, size):  # noqa: F811 (fixtures)
    window = _window(qtbot, office["officer"], size)
    dialog = CompareAssessmentsDialog(office["officer"], office["mine"], parent=window)
    dialog.show()
    _shot(qtbot, dialog, tmp_path, f"compare_{size}")
    dialog.close()
    for kind in ("police_report", "reflection_period", "referred"):
        event = VictimEventDialog(office["officer"], office["mine"], kind, parent=window)
        event.show()
        _shot(qtbot, event, tmp_path, f"victim_event_{kind}_{size}")
        event.close()
    holder = QWidget()
    qtbot.addWidget(holder)
    QVBoxLayout(holder).addWidget(make_victim_events(office["officer"], office["mine"], holder))
    holder.resize(SIZES[size][0] - 250, 260)  # the width beside the navigation
    holder.show()
    _shot(qtbot, holder, tmp_path, f"victim_events_{size}")
