"""Checking a catalogue: the JSON Schema first, then what a schema cannot say — duplicate ids, indicators or
rules naming a missing dimension, indicator or element, rules that can never fire, dimensions without
indicators. Every problem names its JSON path or id; `[]` means the catalogue is valid.

The meaning checks run only on data the schema accepts (they read its shape).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ospod_desktop.core.i18n import N_, _
from ospod_desktop.core.indicators.model import Catalogue, Problem
from ospod_desktop.core.indicators.schema import schema_problems


def check_catalogue(data: object) -> list[Problem]:
    """Every problem of parsed JSON `data` as a catalogue ([] when it is valid)."""
    problems = schema_problems(data)
    if problems:
        return problems
    assert isinstance(data, dict)
    problems = _names(data)
    if problems:  # the rest reads the catalogue as a whole, which needs every name to resolve
        return problems
    return _never(data)


def check_catalogue_text(text: str | bytes) -> list[Problem]:
    """Every problem of a catalogue file's text; malformed JSON is one problem at `$` with its line and column."""
    data, problem = read_json(text)
    return [problem] if problem else check_catalogue(data)


def read_json(text: str | bytes) -> tuple[Any, Problem | None]:
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            return None, Problem("$", _("The file is not UTF-8 text (byte {position}).").format(position=e.start))
    try:
        return json.loads(text), None
    except json.JSONDecodeError as e:
        return None, Problem("$", _("The file is not valid JSON: line {line}, column {column}.").format(
            line=e.lineno, column=e.colno))


DUPLICATE = {
    "dimension": N_("the dimension id “{id}” is used twice (first at {first})."),
    "indicator": N_("the indicator id “{id}” is used twice (first at {first})."),
    "rule": N_("the rule id “{id}” is used twice (first at {first})."),
}


def _duplicates(items: list[dict], path: str, what: str) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for n, item in enumerate(items):
        first = seen.setdefault(item["id"], n)
        if first != n:
            yield Problem(f"{path}[{n}].id", _(DUPLICATE[what]).format(id=item["id"], first=f"{path}[{first}]"))


def _conds(cond: dict, path: str) -> Iterator[tuple[dict, str]]:
    yield cond, path
    for key in ("all", "any", "of"):
        for n, sub in enumerate(cond.get(key, ())):
            yield from _conds(sub, f"{path}.{key}[{n}]")


def _names(data: dict) -> list[Problem]:
    out: list[Problem] = []
    rules = data["rules"]
    out += _duplicates(data["dimensions"], "dimensions", "dimension")
    out += _duplicates(data["indicators"], "indicators", "indicator")
    out += _duplicates(rules["dimension_met"], "rules.dimension_met", "rule")
    for dim_id, listed in rules.get("dimension_overrides", {}).items():
        out += _duplicates(listed, f"rules.dimension_overrides.{dim_id}", "rule")
    out += _duplicates(rules["outcomes"], "rules.outcomes", "rule")
    dims = {d["id"] for d in data["dimensions"]}
    inds = {i["id"] for i in data["indicators"]}
    elements = {d["element"] for d in data["dimensions"]}
    for n, ind in enumerate(data["indicators"]):
        if ind["dimension"] not in dims:
            out.append(Problem(f"indicators[{n}].dimension", _("no dimension has the id “{id}”.").format(
                id=ind["dimension"])))
    for dim_id in rules.get("dimension_overrides", {}):
        if dim_id not in dims:
            out.append(Problem(f"rules.dimension_overrides.{dim_id}",
                               _("no dimension has the id “{id}”.").format(id=dim_id)))
    used = {i["dimension"] for i in data["indicators"]}
    for dim in data["dimensions"]:
        if dim["id"] not in used:
            out.append(Problem(f"dimension '{dim['id']}'", _("the dimension has no indicators.")))
    for n, rule in enumerate(rules["outcomes"]):
        for cond, path in _conds(rule["when"], f"rules.outcomes[{n}].when"):
            if "dimension" in cond and cond["dimension"] not in dims:
                out.append(Problem(f"{path}.dimension", _("rule “{rule}” names the dimension “{id}”, which the "
                                                          "catalogue does not have.").format(
                    rule=rule["id"], id=cond["dimension"])))
            if "indicator" in cond and cond["indicator"] not in inds:
                out.append(Problem(f"{path}.indicator", _("rule “{rule}” names the indicator “{id}”, which the "
                                                          "catalogue does not have.").format(
                    rule=rule["id"], id=cond["indicator"])))
            element = cond.get("element")
            if element is not None and element not in elements:
                out.append(Problem(f"{path}.element", _("rule “{rule}” names the element “{element}”, which no "
                                                        "dimension has.").format(rule=rule["id"], element=element)))
    return out


def _never(data: dict) -> list[Problem]:
    """Rules that can never fire and dimensions that can never be met, with every indicator present."""
    from ospod_desktop.core.indicators.engine import compiled

    cat = Catalogue.from_data(data)
    comp = compiled(cat)
    out: list[Problem] = []
    fires_somewhere: set[str] = set()
    overrides = cat.dimension_overrides
    for dim in comp.dims:
        counts = {s: sum(1 for _i, st in dim.indicators if st == s) for s in ("strong", "medium", "weak")}
        can = [r for r in dim.rules if (dim.strong > 0 if r.all_strong else all(counts[s] >= n for s, n in r.min))]
        if dim.id in overrides:
            for n, rule in enumerate(dim.rules):
                if rule not in can:
                    out.append(Problem(f"rules.dimension_overrides.{dim.id}[{n}]", _(
                        "rule “{rule}” can never fire: the dimension “{dimension}” has too few indicators for it."
                    ).format(rule=rule.id, dimension=dim.id)))
        else:
            fires_somewhere.update(r.id for r in can)
        if not can and dim.indicators:
            out.append(Problem(f"dimension '{dim.id}'", _("the dimension can never be met: none of its rules can "
                                                          "fire with the indicators it has.")))
    if len(overrides) < len(comp.dims):
        for n, rule in enumerate(cat.dimension_rules):
            if rule.id not in fires_somewhere:
                out.append(Problem(f"rules.dimension_met[{n}]", _(
                    "rule “{rule}” can never fire: no dimension has enough indicators for it.").format(rule=rule.id)))
    ctx = comp.state(comp.known)[1]
    for n, (rule_id, _rank, cond) in enumerate(comp.rules):
        if not cond(ctx):
            out.append(Problem(f"rule '{rule_id}'", _(
                "rule “{rule}” can never fire: its condition is false even with every indicator present "
                "(rules.outcomes[{n}]).").format(rule=rule_id, n=n)))
    return out
