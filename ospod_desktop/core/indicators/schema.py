"""JSON Schema validation of a catalogue (`resources/indicators/catalogue.schema.json`, draft 2020-12): every
error as a `Problem` with its JSON path (`indicators[3].strength`) and a translated message."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError

from ospod_desktop.core.i18n import _
from ospod_desktop.core.indicators.model import Problem
from ospod_desktop.paths import resource

ID_PATTERN = "^[a-z0-9][a-z0-9_.-]*$"


@lru_cache(maxsize=1)
def validator() -> Draft202012Validator:
    schema = json.loads(resource("indicators", "catalogue.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def json_path(parts: Iterable[Any]) -> str:
    """`indicators[3].strength` for ("indicators", 3, "strength"); `$` for the document itself."""
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "$"


def schema_problems(data: object) -> list[Problem]:
    out: list[Problem] = []
    for error in sorted(validator().iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        out.extend(_problems(error))
    return out


def _problems(error: SchemaError) -> list[Problem]:
    path = list(error.absolute_path)
    kind: str = str(error.validator)
    value: Any = error.validator_value
    instance: Any = error.instance
    if kind == "oneOf":
        chosen = _chosen_branch(error) if isinstance(instance, dict) else None
        if chosen is not None:
            return [p for e in chosen for p in _problems(e)]
        if len(value) == 2:
            return [Problem(json_path(path), _("write exactly one of “min” and “all_strong”."))]
        return [Problem(json_path(path), _(
            "not a condition: write one of element, dimension, indicator, strength with min, all, any, "
            "or at_least with of."))]
    if kind == "required":
        # jsonschema yields one error per missing key, each carrying the whole list: name them all (the check
        # drops the repeats), so `{}` lists every missing key, not only the first
        missing = [k for k in value if isinstance(instance, dict) and k not in instance]
        return [Problem(json_path([*path, k]), _("it is missing.")) for k in missing]
    if kind == "additionalProperties":
        schema: Any = error.schema
        allowed = set(schema.get("properties", {}))
        extra = [k for k in instance if k not in allowed] if isinstance(instance, dict) else []
        return [Problem(json_path([*path, k]), _("an unknown key.")) for k in extra]
    return [Problem(json_path(path), _message(kind, value, instance))]


def _chosen_branch(error: SchemaError) -> list[SchemaError] | None:
    """The errors of the one `oneOf` alternative whose first required key the object has (None: not one)."""
    instance: Any = error.instance
    branches: Any = error.validator_value
    fitting = [n for n, branch in enumerate(branches) if branch.get("required", [None])[0] in instance]
    if len(fitting) != 1:
        return None
    errors = [e for e in error.context or () if e.relative_schema_path[0] == fitting[0]]
    return errors or None


def _message(kind: str, value: Any, instance: Any) -> str:
    if kind == "type":
        return {
            "object": _("it must be a JSON object {…}."),
            "array": _("it must be a JSON list […]."),
            "string": _("it must be a text in quotes."),
            "integer": _("it must be a whole number."),
        }.get(value, _("it has the wrong type."))
    if kind == "enum":
        return _("“{value}” is not allowed: use one of {allowed}.").format(
            value=instance, allowed=", ".join(str(v) for v in value))
    if kind == "const":
        return _("it must be true.")
    if kind == "pattern" and value == ID_PATTERN:
        return _("“{value}” is not a valid id: use lower-case letters, digits and _ . - (starting with a letter "
                 "or a digit).").format(value=instance)
    if kind in ("pattern", "minLength", "minProperties"):
        return _("it must not be empty.")
    if kind == "minItems":
        return _("it must list at least one item.")
    if kind == "minimum":
        return _("it must be at least {n}.").format(n=value)
    if kind == "uniqueItems":
        return _("it lists an item twice.")
    if kind == "propertyNames":
        return _("“{value}” is not a strength: use strong, medium or weak.").format(value=instance)
    return _("it does not fit the catalogue format ({detail}).").format(detail=kind)
