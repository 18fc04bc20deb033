"""Right-to-left word order for shaped paragraphs.

reportlab 5.1 shapes each word with HarfBuzz (letters joined, each word's glyphs right to left), but without its
optional `rlbidi` C extension it lays the words of a line out left to right in logical order: "محمد احمد" would
read "احمد محمد". `Paragraph` reorders each laid-out line's words at draw time (a simplified Unicode bidi
algorithm: strong words keep their direction, neutral words between two words of one direction take it), so a
right-to-left run reads right to left on every line it wraps onto."""

from __future__ import annotations

import unicodedata
from typing import Any

from reportlab.pdfbase import ttfonts
from reportlab.platypus import Paragraph as _Paragraph

from ospod_desktop.reports.pdf import fonts

_SIMPLE = getattr(ttfonts, "_sdSimple", None)  # the shape record of a character added unshaped (a word's space)
_MIRROR = str.maketrans("()[]{}<>«»‹›", ")(][}{><»«›‹")
_RTL_FONTS = frozenset({fonts.ARABIC, f"{fonts.ARABIC} Bold"})


def base_rtl(text: str) -> bool:
    """The paragraph's direction: that of its first strong character (rule P2)."""
    for ch in text:
        cls = unicodedata.bidirectional(ch)
        if cls == "L":
            return False
        if cls in ("R", "AL"):
            return True
    return False


def _direction(frag: Any, text: str) -> str:
    """L, R or N (neutral) for one piece. A glyph HarfBuzz produced without a code point of its own (a Pashto
    letter's joined form) comes back as a private-use character: in the Arabic font, that is a letter too."""
    private = False
    for ch in text:
        cls = unicodedata.bidirectional(ch)
        if cls in ("R", "AL"):
            return "R"
        if cls == "L":
            if unicodedata.category(ch) != "Co":
                return "L"
            private = True
    return "R" if private and getattr(frag, "fontName", "") in _RTL_FONTS else "N"


def _resolve(dirs: list[str], rtl: bool) -> list[str]:
    """Neutral words between two words of one direction take it; other neutrals take the paragraph's."""
    out = list(dirs)
    base = "R" if rtl else "L"
    i = 0
    while i < len(out):
        if out[i] != "N":
            i += 1
            continue
        j = i
        while j < len(out) and out[j] == "N":
            j += 1
        before = out[i - 1] if i > 0 else base
        after = out[j] if j < len(out) else base
        fill = before if before == after else base
        for k in range(i, j):
            out[k] = fill
        i = j
    return out


def _reverse_runs(items: list[Any], dirs: list[str], which: str) -> list[Any]:
    out: list[Any] = []
    i = 0
    while i < len(items):
        j = i
        while j < len(items) and dirs[j] == which:
            j += 1
        if j > i:
            out.extend(reversed(items[i:j]))
            i = j
        else:
            out.append(items[i])
            i += 1
    return out


def _pieces(frag: Any) -> list[str]:
    """The frag's text cut into words and single spaces. In a shaped string only a space that advances separates:
    a zero-width joiner or non-joiner can be drawn with the font's space glyph (Persian "می‌خواهم" is one word)."""
    text = frag.text
    data = getattr(text, "__shapeData__", None)
    out: list[str] = []
    start = 0
    for i, ch in enumerate(text):
        if ch.isspace() and (data is None or i >= len(data) or data[i] is _SIMPLE or data[i].x_advance > 0):
            if i > start:
                out.append(text[start:i])
            out.append(text[i : i + 1])
            start = i + 1
    if start < len(text):
        out.append(text[start:])
    return out


def visual(frags: list[Any], rtl: bool) -> list[Any] | None:
    """The frags of one line in visual order (None when the line has no right-to-left text or holds something
    other than text). Pieces (a word's part in one font, or a space) are ordered: each already shaped right to
    left inside itself by HarfBuzz."""
    if not all(isinstance(getattr(f, "text", None), str) for f in frags):
        return None
    pieces = [(frag, piece) for frag in frags for piece in _pieces(frag)]
    dirs = [_direction(f, t) for f, t in pieces]
    if "R" not in dirs:
        return None
    dirs = _resolve(dirs, rtl)
    if rtl:
        pairs = list(reversed(list(zip(pieces, dirs, strict=True))))
        ordered = [p for p, _d in _reverse_runs(pairs, [d for _p, d in pairs], "L")]
    else:
        ordered = _reverse_runs(pieces, dirs, "R")
    mirrored = {id(p) for p, d in zip(pieces, dirs, strict=True) if d == "R"}
    out: list[tuple[Any, str]] = []
    for piece in ordered:
        frag, text = piece
        if id(piece) in mirrored and type(text) is str:
            text = text.translate(_MIRROR)  # rule L4: "(" in right-to-left text is drawn as ")"
        if out and out[-1][0] is frag:
            out[-1] = (frag, out[-1][1] + text)
        else:
            out.append((frag, text))
    return [frag.clone(text=text) for frag, text in out]


class Paragraph(_Paragraph):
    """A shaped paragraph whose lines are drawn in visual (bidi) order."""

    def __init__(self, text: str, style: Any, *args: Any, rtl: bool = False, **kwargs: Any) -> None:
        self._rtl = rtl
        super().__init__(text, style, *args, **kwargs)

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803 (reportlab's names)
        parts = super().split(availWidth, availHeight)
        for part in parts:
            part._rtl = getattr(self, "_rtl", False)
        return parts

    def drawPara(self, debug: int = 0) -> None:  # noqa: N802
        bl = getattr(self, "blPara", None)
        if bl is None or getattr(bl, "kind", 0) != 1:
            super().drawPara(debug)
            return
        saved = [line.words for line in bl.lines]
        try:
            for line in bl.lines:
                words = visual(line.words, getattr(self, "_rtl", False))
                if words is not None:
                    line.words = words
            super().drawPara(debug)
        finally:
            for line, words in zip(bl.lines, saved, strict=True):
                line.words = words
