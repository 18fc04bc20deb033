"""The catalogue as Python values: dimensions, indicators and the rules, built from checked JSON data.

`Catalogue.from_data` trusts its input: `check.check_catalogue` has accepted it (`load.load_catalogue` does
both). The rules keep the JSON's shapes: a `DimensionRule` is a threshold (`min`) or `all_strong`; an
`OutcomeRule` gives an outcome when its `Cond` holds.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ospod_desktop.core.errors import OspodError
from ospod_desktop.core.i18n import _, current_language


@dataclass(frozen=True)
class Localized:
    """A text in Czech and English."""

    cs: str
    en: str

    def get(self, lang: str | None = None) -> str:
        """The text in `lang` (None: the app's current language; an unknown code: Czech)."""
        lang = lang or current_language()
        return self.en if lang == "en" else self.cs

    @classmethod
    def of(cls, data: Any) -> Localized:
        return cls(str(data["cs"]), str(data["en"]))

    @classmethod
    def maybe(cls, data: Any) -> Localized | None:
        return None if data is None else cls.of(data)


@dataclass(frozen=True)
class Dimension:
    id: str
    element: str
    title: Localized
    description: Localized | None = None


@dataclass(frozen=True)
class Indicator:
    id: str
    dimension: str
    strength: str
    text: Localized
    guidance: Localized
    forms: tuple[str, ...] = ()


@dataclass(frozen=True)
class DimensionRule:
    """A dimension is met when the present indicators reach `min` ({strength: count}), or, with `all_strong`,
    when every strong indicator of the dimension is present (never for a dimension without strong ones)."""

    id: str
    min: tuple[tuple[str, int], ...] = ()
    all_strong: bool = False

    @classmethod
    def of(cls, data: Any) -> DimensionRule:
        return cls(str(data["id"]), tuple((s, int(n)) for s, n in data.get("min", {}).items()),
                   bool(data.get("all_strong", False)))


@dataclass(frozen=True)
class Cond:
    """One condition of an outcome rule. `kind` is element / dimension / indicator (`value` names it),
    strength (`value` the strength, `n` the minimum, `element` optional), all / any / at_least (`of`, `n`)."""

    kind: str
    value: str = ""
    n: int = 0
    element: str | None = None
    of: tuple[Cond, ...] = ()

    @classmethod
    def of_data(cls, data: Any) -> Cond:
        if "all" in data:
            return cls("all", of=tuple(cls.of_data(c) for c in data["all"]))
        if "any" in data:
            return cls("any", of=tuple(cls.of_data(c) for c in data["any"]))
        if "at_least" in data:
            return cls("at_least", n=int(data["at_least"]), of=tuple(cls.of_data(c) for c in data["of"]))
        if "strength" in data:
            return cls("strength", str(data["strength"]), int(data.get("min", 1)), data.get("element"))
        for kind in ("element", "dimension", "indicator"):
            if kind in data:
                return cls(kind, str(data[kind]))
        raise ValueError("not a condition")  # check_catalogue refuses it before

    def walk(self):
        """This condition and every one inside it."""
        yield self
        for sub in self.of:
            yield from sub.walk()


@dataclass(frozen=True)
class OutcomeRule:
    id: str
    outcome: str
    when: Cond
    explain: Localized


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a catalogue: `path` is a JSON path (`indicators[3].strength`, `$` for the whole
    file) or names the id (`indicator 'x'`, `rule 'y'`); `message` is translated."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class CatalogueError(OspodError):
    """The catalogue is not valid; `problems` lists every problem."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems = tuple(problems)
        first = self.problems[0] if self.problems else Problem("$", "")
        super().__init__(_("The indicator catalogue is not valid: {problem}").format(problem=str(first)))


@dataclass(frozen=True, eq=False)
class Catalogue:
    id: str
    version: str
    title: Localized
    notice: Localized | None
    sources: tuple[dict, ...]
    dimensions: tuple[Dimension, ...]
    indicators: tuple[Indicator, ...]
    dimension_rules: tuple[DimensionRule, ...]
    dimension_overrides: dict[str, tuple[DimensionRule, ...]]
    outcome_rules: tuple[OutcomeRule, ...]
    data: dict = field(repr=False)

    @classmethod
    def from_data(cls, data: dict) -> Catalogue:
        """The catalogue of already-checked JSON data (see `load.load_catalogue`)."""
        rules = data["rules"]
        return cls(
            id=data["id"], version=data["version"], title=Localized.of(data["title"]),
            notice=Localized.maybe(data.get("notice")),
            sources=tuple(dict(s) for s in data.get("sources", ())),
            dimensions=tuple(Dimension(d["id"], d["element"], Localized.of(d["title"]),
                                       Localized.maybe(d.get("description"))) for d in data["dimensions"]),
            indicators=tuple(Indicator(i["id"], i["dimension"], i["strength"], Localized.of(i["text"]),
                                       Localized.of(i["guidance"]), tuple(i.get("forms", ())))
                             for i in data["indicators"]),
            dimension_rules=tuple(DimensionRule.of(r) for r in rules.get("dimension_met", ())),
            dimension_overrides={k: tuple(DimensionRule.of(r) for r in v)
                                 for k, v in rules.get("dimension_overrides", {}).items()},
            outcome_rules=tuple(OutcomeRule(r["id"], r["outcome"], Cond.of_data(r["when"]), Localized.of(r["explain"]))
                                for r in rules.get("outcomes", ())),
            data=data,
        )

    @cached_property
    def _by_id(self) -> tuple[dict[str, Indicator], dict[str, Dimension]]:
        return {i.id: i for i in self.indicators}, {d.id: d for d in self.dimensions}

    def indicator(self, id: str) -> Indicator:
        """The indicator `id` (KeyError when the catalogue has none)."""
        return self._by_id[0][id]

    def dimension(self, id: str) -> Dimension:
        """The dimension `id` (KeyError when the catalogue has none)."""
        return self._by_id[1][id]

    def has_indicator(self, id: str) -> bool:
        return id in self._by_id[0]

    def indicators_of(self, dimension_id: str) -> tuple[Indicator, ...]:
        """The indicators of one dimension, in catalogue order."""
        return self._grouped.get(dimension_id, ())

    @cached_property
    def _grouped(self) -> dict[str, tuple[Indicator, ...]]:
        out: dict[str, list[Indicator]] = {}
        for ind in self.indicators:
            out.setdefault(ind.dimension, []).append(ind)
        return {k: tuple(v) for k, v in out.items()}

    def rules_of(self, dimension_id: str) -> tuple[DimensionRule, ...]:
        """The rules that meet `dimension_id`: its override, or the default list."""
        return self.dimension_overrides.get(dimension_id, self.dimension_rules)

    def canonical_json(self) -> str:
        """The data as canonical JSON: sorted keys, UTF-8 characters as they are, no spaces."""
        return json.dumps(self.data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    @cached_property
    def digest(self) -> str:
        """sha256 (hex) of `canonical_json()`."""
        return hashlib.sha256(self.canonical_json().encode("utf-8")).hexdigest()
