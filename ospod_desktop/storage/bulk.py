"""Bulk writes: many rows of one table in one executemany, straight through the driver (the demo builder and
the children import write hundreds of thousands of rows with it).

Each value goes through its column type's own bind processor (the same stored form as `insert()`), without
SQLAlchemy's per-row statement work. A table with a `uuid` column gets random ones handed out in ascending row
order (`columns.sorted_uuids`), so the unique index is appended to instead of written all over.
"""

from __future__ import annotations

import gc
import logging
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from sqlalchemy import Table, func, select

from ospod_desktop.storage import sealing
from ospod_desktop.storage.columns import sorted_uuids

log = logging.getLogger(__name__)


def insert_rows(conn: Any, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """INSERT `rows` (dicts with the same keys) into `table` with one executemany; columns a row leaves out take
    the database's defaults (uuid: sorted random ones, see above). `conn` is a Connection."""
    if rows:
        insert_prepared(conn, table, *prepare(conn.dialect, table, rows, sealing.office_key(conn.engine)))


def insert_prepared(conn: Any, table: Table, names: Sequence[str], values: Sequence[tuple]) -> None:
    """INSERT rows already made driver values by `prepare` (done before the write transaction, it is not part of
    the time the write lock is held)."""
    if values:
        sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        conn.exec_driver_sql(sql, list(values))


def prepare(dialect: Any, table: Table, rows: Sequence[Mapping[str, Any]],
            office_key: bytes | None = None) -> tuple[list[str], list[tuple]]:
    """The column names and the driver's values (each through its column type's bind processor; a uuid added
    where the table has one and the rows do not; sealed columns sealed with `office_key`, `storage.sealing`) of
    `rows`, for `insert_prepared`."""
    if not rows:
        return [], []
    cols = [c for c in table.columns if c.name in rows[0]]
    procs = [(c.name, _remembering(p) if (p := c.type._cached_bind_processor(dialect)) else None) for c in cols]
    names = [c.name for c in cols]
    if any(p for _name, p in procs):
        values = [tuple(p(r[name]) if p else r[name] for name, p in procs) for r in rows]
    else:  # plain values (numbers, text): picked out in C
        pick = itemgetter(*names)
        values = [pick(r) for r in rows] if len(names) > 1 else [(r[names[0]],) for r in rows]
    if "uuid" in table.columns and "uuid" not in rows[0]:  # random ones in row order (the database's would scatter)
        names.append("uuid")
        values = [v + (u,) for v, u in zip(values, sorted_uuids(len(values)), strict=True)]
    return names, sealing.seal_prepared(office_key, table.name, names, values)


def _remembering(process: Any) -> Any:
    """A bind processor that converts each distinct value once (the same day found, time stamp or code recurs in
    100,000s of rows; SQLAlchemy's date processors format in Python). Keyed by type too: 1 and True are equal."""
    done: dict[tuple[type, Any], Any] = {}

    def run(value: Any) -> Any:
        key = (type(value), value)
        try:
            return done[key]
        except KeyError:
            out = done[key] = process(value)
            return out
        except TypeError:  # an unhashable value (a list for a JSON column): converted every time
            return process(value)
    return run


def next_id(conn: Any, table: Table) -> int:
    """The id the next row of `table` would get (its largest id + 1): rows inserted in bulk with their ids given
    in advance, so their related rows can name them (inside the write transaction that inserts them)."""
    return int(conn.execute(select(func.max(table.c.id))).scalar() or 0) + 1


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector while 100,000s of rows are built and written: it would walk them all over
    and over (seconds inside the write transaction) and find next to nothing."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


# --- rows staged in the connection's TEMP tables before the write transaction ----------------------------------
# Binding 100,000s of rows of 40 columns from Python is most of an executemany's time. Bound into TEMP tables
# first (the connection's own database, in memory: no write lock on the database, nothing on disk), they are moved
# under the lock with one INSERT … SELECT each, which SQLite runs without Python. A column with one value in every
# row (most of an import's are empty) is not bound at all: the move writes it as a literal.

_INSERT = re.compile(r"INSERT INTO (\w+) \(([\w, ]+)\) VALUES \(\?(?:, \?)*\)")
TEMP_PREFIX = "ospod_stage_"


def _literal(value: Any) -> str | None:
    """An SQL literal for a value every row of a column has, when it is one that needs no quoting."""
    if value is None:
        return "NULL"
    if type(value) is str and value == "":
        return "''"
    if type(value) is int:
        return str(value)
    return None


@dataclass
class TempStaged:
    """Statements' rows copied into TEMP tables of one connection: `moves[n]` inserts statement n's rows into
    its table (in their order); `drop_temp` removes the copies."""

    moves: list[str] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)


def stage_in_temp(driver: Any, statements: Sequence[tuple[str, Sequence[tuple]]]) -> TempStaged:
    """Copy the rows of `statements` ("INSERT INTO t (a, b) VALUES (?, ?)", rows) into TEMP tables of the
    driver connection `driver`, which must not be in a transaction (each copy commits in the connection's
    temporary database alone). The write transaction then runs `moves` on the same connection."""
    staged = TempStaged()
    driver.execute("PRAGMA temp_store = MEMORY")
    try:
        for n, (sql, rows) in enumerate(statements):
            m = _INSERT.fullmatch(sql)
            assert m is not None, "stage_in_temp: not a plain INSERT … VALUES statement"
            table, names = m[1], m[2].split(", ")
            columns = list(zip(*rows, strict=True)) if rows else [() for _name in names]
            constant: dict[int, str] = {}
            for i, values in enumerate(columns):  # the first column always bound: a copy needs one
                literal = _literal(values[0]) if i and values else None
                if literal is not None and values.count(values[0]) == len(values) and (
                        type(values[0]) is not int or all(type(v) is int for v in values)):  # 1 == True == 1.0
                    constant[i] = literal
            bound = [i for i in range(len(names)) if i not in constant]
            temp = f"{TEMP_PREFIX}{n}"
            staged.tables.append(temp)
            driver.execute(f"DROP TABLE IF EXISTS temp.{temp}")
            driver.execute(f"CREATE TEMP TABLE {temp} AS SELECT {', '.join(names[i] for i in bound)} "
                           f"FROM main.{table} WHERE 0")
            if rows:
                driver.executemany(f"INSERT INTO temp.{temp} VALUES ({', '.join('?' * len(bound))})",
                                   list(zip(*(columns[i] for i in bound), strict=True)))
            staged.moves.append(
                f"INSERT INTO main.{table} ({', '.join([*(names[i] for i in bound), *(names[i] for i in constant)])}) "
                f"SELECT {', '.join([*(names[i] for i in bound), *constant.values()])} FROM temp.{temp} ORDER BY rowid")
    except BaseException:
        drop_temp(driver, staged)
        raise
    return staged


def drop_temp(driver: Any, staged: TempStaged) -> None:
    """Remove the TEMP copies (outside a transaction). Called however the write ended: if the connection cannot
    (a failed disk, a connection already closed), the error that ended the write is the one to report — and a
    closed connection has dropped them with its temporary database."""
    tables, staged.tables = staged.tables, []
    for temp in tables:
        try:
            driver.execute(f"DROP TABLE IF EXISTS temp.{temp}")
        except Exception as exc:  # noqa: BLE001 - see above; the table names alone are logged
            log.info("TEMP table %s not dropped (%s)", temp, type(exc).__name__)
