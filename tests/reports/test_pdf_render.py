"""reports.pdf: the A4 renderer and its paragraph markup, checked on the PDF's own text, fonts and metadata."""

from __future__ import annotations

import dataclasses
import io
import re
import unicodedata
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader

from ospod_desktop.core.fonts import BUNDLED
from ospod_desktop.reports.pdf import fonts
from ospod_desktop.reports.pdf.model import (
    DocumentSpec,
    Fields,
    Letterhead,
    Photo,
    Section,
    Signature,
    Table,
    Text,
)
from ospod_desktop.reports.pdf.render import render
from ospod_desktop.reports.pdf.text import clean, para

CZECH = "Příliš žluťoučký kůň úpěl ďábelské ódy"
CYRILLIC = "Съешь же ещё этих мягких французских булок"
DARI = "احمد شاه مسعود"


def spec(*sections: Section, **changes: object) -> DocumentSpec:
    base = DocumentSpec(
        lang="cs",
        title="Hlášení o pohřešování dítěte",
        letterhead=Letterhead("Úřad městské části Praha 5", "nám. 14. října 4, Praha 5", ("Odbor sociálních věcí",)),
        reference="OSPOD/17/2026",
        issued_at=datetime(2026, 12, 7, 13, 5, tzinfo=UTC),
        issuer="Mgr. Jana Nováková",
        recipient=("Policie České republiky", "Obvodní ředitelství Praha II"),
        sections=sections or (Section("Dítě", (Fields((("Jméno", CZECH), ("Имя", CYRILLIC))),)),),
        confidentiality="Důvěrné: § 57 zákona č. 359/1999 Sb.",
        signature=Signature("Mgr. Jana Nováková", "sociální pracovnice", "V Praze dne 7. 12. 2026"),
        subject="Hlášení",
        keywords=("ospod-document:1234", "missing"),
        footer_note="Audit 42 · abcdef",
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def pdf_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_czech_and_cyrillic_text_is_extracted_exactly() -> None:
    pages = pdf_text(render(spec()))
    assert len(pages) == 1
    text = flat(pages[0])
    assert CZECH in text
    assert CYRILLIC in text
    assert "č.j. OSPOD/17/2026" in text
    assert "Strana 1 / 1" in text
    assert "Důvěrné: § 57 zákona č. 359/1999 Sb." in text
    assert "Audit 42 · abcdef" in text
    assert "Policie České republiky" in text and "Obvodní ředitelství Praha II" in text
    assert "Vyřizuje" in text and "Mgr. Jana Nováková" in text
    assert "7. 12. 2026 14:05" in text  # 13:05 UTC is 14:05 in Prague in winter


def test_english_words_of_the_renderer() -> None:
    text = flat(pdf_text(render(spec(lang="en")))[0])
    assert "Page 1 / 1" in text
    assert "Ref. no. OSPOD/17/2026" in text
    assert "Strana" not in text
    assert "Dec 7, 2026" in text


def _two_pages() -> DocumentSpec:
    for lines in range(30, 120, 5):
        candidate = spec(Section("Poznámky", (Text("\n".join(f"Řádek {i}" for i in range(lines))),)))
        if len(PdfReader(io.BytesIO(render(candidate))).pages) == 2:
            return candidate
    raise AssertionError("no two-page document")


def test_page_x_of_y_on_a_two_page_document() -> None:
    pages = pdf_text(render(_two_pages()))
    assert len(pages) == 2
    assert "Strana 1 / 2" in flat(pages[0])
    assert "Strana 2 / 2" in flat(pages[1])
    # Page 2 carries the one-line header and the footer again, not the full letterhead.
    assert "Úřad městské části Praha 5" in pages[1]
    assert "nám. 14. října 4" not in pages[1]
    assert "č.j. OSPOD/17/2026" in flat(pages[1])
    assert "Důvěrné" in pages[1]


def test_a_10000_character_text_flows_across_pages() -> None:
    words = [f"slovo{i}ž" for i in range(1200)]
    note = " ".join(words)[:10_000]
    data = render(spec(Section("Poznámka", (Text(note, "quote"),))))
    pages = pdf_text(data)
    assert len(pages) >= 3
    everything = flat(" ".join(pages))
    last = note.split()[-2]  # the last complete word
    assert f" {last} " in everything
    assert "slovo0ž" in flat(pages[0])
    assert "slovo0ž" not in flat(pages[-1])


def test_table_header_repeats_on_the_next_page() -> None:
    rows = tuple((f"{i}. 1. 2026", f"Návštěva číslo {i}", "v pořádku") for i in range(1, 120))
    data = render(spec(Section("Návštěvy", (Table(("Datum návštěvy", "Kdo", "Výsledek"), rows, (0.25, 0.5, 0.25)),))))
    pages = pdf_text(data)
    assert len(pages) >= 2
    assert "Datum návštěvy" in pages[0]
    assert "Datum návštěvy" in pages[1]
    assert "Návštěva číslo 119" in flat(" ".join(pages))


def test_empty_table_and_empty_value() -> None:
    data = render(
        spec(Section("Návštěvy", (Table(("Datum",), (), empty="Žádné návštěvy."), Fields((("Poznámka", ""),)))))
    )
    text = flat(pdf_text(data)[0])
    assert "Žádné návštěvy." in text
    assert "Poznámka –" in text


def test_metadata() -> None:
    meta = PdfReader(io.BytesIO(render(spec()))).metadata
    assert meta is not None
    assert meta.title == "Hlášení o pohřešování dítěte"
    assert meta.author == "Úřad městské části Praha 5"
    assert meta.subject == "Hlášení"
    assert meta["/Keywords"] == "ospod-document:1234; missing"
    assert meta.creator == "OSPOD Desktop"


def _font_names(data: bytes) -> set[str]:
    names: set[str] = set()
    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        resources = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            names.add(str(font["/BaseFont"]))
            descriptors = [font]
            for descendant in font.get("/DescendantFonts", []):
                descriptors.append(descendant.get_object())
            embedded = any(
                "/FontFile2" in d.get_object().get("/FontDescriptor", {}) for d in descriptors if "/FontDescriptor" in d
            )
            assert embedded, font["/BaseFont"]
    return names


def test_every_font_is_a_bundled_one_embedded() -> None:
    fonts.register()
    from reportlab.pdfbase import pdfmetrics

    ours = set()
    for font in BUNDLED:
        for name in (font.family, fonts.bold_name(font)):
            face_name = pdfmetrics.getFont(name).face.name
            ours.add(face_name.decode() if isinstance(face_name, bytes) else face_name)
    mixed = spec(
        Section(
            "Jména",
            (
                Fields((("Jméno", f"Mohamed ({DARI})"), ("Tigrinya", "ትግርኛ"), ("Bengali", "বাংলা"), ("Urdu", "ہے"))),
                Text("tučně", "bold"),
            ),
        ),
        urgent="NALÉHAVÉ",
    )
    names = _font_names(render(mixed))
    bare = {n.lstrip("/").split("+", 1)[-1] for n in names}
    assert bare <= {n.lstrip("/").split("+", 1)[-1] for n in ours}, bare
    assert all(n.lstrip("/").startswith("AAAAAA+") for n in names), names  # subsets, not whole fonts
    assert not any(n.startswith(("Helvetica", "Times", "Courier", "Symbol")) for n in bare)
    assert {"DejaVuSans", "DejaVuSans-Bold", "NotoSansArabicUI-Regular", "NotoSansEthiopic-Regular",
            "NotoSansBengaliUI-Regular"} <= bare


def test_right_to_left_name_is_in_the_arabic_font_and_extractable() -> None:
    data = render(spec(Section("Jména", (Fields((("Jméno v písmu", DARI),)),))))
    names = {n.split("+", 1)[-1] for n in _font_names(data)}
    assert "NotoSansArabicUI-Regular" in names
    raw = pdf_text(data)[0]
    # Joined: the letters are drawn in their initial/medial/final forms (presentation forms in the text layer) ...
    assert any(0xFE70 <= ord(ch) <= 0xFEFF for ch in raw)
    # ... and every word is there (the order on the page: test_right_to_left_runs_are_drawn_in_visual_order; text
    # extractors apply their own bidi to the text layer).
    text = unicodedata.normalize("NFKC", raw)
    assert all(word in text for word in DARI.split())


def test_control_and_bidi_override_characters_never_reach_the_pdf() -> None:
    evil = "Jan\u202eakvoN\u202c\x07\x1b[31m Novák\u2066x\u2069\u200f\ufeff"
    data = render(spec(Section("Dítě", (Fields((("Jméno", evil),)), Text(evil))), title="Titul\u202e"))
    for ch in "\u202e\u202c\x07\x1b\u2066\u2069\u200f\ufeff":
        for page in pdf_text(data):
            assert ch not in page
    assert "JanakvoN[31m Novákx" in flat(pdf_text(data)[0])
    meta = PdfReader(io.BytesIO(data)).metadata
    assert meta is not None and meta.title == "Titul"


def test_identical_spec_gives_identical_bytes() -> None:
    jpeg = _jpeg()
    full = spec(
        Section("Dítě", (Fields((("Jméno", CZECH),)), Photo(jpeg, "Foto"), Text(DARI), Text("x" * 3000, "small"))),
        urgent="NALÉHAVÉ",
        case_mark="Om 1/2026",
    )
    first = render(full)
    assert render(full) == first
    assert render(dataclasses.replace(full, reference="OSPOD/18/2026")) != first


def _jpeg(width: int = 300, height: int = 400) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (180, 120, 90)).save(out, "JPEG")
    return out.getvalue()


