"""The reasons of a result, as sentences in one language: which indicators met which dimension and by which
rule, which outcome rules fired, what is not known and what unknown answers could change."""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from ospod_desktop.core import i18n
from ospod_desktop.core.indicators.codes import LABELS
from ospod_desktop.core.indicators.model import DimensionRule
from ospod_desktop.paths import resource

if TYPE_CHECKING:
    from ospod_desktop.core.indicators.engine import Result


@lru_cache(maxsize=4)
def _translations(lang: str) -> _gettext.NullTranslations:
    return _gettext.translation(i18n.DOMAIN, localedir=str(resource("locale")), languages=[lang],
                                fallback=True)


class Words:
    """gettext / ngettext in one language (None: the app's current language)."""

    def __init__(self, lang: str | None) -> None:
        self.lang = lang or i18n.current_language()
        if lang is None:
            self.gettext: Callable[[str], str] = i18n._
            self.ngettext: Callable[[str, str, int], str] = i18n.ngettext
        else:
            tr = _translations(lang)
            self.gettext, self.ngettext = tr.gettext, tr.ngettext

    def label(self, codes_name: str, code: str) -> str:
        text = LABELS.get(codes_name, {}).get(code)
        return self.gettext(text) if text else code


def _count(w: Words, strength: str, n: int) -> str:
    ngettext = w.ngettext  # the extractor finds the messages by this name
    if strength == "strong":
        return ngettext("{n} strong indicator", "{n} strong indicators", n).format(n=n)
    if strength == "medium":
        return ngettext("{n} medium indicator", "{n} medium indicators", n).format(n=n)
    return ngettext("{n} weak indicator", "{n} weak indicators", n).format(n=n)


def describe_rule(rule: DimensionRule, lang: str | None = None) -> str:
    """A dimension rule in words: "at least 1 medium indicator and 2 weak indicators", "all its strong
    indicators"."""
    w = Words(lang)
    _ = w.gettext
    if rule.all_strong:
        return _("all its strong indicators")
    parts = [_count(w, s, n) for s, n in rule.min]
    joined = parts[0] if len(parts) == 1 else _("{first} and {last}").format(
        first=", ".join(parts[:-1]), last=parts[-1])
    return _("at least {counts}").format(counts=joined)


def _could(w: Words, outcome: str, n: int, names: str) -> str:
    ngettext = w.ngettext
    if outcome == "presumed_victim":
        text = ngettext("{n} unknown answer could make this a presumed victim: {indicators}.",
                          "{n} unknown answers could make this a presumed victim: {indicators}.", n)
    else:
        text = ngettext("{n} unknown answer could make this a concern: {indicators}.",
                          "{n} unknown answers could make this a concern: {indicators}.", n)
    return text.format(n=n, indicators=names)


def reasons(result: Result, lang: str | None = None) -> list[str]:
    w = Words(lang)
    _, ngettext = w.gettext, w.ngettext
    cat = result.catalogue

    def names(ids) -> str:
        return "; ".join(cat.indicator(i).text.get(w.lang).rstrip(". ") for i in ids)

    out: list[str] = []
    for dim in result.dimensions:
        if not dim.met:
            continue
        rule = next((r for r in cat.rules_of(dim.id) if r.id == dim.rule), None)
        out.append(_("Dimension “{dimension}” is met ({rule}): {indicators}.").format(
            dimension=cat.dimension(dim.id).title.get(w.lang),
            rule=describe_rule(rule, lang) if rule else dim.rule, indicators=names(dim.present)))
    if result.fired:
        by_id = {r.id: r for r in cat.outcome_rules}
        for rule_id in result.fired:
            out.append(_("{outcome}: {explanation}").format(
                outcome=w.label("outcome", result.outcome), explanation=by_id[rule_id].explain.get(w.lang)))
    else:
        out.append(_("No rule fired: the answers give no indication of trafficking."))
    if result.unknown:
        n = len(result.unknown)
        out.append(ngettext("{n} answer is not known.", "{n} answers are not known.", n).format(n=n))
    for possibility in result.could_become:
        out.append(_could(w, possibility.outcome, len(possibility.needs), names(possibility.needs)))
    return out
