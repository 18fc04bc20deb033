"""Deadline rules: the policy file, placement clocks (preliminary measure, ZDVOP, diagnostic stay), missing clocks."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ospod_desktop.core import i18n
from ospod_desktop.core.deadlines import (
    STATUS_RANK,
    Extension,
    PlacementFacts,
    add_months,
    effective_expiry,
    extension_error,
    extension_limit,
    missing_status,
    placement_deadlines,
    pm_total_cap,
    status_of,
    worst,
    zdvop_days_used,
)  # fmt: skip
from ospod_desktop.core.policy import PolicyError, default_policy, load_policy, parse_policy
from ospod_desktop.paths import resource
from tests.hypothesis_profiles import scaled

D0 = date(2026, 3, 1)
POLICY = default_policy()


def _doc() -> dict:
    return json.loads(resource("policy", "deadlines.json").read_text(encoding="utf-8"))


def _kinds(deadlines):
    return {d.kind: d for d in deadlines}


# -- the policy file ------------------------------------------------------------------------------
def test_shipped_policy_holds_the_legal_numbers():
    p = load_policy()
    assert (p.pm_initial_months, p.pm_extension_months, p.pm_usual_total_months) == (1, 1, 6)
    assert (p.zdvop_total_months, p.zdvop_contract_months, p.zdvop_contract_extensions, p.zdvop_extension_months) == (6, 3, 1, 3)
    assert p.diagnostic_weeks == 8 and "foreign_children_facility" in p.diagnostic_settings
    assert p.missing_inform_hours["police"] == 0
    assert p.version == 3 and p.basis("preliminary_measure.initial_months").text == "Act 292/2013 s. 459"
    assert p.visit_basis("childrens_home").text == "Act 359/1999 s. 29" and p.visit_basis("zdvop").kind == "practice"


def test_every_number_in_the_file_has_a_basis():
    def walk(node, path):
        if isinstance(node, dict) and "value" in node:
            assert node["basis"] and node["kind"] in ("law", "practice"), path
        elif isinstance(node, dict):
            if "steps" in node:
                assert node["basis"] and node["kind"] in ("law", "practice"), path
            for k, v in node.items():
                if k != "steps":
                    walk(v, f"{path}.{k}")
        else:
            assert isinstance(node, (str, list)) or path.endswith(("version", "revision")), path
    walk(_doc(), "")


def test_visit_intervals_per_placement_type():
    p = load_policy()
    assert p.visit_interval_months("childrens_home", 0) == 3 and p.visit_interval_months("childrens_home", 30) == 3
    assert p.visit_interval_months("foster_family", 5) == 3 and p.visit_interval_months("foster_family", 6) == 6
    assert p.visit_interval_months("relatives", 12) == 6
    assert p.visit_interval_months("unknown_setting", 0) == 3  # the default


@pytest.mark.parametrize("path, value, key", [
    (("zdvop", "total_stay_months"), 0, "zdvop.total_stay_months"),
    (("zdvop", "total_stay_months", "value"), 0, "zdvop.total_stay_months.value"),
    (("zdvop", "total_stay_months", "value"), -6, "zdvop.total_stay_months.value"),
    (("zdvop", "contract_max_months", "value"), "3", "zdvop.contract_max_months.value"),
    (("zdvop", "contract_max_months", "kind"), "custom", "zdvop.contract_max_months.kind"),
    (("zdvop", "sum_earlier_stays", "value"), 1, "zdvop.sum_earlier_stays.value"),
    (("preliminary_measure", "initial_months", "value"), True, "preliminary_measure.initial_months.value"),
    (("preliminary_measure", "initial_months", "basis"), "", "preliminary_measure.initial_months.basis"),
    (("ipod", "months", "value"), 0, "ipod.months.value"),
    (("guardian", "asylum_representative_working_days", "value"), -1,
     "guardian.asylum_representative_working_days.value"),
    (("guardian", "asylum_representative_from"), "12. 6. 2026", "guardian.asylum_representative_from"),
    (("turns_18", "planning_months", "value"), 220, "turns_18.planning_months"),
    (("information_request", "days", "value"), 0, "information_request.days.value"),
    (("missing", "inform_within_hours", "officer", "value"), -24, "missing.inform_within_hours.officer.value"),
    (("version",), 1, "version"),
    (("diagnostic_stay", "settings"), ["castle"], "diagnostic_stay.settings"),
    (("missing", "inform_within_hours"), {"police": 0}, "missing.inform_within_hours"),
    (("visits", "by_setting"), {"foster_family": {"basis": "x", "kind": "law",
                                                  "steps": [{"until_month": 6, "every_months": 3}]}},
     "visits.by_setting.foster_family.steps[0].until_month"),
    (("visits", "by_setting", "relatives", "steps", 1, "every_months"), 0,
     "visits.by_setting.relatives.steps[1].every_months"),
    (("visits", "default"), [{"every_months": 3}], "visits.default"),
    (("format",), "other", "format"),
])
def test_a_bad_policy_names_the_key(path, value, key):
    doc = copy.deepcopy(_doc())
    target = doc
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    with pytest.raises(PolicyError) as err:
        parse_policy(doc)
    assert err.value.key == key and key in err.value.message


def test_a_missing_or_broken_file_is_a_policy_error(tmp_path):
    with pytest.raises(PolicyError):
        load_policy(tmp_path / "nope.json")
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    with pytest.raises(PolicyError):
        load_policy(tmp_path / "bad.json")


def test_numbers_come_from_the_file(tmp_path):
    doc = _doc()
    doc["diagnostic_stay"]["weeks"]["value"] = 6
    doc["zdvop"]["total_stay_months"]["value"] = 12
    p = parse_policy(doc)
    facts = PlacementFacts("zdvop", "preliminary_measure", D0)
    k = _kinds(placement_deadlines(facts, (), D0, p))
    assert k["zdvop_total"].due == add_months(D0, 12)
    k = _kinds(placement_deadlines(PlacementFacts("diagnostic_institute", "urgent_care", D0), (), D0, p))
    assert k["diagnostic_stay"].due == D0 + timedelta(weeks=6)


# -- months and statuses --------------------------------------------------------------------------
def test_add_months_clamps_to_the_month_end():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)
    assert add_months(date(2026, 3, 1), 0) == date(2026, 3, 1)


@given(st.dates(date(2000, 1, 1), date(2090, 12, 31)), st.integers(0, 60))
def test_add_months_properties(day, months):
    later = add_months(day, months)
    assert (later.year - day.year) * 12 + later.month - day.month == months
    assert later.day <= day.day and 28 * months <= (later - day).days <= 31 * months


def test_status_boundaries():
    due = date(2026, 4, 1)
    assert status_of(due, due - timedelta(days=8), 7) == "ok"
    assert status_of(due, due - timedelta(days=7), 7) == "due_soon"
    assert status_of(due, due, 7) == "due_soon"  # the measure still holds on its last day
    assert status_of(due, due + timedelta(days=1), 7) == "overdue"


@given(st.dates(date(2020, 1, 1), date(2030, 1, 1)), st.integers(0, 400), st.integers(0, 400), st.integers(0, 30))
def test_status_only_gets_worse_as_days_pass(due, a, b, soon):
    start = due - timedelta(days=200)
    d1, d2 = sorted((start + timedelta(days=a), start + timedelta(days=b)))
    assert STATUS_RANK[status_of(due, d1, soon)] <= STATUS_RANK[status_of(due, d2, soon)]


# -- placement clocks -----------------------------------------------------------------------------
def test_preliminary_measure_runs_one_month_from_the_decision():
    p = PlacementFacts("foreign_children_facility", "preliminary_measure", D0, decision_date=D0 - timedelta(days=1))
    k = _kinds(placement_deadlines(p, (), D0))
    assert k["preliminary_measure"].due == date(2026, 3, 28)
    assert k["preliminary_measure"].explanation == "pm_expires"
    assert k["diagnostic_stay"].due == D0 + timedelta(weeks=8)
    assert [d.kind for d in placement_deadlines(p, (), D0)] == ["preliminary_measure", "diagnostic_stay"]  # soonest first


def test_extensions_move_the_expiry_and_the_usual_total_is_flagged():
    exts = tuple(Extension(add_months(D0, k) - timedelta(days=2), add_months(D0, k + 1)) for k in range(1, 6))
    p = PlacementFacts("childrens_home", "preliminary_measure", D0, decision_date=D0, extensions=exts[:2])
    d = _kinds(placement_deadlines(p, (), add_months(D0, 2)))["preliminary_measure"]
    assert d.due == add_months(D0, 3) and d.explanation == "pm_extended" and dict(d.params) == {"n": 2}
    p = PlacementFacts("childrens_home", "preliminary_measure", D0, decision_date=D0, extensions=exts)
    d = _kinds(placement_deadlines(p, (), add_months(D0, 5)))["preliminary_measure"]
    assert d.due == add_months(D0, 6) and d.explanation == "pm_usual_total"
    longer = exts + (Extension(add_months(D0, 6) - timedelta(days=1), add_months(D0, 7)),)
    p = PlacementFacts("childrens_home", "preliminary_measure", D0, decision_date=D0, extensions=longer)
    assert _kinds(placement_deadlines(p, (), add_months(D0, 6)))["preliminary_measure"].explanation == "pm_beyond_total"


def test_the_extension_cap_counts_from_the_first_measure_not_from_each_extension():
    """The bug: each extension's decision restarted the 6 months, so a chain could pass them."""
    exts: list[Extension] = []
    for k in range(1, 6):  # five extensions, each decided a few days before the current expiry
        exts.append(Extension(add_months(D0, k) - timedelta(days=3), add_months(D0, k + 1)))
    p = PlacementFacts("childrens_home", "preliminary_measure", D0, decision_date=D0, extensions=tuple(exts))
    assert effective_expiry(p) == add_months(D0, 6) == pm_total_cap(p)
    decided = add_months(D0, 6) - timedelta(days=3)
    assert add_months(decided, 6) > add_months(D0, 7)  # the old check (from the decision) allowed a 7th month
    assert extension_limit(p) == add_months(D0, 6)
    assert extension_error(p, add_months(D0, 7)) == "beyond_limit"
    pending = PlacementFacts("childrens_home", "preliminary_measure", D0, decision_date=D0, extensions=tuple(exts),
                             exception_reason="proceedings on the merits pending")
    assert extension_limit(pending) == add_months(D0, 7) and extension_error(pending, add_months(D0, 7)) is None
    d = _kinds(placement_deadlines(replace(pending, extensions=(*exts, Extension(decided, add_months(D0, 7)))),
                                   (), add_months(D0, 6)))["preliminary_measure"]
    assert d.explanation == "pm_pending_merits" and d.due == add_months(D0, 7)


