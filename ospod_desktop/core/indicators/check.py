"""Checking a catalogue: the JSON Schema, and what a schema cannot say — duplicate ids, indicators or rules
naming a missing dimension, indicator or element, rules that can never fire, dimensions without indicators.
Every problem names its JSON path or id; `[]` means the catalogue is valid.

Everything is reported in one pass: the meaning checks run beside the schema on every item well-formed enough
to examine (`shape`), skipping only the malformed items themselves, which the schema reports. One fault is
reported once. Any JSON value may be checked; nothing raises.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ospod_desktop.core.i18n import N_, _
from ospod_desktop.core.indicators.codes import ELEMENTS
from ospod_desktop.core.indicators.model import Problem
from ospod_desktop.core.indicators.never import never_problems
from ospod_desktop.core.indicators.schema import schema_problems
from ospod_desktop.core.indicators.shape import MAX_DEPTH, entries, is_id, listed, obj, text_id, too_deep, walk_conds


def check_catalogue(data: object) -> list[Problem]:
    """Every problem of parsed JSON `data` as a catalogue ([] when it is valid)."""
    if too_deep(data):
        return [Problem("$", _("The catalogue nests lists and objects more than {n} levels deep.").format(
            n=MAX_DEPTH))]
    problems = schema_problems(data)
    if isinstance(data, dict):
        problems += _names(data)
        problems += never_problems(data)
    return list(dict.fromkeys(problems))  # the same problem once, in order


FILE_MAX = 2_000_000  # bytes (or characters): a catalogue of a few hundred indicators is ~200 kB


def check_catalogue_text(text: str | bytes) -> list[Problem]:
    """Every problem of a catalogue file's text; malformed JSON is one problem at `$` with its line and column,
    and so is a file larger than `FILE_MAX` (no catalogue is; reading one must not exhaust the memory)."""
    if len(text) > FILE_MAX:
        return [Problem("$", _("The file is too large for a catalogue."))]
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
    except (ValueError, RecursionError):  # a number of thousands of digits; nesting deeper than Python reads
        return None, Problem("$", _("The file is not a catalogue: it holds a number too long or nests too deep."))


DUPLICATE = {
    "dimension": N_("the dimension id “{id}” is used twice (first at {first})."),
    "indicator": N_("the indicator id “{id}” is used twice (first at {first})."),
    "rule": N_("the rule id “{id}” is used twice (first at {first})."),
}


def _duplicates(items: list | None, path: str, what: str) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for n, item in entries(items):
        item_id = text_id(item)
        if item_id is None:
            continue
        first = seen.setdefault(item_id, n)
        if first != n:
            yield Problem(f"{path}[{n}].id", _(DUPLICATE[what]).format(id=item_id, first=f"{path}[{first}]"))


def _names(data: dict) -> list[Problem]:
    """Duplicate ids and names of something missing, in the parts well-formed enough to read. A name the
    schema refuses (not an id, not an element) is the schema's problem alone."""
    out: list[Problem] = []
    rules = obj(data.get("rules"))
    dims_list, inds_list = listed(data, "dimensions"), listed(data, "indicators")
    overrides = obj(rules.get("dimension_overrides"))
    outcomes = listed(rules, "outcomes")
    out += _duplicates(dims_list, "dimensions", "dimension")
    out += _duplicates(inds_list, "indicators", "indicator")
    out += _duplicates(listed(rules, "dimension_met"), "rules.dimension_met", "rule")
    for dim_id, listed_rules in overrides.items():
        if isinstance(listed_rules, list):
            out += _duplicates(listed_rules, f"rules.dimension_overrides.{dim_id}", "rule")
    out += _duplicates(outcomes, "rules.outcomes", "rule")
    dims = {d_id for _n, d in entries(dims_list) if (d_id := text_id(d)) is not None}
    inds = {i_id for _n, i in entries(inds_list) if (i_id := text_id(i)) is not None}
    elements = {d["element"] for _n, d in entries(dims_list) if d.get("element") in ELEMENTS}
    if dims_list is not None:
        for n, ind in entries(inds_list):
            if is_id(ind.get("dimension")) and ind["dimension"] not in dims:
                out.append(Problem(f"indicators[{n}].dimension", _("no dimension has the id “{id}”.").format(
                    id=ind["dimension"])))
        for dim_id in overrides:
            if dim_id not in dims:
                out.append(Problem(f"rules.dimension_overrides.{dim_id}",
                                   _("no dimension has the id “{id}”.").format(id=dim_id)))
    if inds_list is not None:
        used = {i["dimension"] for _n, i in entries(inds_list) if isinstance(i.get("dimension"), str)}
        for _n, dim in entries(dims_list):
            if (dim_id := text_id(dim)) is not None and dim_id not in used:
                out.append(Problem(f"dimension '{dim_id}'", _("the dimension has no indicators.")))
    for n, rule in entries(outcomes):
        out += _cond_names(rule, n, dims if dims_list is not None else None,
                           inds if inds_list is not None else None, elements if dims_list is not None else None)
    return out


def _cond_names(rule: dict, n: int, dims: set[str] | None, inds: set[str] | None,
                elements: set[str] | None) -> Iterator[Problem]:
    """The names in an outcome rule's condition that the catalogue lacks (None: that list cannot be read)."""
    rule_id = text_id(rule)
    label = rule_id if rule_id is not None else f"#{n}"
    for cond, path in walk_conds(rule.get("when"), f"rules.outcomes[{n}].when"):
        if dims is not None and is_id(cond.get("dimension")) and cond["dimension"] not in dims:
            yield Problem(f"{path}.dimension", _("rule “{rule}” names the dimension “{id}”, which the catalogue does "
                                                 "not have.").format(rule=label, id=cond["dimension"]))
        if inds is not None and is_id(cond.get("indicator")) and cond["indicator"] not in inds:
            yield Problem(f"{path}.indicator", _("rule “{rule}” names the indicator “{id}”, which the catalogue does "
                                                 "not have.").format(rule=label, id=cond["indicator"]))
        element = cond.get("element")
        if elements is not None and element in ELEMENTS and element not in elements:
            yield Problem(f"{path}.element", _("rule “{rule}” names the element “{element}”, which no dimension "
                                               "has.").format(rule=label, element=element))
