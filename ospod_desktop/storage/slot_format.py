"""The key-slot file's format: its structure checks and its MACs (see `storage.keyslots` for the whole story).

Version 2, as JSON (every byte string in base64, every MAC in hex):

    {"format": "ospod-keyslots", "version": 2, "db_uuid": "<uuid>",
     "db_uuid_check": "<16 hex: SHA-256 of the format and uuid>",
     "slots": [{"id": "<32 hex>", "kind": "user" | "recovery", "user_tag": "<64 hex>" (users only),
                "must_change": bool, "changed": "<ISO time>" (users only),
                "kdf": {"name": "argon2id", "salt": <16 bytes>, "time_cost", "memory_cost", "parallelism"},
                "nonce": <12 bytes>, "wrapped_key": <48 bytes>, "seal": 1 | 2, "mac": "<64 hex>"}, ...],
     "index": {"slots": [["<id>", "<kind>", "<user tag or ''>", "<the slot's mac>"], ...], "mac": "<64 hex>"},
     "events": {"copied": N, "mac": "<64 hex>"},
     "pending_events": [{"seq": N, "ts": "<ISO time>", "action": "login_failed" | "recovery_failed",
                         "tag": "<user tag or ''>"}, ...]}

`wrapped_key` is the database key sealed with AES-256-GCM under the Argon2id key of the slot's secret; its
associated data (`seal` 2) binds the file's uuid and the slot's id, kind, user tag and whole `kdf`. Slots of
version 1 files keep their `seal` 1 (uuid, id, kind, tag) until their owner next logs in. `mac` (every slot
field but itself), the index (the header and the ordered list of slots with their MACs) and `events` (how many
pending failures were already copied into the audit chain) are HMAC-SHA256 under a key derived from the
database key: anyone who can open the database checks every slot, other users' and the recovery slot too.
`pending_events` alone is not authenticated: a wrong password opens nothing to sign it with.

The checks name what they find as `SlotDamage` codes; `storage.slot_messages` words them.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

FORMAT = "ospod-keyslots"
VERSION = 2
READABLE_VERSIONS = (1, 2)
KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12
WRAPPED_BYTES = KEY_BYTES + 16  # the key and the GCM tag
KINDS = ("user", "recovery")
EVENT_ACTIONS = ("login_failed", "recovery_failed", "login_locked")  # login_locked: written by version 1 only
# Argon2id costs a slot may ask for: beyond them the file is damaged (a huge cost would stall every login).
TIME_COST = (1, 16)
MEMORY_COST = (8, 4 * 1024 * 1024)  # KiB: up to 4 GiB
PARALLELISM = (1, 16)
MAX_SEQ = 2**53

_HEX32 = re.compile(r"^[0-9a-f]{32}$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

# What a check found (SlotDamage.code).
NOT_OBJECT = "not_object"  # the slot is not a JSON object
MISSING = "missing"  # field: absent
WRONG_TYPE = "wrong_type"  # field: not the type it must be
BAD_BASE64 = "bad_base64"  # field: not base64
BAD_LENGTH = "bad_length"  # field: `got` bytes where `want` are needed
BAD_VALUE = "bad_value"  # field: a value outside what it may be (Argon2 costs, kind, ids)
UNKNOWN_FIELD = "unknown_field"  # field: a name the format does not have
DUPLICATE = "duplicate"  # the same id, user or a second recovery slot as slot `other`
BAD_MAC = "bad_mac"  # the slot's MAC does not match: changed after it was written
NO_MAC = "no_mac"  # a version 2 slot without its MAC
REPLACED = "replaced"  # the slot authenticates, but it is not the copy the index lists (an older one)
MISSING_SLOT = "missing_slot"  # the index lists a slot the file no longer has (kind and tag from the index)
EXTRA_SLOT = "extra_slot"  # the file has a slot the index does not list
ORDER = "order"  # the slots are all there but in another order
INDEX_DAMAGED = "index_damaged"  # field: the index itself is malformed
INDEX_MAC = "index_mac"  # the index does not authenticate: the list of slots was changed
EVENTS_MAC = "events_mac"  # the count of copied failures does not authenticate

FIELD_LABELS = ("id", "kind", "user_tag", "kdf", "name", "salt", "time_cost", "memory_cost", "parallelism", "nonce",
                "wrapped_key", "seal", "mac", "must_change", "changed", "failed", "locked_until", "office_key",
                "office_request", "office_grant", "office_bootstrap")


@dataclass(frozen=True)
class SlotDamage:
    """One problem of the slot file: `number` is the slot's place in the file (1 = the first), None for the
    index and the events record; `kind` and `tag` say whose slot it is, as far as they could be read."""

    code: str
    number: int | None = None
    kind: str = ""
    tag: str = ""
    field: str = ""
    got: int | None = None
    want: int | None = None
    other: int | None = None


Damage = Callable[..., SlotDamage]  # makes a SlotDamage of one slot: (code, field, **more)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")


# --- structure --------------------------------------------------------------------------------------------

def _identity(slot: Any) -> tuple[str, str]:
    """The slot's kind and user tag when they can be read (for naming it), else empty strings."""
    if not isinstance(slot, dict):
        return "", ""
    kind = slot.get("kind") if slot.get("kind") in KINDS else ""
    tag = slot.get("user_tag")
    return str(kind), tag if isinstance(tag, str) and _HEX64.match(tag) else ""