def test_an_extension_moves_the_expiry_by_at_most_one_month():
    p = PlacementFacts("childrens_home", "preliminary_measure", D0, decision_date=D0)
    assert extension_limit(p) == add_months(D0, 2)
    assert extension_error(p, add_months(D0, 2)) is None
    assert extension_error(p, add_months(D0, 2) + timedelta(days=1)) == "beyond_limit"
    assert extension_error(p, add_months(D0, 1)) == "not_later"
    assert extension_error(PlacementFacts("childrens_home", "institutional_care", D0), D0) == "not_extendable"
    zd = PlacementFacts("zdvop", "zdvop_contract", D0)
    assert extension_limit(zd) == add_months(D0, 6)
    once = replace(zd, extensions=(Extension(D0, add_months(D0, 6), D0),))
    assert extension_error(once, add_months(D0, 7)) == "not_extendable"


def test_enforceability_and_section_461():
    p = PlacementFacts("childrens_home", "preliminary_measure", D0, decision_date=D0, enforceable_on=date(2026, 3, 4))
    assert _kinds(placement_deadlines(p, (), D0))["preliminary_measure"].due == date(2026, 4, 4)
    foreign = replace(p, section_461=True)
    d = _kinds(placement_deadlines(foreign, (), D0))["preliminary_measure"]
    assert d.explanation == "pm_section_461" and d.due == date(2026, 9, 4)
    assert extension_limit(foreign) is None


