"""Typed access to what sqlmodel types loosely: a stored row's primary key, a table class's Core table.

sqlmodel declares an autoincrement key `int | None`: it is None only until the row is flushed. A row read
back from the database, or added and flushed, has one; `saved_id` says so to the type checker, and fails
loudly instead of passing None on when a caller forgot the flush.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import Table
from sqlmodel import SQLModel


class _Keyed(Protocol):
    @property
    def id(self) -> int | None: ...


def saved_id(row: _Keyed) -> int:
    """`row.id`, which must be set (the row was read, or added and flushed)."""
    if row.id is None:
        raise ValueError(f"{type(row).__name__} has no id yet: add and flush it first")
    return row.id


def table_of(model: type[SQLModel]) -> Table:
    """The Core `Table` of a `table=True` class, for executemany inserts that skip the ORM."""
    table: Table = model.__table__  # type: ignore[attr-defined]  # declarative mapping sets it; sqlmodel does not declare it
    return table
