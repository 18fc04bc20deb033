"""Administration → Indicator catalogue: the catalogue in use with its sources and counts, the versions, browsing the
indicators with their guidance, importing a valid file (checked, a reason asked, audited, in use after) and an
invalid one (every problem listed, each naming its path or id; nothing changes)."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from ospod_desktop.core.indicators import FILE_MAX, default_catalogue_text
from ospod_desktop.services import trafficking
from ospod_desktop.ui.changes import Kind
from ospod_desktop.ui.dialogs.correction_dialogs import ReasonDialog
from ospod_desktop.ui.pages.catalogue_tab import CatalogueTab
from tests.ui.helpers import ChangesSeen, type_text, wait_tasks


def _tab(qtbot, us) -> CatalogueTab:
    tab = CatalogueTab(us)
    qtbot.addWidget(tab)
    tab.resize(1100, 700)
    tab.show()
    qtbot.waitExposed(tab)
    wait_tasks(qtbot)
    return tab


def _versions(tab) -> list[tuple[str, str]]:
    t = tab.versions_table
    return [(t.item(r, 0).text(), t.item(r, 4).text()) for r in range(t.rowCount())]


def test_the_catalogue_in_use_and_its_indicators(qtbot, admin_session):
    admin, _code = admin_session
    tab = _tab(qtbot, admin)
    cat = trafficking.catalogue_in_use(admin).catalogue
    text = tab.summary.toPlainText()
    assert f"version {cat.version}" in text and cat.id in text and "shipped with the program" in text
    assert f"{len(cat.indicators)} indicators" in text and f"{len(cat.dimensions)} dimensions" in text
    assert all(s["title"] in text for s in cat.sources)
    assert cat.notice is None or cat.notice.get() in text
    assert _versions(tab) == [(cat.version, "yes")]
    tree = tab.tree
    assert tree.topLevelItemCount() == len(cat.dimensions)
    first = cat.indicators_of(cat.dimensions[0].id)[0]
    item = tree.topLevelItem(0).child(0)
    assert item.text(0) == first.text.get()
    tree.setCurrentItem(item)
    assert first.guidance.get() in tab.guidance.toPlainText()


def test_a_valid_file_is_imported_with_a_reason(qtbot, admin_session, tmp_path):
    admin, _code = admin_session
    tab = _tab(qtbot, admin)
    data = json.loads(default_catalogue_text())
    data["version"] = "2027.1"
    path = tmp_path / "katalog.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    seen = ChangesSeen()
    dialog = tab.import_file(str(path))
    assert isinstance(dialog, ReasonDialog) and "version 2027.1" in dialog.ui.intro_label.text()
    type_text(dialog.ui.correction_reason, "Nová verze podle metodiky MPSV")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.submit()
    wait_tasks(qtbot)
    in_use = trafficking.catalogue_in_use(admin).catalogue
    assert in_use.version == "2027.1"
    assert tab.status_label.text() == f"Version 2027.1 of {in_use.id} was imported; it is in use now."
    assert sorted(_versions(tab)) == sorted([("2027.1", "yes"), (json.loads(default_catalogue_text())["version"], "")])
    assert "version 2027.1" in tab.summary.toPlainText()
    assert any(c.has(Kind.ASSESSMENT) for c in seen.changes)


def test_an_invalid_file_lists_every_problem_and_changes_nothing(qtbot, admin_session, tmp_path):
    admin, _code = admin_session
    tab = _tab(qtbot, admin)
    before = trafficking.catalogue_versions(admin)
    data = json.loads(default_catalogue_text())
    data["version"] = "2027.2"
    data["indicators"][0]["strength"] = "huge"
    del data["indicators"][1]["guidance"]
    path = tmp_path / "spatny.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert tab.import_file(str(path)) is None
    text = tab.status_label.text()
    assert tab.status_label.isVisible() and text.startswith("The file was not imported:")
    assert "indicators[0].strength" in text and "indicators[1]" in text and "guidance" in text
    assert len(text.splitlines()) >= 3  # the heading and a line per problem
    assert trafficking.catalogue_versions(admin) == before
    broken = tmp_path / "rozbity.json"
    broken.write_text('{"id": "x",', encoding="utf-8")
    assert tab.import_file(str(broken)) is None
    assert "The file was not imported: 1 problem." in tab.status_label.text()
    assert "$" in tab.status_label.text()
    assert trafficking.catalogue_versions(admin) == before
    huge = tmp_path / "velky.json"  # read no further than the check needs; refused as too large
    huge.write_bytes(b"{" + b" " * (FILE_MAX + 10) + b"}")
    assert tab.import_file(str(huge)) is None
    assert "The file was not imported: 1 problem." in tab.status_label.text()
    assert trafficking.catalogue_versions(admin) == before


def test_imported_text_is_shown_never_interpreted(qtbot, admin_session, tmp_path):
    """Markup in a catalogue (or in a problem quoting it) is shown as written: an imported file cannot restyle or
    hide parts of the screens."""
    from ospod_desktop.core.indicators import parse_catalogue
    from ospod_desktop.ui.pages.indicator_checklist import Checklist

    admin, _code = admin_session
    data = json.loads(default_catalogue_text())
    data["dimensions"][0]["title"]["en"] = "<b>Bold</b> title"
    catalogue = parse_catalogue(json.dumps(data))
    checklist = Checklist(catalogue, {}, None)
    qtbot.addWidget(checklist)
    header = checklist.headers[data["dimensions"][0]["id"]]
    assert header.text() == "<b>Bold</b> title" and header.textFormat() == Qt.TextFormat.PlainText
    tab = _tab(qtbot, admin)
    data["version"] = "<i>x"
    path = tmp_path / "markup.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    tab.import_file(str(path))
    assert tab.status_label.textFormat() == Qt.TextFormat.PlainText


def test_the_sources_are_in_the_apps_language_only(qtbot, admin_session):
    """What each source was used for is shown in Czech on Czech screens and in English on English ones, never both
    joined; a catalogue giving one plain text for both still shows it."""
    from ospod_desktop.ui.locale import apply_language
    from ospod_desktop.ui.pages.catalogue_tab import used_for

    admin, _code = admin_session
    cat = trafficking.catalogue_in_use(admin).catalogue
    unodc = cat.sources[0]["used_for"]
    assert isinstance(unodc, dict)
    tab = _tab(qtbot, admin)
    text = tab.summary.toPlainText()
    assert unodc["en"] in text and unodc["cs"] not in text
    apply_language("cs")
    try:
        tab.refresh()
        wait_tasks(qtbot)
        text = tab.summary.toPlainText()
        assert unodc["cs"] in text and unodc["en"] not in text
    finally:
        apply_language("en")
    assert used_for({"title": "X", "used_for": "Plain text."}) == "Plain text."