def test_diagnostic_stay_only_for_a_marked_stay_and_closed_by_completion():
    p = PlacementFacts("diagnostic_institute", "institutional_care", D0)
    assert "diagnostic_stay" in _kinds(placement_deadlines(p, (), D0))  # unmarked: presumed by the setting
    assert placement_deadlines(replace(p, diagnostic_stay=False), (), D0) == ()  # long-term care, same facility
    assert "diagnostic_stay" in _kinds(placement_deadlines(PlacementFacts("zdvop", "urgent_care", D0,
                                                                          diagnostic_stay=True), (), D0))
    assert placement_deadlines(replace(p, diagnostics_completed_on=D0 + timedelta(weeks=3)), (), D0) == ()


def test_an_unextended_measure_becomes_overdue():
    p = PlacementFacts("relatives", "preliminary_measure", D0, decision_date=D0)
    d = worst(placement_deadlines(p, (), date(2026, 4, 2)))
    assert d.kind == "preliminary_measure" and d.status == "overdue"


def test_zdvop_contract_three_months_extendable_once():
    p = PlacementFacts("zdvop", "zdvop_contract", D0)
    k = _kinds(placement_deadlines(p, (), D0))
    assert k["zdvop_contract"].due == add_months(D0, 3) and k["zdvop_contract"].explanation == "zdvop_contract"
    assert k["zdvop_total"].due == add_months(D0, 6)
    consented = Extension(add_months(D0, 3), add_months(D0, 6), consent_on=add_months(D0, 3))
    p = PlacementFacts("zdvop", "zdvop_contract", D0, extensions=(consented,))
    k = _kinds(placement_deadlines(p, (), D0))
    assert k["zdvop_contract"].due == add_months(D0, 6) and k["zdvop_contract"].explanation == "zdvop_contract_final"


