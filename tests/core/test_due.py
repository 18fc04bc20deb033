"""The due-items engine (core.due): every clock of a child in one list, table-driven per kind and edge."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ospod_desktop.core import i18n
from ospod_desktop.core.deadlines import Extension, PlacementFacts, add_months
from ospod_desktop.core.due import (
    KINDS,
    AsylumApplication,
    CaseFacts,
    ChildFacts,
    GuardianFacts,
    InformationRequest,
    MissingEpisode,
    Visit,
    due_items,
    most_urgent,
)  # fmt: skip
from ospod_desktop.core.due_model import RULES, Context, rule
from ospod_desktop.core.policy import default_policy, parse_policy
from ospod_desktop.core.workdays import add_working_days, is_working_day
from ospod_desktop.paths import resource
from tests.hypothesis_profiles import scaled

D0 = date(2026, 3, 1)
CHILD = ChildFacts(1, birth_date=date(2010, 5, 31), found_on=D0, status="unaccompanied")


def home(start=D0, end=None, setting="childrens_home", basis="institutional_care", pid=1, **kw):
    return PlacementFacts(setting, basis, start, end, id=pid, **kw)


def of(kind, facts, day, policy=None, **kw):
    return [i for i in due_items(facts, day, policy, **kw) if i.kind == kind]


def one(kind, facts, day, policy=None, **kw):
    items = of(kind, facts, day, policy, **kw)
    assert len(items) == 1, items
    return items[0]


def _doc():
    return json.loads(resource("policy", "deadlines.json").read_text(encoding="utf-8"))


# -- visit ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("placements, visits, day, due", [
    # no visit yet: from the day the stay began; calendar months clamp at the month end
    ([home(date(2026, 5, 31))], [], date(2026, 6, 1), date(2026, 8, 31)),
    ([home(date(2026, 11, 30))], [], date(2026, 12, 1), date(2027, 2, 28)),
    ([home(date(2027, 11, 30))], [], date(2027, 12, 1), date(2028, 2, 29)),
    # the latest visit at which the child was seen
    ([home()], [Visit(date(2026, 4, 10)), Visit(date(2026, 3, 20))], date(2026, 5, 1), date(2026, 7, 10)),
    # a visit where the child was not seen is recorded but does not count
    ([home()], [Visit(date(2026, 3, 20)), Visit(date(2026, 5, 2), child_seen=False)], date(2026, 5, 3),
     date(2026, 6, 20)),
    # a transfer mid-interval continues the uninterrupted stay: the visit in the first placement counts
    ([home(D0, date(2026, 4, 15)), home(date(2026, 4, 15), setting="educational_institute", pid=2)],
     [Visit(date(2026, 3, 20))], date(2026, 4, 20), date(2026, 6, 20)),
    # …but not a visit before a gap: the stay began anew
    ([home(date(2025, 12, 1), date(2026, 2, 1)), home(D0, pid=2)], [Visit(date(2025, 12, 20))], D0,
     date(2026, 6, 1)),
    # foster care: every 3 months in the first half-year (the interval in force on the last visit's day)…
    ([home(setting="foster_family", basis="agreement")], [Visit(date(2026, 8, 31))], date(2026, 9, 1),
     date(2026, 11, 30)),
    # …every 6 months from the 6-month mark
    ([home(setting="foster_family", basis="agreement")], [Visit(date(2026, 9, 1))], date(2026, 9, 2),
     date(2027, 3, 1)),
    # foster care started after a stay elsewhere: the visit before it counts, at the 3-month interval
    ([home(date(2025, 10, 1), D0), home(D0, setting="relatives", basis="agreement", pid=2)],
     [Visit(date(2026, 2, 1))], D0, date(2026, 5, 1)),
    # ZDVOP: office practice, 3 months
    ([home(setting="zdvop", basis="urgent_care")], [], D0, date(2026, 6, 1)),
])  # fmt: skip
def test_next_visit(placements, visits, day, due):
    item = one("visit", CaseFacts(CHILD, tuple(placements), tuple(visits)), day)
    assert item.due == due and item.source == ("placement", placements[-1].id)


@pytest.mark.parametrize("setting, basis, kind", [
    ("childrens_home", "Act 359/1999 s. 29", "law"),
    ("foreign_children_facility", "Act 359/1999 s. 29", "law"),
    ("foster_family", "Act 359/1999 s. 19", "law"),
    ("relatives", "Act 359/1999 s. 19", "law"),
    ("zdvop", "office practice", "practice"),
    ("asylum_facility", "office practice", "practice"),
    ("hospital", "office practice", "practice"),
])  # fmt: skip
def test_visit_basis_per_setting(setting, basis, kind):
    item = one("visit", CaseFacts(CHILD, (home(setting=setting),)), D0)
    assert (item.basis, item.basis_kind, item.policy_version) == (basis, kind, 1)


def test_no_visit_without_a_current_placement():
    assert of("visit", CaseFacts(CHILD, (home(D0, date(2026, 4, 1)),)), date(2026, 4, 1)) == []


def test_a_policy_change_shows_at_once_with_its_version():
    doc = _doc()
    doc["visits"]["by_setting"]["childrens_home"]["steps"] = [{"every_months": 2}]
    policy = parse_policy(doc)
    facts = CaseFacts(CHILD, (home(),))
    assert one("visit", facts, D0).due == date(2026, 6, 1)
    assert one("visit", facts, D0, policy).due == date(2026, 5, 1)
    changed = replace(policy, revision=3)
    assert {i.policy_version for i in due_items(facts, D0, changed)} == {3}


# -- preliminary measure -------------------------------------------------------------------------
def pm(**kw):
    return home(basis="preliminary_measure", decision_date=D0, **kw)


@pytest.mark.parametrize("placement, day, expiry, total", [
    (pm(), D0, date(2026, 4, 1), date(2026, 9, 1)),
    (pm(enforceable_on=date(2026, 3, 3)), D0, date(2026, 4, 3), date(2026, 9, 3)),
    (pm(extensions=(Extension(date(2026, 3, 28), date(2026, 5, 1)),)), D0, date(2026, 5, 1), date(2026, 9, 1)),
    # 31 January + 1 month = 28 February; the total from the first start
    (home(date(2027, 1, 31), basis="preliminary_measure", decision_date=date(2027, 1, 31)), date(2027, 2, 1),
     date(2027, 2, 28), date(2027, 7, 31)),
    # a 29 February start: + 12 months would be 28 February; + 6 months is 29 August
    (home(date(2028, 2, 29), basis="preliminary_measure", decision_date=date(2028, 2, 29)), date(2028, 3, 1),
     date(2028, 3, 29), date(2028, 8, 29)),
])  # fmt: skip
def test_preliminary_measure_expiry_and_total(placement, day, expiry, total):
    facts = CaseFacts(CHILD, (placement,))
    e, t = one("preliminary_measure", facts, day), one("preliminary_measure_total", facts, day)
    assert (e.due, t.due) == (expiry, total)
    assert (e.basis, t.basis) == ("Act 292/2013 s. 459", "Act 292/2013 s. 460")


def test_the_extension_chain_cannot_pass_six_months_unnoticed():
    exts = tuple(Extension(add_months(D0, k) - timedelta(days=3), add_months(D0, k + 1)) for k in range(1, 7))
    facts = CaseFacts(CHILD, (pm(extensions=exts),))
    e = one("preliminary_measure", facts, add_months(D0, 6))
    assert e.due == add_months(D0, 7) and e.msgid.startswith("The preliminary measure runs beyond")
    assert one("preliminary_measure_total", facts, add_months(D0, 6) + timedelta(days=1)).status == "overdue"
    pending = CaseFacts(CHILD, (pm(extensions=exts, exception_reason="merits pending"),))
    assert of("preliminary_measure_total", pending, add_months(D0, 6)) == []
    assert one("preliminary_measure", pending, add_months(D0, 6)).basis == "Act 292/2013 s. 460"


def test_section_461_has_no_monthly_expiry():
    facts = CaseFacts(CHILD, (pm(section_461=True, exception_reason="ignored under s. 461"),))
    assert of("preliminary_measure", facts, D0) == []
    t = one("preliminary_measure_total", facts, D0)
    assert t.due == date(2026, 9, 1) and t.basis == "Act 292/2013 s. 461"


# -- ZDVOP and diagnostic stay -------------------------------------------------------------------
def test_zdvop_contract_consent_and_the_policy_option_to_sum_stays():
    earlier = home(date(2025, 10, 1), date(2025, 12, 1), setting="zdvop", basis="urgent_care", pid=1)
    now = home(D0, setting="zdvop", basis="zdvop_contract", pid=2,
               extensions=(Extension(date(2026, 5, 25), date(2026, 9, 1)),))
    facts = CaseFacts(CHILD, (earlier, now))
    c = one("zdvop_contract", facts, D0)
    assert c.due == date(2026, 6, 1) and "consent" in c.msgid and c.basis == "Act 359/1999 s. 42"
    consented = replace(now, extensions=(Extension(date(2026, 5, 25), date(2026, 9, 1), date(2026, 5, 20)),))
    assert one("zdvop_contract", CaseFacts(CHILD, (earlier, consented)), D0).due == date(2026, 9, 1)
    assert one("zdvop_total", facts, D0).due == date(2026, 9, 1) - timedelta(days=61)
    doc = _doc()
    doc["zdvop"]["sum_earlier_stays"]["value"] = False
    assert one("zdvop_total", facts, D0, parse_policy(doc)).due == date(2026, 9, 1)


@pytest.mark.parametrize("placement, present", [
    (home(setting="foreign_children_facility", diagnostic_stay=True), True),
    (home(setting="foreign_children_facility", diagnostic_stay=False), False),  # long-term care there
    (home(setting="foreign_children_facility", diagnostic_stay=True, diagnostics_completed_on=D0), False),
    (home(setting="childrens_home"), False),
])  # fmt: skip
def test_diagnostic_stay(placement, present):
    items = of("diagnostic_stay", CaseFacts(CHILD, (placement,)), D0)
    assert bool(items) == present
    if items:
        assert items[0].due == D0 + timedelta(weeks=8) and items[0].basis == "Act 109/2002 s. 5(6)"


# -- IPOD, guardian, asylum representative -------------------------------------------------------
@pytest.mark.parametrize("child, ipods, placements, due, source", [
    (CHILD, (), (), date(2026, 4, 1), ("child", 1)),
    (replace(CHILD, found_on=date(2026, 1, 31)), (), (), date(2026, 2, 28), ("child", 1)),
    (replace(CHILD, imported=True, registered_on=date(2025, 6, 30)), (), (), date(2025, 7, 30), ("child", 1)),
    (replace(CHILD, imported=True), (), (), date(2026, 4, 1), ("child", 1)),  # no register date: intake
    (CHILD, (date(2026, 3, 20),), (home(),), None, None),  # recorded: closed
    (CHILD, (date(2026, 3, 20),), (home(D0, date(2026, 5, 1)), home(date(2026, 5, 1), pid=2)), date(2026, 6, 1),
     ("placement", 2)),  # a new placement makes an update due
])  # fmt: skip
def test_ipod(child, ipods, placements, due, source):
    items = of("ipod", CaseFacts(child, placements, ipods=ipods), date(2026, 5, 2))
    assert [(i.due, i.source) for i in items] == ([(due, source)] if due else [])
    if items:
        assert items[0].basis_kind == ("law" if source[0] == "child" else "practice")


def test_guardian_due_at_once_until_the_court_appoints():
    facts = CaseFacts(CHILD)
    g = one("guardian", facts, D0)
    assert g.due == D0 and g.status == "due_soon" and one("guardian", facts, D0 + timedelta(days=1)).status == "overdue"
    petitioned = one("guardian", replace(facts, guardian=GuardianFacts(petition_on=D0)), D0 + timedelta(days=1))
    assert "petitioned" in petitioned.msgid
    appointed = GuardianFacts(D0, D0 + timedelta(days=2), "District Court Prague 5", "OSPOD Prague 5")
    assert of("guardian", replace(facts, guardian=appointed), D0 + timedelta(days=3)) == []
    assert of("guardian", CaseFacts(replace(CHILD, status="")), D0) == []


@pytest.mark.parametrize("applied, due", [
    (date(2026, 12, 23), date(2027, 1, 18)),  # 24–26 Dec and 1 Jan are holidays
    (date(2026, 6, 12), date(2026, 7, 3)),
    (date(2026, 9, 25), date(2026, 10, 19)),  # 28 Sep and 28 Oct
    (date(2027, 3, 24), date(2027, 4, 16)),  # Easter 2027: Good Friday 26 Mar, Monday 29 Mar
])  # fmt: skip
def test_asylum_representative_within_15_czech_working_days(applied, due):
    facts = CaseFacts(CHILD, asylum=(AsylumApplication(applied, id=7),), guardian=GuardianFacts(appointed_on=D0))
    item = one("guardian", facts, applied)
    assert item.due == due and item.source == ("asylum", 7) and item.basis_kind == "law"
    done = replace(facts, asylum=(AsylumApplication(applied, applied + timedelta(days=3), id=7),))
    assert of("guardian", done, applied) == []


def test_no_representative_clock_before_the_pact_applies():
    facts = CaseFacts(CHILD, asylum=(AsylumApplication(date(2026, 6, 11)),), guardian=GuardianFacts(appointed_on=D0))
    assert of("guardian", facts, date(2026, 6, 11)) == []


def test_working_days_skip_weekends_and_holidays():
    assert not is_working_day(date(2026, 12, 24)) and not is_working_day(date(2026, 12, 26))
    assert not is_working_day(date(2026, 7, 6)) and is_working_day(date(2026, 7, 7))
    assert add_working_days(date(2026, 12, 23), 1) == date(2026, 12, 28)


# -- turning 18 ----------------------------------------------------------------------------------
@pytest.mark.parametrize("child, planning, adult, note", [
    (ChildFacts(1, birth_date=date(2009, 8, 31)), date(2027, 2, 28), date(2027, 8, 31), None),
    (ChildFacts(1, birth_date=date(2008, 2, 29)), date(2025, 8, 29), date(2026, 2, 28), None),  # 29 Feb
    (ChildFacts(1, birth_date=date(2009, 5, 1), birth_assessed=True), date(2026, 11, 1), date(2027, 5, 1), "assessed"),
    (ChildFacts(1, birth_year=2009), date(2026, 7, 1), date(2027, 1, 1), "year of birth"),
])  # fmt: skip
def test_turning_18(child, planning, adult, note):
    facts = CaseFacts(child, (home(date(2025, 1, 1)),))
    day = date(2025, 6, 1)
    p, a = one("turns_18_planning", facts, day), one("turns_18", facts, day)
    assert (p.due, a.due) == (planning, adult)
    assert (p.basis_kind, a.basis, a.basis_kind) == ("practice", "Act 89/2012 s. 30", "law")
    i18n.set_language("en")
    try:
        assert (note in a.explanation and note in p.explanation) if note else "birth" not in a.explanation
    finally:
        i18n.set_language("cs")


def test_turning_18_only_in_care_and_planning_stops_at_18():
    child = ChildFacts(1, birth_date=date(2008, 3, 1))
    assert of("turns_18", CaseFacts(child), D0) == []
    facts = CaseFacts(child, (home(date(2025, 1, 1)),))
    assert of("turns_18_planning", facts, D0) == [] and one("turns_18", facts, D0).status == "due_soon"
    assert of("turns_18", CaseFacts(ChildFacts(1), (home(),)), D0) == []


# -- information requests, return interview, missing clocks --------------------------------------
def test_information_request_thirty_days_until_answered():
    facts = CaseFacts(CHILD, information_requests=(InformationRequest(D0, None, "ZŠ Radlická", 3),
                                                   InformationRequest(D0, D0 + timedelta(days=5), "GP", 4)))
    item = one("information_request", facts, D0)
    assert (item.due, item.source, item.basis) == (date(2026, 3, 31), ("information_request", 3), "office practice")


SEEN = datetime(2026, 3, 1, 20, 0, tzinfo=UTC)


def test_missing_clocks_and_the_return_interview_join_the_list():
    open_ = MissingEpisode(SEEN, {"police": SEEN + timedelta(hours=1)}, id=9)
    items = due_items(CaseFacts(CHILD, missing=(open_,)), D0, now=SEEN + timedelta(hours=2))
    clocks = {i.kind: i for i in items if i.kind.startswith("missing_")}
    assert set(clocks) == {"missing_officer", "missing_guardian"}
    assert clocks["missing_officer"].due_at == SEEN + timedelta(hours=24) and clocks["missing_officer"].status == "due_soon"
    assert clocks["missing_officer"].source == ("missing", 9) and clocks["missing_officer"].basis_kind == "practice"
    by_end_of_day = {i.kind: i.status for i in due_items(CaseFacts(CHILD, missing=(replace(open_, informed={}),)), D0)}
    assert by_end_of_day["missing_police"] == "overdue"
    back = replace(open_, returned_at=SEEN + timedelta(days=1))
    items = due_items(CaseFacts(CHILD, missing=(back,)), date(2026, 3, 2))
    assert [i.kind for i in items if "missing" in i.kind or "return" in i.kind] == ["return_interview"]
    assert one("return_interview", CaseFacts(CHILD, missing=(back,)), D0).due == date(2026, 3, 5)
    assert of("return_interview", CaseFacts(CHILD, missing=(replace(back, interview_on=date(2026, 3, 3)),)), D0) == []


# -- the whole list ------------------------------------------------------------------------------
def test_a_closed_case_has_nothing_due_and_items_are_sorted():
    facts = CaseFacts(CHILD, (pm(setting="foreign_children_facility"),))
    items = due_items(facts, D0)
    assert [i.due for i in items] == sorted(i.due for i in items)
    assert due_items(replace(facts, child=replace(CHILD, case_open=False)), D0) == []
    assert most_urgent(due_items(facts, date(2026, 4, 2))).kind == "guardian"


def test_every_kind_has_a_label_and_explanations_translate():
    facts = CaseFacts(CHILD, (pm(setting="foreign_children_facility"),), ipods=(),
                      information_requests=(InformationRequest(D0),), missing=(MissingEpisode(SEEN),))
    items = due_items(facts, D0)
    assert all(i.kind in KINDS for i in items)
    for lang in ("en", "cs"):
        i18n.set_language(lang)
        for i in items:
            assert i.explanation and "{" not in i.explanation and i.label and i.basis_label
    i18n.set_language("en")
    v = one("visit", facts, D0)
    assert "3 months" in v.message(str) and "2026-06-01" in v.message(str)
    assert one("preliminary_measure", facts, D0).basis_label == "Act 292/2013 s. 459"
    i18n.set_language("cs")


def test_a_new_kind_plugs_in():
    @rule("test_plugged", {"test_plugged_kind": "Plugged in"})
    def plugged(ctx: Context):
        yield ctx.item("test_plugged_kind", ctx.day + timedelta(days=30), ("child", 1), "Until {due}.", "office practice")

    try:
        assert one("test_plugged_kind", CaseFacts(CHILD), D0).due == date(2026, 3, 31)
        assert KINDS["test_plugged_kind"] == "Plugged in"
    finally:
        del RULES["test_plugged"]
        del KINDS["test_plugged_kind"]


# -- properties ----------------------------------------------------------------------------------
SETTINGS = ["childrens_home", "foster_family", "relatives", "zdvop", "foreign_children_facility", "hospital"]
BASES = ["preliminary_measure", "institutional_care", "zdvop_contract", "urgent_care", "agreement"]
days = st.dates(date(2024, 1, 1), date(2028, 12, 31))


@st.composite
def case_facts(draw):
    start = draw(days)
    placements, pid = [], 1
    for _ in range(draw(st.integers(0, 3))):
        length = draw(st.one_of(st.none(), st.integers(1, 400)))
        end = start + timedelta(days=length) if length else None
        decision = draw(st.one_of(st.none(), st.just(start)))
        exts = tuple(Extension(start + timedelta(days=d), start + timedelta(days=d + 31), draw(st.one_of(st.none(), days)))
                     for d in sorted(draw(st.lists(st.integers(0, 200), max_size=3))))
        placements.append(PlacementFacts(
            draw(st.sampled_from(SETTINGS)), draw(st.sampled_from(BASES)), start, end, None, decision, exts, pid,
            exception_reason=draw(st.sampled_from(["", "merits"])), section_461=draw(st.booleans()),
            diagnostic_stay=draw(st.one_of(st.none(), st.booleans()))))
        pid += 1
        if end is None:
            break
        start = end + timedelta(days=draw(st.integers(0, 30)))
    child = ChildFacts(1, draw(st.one_of(st.none(), st.dates(date(2005, 1, 1), date(2026, 1, 1)))),
                       draw(st.one_of(st.none(), st.integers(2005, 2025))), draw(st.booleans()),
                       draw(st.one_of(st.none(), days)), draw(st.one_of(st.none(), days)), draw(st.booleans()),
                       draw(st.sampled_from(["", "unaccompanied", "separated"])))
    visits = tuple(Visit(v, draw(st.booleans())) for v in draw(st.lists(days, max_size=4)))
    seen = datetime.combine(draw(days), datetime.min.time(), tzinfo=UTC)
    missing = tuple(draw(st.lists(st.builds(MissingEpisode, st.just(seen), st.just({}),
                                            st.one_of(st.none(), st.just(seen + timedelta(days=1)))), max_size=2)))
    return CaseFacts(child, tuple(placements), visits, tuple(draw(st.lists(days, max_size=2))),
                     GuardianFacts(draw(st.one_of(st.none(), days)), draw(st.one_of(st.none(), days))),
                     tuple(AsylumApplication(a) for a in draw(st.lists(days, max_size=2))),
                     tuple(InformationRequest(a) for a in draw(st.lists(days, max_size=2))), missing)


@settings(max_examples=scaled(150))
@given(case_facts(), days)
def test_due_items_never_raises_on_valid_facts(facts, day):
    items = due_items(facts, day)
    assert all(i.status in ("ok", "due_soon", "overdue") and i.kind in KINDS for i in items)
    assert all(i.policy_version == default_policy().revision for i in items)


@settings(max_examples=scaled(100))
@given(case_facts(), days, days)
def test_recording_a_visit_never_moves_the_next_visit_earlier(facts, day, visit_day):
    before = of("visit", facts, day)
    after = of("visit", replace(facts, visits=(*facts.visits, Visit(visit_day))), day)
    assert len(before) == len(after)
    for b, a in zip(before, after, strict=True):
        assert a.due >= b.due


@settings(max_examples=scaled(100))
@given(case_facts(), days)
def test_a_resolved_item_disappears(facts, day):
    resolved = replace(
        facts, ipods=(*facts.ipods, day - timedelta(days=1000)) if not facts.ipods else facts.ipods,
        guardian=replace(facts.guardian, appointed_on=day),
        asylum=tuple(replace(a, representative_on=day) for a in facts.asylum),
        information_requests=tuple(replace(r, answered_on=day) for r in facts.information_requests),
        missing=tuple(replace(m, returned_at=m.returned_at or m.last_seen_at, interview_on=day) for m in facts.missing),
        placements=tuple(replace(p, diagnostics_completed_on=day) for p in facts.placements))
    kinds = {i.kind for i in due_items(resolved, day)}
    assert not kinds & {"guardian", "information_request", "return_interview", "diagnostic_stay",
                        "missing_police", "missing_officer", "missing_guardian"}
    assert not [i for i in due_items(resolved, day) if i.kind == "ipod" and i.source[0] == "child"]


PLACEMENT_KINDS = {"visit", "preliminary_measure", "preliminary_measure_total", "zdvop_contract", "zdvop_total",
                   "diagnostic_stay", "planned_end", "turns_18", "turns_18_planning"}


@settings(max_examples=scaled(100))
@given(case_facts(), st.integers(0, 400))
def test_an_ended_placement_has_no_placement_clocks(facts, after):
    ended = [p for p in facts.placements if p.end is not None]
    if not ended:
        return
    last_end = max(p.end for p in ended)
    closed = replace(facts, placements=tuple(ended))  # every placement ended
    items = due_items(closed, last_end + timedelta(days=after))
    assert not [i for i in items if i.kind in PLACEMENT_KINDS or i.source[0] == "placement"]


def test_the_shipped_policy_parses_and_a_copy_with_a_bad_basis_does_not():
    doc = copy.deepcopy(_doc())
    doc["return_interview"]["days"]["basis"] = "  "
    with pytest.raises(Exception) as err:
        parse_policy(doc)
    assert getattr(err.value, "key", "") == "return_interview.days.basis"


def test_names_are_wrapped_only_by_the_display():
    facts = CaseFacts(CHILD, information_requests=(InformationRequest(D0, None, "مدرسة", 3),))
    item = one("information_request", facts, D0)
    assert ("addressee", "مدرسة") in item.params
    assert "[مدرسة]" in item.message(str, lambda s: f"[{s}]")
