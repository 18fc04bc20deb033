"""The trafficking clocks of the due engine (core.due_trafficking): police report, reflection period,
reassessment — table-driven, with the policy's numbers and the explanations in both languages."""

from __future__ import annotations

import copy
import json
from datetime import date

import pytest

from ospod_desktop.core import i18n
from ospod_desktop.core.due import KINDS, CaseFacts, ChildFacts, ReflectionPeriod, TraffickingFacts, due_items
from ospod_desktop.core.policy import VERSION, PolicyError, default_policy, parse_policy, policy_to_data
from ospod_desktop.core.policy_fields import BY_PATH, GROUPS, field_label
from ospod_desktop.paths import resource

CHILD = ChildFacts(1)
D0 = date(2026, 3, 10)
TRAFFICKING_KINDS = ("police_report", "reflection_period", "reassessment")


def facts(conclusion="", on=D0, reports=(), periods=(), aid=7, child=CHILD):
    return CaseFacts(child, trafficking=TraffickingFacts(conclusion, on if conclusion else None,
                                                         aid if conclusion else None, tuple(reports), tuple(periods)))


def items(f, day=D0, policy=None):
    return [(i.kind, i.due) for i in due_items(f, day, policy) if i.kind in TRAFFICKING_KINDS]


def _doc():
    return json.loads(resource("policy", "deadlines.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("f, day, expected", [
    # presumed victim: the police report is due at once (the finishing day)
    (facts("presumed_victim"), D0, [("police_report", D0)]),
    (facts("presumed_victim"), date(2026, 3, 12), [("police_report", D0)]),
    # a report on or after the finishing day resolves it…
    (facts("presumed_victim", reports=[D0]), D0, []),
    (facts("presumed_victim", reports=[date(2026, 3, 11)]), date(2026, 3, 12), []),
    # …one before it (an earlier suspicion) does not
    (facts("presumed_victim", reports=[date(2026, 2, 1)]), D0, [("police_report", D0)]),
    # a concern: assess again in 30 days; no police report
    (facts("concern"), D0, [("reassessment", date(2026, 4, 9))]),
    (facts("concern", reports=[D0]), D0, [("reassessment", date(2026, 4, 9))]),
    # a later finished assessment resolves it: it is the latest now (and clocks from its own day)
    (facts("no_indication", on=date(2026, 4, 1)), date(2026, 4, 2), []),
    (facts("concern", on=date(2026, 4, 1)), date(2026, 4, 2), [("reassessment", date(2026, 5, 1))]),
    (facts("presumed_victim", on=date(2026, 4, 1)), date(2026, 4, 2), [("police_report", date(2026, 4, 1))]),
    # nothing finished (drafts, returned: the builder leaves the conclusion empty), or no indication
    (facts(""), D0, []),
    (facts("no_indication"), D0, []),
    # a reflection period: its recorded end, else one month from its start
    (facts(periods=[ReflectionPeriod(D0, date(2026, 5, 20), 3)]), D0, [("reflection_period", date(2026, 5, 20))]),
    (facts(periods=[ReflectionPeriod(D0, None, 3)]), D0, [("reflection_period", date(2026, 4, 10))]),
    (facts(periods=[ReflectionPeriod(date(2026, 1, 31), None, 3)]), D0, []),  # ended on 28 Feb: gone
    (facts(periods=[ReflectionPeriod(date(2026, 1, 31), None, 3)]), date(2026, 2, 28),
     [("reflection_period", date(2026, 2, 28))]),  # its last day: still listed (clamped to the month's end)
    # the latest period replaces an earlier one
    (facts(periods=[ReflectionPeriod(date(2026, 4, 1), None, 4), ReflectionPeriod(D0, None, 3)]), D0,
     [("reflection_period", date(2026, 5, 1))]),
    # all together: a presumed victim reported to the police, in a reflection period
    (facts("presumed_victim", reports=[D0], periods=[ReflectionPeriod(date(2026, 3, 11), None, 3)]),
     date(2026, 3, 11), [("reflection_period", date(2026, 4, 11))]),
])  # fmt: skip
def test_clocks(f, day, expected):
    assert items(f, day) == expected


def test_sources_status_and_basis():
    pv = {i.kind: i for i in due_items(facts("presumed_victim", periods=[ReflectionPeriod(D0, None, 3)]), D0)}
    report, reflection = pv["police_report"], pv["reflection_period"]
    assert report.source == ("trafficking_assessment", 7) and report.status == "due_soon"
    assert report.basis == "office practice" and report.basis_kind == "practice"
    assert reflection.source == ("victim_event", 3) and reflection.basis == "Act 326/1999 s. 42e"
    assert reflection.basis_kind == "law"
    assert [i.status for i in due_items(facts("presumed_victim"), date(2026, 3, 11))] == ["overdue"]
    again = [i for i in due_items(facts("concern"), D0) if i.kind == "reassessment"][0]
    assert again.source == ("trafficking_assessment", 7) and again.basis == "office practice"
    assert again.policy_version == default_policy().revision


def test_a_closed_case_has_no_trafficking_clock():
    closed = facts("presumed_victim", child=ChildFacts(1, case_open=False))
    assert items(closed) == []


