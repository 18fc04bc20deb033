"""Checking and loading indicator catalogues: every kind of problem names its JSON path or id; the model."""

from __future__ import annotations

import hashlib
import json

import pytest

from ospod_desktop.core.indicators import (
    CatalogueError,
    Localized,
    Problem,
    check_catalogue,
    check_catalogue_text,
    load_catalogue,
    parse_catalogue,
)
from tests.core.indicator_data import PATH, small, small_data


def _paths(problems: list[Problem]) -> list[str]:
    return [p.path for p in problems]


def test_the_test_catalogue_is_valid():
    assert check_catalogue(small_data()) == []
    assert check_catalogue_text(PATH.read_text(encoding="utf-8")) == []
    assert check_catalogue_text(PATH.read_bytes()) == []


@pytest.mark.parametrize("text", ["{", '{"id": "x",}', "", "not json", '{"a": 1}\n  ]'])
def test_malformed_json_is_one_problem_at_the_root(text):
    problems = check_catalogue_text(text)
    assert len(problems) == 1 and problems[0].path == "$"
    assert "line" in problems[0].message and "column" in problems[0].message


def test_malformed_json_names_line_and_column():
    text = '{\n  "id": "x",\n  "version": 1,,\n}'
    (problem,) = check_catalogue_text(text)
    assert problem.message == "The file is not valid JSON: line 3, column 16."
    with pytest.raises(CatalogueError) as info:
        parse_catalogue(text)
    assert info.value.problems == (problem,)


def test_bytes_not_utf8_and_with_a_bom():
    (problem,) = check_catalogue_text(b'{"id": "\xff"}')
    assert problem.path == "$" and "UTF-8" in problem.message
    assert check_catalogue_text(b"\xef\xbb\xbf" + PATH.read_bytes()) == []


def _set(data, path, value):
    *parents, last = path
    for key in parents:
        data = data[key]
    data[last] = value


def _drop(data, path):
    *parents, last = path
    for key in parents:
        data = data[key]
    del data[last]


# (change, expected path of the first problem, words in its message)
SCHEMA = [
    (lambda d: _drop(d, ["indicators"]), "indicators", "missing"),
    (lambda d: _drop(d, ["title", "en"]), "title.en", "missing"),
    (lambda d: _set(d, ["title", "cs"], "  "), "title.cs", "empty"),
    (lambda d: _set(d, ["indicators", 3, "strength"], "huge"), "indicators[3].strength", "“huge” is not allowed"),
    (lambda d: _set(d, ["dimensions", 0, "element"], "motive"), "dimensions[0].element", "“motive”"),
    (lambda d: _set(d, ["indicators", 0, "id"], "Bad Id"), "indicators[0].id", "not a valid id"),
    (lambda d: _set(d, ["id"], "-x"), "id", "not a valid id"),
    (lambda d: _set(d, ["version"], ""), "version", "empty"),
    (lambda d: _set(d, ["indicators", 0, "strenght"], "strong"), "indicators[0].strenght", "unknown key"),
    (lambda d: _set(d, ["indicators", 2, "forms"], ["labour", "slavery"]), "indicators[2].forms[1]", "slavery"),
    (lambda d: _set(d, ["dimensions"], []), "dimensions", "at least one"),
    (lambda d: _set(d, ["indicators"], {}), "indicators", "list"),
    (lambda d: _set(d, ["sources"], []), "sources", "at least one"),
    (lambda d: _set(d, ["rules", "outcomes", 0, "outcome"], "no_indication"), "rules.outcomes[0].outcome",
     "no_indication"),
    (lambda d: _set(d, ["rules", "outcomes", 0, "when"], {"bogus": 1}), "rules.outcomes[0].when", "not a condition"),
    (lambda d: _set(d, ["rules", "outcomes", 0, "when"], {"all": [{"element": "act"}, {"dimension": "Bad"}]}),
     "rules.outcomes[0].when.all[1].dimension", "not a valid id"),
    (lambda d: _set(d, ["rules", "outcomes", 0, "when"], {"at_least": 0, "of": [{"element": "act"}]}),
     "rules.outcomes[0].when.at_least", "at least 1"),
    (lambda d: _set(d, ["rules", "outcomes", 0, "when"], {"strength": "strong"}),
     "rules.outcomes[0].when.min", "missing"),
    (lambda d: _set(d, ["rules", "dimension_met", 0], {"id": "x", "min": {"strong": 1}, "all_strong": True}),
     "rules.dimension_met[0]", "exactly one of"),
    (lambda d: _set(d, ["rules", "dimension_met", 0, "min"], {"mighty": 1}), "rules.dimension_met[0].min",
     "mighty"),
    (lambda d: _set(d, ["rules", "dimension_met", 0, "min"], {"strong": 0}), "rules.dimension_met[0].min.strong",
     "at least 1"),
    (lambda d: _set(d, ["rules", "dimension_met", 0, "min"], {"strong": "1"}), "rules.dimension_met[0].min.strong",
     "whole number"),
]


