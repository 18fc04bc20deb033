"""The audit chain's anchor: the head's id and the first characters of its hash, kept outside the database.

An anchor `ID:DIGEST` (e.g. `1234:9f2c0a51e3b7d604`) says "the chain had row ID, and its hash began with DIGEST".
Every row's hash covers every row before it, so a database that still agrees with an anchor has every row up to
ID unchanged. Where anchors live: the key-slot file (an authenticated record `anchor`, moved forward after every
write transaction that added audit rows: `Keeper`), every backup's key file (a copy), the printed documents and the
exports. A database whose newest row is older than the anchor lost rows (a damaged WAL dropped a committed
transaction; a tail was deleted); one whose row ID has another hash was rewritten (a fork).

The slot-file record is HMAC-SHA256 under the slot file's MAC key (from the database key): it tells a crash from
a tamperer who does not hold the key; a key holder can rewrite it too — the anchors that left the machine (backups,
paper, exports) and the recovery-code verification are what catch that one (README, "Reliability and security").
The record is its own field of the slot file, read and written here only, so it never mixes with the slots.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Connection

from ospod_desktop.storage import slot_format as F
from ospod_desktop.storage.files import file_lock, write_private
from ospod_desktop.storage.slot_file import read_file

log = logging.getLogger(__name__)


def keys_path(db_path: Path) -> Path:
    """The slot file beside a database (as `keyslots.keys_path`, which imports this module)."""
    return db_path.with_name(db_path.name + ".keys")


DIGEST_HEX = 16  # 64 bits of the row's hash: enough to tell any rewrite, short enough to print and type
RECORD = "anchor"  # the slot file's field
# Why the anchor was last set: only a restore, an accepted loss and the repair of a damaged record (at a login)
# may move it backwards.
REASONS = ("commit", "restore", "loss_accepted", "repair")
_TEXT = re.compile(r"^\s*(\d{1,18})\s*:\s*([0-9a-fA-F]{" + str(DIGEST_HEX) + r"})\s*$")
_DIGEST = re.compile(r"[0-9a-f]{" + str(DIGEST_HEX) + "}")

# What a database says against an anchor (Contradiction.code).
TRUNCATED = "truncated"  # the anchor's row is gone: the newest row is older
FORKED = "forked"  # the anchor's row is there with another hash: the chain was rewritten up to it


@dataclass(frozen=True)
class Anchor:
    """A head of the audit chain: its row id and the first DIGEST_HEX hex characters of its hash."""

    id: int
    digest: str

    def text(self) -> str:
        return f"{self.id}:{self.digest}"


def of_row(row_id: int, row_hash: str) -> Anchor:
    return Anchor(int(row_id), str(row_hash)[:DIGEST_HEX].lower())


def parse(text: str) -> Anchor:
    """`ID:DIGEST` as printed (spaces and case ignored); ValueError when it is not one."""
    found = _TEXT.match(text or "")
    if not found:
        raise ValueError("not an anchor")
    return Anchor(int(found.group(1)), found.group(2).lower())


def head_of(conn: Connection) -> Anchor | None:
    """The anchor of the newest row (None: an empty chain)."""
    row = conn.exec_driver_sql("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").first()
    return of_row(row[0], row[1]) if row else None


@dataclass(frozen=True)
class Contradiction:
    """What the database says against an anchor: `code` (TRUNCATED, FORKED) and its newest row id (`head`)."""

    code: str
    anchor: Anchor
    head: int


def contradiction(conn: Connection, anchor: Anchor) -> Contradiction | None:
    """None when the chain still holds the anchor's row with that hash (or the anchor is of an empty chain)."""
    if anchor.id <= 0:
        return None
    newest = conn.exec_driver_sql("SELECT max(id) FROM audit_log").scalar()
    head = int(newest) if newest is not None else 0
    if head < anchor.id:
        return Contradiction(TRUNCATED, anchor, head)
    stored = conn.exec_driver_sql("SELECT hash FROM audit_log WHERE id = ?", (anchor.id,)).scalar()
    if stored is None or not str(stored).lower().startswith(anchor.digest):
        return Contradiction(FORKED, anchor, head)
    return None


# --- the slot file's record ---------------------------------------------------------------------------------

