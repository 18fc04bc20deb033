"""Checks for free text and names: NFC, no control, bidi-override or invisible characters, sane lengths.

Invisible format characters (Unicode category Cf: a zero-width space, the direction marks LRM, RLM and ALM, a
BOM, a soft hyphen, tags...) make two names that look alike compare as different, or hide text; they are
refused. ZWNJ and ZWJ are part of spelling in some scripts (Persian "می‌خواهم", Bengali and Devanagari
conjuncts) and are kept there: between two letters (or marks) of one such script, and nowhere else.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.i18n import _
from ospod_desktop.core.limits import NAME_MAX, TEXT_MAX

# Bidi embeddings/overrides and isolates can make a name display as something else.
BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
FSI, PDI = "\u2068", "\u2069"  # first strong isolate, pop directional isolate
# Characters that can move the text around them: right-to-left letters, Arabic digits, explicit controls.
_NOT_LTR = frozenset(("R", "AL", "AN", "RLE", "RLO", "LRE", "LRO", "PDF", "RLI", "LRI", "FSI", "PDI"))
ZWNJ, ZWJ = "\u200c", "\u200d"
# Scripts whose spelling uses ZWNJ or ZWJ between letters (by the first word of a character's Unicode name).
JOINING_SCRIPTS = frozenset(("ARABIC", "SYRIAC", "NKO", "MONGOLIAN", "DEVANAGARI", "BENGALI", "GURMUKHI",
                             "GUJARATI", "ORIYA", "TAMIL", "TELUGU", "KANNADA", "MALAYALAM", "SINHALA", "MYANMAR",
                             "KHMER"))


def isolate(text: str) -> str:
    """`text` between FSI and PDI (Unicode's directional isolates), to embed a name in a line of other text.

    For display only, never stored (`clean_line` refuses bidi controls). Inside the isolate an Arabic name reads
    right to left and takes its own direction from its first letter; outside, it counts as one neutral character,
    so "Record of {name} (3) saved" keeps its words and the "(3)" in place, and a line that begins with the
    name still runs left to right. Text with nothing right to left in it cannot move its neighbours in a
    left-to-right line, so it comes back as it was.
    """
    if any(unicodedata.bidirectional(ch) in _NOT_LTR for ch in text):
        return f"{FSI}{text}{PDI}"
    return text


def _script(ch: str) -> str:
    """The joining script of a letter or mark (`JOINING_SCRIPTS`), else ""."""
    if unicodedata.category(ch)[0] not in "LM":
        return ""
    script = unicodedata.name(ch, "").split(" ", 1)[0]
    return script if script in JOINING_SCRIPTS else ""


def _joiner_allowed(text: str, i: int) -> bool:
    """True if the ZWNJ or ZWJ at `text[i]` stands between two letters (or marks) of one joining script."""
    if i == 0 or i == len(text) - 1:
        return False
    before = _script(text[i - 1])
    return bool(before) and before == _script(text[i + 1])


def invisible_at(text: str) -> int:
    """The position of the first invisible format character `text` must not hold (see the module's text), or -1."""
    for i, ch in enumerate(text):
        if unicodedata.category(ch) == "Cf" and not (ch in (ZWNJ, ZWJ) and _joiner_allowed(text, i)):
            return i
    return -1


Label = str | Callable[[], str]  # a field's label, or what gives it (translated only when a message needs it)


def _check(text: str, field: str, label: Label, max_length: int, allowed: str = "") -> str:
    if len(text) <= max_length and text.isprintable():
        # No character of the categories "Other" (Cc, Cf, Cs, Co, Cn) or "Separator" other than the space, so none
        # of the controls, bidi controls, line breaks and invisible characters the checks below refuse.
        return text
    if callable(label):
        label = label()
    if len(text) > max_length:
        raise ValidationError(
            field, _("{field}: the text is too long (at most {n} characters).").format(field=label, n=max_length)
        )
    for ch in text:
        if ch in BIDI_CONTROLS:
            raise ValidationError(field, _("{field}: contains a text-direction control character.").format(field=label))
        if ch not in allowed and unicodedata.category(ch) in ("Cc", "Cs", "Co"):
            raise ValidationError(field, _("{field}: contains a control character.").format(field=label))
        if "\n" not in allowed and unicodedata.category(ch) in ("Zl", "Zp"):  # a line break in a one-line field
            raise ValidationError(field, _("{field}: contains a control character.").format(field=label))
    if (at := invisible_at(text)) >= 0:
        code = f"U+{ord(text[at]):04X}"
        if text[at] in (ZWNJ, ZWJ):
            raise ValidationError(field, _(
                "{field}: an invisible joiner ({code}) is allowed only between two letters of a script that spells "
                "with it (Arabic, Persian, Bengali, Devanagari…); delete it.").format(field=label, code=code))
        raise ValidationError(field, _(
            "{field}: contains an invisible character ({code}: a zero-width space, a direction mark or the like); "
            "delete it.").format(field=label, code=code))
    return text


def clean_line(value: str | None, field: str, label: Label, max_length: int = NAME_MAX, required: bool = False) -> str:
    """One line of text (a name, a place): stripped, NFC, no control or bidi-override characters."""
    text = unicodedata.normalize("NFC", (value or "")).strip()
    if required and not text:
        raise ValidationError(field, _("{field}: this field is required.").format(
            field=label() if callable(label) else label))
    return _check(text, field, label, max_length)


def clean_text(value: str | None, field: str, label: Label, max_length: int = TEXT_MAX) -> str:
    """Multi-line text (notes): like `clean_line` but newlines and tabs are allowed."""
    text = unicodedata.normalize("NFC", (value or "")).replace("\r\n", "\n").strip()
    return _check(text, field, label, max_length, allowed="\n\t")
