"""The import dialog: preview mapped to the canonical columns, row errors by row and field, template, import."""

from __future__ import annotations

from datetime import date, timedelta

from ospod_desktop.services import children
from ospod_desktop.ui.dialogs.import_dialog import ImportDialog
from ospod_desktop.ui.pages.children_page import ChildrenPage
from tests.ui.helpers import ChangesSeen, wait_tasks

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
    assert headers[:3] == ["Reference", "Given names", "Family names"]
    assert ui.preview_table.item(0, 2).text() == "Ševčenko" and ui.preview_table.item(2, 1).text() == "Олена"
    errors = [[ui.errors_table.item(r, c).text() for c in range(3)] for r in range(ui.errors_table.rowCount())]
    assert errors == [["2", "Sex", "Sex: use M, F or U."], ["3", "Date found", "Date found: the date is in the future."]]
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
    assert ui.summary_label.text() == "2 children were imported."


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
