"""The SQL of the statistics against the pure definitions, on random children in the real database:
visits on time (`_visits` vs `core.stats.visits.timeliness_of_child`, the due list's visit clock) and age
groups (`_ages` vs `core.stats.groups.age_group`) on the day found and on an event's day."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta

import pytest
from sqlmodel import select

from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core.deadlines import PlacementFacts
from ospod_desktop.core.policy import default_policy
from ospod_desktop.core.stats import visits as V
from ospod_desktop.core.stats.groups import age_group
from ospod_desktop.core.stats.tables import AGE_GROUPS, TOTAL
from ospod_desktop.services import statistics
from ospod_desktop.storage.child_tables import AgeAssessment
from ospod_desktop.storage.models import Child, Facility
from tests.stats import engine_helpers as h

SETTINGS = tuple(PR.FACILITY_TYPES)


def _day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def _children(us, n: int) -> list[int]:
    with us.db.write() as s:
        rows = [Child(created_at=h.NOW, found_on=date(2024, 1, 1)) for _ in range(n)]
        s.add_all(rows)
        s.flush()
        return [r.id for r in rows]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_visits_on_time_in_sql_match_the_visit_clock(officer_session, seed):
    us, rng = officer_session, random.Random(seed)
    with us.read() as s:
        facilities = [(f.id, f.type) for f in s.exec(select(Facility)).all()][:5]
    start = _day(rng, date(2023, 6, 1), date(2024, 6, 1))
    end = start + timedelta(days=rng.randrange(180, 700))
    expected: Counter[str] = Counter()
    children_seen = 0
    for child_id in _children(us, 40):
        facts: list[PlacementFacts] = []
        day = _day(rng, date(2022, 1, 1), date(2024, 1, 1))
        for i in range(rng.randrange(0, 4)):
            setting = rng.choice(("foster_family", "relatives", *SETTINGS))
            fid, ftype = rng.choice(facilities) if rng.random() < 0.3 else (None, None)
            last = i == 2 or rng.random() < 0.3
            stop = None if last and rng.random() < 0.5 else day + timedelta(days=rng.randrange(1, 400))
            pid = h.placement(us, child_id, setting, day, stop)
            if fid is not None:
                with us.db.write() as s:
                    row = s.get(h.Placement, pid)
                    row.facility_id = fid
            facts.append(PlacementFacts(ftype or setting if fid else setting, "preliminary_measure", day, stop, id=pid))
            if stop is None:
                break
            day = stop + timedelta(days=rng.choice((0, 0, 0, 1, 30, -20)))  # a transfer that day, a gap, an overlap
        seen: list[date] = []
        for _ in range(rng.randrange(0, 12)):
            on, was_seen = _day(rng, date(2022, 1, 1), date(2025, 12, 31)), rng.random() < 0.85
            h.visit(us, child_id, on, was_seen)
            if was_seen:
                seen.append(on)
                if rng.random() < 0.1:
                    h.visit(us, child_id, on)  # two visits that day
                    seen.append(on)
        outcomes = V.timeliness_of_child(facts, seen, start, end, default_policy())
        expected.update(outcomes)
        children_seen += bool(outcomes)
    got = statistics.statistics(us, start, end).tables["visits_timeliness"]
    assert got == {"visits": sum(expected.values()), **{k: expected[k] for k in V.OUTCOMES}, TOTAL: children_seen}
    assert sum(expected.values()) > 20 and all(expected[k] for k in V.OUTCOMES)  # every outcome occurs


@pytest.mark.parametrize("seed", [1, 2])
def test_age_groups_in_sql_match_age_group(officer_session, seed):
    us, rng = officer_session, random.Random(seed)
    expected_found: Counter[str] = Counter()
    expected_event: Counter[str] = Counter()
    with us.db.write() as s:
        rows = []
        for _ in range(120):
            found = _day(rng, date(2025, 1, 1), date(2025, 12, 31))
            kind = rng.choice(("date", "date", "year", "range", "low", "high", "none", "claims"))
            born = _day(rng, date(2003, 1, 1), date(2025, 1, 1)) if kind in ("date", "claims") else None
            if rng.random() < 0.1 and born:
                born = date(rng.choice((2008, 2012)), 2, 29)
            year = rng.randrange(2003, 2025) if kind == "year" else None
            low = rng.randrange(0, 20) if kind in ("range", "low") else None
            high = (low or 0) + rng.randrange(0, 4) if kind in ("range", "high") else None
            claimed = rng.randrange(10, 18) if kind == "claims" else None
            document = rng.choice((claimed, rng.randrange(10, 18))) if kind == "claims" else None
            rows.append(Child(created_at=h.NOW, found_on=found, birth_date=born, birth_year=year, age_min=low,
                              age_max=high, age_claimed=claimed, age_document=document))
        s.add_all(rows)
        s.flush()
        assessed = {r.id for r in rows if rng.random() < 0.15}
        for cid in assessed:
            s.add(AgeAssessment(child_id=cid, method="interview", assessed_on=date(2025, 6, 1), age_min=14, age_max=16,
                                created_at=h.NOW))
        facts = [(r.id, r.found_on, r.birth_date, r.birth_year, r.age_min, r.age_max, r.age_claimed, r.age_document)
                 for r in rows]
    for cid, found, born, year, low, high, claimed, document in facts:
        args = dict(birth_date=born, birth_year=year, age_min=low, age_max=high, found_on=found, age_claimed=claimed,
                    age_document=document, assessed=cid in assessed)
        expected_found[age_group(found, **args)] += 1
        on = found + timedelta(days=rng.randrange(0, 500))
        h.event(us, cid, "identified", on)
        expected_event[age_group(on, **args)] += 1
    got = statistics.statistics(us, date(2025, 1, 1), date(2025, 12, 31)).tables["registered_by_age_group"]
    assert got == {**{k: expected_found[k] for k in AGE_GROUPS}, TOTAL: 120}
    got = statistics.statistics(us, date(2025, 1, 1), date(2027, 6, 30)).tables["identified_by_age_group"]
    assert got == {**{k: expected_event[k] for k in AGE_GROUPS}, TOTAL: 120}
    assert len([k for k in AGE_GROUPS if expected_event[k]]) >= 4  # the random children fall into most groups


def test_two_current_placements_the_clock_runs_for_the_latest_begun(officer_session):
    us = officer_session
    (child_id,) = _children(us, 1)
    h.placement(us, child_id, "foster_family", date(2024, 1, 1), date(2026, 1, 1))  # 15 months in: every 6
    h.placement(us, child_id, "zdvop", date(2025, 3, 1))  # begun later, overlapping: every 3 months
    h.visit(us, child_id, date(2025, 4, 1))
    h.visit(us, child_id, date(2025, 8, 1))  # due 1 July by the ZDVOP's clock (1 October by the foster family's)
    facts = [PlacementFacts("foster_family", "preliminary_measure", date(2024, 1, 1), date(2026, 1, 1)),
             PlacementFacts("zdvop", "preliminary_measure", date(2025, 3, 1))]
    pure = V.timeliness_of_child(facts, [date(2025, 4, 1), date(2025, 8, 1)], date(2025, 8, 1), date(2025, 8, 1),
                                 default_policy())
    assert pure == ["late"]
    got = statistics.statistics(us, date(2025, 8, 1), date(2025, 8, 1)).tables["visits_timeliness"]
    assert got == {"visits": 1, "on_time": 0, "late": 1, "without_clock": 0, TOTAL: 1}
