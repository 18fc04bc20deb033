"""Czech birth numbers: format, checksum, month offsets."""

from __future__ import annotations

from datetime import date

import pytest

from ospod_desktop.core.birth_number import parse_birth_number
from ospod_desktop.core.errors import ValidationError


def test_valid_boy_and_girl():
    number = "1001010010"
    assert int(number) % 11 == 0
    norm, born, sex = parse_birth_number(number)
    assert norm == "100101/0010" and born == date(2010, 1, 1) and sex == "M"
    # a girl: month + 50; find a serial that makes the number divisible by 11
    for serial in range(1000):
        candidate = f"105101{serial:04d}"
        if int(candidate) % 11 == 0:
            break
    norm, born, sex = parse_birth_number(candidate)
    assert born == date(2010, 1, 1) and sex == "F"


def test_remainder_ten_with_zero_check_digit():
    for serial in range(1000):
        nine = f"080315{serial:03d}"
        if int(nine) % 11 == 10:
            break
    norm, born, _ = parse_birth_number(nine + "0")
    assert born == date(2008, 3, 15)


def test_plus_twenty_month_since_2004():
    for serial in range(10000):
        candidate = f"1022{'05'}{serial:04d}"
        if int(candidate) % 11 == 0:
            break
    assert parse_birth_number(candidate)[1] == date(2010, 2, 5)


@pytest.mark.parametrize(
    "bad",
    ["", "abc", "1001010008", "540101/000", "101301/0004", "103201/0000", "0213310004", "991231/0009x"],
)
def test_invalid_numbers_name_the_field(bad):
    with pytest.raises(ValidationError) as err:
        parse_birth_number(bad)
    assert err.value.field == "birth_number" and err.value.message.startswith("Birth number")


def test_future_date_is_refused():
    for serial in range(10000):
        candidate = f"491231{serial:04d}"  # 2049
        if int(candidate) % 11 == 0:
            break
    with pytest.raises(ValidationError):
        parse_birth_number(candidate)
