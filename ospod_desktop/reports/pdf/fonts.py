"""The bundled TTFs (`core.fonts`) registered in reportlab once, subset-embedded, and the choice of font per
character. reportlab's base-14 fonts (Helvetica, Times) are never used: they drop ř ě ů and all Cyrillic.

Shaping (Arabic joining, right-to-left order, Bengali conjuncts) is reportlab's own through HarfBuzz (uharfbuzz):
a paragraph with `shaping=1` in its style is shaped word by word. reportlab shapes a word with the font of its
first fragment, so a word mixing fonts ("(محمد)" = DejaVu "(" + Noto Arabic letters + DejaVu ")") would draw
wrong glyphs; `_shape_by_font` shapes each single-font part of such a word on its own. Ligatures such as "fi" are
switched off so that the text extracted from the PDF is the text written.
"""

from __future__ import annotations

import threading
import unicodedata
from functools import cache, lru_cache

from ospod_desktop.core.fonts import BASE, BUNDLED, FALLBACKS, BundledFont
from ospod_desktop.paths import resource

_lock = threading.Lock()
_done = False

# The features HarfBuzz applies (required ligatures such as Arabic lam-alef stay on: they are not optional).
FEATURES = {"kern": True, "liga": False, "dlig": False, "clig": False}

ARABIC = FALLBACKS[0].family
BENGALI = FALLBACKS[1].family
ETHIOPIC = FALLBACKS[2].family


def bold_name(font: BundledFont) -> str:
    return f"{font.family} Bold"


REGULAR = BASE.family
BOLD = bold_name(BASE)


def register() -> None:
    """Register every bundled font (regular + bold, as a family so <b> works inside <font name=…>); idempotent,
    thread-safe. Also installs the per-font shaping of mixed words."""
    global _done
    if _done:
        return
    with _lock:
        if _done:
            return
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        for font in BUNDLED:
            regular = TTFont(font.family, str(resource("fonts", font.regular)))
            bold = TTFont(bold_name(font), str(resource("fonts", font.bold)))
            pdfmetrics.registerFont(regular)
            pdfmetrics.registerFont(bold)
            addMapping(font.family, 0, 0, font.family)
            addMapping(font.family, 1, 0, bold_name(font))
            addMapping(font.family, 0, 1, font.family)
            addMapping(font.family, 1, 1, bold_name(font))
            addMapping(bold_name(font), 0, 0, bold_name(font))
            addMapping(bold_name(font), 1, 0, bold_name(font))
            addMapping(bold_name(font), 0, 1, bold_name(font))
            addMapping(bold_name(font), 1, 1, bold_name(font))
        _install_shaping()
        _done = True


def _install_shaping() -> None:
    from reportlab.pdfbase import ttfonts
    from reportlab.platypus import paragraph

    original = ttfonts.shapeFragWord
    if getattr(original, "_ospod", False):
        return

    def _shape_by_font(w, features=None, force=False):  # type: ignore[no-untyped-def]
        feats = FEATURES if features is None else features
        parts = w[1:]
        if isinstance(w, ttfonts.ShapedFragWord) or any(isinstance(s, ttfonts.ShapedStr) for _f, s in parts):
            return w
        names = {getattr(f, "fontName", None) for f, _s in parts if not hasattr(f, "cbDefn")}
        if len(names) <= 1 or any(hasattr(f, "cbDefn") for f, _s in parts):
            return original(w, feats, force)
        # Several fonts in one word: shape each run of one font on its own and put the pieces back together.
        from reportlab.pdfbase.pdfmetrics import stringWidth

        out: list = []
        total = 0.0
        i = 0
        while i < len(parts):
            j = i
            while j < len(parts) and parts[j][0].fontName == parts[i][0].fontName:
                j += 1
            run = parts[i:j]
            width = sum(stringWidth(s, f.fontName, f.fontSize) for f, s in run)
            shaped = original(w.__class__([width, *run]), feats, force)
            total += shaped[0]
            out.extend(shaped[1:])
            i = j
        return w.__class__([total, *out])

    _shape_by_font._ospod = True  # type: ignore[attr-defined]
    ttfonts.shapeFragWord = _shape_by_font
    paragraph.shapeFragWord = _shape_by_font  # type: ignore[attr-defined]


@cache
def _cmap(family: str) -> frozenset[int]:
    register()
    from reportlab.pdfbase import pdfmetrics

    return frozenset(pdfmetrics.getFont(family).face.charToGlyph)


def has(family: str, ch: str) -> bool:
    return ord(ch) in _cmap(family)


def _script_font(cp: int) -> str | None:
    """The fallback a script is always drawn in (one font per word keeps Arabic letters joined)."""
    if 0x0600 <= cp <= 0x06FF or 0x0750 <= cp <= 0x077F or 0x08A0 <= cp <= 0x08FF or 0xFB50 <= cp <= 0xFDFF \
            or 0xFE70 <= cp <= 0xFEFF:
        return ARABIC
    if 0x0980 <= cp <= 0x09FF:
        return BENGALI
    if 0x1200 <= cp <= 0x139F or 0x2D80 <= cp <= 0x2DDF or 0xAB00 <= cp <= 0xAB2F or 0x1E7E0 <= cp <= 0x1E7FF:
        return ETHIOPIC
    return None


@lru_cache(maxsize=4096)
def font_for(ch: str) -> str | None:
    """The font to draw `ch` in: a script's own fallback, the base font if it has the glyph, else the first
    fallback that has it; None = the base font (also for a character no bundled font has)."""
    cp = ord(ch)
    script = _script_font(cp)
    if script is not None:
        return script if has(script, ch) else None
    if has(REGULAR, ch):
        return None
    for font in FALLBACKS:
        if has(font.family, ch):
            return font.family
    return None


def needs_shaping(text: str) -> bool:
    """True when `text` holds a script that HarfBuzz must shape (Arabic letters, Bengali) or a right-to-left
    one; Latin, Cyrillic and Ge'ez are drawn glyph by glyph (faster, and their extracted text is exact)."""
    for ch in text:
        cp = ord(ch)
        if cp < 0x0590:
            continue
        if 0x0590 <= cp <= 0x08FF or 0x0980 <= cp <= 0x09FF or 0xFB1D <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFF:
            return True
        if unicodedata.bidirectional(ch) in ("R", "AL"):
            return True
    return False
