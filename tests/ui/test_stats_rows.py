"""The Statistics page's periods, rows and bars, without widgets."""

from __future__ import annotations

from datetime import date

import pytest

from ospod_desktop.core import i18n
from ospod_desktop.ui.stats_chart import nice_step, wrap_label
from ospod_desktop.ui.stats_rows import CUSTOM, chart_bars, percent, period_of, preset_of, table_rows

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize(("preset", "today", "expected"), [
    ("this_year", TODAY, (date(2026, 1, 1), TODAY)),
    ("last_year", TODAY, (date(2025, 1, 1), date(2025, 12, 31))),
    ("this_quarter", TODAY, (date(2026, 10, 1), TODAY)),
    ("this_quarter", date(2026, 3, 31), (date(2026, 1, 1), date(2026, 3, 31))),
    ("last_quarter", TODAY, (date(2026, 7, 1), date(2026, 9, 30))),
    ("last_quarter", date(2026, 2, 10), (date(2025, 10, 1), date(2025, 12, 31))),
    ("last_12_months", TODAY, (date(2025, 12, 8), TODAY)),
    ("last_12_months", date(2024, 2, 29), (date(2023, 3, 1), date(2024, 2, 29))),
])
def test_presets(preset, today, expected):
    assert period_of(preset, today) == expected
    assert preset_of(*expected, today) == preset or expected == period_of("this_year", today)


def test_other_days_are_a_custom_period():
    assert preset_of(date(2026, 2, 1), date(2026, 2, 28), TODAY) == CUSTOM


def test_shares_are_of_the_whole_each_row_is_a_part_of():
    rows = {r.key: r for r in table_rows("disappearances", {
        "episodes": 8, "returned_24h": 2, "returned_7d": 2, "returned_later": 0, "not_returned": 4, "total": 5})}
    assert rows["returned_24h"].share == "25.0%"  # of the episodes
    assert rows["not_returned"].share == "50.0%"
    assert rows["episodes"].share == rows["total"].share == ""  # wholes: no share
    assert rows["returned_24h"].label == "Returned within 24 hours"
    sex = {r.key: r.share for r in table_rows("registered_by_sex", {"M": 3, "F": 1, "U": 0, "total": 4})}
    assert sex == {"M": "75.0%", "F": "25.0%", "U": "0.0%", "total": ""}
    # As exported: a suppressed count has no share, and nothing is a share of a hidden total.
    shown = {r.key: r.share for r in table_rows("registered_by_sex", {"M": 7, "F": "<5", "U": "x", "total": 9})}
    assert shown == {"M": "77.8%", "F": "", "U": "", "total": ""}
    assert {r.share for r in table_rows("registered_by_sex", {"M": 0, "F": 0, "U": 0, "total": 0})} == {""}


def test_a_multi_table_shares_are_of_the_children():
    rows = {r.key: r.share for r in table_rows("registered_by_citizenship", {"UA": 3, "RU": 2, "total": 4})}
    assert rows == {"UA": "75.0%", "RU": "50.0%", "total": ""}  # a child with two nationalities: over 100% in all


def test_percent_in_czech():
    i18n.set_language("cs")
    assert percent(0.253) == "25,3\xa0%"


def test_bars_leave_out_the_wholes_and_say_a_suppressed_value():
    bars = chart_bars("disappearances", {"episodes": 8, "returned_24h": 2, "returned_7d": "<5", "returned_later": 0,
                                         "not_returned": "x", "total": 5})
    assert [(b.label, b.value) for b in bars] == [
        ("Returned within 24 hours", 2), ("Returned after 24 hours, within 7 days (<5)", 0),
        ("Returned after 7 days", 0), ("Not returned (x)", 0)]


def test_value_axis_steps_and_label_lines():
    assert [nice_step(m) for m in (0, 3, 6, 7, 12, 40, 61, 1200)] == [1, 1, 1, 2, 2, 10, 20, 200]
    assert wrap_label("Returned after 24 hours, within 7 days", 16) == ["Returned after", "24 hours, within", "7 days"]
    assert wrap_label("Afghánistán", 4) == ["Afghánistán"]  # a word is never cut


def test_nothing_to_draw_when_every_count_is_zero():
    from ospod_desktop.ui.stats_rows import nothing_to_draw

    assert nothing_to_draw([])
    assert nothing_to_draw(chart_bars("registered_by_sex", {"M": 0, "F": 0, "U": 0, "total": 0}))
    assert not nothing_to_draw(chart_bars("registered_by_sex", {"M": 0, "F": 1, "U": 0, "total": 1}))
    hidden = chart_bars("registered_by_sex", {"M": "<5", "F": 0, "U": 0, "total": "<5"})
    assert [b.hidden for b in hidden] == [True, False, False] and not nothing_to_draw(hidden)
