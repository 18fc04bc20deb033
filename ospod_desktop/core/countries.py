"""Countries and languages from CLDR (babel), named in the UI language."""

from __future__ import annotations

import re
from functools import lru_cache

from ospod_desktop.core.collation import czech_sort_key
from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.i18n import N_, _, current_language

STATELESS = "XX"  # ISO 3166 user-assigned code; CLDR has no stateless entry
_ALPHA2 = re.compile(r"^[A-Z]{2}$")
# CLDR pseudo-regions that are not a nationality.
_NOT_COUNTRIES = {"AC", "CP", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "ZZ", "XA", "XB", "CQ"}
_STATELESS_LABEL = N_("Stateless")


@lru_cache(maxsize=4)
def _territories(lang: str) -> dict[str, str]:
    from babel import Locale

    names = Locale.parse(lang).territories
    return {code: name for code, name in names.items() if _ALPHA2.match(code) and code not in _NOT_COUNTRIES}


@lru_cache(maxsize=4)
def _languages(lang: str) -> dict[str, str]:
    from babel import Locale

    names = Locale.parse(lang).languages
    # Two- and three-letter codes only (ISO 639-1/-3), no script or region variants.
    return {code: name for code, name in names.items() if re.fullmatch(r"[a-z]{2,3}", code)}


def country_name(code: str) -> str:
    """The country's name in the UI language ("XX" is stateless)."""
    if code == STATELESS:
        return _(_STATELESS_LABEL)
    return _territories(current_language()).get(code, code)


def countries() -> list[tuple[str, str]]:
    """(code, name) for every country plus stateless, sorted by name in the UI language."""
    items = list(_territories(current_language()).items()) + [(STATELESS, _(_STATELESS_LABEL))]
    return sorted(items, key=lambda kv: czech_sort_key(kv[1]))


def language_name(code: str) -> str:
    return _languages(current_language()).get(code, code)


def languages() -> list[tuple[str, str]]:
    """(code, name) for every language CLDR names, sorted by name in the UI language."""
    return sorted(_languages(current_language()).items(), key=lambda kv: czech_sort_key(kv[1]))



def check_countries(codes: list[str] | tuple[str, ...], field: str, label: str) -> list[str]:
    """Upper-case, deduplicated ISO alpha-2 codes (or XX), or a field-named error."""
    out: list[str] = []
    known = _territories("en")
    for raw in codes:
        code = (raw or "").strip().upper()
        if not code:
            continue
        if code != STATELESS and code not in known:
            raise ValidationError(field, _("{field}: unknown country code {code}.").format(field=label, code=code))
        if code not in out:
            out.append(code)
    return out


def check_languages(codes: list[str] | tuple[str, ...], field: str, label: str) -> list[str]:
    out: list[str] = []
    known = _languages("en")
    for raw in codes:
        code = (raw or "").strip().lower()
        if not code:
            continue
        if code not in known:
            raise ValidationError(field, _("{field}: unknown language code {code}.").format(field=label, code=code))
        if code not in out:
            out.append(code)
    return out
