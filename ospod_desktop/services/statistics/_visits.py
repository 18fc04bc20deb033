"""`visits_timeliness` counted in SQL: the same answer as `core.stats.visits.timeliness_of_child` (the
definition; a test compares the two on random children), without reading every visit into Python.

For each day a child was seen at a visit in the period (seen visits of one day share one clock):
- the placement current that day (started on or before it, not ended on or before it; the latest start, then
  the latest id — as `core.due_rules.visit_clock` takes the last of the current ones by start);
- the start of its uninterrupted stay (`core.due_rules.stay_start`: the least start reachable back through
  placements that end on or after the next one starts — a recursive query);
- the anchor: the previous day the child was seen, when on or after the stay began, else the stay's start;
- the interval: the policy's steps for the placement's setting (`Policy.visit_interval_months`: the first step
  whose `until_month` is beyond the whole months from the placement's start to the anchor), written into the
  query as a CASE made from the policy itself;
- on time when the day is on or before `add_months(anchor, months)`. Whole-month arithmetic on month numbers
  (year * 12 + month) decides it: `add_months` keeps the anchor's day of month or the month's last day, and a
  day of that month is on or before it exactly when its day of month is on or before the anchor's.

`months_between(start, anchor) < until` is `anchor < add_months(start, until)` (add_months grows with the
months), decided the same way, with the month's last day for an anchor on a shorter month's end.
"""

from __future__ import annotations

from sqlalchemy import text

from ospod_desktop.core.policy import Policy
from ospod_desktop.core.stats import visits as V
from ospod_desktop.services.statistics._cells import Tally
from ospod_desktop.services.statistics._period import Period
from ospod_desktop.services.statistics._registered import MERGED


def _interval_sql(policy: Policy, params: dict[str, object]) -> str:
    """SQL for the interval of the visit clock of row `x` (`x.setting`, `x.pstart`, `x.anchor`): a CASE made
    from the policy's steps per setting as `Policy.visit_interval_months` reads them (the first step whose
    `until_month` is beyond the whole months from the placement's start to the anchor; past the last limit,
    the last step). Settings are bound as parameters `vs<n>`."""

    def steps_sql(steps) -> str:
        out = str(int(steps[-1].every_months))
        for step in reversed(steps):
            every = int(step.every_months)
            if step.until_month is None:
                out = str(every)
            elif int(step.until_month) > 0:
                out = (f"CASE WHEN {_before_add_months('x.anchor', 'x.pstart', str(int(step.until_month)))} "
                       f"THEN {every} ELSE {out} END")
        return out

    whens = []
    for n, (setting, steps) in enumerate(sorted(policy.visits_by_setting.items())):
        if steps:
            params[f"vs{n}"] = setting
            whens.append(f"WHEN :vs{n} THEN {steps_sql(steps)}")
    default = steps_sql(policy.visits_default)
    return f"(CASE x.setting {' '.join(whens)} ELSE {default} END)" if whens else default


def _month(day: str) -> str:
    return f"(CAST(substr({day}, 1, 4) AS INTEGER) * 12 + CAST(substr({day}, 6, 2) AS INTEGER))"


def _dom(day: str) -> str:
    return f"CAST(substr({day}, 9, 2) AS INTEGER)"


def _before_add_months(day: str, start: str, months: str) -> str:
    """SQL: `day < add_months(start, months)` (ISO date texts, months >= 1)."""
    last = f"CAST(strftime('%d', date({day}, 'start of month', '+1 month', '-1 day')) AS INTEGER)"
    return (f"({_month(day)} < {_month(start)} + {months} OR ({_month(day)} = {_month(start)} + {months}"
            f" AND {_dom(day)} < {_dom(start)} AND {_dom(day)} < {last}))")


def _sql(interval: str) -> str:
    return f"""
WITH RECURSIVE merged AS {MERGED},
days AS MATERIALIZED (
  SELECT v.child_id, v.visited_on AS d, count(*) AS n,
         lag(v.visited_on) OVER (PARTITION BY v.child_id ORDER BY v.visited_on) AS prev
  FROM visit v INDEXED BY ix_visit_period
  WHERE v.visited_on >= :s AND v.visited_on <= :e AND v.child_seen AND v.child_id NOT IN merged
  GROUP BY v.child_id, v.visited_on
),
cur AS MATERIALIZED (
  SELECT days.child_id, days.d, days.n,
         coalesce(days.prev, (SELECT max(w.visited_on) FROM visit w INDEXED BY ix_visit_stats
                              WHERE w.child_id = days.child_id AND w.child_seen AND w.visited_on < :s)) AS prev,
         (SELECT p.id FROM placement p INDEXED BY ix_placement_stats
          WHERE p.child_id = days.child_id AND p.start_date <= days.d AND (p.end_date IS NULL OR p.end_date > days.d)
          ORDER BY p.start_date DESC, p.id DESC LIMIT 1) AS pid
  FROM days
),
placed AS MATERIALIZED (  -- the current placement's columns, from the covering index (never the wide rows)
  SELECT cur.child_id, cur.d, cur.n, cur.prev, cur.pid, p.start_date AS pstart, p.setting, p.facility_id
  FROM cur JOIN placement p INDEXED BY ix_placement_stats ON p.child_id = cur.child_id AND p.id = cur.pid
),
stay(pid, child_id, began) AS (
  SELECT DISTINCT pid, child_id, pstart FROM placed
  UNION
  SELECT stay.pid, stay.child_id, q.start_date FROM stay JOIN placement q INDEXED BY ix_placement_stats
    ON q.child_id = stay.child_id AND q.start_date < stay.began AND (q.end_date IS NULL OR q.end_date >= stay.began)
),
began AS (SELECT pid, min(began) AS began FROM stay GROUP BY pid),
x AS (
  SELECT placed.child_id, placed.d, placed.n, placed.pstart,
         CASE WHEN placed.facility_id IS NOT NULL AND f.type IS NOT NULL AND f.type <> '' THEN f.type
              ELSE placed.setting END AS setting,
         CASE WHEN placed.prev IS NOT NULL AND placed.prev >= b.began THEN placed.prev ELSE b.began END AS anchor
  FROM placed JOIN began b ON b.pid = placed.pid LEFT JOIN facility f ON f.id = placed.facility_id
),
judged AS (
  SELECT m.child_id, m.n,
         CASE WHEN {_month("m.d")} < {_month("m.anchor")} + m.every
                OR ({_month("m.d")} = {_month("m.anchor")} + m.every AND {_dom("m.d")} <= {_dom("m.anchor")})
              THEN '{V.ON_TIME}' ELSE '{V.LATE}' END AS outcome
  FROM (SELECT x.*, {interval} AS every FROM x) AS m
  UNION ALL
  SELECT child_id, n, '{V.WITHOUT_CLOCK}' FROM cur WHERE pid IS NULL
)
SELECT outcome, sum(n), 0 FROM judged GROUP BY outcome
UNION ALL SELECT '', 0, count(DISTINCT child_id) FROM days
"""


def count_visits(conn, period: Period, policy: Policy, tally: Tally) -> None:
    params: dict[str, object] = dict(period.params())
    stmt = text(_sql(_interval_sql(policy, params)))
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
