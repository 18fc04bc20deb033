"""LUKS-style key slots: one random database key, wrapped per user by an Argon2id-derived key.

The slot file sits beside the database (`<db>.keys`, JSON, mode 0600; the format is in `storage.slot_format`).
Each slot holds an Argon2id salt and parameters and the database key sealed with AES-256-GCM, the slot's
identity and parameters bound in as associated data. Everything a key holder writes is authenticated: each
slot has an HMAC-SHA256 under a key derived from the database key, and so have the ordered list of slots (the
index) and the count of failures already copied into the audit chain. Whoever opens the database can so check
every slot — other users' and the recovery slot too (`audit`). A password change re-wraps one slot.

Failed attempts: a wrong password cannot open the database, so the failure is appended to `pending_events`
(with a sequence number) and copied into the audit chain at the next successful login. Those events cannot be
authenticated — a process that failed holds no key — so whoever can write the file can remove or forge pending
ones: at worst events are lost or invented, never is an account locked (nothing is locked: the running app slows
repeated failures down in memory, `storage.slot_throttle`). Failures already copied are in the audit chain,
out of reach of the file; the authenticated count of copied events keeps a replayed old event from being copied
twice (when the count itself fails its MAC, every pending event is copied: at worst twice, never lost).

A login never rewrites a list of slots that did not authenticate (`verify` keeps naming the problem); a key
holder's explicit change of the slots — a password set or reset, an account disabled, a new recovery code —
writes the list anew from the slots as they are: that is how a damaged slot is repaired (and a removal made
before it is accepted). A slot whose own MAC fails stays reported until it is replaced.

Version 1 files (no MACs, a stored lockout) are read and migrated to version 2 at the next successful login:
the slots that are well formed then are trusted and MACed (trust on first use); a slot's seal is renewed when its
owner next logs in. What the MACs cannot show: the whole file replaced by an older copy of itself.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from argon2.exceptions import HashingError
from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from ospod_desktop.core.errors import AuthenticationError, KeyFileDamaged
from ospod_desktop.core.passwords import normalise_password
from ospod_desktop.storage import slot_format as F
from ospod_desktop.storage import slot_messages as M
from ospod_desktop.storage import slot_throttle
from ospod_desktop.storage.slot_format import FORMAT, VERSION, b64, unb64
from ospod_desktop.storage.slot_store import SlotStore, keys_path  # noqa: F401 (keys_path: its callers import it here)

RECOVERY_GROUPS = 8  # 8 groups of 5 base32 characters = 200 bits
RECOVERY_TAG = "recovery"  # the throttle's name for the recovery code


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost; stored per slot so slots made with older costs keep working."""

    time_cost: int = 3
    memory_cost: int = 65536  # KiB = 64 MiB
    parallelism: int = 1


DEFAULT_KDF = KdfParams()


def user_tag(db_uuid: str, username: str) -> str:
    """The slot's name for a user: a hash, so the file does not list the office's accounts."""
    return hashlib.sha256(f"{db_uuid}:{username.strip().casefold()}".encode()).hexdigest()


def _derive(secret: str, salt: bytes, kdf: KdfParams) -> bytes:
    return hash_secret_raw(normalise_password(secret).encode("utf-8"), salt, time_cost=kdf.time_cost,
                           memory_cost=kdf.memory_cost, parallelism=kdf.parallelism, hash_len=32, type=Type.ID)


def new_recovery_code() -> str:
    """A random code to show once: groups of base32 characters, easy to read aloud and type."""
    raw = base64.b32encode(secrets.token_bytes(25)).decode("ascii")
    return "-".join(raw[i : i + 5] for i in range(0, RECOVERY_GROUPS * 5, 5))


def normalise_recovery_code(code: str) -> str:
    """Accept the code with or without dashes, spaces or lowercase."""
    text = "".join(ch for ch in code.upper() if ch.isalnum())
    return "-".join(text[i : i + 5] for i in range(0, len(text), 5))


def _now() -> datetime:
    return datetime.now(UTC)


