"""Suppression of small counts on hand-made tables: the threshold's validation, primary "<N", secondary "x" in
single-valued, multi-valued, nested (disappearances, visits) and open (citizenship) tables, exact publishing."""

from __future__ import annotations

from datetime import date

import pytest

from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.i18n import language
from ospod_desktop.core.stats.model import HIDDEN, Statistics
from ospod_desktop.core.stats.suppress import check_suppress, publish, suppress_table
from ospod_desktop.core.stats.tables import TABLES


def _stats(**tables: dict[str, int]) -> Statistics:
    return Statistics(date(2026, 1, 1), date(2026, 12, 31), dict(tables), frozenset({"registered_by_citizenship"}))


def _one(tid: str, counts: dict[str, int], n: int = 5) -> dict:
    return suppress_table(TABLES[tid], counts, n)


@pytest.mark.parametrize("n", [0, 3, 4, 5, 10, 1000])
def test_check_suppress_accepts_zero_and_three_to_a_thousand(n):
    assert check_suppress(n) == n


@pytest.mark.parametrize("n", [1, 2, -1, -5, 1001, True, "5", 5.0, None])
def test_check_suppress_refuses_the_rest_naming_the_field(n):
    with pytest.raises(ValidationError) as err:
        check_suppress(n)
    assert err.value.field == "suppress"
    with pytest.raises(ValidationError) as err:
        check_suppress(n, field="--suppress")
    assert err.value.field == "--suppress"


def test_the_refusal_is_translated():
    with language("cs"), pytest.raises(ValidationError) as err:
        check_suppress(2)
    assert "Práh potlačení" in err.value.message and "1000" in err.value.message
    with language("en"), pytest.raises(ValidationError) as err:
        check_suppress(2)
    assert "suppression threshold" in err.value.message


def test_publish_checks_n():
    with pytest.raises(ValidationError):
        publish(_stats(registered_by_sex={"M": 1, "F": 0, "U": 0, "total": 1}), 2)


def test_exact_publishing_keeps_every_count_and_orders_open_tables_by_code():
    stats = _stats(registered_by_sex={"M": 1, "F": 2, "U": 0, "total": 3},
                   registered_by_citizenship={"UA": 9, "AF": 1, "SY": 1, "unknown": 2, "stateless": 1, "total": 13})
    p = publish(stats, 0)
    assert p.suppressed_below == 0 and p.start == stats.start and p.end == stats.end
    assert p.multiple == stats.multiple
    assert p.tables["registered_by_sex"] == {"M": 1, "F": 2, "U": 0, "total": 3}
    assert list(p.tables["registered_by_citizenship"].items()) == \
        [("AF", 1), ("SY", 1), ("UA", 9), ("stateless", 1), ("unknown", 2), ("total", 13)]
    assert list(p.tables) == list(stats.tables)


def test_primary_small_counts_become_less_than_n_and_zeros_stay():
    # two small cells adding up to 9 - 6 = 3: F may be 1 or 2, U 2 or 1 — nothing more is hidden
    assert _one("registered_by_sex", {"M": 6, "F": 2, "U": 1, "total": 9}) == \
        {"M": 6, "F": "<5", "U": "<5", "total": 9}
    assert _one("registered_by_sex", {"M": 0, "F": 0, "U": 0, "total": 0}) == {"M": 0, "F": 0, "U": 0, "total": 0}
    assert _one("registered_by_sex", {"M": 3, "F": 0, "U": 0, "total": 3}) == \
        {"M": "<5", "F": 0, "U": 0, "total": "<5"}


def test_a_single_small_cell_is_protected_by_hiding_the_smallest_visible_part():
    cells = _one("registered_by_age_group",
                 {"0-11": 9, "12-14": 6, "15-17": 20, "18+": 0, "disputed": 2, "unknown": 0, "total": 37})
    assert cells == {"0-11": 9, "12-14": HIDDEN, "15-17": 20, "18+": 0, "disputed": "<5", "unknown": 0,
                     "total": 37}


