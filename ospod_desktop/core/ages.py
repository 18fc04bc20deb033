"""Ages: from a date of birth, a birth year or an estimated range — and the benefit of the doubt."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

ADULT_AGE = 18
MAX_AGE = 25  # older than this is not a child's record: refuse as a typing error
SOON_ADULT_DAYS = 90


def years_between(born: date, on: date) -> int:
    """Completed years from `born` to `on`."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


@dataclass(frozen=True)
class AgeInfo:
    """What we know of a child's age on a given day."""

    low: int | None  # the youngest the child can be
    high: int | None  # the oldest the child can be
    exact: bool  # a full date of birth is known
    presumed_minor: bool  # in doubt, the child is treated as a minor (benefit of the doubt)
    adult_on: date | None  # the earliest day the child can turn 18 (None when unknown)

    @property
    def label(self) -> str:
        """Compact: "15", "15–16", "?"."""
        if self.low is None and self.high is None:
            return "?"
        if self.low == self.high:
            return str(self.low)
        return f"{self.low if self.low is not None else '?'}–{self.high if self.high is not None else '?'}"

    @property
    def sort_key(self) -> float:
        if self.low is None and self.high is None:
            return -1.0
        lo = self.low if self.low is not None else self.high
        hi = self.high if self.high is not None else self.low
        assert lo is not None and hi is not None  # one end is known (checked above)
        return (lo + hi) / 2


def add_years(d: date, years: int) -> date:
    """The same calendar day `years` later (negative: earlier); 29 February falls back to the 28th."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def age_info(
    on: date,
    birth_date: date | None = None,
    birth_year: int | None = None,
    age_min: int | None = None,
    age_max: int | None = None,
    range_as_of: date | None = None,
) -> AgeInfo:
    """The child's age on `on`, from the best evidence available (date > year > estimated range).

    An estimated range was given as of `range_as_of` (usually the day the child was found) and ages with time.
    """
    if birth_date:
        age = years_between(birth_date, on)
        return AgeInfo(age, age, True, age < ADULT_AGE, add_years(birth_date, ADULT_AGE))
    if birth_year:
        low = on.year - birth_year - 1
        high = on.year - birth_year
        low = max(low, 0)
        return AgeInfo(low, high, False, low < ADULT_AGE, date(birth_year + ADULT_AGE, 1, 1))
    if age_min is not None or age_max is not None:
        shift = years_between(range_as_of, on) if range_as_of and range_as_of <= on else 0
        lo = age_min + shift if age_min is not None else None
        hi = age_max + shift if age_max is not None else None
        youngest = lo if lo is not None else hi
        adult_on = None
        if range_as_of and hi is not None and age_max is not None:
            adult_on = add_years(range_as_of, max(ADULT_AGE - age_max - 1, 0)) if age_max < ADULT_AGE else range_as_of
        return AgeInfo(lo, hi, False, youngest is not None and youngest < ADULT_AGE, adult_on)
    return AgeInfo(None, None, False, True, None)


def turning_adult_soon(info: AgeInfo, on: date, days: int = SOON_ADULT_DAYS) -> bool:
    """True when the child may turn 18 within `days` (flagged in the case list)."""
    if info.adult_on is None:
        return False
    return on <= info.adult_on and (info.adult_on - on).days <= days
