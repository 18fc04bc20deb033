"""Forward-secure MACs of the audit chain (Bellare–Yee, Schneier–Kelsey): what a later key holder cannot forge.

Each row i of the MAC segment gets `mac_i = HMAC-SHA256(k_i, mac_{i-1} || canonical(row_i))` (the first row:
an empty previous MAC), and the key moves on: `k_{i+1} = HMAC-SHA256(k_i, "evolve")`. Only the key of the next
row is kept, in the one-row table `audit_key`, overwritten by every append in the same transaction (PRAGMA
secure_delete zeroes the old bytes in the page). So whoever obtains the database key at row n can forge MACs from
row n on, but cannot recompute the MACs of rows before n: a rewrite of those shows to whoever can compute k_1.

k_1 = HKDF(R, "audit-k1|<db uuid>|<first id>") where R is a random secret sealed under the recovery code
(Argon2id, AES-256-GCM; the database's uuid and the segment's first id bound in) in the key-slot file's own
record `audit_recovery` — not in the database, and never stored in the clear. The app computes k_1 only when it
holds the code: at `init`, or — for a database made before this — the first time someone enters the recovery
code (`recover`, `verify --recovery-code-stdin`); until then there is no segment and a full verification says so.
(A key pair with the public half in the file would let the app start a segment without the code, but would let a
key holder start a fresh, valid-looking one too; a secret only the code opens does not.)

Full verification (`walk`): the code opens R, R gives k_1, and every row from the segment's first id is checked
in order; the key after the last row must be the one stored (a cut tail leaves a key that is ahead of the chain).
Limits: a WAL not yet checkpointed may still hold frames with an older key, until the next checkpoint.
"""

from __future__ import annotations

import hmac
import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argon2.exceptions import HashingError
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy.engine import Connection
from sqlmodel import Session

from ospod_desktop.storage import anchor, keyslots
from ospod_desktop.storage import slot_format as F
from ospod_desktop.storage.files import file_lock, write_private
from ospod_desktop.storage.slot_file import read_file

RECOVERY_RECORD = "audit_recovery"  # the slot file's field
_SESSION_FLAG = "ospod_audit_mac"


def evolve(key: bytes) -> bytes:
    return hmac.digest(key, b"evolve", "sha256")  # the one-shot C path: an import signs 100,000s of rows


def row_mac(key: bytes, prev_mac: str, payload: bytes) -> str:
    return hmac.digest(key, prev_mac.encode("ascii") + payload, "sha256").hex()


def first_key(root: bytes, db_uuid: str, first_id: int) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"ospod-audit",
                info=f"audit-k1|{db_uuid}|{first_id}".encode("ascii")).derive(root)


# --- the key in the database -----------------------------------------------------------------------------------

def has_table(session: Session) -> bool:
    """True when the schema has `audit_key` (revision 0013); asked once per session (a backup of an older schema
    is written to — its restore row — without being migrated)."""
    if _SESSION_FLAG not in session.info:
        found = session.connection().exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_key'").first()
        session.info[_SESSION_FLAG] = found is not None
    return bool(session.info[_SESSION_FLAG])


@dataclass
class KeyState:
    first_id: int
    next_id: int
    key: bytes


def current(session: Session) -> KeyState | None:
    """The segment's first id and the key of the next row (None: no segment, or an older schema)."""
    if not has_table(session):
        return None
    row = session.connection().exec_driver_sql("SELECT first_id, next_id, key FROM audit_key WHERE id = 1").first()
    return KeyState(int(row[0]), int(row[1]), bytes(row[2])) if row else None


def store(session: Session, state: KeyState) -> None:
    session.connection().exec_driver_sql("UPDATE audit_key SET next_id = ?, key = ? WHERE id = 1",
                                         (state.next_id, state.key))


def start(session: Session, k1: bytes, first_id: int) -> None:
    """Begin the MAC segment at row `first_id` (the next row to be written) with key k_1."""
    session.connection().exec_driver_sql(
        "INSERT OR REPLACE INTO audit_key (id, first_id, next_id, key) VALUES (1, ?, ?, ?)", (first_id, first_id, k1))


def sign(state: KeyState | None, row_id: int, prev_mac: str | None, payload: bytes) -> str | None:
    """The MAC of row `row_id` and the key moved on in `state` (None: no segment — no MAC)."""
    if state is None:
        return None
    prev = "" if row_id == state.first_id else (prev_mac or "")
    mac = row_mac(state.key, prev, payload)
    state.key, state.next_id = evolve(state.key), row_id + 1
    return mac


# --- the recovery record in the slot file ----------------------------------------------------------------------

def _aad(db_uuid: str, first_id: int) -> bytes:
    return F.canonical({"file": F.FORMAT, "record": RECOVERY_RECORD, "db_uuid": db_uuid, "first_id": first_id})


def _record_mac(db_key: bytes, db_uuid: str, record: dict) -> str:
    value = {"db_uuid": db_uuid, "record": {k: v for k, v in record.items() if k != "mac"}}
    return hmac.new(F.mac_key(db_key, db_uuid), b"audit_recovery\0" + F.canonical(value), "sha256").hexdigest()


def record_intact(record: Any, db_key: bytes, db_uuid: str) -> bool:
    """The record as a key holder wrote it (its HMAC under the slot file's MAC key): a flipped byte is found by
    `verify` without the recovery code."""
    return (isinstance(record, dict) and isinstance(record.get("mac"), str)
            and F.same(_record_mac(db_key, db_uuid, record), record["mac"]))


