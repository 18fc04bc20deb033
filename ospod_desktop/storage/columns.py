"""Column helpers shared by the tables and the migrations: sync columns, and CHECK lists built from core's codes.

Every row an office server will exchange carries a `uuid` (its identity on every machine) and an
`updated_at` (UTC). Both have a Python default (ORM and `insert()`) and the same default in the database
(raw or bulk SQL that leaves them out); `storage.sync` keeps `updated_at` current on every update.
"""

from __future__ import annotations

import os
import re
import uuid as _uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text
from sqlmodel import Field

# A random (version 4) UUID in SQL: what the database fills in when an INSERT leaves `uuid` out.
UUID_SQL = ("lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || "
            "substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || "
            "substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))")
# The present moment in UTC, in the form SQLAlchemy stores a DateTime on SQLite ("2026-01-31 12:00:00.123000").
NOW_SQL = "strftime('%Y-%m-%d %H:%M:%f', 'now') || '000'"
_CODE = re.compile(r"^[A-Za-z0-9_]+$")


def new_uuid() -> str:
    return str(_uuid.uuid4())


def sorted_uuids(n: int) -> list[str]:
    """`n` random (version 4) UUIDs, as `new_uuid` makes them, in ascending order: a bulk insert that hands them
    out in row order appends to the unique `uuid` index instead of writing all over it (the index of a table with
    500,000 rows does not fit the page cache). The values are as random as any; only their order follows the rows."""
    raw = os.urandom(16 * n).hex()
    out = []
    for k in range(0, 32 * n, 32):
        s = raw[k:k + 32]
        out.append(f"{s[:8]}-{s[8:12]}-4{s[13:16]}-{'89ab'[int(s[16], 16) & 3]}{s[17:20]}-{s[20:32]}")
    out.sort()
    return out


def utc_now() -> datetime:
    return datetime.now(UTC)


def uuid_field() -> Any:
    """The row's identity across machines: unique, set on insert."""
    return Field(default_factory=new_uuid, unique=True, index=True,
                 sa_column_kwargs={"server_default": text(f"({UUID_SQL})")})


def updated_field() -> Any:
    """When the row last changed (UTC): set on insert, kept current by `storage.sync`."""
    return Field(default_factory=utc_now, sa_column_kwargs={"server_default": text(f"({NOW_SQL})")})


def one_of(column: str, codes: Iterable[str], empty: bool = False) -> str:
    """A CHECK condition: `column` holds one of `codes` (or "" when `empty`), listed from core's code tables."""
    values = sorted(codes)
    if not all(_CODE.match(v) for v in values):
        raise ValueError(f"codes of {column} must be plain identifiers")
    allowed = ([""] if empty else []) + values
    return f"{column} IN ({', '.join(repr(v) for v in allowed)})"


def not_before(later: str, earlier: str) -> str:
    """A CHECK condition: `later` (when recorded) is not before `earlier` (both dates or both UTC times)."""
    return f"{later} IS NULL OR {later} >= {earlier}"
