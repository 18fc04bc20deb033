"""A Czech sort key without ICU: "ch" sorts after "h", diacritics only break ties (ČSN 97 6030)."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Letters whose háček or acute makes a separate letter in Czech ordering (č after c, ř after r, š, ž).
_PRIMARY = {"č": "c\uffff", "ř": "r\uffff", "š": "s\uffff", "ž": "z\uffff"}


@lru_cache(maxsize=65536)  # names repeat: an import sorts 100,000s of them
def czech_sort_key(text: str) -> str:
    """A string whose plain code-point order is the Czech alphabetical order of `text`.

    Primary: letters with č ř š ž as their own letters and "ch" as one letter after "h"; other
    diacritics (á, é, ů…) are ignored at this level. Secondary: the full text breaks ties. Non-Latin
    names keep their own script's order after all Latin names.
    """
    low = unicodedata.normalize("NFC", text.casefold().strip())
    out = []
    i = 0
    while i < len(low):
        ch = low[i]
        if ch == "c" and i + 1 < len(low) and low[i + 1] == "h":
            out.append("h\uffff")
            i += 2
            continue
        if ch in _PRIMARY:
            out.append(_PRIMARY[ch])
        else:
            base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
            out.append(base or ch)
        i += 1
    return "".join(out) + "\u0000" + low
