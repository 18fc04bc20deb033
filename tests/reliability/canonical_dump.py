"""A canonical, deterministic dump of an encrypted database: its schema, then every table's rows ordered by
primary key (rowid when it has none), each value typed. Two databases with the same content give the same dump
and the same hash, whatever their page layout, WAL or free pages.

The file is never opened in place: it is copied (with its key file and WAL) into a temporary folder first, so
dumping a backup or a kept database writes nothing beside it."""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

from ospod_desktop.storage.keyslots import KeySlots, keys_path


def _value(v: object) -> object:
    if isinstance(v, bytes):
        return {"blob": v.hex()}
    if isinstance(v, float):
        return {"real": repr(v)}
    return v


def _order(con: sqlcipher.Connection, table: str) -> str:
    info = con.execute(f'PRAGMA table_info("{table}")').fetchall()  # cid, name, type, notnull, default, pk
    pk = [row[1] for row in sorted((r for r in info if r[5]), key=lambda r: r[5])]
    if pk:
        return ", ".join(f'"{c}"' for c in pk)
    try:
        con.execute(f'SELECT rowid FROM "{table}" LIMIT 0')
        return "rowid"
    except sqlcipher.OperationalError:  # WITHOUT ROWID always has a primary key; this is only a fallback
        return ", ".join(f'"{r[1]}"' for r in info)


def dump_lines(con: sqlcipher.Connection, *, audit_upto: int | None = None,
               skip: Iterable[str] = ()) -> Iterator[str]:
    """The dump of an open connection, one JSON line per schema entry and per row.

    `audit_upto`: only audit rows with id <= it (a restore appends its own row after the backup's chain);
    `skip`: tables left out (named in the caller, with the reason)."""
    skipped = set(skip)
    schema = con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master "
                         "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").fetchall()
    for entry in schema:
        if entry[2] not in skipped:
            yield json.dumps(["schema", *entry], ensure_ascii=False)
    tables = [name for kind, name, _tbl, sql in schema
              if kind == "table" and name not in skipped and not (sql or "").upper().startswith("CREATE VIRTUAL")]
    for table in tables:  # a virtual table's rows live in its shadow tables, dumped as ordinary tables
        where = f" WHERE id <= {int(audit_upto)}" if table == "audit_log" and audit_upto is not None else ""
        cursor = con.execute(f'SELECT * FROM "{table}"{where} ORDER BY {_order(con, table)}')
        columns = [d[0] for d in cursor.description]
        yield json.dumps(["table", table, columns])
        for row in cursor:
            yield json.dumps(["row", table, [_value(v) for v in row]], ensure_ascii=False)


def open_copy(path: Path, username: str, password: str, folder: Path) -> sqlcipher.Connection:
    """A raw keyed connection to a copy of the database at `path` (with its key file and WAL) inside `folder`."""
    path = Path(path)
    copy = Path(folder) / "copy.db"
    shutil.copyfile(path, copy)
    shutil.copyfile(keys_path(path), keys_path(copy))
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
    key = KeySlots.load(copy).unlock_user(username, password)
    con = sqlcipher.connect(str(copy), isolation_level=None)
    con.execute("PRAGMA cipher_log_level = NONE")
    con.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return con


def dump(path: Path, username: str, password: str, **options) -> list[str]:
    """The canonical dump of the database at `path` (see `dump_lines` for the options)."""
    with tempfile.TemporaryDirectory(prefix="ospod-dump-") as folder:
        con = open_copy(path, username, password, Path(folder))
        try:
            return list(dump_lines(con, **options))
        finally:
            con.close()


def dump_hash(path: Path, username: str, password: str, **options) -> str:
    """SHA-256 of the canonical dump."""
    digest = hashlib.sha256()
    for line in dump(path, username, password, **options):
        digest.update(line.encode("utf-8") + b"\n")
    return digest.hexdigest()


def rows_by_key(lines: list[str]) -> dict[str, dict[str, list]]:
    """{table: {json of the row: row}} from a dump (to compare which rows one dump has that another has not)."""
    tables: dict[str, dict[str, list]] = {}
    for line in lines:
        item = json.loads(line)
        if item[0] == "table":
            tables.setdefault(item[1], {})
        elif item[0] == "row":
            tables.setdefault(item[1], {})[json.dumps(item[2])] = item[2]
    return tables