def _bytes_field(holder: dict, name: str, size: int, damage: Damage) -> SlotDamage | None:
    if name not in holder:
        return damage(MISSING, name)
    value = holder[name]
    if not isinstance(value, str):
        return damage(WRONG_TYPE, name)
    try:
        raw = unb64(value)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        return damage(BAD_BASE64, name)
    if len(raw) != size:
        return damage(BAD_LENGTH, name, got=len(raw), want=size)
    return None


def _int_field(holder: dict, name: str, low: int, high: int, damage: Damage) -> SlotDamage | None:
    if name not in holder:
        return damage(MISSING, name)
    value = holder[name]
    if not isinstance(value, int) or isinstance(value, bool):
        return damage(WRONG_TYPE, name)
    if not low <= value <= high:
        return damage(BAD_VALUE, name)
    return None


def check_kdf(kdf: Any, damage: Damage) -> SlotDamage | None:
    """The Argon2id parameters: a name, a 16-byte salt and costs Argon2 accepts and a login can afford."""
    if not isinstance(kdf, dict):
        return damage(WRONG_TYPE, "kdf")
    if "name" not in kdf:
        return damage(MISSING, "name")
    if kdf["name"] != "argon2id":
        return damage(BAD_VALUE, "name")
    for problem in (_bytes_field(kdf, "salt", SALT_BYTES, damage),
                    _int_field(kdf, "time_cost", *TIME_COST, damage),
                    _int_field(kdf, "memory_cost", *MEMORY_COST, damage),
                    _int_field(kdf, "parallelism", *PARALLELISM, damage)):
        if problem:
            return problem
    if kdf["memory_cost"] < 8 * kdf["parallelism"]:  # Argon2's own rule: 8 KiB per lane at least
        return damage(BAD_VALUE, "memory_cost")
    extra = sorted(set(kdf) - {"name", "salt", "time_cost", "memory_cost", "parallelism"})
    return damage(UNKNOWN_FIELD, extra[0]) if extra else None


def check_slot(slot: Any, number: int, version: int) -> SlotDamage | None:
    """The first structural problem of one slot (None: well formed). Nothing secret is needed."""
    kind, tag = _identity(slot)

    def damage(code: str, name: str = "", **more: Any) -> SlotDamage:
        return SlotDamage(code, number, kind, tag, name, **more)

    if not isinstance(slot, dict):
        return damage(NOT_OBJECT)
    for name in ("id", "kind"):
        if name not in slot:
            return damage(MISSING, name)
        if not isinstance(slot[name], str):
            return damage(WRONG_TYPE, name)
    if not _HEX32.match(slot["id"]):
        return damage(BAD_VALUE, "id")
    if slot["kind"] not in KINDS:
        return damage(BAD_VALUE, "kind")
    allowed = {"id", "kind", "kdf", "nonce", "wrapped_key"}
    if slot["kind"] == "user":
        allowed |= {"user_tag", "must_change", "changed"}
        if "user_tag" not in slot:
            return damage(MISSING, "user_tag")
        if not isinstance(slot["user_tag"], str):
            return damage(WRONG_TYPE, "user_tag")
        if not _HEX64.match(slot["user_tag"]):
            return damage(BAD_VALUE, "user_tag")
        if not isinstance(slot.get("must_change", False), bool):
            return damage(WRONG_TYPE, "must_change")
        if "changed" in slot and not _is_time(slot["changed"]):
            return damage(WRONG_TYPE if not isinstance(slot["changed"], str) else BAD_VALUE, "changed")
    if "kdf" not in slot:
        return damage(MISSING, "kdf")
    problem = (check_kdf(slot["kdf"], damage) or _bytes_field(slot, "nonce", NONCE_BYTES, damage)
               or _bytes_field(slot, "wrapped_key", WRAPPED_BYTES, damage))
    if problem:
        return problem
    if version == 1:
        allowed |= {"failed", "locked_until"}  # the stored lockout of version 1, dropped when it is migrated
    else:
        allowed |= {"seal", "mac"} | set(OFFICE_FIELDS)
        problem = check_office_fields(slot, damage)
        if problem:
            return problem
        problem = _int_field(slot, "seal", 1, 2, damage)
        if problem:
            return problem
        if "mac" not in slot:
            return damage(NO_MAC, "mac")
        if not isinstance(slot["mac"], str) or not _HEX64.match(slot["mac"]):
            return damage(WRONG_TYPE, "mac")
    extra = sorted(set(slot) - allowed)
    return damage(UNKNOWN_FIELD, extra[0]) if extra else None


