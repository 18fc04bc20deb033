"""`statistics(us, start, end)`: every table of `core.stats.tables.TABLES` for a period, exact counts.

Officers and supervisors only (`STATISTICS_ROLES`: facility staff and administrators are refused, the break
glass included). The request is audited first (`READ STATISTICS`, detail "from:YYYY-MM-DD;to:YYYY-MM-DD":
the period, never a count), then every table is counted in one read transaction, mostly by GROUP BY in SQL.
What each table counts: `_registered`, `_trafficking`, `_care`, `_visits` (which reads the visits' timeliness
derived with the due items: children whose due items are stale are computed again first).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from ospod_desktop.core.roles import STATISTICS_ROLES, Action, Entity
from ospod_desktop.core.stats.model import Statistics
from ospod_desktop.services import due, scope
from ospod_desktop.services.context import UserSession, requires
from ospod_desktop.services.statistics._care import count_disappearances, count_placements
from ospod_desktop.services.statistics._cells import Tally, multiple
from ospod_desktop.services.statistics._period import check_period
from ospod_desktop.services.statistics._registered import count_registered
from ospod_desktop.services.statistics._trafficking import count_trafficking
from ospod_desktop.services.statistics._visits import count_visits


@requires(*STATISTICS_ROLES)
def statistics(us: UserSession, start: date, end: date) -> Statistics:
    """Every statistics table for `start`..`end` (both days included); ValidationError on field "from" when
    the period is not two dates, starts after it ends, or leaves 2000-01-01 .. a year from today."""
    period = check_period(start, end, scope.today())
    with us.tx() as tx:
        tx.audit(Action.READ, Entity.STATISTICS, None,
                 detail=f"from:{period.start.isoformat()};to:{period.end.isoformat()}")
    due.refresh_stale(us)  # the visits' timeliness is derived with the due items: bring stale children up to date
    tally = Tally()
    with us.read() as session:
        conn = session.connection()
        count_registered(conn, period, tally)
        count_trafficking(conn, period, tally)
        count_placements(conn, period, tally)
        count_disappearances(conn, period, tally)
        count_visits(conn, period, tally)
    tables = tally.tables()
    return Statistics(period.start, period.end, tables, multiple(tables), datetime.now(UTC))
