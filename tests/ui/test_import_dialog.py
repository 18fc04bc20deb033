"""The import dialog: preview mapped to the canonical columns, row errors by row and field, template, import."""

from __future__ import annotations

import re
from datetime import date, timedelta

from PySide6.QtCore import QRect, Qt

from ospod_desktop.core import history as H
from ospod_desktop.core.i18n import set_language
from ospod_desktop.services import children
from ospod_desktop.ui.dialogs.import_dialog import ImportDialog
from ospod_desktop.ui.pages.children_page import ChildrenPage
from tests.conftest import child_form
from tests.ui.helpers import ChangesSeen, screenshot, shots_dir, wait_tasks

YESTERDAY = (date.today() - timedelta(days=1)).isoformat()
TOMORROW = (date.today() + timedelta(days=1)).isoformat()


def _csv(tmp_path, rows: list[str]):
    path = tmp_path / "register.csv"
    header = "Příjmení;Jméno;Pohlaví;Rok narození;Státní příslušnost;Datum nalezení;Místo nalezení;Stav"
    path.write_text("\ufeff" + "\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def _dialog(qtbot, us) -> ImportDialog:
    dialog = ImportDialog(us)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _count(us) -> int:
    return len(children.list_children(us, children.ListFilter(case_status=None)).ids)


def test_preview_lists_row_errors_and_import_is_all_or_nothing_unless_skipping(qtbot, officer_session, tmp_path):
    path = _csv(tmp_path, [
        f"Ševčenko;Oleksandr;M;2010;UA;{YESTERDAY};Praha;bez doprovodu",
        f"Haidari;Amina;X;2011;AF;{YESTERDAY};Brno;bez doprovodu",
        f"Коваленко;Олена;Ž;2012;UA;{TOMORROW};Ostrava;odloučené",
        f"Tesfay;Sara;Ž;2009;ER;{YESTERDAY};Plzeň;bez doprovodu",
    ])
    dialog = _dialog(qtbot, officer_session)
    dialog.load_file(path)
    wait_tasks(qtbot)
    ui = dialog.ui
    assert ui.preview_table.rowCount() == 4
    headers = [ui.preview_table.horizontalHeaderItem(c).text() for c in range(ui.preview_table.columnCount())]
    assert headers[:4] == ["Reference", "Case file mark", "Given names", "Family names"]
    assert ui.preview_table.item(0, 3).text() == "Ševčenko" and ui.preview_table.item(2, 2).text() == "Олена"
    assert ui.matches_table.isHidden()  # no row resembles a registered child or another row
    errors = [[ui.errors_table.item(r, c).text() for c in range(3)] for r in range(ui.errors_table.rowCount())]
    # rows as the spreadsheet numbers them: the header is row 1
    assert errors == [["3", "Sex", "Sex: use M, F or U."], ["4", "Date found", "Date found: the date is in the future."]]
    assert [ui.preview_table.verticalHeaderItem(r).text() for r in range(4)] == ["2", "3", "4", "5"]
    assert ui.preview_table.item(1, 0).toolTip() == "Sex: use M, F or U."
    assert "4 rows read" in ui.summary_label.text() and "2 rows have errors" in ui.summary_label.text()
    assert not ui.import_button.isEnabled() and dialog.run_import() is None
    assert _count(officer_session) == 0

    seen = ChangesSeen()
    ui.skip_invalid_check.setChecked(True)
    assert ui.import_button.isEnabled()
    ui.import_button.click()
    wait_tasks(qtbot)
    assert [len(ids) for ids in seen.child_ids()] == [2] and _count(officer_session) == 2
    assert ui.summary_label.text() == "2 children were imported. 2 rows were skipped."


def test_a_clean_file_imports_everything_and_refreshes_the_list(qtbot, officer_session, tmp_path):
    path = _csv(tmp_path, [f"Ševčenko;Oleksandr;M;2010;UA;{YESTERDAY};Praha;bez doprovodu"])
    page = ChildrenPage(officer_session)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.list_loaded):
        page.show()
    dialog = page.import_children()
    dialog.load_file(path)
    wait_tasks(qtbot)
    assert dialog.ui.errors_table.rowCount() == 0 and not dialog.ui.skip_invalid_check.isEnabled()
    with qtbot.waitSignal(page.list_loaded):
        dialog.ui.import_button.click()
    assert page.model.rowCount() == 1