def test_two_small_cells_that_must_both_be_n_minus_one_are_protected():
    # 4 + 4 = 8 with N=5: each "<5" would have to be 4; the total stays, so one of them becomes "x"
    cells = _one("registered_by_status", {"unaccompanied": 4, "separated": 4, "total": 8})
    assert cells["total"] == 8 and sorted(map(str, cells.values())) == ["8", "<5", HIDDEN]
    # with a zero beside them, the zero is hidden instead
    cells = _one("registered_by_sex", {"M": 4, "F": 4, "U": 0, "total": 8})
    assert cells == {"M": "<5", "F": "<5", "U": HIDDEN, "total": 8}


def test_many_ones_under_a_small_total_are_protected():
    # N=4: M, F, U each "<4" and the total "<4" force all of them to 1 — one becomes "x" (it may be 0)
    cells = _one("registered_by_sex", {"M": 1, "F": 1, "U": 1, "total": 3}, 4)
    assert cells["total"] == "<4" and list(cells.values()).count(HIDDEN) == 1


def test_multi_valued_tables_use_bounds_not_sums():
    # a child with two forms: cells add up to more than the total; 9 + "<5" >= 10 leaves the small cell 1..4
    cells = _one("presumed_by_form", {"sexual": 9, "labour": 2, "begging": 0, "criminal": 0, "forced_marriage": 0,
                                      "organ_removal": 0, "other": 0, "unknown": 0, "total": 10})
    assert cells["labour"] == "<5" and cells["sexual"] == 9 and cells["total"] == 10
    # 10 children, 6 sexual, "<5" labour: labour >= 10 - 6 = 4 pins it to 4 — the next smallest part is hidden
    cells = _one("presumed_by_form", {"sexual": 6, "labour": 4, "begging": 5, "criminal": 0, "forced_marriage": 0,
                                      "organ_removal": 0, "other": 0, "unknown": 0, "total": 10})
    assert cells["labour"] == "<5" and cells["begging"] == 5 and cells["sexual"] == 6  # 6 + 5 already >= 10
    cells = _one("presumed_by_form", {"sexual": 6, "labour": 4, "begging": 0, "criminal": 0, "forced_marriage": 0,
                                      "organ_removal": 0, "other": 0, "unknown": 0, "total": 10})
    assert cells["labour"] == "<5" and cells["sexual"] == HIDDEN and cells["total"] == 10  # non-zero first
    assert list(cells.values()).count(HIDDEN) == 1


def test_disappearances_nested_relation():
    # 3 children, 9 episodes: 2 returned within a day, 7 within a week. "<5" 2 = 9 - 7: hide 7 (not the total)
    cells = _one("disappearances", {"episodes": 9, "returned_24h": 2, "returned_7d": 7, "returned_later": 0,
                                    "not_returned": 0, "total": 3})
    assert cells == {"episodes": 9, "returned_24h": "<5", "returned_7d": HIDDEN, "returned_later": 0,
                     "not_returned": 0, "total": "<5"}
    # a child with more episodes than children is fine: total "<5" while episodes 6 are published
    cells = _one("disappearances", {"episodes": 6, "returned_24h": 6, "returned_7d": 0, "returned_later": 0,
                                    "not_returned": 0, "total": 2})
    assert cells == {"episodes": 6, "returned_24h": 6, "returned_7d": 0, "returned_later": 0, "not_returned": 0,
                     "total": "<5"}


def test_visits_small_episode_sum_hides_the_whole_not_the_total():
    # visits 4 = on_time 4: both "<5"; total 1 child: "<5". Nothing is determined (each 1..4, total <= visits)
    cells = _one("visits_timeliness", {"visits": 4, "on_time": 4, "late": 0, "without_clock": 0, "total": 1})
    assert cells == {"visits": "<5", "on_time": "<5", "late": 0, "without_clock": 0, "total": "<5"}
    # one late visit among 12: late = 12 - 11 is pinned until on_time (the smallest related non-zero) is hidden
    cells = _one("visits_timeliness", {"visits": 12, "on_time": 11, "late": 1, "without_clock": 0, "total": 6})
    assert cells == {"visits": 12, "on_time": HIDDEN, "late": "<5", "without_clock": 0, "total": 6}


