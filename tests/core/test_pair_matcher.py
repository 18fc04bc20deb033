"""`PairMatcher` scores many pairs with each pair of distinct names compared once: its results are `match`'s."""

from __future__ import annotations

import itertools
from datetime import date

from ospod_desktop.core.match_batch import PairMatcher
from ospod_desktop.core.matching import match
from ospod_desktop.core.names import NameRecord, prepare

NAMES = [("Mohammad", "Ahmadi", ""), ("Mohamad", "Ahmadi", ""), ("Muhammad", "Ahmady", "محمد احمدی"),
         ("Olena", "Kovalenko", "Олена Коваленко"), ("Olena", "Kovalenková", ""), ("Oleksandr", "Shevchenko", ""),
         ("Ahmadi", "Mohammad", ""), ("Amina", "", "")]
BIRTHS = [dict(birth_date=date(2010, 5, 1)), dict(birth_year=2010), dict(birth_year=2004),
          dict(age_min=14, age_max=16, reference_date=date(2026, 1, 5)), {}]


def test_the_same_results_as_match_for_every_pair():
    records = [prepare(NameRecord(given_names=g, family_names=f, original_script_name=o, sex=sex, nationalities=nat,
                                  **birth))
               for (g, f, o), birth, sex, nat in itertools.product(NAMES, BIRTHS, ("M", "U"), (("AF",), ("UA",)))]
    matcher = PairMatcher()
    for a, b in itertools.product(records[::3], records[::2]):
        assert matcher(a, b) == match(a, b)
    assert len(matcher._names) < len(records[::3]) * len(records[::2])  # names compared once per pair of names
