"""Rules that can never fire and dimensions that can never be met, even with every indicator present.

Reads the JSON data directly and is optimistic about whatever is malformed or names something missing (the
schema and the name checks report those): such an item is assumed able to help, so one fault is not reported
again as rules that never fire. For a valid catalogue this is exact: it agrees with the engine
(`engine.Compiled`) evaluating every indicator present.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ospod_desktop.core.i18n import _
from ospod_desktop.core.indicators.codes import ELEMENTS, STRENGTHS
from ospod_desktop.core.indicators.model import Problem
from ospod_desktop.core.indicators.shape import cond_kind, entries, is_count, listed, obj, text_id

WILD = "?"  # the strength of an indicator whose strength is malformed: it may count as any


def never_problems(data: dict) -> list[Problem]:
    """What can never fire in parsed catalogue `data` (any JSON object; malformed parts are skipped)."""
    dims_list, inds_list = listed(data, "dimensions"), listed(data, "indicators")
    if dims_list is None or inds_list is None:
        return []
    return _Never(data, dims_list, inds_list).problems


class _Never:
    def __init__(self, data: dict, dims_list: list, inds_list: list) -> None:
        rules = obj(data.get("rules"))
        self.problems: list[Problem] = []
        self.dims = [(did, d["element"] if d.get("element") in ELEMENTS else None)
                     for _n, d in entries(dims_list) if (did := text_id(d)) is not None]
        dim_ids = {did for did, _e in self.dims}
        # an element some dimension may have: a dimension without an id, or with a malformed element, may be any
        self.any_element = any(text_id(d) is None or d.get("element") not in ELEMENTS for _n, d in entries(dims_list))
        self.per_dim: dict[str, Counter[str]] = {did: Counter() for did in dim_ids}
        self.floating: Counter[str] = Counter()  # indicators naming no known dimension: they may be in any
        self.indicators: list[tuple[str, str | None]] = []  # (strength or WILD, dimension id or None)
        for _n, ind in entries(inds_list):
            strength = str(ind["strength"]) if ind.get("strength") in STRENGTHS else WILD
            dim = ind.get("dimension")
            known = dim if isinstance(dim, str) and dim in dim_ids else None
            (self.per_dim[known] if known else self.floating)[strength] += 1
            self.indicators.append((strength, known))
        self.met = self._dimensions(rules)
        self._outcomes(listed(rules, "outcomes"))

    # dimensions ---------------------------------------------------------------------------------------------

    def _dimensions(self, rules: dict) -> dict[str, bool]:
        """Which dimensions can be met (True when it cannot be told); reports what can never fire."""
        raw = rules.get("dimension_overrides", {})
        default = listed(rules, "dimension_met")
        met: dict[str, bool] = {}
        if not isinstance(raw, dict):  # which dimensions the default rules apply to cannot be told
            return {did: True for did, _e in self.dims}
        default_fires: set[int] = set()
        uses_default = False
        for did, _element in self.dims:
            own = did in raw
            listed_rules = raw[did] if own else default
            if not isinstance(listed_rules, list) or not listed_rules:
                met[did] = True
                continue
            have = self.per_dim[did]
            can = {n for n, rule in enumerate(listed_rules) if self._can(rule, have)}
            if not own:
                uses_default = True
                default_fires |= can
            if not have.total():  # reported as a dimension without indicators
                met[did] = True
                continue
            if own:
                for n, rule in entries(listed_rules):
                    if n not in can:
                        self.problems.append(Problem(f"rules.dimension_overrides.{did}[{n}]", _(
                            "rule “{rule}” can never fire: the dimension “{dimension}” has too few indicators for "
                            "it.").format(rule=text_id(rule) or f"#{n}", dimension=did)))
            met[did] = bool(can)
            if not can and have.total():
                self.problems.append(Problem(f"dimension '{did}'", _(
                    "the dimension can never be met: none of its rules can fire with the indicators it has.")))
        if uses_default and default:
            for n, rule in entries(default):
                if n not in default_fires:
                    self.problems.append(Problem(f"rules.dimension_met[{n}]", _(
                        "rule “{rule}” can never fire: no dimension has enough indicators for it.").format(
                        rule=text_id(rule) or f"#{n}")))
        return met

    def _can(self, rule: Any, have: Counter[str]) -> bool:
        """Whether a dimension rule can fire with every indicator present (True when it is malformed)."""
        if not isinstance(rule, dict):
            return True

        def most(strength: str) -> int:
            return have[strength] + self.floating[strength] + have[WILD] + self.floating[WILD]

        threshold = rule.get("min")
        if "min" not in rule and rule.get("all_strong") is True:
            return most("strong") > 0
        if "all_strong" in rule or not isinstance(threshold, dict) or not threshold:
            return True
        if not all(s in STRENGTHS and is_count(n) for s, n in threshold.items()):
            return True
        return all(most(s) >= n for s, n in threshold.items())

    # outcome rules ------------------------------------------------------------------------------------------

    def _outcomes(self, outcomes: list | None) -> None:
        self.elements = {e for did, e in self.dims if self.met.get(did, True)}
        self.all_elements = {e for _did, e in self.dims}
        self.element_of: dict[str, set[str | None]] = {}
        for did, element in self.dims:
            self.element_of.setdefault(did, set()).add(element)
        for n, rule in entries(outcomes):
            if "when" in rule and not self._holds(rule["when"]):
                rule_id = text_id(rule)
                self.problems.append(Problem(f"rule '{rule_id}'" if rule_id is not None else f"rules.outcomes[{n}]", _(
                    "rule “{rule}” can never fire: its condition is false even with every indicator present "
                    "(rules.outcomes[{n}]).").format(rule=rule_id if rule_id is not None else f"#{n}", n=n)))

    def _holds(self, cond: Any) -> bool:
        """Whether `cond` holds with every indicator present (True when malformed or naming something missing)."""
        kind = cond_kind(cond)
        if kind is None or kind == "indicator":  # every indicator is present (a missing one is reported apart)
            return True
        if kind == "dimension":
            return self.met.get(cond["dimension"], True)
        if kind == "element":
            element = cond["element"]
            return (self.any_element or element in self.elements or element not in ELEMENTS
                    or element not in self.all_elements)
        if kind == "strength":
            return self._strength(cond["strength"], cond["min"], cond.get("element"))
        if kind == "all":
            return all(self._holds(c) for c in cond["all"])
        if kind == "any":
            return any(self._holds(c) for c in cond["any"])
        return bool(sum(1 for c in cond["of"] if self._holds(c)) >= cond["at_least"])

    def _strength(self, strength: str, least: int, element: str | None) -> bool:
        if strength not in STRENGTHS or (element is not None and element not in ELEMENTS):
            return True
        count = 0
        for have, dim in self.indicators:
            if have not in (strength, WILD):
                continue
            elements = self.element_of.get(dim, set()) if dim else set()
            if element is None or dim is None or element in elements or not elements <= set(ELEMENTS):
                count += 1
        return count >= least
