"""The audit chain against a tamperer: >= 1,000 seeded random edits, deletions, insertions, reorderings and
truncations of a small real SQLCipher database, each found by the checks `verify` runs — naming the first bad
row, or the anchor it contradicts. A tamperer holding the database key who recomputes the SHA-256 chain (and the
key file's anchor) is caught by an anchor that left the machine and by the full verification with the recovery
code (the forward-secure MACs), which names the first rewritten row.

Each case is tampered inside a transaction that is rolled back afterwards (one file, no copies: quick); a sample
is also run end to end through `maintenance.verify` on a tampered copy of the files."""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass

import pytest
from sqlmodel import Session

from ospod_desktop.services import identity, maintenance
from ospod_desktop.storage import anchor, audit, audit_mac
from ospod_desktop.storage.engine import Database
from ospod_desktop.storage.keyslots import KeySlots, keys_path
from tests.conftest import ADMIN_PASSWORD

CASES = 1000
SEED = 20261207
SCRIPTED = 40  # service calls, one audit row each
BULK = 40  # rows of one append_bulk (an import's way)
FIELDS = ("ts", "user_id", "role", "action", "entity", "entity_id", "detail")
COLUMNS = ("id", *FIELDS)


@dataclass
class Office:
    path: object
    key: bytes
    code: str
    printed: anchor.Anchor  # an anchor that left the machine (a PDF, an export, a backup)
    k1: bytes
    first_id: int
    rows: int


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    from ospod_desktop.storage import keyslots
    from tests.conftest import FAST_KDF

    saved, keyslots.DEFAULT_KDF = keyslots.DEFAULT_KDF, FAST_KDF  # the module's own: fixtures are per test
    try:
        path = tmp_path_factory.mktemp("tamper") / "ospod.db"
        us, code = identity.initialise(path, identity.OfficeProfile("OSPOD"), "admin", "Admin", ADMIN_PASSWORD)
        with us.read() as s:
            before = s.connection().exec_driver_sql("SELECT count(*) FROM audit_log").scalar()
        script = [lambda i=i: identity.set_idle_lock_minutes(us, 1 + i % 30) for i in range(SCRIPTED // 2)]
        script += [lambda: identity.lock(us), lambda: identity.unlock(us, ADMIN_PASSWORD)] * (SCRIPTED // 4)
        rng = random.Random(SEED)
        for op in rng.sample(script[: SCRIPTED // 2], SCRIPTED // 2) + script[SCRIPTED // 2:]:
            op()
        with us.read() as s:
            after = s.connection().exec_driver_sql("SELECT count(*) FROM audit_log").scalar()
        assert after - before == len(script) == SCRIPTED  # K scripted operations give exactly K rows
        with us.db.write() as s:
            audit.append_bulk(s, [(1, "admin", "create", "child", i, "import") for i in range(BULK)])
        key = bytes.fromhex(us.db.key_hex)
        identity.logout(us)
        slots = KeySlots.load(path)
        first_id, k1 = audit_mac.open_root(audit_mac.read_record(path), code, slots.db_uuid)
        printed = anchor.read(path, key).anchor
        assert printed is not None
        yield Office(path, key, code, printed, k1, first_id, printed.id)
    finally:
        keyslots.DEFAULT_KDF = saved


def _rows(conn) -> list[list]:
    return [list(r) for r in conn.exec_driver_sql(f"SELECT {', '.join(COLUMNS)} FROM audit_log ORDER BY id").all()]


def _rehash(conn, start: int = 1) -> None:
    """The key holder's repair: every SHA-256 link recomputed from row `start` on (the MACs it cannot)."""
    prev = audit.GENESIS
    for row in _rows(conn):
        digest = audit._link(prev, audit._canonical(row))
        if row[0] >= start:
            conn.exec_driver_sql("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", (prev, digest, row[0]))
        prev = digest


def _shift(conn, start: int, by: int) -> None:
    """Renumber rows from `start` on by `by` (through negative ids: the primary key stays unique meanwhile)."""
    conn.exec_driver_sql("UPDATE audit_log SET id = -id - 1000000 WHERE id >= ?", (start,))
    conn.exec_driver_sql("UPDATE audit_log SET id = -id - 1000000 + ? WHERE id <= -1000000", (by,))


def _other(rng: random.Random, field: str, value):
    choices = {"ts": "2020-01-01T00:00:00.000000Z", "user_id": rng.choice([None, 1, 2, 77]),
               "role": rng.choice(["admin", "officer", "supervisor", ""]),
               "action": rng.choice(["delete", "read", "export", "login_ok"]),
               "entity": rng.choice(["child", "user", "database"]), "entity_id": rng.choice([None, 0, 5, 999]),
               "detail": rng.choice(["", "forged", "import", "x" * 5])}
    new = choices[field]
    return new if new != value else (f"{value}!" if isinstance(value, str) else (value or 0) + 1)


# Each tampering: (name, whether the key holder recomputed the SHA chain) -> the row expected to be named.
def tamper(conn, rng: random.Random, n: int) -> tuple[str, bool, int]:
    kind = rng.choice(["edit", "delete", "insert", "reorder", "truncate", "move_out", "edit_mac"])
    rehash = kind not in ("move_out", "edit_mac") and rng.random() < 0.5
    i = rng.randint(1, n)
    if kind == "edit":
        field = rng.choice(FIELDS)
        old = conn.exec_driver_sql(f"SELECT {field} FROM audit_log WHERE id = ?", (i,)).scalar()
        conn.exec_driver_sql(f"UPDATE audit_log SET {field} = ? WHERE id = ?", (_other(rng, field, old), i))
    elif kind == "delete":
        i = rng.randint(1, n - 1)
        conn.exec_driver_sql("DELETE FROM audit_log WHERE id = ?", (i,))
        if rehash:  # and close the gap
            _shift(conn, i + 1, -1)
    elif kind == "insert":
        row = _rows(conn)[rng.randint(0, n - 1)]
        _shift(conn, i, 1)
        conn.exec_driver_sql("INSERT INTO audit_log (id, ts, user_id, role, action, entity, entity_id, detail, "
                             "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?)",
                             (i, *row[1:7], "forged", f"forged-{rng.random()}"))
    elif kind == "reorder":
        i = rng.randint(1, n - 1)
        j = rng.randint(i + 1, n)
        a, b = (conn.exec_driver_sql(f"SELECT {', '.join(FIELDS)} FROM audit_log WHERE id = ?", (x,)).one()
                for x in (i, j))
        if tuple(a) == tuple(b):
            conn.exec_driver_sql("UPDATE audit_log SET detail = detail || '.' WHERE id = ?", (i,))
        else:
            for target, values in ((i, b), (j, a)):
                conn.exec_driver_sql(f"UPDATE audit_log SET {', '.join(f'{f} = ?' for f in FIELDS)} WHERE id = ?",
                                     (*values, target))
    elif kind == "truncate":
        i = rng.randint(1, n)  # 1: every row gone
        conn.exec_driver_sql("DELETE FROM audit_log WHERE id >= ?", (i,))
    elif kind == "move_out":
        new_id = -rng.randint(0, 5)
        conn.exec_driver_sql("UPDATE audit_log SET id = ? WHERE id = ?", (new_id, i))
        return kind, False, new_id
    elif kind == "edit_mac":
        conn.exec_driver_sql("UPDATE audit_log SET mac = ? WHERE id = ?", ("0" * 64, i))
    if rehash:
        _rehash(conn)
    return kind, rehash, i


def findings(conn, office: Office) -> tuple[audit.ChainReport, anchor.Contradiction | None, audit_mac.MacReport]:
    """What `verify` checks: the SHA-256 chain and its ids, the printed anchor, the MACs with the recovery code."""
    chain = audit.verify(Session(bind=conn))
    against = anchor.contradiction(conn, office.printed)
    macs = audit_mac.walk(conn, office.k1, office.first_id)
    return chain, against, macs


def test_the_untouched_chain_passes_every_check(office):
    db = Database(office.path, office.key)
    try:
        with db.engine.connect() as conn:
            chain, against, macs = findings(conn, office)
    finally:
        db.close()
    assert chain.ok and chain.rows == office.rows and against is None
    assert macs.first_bad_id is None and macs.checked == office.rows


def test_a_thousand_tamperings_are_each_found_naming_the_first_bad_row_or_the_anchor(office):
    rng = random.Random(SEED)
    db = Database(office.path, office.key)
    seen: dict[tuple[str, bool], int] = {}
    try:
        with db.engine.connect() as conn:
            for case in range(CASES):
                trans = conn.begin()
                try:
                    kind, rehashed, row = tamper(conn, rng, office.rows)
                    chain, against, macs = findings(conn, office)
                finally:
                    trans.rollback()
                seen[kind, rehashed] = seen.get((kind, rehashed), 0) + 1
                where = f"case {case}: {kind}{' rehashed' if rehashed else ''} at row {row}"
                if kind == "edit_mac":
                    assert chain.ok and macs.first_bad_id == row and macs.problem == "mac mismatch", where
                elif kind == "move_out":
                    assert chain.first_bad_id == row and chain.problem == "id out of range", where
                elif kind == "truncate":
                    assert against is not None and against.code == anchor.TRUNCATED, where
                    assert against.anchor == office.printed and against.head == row - 1, where
                    assert macs.first_bad_id == row and macs.problem == "key ahead", where
                    assert chain.ok, where  # the SHA chain alone cannot tell: the anchors are for this
                elif not rehashed:
                    assert not chain.ok and chain.first_bad_id == row, where
                else:  # the SHA chain recomputed with the key: only the anchor and the recovery code can tell
                    assert chain.ok, where
                    assert against is not None and against.anchor == office.printed, where
                    assert macs.first_bad_id == row and macs.problem in ("mac mismatch", "mac missing"), where
    finally:
        db.close()
    assert sum(seen.values()) == CASES and len(seen) >= 11, seen  # every kind, plain and rehashed, was met


@pytest.mark.parametrize("sql, kind, where", [
    ("UPDATE audit_log SET detail = 'forged' WHERE id = 5", maintenance.AUDIT_HASH_MISMATCH, 5),
    ("DELETE FROM audit_log WHERE id = 7", maintenance.AUDIT_MISSING_ROW, 7),
    ("UPDATE audit_log SET id = 0 WHERE id = 3", maintenance.AUDIT_BAD_ID, 0),
    ("DELETE FROM audit_log WHERE id >= 20", maintenance.ANCHOR, None),
])
def test_verify_end_to_end_on_tampered_copies(office, tmp_path, sql, kind, where):
    copy = tmp_path / "copy.db"
    shutil.copyfile(office.path, copy)
    shutil.copyfile(keys_path(office.path), keys_path(copy))
    db = Database(copy, office.key)
    try:
        with db.engine.begin() as conn:
            conn.exec_driver_sql(sql)
    finally:
        db.close()
    report = maintenance.verify(copy, "admin", ADMIN_PASSWORD, office.printed, office.code)
    assert not report.ok and report.kind == kind
    assert report.where == (office.printed.id if kind == maintenance.ANCHOR else where)
    assert maintenance.describe(report)


def test_verify_end_to_end_finds_a_rehashed_rewrite_with_the_code_or_a_printed_anchor(office, tmp_path):
    copy = tmp_path / "copy.db"
    shutil.copyfile(office.path, copy)
    shutil.copyfile(keys_path(office.path), keys_path(copy))
    db = Database(copy, office.key)
    try:
        with db.engine.begin() as conn:
            conn.exec_driver_sql("UPDATE audit_log SET action = 'read' WHERE id = 11")
            _rehash(conn)
            head = anchor.head_of(conn)
    finally:
        db.close()
    anchor.write(copy, office.key, head, "restore")  # the key holder fixes the key file's anchor too
    with_code = maintenance.verify(copy, "admin", ADMIN_PASSWORD, recovery_code=office.code)
    assert not with_code.ok and with_code.kind == maintenance.AUDIT_MAC and with_code.where == 11
    printed = maintenance.verify(copy, "admin", ADMIN_PASSWORD, office.printed)
    assert not printed.ok and printed.kind == maintenance.ANCHOR and printed.where == office.printed.id
