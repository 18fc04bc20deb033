"""How a child falls into a statistics key: age group, citizenship and citizenship group (pure functions).

Age group on a day (the day found for the registered, the day of the event for the trafficking stages):
- `disputed` when the age is assessed or disputed: a formal age assessment is on record, the age the child
  claims and the age in a document differ, or the age is known only as an estimated range that spans more
  than one group;
- otherwise the group of the youngest age the child can be on that day (the benefit of the doubt: an exact
  date of birth, a birth year, or an estimate within one group);
- `unknown` when nothing is known of the age.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ospod_desktop.core.ages import age_info
from ospod_desktop.core.countries import STATELESS as STATELESS_CODE
from ospod_desktop.core.stats.tables import STATELESS, UNKNOWN

# The member states of the European Union (ISO 3166 alpha-2). Basis: Treaty on European Union, Art. 49 and 52;
# 27 states since the United Kingdom left on 31 January 2020. Greece is "GR" in ISO 3166 (the EU writes "EL").
EU_MEMBERS = frozenset({
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU",
    "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
})
EU_BASIS = "Treaty on European Union, Art. 49 and 52 (27 member states since 1 February 2020)"
HOME = "CZ"

_AGE_BOUNDS = ((0, 11, "0-11"), (12, 14, "12-14"), (15, 17, "15-17"))


def _group_of(age: int) -> str:
    for low, high, key in _AGE_BOUNDS:
        if low <= age <= high:
            return key
    return "18+" if age >= 18 else "0-11"


def age_group(on: date, birth_date: date | None = None, birth_year: int | None = None,
              age_min: int | None = None, age_max: int | None = None, found_on: date | None = None,
              age_claimed: int | None = None, age_document: int | None = None, assessed: bool = False) -> str:
    """The child's age group on `on` (see the module's rules). `found_on`: the day an estimated range was given
    (the range ages with time); `assessed`: a formal age assessment is on record."""
    if assessed or (age_claimed is not None and age_document is not None and age_claimed != age_document):
        return "disputed"
    info = age_info(on, birth_date, birth_year, age_min, age_max, range_as_of=found_on)
    if info.low is None and info.high is None:
        return UNKNOWN
    low = info.low if info.low is not None else info.high
    high = info.high if info.high is not None else info.low
    assert low is not None and high is not None
    estimated = birth_date is None and birth_year is None
    if estimated and _group_of(low) != _group_of(high):
        return "disputed"
    return _group_of(low)


def citizenship_keys(codes: Iterable[str]) -> set[str]:
    """The keys of `registered_by_citizenship` for a child's nationalities: ISO codes, `stateless`, or
    `unknown` when none is recorded."""
    keys = {STATELESS if code == STATELESS_CODE else code for code in codes}
    return keys or {UNKNOWN}


def citizenship_groups(codes: Iterable[str]) -> set[str]:
    """The keys of `registered_by_citizenship_group`: `CZ`, `EU` (another member state), `non-EU`, `stateless`,
    `unknown` (none recorded). A child with two nationalities may fall into two groups."""
    groups = set()
    for code in codes:
        if code == STATELESS_CODE:
            groups.add(STATELESS)
        elif code == HOME:
            groups.add("CZ")
        elif code in EU_MEMBERS:
            groups.add("EU")
        else:
            groups.add("non-EU")
    return groups or {UNKNOWN}
