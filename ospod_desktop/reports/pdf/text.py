"""Text for reportlab paragraphs: cleaned, XML-escaped, each run of characters the base font lacks (or whose
script has its own font: Arabic, Bengali, Ge'ez) wrapped in <font name=…>. Right-to-left runs are ordered and
Arabic letters joined by reportlab's HarfBuzz shaping (the renderer switches it on for a paragraph when
`fonts.needs_shaping(text)`)."""

from __future__ import annotations

import unicodedata
from xml.sax.saxutils import escape

from ospod_desktop.reports.pdf import fonts

# Bidi embeddings, overrides and isolates (and the marks LRM, RLM, ALM): a name typed with U+202E would print
# reversed; the document shows text as it is stored, never as a hidden control makes it look.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
_KEEP = frozenset("\n\u200c\u200d")  # newline; ZWNJ and ZWJ shape Persian and Bengali words


def clean(text: str) -> str:
    """`text` without control characters (a tab becomes a space, \\r\\n a newline), bidi controls, BOMs and
    unassigned or private-use code points."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    out = []
    for ch in text:
        if ch in _KEEP:
            out.append(ch)
            continue
        if ch in BIDI_CONTROLS or ch == "\ufeff":
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cs", "Co", "Cn"):
            continue
        out.append(ch)
    return "".join(out)


def _next_strong(text: str) -> list[str]:
    """For each position, the bidi class (L, R or AL) of the first strong character after it ("" at the end)."""
    out = [""] * len(text)
    nxt = ""
    for i in range(len(text) - 1, -1, -1):
        out[i] = nxt
        cls = unicodedata.bidirectional(text[i])
        if cls in ("L", "R", "AL"):
            nxt = cls
    return out


def _runs(text: str) -> list[tuple[str | None, str]]:
    """(font or None for the base font, characters) runs. Spaces, marks and joiners stay in the run they are in
    when its font has them, so a name in Arabic script is one run; inside right-to-left text, digits and
    punctuation between two right-to-left letters stay in the run too: reportlab shapes a run as one piece, in
    right-to-left order, but lays several runs out left to right."""
    runs: list[tuple[str | None, list[str]]] = []
    following = _next_strong(text)
    for i, ch in enumerate(text):
        if ch == "\n":
            runs.append((None, [ch]))
            continue
        font = fonts.font_for(ch)
        if runs:
            cur, chars = runs[-1]
            if font != cur and chars[-1] != "\n" and cur is not None and fonts.has(cur, ch):
                cls = unicodedata.bidirectional(ch)
                joiner = ch.isspace() or unicodedata.category(ch).startswith("M") or ch in "\u200c\u200d"
                inside_rtl = cls not in ("L", "R", "AL") and following[i] in ("R", "AL") and cur == fonts.ARABIC
                if joiner or inside_rtl:
                    font = cur
            if font == cur and chars[-1] != "\n":
                chars.append(ch)
                continue
        runs.append((font, [ch]))
    return [(font, "".join(chars)) for font, chars in runs]


def para(text: str, bold: bool = False) -> str:
    """`text` as reportlab paragraph markup (see the module doc); newlines become <br/>. `bold`: the fallback runs
    in their bold cut (for a paragraph whose style is bold: a <font name=…> tag would otherwise set the regular)."""
    text = clean(text)
    if not text:
        return ""
    parts = []
    for font, chars in _runs(text):
        if chars == "\n":
            parts.append("<br/>")
        elif font is None:
            parts.append(escape(chars))
        else:
            name = f"{font} Bold" if bold else font
            parts.append(f'<font name="{name}">{escape(chars)}</font>')
    return "".join(parts)