# The office key (issue 14 item 3, `storage.office_slots`): optional fields of a version 2 slot, authenticated by
# the slot's MAC like every other field; a file without them stays readable.
#   office_key:       nonce || the office key sealed under the slot's Argon2id key (user and recovery slots)
#   office_request:   X25519 public key || nonce || its private key sealed under the slot's key (a user slot
#                     that waits for a supervisor's grant)
#   office_grant:     ephemeral X25519 public key || nonce || the office key sealed to the request's public key
#   office_bootstrap: nonce || the office key sealed under a key derived from the database key (recovery slot
#                     only, until the office's first supervisor holds the office key)
OFFICE_FIELDS = {"office_key": NONCE_BYTES + WRAPPED_BYTES, "office_request": 32 + NONCE_BYTES + WRAPPED_BYTES,
                 "office_grant": 32 + NONCE_BYTES + WRAPPED_BYTES, "office_bootstrap": NONCE_BYTES + WRAPPED_BYTES}


def check_office_fields(slot: dict, damage: Damage) -> SlotDamage | None:
    """The office-key fields a slot has: each of its fixed length; the bootstrap in the recovery slot only."""
    for name, size in OFFICE_FIELDS.items():
        if name in slot:
            if name != "office_key" and (name == "office_bootstrap") != (slot["kind"] == "recovery"):
                return damage(UNKNOWN_FIELD, name)  # a bootstrap in a user slot, a request in the recovery slot
            problem = _bytes_field(slot, name, size, damage)
            if problem:
                return problem
    return None


