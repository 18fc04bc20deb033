"""The office key in the key-slot file: who holds it, and how a new account receives it (issue 14 item 3).

The office key (32 random bytes) seals the sensitive free text in the database (`storage.sealing`). It is not
the database key: every slot wraps the database key, but only the OSPOD roles' slots (officer, supervisor) and
the recovery slot wrap the office key, so a facility staff's or an administrator's password opens the database
and the codes, dates and names in it, never the sealed text.

Fields of a version 2 slot (`storage.slot_format.OFFICE_FIELDS`, authenticated by the slot's MAC):
- `office_key`: the office key sealed (AES-256-GCM) under the slot's own Argon2id key, like the database key,
  with associated data binding the file, the slot and the purpose.
- `office_request` / `office_grant`: an account without the office key (new, or its password reset by an
  administrator, who never holds the key) asks for it at its first login with a password of its own: an X25519
  key pair, the private half sealed under the slot's key. A supervisor's session seals the office key to the
  public half (`grant`); at the account's next login it opens the grant and wraps the key in its slot.
- `office_bootstrap` (recovery slot): a new office has no supervisor yet; the office key is kept sealed under a
  key derived from the database key until the first supervisor holds it, then dropped. Until then a database
  key holder can read it (README: set up the supervisor first).
What a database key holder who rewrites the slot file can do: withhold the key (delete fields), or plant a key
of their own in a grant or the bootstrap for accounts that receive it later. The office server mode closes it.
"""

from __future__ import annotations

import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ospod_desktop.storage import slot_format as F
from ospod_desktop.storage.keyslots import KeySlots, user_tag
from ospod_desktop.storage.slot_format import NONCE_BYTES, b64, unb64

OFFICE_KEY_BYTES = 32
_RAW = serialization.Encoding.Raw


def new_office_key() -> bytes:
    return secrets.token_bytes(OFFICE_KEY_BYTES)


def _aad(slots: KeySlots, slot: dict, purpose: str, extra: bytes = b"") -> bytes:
    return F.canonical({"file": F.FORMAT, "db_uuid": slots.db_uuid, "id": slot["id"], "kind": slot["kind"],
                        "user_tag": slot.get("user_tag", ""), "purpose": purpose, "extra": extra.hex()})


def _well_formed(slots: KeySlots, slot: dict | None) -> bool:
    if not isinstance(slot, dict) or slot not in slots.slots:
        return False
    return F.check_slot(slot, slots.slots.index(slot) + 1, F.VERSION) is None


def user_slot(slots: KeySlots, username: str) -> dict | None:
    slot = slots.find_user_slot(username)
    return slot if _well_formed(slots, slot) else None


def recovery_slot(slots: KeySlots) -> dict | None:
    for slot in slots.slots:
        if isinstance(slot, dict) and slot.get("kind") == "recovery":
            return slot if _well_formed(slots, slot) else None
    return None


def holds(slot: dict | None) -> bool:
    return isinstance(slot, dict) and "office_key" in slot


def anyone_holds(slots: KeySlots) -> bool:
    """Some slot holds the office key, a grant of it, or the bootstrap: the office has one already."""
    return any(isinstance(s, dict) and ({"office_key", "office_grant", "office_bootstrap"} & set(s))
               for s in slots.slots)


# --- a slot's own copy ------------------------------------------------------------------------------------

def open_own(slots: KeySlots, slot: dict | None) -> bytes | None:
    """The office key from the slot's own copy (the slot must have been opened or sealed by this process)."""
    wrapping = slots.wrapping_keys.get(slot["id"]) if isinstance(slot, dict) else None
    if slot is None or wrapping is None or not holds(slot):
        return None
    raw = unb64(slot["office_key"])
    try:
        return AESGCM(wrapping).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], _aad(slots, slot, "office_key"))
    except InvalidTag:
        return None


def wrap_own(slots: KeySlots, slot: dict | None, office_key: bytes) -> bool:
    """Seal the office key in the slot (opened or sealed by this process); a request or grant is dropped.
    Saved by the caller."""
    wrapping = slots.wrapping_keys.get(slot["id"]) if isinstance(slot, dict) else None
    if slot is None or wrapping is None:
        return False
    nonce = secrets.token_bytes(NONCE_BYTES)
    before = dict(slot)
    slot["office_key"] = b64(nonce + AESGCM(wrapping).encrypt(nonce, office_key, _aad(slots, slot, "office_key")))
    slot.pop("office_request", None)
    slot.pop("office_grant", None)
    if not slots.remac(slot):
        slot.clear()
        slot.update(before)
        return False
    return True


def forget(slots: KeySlots, username: str) -> bool:
    """The account is no longer an OSPOD role: its slot loses the office key, a request and a grant. Saved by the
    caller. (A copy of the key its holder made before stays theirs: the key is not rotated.)"""
    slot = user_slot(slots, username)
    if slot is None or not {"office_key", "office_request", "office_grant"} & set(slot):
        return False
    for name in ("office_key", "office_request", "office_grant"):
        slot.pop(name, None)
    return slots.remac(slot)


# --- requests and grants ----------------------------------------------------------------------------------

