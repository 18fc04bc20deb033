"""The indicator engine over the small test catalogue: every rule shape and every outcome, table-driven;
could_become and the reasons; bad answers."""

from __future__ import annotations

import pytest

from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.indicators import AnswerInput, Possibility, evaluate
from tests.core.indicator_data import answers, small

# (present indicators, outcome, {dimension: the rule that met it}, fired outcome rules)
CASES = [
    ((), "no_indication", {}, ()),
    # dimension rules: thresholds of the default list
    (("rec_strong1",), "concern", {"recruitment": "one_strong"}, ("any_strong",)),
    (("rec_medium1", "rec_medium2"), "no_indication", {"recruitment": "two_medium"}, ()),
    (("rec_medium1", "rec_weak1", "rec_weak2"), "no_indication", {"recruitment": "medium_two_weak"}, ()),
    (("rec_medium1", "rec_weak1"), "no_indication", {}, ()),
    (("rec_weak1", "rec_weak2"), "no_indication", {}, ()),
    # overrides replace the default list: one strong of two does not meet exploitation, both do (all_strong)
    (("exp_strong1",), "concern", {}, ("any_strong",)),
    (("exp_strong1", "exp_strong2"), "concern", {"exploitation": "both_strong"}, ("any_strong",)),
    (("exp_medium1", "exp_weak1"), "no_indication", {"exploitation": "medium_weak"}, ()),
    (("vul_medium1", "vul_weak1"), "no_indication", {"vulnerability": "medium_and_weak"}, ()),
    (("vul_weak1", "vul_weak2"), "no_indication", {}, ()),
    # strength with an element: two weak signs of exploitation (the override meets the dimension too)
    (("exp_weak1", "exp_weak2"), "concern", {"exploitation": "two_weak"}, ("weak_exploitation",)),
    (("rec_weak1", "exp_weak1"), "no_indication", {}, ()),
    # at_least 2 of 4 dimensions
    (("rec_medium1", "rec_medium2", "vul_medium1", "vul_weak1"), "concern",
     {"recruitment": "two_medium", "vulnerability": "medium_and_weak"}, ("two_dimensions",)),
    (("tr_medium1", "tr_weak1", "rec_weak1"), "no_indication", {}, ()),
    # element + element (all): an act for the purpose of exploitation
    (("rec_strong1", "exp_strong1", "exp_strong2"), "presumed_victim",
     {"recruitment": "one_strong", "exploitation": "both_strong"}, ("act_and_purpose",)),
    (("tr_medium1", "tr_weak1", "exp_weak1", "exp_weak2"), "concern",
     {"exploitation": "two_weak"}, ("weak_exploitation",)),
    (("rec_medium1", "rec_medium2", "exp_weak1", "exp_weak2"), "presumed_victim",
     {"recruitment": "two_medium", "exploitation": "two_weak"}, ("act_and_purpose",)),
    # means and (any: a dimension or an indicator)
    (("ctl_strong1", "tr_strong1"), "presumed_victim", {"control": "one_strong", "transport": "one_strong"},
     ("means_and_more",)),
    (("ctl_strong1", "exp_medium1", "exp_weak1"), "presumed_victim",
     {"control": "one_strong", "exploitation": "medium_weak"}, ("means_and_more",)),
    (("ctl_strong1",), "concern", {"control": "one_strong"}, ("any_strong",)),
    # several rules at the final outcome: each is named
    (("rec_strong1", "ctl_strong1", "tr_strong1", "exp_strong1", "exp_strong2"), "presumed_victim",
     {"recruitment": "one_strong", "transport": "one_strong", "control": "one_strong",
      "exploitation": "both_strong"}, ("act_and_purpose", "means_and_more")),
]


@pytest.mark.parametrize(("present", "outcome", "met", "fired"), CASES)
def test_rules(present, outcome, met, fired):
    result = evaluate(small(), answers(present))
    assert result.outcome == outcome
    assert {d.id: d.rule for d in result.dimensions if d.met} == met
    assert all((d.rule is None) != d.met for d in result.dimensions)
    assert result.fired == fired
    for dim in result.dimensions:
        assert set(dim.present) == {i for i in present if small().indicator(i).dimension == dim.id}


@pytest.mark.parametrize(("present", "outcome", "met", "fired"), CASES)
def test_absent_is_unknown_for_the_outcome(present, outcome, met, fired):
    everything = [i.id for i in small().indicators]
    rest = [i for i in everything if i not in present]
    result = evaluate(small(), answers(present, absent=rest))
    assert (result.outcome, result.fired, result.unknown, result.could_become) == (outcome, fired, (), ())


def test_dimensions_in_catalogue_order_with_their_unknowns():
    result = evaluate(small(), answers(["rec_strong1"], absent=["rec_weak1"]))
    assert [d.id for d in result.dimensions] == [d.id for d in small().dimensions]
    rec = result.dimensions[0]
    assert (rec.element, rec.present, rec.unknown) == ("act", ("rec_strong1",),
                                                       ("rec_medium1", "rec_medium2", "rec_weak2"))
    assert "rec_weak1" not in result.unknown and "rec_strong1" not in result.unknown
    assert len(result.unknown) == 19 - 2


def test_missing_ids_count_as_unknown():
    assert evaluate(small(), {}).unknown == tuple(i.id for i in small().indicators)


def test_answer_inputs_are_accepted():
    result = evaluate(small(), {"rec_strong1": AnswerInput("present", "seen", "observation")})
    assert result.outcome == "concern"