def test_a_zdvop_extension_without_the_authoritys_consent_does_not_move_the_end():
    bare = Extension(add_months(D0, 3), add_months(D0, 6))
    p = PlacementFacts("zdvop", "zdvop_contract", D0, extensions=(bare,))
    d = _kinds(placement_deadlines(p, (), D0))["zdvop_contract"]
    assert d.due == add_months(D0, 3) and d.explanation == "zdvop_no_consent"
    assert effective_expiry(p) == add_months(D0, 6)  # the recorded date stays what was recorded


def test_earlier_zdvop_stays_count_towards_the_cap():
    earlier = PlacementFacts("zdvop", "zdvop_contract", date(2025, 10, 1), date(2025, 12, 1), id=1)
    elsewhere = PlacementFacts("childrens_home", "institutional_care", date(2025, 12, 1), D0, id=2)
    now = PlacementFacts("zdvop", "preliminary_measure", D0, id=3)
    used = (date(2025, 12, 1) - date(2025, 10, 1)).days
    assert zdvop_days_used([earlier, elsewhere, now], D0) == used
    d = _kinds(placement_deadlines(now, [earlier, elsewhere, now], D0))["zdvop_total"]
    assert d.due == add_months(D0, 6) - timedelta(days=used) and dict(d.params)["days"] == used


@settings(max_examples=scaled(60))
@given(st.lists(st.integers(1, 120), max_size=4))
def test_more_time_in_zdvop_before_means_an_earlier_limit(stays):
    start, earlier, day = D0, [], D0
    for i, length in enumerate(stays):
        begin = day - timedelta(days=length + 30)
        earlier.append(PlacementFacts("zdvop", "urgent_care", begin, begin + timedelta(days=length), id=i + 10))
        day = begin
    p = PlacementFacts("zdvop", "urgent_care", start, id=1)
    due = _kinds(placement_deadlines(p, earlier, start))["zdvop_total"].due
    assert due == add_months(start, 6) - timedelta(days=sum(stays))
    fewer = _kinds(placement_deadlines(p, earlier[1:], start))["zdvop_total"].due
    assert fewer >= due


@given(st.lists(st.integers(1, 60), max_size=5), st.sampled_from(["preliminary_measure", "zdvop_contract"]))
def test_extensions_never_shorten_a_placement(steps, basis):
    exts, expiry = [], None
    for step in steps:
        base = effective_expiry(PlacementFacts("zdvop", basis, D0, extensions=tuple(exts)))
        exts.append(Extension(D0, base + timedelta(days=step)))
        new = effective_expiry(PlacementFacts("zdvop", basis, D0, extensions=tuple(exts)))
        assert new > base and (expiry is None or new >= expiry)
        expiry = new


