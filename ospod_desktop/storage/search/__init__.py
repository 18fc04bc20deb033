"""The search index: the one writer and the one reader of the full-text and duplicate-blocking tables.

Today: SQLite FTS5 with the trigram tokenizer (`child_fts`, rowid = child id) over
`core.child_names.index_text`, and `child_name_key` rows of `core.names.blocking_keys`. An office server on
PostgreSQL will put pg_trgm behind the same functions; no service writes MATCH, rowid or json_each.
A record merged into another is not searchable: its entry is empty.

The indexed text is " names compacted-identifiers identifier-runs " (single spaces, one at each end), so a
phrase with spaces around it is a whole word, and " om542026 " a whole identifier.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, SQLColumnExpression, bindparam, func, literal_column, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session

from ospod_desktop.core.child_names import (
    INDEX_TEXT_VERSION,
    as_date,
    display_name,
    identifier_key,
    identifier_runs,
    index_text,
    name_record,
)
from ospod_desktop.core.collation import czech_sort_key
from ospod_desktop.core.names import BLOCKING_KEYS_VERSION, blocking_keys
from ospod_desktop.storage import child_lists
from ospod_desktop.storage.models import Child

TYPO_CANDIDATES = 5000  # children sharing a phonetic key with a query word, at most
# PRAGMA user_version of a database whose index is current; at login a different one is rebuilt.
INDEX_VERSION = 100 * INDEX_TEXT_VERSION + BLOCKING_KEYS_VERSION


@dataclass(frozen=True)
class Entry:
    """One child's index entry: the searchable text and the duplicate-blocking keys."""

    child_id: int
    text: str = ""
    keys: tuple[str, ...] = ()


def entry(child: Child | dict, identifier_numbers: list[str], keys: Iterable[str] | None = None) -> Entry:
    """The entry of a stored child or of its row values; empty for a record merged into another. `keys`: the
    child's blocking keys when already computed (`blocking_keys` of its `name_record`: an import's checks)."""
    get: Callable[[str], Any] = child.get if isinstance(child, dict) else (lambda k: getattr(child, k))
    cid = int(get("id"))
    if get("merged_into_id") is not None:
        return Entry(cid)
    found = blocking_keys(name_record(child)) if keys is None else keys
    return Entry(cid, index_text(child, identifier_numbers), tuple(sorted(found)))


def _expanding(sql: str, name: str = "ids"):
    return text(sql).bindparams(bindparam(name, expanding=True))


def remove(conn: Connection, child_ids: Sequence[int]) -> None:
    """Drop the entries of these children."""
    if child_ids:
        conn.execute(_expanding("DELETE FROM child_fts WHERE rowid IN :ids"), {"ids": list(child_ids)})
        conn.execute(_expanding("DELETE FROM child_name_key WHERE child_id IN :ids"), {"ids": list(child_ids)})


def clear(conn: Connection) -> None:
    conn.execute(text("DELETE FROM child_fts"))
    conn.execute(text("DELETE FROM child_name_key"))


def write(conn: Connection, entries: Sequence[Entry], fresh: bool = False, ids: Sequence[int] | None = None) -> None:
    """Store entries, replacing what the children had (`fresh`: they have none, e.g. just inserted). `ids`: the
    children the entries belong to, in order, when the entries were made before the ids were known (an import)."""
    owners = [e.child_id for e in entries] if ids is None else list(ids)
    if not fresh:
        remove(conn, owners)
    rows = [(cid, e.text) for cid, e in zip(owners, entries, strict=True) if e.text]
    if rows:  # plain values straight to the driver: 100,000s of rows (an import, a rebuild)
        conn.exec_driver_sql("INSERT INTO child_fts (rowid, search_text) VALUES (?, ?)", rows)
    keys = [(cid, k) for cid, e in zip(owners, entries, strict=True) for k in e.keys]
    if keys:
        conn.exec_driver_sql("INSERT INTO child_name_key (child_id, key) VALUES (?, ?)", keys)


# --- entries written after the commit of the rows they index (the children import) ------------------------------
# The import commits its children with PRAGMA user_version = PENDING_VERSION, then writes their entries in short
# transactions of its own (`write_absent`) and sets the version back (`settle`) when no child lacks one. A process
# that stopped in between leaves the mark: the next login (`services.identity`) indexes what is missing (`missing`).
PENDING_VERSION = -INDEX_VERSION


def mark_pending(conn: Connection) -> None:
    """Inside the transaction that inserts children whose entries are written after its commit."""
    conn.exec_driver_sql(f"PRAGMA user_version = {int(PENDING_VERSION)}")


