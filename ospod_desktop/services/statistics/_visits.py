"""`visits_timeliness`: the visits at which the child was seen on a day of the period, on time or late against
the visit clock, read from `visit_timeliness` (revision 0011) — every day a child was seen, measured by
`core.stats.visits.visit_days` when the child's facts last changed, written with the due items by
`services.due` (one writer of derived data; `statistics()` brings stale children up to date first).

One pass over the covering index per outcome (outcome, day, visits, prev_day): the visits are the sum of the
rows' visits; the children are the rows whose previous day seen is before the period — each child's first day
in it — so no count of distinct children (a sort of every visit) is needed. Merged-away children have no rows.
"""

from __future__ import annotations

from sqlalchemy import text

from ospod_desktop.core.stats import visits as V
from ospod_desktop.services.statistics._cells import Tally
from ospod_desktop.services.statistics._period import Period

_SQL = f"""
SELECT outcome, sum(visits), sum(prev_day IS NULL OR prev_day < :s)
FROM visit_timeliness INDEXED BY ix_visit_timeliness_period
WHERE outcome IN ({', '.join(repr(o) for o in V.OUTCOMES)}) AND day >= :s AND day <= :e
GROUP BY outcome
"""


def count_visits(conn, period: Period, tally: Tally) -> None:
    counts = dict.fromkeys(V.OUTCOMES, 0)
    children = 0
    for outcome, n, first in conn.execute(text(_SQL), period.params()):
        counts[outcome] = int(n or 0)
        children += int(first or 0)
    for key in V.OUTCOMES:
        tally.put("visits_timeliness", key, counts[key])
    tally.put("visits_timeliness", "visits", sum(counts.values()))
    tally.put("visits_timeliness", "total", children)
