"""Dates and numbers for display, through babel in the UI language (imported lazily: it is not free)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from ospod_desktop.core.i18n import _, current_language, format_day


def format_datetime(value: datetime | None, empty: str | None = None) -> str:
    """A stored UTC time in the computer's time zone, e.g. "12. 3. 2026 14:05" in Czech."""
    if value is None:
        return _("never") if empty is None else empty
    from babel.dates import format_datetime as babel_datetime

    if value.tzinfo is None:  # SQLite gives back naive datetimes; the app stores UTC
        value = value.replace(tzinfo=UTC)
    return babel_datetime(value.astimezone(), format="short", locale=current_language())


def format_date(value: date | None, empty: str = "") -> str:
    return format_day(value) if value is not None else empty


def format_number(value: int | float) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, locale=current_language())