@pytest.mark.parametrize(("change", "path", "words"), SCHEMA)
def test_schema_problems_name_the_path(change, path, words):
    data = small_data()
    change(data)
    problems = check_catalogue(data)
    assert path in _paths(problems), problems
    assert words in next(p.message for p in problems if p.path == path)


def test_not_an_object():
    assert check_catalogue([1, 2]) == [Problem("$", "it must be a JSON object {…}.")]


def test_every_schema_problem_is_listed():
    data = small_data()
    data["indicators"][0]["strength"] = "huge"
    data["indicators"][5]["text"] = {"cs": "x"}
    del data["version"]
    assert set(_paths(check_catalogue(data))) == {"indicators[0].strength", "indicators[5].text.en", "version"}


def test_every_missing_key_is_listed():
    assert _paths(check_catalogue({})) == ["id", "version", "title", "sources", "dimensions", "indicators", "rules"]
    data = small_data()
    del data["indicators"][2]["text"], data["indicators"][2]["guidance"], data["dimensions"][0]["element"]
    assert {"indicators[2].text", "indicators[2].guidance", "dimensions[0].element"} <= set(
        _paths(check_catalogue(data)))


def test_a_text_larger_than_any_catalogue_is_one_problem():
    from ospod_desktop.core.indicators import FILE_MAX

    text = PATH.read_text(encoding="utf-8")
    padded = text.rstrip()[:-1] + ', "padding": "' + "x" * FILE_MAX + '"}'
    assert check_catalogue_text(padded) == [Problem("$", "The file is too large for a catalogue.")]
    assert check_catalogue_text(padded.encode()) == [Problem("$", "The file is too large for a catalogue.")]


def _add_dimension(d, dim_id="empty_dim", element="other"):
    d["dimensions"].append({"id": dim_id, "element": element, "title": {"cs": "Prázdná", "en": "Empty"}})


# (change, expected path, words in the message)
MEANING = [
    (lambda d: _set(d, ["dimensions", 1, "id"], "recruitment"), "dimensions[1].id",
     "dimension id “recruitment” is used twice (first at dimensions[0])"),
    (lambda d: _set(d, ["indicators", 4, "id"], "rec_strong1"), "indicators[4].id",
     "indicator id “rec_strong1” is used twice"),
    (lambda d: _set(d, ["rules", "outcomes", 2, "id"], "act_and_purpose"), "rules.outcomes[2].id",
     "rule id “act_and_purpose”"),
    (lambda d: _set(d, ["rules", "dimension_met", 1, "id"], "one_strong"), "rules.dimension_met[1].id",
     "rule id “one_strong”"),
    (lambda d: _set(d, ["rules", "dimension_overrides", "exploitation", 1, "id"], "both_strong"),
     "rules.dimension_overrides.exploitation[1].id", "rule id “both_strong”"),
    (lambda d: _set(d, ["indicators", 2, "dimension"], "recruiting"), "indicators[2].dimension", "“recruiting”"),
    (lambda d: _set(d, ["rules", "dimension_overrides", "nowhere"], [{"id": "x", "min": {"weak": 1}}]),
     "rules.dimension_overrides.nowhere", "“nowhere”"),
    (_add_dimension, "dimension 'empty_dim'", "no indicators"),
    (lambda d: _set(d, ["rules", "outcomes", 0, "when"], {"all": [{"element": "act"}, {"dimension": "travel"}]}),
     "rules.outcomes[0].when.all[1].dimension", "rule “act_and_purpose” names the dimension “travel”"),
    (lambda d: _set(d, ["rules", "outcomes", 1, "when"], {"any": [{"indicator": "tr_strong9"}]}),
     "rules.outcomes[1].when.any[0].indicator", "rule “means_and_more” names the indicator “tr_strong9”"),
    (lambda d: _set(d, ["rules", "outcomes", 4, "when"], {"strength": "weak", "min": 1, "element": "other"}),
     "rules.outcomes[4].when.element", "element “other”, which no dimension has"),
    (lambda d: _set(d, ["rules", "outcomes", 0, "when"], {"element": "other"}), "rules.outcomes[0].when.element",
     "“other”"),
]


