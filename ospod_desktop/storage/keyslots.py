"""LUKS-style key slots: one random database key, wrapped per user by an Argon2id-derived key.

The slot file sits beside the database (`<db>.keys`, JSON, mode 0600). Each slot holds an Argon2id
salt and parameters and the database key sealed with AES-256-GCM; the slot's identity is bound in as
associated data so slots cannot be swapped. A password change re-wraps one slot; the recovery slot is
sealed by a code shown once at initialisation. Failed-login counters live here because a wrong password
cannot open the database; the events are copied into the audit chain at the next successful login.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from ospod_desktop.core.errors import AccountLocked, AuthenticationError, NotOurDatabase
from ospod_desktop.core.passwords import normalise_password
from ospod_desktop.storage.files import write_private

FORMAT = "ospod-keyslots"
VERSION = 1
KEY_BYTES = 32
MAX_FAILED = 6
LOCKOUT = timedelta(minutes=30)
RECOVERY_GROUPS = 8  # 8 groups of 5 base32 characters = 200 bits


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost; stored per slot so slots made with older costs keep working."""

    time_cost: int = 3
    memory_cost: int = 65536  # KiB = 64 MiB
    parallelism: int = 1


DEFAULT_KDF = KdfParams()


def keys_path(db_path: Path) -> Path:
    """The slot file that belongs to `db_path`."""
    return db_path.with_name(db_path.name + ".keys")


def user_tag(db_uuid: str, username: str) -> str:
    """The slot's name for a user: a hash, so the file does not list the office's accounts."""
    return hashlib.sha256(f"{db_uuid}:{username.strip().casefold()}".encode()).hexdigest()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _derive(secret: str, salt: bytes, kdf: KdfParams) -> bytes:
    return hash_secret_raw(
        normalise_password(secret).encode("utf-8"),
        salt,
        time_cost=kdf.time_cost,
        memory_cost=kdf.memory_cost,
        parallelism=kdf.parallelism,
        hash_len=32,
        type=Type.ID,
    )


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


