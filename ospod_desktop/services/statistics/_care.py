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

from sqlalchemy import text

from ospod_desktop.core import placement_rules as PR
from ospod_desktop.services.statistics._cells import Tally
from ospod_desktop.services.statistics._period import Period
from ospod_desktop.services.statistics._registered import MERGED

# Each type read from ix_placement_setting (setting, child_id, start_date): its range, its children in index
# order (a GROUP BY without a sort); the children of any type likewise from ix_placement_stats (child first).
_MERGED_OUT = f"p.child_id NOT IN {MERGED}"
_PLACED_OF_TYPE = f"""
SELECT count(*) FROM (SELECT p.child_id FROM placement p INDEXED BY ix_placement_setting
                      WHERE p.setting = :setting AND p.start_date >= :s AND p.start_date <= :e AND {_MERGED_OUT}
                      GROUP BY p.child_id)
"""
_PLACED_CHILDREN = f"""
SELECT count(*) FROM (SELECT p.child_id FROM placement p INDEXED BY ix_placement_stats
                      WHERE p.start_date >= :s AND p.start_date <= :e AND {_MERGED_OUT} GROUP BY p.child_id)
"""


def count_placements(conn, period: Period, tally: Tally) -> None:
    params = period.params()
    of_type = text(_PLACED_OF_TYPE)
    for setting in PR.FACILITY_TYPES:
        tally.put("placements_by_facility_type", setting,
                  conn.execute(of_type, {**params, "setting": setting}).scalar_one())
    tally.put("placements_by_facility_type", "total", conn.execute(text(_PLACED_CHILDREN), params).scalar_one())


def _seconds(later: str, earlier: str) -> str:
    return f"(CAST(strftime('%s', {later}) AS INTEGER) - CAST(strftime('%s', {earlier}) AS INTEGER))"


def _within(seconds: int) -> str:
    """SQL: the episode's return came at most `seconds` after last seen (whole seconds, then the microseconds:
    stored times are "YYYY-MM-DD HH:MM:SS.ffffff")."""
    gone = _seconds("e.returned_at", "e.last_seen_at")
    return (f"({gone} < {seconds} OR ({gone} = {seconds} AND substr(e.returned_at, 21) <= "
            f"substr(e.last_seen_at, 21)))")


# A stored time (UTC) lies on a day of the period in local time exactly when it is between t0 and t1.
_EPISODES = f"""
WITH gone AS MATERIALIZED (
  SELECT e.child_id,
         CASE WHEN e.returned_at IS NULL THEN 'not_returned' WHEN {_within(24 * 3600)} THEN 'returned_24h'
              WHEN {_within(7 * 24 * 3600)} THEN 'returned_7d' ELSE 'returned_later' END AS bucket
  FROM missing_episode e INDEXED BY ix_missing_stats
  WHERE e.last_seen_at >= :t0 AND e.last_seen_at < :t1 AND e.child_id NOT IN {MERGED}
)
SELECT bucket, count(*) FROM gone GROUP BY bucket
UNION ALL SELECT 'episodes', count(*) FROM gone
UNION ALL SELECT 'total', count(DISTINCT child_id) FROM gone
"""


def count_disappearances(conn, period: Period, tally: Tally) -> None:
    for key, n in conn.execute(text(_EPISODES), period.params()):
        tally.put("disappearances", key, n)
