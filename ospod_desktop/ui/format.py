"""Dates and numbers for display, through babel in the UI language (imported lazily: it is not free)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtGui import QBrush, QColor

from ospod_desktop.core.i18n import _, current_language, format_day, ngettext


def local_time(value: datetime) -> datetime:
    """A stored time in the computer's time zone (SQLite gives back naive datetimes; the app stores UTC)."""
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone()


def format_datetime(value: datetime | None, empty: str | None = None) -> str:
    """A stored UTC time as the local date and time, like every date on screen: "12. 3. 2026 14:05" in Czech."""
    if value is None:
        return _("never") if empty is None else empty
    local = local_time(value)
    return f"{format_date(local.date())} {local:%H:%M}"


def format_date(value: date | None, empty: str = "") -> str:
    return format_day(value) if value is not None else empty


def duration_text(hours: int) -> str:
    """How long a child has been (or was) missing, in one form on every screen: "37 hours" up to two days,
    "5 days 3 hours" up to a week, then "95 days" (the hours no longer matter)."""
    if hours < 48:
        return ngettext("{n} hour", "{n} hours", hours).format(n=hours)
    days, rest = divmod(hours, 24)
    text = ngettext("{n} day", "{n} days", days).format(n=days)
    if rest and days < 7:
        text += " " + ngettext("{n} hour", "{n} hours", rest).format(n=rest)
    return text


def format_number(value: int | float) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, locale=current_language())


# -- shared colours and texts of tables (pages and dialogs use the same ones) ------------------------
DEADLINE_BRUSHES = {"overdue": QBrush(QColor("#ffcdd2")), "due_soon": QBrush(QColor("#ffe0b2"))}
OVER_BRUSH = DEADLINE_BRUSHES["overdue"]  # over capacity: red, as an overdue deadline
FULL_BRUSH = DEADLINE_BRUSHES["due_soon"]  # full: amber


def occupancy_text(f) -> str:
    """ "14 / 18"; just "14" without a capacity."""
    return f"{f.occupancy} / {f.capacity}" if f.capacity is not None else str(f.occupancy)