class KeySlots:
    """The slot file of one database, loaded into memory; `save()` writes it back atomically."""

    def __init__(self, path: Path, data: dict) -> None:
        self.path = path
        self.data = data

    # -- file -------------------------------------------------------------------------------
    @classmethod
    def create(cls, db_path: Path) -> tuple[KeySlots, bytes]:
        """A new slot file with a fresh random database key (returned, never stored in clear)."""
        slots = cls(
            keys_path(db_path),
            {"format": FORMAT, "version": VERSION, "db_uuid": str(uuid.uuid4()), "slots": [], "pending_events": []},
        )
        return slots, secrets.token_bytes(KEY_BYTES)

    @classmethod
    def load(cls, db_path: Path) -> KeySlots:
        """Read the slot file, or raise NotOurDatabase when it is missing or not ours."""
        path = keys_path(db_path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise NotOurDatabase("key file missing") from exc
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise NotOurDatabase("key file unreadable") from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != VERSION:
            raise NotOurDatabase("key file format")
        data.setdefault("pending_events", [])
        return cls(path, data)

    def save(self) -> None:
        """Write atomically, owner-only."""
        write_private(self.path, json.dumps(self.data, indent=1, sort_keys=True).encode("utf-8"))

    @property
    def db_uuid(self) -> str:
        return str(self.data["db_uuid"])

    # -- slots ------------------------------------------------------------------------------
    def _aad(self, slot: dict) -> bytes:
        return f"{self.db_uuid}|{slot['id']}|{slot['kind']}|{slot.get('user_tag', '')}".encode()

    def _seal(self, slot: dict, secret: str, db_key: bytes, kdf: KdfParams) -> None:
        salt = secrets.token_bytes(16)
        nonce = secrets.token_bytes(12)
        wrapping = _derive(secret, salt, kdf)
        slot["kdf"] = {
            "name": "argon2id",
            "salt": _b64(salt),
            "time_cost": kdf.time_cost,
            "memory_cost": kdf.memory_cost,
            "parallelism": kdf.parallelism,
        }
        slot["nonce"] = _b64(nonce)
        slot["wrapped_key"] = _b64(AESGCM(wrapping).encrypt(nonce, db_key, self._aad(slot)))

    def _open(self, slot: dict, secret: str) -> bytes | None:
        kdf = slot["kdf"]
        params = KdfParams(kdf["time_cost"], kdf["memory_cost"], kdf["parallelism"])
        wrapping = _derive(secret, _unb64(kdf["salt"]), params)
        try:
            return AESGCM(wrapping).decrypt(_unb64(slot["nonce"]), _unb64(slot["wrapped_key"]), self._aad(slot))
        except InvalidTag:
            return None

    def find_user_slot(self, username: str) -> dict | None:
        tag = user_tag(self.db_uuid, username)
        return next((s for s in self.data["slots"] if s["kind"] == "user" and s["user_tag"] == tag), None)

    def set_user_password(
        self, username: str, password: str, db_key: bytes, must_change: bool = False, kdf: KdfParams | None = None
    ) -> None:
        """Create or re-wrap the user's slot; only this slot changes."""
        slot = self.find_user_slot(username)
        if slot is None:
            slot = {"id": uuid.uuid4().hex, "kind": "user", "user_tag": user_tag(self.db_uuid, username)}
            self.data["slots"].append(slot)
        self._seal(slot, password, db_key, kdf or DEFAULT_KDF)
        slot.update(failed=0, locked_until=None, must_change=must_change, changed=_now().isoformat())

    def remove_user(self, username: str) -> None:
        """Drop a user's slot (a disabled account cannot unwrap the key any more)."""
        tag = user_tag(self.db_uuid, username)
        self.data["slots"] = [s for s in self.data["slots"] if s.get("user_tag") != tag]

    def has_user(self, username: str) -> bool:
        return self.find_user_slot(username) is not None

    def must_change(self, username: str) -> bool:
        slot = self.find_user_slot(username)
        return bool(slot and slot.get("must_change"))

    def set_recovery(self, code: str, db_key: bytes, kdf: KdfParams | None = None) -> None:
        """Replace the recovery slot with one sealed by `code`."""
        self.data["slots"] = [s for s in self.data["slots"] if s["kind"] != "recovery"]
        slot = {"id": uuid.uuid4().hex, "kind": "recovery"}
        self._seal(slot, normalise_recovery_code(code), db_key, kdf or DEFAULT_KDF)
        self.data["slots"].append(slot)

    def unlock_recovery(self, code: str) -> bytes:
        """The database key from the recovery code, or AuthenticationError."""
        slot = next((s for s in self.data["slots"] if s["kind"] == "recovery"), None)
        if slot is None:
            raise AuthenticationError()
        key = self._open(slot, normalise_recovery_code(code))
        if key is None:
            self.data["pending_events"].append({"ts": _now().isoformat(), "action": "recovery_failed", "tag": ""})
            self.save()
            raise AuthenticationError()
        return key

    def unlock_user(self, username: str, password: str) -> bytes:
        """The database key for a user's password; counts failures and locks after six.

        An unknown user costs the same Argon2id work as a wrong password and gets the same error.
        """
        slot = self.find_user_slot(username)
        now = _now()
        if slot is None:
            _derive(password, secrets.token_bytes(16), DEFAULT_KDF)
            self._record("login_failed", user_tag(self.db_uuid, username))
            raise AuthenticationError()
        locked_until = slot.get("locked_until")
        if locked_until and datetime.fromisoformat(locked_until) > now:
            self._record("login_locked", slot["user_tag"])
            raise AccountLocked(datetime.fromisoformat(locked_until))
        key = self._open(slot, password)
        if key is None:
            slot["failed"] = int(slot.get("failed", 0)) + 1
            if slot["failed"] >= MAX_FAILED:
                slot["locked_until"] = (now + LOCKOUT).isoformat()
                slot["failed"] = 0
            self._record("login_failed", slot["user_tag"])
            if slot.get("locked_until") and datetime.fromisoformat(slot["locked_until"]) > now:
                raise AccountLocked(datetime.fromisoformat(slot["locked_until"]))
            raise AuthenticationError()
        if slot.get("failed") or slot.get("locked_until"):
            slot["failed"] = 0
            slot["locked_until"] = None
            self.save()
        return key

    def check_password(self, username: str, password: str) -> bool:
        """True when the password opens the user's slot (for unlock and re-authentication)."""
        slot = self.find_user_slot(username)
        return slot is not None and self._open(slot, password) is not None

    def _record(self, action: str, tag: str) -> None:
        self.data["pending_events"].append({"ts": _now().isoformat(), "action": action, "tag": tag})
        self.save()

    def take_pending_events(self) -> list[dict]:
        """Events waiting for the audit chain; the caller saves after writing them to the database."""
        events = list(self.data.get("pending_events", []))
        self.data["pending_events"] = []
        return events
