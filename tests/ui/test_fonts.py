"""Every script of the register's names is drawn with a bundled font, never as Qt's silent empty box; an
Arabic name embedded in a sentence leaves the sentence in order."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QRawFont, QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication, QLabel, QTableView, QTextEdit

from ospod_desktop.core.fonts import BASE, BUNDLED, FALLBACKS
from ospod_desktop.core.text import isolate
from ospod_desktop.demo.data import POOL_SOURCES, pool
from ospod_desktop.paths import resource

FAMILIES = [f.family for f in BUNDLED]
SAMPLES = {  # names from the demo pools, one per script
    "Czech": "Kovalenková Kateřina",
    "Cyrillic": "Олександр Шевченко",
    "Arabic": "محمد الحسن",
    "Persian": "ذبیح الله نیلوفر",
    "Urdu": "عبداللہ فاطمہ شہزاد",
    "Bengali": "মোহাম্মদ হোসেন সুমাইয়া",
    "Tigrinya": "ዮናስ ተስፋይ ገብረመድህን",
    "Georgian": "გიორგი ბერიძე",
    "Vietnamese": "Nguyễn Thị Hương",
}


def _layout(text: str, font: QFont) -> tuple[QTextLayout, object]:
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)  # as a label guesses it from the text
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(10_000)
    layout.endLayout()
    return layout, line


def _missing_glyphs(text: str, font: QFont) -> list[tuple[str, list[int]]]:
    """(family, glyphs) of every run not drawn by a bundled font, or holding glyph 0 (.notdef: the box)."""
    layout, _line = _layout(text, font)
    runs = [(run.rawFont().familyName(), list(run.glyphIndexes())) for run in layout.glyphRuns()]
    assert runs
    return [(family, glyphs) for family, glyphs in runs if family not in FAMILIES or 0 in glyphs]


def test_every_bundled_font_ships_with_its_licence():
    folder = resource("fonts")
    for font in BUNDLED:
        for name in (font.regular, font.bold):
            raw = QRawFont(str(folder / name), 12)
            assert raw.isValid() and raw.familyName() == font.family, name
    assert (folder / "LICENSE-DejaVu.txt").is_file()
    assert "SIL Open Font License" in (folder / "LICENSE-Noto.txt").read_text(encoding="utf-8")


def test_the_app_font_falls_back_to_the_noto_fonts():
    chain = [BASE.family, *(f.family for f in FALLBACKS)]
    assert QApplication.font().families() == chain
    # Widgets, a default QFont and rich text all start from the app font.
    assert QFont().families() == chain
    assert QLabel().font().families() == chain
    assert QTableView().font().families() == chain
    assert QTextEdit().document().defaultFont().families() == chain


def test_every_letter_of_the_demo_names_is_in_a_bundled_font():
    raws = [QRawFont(str(resource("fonts", f.regular)), 12) for f in BUNDLED]
    parts = ("male", "female", "family", "middle_m", "middle_f")
    names = {n for key in POOL_SOURCES for part in parts for entry in getattr(pool(key), part)
             for n in (entry.script, entry.script_f, entry.latin, entry.latin_f)}
    missing = sorted({ch for n in names for ch in n if not ch.isspace()
                      and not any(raw.supportsCharacter(ord(ch)) for raw in raws)})
    assert missing == []


@pytest.mark.parametrize("script", SAMPLES)
def test_each_script_is_drawn_with_real_glyphs(script):
    text = f"{script}: {SAMPLES[script]}"
    font = QApplication.font()
    assert _missing_glyphs(text, font) == []
    bold = QFont(font)
    bold.setBold(True)
    assert _missing_glyphs(text, bold) == []
    # And it leaves ink on the page.
    layout, _line = _layout(text, font)
    image = QImage(900, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    layout.draw(painter, QPointF(4, 10))
    painter.end()
    start = int(layout.lineAt(0).cursorToX(len(script) + 2)[0])  # where the name begins
    assert any(image.pixelColor(x, y).lightness() < 128 for x in range(start + 4, 900) for y in range(60))


def test_a_line_mixing_every_script_has_no_box():
    line = " · ".join(isolate(s) for s in SAMPLES.values())
    assert _missing_glyphs(line, QApplication.font()) == []


def _x(line, position: int) -> float:
    return line.cursorToX(position)[0]


@pytest.mark.parametrize("isolated", [False, True], ids=["plain", "isolated"])
def test_an_arabic_name_keeps_the_sentence_in_order(isolated):
    name = "محمد الحسن"
    text = f"Záznam {isolate(name) if isolated else name} (3) uložen"  # "Record of {name} (3) saved"
    assert ("\u2068" in text and "\u2069" in text) == isolated
    _layout_of_text, line = _layout(text, QApplication.font())
    start = text.index(name)
    inside = [_x(line, i) for i in range(start + 1, start + len(name))]  # caret positions within the name
    three = _x(line, text.index("3"))
    in_order = _x(line, 1) < min(inside) and max(inside) < three < _x(line, text.index("uložen"))
    # Without the isolate, "(3)" joins the Arabic run and shows before the name: the test can tell.
    assert in_order == isolated


def test_case_list_and_child_page_with_names_in_four_scripts(qtbot, officer_session, tmp_path):
    """The screens an officer reads, at 1366×768: every name drawn, the Arabic ones isolated in composed text.
    OSPOD_SHOTS_DIR=shots keeps the PNGs to look at."""
    from ospod_desktop.services import children
    from ospod_desktop.ui.locale import apply_language
    from ospod_desktop.ui.main_window import CHILDREN, MainWindow
    from ospod_desktop.ui.pages.children_page import ChildrenPage
    from tests.conftest import child_form
    from tests.ui.helpers import shots_dir, wait_tasks

    us = officer_session
    register = [
        ("Mohammad", "Hossain", "মোহাম্মদ হোসেন", (), "BD"),
        ("Yonas", "Tesfay", "ዮናስ ተስፋይ", ("Jonas Tesfai",), "ER"),
        ("Mohammad", "Al-Hassan", "محمد الحسن", ("Muhammad Alhassan", "محمد حسن"), "SY"),
        ("Oleksandr", "Shevchenko", "Олександр Шевченко", (), "UA"),
        ("", "", "عبداللہ خان", (), "PK"),  # known only by the name in its own script
    ]
    ids = [children.register_child(us, child_form(given, family, "M", original_script_name=script, aliases=aliases,
                                                   nationalities=(country,), age_min=15, age_max=16))
           for given, family, script, aliases, country in register]
    apply_language("cs")
    try:
        window = MainWindow(us)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.ui.nav_list.setCurrentRow(CHILDREN)
        window.show()
        qtbot.waitExposed(window)
        page: ChildrenPage = window.children_page
        wait_tasks(qtbot)
        qtbot.waitUntil(lambda: page.model.rowCount() == len(ids))
        names = {page.model.index(r, 1).data() for r in range(page.model.rowCount())}
        assert "Al-Hassan Mohammad · \u2068محمد الحسن\u2069" in names
        assert "Hossain Mohammad · মোহাম্মদ হোসেন" in names and "\u2068عبداللہ خان\u2069" in names
        for text in names:
            assert _missing_glyphs(text, page.ui.table_view.font()) == []
        folder = shots_dir(tmp_path)
        page.ui.table_view.setColumnWidth(1, 420)  # the whole name on screen, to look at
        window.grab().save(str(folder / "fonts_case_list.png"))

        child = window.open_child(ids[2])
        wait_tasks(qtbot)
        qtbot.waitUntil(lambda: child.view is not None)
        header = child.ui.original_name_label.text()
        assert "\u2068محمد الحسن\u2069" in header and "Muhammad Alhassan, \u2068محمد حسن\u2069" in header
        tabs = page.ui.child_tabs
        assert tabs.tabText(tabs.indexOf(child)) == "Al-Hassan Mohammad"
        window.grab().save(str(folder / "fonts_child_page.png"))

        urdu = window.open_child(ids[4])
        wait_tasks(qtbot)
        qtbot.waitUntil(lambda: urdu.view is not None)
        assert tabs.tabText(tabs.indexOf(urdu)) == "\u2068عبداللہ خان\u2069"
        assert _missing_glyphs(urdu.ui.name_label.text(), urdu.ui.name_label.font()) == []  # bold and larger
        window.grab().save(str(folder / "fonts_child_page_urdu.png"))
    finally:
        apply_language("en")
