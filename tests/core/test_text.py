"""`isolate`: a right-to-left name embedded in other text is wrapped in directional isolates, for display only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.text import FSI, PDI, clean_line, isolate

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", ["محمد الحسن", "ذبیح الله", "عبداللہ", "Al-Hassan الحسن", "שרה", "٣"])
def test_right_to_left_text_is_isolated(name):
    assert isolate(name) == f"{FSI}{name}{PDI}"


@pytest.mark.parametrize("name", ["", "Nguyễn Thị Hương", "Олександр", "মোহাম্মদ", "ዮናስ", "გიორგი", "O'Neil (2)"])
def test_left_to_right_text_comes_back_as_it_was(name):
    """Nothing in it can move its neighbours in a left-to-right line (and copied Latin names stay clean)."""
    assert isolate(name) == name


def test_a_stray_direction_control_is_closed_by_the_isolate():
    """An override left open in an older row ends at the PDI instead of reversing the rest of the line."""
    assert isolate("Ali\u202e") == f"{FSI}Ali\u202e{PDI}"


def test_a_sentence_keeps_its_words_around_an_arabic_name():
    sentence = "Záznam dítěte {name} (3) byl uložen.".format(name=isolate("محمد الحسن"))
    assert sentence == "Záznam dítěte \u2068محمد الحسن\u2069 (3) byl uložen."
    assert sentence.count(FSI) == sentence.count(PDI) == 1


def test_isolated_text_cannot_be_stored():
    with pytest.raises(ValidationError):
        clean_line(isolate("محمد"), "given_names", "Given names")


def test_only_display_code_isolates():
    """Stored data never holds isolates: storage, services, the CLI and the demo never call `isolate`."""
    package = ROOT / "ospod_desktop"
    callers = [path.relative_to(package).as_posix() for path in package.rglob("*.py")
               if re.search(r"\bisolate\(", path.read_text(encoding="utf-8"))]
    assert callers and all(c.startswith(("ui/", "reports/")) or c == "core/text.py" for c in callers), callers