def test_unreadable_file_is_reported(qtbot, officer_session, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("foo,bar\n1,2\n", encoding="utf-8")
    dialog = _dialog(qtbot, officer_session)
    dialog.load_file(path)
    wait_tasks(qtbot)
    assert dialog.ui.error_label.text().startswith("No known column names")
    assert not dialog.ui.import_button.isEnabled()


def test_template_has_the_canonical_header_and_a_valid_example(qtbot, officer_session, tmp_path):
    dialog = _dialog(qtbot, officer_session)
    target = tmp_path / "template.csv"
    dialog.save_template(target)
    text = target.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == children.TEMPLATE_HEADER
    assert "Олександр Шевченко" in text.splitlines()[1]
    assert str(target) in dialog.ui.summary_label.text()
    dialog.load_file(target)
    wait_tasks(qtbot)
    assert dialog.ui.preview_table.rowCount() == 1 and dialog.ui.errors_table.rowCount() == 0
    assert dialog.ui.import_button.isEnabled()


def test_template_cells_never_start_a_formula(tmp_path, monkeypatch):
    from ospod_desktop.ui.dialogs import import_dialog

    target = tmp_path / "template.csv"
    import_dialog.write_template(target)
    plain = target.read_bytes()
    assert plain.startswith(b"\xef\xbb\xbf" + children.TEMPLATE_HEADER.encode() + b"\r\n")
    assert b"'" not in plain  # the example has nothing to escape: the file is as before
    monkeypatch.setattr(import_dialog, "EXAMPLE_ROW", ("=1+2", "@SUM(A1)", "-x", "+y", 2010, None))
    import_dialog.write_template(target)
    assert target.read_text(encoding="utf-8-sig").splitlines()[1] == "'=1+2,'@SUM(A1),'-x,'+y,2010,"


def _registered(us) -> dict[str, int]:
    return {
        "sasha": children.register_child(us, child_form(
            "Oleksandr", "Shevchenko", "M", birth_year=2010, nationalities=("UA",), reference="P-77",
            case_mark="Om 7/2026")),
        "amina": children.register_child(us, child_form("Amina", "Haidari", "F", nationalities=("AF",),
                                                        reference="KRPA-2")),
    }


def _register_file(tmp_path):
    path = tmp_path / "register.csv"
    header = "Číslo jednací;Příjmení;Jméno;Pohlaví;Rok narození;Státní příslušnost;Datum nalezení;Místo nalezení;Stav"
    rows = [f"KRPA-1;Ševčenko;Oleksandr;M;2010;UA;{YESTERDAY};Praha – Florenc;bez doprovodu",
            f"KRPA-2;Haidari;Amina;Ž;2011;AF;{YESTERDAY};Letiště Václava Havla;bez doprovodu",
            f"KRPA-3;Tesfay;Sara;Ž;2009;ER;{YESTERDAY};Plzeň;bez doprovodu"]
    path.write_bytes(("\r\n".join([header, *rows]) + "\r\n").encode("cp1250"))  # as Czech Excel saves it
    return path


def _matches(ui) -> list[list[str]]:
    table = ui.matches_table
    return [[table.item(r, c).text() for c in range(4)] for r in range(table.rowCount())]


def test_rows_like_registered_children_wait_for_the_officers_choice(qtbot, officer_session, tmp_path):
    ids = _registered(officer_session)
    dialog = _dialog(qtbot, officer_session)
    dialog.load_file(_register_file(tmp_path))
    wait_tasks(qtbot)
    ui = dialog.ui
    assert ui.errors_table.rowCount() == 0 and ui.matches_table.isVisible()
    rows = _matches(ui)
    assert [r[:2] for r in rows] == [["2", "Ševčenko Oleksandr"], ["3", "Haidari Amina"]]
    assert rows[0][2] == f"record no. {ids['sasha']} (reference P-77, file mark Om 7/2026, Shevchenko Oleksandr)"
    assert re.fullmatch(r"\d+ % · .*same birth year.*", rows[0][3])
    assert rows[1][2].startswith(f"record no. {ids['amina']} (reference KRPA-2") and rows[1][3] == "same reference"
    assert "2 rows may be children already registered" in ui.summary_label.text()
    sasha, amina = dialog.combos[2], dialog.combos[3]
    assert [sasha.itemText(i) for i in range(sasha.count())] == [
        "Choose…", "Import as a new child", "Skip the row", f"Same child as no. {ids['sasha']}: update it",
        f"Same child as no. {ids['sasha']}: only link"]
    assert [amina.itemText(i) for i in range(amina.count())] == [
        "Choose…", "Skip: it is already registered", f"Update record no. {ids['amina']} from the row"]
    assert not ui.import_button.isEnabled()  # nothing goes in before every such row is decided
    sasha.setCurrentIndex(sasha.findText(f"Same child as no. {ids['sasha']}: update it"))
    assert not ui.import_button.isEnabled()
    amina.setCurrentIndex(1)
    assert ui.import_button.isEnabled()

    seen = ChangesSeen()
    ui.import_button.click()
    wait_tasks(qtbot)
    assert ui.summary_label.text() == "1 child was imported. 1 registered child was updated. 1 row was skipped."
    assert _count(officer_session) == 3  # Sara is new; Oleksandr updated; Amina left as she was
    [written] = seen.child_ids()
    assert ids["sasha"] in written and ids["amina"] not in written and len(written) == 2
    view = children.get_child(officer_session, ids["sasha"])
    assert (view.family_names, view.reference, view.case_mark) == ("Ševčenko", "P-77", "Om 7/2026")
    assert view.identifiers[0].number == "KRPA-1"  # the row's reference, kept beside the child's own
    assert H.FieldChanged("family_names", "Shevchenko", "Ševčenko") in [h.entry for h in view.history]
    assert not ui.import_button.isEnabled() and ui.matches_table.isHidden()


def test_import_anyway_creates_a_new_child(qtbot, officer_session, tmp_path):
    ids = _registered(officer_session)
    dialog = _dialog(qtbot, officer_session)
    dialog.load_file(_register_file(tmp_path))
    wait_tasks(qtbot)
    dialog.combos[2].setCurrentIndex(dialog.combos[2].findText("Import as a new child"))
    dialog.combos[3].setCurrentIndex(dialog.combos[3].findText(f"Update record no. {ids['amina']} from the row"))
    dialog.ui.import_button.click()
    wait_tasks(qtbot)
    assert dialog.ui.summary_label.text() == "2 children were imported. 1 registered child was updated."
    assert _count(officer_session) == 4
    assert children.get_child(officer_session, ids["amina"]).birth_year == 2011


def test_screenshot_of_the_preview_with_a_registered_child_in_czech(qtbot, officer_session, tmp_path):
    _registered(officer_session)
    set_language("cs")
    dialog = ImportDialog(officer_session)
    qtbot.addWidget(dialog)
    dialog.resize(1366, 768)
    dialog.show()
    dialog.load_file(_register_file(tmp_path))
    wait_tasks(qtbot)
    ui = dialog.ui
    assert ui.matches_label.text().startswith("Řádky, které mohou být")
    assert ui.matches_table.horizontalHeaderItem(2).text() == "Může být totéž dítě jako"
    assert dialog.combos[2].itemText(3).startswith("Totéž dítě jako č. ")
    assert "stejný rok narození" in ui.matches_table.item(0, 3).text()
    assert ui.errors_table.isHidden()  # no errors: the room goes to the tables that have something
    screenshot(qtbot, dialog, shots_dir(tmp_path) / "import_preview_duplicates.png")  # waits for the layout
    # nothing clipped: the short columns are as wide as their texts, the long ones wrap within their row's height,
    # the choices fit, every row is in view, and nothing scrolls sideways
    table = ui.matches_table
    metrics = table.fontMetrics()
    for r in range(table.rowCount()):
        for c in (0, 1):
            assert table.columnWidth(c) >= metrics.horizontalAdvance(table.item(r, c).text()), (r, c)
        for c in (2, 3):
            box = metrics.boundingRect(QRect(0, 0, table.columnWidth(c) - 8, 1000), Qt.TextFlag.TextWordWrap,
                                       table.item(r, c).text())
            assert box.height() <= table.rowHeight(r), (r, c)
        combo = dialog.combos[r + 2]
        assert combo.width() >= combo.sizeHint().width() and combo.height() <= table.rowHeight(r)
    assert table.viewport().height() >= sum(table.rowHeight(r) for r in range(table.rowCount()))
    assert table.viewport().width() >= sum(table.columnWidth(c) for c in range(5)) - 1
