"""Working days in the Czech Republic: weekdays that are not public holidays.

The holidays come from the maintained `holidays` library (its Czech calendar: Easter, 28 September, 24–26
December…), not from a list kept here, so a new or moved holiday arrives with an ordinary dependency update.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays

COUNTRY = "CZ"


@lru_cache(maxsize=64)
def public_holidays(year: int) -> frozenset[date]:
    """The Czech public holidays of `year`."""
    return frozenset(holidays.country_holidays(COUNTRY, years=year).keys())


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def add_working_days(start: date, n: int) -> date:
    """The `n`-th working day after `start` (the day of the event itself does not count)."""
    day, left = start, n
    while left > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day