def test_open_citizenship_table():
    # SY >= 22 - 12 - 6 = 4 pins "<5" to 4 (a child with two nationalities could only lower the total)
    counts = {"UA": 12, "SY": 4, "AF": 6, "total": 22}
    p = publish(_stats(registered_by_citizenship=counts), 5)
    cells = p.tables["registered_by_citizenship"]
    assert list(cells) == ["AF", "SY", "UA", "total"]
    assert cells == {"AF": HIDDEN, "SY": "<5", "UA": 12, "total": 22}
    # with SY 3 it may be 3 or 4: nothing more is hidden
    assert publish(_stats(registered_by_citizenship={**counts, "SY": 3, "total": 21}), 5).tables[
        "registered_by_citizenship"] == {"AF": 6, "SY": "<5", "UA": 12, "total": 21}
    # a single country: the cell equals the total, both "<5", each still 1..4
    assert publish(_stats(registered_by_citizenship={"UA": 2, "total": 2}), 5).tables[
        "registered_by_citizenship"] == {"UA": "<5", "total": "<5"}


def test_trafficking_stage_cells_are_the_stage_tables_totals_and_stay():
    # identified "<5" and assisted "<5" under a total of 8 must both be 4: the stage cells are published as the
    # totals of identified_by_* / assisted_by_*, so the table's own total (in no other table) is hidden
    cells = _one("trafficking", {"screened": 0, "concern": 0, "presumed": 0, "identified": 4, "assisted": 4,
                                 "total": 8})
    assert cells == {"screened": 0, "concern": 0, "presumed": 0, "identified": "<5", "assisted": "<5",
                     "total": HIDDEN}
    cells = _one("trafficking", {"screened": 9, "concern": 3, "presumed": 1, "identified": 0, "assisted": 0,
                                 "total": 9})
    assert cells == {"screened": 9, "concern": "<5", "presumed": "<5", "identified": 0, "assisted": 0, "total": 9}


def test_publish_keeps_tables_keys_and_the_multiple_set():
    stats = _stats(registered_by_sex={"M": 6, "F": 1, "U": 0, "total": 7},
                   registered_by_citizenship={"UA": 7, "total": 7})
    p = publish(stats, 5)
    assert p.suppressed_below == 5 and p.multiple == stats.multiple
    assert p.tables == {"registered_by_sex": {"M": HIDDEN, "F": "<5", "U": 0, "total": 7},
                        "registered_by_citizenship": {"UA": 7, "total": 7}}
    assert p.as_json()["suppressed_below"] == 5


def test_unknown_table_is_a_programming_error():
    with pytest.raises(ValueError):
        publish(_stats(nonsense={"total": 1}), 5)


def test_a_cell_hidden_in_the_citizenship_table_is_hidden_in_the_group_table_too():
    codes = {"CZ": 5, "UA": 12, "SY": 4, "total": 21}  # SY >= 21 - 17 = 4 is pinned: CZ (smallest) is hidden
    groups = {"CZ": 5, "EU": 0, "non-EU": 16, "stateless": 0, "unknown": 0, "total": 21}
    p = publish(_stats(registered_by_citizenship=codes, registered_by_citizenship_group=groups), 5)
    assert p.tables["registered_by_citizenship"] == {"CZ": HIDDEN, "SY": "<5", "UA": 12, "total": 21}
    assert p.tables["registered_by_citizenship_group"] == {"CZ": HIDDEN, "EU": 0, "non-EU": 16, "stateless": 0,
                                                           "unknown": 0, "total": 21}