def test_existing_callers_need_no_trafficking_facts():
    assert CaseFacts(CHILD).trafficking == TraffickingFacts()
    assert items(CaseFacts(CHILD)) == []


def _policy(**numbers):
    doc = copy.deepcopy(_doc())
    for key, value in numbers.items():
        doc["trafficking"][key]["value"] = value
    return parse_policy(doc)


@pytest.mark.parametrize("numbers, f, expected", [
    ({"police_report_days": 2}, facts("presumed_victim"), [("police_report", date(2026, 3, 12))]),
    ({"reassessment_days": 14}, facts("concern"), [("reassessment", date(2026, 3, 24))]),
    ({"reflection_period_months": 2}, facts(periods=[ReflectionPeriod(D0)]), [("reflection_period", date(2026, 5, 10))]),
    # a recorded end is the police's decision: the policy's length does not move it
    ({"reflection_period_months": 2}, facts(periods=[ReflectionPeriod(D0, date(2026, 4, 1))]),
     [("reflection_period", date(2026, 4, 1))]),
])  # fmt: skip
def test_the_policy_numbers_move_the_dates(numbers, f, expected):
    assert items(f, D0, _policy(**numbers)) == expected


@pytest.mark.parametrize("lang, words", [
    ("en", ["Mar 10, 2026", "presumed victim", "police at once", "Act 326/1999 s. 42e", "office practice",
            "30 days", "1 month"]),
    ("cs", ["10. 3. 2026", "obětí obchodování", "policii", "326/1999", "§ 42e", "praxe úřadu", "30 dnů", "1 měsíc"]),
])
def test_explanations_render_with_their_basis(lang, words):
    found = due_items(facts("presumed_victim", periods=[ReflectionPeriod(D0)]), D0)
    found += due_items(facts("concern"), D0)
    found += due_items(facts("presumed_victim", periods=[ReflectionPeriod(D0, date(2026, 4, 1))]), D0,
                       _policy(police_report_days=3))
    i18n.set_language(lang)
    text = " ".join(f"{i.label}: {i.explanation} ({i.basis_label})" for i in found if i.kind in TRAFFICKING_KINDS)
    assert "{" not in text
    for w in words:
        assert w in text, (w, text)
    if lang == "cs":  # every msgid has its Czech translation
        assert "Report a presumed victim" not in text and "Reflection period" not in text
        assert "assess the child again" not in text and "within 3 days" not in text


def test_the_kinds_are_registered_with_labels():
    for kind in TRAFFICKING_KINDS:
        assert kind in KINDS and KINDS[kind]


# -- the policy: the trafficking numbers, their labels, and the version-2 documents stored before ----------
def test_the_shipped_policy_has_the_trafficking_numbers_with_their_basis():
    p = default_policy()
    assert (p.trafficking_police_report_days, p.trafficking_reflection_months, p.trafficking_reassessment_days) == (
        0, 1, 30)
    assert p.basis("trafficking.reflection_period_months").text == "Act 326/1999 s. 42e"
    assert p.basis("trafficking.reassessment_days").kind == "practice"
    assert policy_to_data(p)["trafficking"] == _doc()["trafficking"]
    assert {"trafficking.police_report_days", "trafficking.reflection_period_months",
            "trafficking.reassessment_days"} <= set(BY_PATH) and "trafficking" in GROUPS


def test_a_version_2_document_still_loads_with_the_shipped_trafficking_numbers():
    doc = _doc()
    doc["version"], doc["revision"] = 2, 4
    del doc["trafficking"]
    doc["return_interview"]["days"]["value"] = 5  # what the administrator saved stays
    p = parse_policy(doc)
    assert p.version == VERSION == 3 and p.revision == 4 and p.return_interview_days == 5
    assert p.trafficking_reassessment_days == 30
    assert p.basis("trafficking.reflection_period_months").text == "Act 326/1999 s. 42e"
    assert policy_to_data(p)["version"] == 3 and parse_policy(policy_to_data(p)) == p
    with pytest.raises(PolicyError) as err:  # a version 3 one must have the section
        parse_policy({k: v for k, v in _doc().items() if k != "trafficking"})
    assert err.value.key == "trafficking"
    with pytest.raises(PolicyError) as err:
        parse_policy({**_doc(), "version": 1})
    assert err.value.key == "version"


@pytest.mark.parametrize("key, value, words", [
    ("police_report_days", -1, "from 0 to 90"),
    ("reflection_period_months", 0, "from 1 to 12"),
    ("reassessment_days", "30", "from 1 to 365"),
])
def test_a_bad_trafficking_number_is_named(key, value, words):
    doc = _doc()
    doc["trafficking"][key]["value"] = value
    with pytest.raises(PolicyError) as err:
        parse_policy(doc)
    assert err.value.key == f"trafficking.{key}.value" and words in err.value.message
    assert field_label(f"trafficking.{key}.value") in err.value.message and "Trafficking" in err.value.message


def test_a_trafficking_label_is_czech():
    i18n.set_language("cs")
    assert field_label("trafficking.reassessment_days") != "Trafficking: assess a concern again within"
    assert "Obchodování" in field_label("trafficking.reassessment_days")
