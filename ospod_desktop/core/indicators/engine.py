"""The engine: which dimensions are met and which outcome the answers give, with what unknown answers could
change. `evaluate(catalogue, answers)` is the entry point; a catalogue is compiled once (cached by identity).

Semantics (the rules are monotone, so a further present indicator never lowers the outcome):
- a dimension is met when any of its rules fires (its override list, else the default list), in list order;
- `all_strong` fires when every strong indicator of the dimension is present, never for a dimension without one;
- the outcome is the highest among the outcome rules whose condition holds; none: `no_indication`;
- unknown counts as absent; `could_become` says which unknown answers, if present, would raise the outcome.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.i18n import _
from ospod_desktop.core.indicators.codes import ANSWERS, OUTCOMES, RANK, STRENGTHS
from ospod_desktop.core.indicators.model import Catalogue, Cond, DimensionRule

# (present ids, met dimension ids, met elements, counts {(strength, element | None): n})
Ctx = tuple[frozenset[str] | set[str], set[str], set[str], dict[tuple[str, str | None], int]]


@dataclass(frozen=True)
class DimensionResult:
    id: str
    element: str
    met: bool
    rule: str | None
    present: tuple[str, ...]
    unknown: tuple[str, ...]


@dataclass(frozen=True)
class Possibility:
    """`needs`: unknown answers which, if present, make the outcome at least `outcome`."""

    outcome: str
    needs: tuple[str, ...]


@dataclass(frozen=True)
class Result:
    outcome: str
    dimensions: tuple[DimensionResult, ...]
    fired: tuple[str, ...]
    unknown: tuple[str, ...]
    could_become: tuple[Possibility, ...]
    catalogue: Catalogue = field(repr=False, compare=False)

    def reasons(self, lang: str | None = None) -> list[str]:
        """Sentences that explain the result in `lang` (None: the app's language)."""
        from ospod_desktop.core.indicators.explain import reasons

        return reasons(self, lang)

    def to_json(self, lang: str | None = None) -> dict:
        return {
            "outcome": self.outcome,
            "dimensions": [{"id": d.id, "element": d.element, "met": d.met, "rule": d.rule,
                            "present": list(d.present), "unknown": list(d.unknown)} for d in self.dimensions],
            "reasons": self.reasons(lang),
            "fired": list(self.fired),
            "unknown": list(self.unknown),
            "could_become": [{"outcome": p.outcome, "needs": list(p.needs)} for p in self.could_become],
        }


@dataclass(frozen=True)
class _Dim:
    id: str
    element: str
    indicators: tuple[tuple[str, str], ...]  # (id, strength)
    strong: int
    rules: tuple[DimensionRule, ...]
    by_strength: tuple[tuple[str, frozenset[str]], ...]  # the dimension's indicators of each strength


class Compiled:
    """A catalogue prepared for evaluation: dimensions with their indicators and rules, conditions as closures."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.ids = tuple(i.id for i in catalogue.indicators)
        self.known = frozenset(self.ids)
        self.strength = {i.id: i.strength for i in catalogue.indicators}
        self.element_of = {d.id: d.element for d in catalogue.dimensions}
        self.element = {i.id: self.element_of.get(i.dimension, "") for i in catalogue.indicators}
        self.dims = tuple(
            _Dim(d.id, d.element, tuple((i.id, i.strength) for i in catalogue.indicators_of(d.id)),
                 sum(1 for i in catalogue.indicators_of(d.id) if i.strength == "strong"), catalogue.rules_of(d.id),
                 tuple((s, frozenset(i.id for i in catalogue.indicators_of(d.id) if i.strength == s))
                       for s in STRENGTHS))
            for d in catalogue.dimensions)
        self.dim_by_id = {d.id: d for d in self.dims}
        self.rules = tuple((r.id, RANK[r.outcome], _compile(r.when)) for r in catalogue.outcome_rules)

    def state(self, present: frozenset[str] | set[str]) -> tuple[dict[str, str | None], Ctx]:
        """Which rule met each dimension (None: not met), and the context the outcome conditions read."""
        met_by: dict[str, str | None] = {}
        met: set[str] = set()
        elements: set[str] = set()
        counts: dict[tuple[str, str | None], int] = {}
        for dim in self.dims:
            have = {strength: len(ids & present) for strength, ids in dim.by_strength}
            for strength, n in have.items():
                if n:
                    counts[(strength, dim.element)] = counts.get((strength, dim.element), 0) + n
                    counts[(strength, None)] = counts.get((strength, None), 0) + n
            rule_id = None
            for rule in dim.rules:
                if rule.all_strong:
                    if dim.strong and have["strong"] == dim.strong:
                        rule_id = rule.id
                        break
                elif all(have[s] >= n for s, n in rule.min):
                    rule_id = rule.id
                    break
            met_by[dim.id] = rule_id
            if rule_id is not None:
                met.add(dim.id)
                elements.add(dim.element)
        return met_by, (present, met, elements, counts)

    def outcome(self, ctx: Ctx) -> tuple[int, tuple[str, ...]]:
        """The outcome's rank and the rules that fired at it."""
        best = 0
        fired: list[str] = []
        for rule_id, rank, cond in self.rules:
            if rank >= best and cond(ctx):
                if rank > best:
                    best, fired = rank, []
                fired.append(rule_id)
        return best, tuple(fired)

    def rank_of(self, present: frozenset[str] | set[str]) -> int:
        return self.outcome(self.state(present)[1])[0]


def _compile(cond: Cond) -> Callable[[Ctx], bool]:
    kind, value = cond.kind, cond.value
    if kind == "indicator":
        return lambda ctx: value in ctx[0]
    if kind == "dimension":
        return lambda ctx: value in ctx[1]
    if kind == "element":
        return lambda ctx: value in ctx[2]
    if kind == "strength":
        key, n = (value, cond.element), cond.n
        return lambda ctx: ctx[3].get(key, 0) >= n
    subs = tuple(_compile(c) for c in cond.of)
    if kind == "all":
        return lambda ctx: all(s(ctx) for s in subs)
    if kind == "any":
        return lambda ctx: any(s(ctx) for s in subs)
    need = cond.n
    return lambda ctx: sum(1 for s in subs if s(ctx)) >= need


_compiled: weakref.WeakKeyDictionary[Catalogue, Compiled] = weakref.WeakKeyDictionary()


def compiled(catalogue: Catalogue) -> Compiled:
    """The catalogue compiled for evaluation (once per catalogue object)."""
    comp = _compiled.get(catalogue)
    if comp is None:
        comp = _compiled[catalogue] = Compiled(catalogue)
    return comp


def answer_values(catalogue: Catalogue, answers: Mapping[str, object]) -> dict[str, str]:
    """The answers as {indicator id: answer code}; values may be codes or `AnswerInput`s. An id the catalogue
    does not have, or an answer not in ANSWERS, raises ValidationError naming the indicator id."""
    known = compiled(catalogue).known
    out: dict[str, str] = {}
    for iid, value in answers.items():
        answer = getattr(value, "answer", value)
        if iid not in known:
            raise ValidationError(iid, _("“{id}” is not an indicator of the catalogue {catalogue} {version}.").format(
                id=iid, catalogue=catalogue.id, version=catalogue.version))
        if answer not in ANSWERS:
            raise ValidationError(iid, _("Answer “{id}” with present, absent or not known.").format(id=iid))
        out[iid] = str(answer)
    return out


def evaluate(catalogue: Catalogue, answers: Mapping[str, object]) -> Result:
    """The result of `answers` ({indicator id: "present" | "absent" | "unknown"}; a missing id is unknown)."""
    comp = compiled(catalogue)
    values = answer_values(catalogue, answers)
    present = frozenset(i for i, a in values.items() if a == "present")
    unknown = tuple(i for i in comp.ids if values.get(i, "unknown") == "unknown")
    met_by, ctx = comp.state(present)
    rank, fired = comp.outcome(ctx)
    unknown_set = set(unknown)
    dims = tuple(
        DimensionResult(d.id, d.element, met_by[d.id] is not None, met_by[d.id],
                        tuple(i for i, _s in d.indicators if i in present),
                        tuple(i for i, _s in d.indicators if i in unknown_set))
        for d in comp.dims)
    could = _could_become(comp, present, unknown, rank) if unknown else ()
    return Result(OUTCOMES[rank], dims, fired, unknown, could, catalogue)


def _could_become(comp: Compiled, present: frozenset[str], unknown: tuple[str, ...],
                  rank: int) -> tuple[Possibility, ...]:
    from ospod_desktop.core.indicators.needs import Needs

    top = comp.rank_of(present | set(unknown))
    if top <= rank:
        return ()
    finder = Needs(comp, present, unknown)
    out = []
    for target in range(rank + 1, top + 1):
        needs = finder.for_rank(target)
        if needs is None or comp.rank_of(present | needs) < target:
            needs = set(unknown)  # the cheap construction missed: fall back to every unknown answer, pruned
        out.append(Possibility(OUTCOMES[target], _prune(comp, present, needs, target, unknown)))
    return tuple(out)


def _prune(comp: Compiled, present: frozenset[str], needs: Iterable[str], target: int,
           order: tuple[str, ...]) -> tuple[str, ...]:
    """Drop from `needs` every answer the target is reached without (weak ones first), in catalogue order."""
    keep = set(needs)
    weakest_first = sorted(keep, key=lambda i: (-STRENGTHS.index(comp.strength[i]), -order.index(i)))
    for iid in weakest_first:
        keep.discard(iid)
        if comp.rank_of(present | keep) < target:
            keep.add(iid)
    return tuple(i for i in order if i in keep)
