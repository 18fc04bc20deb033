"""`storage.bulk.prepare` converts each distinct value of a column once: the driver values are exactly what the
column types' own bind processors give, value by value — 1 and True, a date and a datetime on the same day kept
apart."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy.dialects import sqlite

from ospod_desktop.storage import bulk
from ospod_desktop.storage.models import Child, User
from ospod_desktop.storage.rows import table_of


def _one_by_one(dialect, table, rows):
    cols = [c for c in table.columns if c.name in rows[0]]
    out = []
    for r in rows:
        values = []
        for c in cols:
            process = c.type._cached_bind_processor(dialect)
            values.append(process(r[c.name]) if process else r[c.name])
        out.append(tuple(values))
    return out


def test_repeated_dates_and_time_stamps_are_stored_as_their_types_store_them():
    dialect = sqlite.dialect()
    stamp = datetime(2026, 12, 7, 10, 0, 0, tzinfo=UTC)
    rows = [{"id": n, "birth_date": date(2010, 1 + n % 3, 1) if n % 4 else None, "found_on": date(2026, 12, 1),
             "created_at": stamp if n % 2 else datetime(2026, 12, 7, 10, 0, 0, 5, tzinfo=UTC), "updated_at": stamp,
             "birth_year": 2010} for n in range(40)]
    names, values = bulk.prepare(dialect, table_of(Child), rows)
    assert names[:len(rows[0])] == [c.name for c in table_of(Child).columns if c.name in rows[0]]
    assert [v[:len(rows[0])] for v in values] == _one_by_one(dialect, table_of(Child), rows)


def test_one_and_true_are_not_confused():
    dialect = sqlite.dialect()
    rows = [{"id": n, "disabled": flag} for n, flag in enumerate([1, True, 0, False, True, 1])]
    _names, values = bulk.prepare(dialect, table_of(User), rows)  # (id, disabled, then the uuid bulk adds)
    expected = _one_by_one(dialect, table_of(User), rows)
    assert [v[:2] for v in values] == expected
    assert [type(v[1]) for v in values] == [type(e[1]) for e in expected]
