"""Age groups counted by key: `storage.stat_keys.age_key_sql` reduces a child's age evidence on a day to a
short key (described there) that decides its age group (`core.stats.groups.age_group`); `group_of_key` maps a
key to the group by calling `age_group` itself with evidence that gives the same ages — the rules stay in one
place.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from ospod_desktop.core.ages import add_years
from ospod_desktop.core.stats.groups import age_group

_REF = date(2000, 6, 15)  # any day that is not 29 February


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
