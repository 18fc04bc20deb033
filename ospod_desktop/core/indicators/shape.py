"""Reading catalogue JSON that may be malformed anywhere: the meaning checks (`check`, `never`) look only at the
items well-formed enough to examine, and skip the rest (the JSON Schema reports those).

Everything here takes any JSON value and never raises.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ospod_desktop.core.indicators.schema import ID_PATTERN

MAX_DEPTH = 64  # deeper JSON is refused whole: no catalogue needs it, and it would exhaust the stack

COND_SHAPES = {
    frozenset({"element"}): "element", frozenset({"dimension"}): "dimension", frozenset({"indicator"}): "indicator",
    frozenset({"strength", "min"}): "strength", frozenset({"strength", "min", "element"}): "strength",
    frozenset({"all"}): "all", frozenset({"any"}): "any", frozenset({"at_least", "of"}): "at_least",
}
SUB_KEYS = ("all", "any", "of")


def too_deep(data: object, limit: int = MAX_DEPTH) -> bool:
    """Whether lists and objects nest more than `limit` levels (counted without recursion)."""
    stack: list[tuple[object, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > limit:
                return True
            stack.extend((v, depth + 1) for v in (value.values() if isinstance(value, dict) else value))
    return False


def is_id(value: object) -> bool:
    """A well-formed id (as the schema's pattern, which jsonschema searches for)."""
    return isinstance(value, str) and re.search(ID_PATTERN, value) is not None


def is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def obj(value: object) -> dict:
    """`value` when it is an object, else an empty one."""
    return value if isinstance(value, dict) else {}


def listed(parent: object, key: str) -> list | None:
    """`parent[key]` when `parent` is an object and that is a list (None otherwise)."""
    value = parent.get(key) if isinstance(parent, dict) else None
    return value if isinstance(value, list) else None


def entries(items: list | None) -> Iterator[tuple[int, dict]]:
    """(position, item) for the items that are objects."""
    for n, item in enumerate(items or ()):
        if isinstance(item, dict):
            yield n, item


def text_id(item: dict) -> str | None:
    """The item's id when it is a text (well-formed or not), else None."""
    value = item.get("id")
    return value if isinstance(value, str) else None


def cond_kind(cond: object) -> str | None:
    """element / dimension / indicator / strength / all / any / at_least, or None for a malformed condition
    (at this level: the keys of one shape with values of the right type; inner conditions are not looked at)."""
    if not isinstance(cond, dict):
        return None
    kind = COND_SHAPES.get(frozenset(cond))
    if kind in ("element", "dimension", "indicator", "strength") and not isinstance(cond[kind], str):
        return None
    if kind == "strength" and not (is_count(cond["min"]) and isinstance(cond.get("element", ""), str)):
        return None
    if kind == "at_least" and not is_count(cond["at_least"]):
        return None
    subs = {"all": "all", "any": "any", "at_least": "of"}.get(kind or "")
    if subs is not None and not (isinstance(cond[subs], list) and cond[subs]):
        return None
    return kind



def walk_conds(cond: object, path: str) -> Iterator[tuple[dict, str]]:
    """Every object condition at or inside `cond`, with its JSON path."""
    if not isinstance(cond, dict):
        return
    yield cond, path
    for key in SUB_KEYS:
        subs = cond.get(key)
        if isinstance(subs, list):
            for n, sub in enumerate(subs):
                yield from walk_conds(sub, f"{path}.{key}[{n}]")