def test_planned_end_and_open_ended_orders():
    p = PlacementFacts("childrens_home", "institutional_care", D0)
    assert placement_deadlines(p, (), D0) == ()
    p = PlacementFacts("foster_family", "agreement", D0, expiry=date(2026, 9, 1))
    assert [(d.kind, d.due) for d in placement_deadlines(p, (), D0)] == [("planned_end", date(2026, 9, 1))]


def test_an_ended_placement_has_no_clocks():
    p = PlacementFacts("foreign_children_facility", "preliminary_measure", D0, end=date(2026, 3, 20))
    assert placement_deadlines(p, (), date(2026, 3, 20)) == ()
    assert placement_deadlines(p, (), date(2026, 3, 19)) != ()


def test_worst_prefers_overdue_then_the_soonest():
    p = PlacementFacts("foreign_children_facility", "preliminary_measure", D0, decision_date=D0)
    day = D0 + timedelta(weeks=7)  # measure (1 month) overdue, diagnostic stay (8 weeks) due soon
    d = worst(placement_deadlines(p, (), day))
    assert (d.kind, d.status) == ("preliminary_measure", "overdue")
    assert worst(()) is None


# -- missing clocks -------------------------------------------------------------------------------
SEEN = datetime(2026, 3, 1, 20, 0, tzinfo=UTC)


def test_police_not_informed_is_overdue_at_once():
    s = missing_status(SEEN, SEEN + timedelta(minutes=5), {})
    police = next(d for d in s.deadlines if d.kind == "missing_police")
    assert police.status == "overdue" and s.police_not_informed and s.hours_elapsed == 0
    officer = next(d for d in s.deadlines if d.kind == "missing_officer")
    assert officer.status == "due_soon" and officer.due_at == SEEN + timedelta(hours=24)


def test_hours_elapsed_and_informing_clears_clocks():
    s = missing_status(SEEN, SEEN + timedelta(hours=30, minutes=59), {"police": SEEN + timedelta(hours=1)})
    assert s.hours_elapsed == 30 and not s.police_not_informed
    assert {d.kind: d.status for d in s.deadlines} == {"missing_officer": "overdue", "missing_guardian": "overdue"}
    told = {"police": SEEN, "officer": SEEN, "guardian": SEEN}
    assert missing_status(SEEN, SEEN + timedelta(hours=2), told).deadlines == ()


def test_explanations_are_translated_with_plurals():
    p = PlacementFacts("zdvop", "zdvop_contract", D0)
    d = _kinds(placement_deadlines(p, (), D0))["zdvop_contract"]
    i18n.set_language("en")
    assert "3 months" in d.message(str) and "2026-06-01" in d.message(str)
    i18n.set_language("cs")
    assert "3 měsíce" in d.message(str) and d.label == "Konec smlouvy se ZDVOP"
    d = _kinds(placement_deadlines(p, (), D0))["zdvop_total"]
    assert "6 měsíců" in d.message(str)
    s = missing_status(SEEN, SEEN, {})
    assert "policii" in next(x for x in s.deadlines if x.kind == "missing_police").message(str)


@settings(max_examples=scaled(100))
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(1, 45)), max_size=10), st.booleans())
def test_allowed_extensions_never_pass_the_total_without_an_exception(steps, pending):
    """Whatever chain of extensions `extension_error` lets through stays within 6 months of the first start."""
    p = PlacementFacts("childrens_home", "preliminary_measure", D0, decision_date=D0,
                       exception_reason="merits pending" if pending else "")
    for decided_after, length in steps:
        current = effective_expiry(p)
        new = current + timedelta(days=length)
        if extension_error(p, new) is None:
            assert new <= add_months(current, 1)
            p = replace(p, extensions=(*p.extensions, Extension(current - timedelta(days=decided_after), new)))
    if not pending:
        assert effective_expiry(p) <= pm_total_cap(p) == add_months(D0, 6)
