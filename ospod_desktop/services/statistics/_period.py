"""The period of a statistics request: checked (`check_period`) and written out for SQL (`Period.params`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from ospod_desktop.core.ages import add_years
from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.i18n import _

EARLIEST = date(2000, 1, 1)
FIELD = "from"  # the contract: every problem with the period names the field "from"


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def params(self) -> dict[str, str]:
        """Bind parameters: the days as ISO text (`s`, `e`; dates are stored so), and the instants the period
        begins and ends in the computer's local time zone as stored times are written (UTC, `t0` <= t < `t1`):
        a stored time falls on a day of the period, in local time, exactly when it lies between them."""
        return {"s": self.start.isoformat(), "e": self.end.isoformat(),
                "t0": stored_instant(self.start), "t1": stored_instant(self.end + timedelta(days=1))}


def stored_instant(day: date) -> str:
    """Local midnight at the start of `day`, in UTC, as SQLite holds a stored time ("YYYY-MM-DD HH:MM:SS.ffffff")."""
    return datetime.combine(day, time(0)).astimezone().astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _day(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if not isinstance(value, date):
        raise ValidationError(FIELD, _("Enter the period as two dates."))
    return value


def check_period(start: object, end: object, today: date) -> Period:
    """The period `start`..`end` (both days included), or ValidationError naming "from": not dates, the start
    after the end, or a day outside 1 January 2000 .. a year from `today`."""
    first, last = _day(start), _day(end)
    if first > last:
        raise ValidationError(FIELD, _("The start of the period is after its end."))
    latest = add_years(today, 1)
    if first < EARLIEST or last > latest:
        raise ValidationError(FIELD, _("The period must lie between 1 January 2000 and a year from today."))
    return Period(first, last)
