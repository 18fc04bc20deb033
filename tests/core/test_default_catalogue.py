"""The shipped default catalogue (`resources/indicators/default.json`): valid, complete in Czech and English, and
its rules follow Section 168(1) of the Criminal Code — for a child an act done for the purpose of exploitation is
enough without any means; one strong indicator gives at least a concern; a child offered for prostitution is a
presumed victim (Supreme Court 24/2012 Sb.)."""

from __future__ import annotations

import json
import re

import pytest

from ospod_desktop.core.i18n import current_language, set_language
from ospod_desktop.core.indicators import check_catalogue, codes, default_catalogue, default_catalogue_text, evaluate

CAT = default_catalogue()
STRONG = [i.id for i in CAT.indicators if i.strength == "strong"]
ELEMENT_DIMS = {e: [d.id for d in CAT.dimensions if d.element == e] for e in codes.ELEMENTS}
CZECH_LETTERS = re.compile("[áčďéěíňóřšťúůýž]", re.IGNORECASE)


def of_strength(dimension: str, strength: str) -> list[str]:
    return [i.id for i in CAT.indicators_of(dimension) if i.strength == strength]


def answers(*present: str) -> dict[str, str]:
    """Every indicator answered: the given ones present, the rest absent (so nothing else can count)."""
    return {i.id: "present" if i.id in present else "absent" for i in CAT.indicators}


def met(result) -> dict[str, str | None]:
    return {d.id: d.rule for d in result.dimensions if d.met}


@pytest.fixture
def language():
    before = current_language()
    yield set_language
    set_language(before)


def test_the_shipped_file_passes_every_check():
    data = json.loads(default_catalogue_text())
    assert check_catalogue(data) == []
    assert (CAT.id, CAT.version) == ("ospod-default", "2026.1")


def test_enough_indicators_every_dimension_has_some_and_the_elements_of_section_168_are_covered():
    assert len(CAT.indicators) >= 25
    assert all(CAT.indicators_of(d.id) for d in CAT.dimensions)
    for element in codes.ELEMENTS:
        assert ELEMENT_DIMS[element], element
    for d in CAT.dimensions:  # one strong alone is meaningful in every dimension
        assert of_strength(d.id, "strong"), d.id


def test_sources_and_the_notice_that_an_official_list_replaces_it():
    assert len(CAT.sources) >= 4 and all(s["title"].strip() for s in CAT.sources)
    titles = " ".join(s["title"] for s in CAT.sources)
    for framework in ("UNODC", "ILO", "KID", "GRETA", "168"):
        assert framework in titles, framework
    assert CAT.notice is not None
    assert "ministerstv" in CAT.notice.cs.lower() and "not an official list" in CAT.notice.en


@pytest.mark.parametrize("lang", ["cs", "en"])
def test_loads_in_both_languages_with_every_text_filled(language, lang):
    language(lang)
    texts = [CAT.title.get(), CAT.notice.get() if CAT.notice else ""]
    texts += [d.title.get() for d in CAT.dimensions] + [d.description.get() for d in CAT.dimensions if d.description]
    for i in CAT.indicators:
        assert i.text.get().strip() and i.guidance.get().strip(), i.id
        assert i.text.get(lang) == i.text.get() and i.text.cs != i.text.en, i.id
        texts += [i.text.get(), i.guidance.get()]
    assert all(t.strip() for t in texts)
    for rule in CAT.data["rules"]["outcomes"]:
        assert rule["explain"]["cs"].strip() and rule["explain"]["en"].strip(), rule["id"]
    result = evaluate(CAT, answers(STRONG[0]))
    assert result.reasons(lang) and all(r.strip() for r in result.reasons(lang))
    assert json.dumps(result.to_json(lang), ensure_ascii=False)


def test_czech_is_written_with_diacritics_and_english_without_them():
    for i in CAT.indicators:
        assert CZECH_LETTERS.search(i.text.cs + i.guidance.cs), i.id
        assert not CZECH_LETTERS.search(i.text.en + i.guidance.en), i.id
    assert CZECH_LETTERS.search(CAT.title.cs)


def test_forms_are_known_codes_and_every_exploitation_indicator_names_one():
    for i in CAT.indicators:
        assert set(i.forms) <= set(codes.FORMS), i.id
    for dim in ELEMENT_DIMS["exploitation"]:
        for i in CAT.indicators_of(dim):
            assert i.forms, i.id


