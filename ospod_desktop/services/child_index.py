"""The search text, FTS5 row and duplicate-blocking keys of a child, kept in step with every change."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text
from sqlmodel import Session

from ospod_desktop.core.collation import czech_sort_key
from ospod_desktop.core.names import NameRecord, blocking_keys, fold
from ospod_desktop.storage.models import Child


def name_record(c: Child | dict) -> NameRecord:
    """What duplicate detection compares, from a stored child or validated values."""
    get = (lambda k: c.get(k)) if isinstance(c, dict) else (lambda k: getattr(c, k))
    aliases = tuple(a for a in (get("aliases") or "").split("\n") if a)
    nats = tuple(n for n in (get("nationalities") or "").split(";") if n and n != "XX")
    return NameRecord(
        given_names=get("given_names") or "",
        family_names=get("family_names") or "",
        original_script_name=get("original_script_name") or "",
        aliases=aliases,
        sex=get("sex") or "U",
        birth_date=get("birth_date"),
        birth_year=get("birth_year"),
        age_min=get("age_min"),
        age_max=get("age_max"),
        reference_date=get("found_on") or date.today(),
        nationalities=nats,
    )


def _compact(value: str) -> str:
    return "".join(ch for ch in fold(value) if ch.isalnum())


def search_text(c: Child | dict, identifier_numbers: list[str]) -> str:
    """Folded names (every script to ASCII, no diacritics) and compacted identifiers, space-separated."""
    get = (lambda k: c.get(k)) if isinstance(c, dict) else (lambda k: getattr(c, k))
    names = [get("given_names"), get("family_names"), get("original_script_name"), *(get("aliases") or "").split("\n")]
    parts = [fold(n) for n in names if n]
    ids = [get("reference"), get("case_mark"), get("police_reference"), get("asylum_reference"), get("birth_number"),
           *identifier_numbers]
    parts += [_compact(i) for i in ids if i]
    return " ".join(p for p in parts if p)


def display_name(c: Child | dict) -> str:
    """"Family Given", else the original-script name, else the description's first line."""
    get = (lambda k: c.get(k)) if isinstance(c, dict) else (lambda k: getattr(c, k))
    name = " ".join(p for p in (get("family_names"), get("given_names")) if p)
    return name or get("original_script_name") or (get("description") or "").split("\n")[0]


def reindex(session: Session, child: Child, identifier_numbers: list[str]) -> None:
    """Refresh the child's search text, sort key, FTS row and blocking keys (in the caller's transaction)."""
    child.search_text = search_text(child, identifier_numbers)
    child.sort_name = czech_sort_key(display_name(child))
    session.add(child)
    session.flush()
    cid = child.id
    session.execute(text("DELETE FROM child_fts WHERE rowid = :id"), {"id": cid})
    if child.merged_into_id is None:
        session.execute(text("INSERT INTO child_fts (rowid, search_text) VALUES (:id, :t)"), {"id": cid, "t": child.search_text})
    session.execute(text("DELETE FROM child_name_key WHERE child_id = :id"), {"id": cid})
    if child.merged_into_id is None:
        keys = sorted(blocking_keys(name_record(child)))
        if keys:
            session.execute(text("INSERT INTO child_name_key (child_id, key) VALUES (:id, :k)"), [{"id": cid, "k": k} for k in keys])


_INDEX_COLUMNS = ("id", "given_names", "family_names", "original_script_name", "aliases", "description", "sex",
                  "birth_date", "birth_year", "age_min", "age_max", "found_on", "nationalities", "reference",
                  "case_mark", "police_reference", "asylum_reference", "birth_number", "merged_into_id")


def rebuild_index(session: Session, child_ids: list[int] | None = None, batch: int = 2000) -> int:
    """Recompute search text, sort keys, FTS rows and blocking keys in bulk (demo data, rule changes)."""
    from sqlalchemy import bindparam

    conn = session.connection()
    where = "" if child_ids is None else f" WHERE id IN ({','.join(str(int(i)) for i in child_ids)})"
    cols = ", ".join(_INDEX_COLUMNS)
    rows = [dict(r._mapping) for r in conn.execute(text(f"SELECT {cols} FROM child{where} ORDER BY id"))]
    numbers: dict[int, list[str]] = {}
    for cid, number in conn.execute(text("SELECT child_id, number FROM child_identifier")):
        numbers.setdefault(cid, []).append(number)
    if child_ids is None:
        conn.execute(text("DELETE FROM child_fts"))
        conn.execute(text("DELETE FROM child_name_key"))
    for start in range(0, len(rows), batch):
        chunk = rows[start:start + batch]
        ids = [r["id"] for r in chunk]
        if child_ids is not None:
            conn.execute(text("DELETE FROM child_fts WHERE rowid IN :ids").bindparams(bindparam("ids", expanding=True)), {"ids": ids})
            conn.execute(text("DELETE FROM child_name_key WHERE child_id IN :ids").bindparams(bindparam("ids", expanding=True)), {"ids": ids})
        updates, fts, keys = [], [], []
        for r in chunk:
            st = search_text(r, numbers.get(r["id"], []))
            updates.append({"i": r["id"], "t": st, "s": czech_sort_key(display_name(r))})
            if r["merged_into_id"] is None:
                fts.append({"i": r["id"], "t": st})
                r["found_on"] = as_date(r["found_on"])
                r["birth_date"] = as_date(r["birth_date"])
                keys += [{"i": r["id"], "k": k} for k in sorted(blocking_keys(name_record(r)))]
        conn.execute(text("UPDATE child SET search_text = :t, sort_name = :s WHERE id = :i"), updates)
        if fts:
            conn.execute(text("INSERT INTO child_fts (rowid, search_text) VALUES (:i, :t)"), fts)
        if keys:
            conn.execute(text("INSERT INTO child_name_key (child_id, key) VALUES (:i, :k)"), keys)
    return len(rows)


def as_date(value) -> date | None:
    """A date column as read raw (SQLite gives back ISO text)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
