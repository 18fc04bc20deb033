"""What the Statistics page shows, without widgets: the periods it offers, a table's rows (label, key, count,
share) and its chart's bars, from exact counts (`Statistics`) or as exported (`Published`, "<5" and "x")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ospod_desktop.core.i18n import N_, _, current_language
from ospod_desktop.core.stats.labels import key_label
from ospod_desktop.core.stats.model import Cell
from ospod_desktop.core.stats.tables import TABLES, TOTAL, Relation

CUSTOM = "custom"
PRESETS = (
    ("this_year", N_("This year")),
    ("last_year", N_("Last year")),
    ("this_quarter", N_("This quarter")),
    ("last_quarter", N_("Last quarter")),
    ("last_12_months", N_("Last 12 months")),
    (CUSTOM, N_("Custom period")),
)


def _quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def period_of(preset: str, today: date) -> tuple[date, date]:
    """The days of a preset, both included; a period that is still running ends today (what has been counted)."""
    if preset == "this_year":
        return date(today.year, 1, 1), today
    if preset == "last_year":
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    if preset == "this_quarter":
        return _quarter_start(today), today
    if preset == "last_quarter":
        end = _quarter_start(today) - timedelta(days=1)
        return _quarter_start(end), end
    if preset == "last_12_months":
        try:
            year_ago = today.replace(year=today.year - 1)
        except ValueError:  # 29 February
            year_ago = today.replace(year=today.year - 1, day=28)
        return year_ago + timedelta(days=1), today
    raise ValueError(preset)


def preset_of(start: date, end: date, today: date) -> str:
    """The preset these days are (the first that fits), else `custom`."""
    for code, _label in PRESETS[:-1]:
        if period_of(code, today) == (start, end):
            return code
    return CUSTOM


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    value: Cell  # a count, or "<N" / "x" as exported
    share: str  # "25.0%" of the whole the key is a part of; "" for a total or where a value is not a count


def _wholes(table_id: str) -> set[str]:
    return {r.whole for r in TABLES[table_id].relations}


def _relation_of(table_id: str, key: str) -> Relation | None:
    """The relation `key` is a part of (an open table's parts are every key that is not a whole)."""
    wholes = _wholes(table_id)
    for relation in TABLES[table_id].relations:
        parts = relation.parts
        if (key in parts) if parts is not None else (key not in wholes):
            return relation
    return None


def percent(share: float) -> str:
    """A share with one decimal in the UI language: "25.3%", Czech "25,3 %"."""
    from babel import Locale
    from babel.numbers import format_percent

    lang = current_language()
    pattern = Locale.parse(lang).percent_formats[None].pattern.split(";")[0]  # "#,##0 %" in Czech
    last = pattern.rfind("0") + 1
    pattern = pattern[:last] + ".0" + pattern[last:]  # one decimal
    return format_percent(share, format=pattern, locale=lang)


def _share(table_id: str, key: str, cells: dict[str, Cell]) -> str:
    """A part of a relation as a share of its whole: a child-count of the children in the table (in a table that
    counts a child in several rows the shares add up to more than 100%), an episode of the episodes."""
    relation = None if key in _wholes(table_id) else _relation_of(table_id, key)
    if relation is None:
        return ""
    value, whole = cells.get(key), cells.get(relation.whole)
    if not isinstance(value, int) or not isinstance(whole, int) or whole <= 0:
        return ""
    return percent(value / whole)


def table_rows(table_id: str, cells: dict[str, Cell]) -> list[Row]:
    """The table's rows in its order (`total` last), each with its translated label and share."""
    return [Row(key, key_label(table_id, key), value, _share(table_id, key, cells)) for key, value in cells.items()]


def value_text(value: Cell) -> str:
    """A count as the page shows it (thousands separated in the UI language), "<5" and "x" as they are."""
    if isinstance(value, int):
        from ospod_desktop.ui.format import format_number

        return format_number(value)
    return value


@dataclass(frozen=True)
class Bar:
    label: str  # the key's label; as exported, a suppressed cell's label says its value ("Girls (<5)")
    value: int  # a suppressed cell's bar is 0
    hidden: bool = False  # suppressed as exported ("<5" or "x")


def chart_bars(table_id: str, cells: dict[str, Cell]) -> list[Bar]:
    """The bars of a table's chart: every key but the wholes (the total, the episodes of a disappearance table,
    the visits), in the table's order."""
    wholes = _wholes(table_id) | {TOTAL}
    bars = []
    for key, value in cells.items():
        if key in wholes:
            continue
        label = key_label(table_id, key)
        if isinstance(value, int):
            bars.append(Bar(label, value))
        else:
            bars.append(Bar(_("{label} ({value})").format(label=label, value=value), 0, hidden=True))
    return bars


def nothing_to_draw(bars: list[Bar]) -> bool:
    """No bar to draw: no row, or every count 0 (a suppressed count is something: its label says "<5")."""
    return not any(b.value or b.hidden for b in bars)
