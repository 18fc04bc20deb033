"""`visits_timeliness` counted in SQL: the same answer as `core.stats.visits.timeliness_of_child` (the
definition; a test compares the two on random children), without reading every visit into Python.

For each day a child was seen at a visit in the period (seen visits of one day share one clock):
- the placement current that day (started on or before it, not ended on or before it; the latest start, then
  the latest id — as `core.due_rules.visit_clock` takes the last of the current ones by start);
- the start of its uninterrupted stay (`core.due_rules.stay_start`: the least start reachable back through
  placements that end on or after the next one starts — a recursive query);
- the anchor: the previous day the child was seen, when on or after the stay began, else the stay's start;
- the interval: the policy's steps for the placement's setting (`Policy.visit_interval_months`: the first step
  whose `until_month` is beyond the whole months from the placement's start to the anchor), given to SQL as
  a small table made from the policy itself;
- on time when the day is on or before `add_months(anchor, months)`. Whole-month arithmetic on month numbers
  (year * 12 + month) decides it: `add_months` keeps the anchor's day of month or the month's last day, and a
  day of that month is on or before it exactly when its day of month is on or before the anchor's.

`months_between(start, anchor) < until` is `anchor < add_months(start, until)` (add_months grows with the
months), decided the same way, with the month's last day for an anchor on a shorter month's end.
"""

from __future__ import annotations

from sqlalchemy import text

from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core.policy import Policy
from ospod_desktop.core.stats import visits as V
from ospod_desktop.services.statistics._cells import Tally
from ospod_desktop.services.statistics._period import Period
from ospod_desktop.services.statistics._registered import MERGED

DEFAULT = "*"  # the policy's default steps, for a setting it does not name


def _steps(policy: Policy) -> list[tuple[str, int, int | None, int]]:
    """(setting, order, until_month or None, every_months): each setting's steps as `visit_interval_months`
    reads them, ending with one without a limit (the last step's interval applies beyond its limit)."""
    rows: list[tuple[str, int, int | None, int]] = []
    settings = {**{s: policy.visits_by_setting.get(s, policy.visits_default) for s in PR.FACILITY_TYPES},
                **policy.visits_by_setting, DEFAULT: policy.visits_default}
    for setting, steps in settings.items():
        for n, step in enumerate(steps):
            rows.append((setting, n, step.until_month, step.every_months))
        if steps and steps[-1].until_month is not None:
            rows.append((setting, len(steps), None, steps[-1].every_months))
    return rows


def _month(day: str) -> str:
    return f"(CAST(substr({day}, 1, 4) AS INTEGER) * 12 + CAST(substr({day}, 6, 2) AS INTEGER))"


def _dom(day: str) -> str:
    return f"CAST(substr({day}, 9, 2) AS INTEGER)"


def _before_add_months(day: str, start: str, months: str) -> str:
    """SQL: `day < add_months(start, months)` (ISO date texts, months >= 1)."""
    last = f"CAST(strftime('%d', date({day}, 'start of month', '+1 month', '-1 day')) AS INTEGER)"
    return (f"({_month(day)} < {_month(start)} + {months} OR ({_month(day)} = {_month(start)} + {months}"
            f" AND {_dom(day)} < {_dom(start)} AND {_dom(day)} < {last}))")


def _step_sql(setting: str) -> str:
    every = ("SELECT st.every FROM steps st WHERE st.setting = {s} AND (st.until IS NULL OR (st.until > 0 AND "
             + _before_add_months("x.anchor", "x.pstart", "st.until") + ")) ORDER BY st.n LIMIT 1")
    return f"coalesce(({every.format(s=setting)}), ({every.format(s=repr(DEFAULT))}))"


