"""Placements, disappearances and supervision visits (merged-away children never count).

- `placements_by_facility_type`: placements that began (`start_date`) in the period, by `placement.setting`;
  a child counts once per type (twice when placed in two types), once in the total.
- `disappearances`: episodes whose `last_seen_at` falls on a day of the period (the day in the computer's
  local time zone, as the missing pages show it). By the return: within 24 hours of last seen, within 7 days
  (more than 24 hours), later, or not returned (no return recorded: still missing, or closed without a
  return). `episodes` adds them up; `total` counts the children.
- `visits_timeliness` (`_visits`): visits at which the child was seen, on a day of the period, measured by
  `core.stats.visits` against the visit clock of the deadline policy in use; `visits` adds them up; `total`
  counts the children. The clock runs for the placement as the due list sees it (its facility's type when
  placed in a facility, else its setting).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from sqlalchemy import text

from ospod_desktop.core.missing_form import local_day
from ospod_desktop.services.statistics._cells import Tally
from ospod_desktop.services.statistics._period import Period
from ospod_desktop.services.statistics._registered import MERGED

_PLACED = f"""
SELECT p.setting, count(DISTINCT p.child_id) FROM placement p INDEXED BY ix_placement_stats
WHERE p.child_id NOT IN {MERGED} AND p.start_date >= :s AND p.start_date <= :e GROUP BY p.setting
"""
_PLACED_CHILDREN = f"""
SELECT count(DISTINCT p.child_id) FROM placement p INDEXED BY ix_placement_stats
WHERE p.child_id NOT IN {MERGED} AND p.start_date >= :s AND p.start_date <= :e
"""


def count_placements(conn, period: Period, tally: Tally) -> None:
    params = period.params()
    for setting, n in conn.execute(text(_PLACED), params):
        tally.put("placements_by_facility_type", setting, n)
    tally.put("placements_by_facility_type", "total", conn.execute(text(_PLACED_CHILDREN), params).scalar_one())


# Stored times are UTC; a local day can start up to 14 hours before or after the UTC one: read a margin.
_EPISODES = f"""
SELECT e.child_id, e.last_seen_at, e.returned_at FROM missing_episode e INDEXED BY ix_missing_stats
WHERE e.child_id NOT IN {MERGED} AND e.last_seen_at >= :lo AND e.last_seen_at < :hi
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
