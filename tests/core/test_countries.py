"""Country and language pick lists in the UI language's alphabetical order."""

from __future__ import annotations

from ospod_desktop.core import i18n
from ospod_desktop.core.countries import countries, languages


def test_czech_lists_follow_the_czech_alphabet():
    i18n.set_language("cs")
    try:
        names = [n for _c, n in countries()]
        # C before Č, and "ch" after "h" (Chile comes after Honduras).
        assert names.index("Curaçao") < names.index("Čad") < names.index("Česko") < names.index("Dánsko")
        assert names.index("Honduras") < names.index("Chile") < names.index("Indie")
        langs = [n for _c, n in languages()]
        c_last = max(i for i, n in enumerate(langs) if n.startswith("c") and not n.startswith("ch"))
        assert langs.index("čeština") > c_last
    finally:
        i18n.set_language("en")
