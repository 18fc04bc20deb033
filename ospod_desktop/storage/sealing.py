"""Sealed columns: sensitive free text stored encrypted under the office key (issue 14 item 3).

Every key slot wraps the database key, so any password of the office opens the file; the office key is wrapped
only by the OSPOD roles' slots and the recovery slot (`storage.office_slots`). The columns in `SEALED` hold
`sealed:` + base64(nonce || AES-256-GCM ciphertext) under the office key, with the table, the column and the
row's uuid as associated data: a value moved to another row, column or table does not open. An empty value
stays empty (that a field is filled is visible), and so does everything else — the codes, dates, names and
placements that lists, clocks, statistics and facility staff need.

Where it happens: the ORM seals on flush and opens on load (`storage.sealing_orm`, installed on every mapped
table below); bulk inserts seal in `storage.bulk.prepare`; `seal_batch` seals plaintext already stored (an older
database, or a value written by a session without the key) at an OSPOD key holder's login. A session without
the office key reads `withheld()` in place of a sealed value, and writing that text back keeps the sealed value.
"""

from __future__ import annotations

import base64
import binascii
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from ospod_desktop.core.i18n import N_, _

PREFIX = "sealed:"
NONCE_BYTES = 12


@dataclass(frozen=True)
class Sealed:
    """One sealed column and why it is sealed (what it may hold)."""

    table: str
    column: str
    reason: str


# The one list of sealed columns. Not sealed, on purpose: names, birth numbers and identifiers (searching and
# duplicate matching), codes, dates, placements and missing episodes (facility staff record and read those).
SEALED: tuple[Sealed, ...] = (
    Sealed("child", "notes", "free notes about the child"),
    Sealed("child", "wishes", "the child's own wishes"),
    Sealed("child", "urgency_reason", "intake details: why the case is urgent"),
    Sealed("child", "companion_contact", "family contacts: how to reach the adult with the child"),
    Sealed("visit", "views", "the child's views and wishes told at a supervision visit"),
    Sealed("visit", "living_conditions", "a visit's findings on living conditions"),
    Sealed("visit", "health", "health observed at a supervision visit"),
    Sealed("visit", "schooling", "a visit's findings on schooling"),
    Sealed("visit", "family_contact", "the child's contact with the family"),
    Sealed("visit", "concerns", "concerns raised at a visit"),
    Sealed("visit", "note", "a visit's notes"),
    Sealed("visit", "not_seen_reason", "why the child was not seen (often health)"),
    Sealed("family_contact", "notes", "notes about a relative"),
    Sealed("family_contact", "phone", "family contacts: a relative's phone"),
    Sealed("family_contact", "location", "family contacts: where a relative lives"),
    Sealed("age_assessment", "notes", "an age assessment's findings"),
    Sealed("assessment_answer", "note", "an indicator answer's note (trafficking)"),
    Sealed("trafficking_assessment", "reasoning", "the reasoning of a trafficking assessment"),
    Sealed("trafficking_assessment", "review_comment", "a supervisor's comment on an assessment"),
    Sealed("victim_event", "note", "notes on a trafficking victim event"),
    Sealed("guardianship", "note", "notes on a guardianship"),
    Sealed("guardianship", "guardian_contact", "family contacts: the guardian's contact"),
    Sealed("ipod", "note", "notes on an individual protection plan"),
    Sealed("information_request", "note", "notes on an information request"),
    Sealed("asylum_application", "note", "notes on an asylum application"),
)
# The child's history copies a registration field's old and new value, and a correction of a visit or a care
# record every column it changed (`core.history.Changes`: notes, health, the guardian's contact): those rows are
# sealed too (both values); the rest stay readable (facility staff read the history of their fields).
HISTORY_TABLE = "child_history"
HISTORY_COLUMNS = ("old_value", "new_value")
HISTORY_FIELDS = frozenset({s.column for s in SEALED if s.table == "child"}
                           | {"visit_changes", "ipod_changes", "guardianship_changes", "asylum_changes"})

# Short: it stands in a form's field (a phone number's too) and must fit its length limit.
_WITHHELD = N_("[withheld: no office key]")
_DAMAGED = N_("[sealed text damaged]")
_EXPLAIN = N_("Notes, health, family contacts and other sensitive text are sealed with the office key, which "
              "this account does not hold yet: they show as “{withheld}”. Nothing is lost. An OSPOD "
              "account receives the key at a supervisor's next login once it has set its own password.")
_REFUSED = N_("This text is sealed with the office key, which this account does not hold; it cannot be replaced "
              "until a supervisor grants the key (nothing was saved).")


class SealBroken(Exception):
    """A sealed value does not open under the office key for its place (table, column, row): it was changed,
    or moved from another row or column. Carries no content."""


def withheld() -> str:
    return _(_WITHHELD)


def damaged() -> str:
    return _(_DAMAGED)


def explanation() -> str:
    """What the UI says to an OSPOD account without the office key."""
    return _(_EXPLAIN).format(withheld=withheld())


def refused() -> str:
    return _(_REFUSED)


def tables() -> dict[str, tuple[str, ...]]:
    """Table -> its sealed columns (the history's two, whose rows are sealed by their `field`)."""
    found: dict[str, tuple[str, ...]] = {}
    for spec in SEALED:
        found[spec.table] = (*found.get(spec.table, ()), spec.column)
    found[HISTORY_TABLE] = HISTORY_COLUMNS
    return found


