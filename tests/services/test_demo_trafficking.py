"""The demo's trafficking assessments (issue 11): every stage an office sees, answers the engine agrees with, flags
that follow the assessments and events, the police-report clock of a presumed victim not yet reported, on a real
demo database (test_demo.py's module fixture)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time

from ospod_desktop.core import history_trafficking as HT
from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.indicators import check_finish, codes, default_catalogue, evaluate, parse_catalogue
from ospod_desktop.demo import builder as demo
from ospod_desktop.demo.builder import generate_children
from ospod_desktop.demo.placements import ChildFacts
from ospod_desktop.demo.trafficking import gendered, plan_trafficking
from ospod_desktop.demo.trafficking_write import DETAIL
from ospod_desktop.services import identity
from ospod_desktop.storage import audit
from tests.services.test_demo import N, _query, built  # noqa: F401  (built: the shared fixture)

TODAY = date.today()


def _d(value) -> date | None:
    return date.fromisoformat(str(value)[:10]) if value else None


def _t(value) -> datetime | None:
    return datetime.fromisoformat(str(value)).replace(tzinfo=UTC) if value else None


def _rows(path, table: str) -> list[dict]:
    return _query(path, f"SELECT * FROM {table} ORDER BY id")


def _answers(path) -> dict[int, dict[str, str]]:
    out: dict[int, dict[str, str]] = {}
    for r in _query(path, "SELECT assessment_id, indicator_id, answer FROM assessment_answer"):
        out.setdefault(r["assessment_id"], {})[r["indicator_id"]] = r["answer"]
    return out


def test_assessments_at_every_stage(built):  # noqa: F811
    path = built[0]
    rows = _rows(path, "trafficking_assessment")
    assert {r["status"] for r in rows} == set(codes.STATUSES)
    assert {r["engine_outcome"] for r in rows} == set(codes.OUTCOMES)
    assert {r["conclusion"] for r in rows if r["status"] != "draft"} == set(codes.CONCLUSIONS)
    assert {r["kind"] for r in _rows(path, "victim_event")} == set(codes.EVENT_KINDS)
    returned = [r for r in rows if r["status"] == "returned"]
    assert all(r["review_comment"] and r["reviewed_by"] for r in returned)
    concluded = Counter(r["conclusion"] for r in rows if r["status"] != "draft")
    assert concluded["no_indication"] > concluded["concern"] > 0 and concluded["presumed_victim"] > 0, concluded
    assert len({r["child_id"] for r in rows}) < N  # not every child was assessed
    assert any(r["reasoning"] for r in rows if r["conclusion"] != r["engine_outcome"] and r["conclusion"])


def test_the_stored_outcome_is_the_engines_and_every_finished_one_passes_the_finishing_rules(built):  # noqa: F811
    path = built[0]
    (version,) = _rows(path, "indicator_catalogue")  # seeded by the service, as on any first use
    assert version["reason"] == "shipped default"
    shipped = default_catalogue()
    assert (version["catalogue_id"], version["version"], version["digest"]) == (shipped.id, shipped.version,
                                                                                 shipped.digest)
    assert version["in_use"] and version["imported_by"] is None
    catalogue = parse_catalogue(version["content"])
    answers = _answers(path)
    forms: dict[int, list[str]] = {}
    for r in _query(path, "SELECT assessment_id, form FROM assessment_form"):
        forms.setdefault(r["assessment_id"], []).append(r["form"])
    rows = _rows(path, "trafficking_assessment")
    for r in rows:
        assert r["catalogue_pk"] == version["id"]
        assert evaluate(catalogue, answers.get(r["id"], {})).outcome == r["engine_outcome"], r["id"]
        if r["status"] != "draft":
            countries = [c for c in r["exploitation_countries"].split(",") if c]
            check_finish(r["engine_outcome"], r["conclusion"], forms.get(r["id"], []), r["reasoning"])
            assert all(len(c) == 2 and c.isupper() for c in countries), r["id"]
            assert bool(countries) == (r["conclusion"] != "no_indication"), r["id"]
        else:
            assert r["conclusion"] is None and r["id"] not in forms
    assert any(r["engine_outcome"] != r["conclusion"] for r in rows if r["status"] != "draft") or N < 300
    notes = [r["note"] for r in _query(path, "SELECT note, uuid FROM assessment_answer WHERE answer = 'present'")]
    assert notes and all(notes) and any(any(ch in "ěščřžýáíéůú" for ch in n) for n in notes)


def test_nothing_is_recorded_before_the_child_after_today_or_after_the_case(built):  # noqa: F811
    path = built[0]
    kids = {k["id"]: k for k in _query(path, "SELECT id, created_at, closed_on FROM child")}
    for r in _rows(path, "trafficking_assessment"):
        k = kids[r["child_id"]]
        times = [_t(r[c]) for c in ("created_at", "finished_at", "reviewed_at") if r[c]]
        assert times == sorted(times) and times[0] >= _t(k["created_at"]), r["id"]
        assert times[-1].date() <= TODAY and (not k["closed_on"] or times[-1].date() < _d(k["closed_on"])), r["id"]
    for e in _rows(path, "victim_event"):
        k = kids[e["child_id"]]
        assert _d(e["occurred_on"]) <= TODAY and (not k["closed_on"] or _d(e["occurred_on"]) < _d(k["closed_on"])), e["id"]
        assert _t(e["recorded_at"]) >= _t(k["created_at"])


def test_flags_follow_the_latest_assessment_and_the_events(built):  # noqa: F811
    path = built[0]
    events = _rows(path, "victim_event")
    kinds: dict[int, list[str]] = {}
    for e in events:
        kinds.setdefault(e["child_id"], []).append(e["kind"])
    latest: dict[int, str] = {}  # the latest finished or approved assessment's conclusion
    for r in sorted(_rows(path, "trafficking_assessment"), key=lambda r: (str(r["finished_at"]), r["id"])):
        if r["status"] in ("finished", "approved"):
            latest[r["child_id"]] = r["conclusion"]
    expected = {}
    for cid in latest.keys() | kinds.keys():
        flag = "identified" if "identified" in kinds.get(cid, ()) else latest.get(cid, "")
        if flag in ("concern", "presumed_victim", "identified"):
            expected[cid] = flag
    stored = {k["id"]: k["trafficking_flag"] for k in _query(path, "SELECT id, trafficking_flag FROM child")}
    assert {cid: f for cid, f in stored.items() if f} == expected
    assert set(expected.values()) == {"concern", "presumed_victim", "identified"}


def test_a_presumed_victim_without_a_police_report_is_due(built):  # noqa: F811
    path = built[0]
    rows = _rows(path, "trafficking_assessment")
    reported = {e["child_id"] for e in _rows(path, "victim_event") if e["kind"] == "police_report"}
    open_cases = {k["id"] for k in _query(path, "SELECT id FROM child WHERE case_status = 'open'")}
    latest: dict[int, dict] = {}
    for r in sorted((r for r in rows if r["status"] in ("finished", "approved")), key=lambda r: str(r["finished_at"])):
        latest[r["child_id"]] = r
    unreported = {cid for cid, r in latest.items() if r["conclusion"] == "presumed_victim" and cid not in reported
                  and cid in open_cases}
    assert unreported
    due = {(d["child_id"], d["kind"]): d for d in _query(path, "SELECT child_id, kind, due FROM due_item")}
    for cid in unreported:
        assert (cid, "police_report") in due, cid
        assert _d(due[cid, "police_report"]["due"]) <= TODAY
    assert not {cid for cid, kind in due if kind == "police_report"} & reported
    concerns = {cid for cid, r in latest.items() if r["conclusion"] == "concern" and cid in open_cases}
    items = [_d(due[cid, "reassessment"]["due"]) for cid in concerns if (cid, "reassessment") in due]
    assert any(d < TODAY for d in items) and any(d >= TODAY for d in items), items  # overdue, and due soon
    assert any(kind == "reflection_period" for _cid, kind in due)  # a reflection period running now


def test_history_and_audit_for_every_step_and_the_chain_verifies(built):  # noqa: F811
    path = built[0]
    rows = _rows(path, "trafficking_assessment")
    events = _rows(path, "victim_event")
    audited = Counter((r["entity"], r["entity_id"]) for r in _query(path, "SELECT entity, entity_id FROM audit_log "
                                                                         f"WHERE detail = '{DETAIL}'"))
    assert all(audited["assessment", r["id"]] == 1 for r in rows)  # one row each (ids only), as demo.care
    assert all(audited["victim_event", e["id"]] == 1 for e in events)
    codes_in = ", ".join(f"'{c}'" for c in sorted(HT.CODES))
    lines = Counter(h["child_id"] for h in _query(path, f"SELECT child_id FROM child_history WHERE field IN ({codes_in})"))
    per_child: Counter[int] = Counter()  # a line when finished, approved or returned, and for each event (not started)
    for r in rows:
        per_child[r["child_id"]] += (r["finished_at"] is not None) + (r["reviewed_at"] is not None)
    for e in events:
        per_child[e["child_id"]] += 1
    assert lines == per_child
    us = identity.login(path, "admin", demo.DEMO_PASSWORD)
    try:
        with us.read() as session:
            assert audit.verify(session).ok
    finally:
        us.close()


def _facts(children: int, seed: int) -> list[ChildFacts]:
    out = []
    for i, r in enumerate(generate_children(children, seed, creators=(2, 3)), start=1):
        nats = r["nationalities"]
        out.append(ChildFacts(i, r["found_on"], r["birth_date"], r["birth_year"], r["age_min"], r["age_max"],
                              r["status"], "", "", r["family_names"], nats if isinstance(nats, str) else ";".join(nats),
                              2, r["sex"], r["created_at"]))
    return out


def test_proportions_fit_a_population_and_the_plan_follows_the_seed():
    kids, now = _facts(6000, 7), datetime.combine(TODAY, time(23, 30), UTC)  # late: reviews still wait
    users = {"officer": 2, "supervisor": 3}
    plan = plan_trafficking(kids, default_catalogue(), 7, TODAY, now, users)
    again = plan_trafficking(kids, default_catalogue(), 7, TODAY, now, users)
    other = plan_trafficking(kids, default_catalogue(), 8, TODAY, now, users)
    assert plan.assessments == again.assessments and plan.answers == again.answers and plan.events == again.events
    assert plan.assessments != other.assessments
    statuses = Counter(r["status"] for r in plan.assessments)
    assert statuses["finished"] >= 5 and statuses["draft"] >= 5, statuses  # awaiting the supervisor; being written
    ever = {c: {r["conclusion"] for r in plan.assessments if r["child_id"] == c} for c in {r["child_id"] for r in
                                                                                          plan.assessments}}
    presumed = sum("presumed_victim" in v for v in ever.values()) / len(kids)
    concern = sum("concern" in v for v in ever.values()) / len(kids)
    cleared = sum(v == {"no_indication"} for v in ever.values()) / len(kids)
    assert 0.005 <= presumed <= 0.02 and 0.02 <= concern <= 0.07 and 0.25 <= cleared <= 0.7, (presumed, concern,
                                                                                             cleared)
    assert {f["form"] for f in plan.forms} >= {"labour", "sexual", "criminal", "begging", "forced_marriage"}
    assert len({r["exploitation_countries"] for r in plan.assessments}) > 5


def test_czech_notes_follow_the_childs_sex():
    assert gendered("pracoval/a, doklady mu/jí vzali", "F") == "pracovala, doklady jí vzali"
    assert gendered("pracoval/a, doklady mu/jí vzali", "M") == "pracoval, doklady mu vzali"
    assert gendered("pracoval/a", "U") == "pracoval/a"


def test_a_departing_conclusion_without_reasoning_is_refused_by_the_same_check():
    try:
        check_finish("concern", "presumed_victim", ["labour"], "")
    except ValidationError as e:
        assert e.field == "reasoning"
    else:  # pragma: no cover - the check must refuse it
        raise AssertionError("a departing conclusion needs reasoning")