class KeySlots(SlotStore):
    """The slot file of one database, loaded into memory (`SlotStore`: the file, its MACs, the failed attempts);
    its slots sealed, opened and checked."""

    # -- slots ------------------------------------------------------------------------------
    def _aad(self, slot: dict) -> bytes:
        if slot.get("seal", 1) == 1:  # version 1's binding
            return f"{self.db_uuid}|{slot['id']}|{slot['kind']}|{slot.get('user_tag', '')}".encode()
        return F.canonical({"file": FORMAT, "db_uuid": self.db_uuid, "id": slot["id"], "kind": slot["kind"],
                            "user_tag": slot.get("user_tag", ""), "kdf": slot["kdf"]})

    def _wrap(self, slot: dict, wrapping: bytes, db_key: bytes) -> None:
        nonce = secrets.token_bytes(F.NONCE_BYTES)
        slot["seal"] = 2
        slot["nonce"] = b64(nonce)
        slot["wrapped_key"] = b64(AESGCM(wrapping).encrypt(nonce, db_key, self._aad(slot)))

    def _seal(self, slot: dict, secret: str, db_key: bytes, kdf: KdfParams) -> None:
        salt = secrets.token_bytes(F.SALT_BYTES)
        slot["kdf"] = {"name": "argon2id", "salt": b64(salt), "time_cost": kdf.time_cost,
                       "memory_cost": kdf.memory_cost, "parallelism": kdf.parallelism}
        wrapping = _derive(secret, salt, kdf)
        self.wrapping_keys[slot["id"]] = wrapping
        self._wrap(slot, wrapping, db_key)

    def _open(self, slot: dict, secret: str) -> tuple[bytes, bytes] | None:
        """(database key, wrapping key) when `secret` opens the slot (a well-formed one)."""
        kdf = slot["kdf"]
        params = KdfParams(kdf["time_cost"], kdf["memory_cost"], kdf["parallelism"])
        try:
            wrapping = _derive(secret, unb64(kdf["salt"]), params)
        except HashingError as exc:  # parameters Argon2 refuses though they passed the checks
            raise KeyFileDamaged(M.file_damaged(self.path, M.describe(
                F.SlotDamage(F.BAD_VALUE, self.slots.index(slot) + 1, slot["kind"], slot.get("user_tag", ""),
                             "kdf"))), "argon2") from exc
        try:
            return AESGCM(wrapping).decrypt(unb64(slot["nonce"]), unb64(slot["wrapped_key"]),
                                            self._aad(slot)), wrapping
        except InvalidTag:
            return None

    def remac(self, slot: dict) -> bool:
        """A key holder changed a field of a slot (`storage.office_slots`): its MAC renewed (the index at `save`).
        False unless the key is known and the list of slots authenticated."""
        if self._mac_key is not None and self._index_trusted:
            self._mac(slot)
        return self._mac_key is not None and self._index_trusted

    def _find(self, kind: str, tag: str = "") -> tuple[int, dict] | None:
        """The slot of a user (or the recovery slot), even a damaged one, as long as its kind and tag read."""
        for i, slot in enumerate(self.slots):
            if isinstance(slot, dict) and slot.get("kind") == kind and (kind != "user" or slot.get("user_tag") == tag):
                return i, slot
        return None

    def _checked(self, found: tuple[int, dict], who: str) -> dict:
        """The slot about to be opened, or KeyFileDamaged naming it when it is malformed."""
        i, slot = found
        damage = F.check_slot(slot, i + 1, self.data["version"])
        if damage is not None and damage.code != F.NO_MAC:
            raise KeyFileDamaged(M.own_slot(self.path, damage, {damage.tag: (who, "")} if who else {}), damage.code)
        return slot

    def find_user_slot(self, username: str) -> dict | None:
        found = self._find("user", user_tag(self.db_uuid, username))
        return found[1] if found else None

    def set_user_password(
        self, username: str, password: str, db_key: bytes, must_change: bool = False, kdf: KdfParams | None = None
    ) -> None:
        """Create or re-wrap the user's slot (a damaged one is replaced); only this slot changes."""
        tag = user_tag(self.db_uuid, username)
        found = self._find("user", tag)
        old_id = found[1].get("id") if found else None
        slot = {"id": old_id if isinstance(old_id, str) and len(old_id) == 32 else uuid.uuid4().hex,
                "kind": "user", "user_tag": tag, "must_change": must_change, "changed": _now().isoformat()}
        self._seal(slot, password, db_key, kdf or DEFAULT_KDF)
        self._accept(db_key)
        self._mac(slot)
        if found:
            self.slots[found[0]] = slot
        else:
            self.slots.append(slot)

    def _accept(self, db_key: bytes) -> None:
        """A key holder changes the slots: the index is written anew from them."""
        self._know(db_key)
        self._index_trusted = True

    def remove_user(self, username: str) -> None:
        """Drop a user's slot (a disabled account cannot unwrap the key any more)."""
        tag = user_tag(self.db_uuid, username)
        self.data["slots"] = [s for s in self.slots if not (isinstance(s, dict) and s.get("user_tag") == tag)]
        if self._mac_key is not None:
            self._index_trusted = True

    def has_user(self, username: str) -> bool:
        return self.find_user_slot(username) is not None

    def must_change(self, username: str) -> bool:
        slot = self.find_user_slot(username)
        return bool(slot and slot.get("must_change") is True)

    def set_recovery(self, code: str, db_key: bytes, kdf: KdfParams | None = None) -> None:
        """Replace the recovery slot with one sealed by `code`."""
        slot = {"id": uuid.uuid4().hex, "kind": "recovery"}
        self._seal(slot, normalise_recovery_code(code), db_key, kdf or DEFAULT_KDF)
        self._accept(db_key)
        self._mac(slot)
        self.data["slots"] = [s for s in self.slots if not (isinstance(s, dict) and s.get("kind") == "recovery")]
        self.slots.append(slot)

    # -- unlocking --------------------------------------------------------------------------
    def unlock_recovery(self, code: str) -> bytes:
        """The database key from the recovery code, or AuthenticationError (the failure is recorded)."""
        throttle = slot_throttle.THROTTLE
        throttle.wait(RECOVERY_TAG)
        found = self._find("recovery")
        if found is None:
            self._unreadable_slot()
            raise KeyFileDamaged(M.file_damaged(self.path, M.describe(F.SlotDamage(F.MISSING_SLOT, kind="recovery"))),
                                 F.MISSING_SLOT)
        slot = self._checked(found, "")
        opened = self._open(slot, normalise_recovery_code(code))
        if opened is None:
            throttle.failed(RECOVERY_TAG)
            self._record("recovery_failed", "")
            self._unreadable_slot()
            raise AuthenticationError()
        throttle.succeeded(RECOVERY_TAG)
        return self._unlocked(slot, *opened)

    def unlock_user(self, username: str, password: str) -> bytes:
        """The database key for a user's password, else AuthenticationError — the same for an unknown user, after
        the same Argon2id work. Repeated failures of one name wait longer each time (`slot_throttle`)."""
        tag = user_tag(self.db_uuid, username)
        throttle = slot_throttle.THROTTLE
        throttle.wait(tag)
        found = self._find("user", tag)
        slot = self._checked(found, username.strip().casefold()) if found else None
        opened = self._open(slot, password) if slot else self._dummy(password, tag)
        if opened is None:
            throttle.failed(tag)
            self._record("login_failed", tag)
            self._unreadable_slot()
            raise AuthenticationError()
        throttle.succeeded(tag)
        return self._unlocked(slot, *opened)  # type: ignore[arg-type]

    def _unreadable_slot(self) -> None:
        """After a failure: when a slot's owner cannot be read it may be this user's — say so (naming the slot),
        rather than "wrong password". The same for every user name: the damage is no secret of anyone's."""
        for i, slot in enumerate(self.slots):
            damage = F.check_slot(slot, i + 1, self.data["version"])
            if damage is not None and (damage.kind == "" or (damage.kind == "user" and not damage.tag)):
                raise KeyFileDamaged(M.file_damaged(self.path, M.describe(damage)), damage.code)

    def _dummy(self, secret: str, tag: str) -> tuple[bytes, bytes] | None:
        """What a wrong password costs, for a name without a slot: Argon2id at the default cost and a failed seal."""
        salt = hashlib.sha256(f"{self.db_uuid}|dummy|{tag}".encode()).digest()[: F.SALT_BYTES]
        wrapping = _derive(secret, salt, DEFAULT_KDF)
        try:
            AESGCM(wrapping).decrypt(bytes(F.NONCE_BYTES), bytes(F.WRAPPED_BYTES), tag.encode())
        except InvalidTag:
            return None
        return None

    def _unlocked(self, slot: dict, db_key: bytes, wrapping: bytes) -> bytes:
        """After a success: the MAC key is known; a version 1 file is migrated; the slot's seal renewed."""
        first = self._mac_key is None  # later unlocks keep what the first found (and what this process wrote)
        self.wrapping_keys[slot["id"]] = wrapping
        self._know(db_key)
        assert self._mac_key is not None
        if self.data["version"] == 1:
            self._migrate()
        elif first:
            good = {i for i, s in enumerate(self.slots) if F.check_slot(s, i + 1, VERSION) is None}
            self._index_trusted = not F.check_index(self._mac_key, self.data, self.slots, good)
            self._events_trusted = not F.check_events(self._mac_key, self.data)
        if slot.get("seal", 1) == 1 and self._index_trusted and F.check_slot(slot, 0, VERSION) is None:
            self._wrap(slot, wrapping, db_key)
            self._mac(slot)
        return db_key

    def check_password(self, username: str, password: str) -> bool:
        """True when the password opens the user's slot (re-authentication); nothing recorded, nothing thrown
        for a damaged slot."""
        found = self._find("user", user_tag(self.db_uuid, username))
        if not found or F.check_slot(found[1], found[0] + 1, self.data["version"]) is not None:
            return False
        return self._open(found[1], password) is not None

    def check_recovery(self, code: str) -> bool:
        """True when the code opens the recovery slot (a key holder renewing it); nothing recorded, nothing thrown
        for a damaged slot."""
        found = self._find("recovery")
        if not found or F.check_slot(found[1], found[0] + 1, self.data["version"]) is not None:
            return False
        return self._open(found[1], normalise_recovery_code(code)) is not None

    # -- checking ---------------------------------------------------------------------------
    def audit(self, db_key: bytes) -> list[F.SlotDamage]:
        """Every problem of the file for a key holder: each slot's structure and MAC, repeats, the index and the
        count of copied failures. Empty: every slot is as a key holder wrote it."""
        return F.audit_slots(F.mac_key(db_key, self.db_uuid), self.data)

