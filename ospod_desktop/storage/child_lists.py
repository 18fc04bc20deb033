"""A child's nationalities, languages and aliases: ordered rows (revision 0005), read and written only here.

Forms, history lines and exports still speak the joined text they always did ("UA;RU", aliases one per
line): `split` and `join` convert. Codes are stored normalised (nationalities upper case, languages lower
case) so statistics can count them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from ospod_desktop.storage.child_tables import ChildAlias, ChildLanguage, ChildNationality
from ospod_desktop.storage.columns import sorted_uuids

# field -> (table, value column, separator of the joined text)
FIELDS: dict[str, tuple[Any, str, str]] = {
    "aliases": (ChildAlias, "name", "\n"),
    "nationalities": (ChildNationality, "code", ";"),
    "languages": (ChildLanguage, "code", ";"),
}
_NORMAL = {"nationalities": str.upper, "languages": str.lower}
CHUNK = 500


def split(field: str, value: str | Sequence[str] | None) -> tuple[str, ...]:
    """The values of a list field given as joined text (or already a sequence), empty entries dropped."""
    if value is None:
        return ()
    items = value.split(FIELDS[field][2]) if isinstance(value, str) else value
    normal = _NORMAL.get(field)
    cleaned = (v.strip() for v in items) if normal else items
    return tuple(normal(v) if normal else v for v in cleaned if v)


def join(field: str, values: Iterable[str]) -> str:
    """The joined text of a list field, as history lines and older code kept it."""
    return FIELDS[field][2].join(values)


def read(conn: Any, child_ids: Iterable[int] | None, fields: Sequence[str] = tuple(FIELDS)) -> dict[int, dict[str, tuple[str, ...]]]:
    """child id -> {field: values in order} for `child_ids` (None: every child that has any); each id asked
    for gets every field, empty when it has none. `conn` is a Session or a Connection."""
    ids = None if child_ids is None else list(child_ids)
    out: dict[int, dict[str, tuple[str, ...]]] = {i: {f: () for f in fields} for i in ids or ()}
    for f in fields:
        model, column, _sep = FIELDS[f]
        value = getattr(model, column)
        base = select(model.child_id, value).order_by(model.child_id, model.position)
        chunks = [base] if ids is None else [base.where(model.child_id.in_(ids[i:i + CHUNK]))
                                             for i in range(0, len(ids), CHUNK)]
        for stmt in chunks:
            grouped: dict[int, list[str]] = {}
            for cid, v in conn.execute(stmt):
                grouped.setdefault(cid, []).append(v)
            for cid, values in grouped.items():
                out.setdefault(cid, {g: () for g in fields})[f] = tuple(values)
    return out


def values_of(conn: Any, child_id: int) -> dict[str, tuple[str, ...]]:
    """One child's lists."""
    return read(conn, [child_id])[child_id]


def write(session: Session, child_id: int, field: str, values: str | Sequence[str], fresh: bool = False) -> bool:
    """Store a child's list in order, changing rows in place (their uuids stay); returns whether it changed.

    `fresh`: the child was just inserted and has no rows yet. Rows left over are deleted (and tombstoned).
    """
    model, column, _sep = FIELDS[field]
    wanted = split(field, values)
    existing = [] if fresh else list(session.execute(
        select(model).where(model.child_id == child_id).order_by(model.position)).scalars())
    changed = False
    for pos, value in enumerate(wanted):
        if pos < len(existing):
            if getattr(existing[pos], column) != value:
                setattr(existing[pos], column, value)
                session.add(existing[pos])
                changed = True
        else:
            session.add(model(child_id=child_id, position=pos, **{column: value}))
            changed = True
    for row in existing[len(wanted):]:
        session.delete(row)
        changed = True
    return changed


def insert_fresh(conn: Any, lists: Mapping[int, Mapping[str, str | Sequence[str]]]) -> None:
    """Bulk insert the lists of children just inserted (the demo): {child id: {field: values}}. Straight through
    the driver (hundreds of thousands of rows); the database fills uuid and updated_at."""
    for sql, rows in fresh_rows(lists):
        conn.exec_driver_sql(sql, rows)


def fresh_rows(lists: Mapping[int, Mapping[str, str | Sequence[str]]],
               stamped: bool = False) -> list[tuple[str, list[tuple]]]:
    """`insert_fresh`'s statements and their rows, made before the write transaction (the children import).
    `stamped`: with their uuids (random ones in row order, `columns.sorted_uuids`: the unique index is appended
    to, not written all over as by the database's own) and the time stamp, as the database would fill them."""
    out = []
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")  # the stored form of a DateTime (storage.columns)
    for field, (model, column, _sep) in FIELDS.items():
        rows: list[tuple] = [(cid, pos, value) for cid, by_field in lists.items()
                             for pos, value in enumerate(split(field, by_field.get(field)))]
        if rows and stamped:
            rows = [(*r, u, now) for r, u in zip(rows, sorted_uuids(len(rows)), strict=True)]
            out.append((f"INSERT INTO {model.__tablename__} (child_id, position, {column}, uuid, updated_at) "
                        "VALUES (?, ?, ?, ?, ?)", rows))
        elif rows:
            out.append((f"INSERT INTO {model.__tablename__} (child_id, position, {column}) VALUES (?, ?, ?)", rows))
    return out