def _is_time(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def duplicates(slots: list, good: set[int]) -> list[SlotDamage]:
    """A slot id, a user or the recovery slot met twice (among the well-formed slots, by index into `slots`)."""
    found: list[SlotDamage] = []
    seen: dict[tuple[str, str], int] = {}
    for i in sorted(good):
        slot = slots[i]
        keys = [("id", slot["id"]), ("user", slot["user_tag"]) if slot["kind"] == "user" else ("recovery", "")]
        for key in keys:
            if key in seen:
                found.append(SlotDamage(DUPLICATE, i + 1, slot["kind"], slot.get("user_tag", ""),
                                        "id" if key[0] == "id" else "user_tag", other=seen[key] + 1))
                break
        for key in keys:
            seen.setdefault(key, i)
    return found


# --- authenticity -----------------------------------------------------------------------------------------

def mac_key(db_key: bytes, db_uuid: str) -> bytes:
    """The slot file's MAC key: HKDF-SHA256 of the database key, bound to this file's uuid."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"ospod-keyslots",
                info=b"slot-mac|" + db_uuid.encode("ascii")).derive(db_key)


def _hmac(key: bytes, label: bytes, value: Any) -> str:
    return hmac.new(key, label + b"\0" + canonical(value), hashlib.sha256).hexdigest()


def slot_mac(key: bytes, db_uuid: str, slot: dict) -> str:
    """The MAC of every field of a slot but `mac`, and of the file it belongs to."""
    return _hmac(key, b"slot", {"db_uuid": db_uuid, "slot": {k: v for k, v in slot.items() if k != "mac"}})


def index_entries(slots: list[dict]) -> list[list[str]]:
    return [[s["id"], s["kind"], s.get("user_tag", ""), s.get("mac", "")] for s in slots]


def index_mac(key: bytes, data: dict, entries: list) -> str:
    return _hmac(key, b"index", {"format": data["format"], "version": VERSION, "db_uuid": data["db_uuid"],
                                 "slots": entries})


def events_mac(key: bytes, db_uuid: str, copied: int) -> str:
    return _hmac(key, b"events", {"db_uuid": db_uuid, "copied": copied})


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("ascii", "replace"), b.encode("ascii", "replace"))


def check_index(key: bytes, data: dict, slots: list, good: set[int]) -> list[SlotDamage]:
    """The index against the slots: missing, extra, replaced or reordered slots, and the index's own MAC."""
    index = data.get("index")
    if not isinstance(index, dict):
        return [SlotDamage(INDEX_DAMAGED, field="index")]
    entries: Any = index.get("slots")
    mac = index.get("mac")
    well_formed = isinstance(entries, list) and all(
        isinstance(e, list) and len(e) == 4 and all(isinstance(x, str) for x in e) for e in entries)
    if not well_formed or not isinstance(mac, str):
        return [SlotDamage(INDEX_DAMAGED, field="slots" if not well_formed else "mac")]
    found: list[SlotDamage] = []
    if not same(index_mac(key, data, entries), mac):
        found.append(SlotDamage(INDEX_MAC))
    listed = {e[0]: (pos, e) for pos, e in enumerate(entries)}
    present = {s["id"]: i for i, s in enumerate(slots) if i in good}
    for slot_id, (_pos, entry) in listed.items():
        if slot_id not in present and not any(
                isinstance(s, dict) and s.get("id") == slot_id for s in slots):
            found.append(SlotDamage(MISSING_SLOT, None, entry[1] if entry[1] in KINDS else "", entry[2]))
    for slot_id, i in present.items():
        slot = slots[i]
        if slot_id not in listed:
            found.append(SlotDamage(EXTRA_SLOT, i + 1, slot["kind"], slot.get("user_tag", "")))
        elif not same(listed[slot_id][1][3], slot.get("mac", "")):
            found.append(SlotDamage(REPLACED, i + 1, slot["kind"], slot.get("user_tag", "")))
    order_listed = [e[0] for e in entries if e[0] in present]
    order_present = [s["id"] for i, s in enumerate(slots) if i in good and s["id"] in listed]
    if not found and order_listed != order_present:
        found.append(SlotDamage(ORDER))
    return found


def check_events(key: bytes, data: dict) -> list[SlotDamage]:
    record = data.get("events")
    if not isinstance(record, dict) or not isinstance(record.get("copied"), int) or not isinstance(
            record.get("mac"), str):
        return [SlotDamage(INDEX_DAMAGED, field="events")]
    if not same(events_mac(key, data["db_uuid"], record["copied"]), record["mac"]):
        return [SlotDamage(EVENTS_MAC)]
    return []


def uuid_check(db_uuid: str) -> str:
    """A checksum of the file's uuid (every user tag hangs on it): accidental damage to it is found at once."""
    return hashlib.sha256(f"{FORMAT}|{db_uuid}".encode()).hexdigest()[:16]


def is_uuid(value: Any) -> bool:
    return isinstance(value, str) and bool(_UUID.match(value))


def audit_slots(key: bytes, data: dict) -> list[SlotDamage]:
    """Every problem of a slot file for a key holder (`key`: its MAC key): each slot's structure and MAC,
    repeats, the index and the count of copied failures. Empty: every slot is as a key holder wrote it."""
    version, db_uuid, slots = data["version"], data["db_uuid"], data["slots"]
    found: list[SlotDamage] = []
    good: set[int] = set()
    for i, slot in enumerate(slots):
        damage = check_slot(slot, i + 1, version)
        if damage is None and version == VERSION and not same(slot_mac(key, db_uuid, slot), slot["mac"]):
            damage = SlotDamage(BAD_MAC, i + 1, slot["kind"], slot.get("user_tag", ""))
        if damage is None:
            good.add(i)
        else:
            found.append(damage)
    found += duplicates(slots, good)
    if version == VERSION:
        found += check_index(key, data, slots, good)
        found += check_events(key, data)
    return found