def write_absent(conn: Connection, entries: Sequence[Entry], ids: Sequence[int]) -> int:
    """Store the entries of children that have none (a child edited meanwhile has its newer one; `ids`: the
    children the entries belong to, ascending); returns how many were written."""
    if not ids:
        return 0
    lo, hi = ids[0], ids[-1]
    present = {r[0] for r in conn.exec_driver_sql("SELECT rowid FROM child_fts WHERE rowid BETWEEN ? AND ?", (lo, hi))}
    present.update(r[0] for r in conn.exec_driver_sql(
        "SELECT DISTINCT child_id FROM child_name_key WHERE child_id BETWEEN ? AND ?", (lo, hi)))
    todo = [(cid, e) for cid, e in zip(ids, entries, strict=True) if cid not in present]
    if todo:
        write(conn, [e for _cid, e in todo], fresh=True, ids=[cid for cid, _e in todo])
    return len(todo)


_MISSING = ("SELECT c.id FROM child c WHERE c.merged_into_id IS NULL AND NOT EXISTS "
            "(SELECT 1 FROM child_name_key k WHERE k.child_id = c.id) AND NOT EXISTS "
            "(SELECT 1 FROM child_fts f WHERE f.rowid = c.id) ORDER BY c.id")


def missing(conn: Connection) -> list[int]:
    """Children (not merged into another) without an entry: what an import that stopped after its commit left."""
    return [r[0] for r in conn.exec_driver_sql(_MISSING)]


def settle(conn: Connection) -> bool:
    """Set the index version back to current if no child lacks its entry (inside a write transaction); False if
    some still do (another import is still writing its entries, or one stopped: the next login indexes them)."""
    if conn.exec_driver_sql("PRAGMA user_version").scalar() != PENDING_VERSION:
        return True
    if missing(conn):
        return False
    conn.exec_driver_sql(f"PRAGMA user_version = {int(INDEX_VERSION)}")
    return True


def sort_key(child: Child | dict) -> str:
    """The Czech collation key of the displayed name: the case list's order."""
    return czech_sort_key(display_name(child))


def reindex(session: Session, child: Child, identifier_numbers: list[str]) -> None:
    """Refresh one child's sort key and entry (in the caller's transaction; its list rows already written)."""
    child.sort_name = sort_key(child)
    session.add(child)
    session.flush()
    assert child.id is not None
    row = {**child.model_dump(), **child_lists.read(session, [child.id], _LISTS)[child.id]}
    write(session.connection(), [entry(row, identifier_numbers)])


_LISTS = ("aliases", "nationalities")  # what the entry reads of the child's list rows
_INDEX_COLUMNS = ("id", "given_names", "family_names", "original_script_name", "description", "sex",
                  "birth_date", "birth_year", "age_min", "age_max", "found_on", "reference",
                  "case_mark", "police_reference", "asylum_reference", "birth_number", "merged_into_id")


def rebuild(session: Session, child_ids: list[int] | None = None, batch: int = 2000) -> int:
    """Recompute sort keys and entries in bulk (all children, or some); returns how many were indexed."""
    conn = session.connection()
    where = "" if child_ids is None else f" WHERE id IN ({','.join(str(int(i)) for i in child_ids)})"
    rows = [dict(r._mapping) for r in conn.execute(text(f"SELECT {', '.join(_INDEX_COLUMNS)} FROM child{where} ORDER BY id"))]
    numbers: dict[int, list[str]] = {}
    for cid, number in conn.execute(text("SELECT child_id, number FROM child_identifier")):
        numbers.setdefault(cid, []).append(number)
    lists = child_lists.read(conn, child_ids, _LISTS)
    empty = {f: () for f in _LISTS}
    for r in rows:
        r.update(lists.get(r["id"], empty))
    if child_ids is None:
        clear(conn)
    for start in range(0, len(rows), batch):
        chunk = rows[start:start + batch]
        for r in chunk:
            r["found_on"], r["birth_date"] = as_date(r["found_on"]), as_date(r["birth_date"])
        conn.execute(text("UPDATE child SET sort_name = :s WHERE id = :i"),
                     [{"i": r["id"], "s": sort_key(r)} for r in chunk])
        write(conn, [entry(r, numbers.get(r["id"], [])) for r in chunk], fresh=child_ids is None)
    if child_ids is None:
        # One merged b-tree: after every row was replaced, FTS5 keeps many segments and the old entries beside the
        # new, and a search reads them all (at 100,000 children: 42 MB instead of 26, each search ~5x slower).
        conn.execute(text("INSERT INTO child_fts(child_fts) VALUES ('optimize')"))
    return len(rows)


def _phrase(words: Iterable[str]) -> str:
    return " AND ".join('"' + w.replace('"', "") + '"' for w in words)


def containing(conn: Connection, words: Sequence[str]) -> set[int]:
    """Ids whose text contains every word (folded); words of three letters or more use the trigram index."""
    long_words = [w for w in words if len(w) >= 3]
    short = {f"s{i}": w for i, w in enumerate(w for w in words if len(w) < 3)}
    if not long_words:
        raise ValueError("at least one word of three letters or more is needed")
    also = "".join(f" AND instr(search_text, :{k}) > 0" for k in short)
    rows = conn.execute(text("SELECT rowid FROM child_fts WHERE child_fts MATCH :q" + also),
                        {"q": _phrase(long_words), **short})
    return {r[0] for r in rows}


