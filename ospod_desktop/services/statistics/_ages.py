"""Age groups counted in SQL: `age_key_sql` reduces a child's age evidence on a day to a short key that
decides its age group (`core.stats.groups.age_group`), so SQL can GROUP BY it; `group_of_key` maps a key to
the group by calling `age_group` itself with evidence that gives the same ages — the rules stay in one place.

The key: `disputed` (an age assessment on record, or the claimed and the documented age differ); `d<age>` (a
date of birth: completed years on the day); `y<n>` (a birth year: the day's year minus it; `age_info` gives
n-1..n); `r<min>:<max>:<shift>` (an estimated range and the completed years since it was given, the day the
child was found); `n` (nothing known).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from ospod_desktop.core.ages import add_years
from ospod_desktop.core.stats.groups import age_group

_REF = date(2000, 6, 15)  # any day that is not 29 February


def _years(born: str, on: str) -> str:
    """Completed years from `born` to `on` (ISO dates as text): (YYYYMMDD - YYYYMMDD) / 10000, as
    `core.ages.years_between` for `on` >= `born` (0 instead of -1 for a day before `born`: the same group)."""
    return f"((CAST(replace({on}, '-', '') AS INTEGER) - CAST(replace({born}, '-', '') AS INTEGER)) / 10000)"


def age_key_sql(on: str, c: str = "c") -> str:
    """SQL for the age key of child row alias `c` on the day `on` (an SQL expression giving an ISO date)."""
    disputed = (f"(EXISTS (SELECT 1 FROM age_assessment aa WHERE aa.child_id = {c}.id) OR ({c}.age_claimed IS NOT "
                f"NULL AND {c}.age_document IS NOT NULL AND {c}.age_claimed <> {c}.age_document))")
    shift = f"(CASE WHEN {c}.found_on IS NOT NULL AND {c}.found_on <= {on} THEN {_years(f'{c}.found_on', on)} ELSE 0 END)"
    return (f"(CASE WHEN {disputed} THEN 'disputed'"
            f" WHEN {c}.birth_date IS NOT NULL THEN 'd' || {_years(f'{c}.birth_date', on)}"
            f" WHEN {c}.birth_year IS NOT NULL AND {c}.birth_year <> 0"
            f" THEN 'y' || (CAST(substr({on}, 1, 4) AS INTEGER) - {c}.birth_year)"
            f" WHEN {c}.age_min IS NOT NULL OR {c}.age_max IS NOT NULL"
            f" THEN 'r' || ifnull({c}.age_min, '') || ':' || ifnull({c}.age_max, '') || ':' || {shift}"
            f" ELSE 'n' END)")


def _int(text: str) -> int | None:
    return int(text) if text != "" else None


@lru_cache(maxsize=4096)
def group_of_key(key: str) -> str:
    """The age group of an age key (see the module docstring)."""
    if key == "disputed":
        return age_group(_REF, assessed=True)
    kind, rest = key[0], key[1:]
    if kind == "d":
        return age_group(_REF, birth_date=add_years(_REF, -int(rest)))
    if kind == "y":
        return age_group(_REF, birth_year=_REF.year - int(rest))
    if kind == "r":
        low, high, shift = rest.split(":")
        return age_group(_REF, age_min=_int(low), age_max=_int(high), found_on=add_years(_REF, -int(shift)))
    return age_group(_REF)
