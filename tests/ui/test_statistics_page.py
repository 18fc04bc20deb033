"""The Statistics page on a real database: the counts of a small office for a period, the chart following the chosen
table, the preview as exported ("<5"), the export (a file and a register entry), the page hidden from facility
staff and administrators, Qt Charts loaded only when the page is shown, and the page in Czech."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from sqlalchemy import text

from ospod_desktop.core.roles import Role
from ospod_desktop.services import children, disclosures, identity
from ospod_desktop.ui.main_window import STATISTICS, MainWindow
from ospod_desktop.ui.pages.statistics_page import COUNT, KEY, LABEL, SHARE, StatisticsPage
from tests.conftest import OFFICER_PASSWORD, child_form
from tests.services.placement_helpers import TODAY
from tests.ui.helpers import wait_tasks
from tests.ui.trafficking_helpers import finished

START = TODAY - timedelta(days=30)


def _child(us, given: str, sex: str, days_ago: int, *nationalities: str) -> int:
    form = child_form(given, "Testová", sex, found_on=TODAY - timedelta(days=days_ago), nationalities=nationalities)
    return children.register_child(us, form)


@pytest.fixture
def office(admin_session, officer_session, db_path):
    """Three children found in the last 30 days (two boys, a girl with two nationalities, a presumed victim) and
    one found earlier; a supervisor."""
    admin, _code = admin_session
    officer = officer_session
    _child(officer, "Ali", "M", 10, "UA")
    girl = _child(officer, "Olena", "F", 5, "UA", "RU")
    _child(officer, "Ahmad", "M", 3, "AF")
    _child(officer, "Stará", "F", 100, "SY")
    finished(officer, girl, "presumed_victim")
    identity.create_user(admin, "boss", "Marie Vedoucí", Role.SUPERVISOR, OFFICER_PASSWORD)
    return {"officer": officer, "admin": admin, "girl": girl}


def _page(qtbot, us) -> StatisticsPage:
    page = StatisticsPage(us)
    qtbot.addWidget(page)
    page.resize(1150, 650)
    assert page.chart is None  # Qt Charts is not touched before the page is shown
    with qtbot.waitSignal(page.computed, timeout=10_000):
        page.show()
    with qtbot.waitSignal(page.computed, timeout=10_000):
        page.set_period(START, TODAY)
    return page


def _rows(page: StatisticsPage) -> dict[str, tuple[str, str, str]]:
    t = page.table
    return {t.item(r, KEY).text(): (t.item(r, LABEL).text(), t.item(r, COUNT).text(), t.item(r, SHARE).text())
            for r in range(t.rowCount())}


def _statistics_reads(us) -> list[str]:
    with us.read() as s:
        return list(s.execute(text("SELECT detail FROM audit_log WHERE entity = 'statistics' AND action = 'read'"
                                   " ORDER BY id")).scalars())


def test_the_page_counts_the_period_and_the_chart_follows_the_table(qtbot, office):
    officer = office["officer"]
    page = _page(qtbot, officer)
    assert page.period_chooser.preset_combo.currentData() == "custom" and page.period() == (START, TODAY)
    assert _statistics_reads(officer)[-1] == f"from:{START.isoformat()};to:{TODAY.isoformat()}"
    page.choose_table("registered_by_sex")
    assert _rows(page) == {"M": ("male", "2", "66.7%"), "F": ("female", "1", "33.3%"), "U": ("unknown", "0", "0.0%"),
                           "total": ("Total (children)", "3", "")}
    assert page.chart.values() == [2.0, 1.0, 0.0]
    assert page.chart.labels() == ["male", "female", "unknown"]
    assert not page.note_label.isVisibleTo(page)
    page.choose_table("registered_by_citizenship")  # a child with two nationalities counts in both rows
    rows = _rows(page)
    assert {k: v[1] for k, v in rows.items()} == {"UA": "2", "AF": "1", "RU": "1", "total": "3"}
    assert rows["UA"][0] == "Ukraine" and rows["UA"][2] == "66.7%"
    assert page.chart.values() == [2.0, 1.0, 1.0]
    assert page.chart.labels() == ["Ukraine", "Afghanistan", "Russia"]
    assert page.note_label.isVisibleTo(page)
    assert "at least one child counts in more than one row" in page.note_label.text()
    page.choose_table("presumed_by_sex")
    assert _rows(page)["F"][1] == "1" and page.chart.values() == [0.0, 1.0, 0.0]
    page.choose_table("presumed_by_form")
    values = {k: v[1] for k, v in _rows(page).items()}
    assert values["criminal"] == values["begging"] == "1" and values["total"] == "1"
    assert sorted(page.chart.values(), reverse=True)[:3] == [1.0, 1.0, 0.0]
    # The whole year: the girl found 100 days ago counts too (when this year holds her day).
    with qtbot.waitSignal(page.computed, timeout=10_000):
        page.set_preset("last_12_months")
    page.choose_table("registered_by_sex")
    assert _rows(page)["total"][1] == "4" and page.chart.values() == [2.0, 2.0, 0.0]


def test_preview_as_exported_shows_small_counts_suppressed(qtbot, office):
    page = _page(qtbot, office["officer"])
    page.choose_table("registered_by_sex")
    assert not page.suppress_spin.isEnabled()
    page.preview_check.setChecked(True)
    rows = _rows(page)
    assert rows["M"][1] == "<5" and rows["F"][1] == "<5" and rows["total"][1] == "<5"
    assert rows["U"][1] == "0" and rows["M"][2] == ""  # no share of a suppressed count
    assert page.chart.values() == [0.0, 0.0, 0.0]
    assert page.chart.labels()[:2] == ["male (<5)", "female (<5)"]
    assert "as exported" in page.status_label.text()
    page.suppress_spin.setValue(3)  # "<3": the girl's 1 is suppressed, the boys' 2 too
    assert _rows(page)["F"][1] == "<3"
    page.preview_check.setChecked(False)
    assert _rows(page)["M"][1] == "2" and page.chart.values() == [2.0, 1.0, 0.0]


def test_export_writes_the_file_and_a_register_entry(qtbot, office, tmp_path):
    officer = office["officer"]
    page = _page(qtbot, officer)
    before = len(disclosures.disclosures(officer))
    dialog = page.choose_export()
    assert dialog.suppress_spin.value() == 5 and dialog.fmt() == "xlsx"
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("json"))
    dialog.suppress_spin.setValue(2)  # "<2" could only mean 1
    dialog.path_edit.setText(str(tmp_path / "stats.json"))
    dialog.accept()
    assert dialog.isVisible() and "from 3 to 1000" in dialog.error_label.text()
    dialog.suppress_spin.setValue(0)
    assert "own use" in dialog.explain_label.text()
    with qtbot.waitSignal(page.exported, timeout=10_000) as blocker:
        dialog.accept()
    data = json.loads((tmp_path / "stats.json").read_text(encoding="utf-8"))
    assert data["from"] == START.isoformat() and data["suppressed_below"] == 0
    assert data["tables"]["registered_by_sex"] == {"M": 2, "F": 1, "U": 0, "total": 3}
    entries = disclosures.disclosures(officer)
    assert len(entries) == before + 1 and entries[0].id == blocker.args[0] and entries[0].kind == "statistics"
    assert "disclosure register" in page.status_label.text()
    page.export_to(str(tmp_path / "stats.csv"), "csv", 5, "cs")
    wait_tasks(qtbot)
    assert Path(tmp_path / "stats.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # the CSV of the export helper
    assert len(disclosures.disclosures(officer)) == before + 2


def test_a_failed_export_names_the_problem_and_writes_nothing(qtbot, office, tmp_path):
    page = _page(qtbot, office["officer"])
    target = tmp_path / "missing-folder" / "stats.pdf"
    page.export_to(str(target), "pdf", 5, "en")
    wait_tasks(qtbot)
    assert page.error_label.isVisibleTo(page) and not target.exists()
    assert page.export_button.isEnabled()


def test_a_reversed_period_is_an_error_on_the_from_date(qtbot, office):
    page = _page(qtbot, office["officer"])
    with qtbot.waitSignal(page.computed, timeout=10_000):
        page.set_period(TODAY, START)
    assert page.error_label.isVisibleTo(page) and page.error_label.text()
    assert page.stats is None and page.table.rowCount() == 0 and page.chart.values() == []
    assert not page.chart.isVisibleTo(page) and "valid period" in page.empty_label.text()


def test_a_period_with_nothing_counted_says_so_instead_of_an_empty_chart(qtbot, office):
    page = _page(qtbot, office["officer"])
    page.choose_table("registered_by_sex")
    assert page.chart.isVisibleTo(page) and not page.empty_label.isVisibleTo(page)
    with qtbot.waitSignal(page.computed, timeout=10_000):
        page.set_period(date(2001, 1, 1), date(2001, 1, 31))
    assert _rows(page)["total"][1] == "0"
    assert not page.chart.isVisibleTo(page) and page.empty_label.isVisibleTo(page)
    assert page.empty_label.text() == "Nothing counted in this table for Jan 1, 2001 – Jan 31, 2001."
    page.choose_table("presumed_by_citizenship")  # an open table: only its total
    assert page.empty_label.isVisibleTo(page) and page.table.rowCount() == 1
    with qtbot.waitSignal(page.computed, timeout=10_000):
        page.set_period(START, TODAY)
    page.choose_table("registered_by_sex")
    assert page.chart.isVisibleTo(page) and not page.empty_label.isVisibleTo(page)
    page.preview_check.setChecked(True)  # every count "<5": the bars are 0 but their labels say "<5"
    assert page.chart.isVisibleTo(page)


def test_the_multiple_note_is_said_once(qtbot, office):
    page = _page(qtbot, office["officer"])
    page.choose_table("registered_by_citizenship")
    assert page.note_label.text() == ("In this period at least one child counts in more than one row; the total "
                                      "counts each child once.")


def test_alt_letters_reach_every_control(qtbot, office):
    page = _page(qtbot, office["officer"])
    chooser = page.period_chooser
    buddies = {label.text(): label.buddy() for label in page.findChildren(QLabel) if label.buddy() is not None}
    assert buddies["&Period:"] is chooser.preset_combo and buddies["&Table:"] is page.section_combo
    assert chooser.from_edit in buddies.values() and chooser.to_edit in buddies.values()
    assert "&" in page.export_button.text() and "&" in page.preview_check.text()
    dialog = page.choose_export()
    labels = {label.text(): label.buddy() for label in dialog.findChildren(QLabel) if label.buddy() is not None}
    assert labels == {"&Format:": dialog.format_combo, "&Hide counts below:": dialog.suppress_spin,
                      "&Language of the labels:": dialog.lang_combo, "F&ile:": dialog.path_edit}
    dialog.reject()


@pytest.mark.parametrize("role", [Role.FACILITY_STAFF, Role.ADMIN, Role.SUPERVISOR, Role.OFFICER])
def test_only_officers_and_supervisors_have_the_page(qtbot, admin_session, db_path, role):
    admin, _code = admin_session
    if role is Role.ADMIN:
        us = admin
    else:
        facility = identity.list_facility_choices(admin)[0].id if role is Role.FACILITY_STAFF else None
        identity.create_user(admin, "someone", "Petr Novák", role, OFFICER_PASSWORD, facility)
        us = identity.login(db_path, "someone", OFFICER_PASSWORD)
    window = MainWindow(us)
    window.show()
    qtbot.waitExposed(window)
    wait_tasks(qtbot)
    allowed = role in (Role.SUPERVISOR, Role.OFFICER)
    assert window.ui.nav_list.item(STATISTICS).isHidden() is not allowed
    assert isinstance(window.statistics_page, StatisticsPage) is allowed
    if allowed:
        assert window.statistics_page.stats is None  # nothing read until the page is opened
        with qtbot.waitSignal(window.statistics_page.computed, timeout=10_000):
            window.ui.nav_list.setCurrentRow(STATISTICS)
        assert window.statistics_page.stats is not None
    window.close()


def test_qt_charts_is_not_imported_with_the_window():
    code = ("import sys\n"
            "import ospod_desktop.ui.main_window, ospod_desktop.ui.pages.statistics_page\n"
            "print('PySide6.QtCharts' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                            cwd=Path(__file__).resolve().parents[2])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_the_page_in_czech(qtbot, office):
    from ospod_desktop.ui.locale import apply_language

    apply_language("cs")
    try:
        page = _page(qtbot, office["officer"])
        page.choose_table("registered_by_sex")
        assert page.period_chooser.preset_combo.currentText() == "Vlastní období"
        assert [page.period_chooser.preset_combo.itemText(i) for i in range(3)] == ["Tento rok", "Minulý rok", "Toto čtvrtletí"]
        headers = [page.table.horizontalHeaderItem(c).text() for c in range(4)]
        assert headers == ["Kategorie", "Kód", "Počet", "Podíl"]
        assert page.table_combo.currentText() == "Evidované děti podle pohlaví"
        assert _rows(page)["M"] == ("muž", "2", "66,7\xa0%")
        assert page.chart.labels() == ["muž", "žena", "neznámo"]
        assert page.export_button.text() == "E&xportovat…"
        assert page.period_chooser.from_edit.text() == f"{START.day}. {START.month}. {START.year}"
        assert "přesné počty" in page.status_label.text()
        page.preview_check.setChecked(True)
        assert page.chart.labels()[0] == "muž (<5)" and "jako v exportu" in page.status_label.text()
        page.choose_table("registered_by_citizenship")
        assert page.chart.labels() == ["Afghánistán (<5)", "Rusko (<5)", "Ukrajina (<5)"]  # exported: by code
        dialog = page.choose_export()
        assert dialog.windowTitle() == "Export statistik" and dialog.lang_combo.currentData() == "cs"
        dialog.reject()
    finally:
        apply_language("en")


@pytest.mark.parametrize("lang", ["cs", "en"])
def test_screenshots_of_the_demo_office(qtbot, tmp_path, lang):
    """The supervisor's page on the demo office at the common and the smallest window size: nothing clipped, every
    bar's label whole (no "…")."""
    from ospod_desktop.demo import builder as demo
    from ospod_desktop.ui.locale import apply_language
    from tests.ui.helpers import screenshot, shots_dir
    from tests.ui.test_screens import clipped

    shots = shots_dir(tmp_path)
    path = tmp_path / "demo.db"
    demo.build_demo(path, children=120, seed=2026)
    apply_language(lang)
    us = identity.login(path, "supervisor", demo.DEMO_PASSWORD)
    try:
        window = MainWindow(us)
        window.show()
        qtbot.waitExposed(window)
        wait_tasks(qtbot)
        page = window.statistics_page
        with qtbot.waitSignal(page.computed, timeout=20_000):
            window.ui.nav_list.setCurrentRow(STATISTICS)
        with qtbot.waitSignal(page.computed, timeout=20_000):
            page.set_preset("last_12_months")
        for table, preview in (("registered_by_age_group", False), ("disappearances", False),
                               ("registered_by_citizenship", True), ("presumed_by_form", False)):
            page.choose_table(table)
            page.preview_check.setChecked(preview)
            for width, height in ((1366, 768), (1000, 600)):
                window.resize(width, height)
                screenshot(qtbot, window, shots / f"statistics_{lang}_{table}{'_preview' if preview else ''}"
                                                  f"_{width}x{height}.png")
                assert clipped(page) == []
                assert page.chart.values() and not any("…" in label for label in page.chart.category_axis.categories())
        dialog = page.choose_export()
        screenshot(qtbot, dialog, shots / f"statistics_{lang}_export_dialog.png")
        assert clipped(dialog) == []
        dialog.reject()
        window.close()
    finally:
        us.close()
        apply_language("en")