@pytest.mark.parametrize("size", [(300, 400), (800, 200)])
def test_photo_is_drawn_within_45_by_60_mm(size: tuple[int, int]) -> None:
    data = render(spec(Section("Foto", (Photo(_jpeg(*size), "Fotografie"),))))
    content = PdfReader(io.BytesIO(data)).pages[0].get_contents()
    assert content is not None
    raw = content.get_data().decode("latin-1")
    # The image is placed with "w 0 0 h x y cm ... Do".
    matrices = re.findall(r"([\d.]+) 0 0 ([\d.]+) [\d.-]+ [\d.-]+ cm\s*/\S+ Do", raw)
    assert matrices
    w, h = (float(v) for v in matrices[0])
    mm = 72 / 25.4
    assert w <= 45 * mm + 0.01 and h <= 60 * mm + 0.01
    assert abs(w / h - size[0] / size[1]) < 0.01
    assert max(w / (45 * mm), h / (60 * mm)) > 0.99  # as large as the box allows


def test_urgent_banner_text() -> None:
    text = flat(pdf_text(render(spec(urgent="NALÉHAVÉ – pohřešované dítě")))[0])
    assert "NALÉHAVÉ – pohřešované dítě" in text


def test_para_markup() -> None:
    assert para("a < b & c > d\ne") == "a &lt; b &amp; c &gt; d<br/>e"
    assert para("") == ""
    assert para("ትግርኛ") == '<font name="Noto Sans Ethiopic">ትግርኛ</font>'
    assert para(f"Jméno ({DARI})") == f'Jméno (<font name="Noto Sans Arabic UI">{DARI}</font>)'
    assert para("বাংলা") == '<font name="Noto Sans Bengali UI">বাংলা</font>'
    assert para("Ж\u202eX\x00") == "ЖX"


