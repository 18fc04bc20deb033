"""Placements, disappearances and supervision visits (merged-away children never count).

- `placements_by_facility_type`: placements that began (`start_date`) in the period, by `placement.setting`;
  a child counts once per type (twice when placed in two types), once in the total.
- `disappearances`: episodes whose `last_seen_at` falls on a day of the period (the day in the computer's
  local time zone, as the missing pages show it). By the return: within 24 hours of last seen, within 7 days
  (more than 24 hours), later, or not returned (no return recorded: still missing, or closed without a
  return). `episodes` adds them up; `total` counts the children.
- `visits_timeliness`: visits at which the child was seen, on a day of the period, measured by
  `core.stats.visits` against the visit clock of the deadline policy in use; `visits` adds them up; `total`
  counts the children. The clock runs for the placement as the due list sees it (its facility's type when
  placed in a facility, else its setting).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta

from sqlalchemy import text

from ospod_desktop.core.deadlines import PlacementFacts
from ospod_desktop.core.missing_form import local_day
from ospod_desktop.core.policy import Policy
from ospod_desktop.core.stats import visits as V
from ospod_desktop.services.statistics._cells import Tally
from ospod_desktop.services.statistics._period import Period

_PLACED = """
SELECT p.setting, count(DISTINCT p.child_id) FROM placement p JOIN child c ON c.id = p.child_id
WHERE c.merged_into_id IS NULL AND p.start_date >= :s AND p.start_date <= :e GROUP BY p.setting
"""
_PLACED_CHILDREN = """
SELECT count(DISTINCT p.child_id) FROM placement p JOIN child c ON c.id = p.child_id
WHERE c.merged_into_id IS NULL AND p.start_date >= :s AND p.start_date <= :e
"""


def count_placements(conn, period: Period, tally: Tally) -> None:
    params = period.params()
    for setting, n in conn.execute(text(_PLACED), params):
        tally.put("placements_by_facility_type", setting, n)
    tally.put("placements_by_facility_type", "total", conn.execute(text(_PLACED_CHILDREN), params).scalar_one())


# Stored times are UTC; a local day can start up to 14 hours before or after the UTC one: read a margin.
_EPISODES = """
SELECT e.child_id, e.last_seen_at, e.returned_at FROM missing_episode e JOIN child c ON c.id = e.child_id
WHERE c.merged_into_id IS NULL AND e.last_seen_at >= :lo AND e.last_seen_at < :hi
"""
DAY = timedelta(hours=24)
WEEK = timedelta(days=7)


def _time(value: str | datetime | None) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)


def return_bucket(last_seen: datetime, returned: datetime | None) -> str:
    """`returned_24h`, `returned_7d`, `returned_later` or `not_returned` (both times in the same zone)."""
    if returned is None:
        return "not_returned"
    gone = returned - last_seen
    return "returned_24h" if gone <= DAY else "returned_7d" if gone <= WEEK else "returned_later"


def count_disappearances(conn, period: Period, tally: Tally) -> None:
    from datetime import UTC

    lo = (period.start - timedelta(days=1)).isoformat()
    hi = (period.end + timedelta(days=2)).isoformat()
    buckets: dict[str, int] = defaultdict(int)
    children: set[int] = set()
    for child_id, seen_at, returned_at in conn.execute(text(_EPISODES), {"lo": lo, "hi": hi}):
        seen = _time(seen_at)
        assert seen is not None
        seen = seen.replace(tzinfo=UTC)
        if not period.start <= local_day(seen) <= period.end:
            continue
        back = _time(returned_at)
        buckets[return_bucket(seen, back.replace(tzinfo=UTC) if back else None)] += 1
        children.add(child_id)
    for key, n in buckets.items():
        tally.put("disappearances", key, n)
    tally.put("disappearances", "episodes", sum(buckets.values()))
    tally.put("disappearances", "total", len(children))


_VISITED = """
WITH seen AS (
  SELECT DISTINCT v.child_id FROM visit v JOIN child c ON c.id = v.child_id
  WHERE c.merged_into_id IS NULL AND v.child_seen AND v.visited_on >= :s AND v.visited_on <= :e
)
"""
_VISIT_DAYS = _VISITED + """
SELECT v.child_id, v.visited_on FROM visit v JOIN seen ON seen.child_id = v.child_id
WHERE v.child_seen AND v.visited_on <= :e
"""
_VISIT_PLACEMENTS = _VISITED + """
SELECT p.child_id, CASE WHEN p.facility_id IS NOT NULL AND f.type IS NOT NULL AND f.type <> '' THEN f.type
                   ELSE p.setting END, p.legal_basis, p.start_date, p.end_date, p.id
FROM placement p JOIN seen ON seen.child_id = p.child_id LEFT JOIN facility f ON f.id = p.facility_id
WHERE p.start_date <= :e
"""


def _day(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def count_visits(conn, period: Period, policy: Policy, tally: Tally) -> None:
    params = period.params()
    days: dict[int, list[date]] = defaultdict(list)
    for child_id, on in conn.execute(text(_VISIT_DAYS), params):
        days[child_id].append(_day(on))
    placements: dict[int, list[PlacementFacts]] = defaultdict(list)
    for child_id, setting, basis, start, end, pid in conn.execute(text(_VISIT_PLACEMENTS), params):
        placements[child_id].append(PlacementFacts(setting, basis, _day(start), _day(end), id=pid))  # type: ignore[arg-type]
    counts: dict[str, int] = defaultdict(int)
    for child_id, seen in days.items():
        for outcome in V.timeliness_of_child(placements.get(child_id, []), seen, period.start, period.end, policy):
            counts[outcome] += 1
    for key in V.OUTCOMES:
        tally.put("visits_timeliness", key, counts[key])
    tally.put("visits_timeliness", "visits", sum(counts.values()))
    tally.put("visits_timeliness", "total", len(days))
