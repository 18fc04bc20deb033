"""Was a supervision visit on time? (pure; the `visits_timeliness` table of `services.statistics`).

A visit at which the child was seen, on day D, is measured against the visit clock as it stood on D before
the visit: the clock of the due list (`core.due_rules.visit_clock`, the one rule both use) computed on D from
the child's placements and the days it was seen at earlier visits (before D; visits of the same day do not
move each other's clock). Against that clock the visit is:

- `on_time`: on or before the day the clock fell due (the deadline policy's interval for the placement's
  setting, counted from the previous seen visit of the same uninterrupted stay, or from the stay's start);
- `late`: after it;
- `without_clock`: no placement was current on D (a visit before the child was placed, or after care ended),
  so no clock ran.

A visit at which the child was not seen is no visit for the clock (it is not counted at all).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from ospod_desktop.core.deadlines import PlacementFacts
from ospod_desktop.core.due_rules import visit_clock
from ospod_desktop.core.policy import Policy

ON_TIME = "on_time"
LATE = "late"
WITHOUT_CLOCK = "without_clock"
OUTCOMES = (ON_TIME, LATE, WITHOUT_CLOCK)


def timeliness(placements: Sequence[PlacementFacts], seen: Iterable[date], day: date, policy: Policy) -> str:
    """`on_time`, `late` or `without_clock` for a visit on `day` at which the child was seen; `seen`: the days
    of the child's seen visits (any; only those before `day` count), `placements`: all the child's placements
    (their `setting` is the facility's type when placed in a facility, as for the due list)."""
    clock = visit_clock(placements, [d for d in seen if d < day], day, policy)
    if clock is None:
        return WITHOUT_CLOCK
    return ON_TIME if day <= clock.due else LATE


def timeliness_of_child(placements: Sequence[PlacementFacts], seen: Iterable[date], start: date, end: date,
                        policy: Policy) -> list[str]:
    """The timeliness of each of a child's seen visits with a day in `start`..`end` (one entry per visit, in
    day order); `seen`: the days of all the child's seen visits (a day twice for two visits that day)."""
    return [outcome for day, n, outcome, _prev in visit_days(placements, seen, policy) if start <= day <= end
            for _ in range(n)]


def visit_days(placements: Sequence[PlacementFacts], seen: Iterable[date], policy: Policy,
               ) -> list[tuple[date, int, str, date | None]]:
    """Every day a child was seen at a visit, in order: (day, how many seen visits that day, its timeliness,
    the previous day the child was seen or None). What `services.due` stores in `visit_timeliness` for the
    statistics: a period's visits are those rows' days; its children, the rows whose previous day is before
    the period (each child's first day in the period), so no count of distinct children is needed."""
    out: list[tuple[date, int, str, date | None]] = []
    ordered = sorted(seen)
    last: date | None = None
    for n, day in enumerate(ordered):
        if day == last:
            continue
        count = 1
        while n + count < len(ordered) and ordered[n + count] == day:
            count += 1
        out.append((day, count, timeliness(placements, [last] if last else [], day, policy), last))
        last = day
    return out
