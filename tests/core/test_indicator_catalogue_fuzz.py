"""No JSON of any shape makes checking a catalogue raise: arbitrary JSON values, and the default catalogue with
parts replaced by arbitrary values or deleted
(and the small test catalogue likewise, whose rules are tighter). `check_catalogue` returns a list; `parse_catalogue` returns a
catalogue exactly when that list is empty, and otherwise raises only CatalogueError."""

from __future__ import annotations

import copy
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ospod_desktop.core.indicators import (
    Catalogue,
    CatalogueError,
    Problem,
    check_catalogue,
    check_catalogue_text,
    default_catalogue_text,
    evaluate,
    parse_catalogue,
)
from ospod_desktop.core.indicators.engine import compiled
from tests.core.indicator_data import small_data

NAMES = st.sampled_from(["id", "dimension", "strength", "element", "min", "all", "any", "at_least", "of", "when",
                         "all_strong", "strong", "weak", "act", "recruitment", "cs", "en", "rules", "outcomes"])
SCALARS = st.none() | st.booleans() | st.integers(-3, 10) | st.floats(allow_nan=False) | st.text(max_size=8) | NAMES
JSON = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    NAMES | st.text(max_size=5), inner, max_size=4), max_leaves=20)
DEFAULT = json.loads(default_catalogue_text())
SMALL = small_data()


def _paths(value, path=()):
    yield path
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, sub in items:
        yield from _paths(sub, (*path, key))


BASES = [(base, [p for p in _paths(base) if p]) for base in (DEFAULT, SMALL)]


@st.composite
def mutated(draw):
    base, paths = draw(st.sampled_from(BASES))
    data = copy.deepcopy(base)
    for path in draw(st.lists(st.sampled_from(paths), min_size=1, max_size=4)):
        parent = data
        try:
            for key in path[:-1]:
                parent = parent[key]
            if draw(st.booleans()):
                parent[path[-1]] = draw(JSON)
            elif isinstance(parent, dict):
                del parent[path[-1]]
            else:
                parent.pop(path[-1])
        except (KeyError, IndexError, TypeError, AttributeError):
            pass  # an earlier change removed or replaced this path (its parent may now be a scalar: None.pop)
    return data


def _checks_without_raising(data) -> None:
    problems = check_catalogue(data)
    assert isinstance(problems, list) and all(isinstance(p, Problem) for p in problems)
    assert len(set(problems)) == len(problems)
    text = json.dumps(data)
    assert check_catalogue_text(text) == problems
    try:
        catalogue = parse_catalogue(text)
    except CatalogueError as e:
        assert list(e.problems) == problems and problems
    else:
        assert problems == [] and isinstance(catalogue, Catalogue)
        # what the check accepts, the engine can reach: every outcome rule and every dimension, all present
        comp = compiled(catalogue)
        _met_by, ctx = comp.state(comp.known)
        assert all(cond(ctx) for _id, _rank, cond in comp.rules)
        assert ctx[1] == {d.id for d in comp.dims}
        evaluate(catalogue, {i.id: "present" for i in catalogue.indicators})


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(JSON)
def test_any_json_value_is_checked_without_raising(data):
    _checks_without_raising(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_a_mutated_default_catalogue_is_checked_without_raising(data):
    _checks_without_raising(data)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40) | st.binary(max_size=40))
def test_any_text_parses_or_raises_catalogue_error(text):
    try:
        parse_catalogue(text)
    except CatalogueError as e:
        assert e.problems