def _ids(conn: Connection, match: str) -> set[int]:
    return {r[0] for r in conn.execute(text("SELECT rowid FROM child_fts WHERE child_fts MATCH :q"), {"q": match})}


def containing_words(conn: Connection, words: Sequence[str]) -> set[int]:
    """Ids whose text has every word (folded) as a whole word, in any order."""
    if not words:
        raise ValueError("no words")
    return _ids(conn, _phrase(f" {w} " for w in words))


def exact_identifier(conn: Connection, value: str) -> set[int]:
    """Ids with an identifier (file mark, reference, police or asylum reference, birth number, document number)
    equal to `value` up to case, spaces and punctuation: "om 54/2026" is Om 54/2026, and only it."""
    key = identifier_key(value)
    return _ids(conn, _phrase([f" {key} "])) if key else set()


def identifier_part(conn: Connection, value: str) -> set[int]:
    """Ids with an identifier that holds `value`'s runs of letters and digits as whole consecutive runs, the last
    possibly the start of a longer one (as typed so far): "54/2026" finds Om 54/2026 and "Om 54" finds Om 54/2025
    and Om 541/2025, but "5/2025" does not find Om 15/2025 or Om 54/2025. Empty for fewer than two characters."""
    runs = identifier_runs(value)
    return _ids(conn, _phrase([runs])) if len(runs) >= 3 else set()


def texts_containing(conn: Connection, word: str, limit: int) -> dict[int, str]:
    """The indexed text of children whose text contains `word` (three letters or more), at most `limit` of them."""
    rows = conn.execute(text("SELECT rowid, search_text FROM child_fts WHERE child_fts MATCH :q LIMIT :lim"),
                        {"q": _phrase([word]), "lim": limit})
    return {cid: st for cid, st in rows}


def sharing_any_key(conn: Connection, keys: Sequence[str], limit: int = TYPO_CANDIDATES) -> set[int]:
    """Ids that have at least one of these blocking keys."""
    if not keys:
        return set()
    rows = conn.execute(_expanding("SELECT DISTINCT child_id FROM child_name_key WHERE key IN :keys LIMIT :lim", "keys"),
                        {"keys": list(keys), "lim": limit})
    return {r[0] for r in rows}


def most_shared_keys(conn: Connection, keys: Sequence[str], limit: int) -> list[int]:
    """Ids sharing the most of these keys, most first."""
    if not keys:
        return []
    rows = conn.execute(_expanding("SELECT child_id FROM child_name_key WHERE key IN :keys GROUP BY child_id "
                                   "ORDER BY count(*) DESC LIMIT :lim", "keys"), {"keys": list(keys), "lim": limit})
    return [r[0] for r in rows]


def children_with_keys(conn: Connection, keys: Iterable[str]) -> dict[str, list[int]]:
    """Key -> the ids that have it, for these blocking keys (one query however many: an import's rows are matched
    against the register with the index read once, not a query per row)."""
    out: dict[str, list[int]] = {}
    rows = conn.execute(text("SELECT key, child_id FROM child_name_key WHERE key IN (SELECT value FROM json_each(:j))"),
                        {"j": json.dumps(sorted(set(keys)))})
    for key, cid in rows:
        out.setdefault(key, []).append(cid)
    return out


def texts(conn: Connection, child_ids: Iterable[int]) -> dict[int, str]:
    """The indexed text of these children."""
    rows = conn.execute(text("SELECT rowid, search_text FROM child_fts WHERE rowid IN (SELECT value FROM json_each(:j))"),
                        {"j": json.dumps(sorted(child_ids))})
    return {cid: st for cid, st in rows}


def pairs_sharing_a_key(conn: Connection, bucket_limit: int) -> set[tuple[int, int]]:
    """Pairs (low id, high id) of children sharing a blocking key that at most `bucket_limit` children have."""
    rows = conn.execute(text(
        "SELECT k.key, k.child_id FROM child_name_key k JOIN ("
        " SELECT key FROM child_name_key GROUP BY key HAVING count(*) BETWEEN 2 AND :lim) g ON g.key = k.key"
        " ORDER BY k.key"), {"lim": bucket_limit})
    pairs: set[tuple[int, int]] = set()
    bucket: list[int] = []
    current = None
    for key, cid in rows:
        if key != current:
            bucket, current = [], key
        for other in bucket:
            pairs.add((other, cid) if other < cid else (cid, other))
        bucket.append(cid)
    return pairs


def id_in(id_column: SQLColumnExpression[Any], ids: Iterable[int]) -> ColumnElement[bool]:
    """`id_column IN ids` with one bound parameter however many ids there are (an anonymous one: a statement may
    hold several)."""
    values = select(literal_column("value", Integer)).select_from(func.json_each(bindparam(None, json.dumps(sorted(ids)))))
    return id_column.in_(values)
