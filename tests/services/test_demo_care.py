"""The demo's care records (issue 10): visits, information requests, IPODs, guardians, asylum applications and the
placement flags, on a real demo database (test_demo.py's module fixture; this file keeps that one under size)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta

from ospod_desktop.core import visit_rules as VR
from ospod_desktop.core.deadlines import add_months
from ospod_desktop.core.errors import ValidationError
from ospod_desktop.demo import builder as demo
from ospod_desktop.demo.data import HOME_COURT, PLACE_AUTHORITIES
from tests.services.test_demo import N, _placement_rows, _query, built  # noqa: F401  (built: the shared fixture)

TODAY = date.today()


def _d(value) -> date | None:
    return date.fromisoformat(str(value)[:10]) if value else None


def _rows(path, table: str) -> list[dict]:
    return _query(path, f"SELECT * FROM {table} ORDER BY id")


def _by_child(rows: list[dict]) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = {}
    for r in rows:
        out.setdefault(r["child_id"], []).append(r)
    return out


def test_every_kind_of_care_record_is_there(built):  # noqa: F811
    path = built[0]
    placements = _by_child(_placement_rows(path)[0])
    counts = {t: len(_rows(path, t)) for t in ("visit", "information_request", "ipod", "guardianship",
                                               "asylum_application")}
    assert counts["visit"] >= 2 * len(placements), counts  # years of care: several visits a child
    assert all(counts.values()), counts
    kept = {r["id"] for r in _query(path, "SELECT id FROM child WHERE case_status = 'open'")} - set(placements)
    for table in counts:  # only children in care have them; the guardian and IPOD also an open case never placed
        allowed = set(placements) | (kept if table in ("ipod", "guardianship") else set())
        assert {r["child_id"] for r in _rows(path, table)} <= allowed, table
    assert kept & {r["child_id"] for r in _rows(path, "ipod")}  # such a case is worked on: it has a plan
    assert len({r["child_id"] for r in _rows(path, "guardianship")}) >= 0.7 * len(placements)


def test_visits_look_like_visits(built):  # noqa: F811
    visits = _rows(built[0], "visit")
    assert {v["place"] for v in visits} == set(VR.VISIT_PLACES)
    assert {v["kind"] for v in visits} == set(VR.VISIT_KINDS)
    unseen = [v for v in visits if not v["child_seen"]]
    assert 0.05 <= len(unseen) / len(visits) <= 0.2
    assert all(v["not_seen_reason"] and v["spoken_alone"] is None and not v["views"] for v in unseen)
    seen = [v for v in visits if v["child_seen"]]
    assert all(v["not_seen_reason"] == "" and v["living_conditions"] and v["health"] and v["next_visit_on"] for v in seen)
    alone = Counter(v["spoken_alone"] for v in seen)
    assert alone[1] > 3 * alone[0] and alone[1] > 0.6 * len(seen)  # spoken with alone, mostly
    assert any("ř" in v["views"] or "ž" in v["health"] for v in seen)  # Czech observations
    assert len({v["health"] for v in seen}) >= 5 and len({v["living_conditions"] for v in seen}) >= 4
    times = {v["visited_time"] for v in visits}
    assert all(len(t) == 5 and "08:00" <= t <= "17:45" for t in times)


def test_visits_fall_in_care_and_follow_the_intervals(built):  # noqa: F811
    """Each visit passes the visit form's day check; the officer came back within the interval mostly; some of the
    children in care now are overdue and many were seen lately."""
    path = built[0]
    placements, episodes, _ = _placement_rows(path)
    stays = _by_child(placements)
    children = {c["id"]: c for c in built[1]}
    visits = _rows(path, "visit")
    for v in visits:
        chain = stays[v["child_id"]]
        VR.check_visit_day(_d(v["visited_on"]), today=TODAY, found_on=children[v["child_id"]]["found_on"],
                           stays=[(_d(p["start_date"]), _d(p["end_date"])) for p in chain])
        placement = next(p for p in chain if p["id"] == v["placement_id"])
        assert _d(placement["start_date"]) <= _d(v["visited_on"]) <= (_d(placement["end_date"]) or TODAY), v["id"]
        created = datetime.fromisoformat(str(v["created_at"])).replace(tzinfo=UTC)
        assert _d(v["visited_on"]) <= created.date() and created >= children[v["child_id"]]["created_at"].replace(tzinfo=UTC)
    for e in episodes:  # not seen while missing
        gone = _d(e["last_seen_at"]), _d(e["returned_at"] or e["closed_at"]) or TODAY
        inside = [v for v in visits if v["placement_id"] == e["placement_id"] and gone[0] < _d(v["visited_on"]) < gone[1]]
        assert not any(v["child_seen"] for v in inside), e["id"]
    seen = _by_child([v for v in visits if v["child_seen"]])
    overdue = recent = 0
    current = [p for p in placements if p["end_date"] is None and (TODAY - _d(p["start_date"])).days > 120]
    for p in current:
        days = [_d(v["visited_on"]) for v in seen.get(p["child_id"], []) if v["placement_id"] == p["id"]]
        overdue += not days or add_months(max(days), 3) < TODAY
        recent += bool(days) and (TODAY - max(days)).days <= 45
    assert current and 0 < overdue < 0.5 * len(current) and recent > 0, (len(current), overdue, recent)
    gaps = [(_d(b["visited_on"]) - _d(a["visited_on"])).days for chain in seen.values()
            for a, b in zip(chain, chain[1:], strict=False) if a["placement_id"] == b["placement_id"]]
    assert sum(g <= 190 for g in gaps) > 0.9 * len(gaps)  # 3 months (6 in a family after half a year), some late


def test_a_visit_day_outside_care_is_refused_by_the_same_check():
    """The check the test above relies on can fail."""
    try:
        VR.check_visit_day(date(2025, 1, 10), today=TODAY, found_on=date(2025, 1, 1), stays=[(date(2025, 2, 1), None)])
    except ValidationError as e:
        assert e.field == "visited_on"
    else:
        raise AssertionError("a day outside every stay passed")


def test_information_requests_some_answered_some_awaited(built):  # noqa: F811
    path = built[0]
    visits = {v["id"]: v for v in _rows(path, "visit")}
    requests = _rows(path, "information_request")
    assert all(r["visit_id"] in visits and visits[r["visit_id"]]["child_seen"] for r in requests)
    assert all(_d(r["asked_on"]) == _d(visits[r["visit_id"]]["visited_on"]) and r["addressee"] for r in requests)
    answered = [r for r in requests if r["answered_on"]]
    assert all(_d(r["asked_on"]) <= _d(r["answered_on"]) <= TODAY for r in answered)
    assert answered and len(answered) < len(requests)
    assert any(not r["answered_on"] and (TODAY - _d(r["asked_on"])).days > 30 for r in requests)  # overdue


def test_ipods_mostly_within_a_month_of_intake(built):  # noqa: F811
    path = built[0]
    placed = set(_by_child(_placement_rows(path)[0]))
    found = {c["id"]: c["found_on"] for c in built[1]}
    first = {}
    for r in _rows(path, "ipod"):
        first.setdefault(r["child_id"], _d(r["drawn_up_on"]))
        assert found[r["child_id"]] <= _d(r["drawn_up_on"]) <= TODAY
    due = [c for c in placed if (TODAY - found[c]).days > 40]
    on_time = [c for c in due if c in first and (first[c] - found[c]).days <= 31]
    assert 0.7 * len(due) <= len(on_time) < len(due)  # most on time; some late or missing
    assert any(c not in first for c in due) and any(c in first and c not in on_time for c in due)
    assert len(_rows(path, "ipod")) > len(first)  # updates after a transfer


def test_guardians_are_petitioned_then_appointed_by_the_local_court(built):  # noqa: F811
    path = built[0]
    children = {c["id"]: c for c in built[1]}
    rows = _rows(path, "guardianship")
    courts = {a[0] for a in PLACE_AUTHORITIES.values()} | {HOME_COURT}
    for r in rows:
        c = children[r["child_id"]]
        assert c["found_on"] <= _d(r["petition_on"]) <= TODAY and r["petition_court"] in courts
        assert r["petition_court"] == PLACE_AUTHORITIES.get(c["found_place"], (HOME_COURT,))[0]
        if r["appointed_on"]:
            assert _d(r["petition_on"]) <= _d(r["appointed_on"]) <= TODAY
            assert r["court"] == r["petition_court"] and " P " in r["court_file_number"] and r["guardian_name"]
        else:
            assert not (r["court"] or r["guardian_name"] or r["ended_on"])
        assert not r["ended_on"] or _d(r["appointed_on"]) <= _d(r["ended_on"])
    assert any(r["appointed_on"] for r in rows) and any(not r["appointed_on"] for r in rows)
    assert len({r["child_id"] for r in rows}) == len(rows)  # one each


def test_asylum_applicants_get_a_representative(built):  # noqa: F811
    path = built[0]
    children = {c["id"]: c for c in built[1]}
    rows = _rows(path, "asylum_application")
    assert all(children[r["child_id"]]["asylum_reference"] for r in rows)
    for r in rows:
        assert children[r["child_id"]]["found_on"] <= _d(r["applied_on"]) <= TODAY
        assert (r["representative_on"] is None) == (r["representative_name"] == "")
        assert r["representative_on"] is None or _d(r["applied_on"]) <= _d(r["representative_on"]) <= TODAY
    assert any(r["representative_on"] for r in rows)


def test_placement_flags_fit_the_placements(built):  # noqa: F811
    placements, _, extensions = _placement_rows(built[0])
    by_id = {p["id"]: p for p in placements}
    for p in placements:
        assert p["enforceable_on"] is None or (p["legal_basis"] == "preliminary_measure"
                                               and p["enforceable_on"] == p["decision_date"])
        assert not (p["exception_reason"] or p["section_461"]) or p["legal_basis"] == "preliminary_measure"
        if p["diagnostic_stay"]:
            assert p["facility_code"] == demo.RADLICKA_CODE or p["setting"] == "diagnostic_institute"
        if p["diagnostics_completed_on"]:
            assert p["diagnostic_stay"] and _d(p["start_date"]) <= _d(p["diagnostics_completed_on"]) <= TODAY
            assert not p["end_date"] or _d(p["diagnostics_completed_on"]) <= _d(p["end_date"])
    diagnostic = [p for p in placements if p["diagnostic_stay"]]
    assert diagnostic and any(p["diagnostics_completed_on"] for p in diagnostic)
    assert any(p["enforceable_on"] for p in placements)
    assert any(p["section_461"] for p in placements) and any(p["exception_reason"] for p in placements)
    for e in extensions:
        p = by_id[e["placement_id"]]
        assert e["consent_on"] is None or (p["legal_basis"] == "zdvop_contract"
                                           and _d(p["start_date"]) <= _d(e["consent_on"]) <= _d(e["decided_on"]))


def test_foreign_keys_hold_and_each_child_cared_for_has_an_audit_row(built):  # noqa: F811
    path = built[0]
    assert _query(path, "PRAGMA foreign_key_check") == []
    audited = [r["entity_id"] for r in _query(path, "SELECT entity_id FROM audit_log WHERE detail = 'care_records:demo'")]
    cared = set().union(*({r["child_id"] for r in _rows(path, t)} for t in ("visit", "ipod", "guardianship", "asylum_application")))
    assert sorted(audited) == sorted(cared)  # one row per child with care records


def test_care_plan_is_deterministic_and_follows_the_seed():
    from ospod_desktop.demo.care import flag_placements, plan_care
    from ospod_desktop.demo.placements import ChildFacts, plan_placements

    today, now = date(2026, 9, 1), datetime(2026, 9, 1, 12, tzinfo=UTC)
    facts = [ChildFacts(i, date(2025, 1, 1) + timedelta(days=2 * i), None, 2010, None, None, "unaccompanied", "", "",
                        "X", "AF", None, "M") for i in range(1, 300)]
    facilities = {t: [i] for i, t in enumerate(("zdvop", "childrens_home", "childrens_home_school", "diagnostic_institute",
                                                "educational_institute", "asylum_facility", "hospital"), start=2)}
    refs = {i: "OAM" for i in range(1, 300, 3)}

    def plan(seed: int):
        placed = plan_placements(facts, seed, today, now, facilities, 1)
        flag_placements(placed, seed, today, 1)
        return placed, plan_care(facts, placed, seed, today, now, asylum_refs=refs)

    (p1, one), (p2, two) = plan(7), plan(7)
    assert p1.placements == p2.placements and p1.extensions == p2.extensions
    assert (one.visits, one.requests, one.ipods, one.guardianships, one.asylum, one.audit) == (
        two.visits, two.requests, two.ipods, two.guardianships, two.asylum, two.audit)
    assert one.visits and one.asylum and [v["id"] for v in one.visits] == list(range(1, len(one.visits) + 1))
    assert plan(8)[1].visits != one.visits
    assert all(a["applied_on"] >= date(2026, 6, 12) or a["representative_on"] for a in one.asylum)


def test_the_first_children_shown_have_a_complete_file(built):  # noqa: F811
    """The children the demo's screenshots and the child-page tests open first (the first placed ones with family,
    documents and assessments) were visited and seen, have an IPOD within a month and an appointed guardian."""
    from ospod_desktop.demo.care import SHOWCASE

    path = built[0]
    placed = set(_by_child(_placement_rows(path)[0]))
    first = [c for c in built[1] if c["id"] <= SHOWCASE and c["id"] in placed]
    assert first
    seen = {v["child_id"] for v in _rows(path, "visit") if v["child_seen"]}
    ipods = _by_child(_rows(path, "ipod"))
    guardians = {g["child_id"]: g for g in _rows(path, "guardianship")}
    for c in first:
        assert c["id"] in seen, c["id"]
        if (TODAY - c["found_on"]).days > 35:
            assert (_d(ipods[c["id"]][0]["drawn_up_on"]) - c["found_on"]).days <= 31, c["id"]
        if (TODAY - c["found_on"]).days > 45:
            assert guardians[c["id"]]["appointed_on"], c["id"]