def request(slots: KeySlots, slot: dict | None) -> bool:
    """Ask for the office key: a key pair whose private half only this slot's password opens. Nothing when the
    slot holds the key or asks already. Saved by the caller."""
    wrapping = slots.wrapping_keys.get(slot["id"]) if isinstance(slot, dict) else None
    if slot is None or wrapping is None or holds(slot) or "office_request" in slot:
        return False
    private = X25519PrivateKey.generate()
    public = private.public_key().public_bytes(_RAW, serialization.PublicFormat.Raw)
    nonce = secrets.token_bytes(NONCE_BYTES)
    sealed = AESGCM(wrapping).encrypt(nonce, private.private_bytes(_RAW, serialization.PrivateFormat.Raw,
                                                                   serialization.NoEncryption()),
                                      _aad(slots, slot, "office_request", public))
    slot["office_request"] = b64(public + nonce + sealed)
    slot.pop("office_grant", None)
    return slots.remac(slot)


def _grant_key(slots: KeySlots, slot: dict, shared: bytes, public: bytes, ephemeral: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"ospod-office-grant",
                info=_aad(slots, slot, "office_grant", public + ephemeral)).derive(shared)


def pending_requests(slots: KeySlots) -> list[dict]:
    """User slots asking for the office key that no grant answers yet."""
    return [s for s in slots.slots if isinstance(s, dict) and s.get("kind") == "user" and "office_request" in s
            and "office_grant" not in s and not holds(s) and _well_formed(slots, s)]


def grant(slots: KeySlots, slot: dict, office_key: bytes) -> bool:
    """Seal the office key to the slot's request (a supervisor's session). Saved by the caller."""
    raw = unb64(slot["office_request"])
    public = raw[:32]
    ephemeral = X25519PrivateKey.generate()
    eph_public = ephemeral.public_key().public_bytes(_RAW, serialization.PublicFormat.Raw)
    key = _grant_key(slots, slot, ephemeral.exchange(X25519PublicKey.from_public_bytes(public)), public, eph_public)
    nonce = secrets.token_bytes(NONCE_BYTES)
    slot["office_grant"] = b64(eph_public + nonce + AESGCM(key).encrypt(nonce, office_key, b"office_key"))
    return slots.remac(slot)


def accept_grant(slots: KeySlots, slot: dict | None) -> bytes | None:
    """The office key from a grant answering this slot's request (opened by this process), wrapped into the slot
    at once; None without a grant, or when it does not open."""
    wrapping = slots.wrapping_keys.get(slot["id"]) if isinstance(slot, dict) else None
    if slot is None or wrapping is None or "office_grant" not in slot or "office_request" not in slot:
        return None
    req, got = unb64(slot["office_request"]), unb64(slot["office_grant"])
    public, nonce, sealed = req[:32], req[32:32 + NONCE_BYTES], req[32 + NONCE_BYTES:]
    eph_public, g_nonce, g_sealed = got[:32], got[32:32 + NONCE_BYTES], got[32 + NONCE_BYTES:]
    try:
        private = X25519PrivateKey.from_private_bytes(
            AESGCM(wrapping).decrypt(nonce, sealed, _aad(slots, slot, "office_request", public)))
        key = _grant_key(slots, slot, private.exchange(X25519PublicKey.from_public_bytes(eph_public)), public,
                         eph_public)
        office_key = AESGCM(key).decrypt(g_nonce, g_sealed, b"office_key")
    except (InvalidTag, ValueError):
        return None
    wrap_own(slots, slot, office_key)
    return office_key


def granted_tags(slots: KeySlots, usernames: list[str]) -> dict[str, str]:
    """user tag -> user name for `usernames` (the active OSPOD accounts a supervisor may grant the key to)."""
    return {user_tag(slots.db_uuid, name): name for name in usernames}


# --- the bootstrap of a new office --------------------------------------------------------------------------

def _bootstrap_key(slots: KeySlots, db_key: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"ospod-office-bootstrap",
                info=slots.db_uuid.encode("ascii")).derive(db_key)


def put_bootstrap(slots: KeySlots, db_key: bytes, office_key: bytes) -> bool:
    slot = recovery_slot(slots)
    if slot is None:
        return False
    nonce = secrets.token_bytes(NONCE_BYTES)
    slot["office_bootstrap"] = b64(nonce + AESGCM(_bootstrap_key(slots, db_key)).encrypt(
        nonce, office_key, _aad(slots, slot, "office_bootstrap")))
    return slots.remac(slot)


def take_bootstrap(slots: KeySlots, db_key: bytes) -> bytes | None:
    slot = recovery_slot(slots)
    if slot is None or "office_bootstrap" not in slot:
        return None
    raw = unb64(slot["office_bootstrap"])
    try:
        return AESGCM(_bootstrap_key(slots, db_key)).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:],
                                                             _aad(slots, slot, "office_bootstrap"))
    except InvalidTag:
        return None


def drop_bootstrap(slots: KeySlots) -> bool:
    slot = recovery_slot(slots)
    if slot is None or "office_bootstrap" not in slot:
        return False
    del slot["office_bootstrap"]
    return slots.remac(slot)


def has_bootstrap(slots: KeySlots) -> bool:
    slot = recovery_slot(slots)
    return slot is not None and "office_bootstrap" in slot