def test_clean_keeps_joiners_and_newlines() -> None:
    assert clean("می\u200cخواهم\r\nb\tc") == "می\u200cخواهم\nb c"
    assert clean("\u202aa\u202b\u202d\u2067b\u2068\u061c") == "ab"


def test_cells_taller_than_a_page_split() -> None:
    tall = "\n".join(f"ř{i}" for i in range(200))  # short, but 200 lines: taller than a page
    data = render(
        spec(
            Section(
                "Dlouhé",
                (
                    Fields((("Poznámka", tall), ("Dlouhá", "slovo " * 1000))),
                    Table(("Kdy", "Co"), (("dnes", tall), ("zítra", "x" * 8000))),
                ),
            )
        )
    )
    text = flat(" ".join(pdf_text(data)))
    assert "ř199" in text and text.count("ř150") == 2


def test_bold_fallback_runs_use_the_bold_cut() -> None:
    data = render(spec(Section("Jména", (Text(f"Jméno {DARI} ትግርኛ", "bold"),))))
    names = {n.split("+", 1)[-1] for n in _font_names(data)}
    assert {"NotoSansArabicUI-Bold", "NotoSansEthiopic-Bold"} <= names
    assert para("ትግርኛ", bold=True) == '<font name="Noto Sans Ethiopic Bold">ትግርኛ</font>'


def _drawn_line(text: str) -> str:
    """The first line of a shaped paragraph as it is drawn, left to right (letters NFKC-folded)."""
    from ospod_desktop.reports.pdf._bidi import Paragraph as BidiParagraph
    from ospod_desktop.reports.pdf._bidi import base_rtl, visual
    from ospod_desktop.reports.pdf._layout import styles

    fonts.register()
    p = BidiParagraph(para(text), styles()["body~"], rtl=base_rtl(text))
    p.wrap(400, 1000)
    words = p.blPara.lines[0].words
    drawn = visual(words, base_rtl(text)) or words
    return unicodedata.normalize("NFKC", "".join(str(f.text) for f in drawn))


@pytest.mark.parametrize(
    ("logical", "drawn"),
    [
        ("ا ب ت", "ت ب ا"),  # right-to-left paragraph: the first word is the rightmost
        ("x 1 ا ب ت 2", "x 1 ت ب ا 2"),  # digits keep their place and order around a right-to-left run
        ("1 ا ب ت 2", "2 ت ب ا 1"),  # the first strong letter makes the paragraph right to left
        ("Jméno (ا ب) x", "Jméno (ب ا) x"),
        ("ا (ب) ت", "ت (ب) ا"),  # brackets inside right-to-left text are mirrored
        ("ا 12 ب", "ب 12 ا"),
    ],
)
def test_right_to_left_runs_are_drawn_in_visual_order(logical: str, drawn: str) -> None:
    assert _drawn_line(logical) == drawn


def test_pashto_letters_without_presentation_forms_are_ordered_too() -> None:
    # HarfBuzz's joined forms of ځ and ښ have no code point: they come back as private-use characters.
    drawn = _drawn_line("ځښځ ښښ")
    assert [len(word) for word in drawn.split(" ")] == [2, 3]  # the second (2-letter) word is drawn leftmost
    assert _drawn_line("می\u200cخواهم ب").startswith("ب ")  # a zero-width non-joiner does not split a word