@pytest.mark.parametrize(("change", "path", "words"), MEANING)
def test_meaning_problems_name_the_path_or_id(change, path, words):
    data = small_data()
    change(data)
    problems = check_catalogue(data)
    assert path in _paths(problems), problems
    assert words in next(p.message for p in problems if p.path == path)


# rules that can never fire, and dimensions never met
NEVER = [
    (lambda d: _set(d, ["rules", "dimension_overrides", "vulnerability"], [{"id": "two_medium", "min": {"medium": 2}}]),
     ["rules.dimension_overrides.vulnerability[0]", "dimension 'vulnerability'"], "“two_medium” can never fire"),
    (lambda d: _set(d, ["rules", "dimension_overrides", "vulnerability"], [{"id": "strong", "all_strong": True}]),
     ["rules.dimension_overrides.vulnerability[0]", "dimension 'vulnerability'"], "can never fire"),
    (lambda d: d["rules"]["dimension_met"].append({"id": "six_weak", "min": {"weak": 6}}),
     ["rules.dimension_met[4]"], "“six_weak” can never fire: no dimension"),
    (lambda d: _set(d, ["rules", "outcomes", 3, "when"], {"at_least": 5, "of": [{"dimension": "recruitment"}] * 4}),
     ["rule 'two_dimensions'"], "“two_dimensions” can never fire: its condition is false"),
    (lambda d: _set(d, ["rules", "outcomes", 2, "when"], {"strength": "strong", "min": 7}),
     ["rule 'any_strong'"], "even with every indicator present (rules.outcomes[2])"),
    (lambda d: _set(d, ["rules", "outcomes", 4, "when"], {"strength": "medium", "min": 2, "element": "means"}),
     ["rule 'weak_exploitation'"], "can never fire"),
]


@pytest.mark.parametrize(("change", "paths", "words"), NEVER)
def test_rules_that_can_never_fire(change, paths, words):
    data = small_data()
    change(data)
    problems = check_catalogue(data)
    assert _paths(problems) == paths, problems
    assert words in problems[0].message


def test_a_default_rule_that_fires_for_some_dimension_is_fine():
    data = small_data()
    data["rules"]["dimension_met"].append({"id": "four_weak", "min": {"weak": 2, "medium": 2}})  # recruitment
    assert check_catalogue(data) == []


def test_a_dimension_no_rule_can_meet():
    data = small_data()
    data["rules"]["dimension_met"] = [{"id": "three_strong", "min": {"strong": 3}}]
    data["rules"]["outcomes"] = [data["rules"]["outcomes"][2]]  # any_strong still fires
    problems = check_catalogue(data)
    assert "dimension 'recruitment'" in _paths(problems)
    assert "rules.dimension_met[0]" in _paths(problems)


def test_load_raises_with_every_problem():
    data = small_data()
    data["indicators"][4]["id"] = "rec_strong1"
    data["indicators"][6]["dimension"] = "nowhere"
    with pytest.raises(CatalogueError) as info:
        load_catalogue(data)
    assert _paths(list(info.value.problems)) == ["indicators[4].id", "indicators[6].dimension"]
    assert info.value.message.startswith("The indicator catalogue is not valid: indicators[4].id: ")


def test_problem_messages_are_translated():
    from ospod_desktop.core import i18n

    data = small_data()
    data["indicators"][0]["strength"] = "huge"
    i18n.set_language("cs")
    (problem,) = check_catalogue(data)
    assert problem.message == "„huge“ není dovoleno: použijte jedno z strong, medium, weak."


def test_the_model():
    cat = small()
    assert (cat.id, cat.version, cat.title) == ("test-small", "1", Localized("Zkušební katalog", "Test catalogue"))
    assert cat.indicator("tr_weak1").strength == "weak"
    assert cat.dimension("control").element == "means"
    assert [i.id for i in cat.indicators_of("transport")] == ["tr_strong1", "tr_medium1", "tr_weak1"]
    assert cat.indicators_of("nowhere") == ()
    assert [r.id for r in cat.rules_of("vulnerability")] == ["medium_and_weak"]
    assert [r.id for r in cat.rules_of("recruitment")] == ["one_strong", "two_medium", "medium_two_weak",
                                                          "all_strong"]
    with pytest.raises(KeyError):
        cat.indicator("nowhere")
    assert cat.sources == ({"title": "Tests"},)
    assert cat.notice == Localized("Jen pro testy.", "For tests only.")


