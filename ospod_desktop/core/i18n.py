"""gettext translations for every user-visible string; Czech is the default language."""

from __future__ import annotations

import gettext as _gettext
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import cast

from ospod_desktop.paths import resource

DOMAIN = "ospod"
LANGUAGES = ("cs", "en")
DEFAULT_LANGUAGE = "cs"

_lock = threading.Lock()
_state: dict[str, object] = {"lang": None, "tr": _gettext.NullTranslations()}
# A document in another language than the window's (an English PDF from a Czech session): `language()` sets it for
# the calling thread only, so a worker rendering English never changes what the window's thread translates.
_local = threading.local()
_cache: dict[str, _gettext.NullTranslations] = {}


def _load(lang: str) -> _gettext.NullTranslations:
    tr = _cache.get(lang)
    if tr is None:
        tr = _gettext.translation(DOMAIN, localedir=str(resource("locale")), languages=[lang], fallback=True)
        _cache[lang] = tr
    return tr


def set_language(lang: str) -> None:
    """Switch every later `_()` call to `lang` (falls back to Czech for an unknown code)."""
    if lang not in LANGUAGES:
        lang = DEFAULT_LANGUAGE
    tr = _gettext.translation(DOMAIN, localedir=str(resource("locale")), languages=[lang], fallback=True)
    _cache[lang] = tr
    with _lock:
        _state["lang"] = lang
        _state["tr"] = tr


@contextmanager
def language(lang: str) -> Iterator[str]:
    """Translate in `lang` inside the block, in this thread only (documents, exports); nests; restores on exit."""
    if lang not in LANGUAGES:
        lang = DEFAULT_LANGUAGE
    saved = getattr(_local, "lang", None)
    _local.lang = lang
    try:
        yield lang
    finally:
        _local.lang = saved


def current_language() -> str:
    """The active language code (this thread's `language()` block first); loads the default on first use."""
    override = getattr(_local, "lang", None)
    if override is not None:
        return str(override)
    if _state["lang"] is None:
        set_language(DEFAULT_LANGUAGE)
    return str(_state["lang"])


def _tr() -> _gettext.NullTranslations:
    override = getattr(_local, "lang", None)
    if override is not None:
        return _load(override)
    if _state["lang"] is None:
        set_language(DEFAULT_LANGUAGE)
    return cast(_gettext.NullTranslations, _state["tr"])


def _(message: str) -> str:
    """Translate `message` into the active language."""
    return _tr().gettext(message)


def every_translation(message: str) -> tuple[str, ...]:
    """`message` as written and in each language of the app (to read back a code someone typed as its label)."""
    out = [message]
    for lang in LANGUAGES:
        tr = _gettext.translation(DOMAIN, localedir=str(resource("locale")), languages=[lang], fallback=True)
        out.append(tr.gettext(message))
    return tuple(dict.fromkeys(out))


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate with the plural form for `n` (Czech has three)."""
    return _tr().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """Translate `message` as used in `context` (the same English can need different Czech)."""
    return _tr().pgettext(context, message)


def for_sex(sex: str, girl: str, boy: str, child: str) -> str:
    """Czech agrees past tenses and adjectives with the person: a text about one child in the girl's form, the
    boy's, or the form that agrees with "dítě" when the sex is not known. Pass the three translations, e.g.
    `for_sex(sex, pgettext("girl", "Came back"), pgettext("boy", "Came back"), _("Came back"))`."""
    return girl if sex == "F" else boy if sex == "M" else child


def N_(message: str) -> str:
    """Mark `message` for extraction; translate it later with `_()`."""
    return message


def format_day(day) -> str:
    """A date for a message in the active language ("19. 10. 2026" in Czech), through babel."""
    from babel.dates import format_date

    return format_date(day, format="medium", locale=current_language())