@pytest.mark.parametrize("exploitation", ELEMENT_DIMS["exploitation"])
@pytest.mark.parametrize("route", ["strong", "medium"])
def test_act_and_exploitation_without_any_means_is_a_presumed_victim(exploitation, route):
    """Section 168(1): for a child, no means are needed; the act and the purpose of exploitation suffice."""
    act = ELEMENT_DIMS["act"][0]
    if route == "strong":
        present = of_strength(act, "strong")[:1] + of_strength(exploitation, "strong")[:1]
    else:
        present = of_strength(act, "medium")[:2] + of_strength(exploitation, "medium")[:2]
    result = evaluate(CAT, answers(*present))
    assert result.outcome == "presumed_victim"
    assert "act_and_exploitation" in result.fired
    assert not any(d.met for d in result.dimensions if d.element == "means")


def test_act_or_exploitation_alone_by_medium_indicators_is_a_concern_not_presumed():
    act, exploitation = ELEMENT_DIMS["act"][0], ELEMENT_DIMS["exploitation"][0]
    assert evaluate(CAT, answers(*of_strength(act, "medium")[:2])).outcome == "concern"
    assert evaluate(CAT, answers(*of_strength(exploitation, "medium")[:2])).outcome == "concern"


@pytest.mark.parametrize("indicator", STRONG)
def test_one_strong_indicator_alone_gives_at_least_a_concern(indicator):
    result = evaluate(CAT, answers(indicator))
    assert codes.OUTCOMES.index(result.outcome) >= codes.OUTCOMES.index("concern")
    assert CAT.indicator(indicator).dimension in met(result)


@pytest.mark.parametrize("dimension", [d.id for d in CAT.dimensions])
def test_a_dimension_with_all_its_strong_indicators_present_is_met(dimension):
    result = evaluate(CAT, answers(*of_strength(dimension, "strong")))
    assert dimension in met(result)


@pytest.mark.parametrize("dimension", [d.id for d in CAT.dimensions])
@pytest.mark.parametrize("rule", ["two_medium", "medium_two_weak"])
def test_every_threshold_can_fire_in_every_dimension(dimension, rule):
    if rule == "two_medium":
        present = of_strength(dimension, "medium")[:2]
    else:
        present = of_strength(dimension, "medium")[:1] + of_strength(dimension, "weak")[:2]
    assert met(evaluate(CAT, answers(*present))).get(dimension) == rule


def test_one_medium_and_one_weak_do_not_meet_a_dimension():
    dim = ELEMENT_DIMS["act"][0]
    result = evaluate(CAT, answers(of_strength(dim, "medium")[0], of_strength(dim, "weak")[0]))
    assert dim not in met(result) and result.outcome == "no_indication"


def test_nothing_present_is_no_indication():
    assert evaluate(CAT, answers()).outcome == "no_indication"
    result = evaluate(CAT, {})
    assert result.outcome == "no_indication" and len(result.unknown) == len(CAT.indicators)
    assert {p.outcome for p in result.could_become} == {"concern", "presumed_victim"}


def test_a_child_offered_for_prostitution_is_a_presumed_victim_on_that_indicator_alone():
    """Supreme Court 24/2012 Sb.: luring or persuading a child into prostitution, or profiting from it, is
    trafficking, not pimping."""
    assert CAT.indicator("sex_prostitution").forms == ("sexual",)
    result = evaluate(CAT, answers("sex_prostitution"))
    assert result.outcome == "presumed_victim" and "child_prostitution" in result.fired
    assert not any(d.met for d in result.dimensions if d.element == "act")


def test_means_alone_without_act_or_exploitation_is_not_a_presumed_victim():
    means = [i.id for dim in ELEMENT_DIMS["means"] for i in CAT.indicators_of(dim)]
    result = evaluate(CAT, answers(*means))
    assert result.outcome == "concern"
    assert not any(d.met for d in result.dimensions if d.element in ("act", "exploitation"))


def test_vulnerability_counts_only_together_with_signs_of_endangerment():
    vulnerable = of_strength("vulnerability", "medium")[:2]
    assert "vulnerability" in met(evaluate(CAT, answers(*vulnerable)))
    assert evaluate(CAT, answers(*vulnerable)).outcome == "no_indication"
    signs = of_strength("endangerment", "medium")[:2]
    assert evaluate(CAT, answers(*signs)).outcome == "no_indication"
    result = evaluate(CAT, answers(*vulnerable, *signs))
    assert result.outcome == "concern" and "vulnerability_and_signs" in result.fired


def test_everything_present_is_a_presumed_victim():
    assert evaluate(CAT, {i.id: "present" for i in CAT.indicators}).outcome == "presumed_victim"