@pytest.mark.parametrize(("given", "field"), [
    ({"no_such_indicator": "present"}, "no_such_indicator"),
    ({"rec_strong1": "yes"}, "rec_strong1"),
    ({"rec_strong1": "present", "tr_weak1": ""}, "tr_weak1"),
    ({"rec_strong1": AnswerInput("maybe")}, "rec_strong1"),
])
def test_bad_answers_name_the_indicator(given, field):
    with pytest.raises(ValidationError) as info:
        evaluate(small(), given)
    assert info.value.field == field
    assert field in info.value.message or "present" in info.value.message


# could_become: (present, absent, unknown — None: every other indicator), expected possibilities
COULD = [
    # nothing known: one strong indicator gives a concern; an act and a purpose a presumed victim
    ((), (), None, [("concern", ("rec_strong1",)), ("presumed_victim", ("ctl_strong1", "tr_strong1"))]),
    # a concern already: the act is missing; the cheapest way to an act is the transport's strong indicator
    (("exp_strong1", "exp_strong2"), (), None, [("presumed_victim", ("rec_strong1",))]),
    # three unknown answers could make it a presumed victim (recruitment met by one medium and two weak)
    (("exp_strong1", "exp_strong2"), (), ("rec_medium1", "rec_weak1", "rec_weak2"),
     [("presumed_victim", ("rec_medium1", "rec_weak1", "rec_weak2"))]),
    # one weak sign of exploitation known, one unknown: a concern is one answer away
    (("exp_weak1",), (), ("exp_weak2",), [("concern", ("exp_weak2",))]),
    # unknowns that cannot raise the outcome give nothing
    ((), (), ("rec_weak1", "vul_weak1"), []),
    (("rec_strong1",), (), ("rec_medium1",), []),
]


@pytest.mark.parametrize(("present", "absent", "unknown", "expected"), COULD)
def test_could_become(present, absent, unknown, expected):
    ids = [i.id for i in small().indicators]
    if unknown is None:
        unknown = [i for i in ids if i not in present and i not in absent]
    absent = [i for i in ids if i not in present and i not in unknown]
    result = evaluate(small(), answers(present, absent, unknown))
    got = [(p.outcome, p.needs) for p in result.could_become]
    assert [g[0] for g in got] == [e[0] for e in expected]
    for (outcome, needs), (_o, want) in zip(got, expected, strict=True):
        assert len(needs) == len(want), (needs, want)
        assert set(needs) <= set(result.unknown)
        raised = evaluate(small(), answers([*present, *needs], absent))
        assert raised.outcome == outcome or (outcome == "concern" and raised.outcome == "presumed_victim")


def test_could_become_prefers_the_catalogue_order_among_equals():
    result = evaluate(small(), {})
    assert result.could_become[0] == Possibility("concern", ("rec_strong1",))


def test_reasons_in_english():
    present = ("exp_strong1", "exp_strong2")
    unknown = ["rec_medium1", "rec_weak1", "rec_weak2"]
    absent = [i.id for i in small().indicators if i.id not in present and i.id not in unknown]
    result = evaluate(small(), answers(present, absent, unknown))
    reasons = result.reasons("en")
    assert reasons[0] == ("Dimension “Exploitation” is met (all its strong indicators): Indicator exp_strong1; "
                          "Indicator exp_strong2.")
    assert reasons[1] == "Concern: A strong indicator."
    assert "3 answers are not known." in reasons
    assert reasons[-1] == ("3 unknown answers could make this a presumed victim: Indicator rec_medium1; "
                           "Indicator rec_weak1; Indicator rec_weak2.")


def test_reasons_name_the_threshold_and_plurals():
    result = evaluate(small(), answers(["rec_medium1", "rec_weak1", "rec_weak2", "exp_weak1"],
                                       absent=["exp_weak2"]))
    reasons = result.reasons("en")
    assert reasons[0].startswith("Dimension “Recruitment” is met (at least 1 medium indicator and 2 weak indicators): ")
    assert "No rule fired: the answers give no indication of trafficking." in reasons
    assert any(r.startswith("1 unknown answer could make this a concern: ") for r in reasons)


def test_reasons_in_czech():
    result = evaluate(small(), answers(["exp_strong1", "exp_strong2"]))
    reasons = result.reasons("cs")
    assert reasons[0].startswith("Oblast „Vykořisťování“ je naplněna")
    assert "Indikátor exp_strong1" in reasons[0]
    assert reasons[1].startswith("Obava: ")
    assert any("neznámá odpověď by mohla" in r for r in reasons)


def test_reasons_follow_the_app_language_by_default():
    from ospod_desktop.core import i18n

    result = evaluate(small(), answers(["rec_strong1"]))
    assert result.reasons() == result.reasons("en")
    i18n.set_language("cs")
    assert result.reasons() == result.reasons("cs")


def test_to_json_has_the_contract_shape():
    result = evaluate(small(), answers(["rec_strong1"], absent=["tr_strong1"]))
    data = result.to_json("en")
    assert set(data) == {"outcome", "dimensions", "reasons", "fired", "unknown", "could_become"}
    assert data["outcome"] == "concern" and data["fired"] == ["any_strong"]
    assert data["dimensions"][0] == {"id": "recruitment", "element": "act", "met": True, "rule": "one_strong",
                                     "present": ["rec_strong1"],
                                     "unknown": ["rec_medium1", "rec_medium2", "rec_weak1", "rec_weak2"]}
    assert data["could_become"] == [{"outcome": "presumed_victim", "needs": ["exp_strong1", "exp_strong2"]}]
    assert data["reasons"] == result.reasons("en")
