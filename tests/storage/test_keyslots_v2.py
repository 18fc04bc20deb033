"""Key slots version 2 (issue 14 items 4 and 5): unknown and known users alike, every slot authenticated, the
pending failures that cannot be, and version 1 files migrated at the next successful login."""

from __future__ import annotations

import base64
import json
import secrets
import uuid

import pytest
from argon2.low_level import Type, hash_secret_raw
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from ospod_desktop.core.errors import AuthenticationError
from ospod_desktop.storage import keyslots
from ospod_desktop.storage import slot_format as F
from ospod_desktop.storage.keyslots import KeySlots, keys_path, user_tag
from tests.conftest import FAST_KDF

RECOVERY = "ABCDE-FGHIJ-KLMNO-PQRST-UVWXY-Z2345-67ABC-DEFGH"


@pytest.fixture
def slots(tmp_path):
    s, key = KeySlots.create(tmp_path / "x.db")
    s.set_user_password("alena", "first password 123", key)
    s.set_user_password("petr", "second password 456", key)
    s.set_recovery(RECOVERY, key)
    s.save()
    return s, key


def test_unknown_and_known_users_cost_the_same_and_read_the_same(slots, monkeypatch):
    s, _key = slots
    calls = []
    real = keyslots._derive
    monkeypatch.setattr(keyslots, "_derive", lambda secret, salt, kdf: calls.append(kdf) or real(secret, salt, kdf))
    writes = []
    real_save = KeySlots.save
    monkeypatch.setattr(KeySlots, "save", lambda self: writes.append(1) or real_save(self))
    messages = []
    for name in ("alena", "nobody"):
        with pytest.raises(AuthenticationError) as err:
            s.unlock_user(name, "not the password")
        messages.append(err.value.message)
    assert messages[0] == messages[1]
    assert calls == [FAST_KDF, FAST_KDF]  # one Argon2id each, at the default cost (the tests' cheap one)
    assert len(writes) == 2  # each failure is recorded once
    events = s.data["pending_events"]
    assert [(e["action"], e["seq"]) for e in events] == [("login_failed", 1), ("login_failed", 2)]
    assert events[1]["tag"] == user_tag(s.db_uuid, "nobody")


def test_the_file_names_no_user_and_every_slot_authenticates(slots, tmp_path):
    s, key = slots
    text = keys_path(tmp_path / "x.db").read_text()
    assert "alena" not in text and "petr" not in text and key.hex() not in text
    data = json.loads(text)
    assert data["version"] == 2 and all(slot["seal"] == 2 and len(slot["mac"]) == 64 for slot in data["slots"])
    assert KeySlots.load(tmp_path / "x.db").audit(key) == []
    assert KeySlots.load(tmp_path / "x.db").audit(secrets.token_bytes(32)) != []  # a wrong key checks nothing


def test_replayed_removed_and_forged_pending_failures(slots, tmp_path):
    """Pending failures are not authenticated: a replay is not copied twice, a removal loses events, a forgery adds
    some — none of them locks anything, and what was copied already stays in the chain (not in this file)."""
    s, key = slots
    for _ in range(3):
        with pytest.raises(AuthenticationError):
            s.unlock_user("petr", "wrong password!")
    loaded = KeySlots.load(tmp_path / "x.db")
    loaded.unlock_user("alena", "first password 123")
    copied = loaded.take_pending_events()
    loaded.save()
    assert [e["seq"] for e in copied] == [1, 2, 3]
    data = json.loads(keys_path(tmp_path / "x.db").read_text())
    assert data["events"]["copied"] == 3 and data["pending_events"] == []
    # Someone puts the copied events back, and forges one more.
    data["pending_events"] = copied + [{"seq": 4, "ts": "2026-01-01T00:00:00+00:00", "action": "login_failed",
                                        "tag": user_tag(s.db_uuid, "alena")}]
    keys_path(tmp_path / "x.db").write_text(json.dumps(data))
    again = KeySlots.load(tmp_path / "x.db")
    again.unlock_user("petr", "second password 456")  # never locked by any of it
    assert [e["seq"] for e in again.take_pending_events()] == [4]  # the replay is not copied twice
    assert again.audit(key) == []  # pending events are not part of what the MACs cover


def test_a_changed_count_of_copied_failures_is_found_and_nothing_is_lost(slots, tmp_path):
    s, key = slots
    with pytest.raises(AuthenticationError):
        s.unlock_user("petr", "wrong password!")
    data = json.loads(keys_path(tmp_path / "x.db").read_text())
    data["events"]["copied"] = 10**6  # to hide the pending failure
    keys_path(tmp_path / "x.db").write_text(json.dumps(data))
    loaded = KeySlots.load(tmp_path / "x.db")
    assert [d.code for d in loaded.audit(key)] == [F.EVENTS_MAC]
    loaded.unlock_user("alena", "first password 123")
    assert [e["action"] for e in loaded.take_pending_events()] == ["login_failed"]  # copied all the same


