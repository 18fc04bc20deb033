"""Properties of the indicator engine over random answers: a further present indicator never lowers the
outcome; unknown counts as absent; renaming every id consistently changes nothing; could_become is honest."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from ospod_desktop.core.indicators import codes, default_catalogue, evaluate, load_catalogue
from tests.core.indicator_data import small, small_data
from tests.hypothesis_profiles import scaled

IDS = [i.id for i in small().indicators]
ANSWER_SETS = st.fixed_dictionaries({}, optional={i: st.sampled_from(codes.ANSWERS) for i in IDS})


def _rank(answers) -> int:
    return codes.rank(evaluate(small(), answers).outcome)


@given(ANSWER_SETS, st.sampled_from(IDS))
def test_a_further_present_indicator_never_lowers_the_outcome(answers, iid):
    before = evaluate(small(), answers)
    after = evaluate(small(), {**answers, iid: "present"})
    assert codes.rank(after.outcome) >= codes.rank(before.outcome)
    assert {d.id for d in after.dimensions if d.met} >= {d.id for d in before.dimensions if d.met}


@given(ANSWER_SETS)
def test_unknown_counts_as_absent(answers):
    as_absent = {i: ("absent" if a == "unknown" else a) for i, a in answers.items()}
    as_absent.update({i: "absent" for i in IDS if i not in answers})
    one, other = evaluate(small(), answers), evaluate(small(), as_absent)
    assert (one.outcome, one.fired) == (other.outcome, other.fired)
    assert [(d.id, d.met, d.rule, d.present) for d in one.dimensions] == \
        [(d.id, d.met, d.rule, d.present) for d in other.dimensions]
    assert other.unknown == () and other.could_become == ()


def _renamed(mapping: dict[str, str]) -> dict:
    data = small_data()
    for dim in data["dimensions"]:
        dim["id"] = mapping[dim["id"]]
    for ind in data["indicators"]:
        ind["id"], ind["dimension"] = mapping[ind["id"]], mapping[ind["dimension"]]
    rules = data["rules"]
    for rule in rules["dimension_met"]:
        rule["id"] = mapping[rule["id"]]
    rules["dimension_overrides"] = {mapping[k]: [{**r, "id": mapping[r["id"]]} for r in v]
                                    for k, v in rules["dimension_overrides"].items()}

    def cond(c: dict) -> dict:
        out = dict(c)
        for key in ("dimension", "indicator"):
            if key in c:
                out[key] = mapping[c[key]]
        for key in ("all", "any", "of"):
            if key in c:
                out[key] = [cond(x) for x in c[key]]
        return out

    for rule in rules["outcomes"]:
        rule["id"], rule["when"] = mapping[rule["id"]], cond(rule["when"])
    return data


def _all_ids() -> list[str]:
    data = small_data()
    rules = data["rules"]
    ids = [d["id"] for d in data["dimensions"]] + IDS + [r["id"] for r in rules["dimension_met"]]
    ids += [r["id"] for v in rules["dimension_overrides"].values() for r in v]
    ids += [r["id"] for r in rules["outcomes"]]
    return list(dict.fromkeys(ids))


NAMES = st.from_regex(r"[a-z0-9][a-z0-9_.-]{0,8}", fullmatch=True)


@settings(max_examples=scaled(50))
@given(st.lists(NAMES, min_size=len(_all_ids()), max_size=len(_all_ids()), unique=True), ANSWER_SETS)
def test_renaming_every_id_changes_nothing(names, answers):
    mapping = dict(zip(_all_ids(), names, strict=True))
    renamed = load_catalogue(_renamed(mapping))
    one = evaluate(small(), answers)
    other = evaluate(renamed, {mapping[i]: a for i, a in answers.items()})

    def names_of(ids):
        return tuple(mapping[i] for i in ids)

    assert other.outcome == one.outcome
    assert other.fired == names_of(one.fired)
    assert other.unknown == names_of(one.unknown)
    assert [(d.id, d.met, d.rule, d.present, d.unknown) for d in other.dimensions] == [
        (mapping[d.id], d.met, mapping[d.rule] if d.rule else None, names_of(d.present), names_of(d.unknown))
        for d in one.dimensions]
    assert [(p.outcome, p.needs) for p in other.could_become] == [
        (p.outcome, names_of(p.needs)) for p in one.could_become]
    assert json.loads(renamed.canonical_json())["version"] == "1"


@given(ANSWER_SETS)
def test_could_become_is_reachable_minimal_and_complete(answers):
    result = evaluate(small(), answers)
    rank = codes.rank(result.outcome)
    best = _rank({**answers, **{i: "present" for i in result.unknown}})
    assert [p.outcome for p in result.could_become] == list(codes.OUTCOMES[rank + 1:best + 1])
    for possibility in result.could_become:
        assert possibility.needs and set(possibility.needs) <= set(result.unknown)
        target = codes.rank(possibility.outcome)
        assert _rank({**answers, **{i: "present" for i in possibility.needs}}) >= target
        for dropped in possibility.needs:  # nothing in it is spare
            rest = [i for i in possibility.needs if i != dropped]
            assert _rank({**answers, **{i: "present" for i in rest}}) < target


DEFAULT_IDS = [i.id for i in default_catalogue().indicators]
DEFAULT_SETS = st.fixed_dictionaries({}, optional={i: st.sampled_from(codes.ANSWERS) for i in DEFAULT_IDS})


@settings(max_examples=scaled(50))
@given(DEFAULT_SETS, st.sampled_from(DEFAULT_IDS))
def test_the_default_catalogue_is_monotone_and_could_become_reaches(answers, iid):
    cat = default_catalogue()
    before = evaluate(cat, answers)
    after = evaluate(cat, {**answers, iid: "present"})
    assert codes.rank(after.outcome) >= codes.rank(before.outcome)
    for possibility in before.could_become:
        raised = evaluate(cat, {**answers, **{i: "present" for i in possibility.needs}})
        assert codes.rank(raised.outcome) >= codes.rank(possibility.outcome)
