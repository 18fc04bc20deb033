"""A cheap construction of `could_become`: a small set of unknown answers which, if present, reach an outcome.

Worked out from the rules' shapes instead of by search: a dimension's cheapest rule, the fewest unknowns of a
strength, the smallest alternative of an `any`, the union of an `all`. The engine checks the set reaches the
outcome and prunes it (a union can hold more than it needs); the rules are monotone, so that is enough.
"""

from __future__ import annotations

from ospod_desktop.core.indicators.codes import RANK
from ospod_desktop.core.indicators.engine import Compiled
from ospod_desktop.core.indicators.model import Cond

Set = frozenset[str] | None  # None: the unknown answers cannot make it hold


def _smallest(options) -> Set:
    best: Set = None
    for option in options:
        if option is not None and (best is None or len(option) < len(best)):
            best = option
    return best


class Needs:
    def __init__(self, comp: Compiled, present: frozenset[str], unknown: tuple[str, ...]) -> None:
        self.comp = comp
        self.present = present
        self.unknown = unknown
        self.unknown_set = frozenset(unknown)
        self._dims: dict[str, Set] = {}

    def for_rank(self, target: int) -> set[str] | None:
        best = _smallest(self.cond(when) for _id, rank, when in self._rules() if rank >= target)
        return None if best is None else set(best)

    def _rules(self):
        return ((r.id, RANK[r.outcome], r.when) for r in self.comp.catalogue.outcome_rules)

    def dim(self, dim_id: str) -> Set:
        if dim_id not in self._dims:
            self._dims[dim_id] = self._dim(dim_id)
        return self._dims[dim_id]

    def _dim(self, dim_id: str) -> Set:
        dim = self.comp.dim_by_id.get(dim_id)
        if dim is None:
            return None
        options = []
        for rule in dim.rules:
            if rule.all_strong:
                strong = [i for i, s in dim.indicators if s == "strong"]
                if not strong or any(i not in self.present and i not in self.unknown_set for i in strong):
                    continue
                options.append(frozenset(i for i in strong if i not in self.present))
                continue
            chosen: set[str] | None = set()
            for strength, n in rule.min:
                have = sum(1 for i, s in dim.indicators if s == strength and i in self.present)
                spare = [i for i, s in dim.indicators if s == strength and i in self.unknown_set]
                if have + len(spare) < n:
                    chosen = None
                    break
                assert chosen is not None
                chosen.update(spare[:max(0, n - have)])
            if chosen is not None:
                options.append(frozenset(chosen))
        return _smallest(options)

    def cond(self, cond: Cond) -> Set:
        kind = cond.kind
        if kind == "indicator":
            if cond.value in self.present:
                return frozenset()
            return frozenset((cond.value,)) if cond.value in self.unknown_set else None
        if kind == "dimension":
            return self.dim(cond.value)
        if kind == "element":
            return _smallest(self.dim(d.id) for d in self.comp.dims if d.element == cond.value)
        if kind == "strength":
            comp = self.comp
            have = sum(1 for i in self.present
                       if comp.strength.get(i) == cond.value and cond.element in (None, comp.element.get(i)))
            if have >= cond.n:
                return frozenset()
            spare = [i for i in self.unknown
                     if comp.strength[i] == cond.value and cond.element in (None, comp.element[i])]
            return frozenset(spare[:cond.n - have]) if have + len(spare) >= cond.n else None
        subs = [self.cond(c) for c in cond.of]
        if kind == "any":
            return _smallest(subs)
        possible = sorted((s for s in subs if s is not None), key=len)
        if kind == "all":
            if len(possible) < len(subs):
                return None
            return frozenset().union(*possible)
        if len(possible) < cond.n:  # at_least
            return None
        return frozenset().union(*possible[:cond.n])
