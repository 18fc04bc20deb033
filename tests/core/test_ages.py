"""Ages from a date, a year or a range; the benefit of the doubt; turning 18."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from ospod_desktop.core.ages import age_info, turning_adult_soon, years_between


def test_exact_date():
    info = age_info(date(2026, 11, 28), birth_date=date(2010, 11, 29))
    assert (info.low, info.high, info.exact, info.presumed_minor) == (15, 15, True, True)
    assert info.adult_on == date(2028, 11, 29)
    assert info.label == "15"


def test_year_only_gives_a_two_year_window():
    info = age_info(date(2026, 6, 1), birth_year=2010)
    assert (info.low, info.high) == (15, 16) and info.label == "15–16"


def test_range_ages_with_time_and_doubt_favours_minority():
    info = age_info(date(2026, 11, 28), age_min=16, age_max=19, range_as_of=date(2025, 11, 28))
    assert (info.low, info.high) == (17, 20)
    assert info.presumed_minor  # could be 17: in doubt, a child
    assert info.adult_on == date(2025, 11, 28)


def test_unknown_age_is_presumed_minor():
    info = age_info(date(2026, 1, 1))
    assert info.presumed_minor and info.label == "?"


def test_turning_adult_soon():
    today = date(2026, 11, 28)
    assert turning_adult_soon(age_info(today, birth_date=date(2009, 1, 15)), today)
    assert not turning_adult_soon(age_info(today, birth_date=date(2010, 1, 15)), today)
    assert not turning_adult_soon(age_info(today, birth_date=date(2008, 1, 15)), today)  # already adult


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 1, 1)), st.integers(0, 9000))
def test_years_between_matches_birthdays(born, days):
    from datetime import timedelta

    on = born + timedelta(days=days)
    age = years_between(born, on)
    assert 0 <= age <= days // 365 + 1
    try:
        birthday = born.replace(year=born.year + age)
    except ValueError:
        birthday = born.replace(year=born.year + age, day=28)
    assert birthday <= on