def _mac(mac_key: bytes, db_uuid: str, record: dict) -> str:
    value = {"db_uuid": db_uuid, "id": record.get("id"), "digest": record.get("digest"),
             "reason": record.get("reason")}
    return hmac.new(mac_key, b"anchor\0" + F.canonical(value), hashlib.sha256).hexdigest()


def _well_formed(record: Any) -> bool:
    if not isinstance(record, dict) or set(record) != {"id", "digest", "reason", "mac"}:
        return False
    row_id, digest = record["id"], record["digest"]
    return (isinstance(row_id, int) and not isinstance(row_id, bool) and row_id >= 0 and isinstance(digest, str)
            and _DIGEST.fullmatch(digest) is not None and record["reason"] in REASONS
            and isinstance(record["mac"], str))


@dataclass(frozen=True)
class SlotAnchor:
    """The slot file's anchor as read: `anchor` None with `damaged` False: none was written yet (an older
    database); `damaged`: the record is malformed or does not authenticate (changed without the key)."""

    anchor: Anchor | None
    reason: str = ""
    damaged: bool = False


def read_record(data: dict, db_key: bytes) -> SlotAnchor:
    record = data.get(RECORD)
    if record is None:
        return SlotAnchor(None)
    if not _well_formed(record):
        return SlotAnchor(None, damaged=True)
    key = F.mac_key(db_key, str(data["db_uuid"]))
    if not F.same(_mac(key, str(data["db_uuid"]), record), record["mac"]):
        return SlotAnchor(None, damaged=True)
    return SlotAnchor(Anchor(record["id"], record["digest"]), record["reason"])


def read(db_path: Path, db_key: bytes) -> SlotAnchor:
    """The anchor in the slot file beside `db_path` (KeyFileDamaged/NotOurDatabase as `slot_file.read_file`)."""
    return read_record(read_file(keys_path(Path(db_path))), db_key)


def write(db_path: Path, db_key: bytes, anchor: Anchor, reason: str = "commit") -> bool:
    """Move the slot file's anchor to `anchor` (atomically: temp file, fsync, rename). A "commit" only moves it
    forward (a lower id — another process's older view — is ignored; False); any other reason sets it whatever
    it was. Only the `anchor` field is changed: the file is read afresh, not from memory."""
    path = keys_path(Path(db_path))
    with file_lock(path):  # read, change and write as one against this process's other writers of the file
        data = read_file(path)
        current = read_record(data, db_key)
        if reason == "commit" and current.anchor is not None and current.anchor.id >= anchor.id:
            return False
        record: dict[str, Any] = {"id": anchor.id, "digest": anchor.digest, "reason": reason}
        record["mac"] = _mac(F.mac_key(db_key, str(data["db_uuid"])), str(data["db_uuid"]), record)
        data[RECORD] = record
        write_private(path, json.dumps(data, indent=1, sort_keys=True).encode("utf-8"))
    return True


def keep_on_disk(path: Path, data: dict, skip: frozenset[str] = frozenset()) -> None:
    """Before a slot file held in memory is written back (`KeySlots.save`): take the anchor (and the audit
    recovery record) on disk, which their own writers may have changed since the file was read — except those
    in `skip`, which this copy replaced itself (`KeySlots.replace_record`)."""
    try:
        on_disk = read_file(path)
    except Exception:  # noqa: BLE001 (a missing or damaged file: keep what is in memory)
        return
    if on_disk.get("db_uuid") == data.get("db_uuid"):
        for name in (RECORD, "audit_recovery"):  # audit_recovery: `storage.audit_mac.RECOVERY_RECORD`
            if name in on_disk and name not in skip:
                data[name] = on_disk[name]


class Keeper:
    """`Database.on_commit`: after a write transaction that moved the chain's head, move the slot file's anchor.

    A failure to write it is logged, never raised: the transaction is committed already."""

    def __init__(self, db_path: Path, db_key: bytes) -> None:
        self.db_path = Path(db_path)
        self._key = db_key
        self.last: Anchor | None = None

    def __call__(self, head: Anchor | None) -> None:
        if head is None or head == self.last:
            return
        try:
            write(self.db_path, self._key, head)
            self.last = head
        except Exception:  # noqa: BLE001 (the commit stands; the next one tries again)
            log.warning("the audit anchor could not be written to the key file", exc_info=False)
