"""`PairMatcher` scores many pairs with each pair of distinct names compared once: its results are `match`'s."""

from __future__ import annotations

import itertools
from datetime import date

from ospod_desktop.core.match_batch import _MAX_BONUS, PairMatcher
from ospod_desktop.core.matching import NAME_WEIGHT, match
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


def test_at_least_keeps_exactly_the_pairs_that_reach_the_threshold():
    """The shortcut skips only pairs whose names could not reach the threshold with every bonus: what it keeps is
    what `match` scores at or above it, for thresholds around the scores these pairs get."""
    records = [prepare(NameRecord(given_names=g, family_names=f, original_script_name=o, sex=sex, nationalities=nat,
                                  **birth))
               for (g, f, o), birth, sex, nat in itertools.product(NAMES, BIRTHS, ("M", "F", "U"), (("AF",), ("IR",), ()))]
    matcher = PairMatcher()
    skipped = 0
    for threshold in (0.5, 0.6, 0.75, 0.9):
        for a, b in itertools.product(records[::5], records[::4]):
            full = match(a, b)
            kept = matcher.at_least(a, b, threshold)
            assert kept == (full if full.score >= threshold else None), (threshold, a.record, b.record)
            skipped += NAME_WEIGHT * full.name_score + _MAX_BONUS < threshold
    assert skipped  # the shortcut is taken
