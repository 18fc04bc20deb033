"""Czech birth numbers (rodné číslo): YYMMDD/XXX(X), with the checksum and month rules."""

from __future__ import annotations

import re
from datetime import date

from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.field_labels import child_error, child_label
from ospod_desktop.core.i18n import _


def _error(field: str, problem: str) -> ValidationError:
    return child_error(field, problem, child_label("birth_number"))


_FORMAT = re.compile(r"^(\d{2})(\d{2})(\d{2})/?(\d{3,4})$")


def parse_birth_number(value: str, field: str = "birth_number") -> tuple[str, date, str]:
    """Return (normalised "YYMMDD/XXXX", date of birth, sex "M"/"F") or raise a field-named error.

    Ten digits from 1954 on: the number is divisible by 11, or the remainder of the first nine
    digits is 10 and the check digit is 0. Nine digits only before 1954. Women: month + 50;
    since 2004 a further + 20 is possible when a day's numbers run out.
    """
    text = (value or "").strip().replace(" ", "")
    m = _FORMAT.match(text)
    if not m:
        raise _error(field, _("use the form YYMMDD/XXXX."))
    yy, mm, dd, tail = int(m[1]), int(m[2]), int(m[3]), m[4]
    sex = "M"
    if mm > 50:
        sex, mm = "F", mm - 50
    extra = False
    if mm > 20:
        extra, mm = True, mm - 20
    if len(tail) == 3:
        year = 1900 + yy
        if year >= 1954:
            raise _error(field, _("numbers from 1954 on have ten digits."))
    else:
        year = (1900 if yy >= 54 else 2000) + yy
        digits = m[1] + m[2] + m[3] + tail
        number = int(digits)
        if number % 11 != 0:
            if not (int(digits[:9]) % 11 == 10 and digits[9] == "0"):
                raise _error(field, _("the check digit does not match."))
    if extra and year < 2004:
        raise _error(field, _("the month is not valid."))
    try:
        born = date(year, mm, dd)
    except ValueError as exc:
        raise _error(field, _("the date in it does not exist.")) from exc
    if born > date.today():
        raise _error(field, _("the date in it is in the future."))
    return f"{m[1]}{m[2]}{m[3]}/{tail}", born, sex