def test_localized_follows_the_language():
    from ospod_desktop.core import i18n

    text = Localized("Nábor", "Recruitment")
    assert (text.get("cs"), text.get("en"), text.get("de")) == ("Nábor", "Recruitment", "Nábor")
    assert text.get() == "Recruitment"
    i18n.set_language("cs")
    assert text.get() == "Nábor"


def test_canonical_json_and_digest():
    cat = small()
    canonical = cat.canonical_json()
    assert "Zkušební" in canonical and "\\u" not in canonical
    assert json.loads(canonical) == small_data()
    assert canonical.startswith('{"dimensions":[')
    assert cat.digest == hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    reordered = dict(reversed(list(small_data().items())))
    assert load_catalogue(reordered).digest == cat.digest
    changed = small_data()
    changed["version"] = "2"
    assert load_catalogue(changed).digest != cat.digest


def test_every_kind_of_problem_is_listed_in_one_pass():
    data = small_data()
    data["indicators"][3]["strength"] = "huge"  # schema
    data["indicators"][4]["id"] = "rec_strong1"  # duplicate id
    data["indicators"][6]["dimension"] = "nowhere"  # unknown dimension
    data["rules"]["outcomes"][2]["when"] = {"strength": "strong", "min": 9}  # never fires
    problems = check_catalogue(data)
    assert _paths(problems) == ["indicators[3].strength", "indicators[4].id", "indicators[6].dimension",
                                "rule 'any_strong'"], problems
    assert "“huge” is not allowed" in problems[0].message
    assert "indicator id “rec_strong1” is used twice" in problems[1].message
    assert "“nowhere”" in problems[2].message
    assert "can never fire" in problems[3].message


def test_meaning_checks_skip_only_the_malformed_items():
    data = small_data()
    del data["indicators"][0]["id"]  # this indicator is skipped; the others are still checked
    data["indicators"][2]["id"] = "rec_medium1"
    data["dimensions"][1] = "not an object"
    data["rules"]["outcomes"][0]["when"] = {"all": [{"bogus": 1}, {"dimension": "travel"}]}
    paths = _paths(check_catalogue(data))
    assert "indicators[0].id" in paths and "indicators[2].id" in paths and "dimensions[1]" in paths
    assert "rules.outcomes[0].when.all[0]" in paths and "rules.outcomes[0].when.all[1].dimension" in paths
    assert "indicators[5].dimension" in paths  # transport's indicators now name no dimension


def test_one_fault_is_reported_once():
    data = small_data()
    data["rules"]["outcomes"][0]["when"] = {"all": [{"element": "motive"}, {"dimension": "Bad"}]}
    data["indicators"][2]["dimension"] = "Not an id"
    problems = check_catalogue(data)
    assert _paths(problems) == ["indicators[2].dimension", "rules.outcomes[0].when.all[0].element",
                                "rules.outcomes[0].when.all[1].dimension"], problems
    assert len(set(problems)) == len(problems)


def test_a_missing_name_is_not_also_a_rule_that_never_fires():
    data = small_data()
    data["rules"]["outcomes"][3]["when"] = {"at_least": 2, "of": [{"dimension": "nowhere"}, {"dimension": "gone"}]}
    _add_dimension(data)  # no indicators: reported once, not as dimensions or rules that can never fire
    data["rules"]["outcomes"][1]["when"] = {"dimension": "empty_dim"}
    assert _paths(check_catalogue(data)) == ["dimension 'empty_dim'", "rules.outcomes[3].when.of[0].dimension",
                                             "rules.outcomes[3].when.of[1].dimension"]


def test_deep_nesting_and_huge_numbers_are_problems_not_crashes():
    deep: object = {"element": "act"}
    for _n in range(40):
        deep = {"all": [deep]}
    data = small_data()
    data["rules"]["outcomes"][0]["when"] = deep
    (problem,) = check_catalogue(data)
    assert problem.path == "$" and "64" in problem.message
    for text in ("[" * 100_000, '{"id": ' + "1" * 5000 + "}"):
        (problem,) = check_catalogue_text(text)
        assert problem.path == "$"
        with pytest.raises(CatalogueError):
            parse_catalogue(text)