def _sql(steps: int) -> str:
    values = ", ".join(f"(:st{i}, :sn{i}, :su{i}, :se{i})" for i in range(steps))
    return f"""
WITH RECURSIVE steps(setting, n, until, every) AS (VALUES {values}),
merged AS {MERGED},
who AS (SELECT DISTINCT child_id FROM visit INDEXED BY ix_visit_stats
        WHERE child_seen AND visited_on >= :s AND visited_on <= :e AND child_id NOT IN merged),
days AS MATERIALIZED (
  SELECT v.child_id, v.visited_on AS d, count(*) AS n,
         lag(v.visited_on) OVER (PARTITION BY v.child_id ORDER BY v.child_seen, v.visited_on) AS prev
  FROM visit v INDEXED BY ix_visit_stats
  WHERE v.child_id IN who AND v.child_seen AND v.visited_on <= :e
  GROUP BY v.child_id, v.child_seen, v.visited_on
),
cur AS MATERIALIZED (
  SELECT days.child_id, days.d, days.n, days.prev,
         (SELECT p.id FROM placement p INDEXED BY ix_placement_stats
          WHERE p.child_id = days.child_id AND p.start_date <= days.d AND (p.end_date IS NULL OR p.end_date > days.d)
          ORDER BY p.start_date DESC, p.id DESC LIMIT 1) AS pid
  FROM days WHERE days.d >= :s
),
stay(pid, child_id, began) AS (
  SELECT p.id, p.child_id, p.start_date FROM placement p WHERE p.id IN (SELECT pid FROM cur)
  UNION
  SELECT stay.pid, stay.child_id, q.start_date FROM stay JOIN placement q INDEXED BY ix_placement_stats
    ON q.child_id = stay.child_id AND q.start_date < stay.began AND (q.end_date IS NULL OR q.end_date >= stay.began)
),
began AS (SELECT pid, min(began) AS began FROM stay GROUP BY pid),
x AS (
  SELECT cur.child_id, cur.d, cur.n, p.start_date AS pstart,
         CASE WHEN p.facility_id IS NOT NULL AND f.type IS NOT NULL AND f.type <> '' THEN f.type ELSE p.setting END
           AS setting,
         CASE WHEN cur.prev IS NOT NULL AND cur.prev >= b.began THEN cur.prev ELSE b.began END AS anchor
  FROM cur JOIN placement p ON p.id = cur.pid JOIN began b ON b.pid = cur.pid
  LEFT JOIN facility f ON f.id = p.facility_id
),
judged AS (
  SELECT m.child_id, m.n,
         CASE WHEN {_month("m.d")} < {_month("m.anchor")} + m.every
                OR ({_month("m.d")} = {_month("m.anchor")} + m.every AND {_dom("m.d")} <= {_dom("m.anchor")})
              THEN '{V.ON_TIME}' ELSE '{V.LATE}' END AS outcome
  FROM (SELECT x.*, {_step_sql("x.setting")} AS every FROM x) AS m
  UNION ALL
  SELECT child_id, n, '{V.WITHOUT_CLOCK}' FROM cur WHERE pid IS NULL
)
SELECT outcome, sum(n), count(DISTINCT child_id) FROM judged GROUP BY outcome
UNION ALL SELECT '', 0, count(*) FROM who
"""


def count_visits(conn, period: Period, policy: Policy, tally: Tally) -> None:
    steps = _steps(policy)
    params: dict[str, object] = dict(period.params())
    for i, (setting, n, until, every) in enumerate(steps):
        params.update({f"st{i}": setting, f"sn{i}": n, f"su{i}": until, f"se{i}": every})
    stmt = text(_sql(len(steps)))
    counts = {key: 0 for key in V.OUTCOMES}
    children = 0
    for outcome, n, distinct in conn.execute(stmt, params):
        if outcome:
            counts[outcome] = int(n)
        else:
            children = int(distinct)
    for key in V.OUTCOMES:
        tally.put("visits_timeliness", key, counts[key])
    tally.put("visits_timeliness", "visits", sum(counts.values()))
    tally.put("visits_timeliness", "total", children)