def seal_root(code: str, db_uuid: str, first_id: int, db_key: bytes) -> tuple[dict, bytes]:
    """A new random root R sealed under the recovery code: (the slot-file record, k_1 of the segment)."""
    root = secrets.token_bytes(32)
    return _sealed(root, code, db_uuid, first_id, db_key), first_key(root, db_uuid, first_id)


def _sealed(root: bytes, code: str, db_uuid: str, first_id: int, db_key: bytes) -> dict:
    kdf = keyslots.DEFAULT_KDF
    salt, nonce = secrets.token_bytes(F.SALT_BYTES), secrets.token_bytes(F.NONCE_BYTES)
    wrapping = keyslots._derive(keyslots.normalise_recovery_code(code), salt, kdf)
    record = {"first_id": first_id, "kdf": {"name": "argon2id", "salt": F.b64(salt), "time_cost": kdf.time_cost,
                                            "memory_cost": kdf.memory_cost, "parallelism": kdf.parallelism},
              "nonce": F.b64(nonce), "sealed": F.b64(AESGCM(wrapping).encrypt(nonce, root, _aad(db_uuid, first_id)))}
    record["mac"] = _record_mac(db_key, db_uuid, record)
    return record


def _open_root(record: Any, code: str, db_uuid: str) -> tuple[int, bytes] | None:
    try:
        kdf = record["kdf"]
        params = keyslots.KdfParams(int(kdf["time_cost"]), int(kdf["memory_cost"]), int(kdf["parallelism"]))
        first_id = int(record["first_id"])
        wrapping = keyslots._derive(keyslots.normalise_recovery_code(code), F.unb64(kdf["salt"]), params)
        root = AESGCM(wrapping).decrypt(F.unb64(record["nonce"]), F.unb64(record["sealed"]), _aad(db_uuid, first_id))
    except (InvalidTag, HashingError, KeyError, TypeError, ValueError):
        return None
    return first_id, root


def open_root(record: Any, code: str, db_uuid: str) -> tuple[int, bytes] | None:
    """(first id, k_1) from the record with the recovery code; None when the code or the record is wrong."""
    opened = _open_root(record, code, db_uuid)
    return None if opened is None else (opened[0], first_key(opened[1], db_uuid, opened[0]))


def reseal_root(record: Any, code: str, new_code: str, db_uuid: str, db_key: bytes) -> dict | None:
    """The record with the same root R (the same segment and k_1) sealed under `new_code` instead (a renewed
    recovery code); None when `code` or the record is wrong. The caller stores it in the slot file."""
    opened = _open_root(record, code, db_uuid)
    return None if opened is None else _sealed(opened[1], new_code, db_uuid, opened[0], db_key)


def read_record(db_path: Path) -> Any:
    """The slot file's audit recovery record (None: not set up)."""
    return read_file(anchor.keys_path(Path(db_path))).get(RECOVERY_RECORD)


def write_record(db_path: Path, record: dict) -> None:
    """Put the record in the slot file (read afresh; atomically: temp file, fsync, rename)."""
    path = anchor.keys_path(Path(db_path))
    with file_lock(path):
        data = read_file(path)
        data[RECOVERY_RECORD] = record
        write_private(path, json.dumps(data, indent=1, sort_keys=True).encode("utf-8"))


# --- full verification -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class MacReport:
    """`first_bad_id` None: every MAC from `first_id` holds and the stored key is the one after the last row."""

    first_id: int
    checked: int
    first_bad_id: int | None = None
    problem: str = ""  # "mac mismatch" | "mac missing" | "key ahead" (rows cut from the end) | "key mismatch"


def walk(conn: Connection, k1: bytes, first_id: int, batch: int = 5000) -> MacReport:
    """Check every row's MAC from `first_id` with k_1, then the stored key against the one the walk ends with."""
    from ospod_desktop.storage.audit import HASHED, _canonical

    key, prev, expected, checked = k1, "", first_id, 0
    columns = ", ".join(HASHED)
    while True:
        rows = conn.exec_driver_sql(f"SELECT {columns}, mac FROM audit_log WHERE id >= ? ORDER BY id LIMIT ?",
                                    (expected, batch)).all()
        if not rows:
            break
        for row in rows:
            values = list(row)
            row_id, mac = values[0], values[-1]
            if row_id != expected:
                return MacReport(first_id, checked, expected, "mac missing")
            if not mac:
                return MacReport(first_id, checked, row_id, "mac missing")
            if not hmac.compare_digest(str(mac), row_mac(key, prev, _canonical(values[:-1]))):
                return MacReport(first_id, checked, row_id, "mac mismatch")
            prev, key, expected, checked = str(mac), evolve(key), expected + 1, checked + 1
    stored = conn.exec_driver_sql("SELECT first_id, next_id, key FROM audit_key WHERE id = 1").first()
    if stored is None or int(stored[0]) != first_id:
        return MacReport(first_id, checked, expected, "key mismatch")
    if int(stored[1]) != expected or not hmac.compare_digest(bytes(stored[2]), key):
        return MacReport(first_id, checked, expected, "key ahead" if int(stored[1]) > expected else "key mismatch")
    return MacReport(first_id, checked)