def test_failures_appended_by_another_process_survive_a_key_holders_save(slots, tmp_path):
    s, key = slots
    holder = KeySlots.load(tmp_path / "x.db")
    holder.unlock_user("alena", "first password 123")
    other = KeySlots.load(tmp_path / "x.db")  # another process fails meanwhile
    with pytest.raises(AuthenticationError):
        other.unlock_user("petr", "wrong password!")
    holder.set_user_password("alena", "a newer password 2026", key)
    holder.save()
    assert len(KeySlots.load(tmp_path / "x.db").data["pending_events"]) == 1


# --- version 1 -----------------------------------------------------------------------------------------

def _v1_slot(db_uuid: str, kind: str, secret: str, key: bytes, tag: str = "", **extra) -> dict:
    """A slot as version 1 wrote it (no MAC, the stored lockout fields)."""
    slot = {"id": uuid.uuid4().hex, "kind": kind, **({"user_tag": tag} if tag else {}), **extra}
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    wrapping = hash_secret_raw(secret.encode(), salt, time_cost=1, memory_cost=1024, parallelism=1, hash_len=32,
                               type=Type.ID)
    aad = f"{db_uuid}|{slot['id']}|{kind}|{tag}".encode()
    slot["kdf"] = {"name": "argon2id", "salt": base64.b64encode(salt).decode(), "time_cost": 1,
                   "memory_cost": 1024, "parallelism": 1}
    slot["nonce"] = base64.b64encode(nonce).decode()
    slot["wrapped_key"] = base64.b64encode(AESGCM(wrapping).encrypt(nonce, key, aad)).decode()
    return slot


def test_a_version_1_file_is_migrated_at_the_next_login(tmp_path):
    db_uuid, key = str(uuid.uuid4()), secrets.token_bytes(32)
    locked = {"failed": 0, "locked_until": "2999-01-01T00:00:00+00:00", "must_change": False,
              "changed": "2026-01-01T00:00:00+00:00"}
    data = {"format": "ospod-keyslots", "version": 1, "db_uuid": db_uuid, "slots": [
        _v1_slot(db_uuid, "user", "first password 123", key, user_tag(db_uuid, "alena"), **locked),
        _v1_slot(db_uuid, "recovery", RECOVERY, key),
        _v1_slot(db_uuid, "user", "second password 456", key, user_tag(db_uuid, "petr"), failed=3,
                 locked_until=None, must_change=True, changed="2026-01-01T00:00:00+00:00"),
    ], "pending_events": [{"ts": "2026-01-02T00:00:00+00:00", "action": "login_failed", "tag": ""}]}
    keys_path(tmp_path / "old.db").write_text(json.dumps(data))
    old = KeySlots.load(tmp_path / "old.db")
    assert old.unlock_user("alena", "first password 123") == key  # a stored lock of version 1 is ignored
    assert [e["seq"] for e in old.take_pending_events()] == [1]
    old.save()
    new = json.loads(keys_path(tmp_path / "old.db").read_text())
    assert new["version"] == 2
    assert [s["seal"] for s in new["slots"]] == [2, 1, 1]  # renewed for the one who logged in
    assert not any("failed" in s or "locked_until" in s for s in new["slots"])
    again = KeySlots.load(tmp_path / "old.db")
    assert again.audit(key) == []
    assert again.unlock_user("petr", "second password 456") == key and again.must_change("petr")
    assert again.unlock_recovery(RECOVERY) == key
    again.save()
    assert [s["seal"] for s in json.loads(keys_path(tmp_path / "old.db").read_text())["slots"]] == [2, 2, 2]
    assert KeySlots.load(tmp_path / "old.db").audit(key) == []


def test_a_malformed_version_1_slot_is_not_blessed_by_the_migration(tmp_path):
    db_uuid, key = str(uuid.uuid4()), secrets.token_bytes(32)
    bad = _v1_slot(db_uuid, "user", "second password 456", key, user_tag(db_uuid, "petr"))
    bad["nonce"] = "AAAA"
    data = {"format": "ospod-keyslots", "version": 1, "db_uuid": db_uuid, "slots": [
        _v1_slot(db_uuid, "user", "first password 123", key, user_tag(db_uuid, "alena")), bad]}
    keys_path(tmp_path / "old.db").write_text(json.dumps(data))
    old = KeySlots.load(tmp_path / "old.db")
    old.unlock_user("alena", "first password 123")
    old.save()
    found = KeySlots.load(tmp_path / "old.db").audit(key)
    assert [(d.code, d.number, d.field) for d in found] == [(F.BAD_LENGTH, 2, "nonce")]