def columns_of_row(table: str, row: Any) -> tuple[str, ...]:
    """The columns of this row that are sealed (`row`: a mapping or an object with the table's fields)."""
    cols = tables().get(table, ())
    if table == HISTORY_TABLE:
        field = row.get("field") if isinstance(row, dict) else getattr(row, "field", None)
        return cols if field in HISTORY_FIELDS else ()
    return cols


def is_sealed(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def _aad(table: str, column: str, row_uuid: str) -> bytes:
    return f"{table}|{column}|{row_uuid}".encode()


def seal(key: bytes, table: str, column: str, row_uuid: str, text: str) -> str:
    """The stored form of `text` in this place; "" and already sealed values are returned as they are."""
    if not text or is_sealed(text):
        return text
    nonce = secrets.token_bytes(NONCE_BYTES)
    sealed = AESGCM(key).encrypt(nonce, text.encode("utf-8"), _aad(table, column, row_uuid))
    return PREFIX + base64.b64encode(nonce + sealed).decode("ascii")


def unseal(key: bytes, table: str, column: str, row_uuid: str, value: str) -> str:
    """The text of a stored value (plaintext is returned as it is); SealBroken when it does not open here."""
    if not is_sealed(value):
        return value
    try:
        raw = base64.b64decode(value[len(PREFIX):].encode("ascii"), validate=True)
        return AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], _aad(table, column, row_uuid)).decode("utf-8")
    except (InvalidTag, binascii.Error, ValueError, UnicodeError):
        raise SealBroken(f"{table}.{column}") from None


class OfficeKey:
    """The office key of one open database, when the session's account holds it (None: sealed text withheld)."""

    def __init__(self) -> None:
        self.key: bytes | None = None


_OFFICES: WeakKeyDictionary[Any, OfficeKey] = WeakKeyDictionary()


def attach(bind: Any, office: OfficeKey) -> None:
    """Sessions and connections of `bind` (an engine) seal and open with `office`'s key."""
    _OFFICES[bind] = office


def office_key(bind: Any) -> bytes | None:
    """The office key for a session's bind or a connection's engine (None: not held)."""
    office = _OFFICES.get(bind) if bind is not None else None
    return office.key if office is not None else None


def seal_prepared(key: bytes | None, table: str, names: Sequence[str], values: list[tuple]) -> list[tuple]:
    """Rows made driver values (`storage.bulk.prepare`, a uuid among `names`) with their sealed columns sealed;
    unchanged without a key (they are sealed at an OSPOD key holder's next login, `seal_batch`)."""
    cols = [c for c in tables().get(table, ()) if c in names]
    if key is None or not cols or "uuid" not in names:
        return values
    at = {name: i for i, name in enumerate(names)}
    where = [at[c] for c in cols]
    uuid_at, field_at = at["uuid"], at.get("field")
    out = []
    for row in values:
        if table == HISTORY_TABLE and (field_at is None or row[field_at] not in HISTORY_FIELDS):
            out.append(row)
            continue
        items = list(row)
        for i, name in zip(where, cols, strict=True):
            items[i] = seal(key, table, name, row[uuid_at], items[i])
        out.append(tuple(items))
    return out


def _unsealed_clause(table: str) -> str:
    cols = tables()[table]
    clause = " OR ".join(f"({c} <> '' AND substr({c}, 1, {len(PREFIX)}) <> '{PREFIX}')" for c in cols)
    if table == HISTORY_TABLE:
        fields = ", ".join(f"'{f}'" for f in sorted(HISTORY_FIELDS))
        clause = f"field IN ({fields}) AND ({clause})"
    return clause


def seal_batch(conn: Any, key: bytes, table: str, limit: int = 2000, after: int = 0) -> tuple[int, int]:
    """Seal up to `limit` rows of `table` after rowid `after` still holding plaintext in a sealed column (a value
    already sealed is left alone): (how many rows were sealed, the last rowid looked at; 0 rows: the table is
    done). `conn`: a Connection in a write transaction."""
    cols = tables()[table]
    rows = conn.exec_driver_sql(
        f"SELECT rowid, uuid, {', '.join(cols)} FROM {table} WHERE rowid > ? AND ({_unsealed_clause(table)}) "
        f"ORDER BY rowid LIMIT {int(limit)}", (int(after),)).fetchall()
    if not rows:
        return 0, after
    updates = [tuple(seal(key, table, c, row[1], row[2 + i] or "") for i, c in enumerate(cols)) + (row[0],)
               for row in rows]
    conn.exec_driver_sql(f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in cols)} WHERE rowid = ?", updates)
    return len(rows), int(rows[-1][0])


def first_plaintext(conn: Any, table: str, after: int = 0) -> int | None:
    """The rowid of the first row after `after` still holding plaintext in a sealed column (None: none)."""
    found = conn.exec_driver_sql(
        f"SELECT min(rowid) FROM {table} WHERE rowid > ? AND ({_unsealed_clause(table)})", (int(after),)).scalar()
    return int(found) if found is not None else None


def plaintext_left(conn: Any) -> dict[str, int]:
    """Per table, how many rows still hold plaintext in a sealed column (tests, `verify`)."""
    counts = {}
    for table in tables():
        counts[table] = int(conn.exec_driver_sql(f"SELECT count(*) FROM {table} WHERE {_unsealed_clause(table)}")
                            .scalar() or 0)
    return counts
