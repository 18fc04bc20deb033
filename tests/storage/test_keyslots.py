"""Key slots: wrapping, lockout, recovery, and what the slot file reveals."""

from __future__ import annotations

import json
import stat

import pytest

from ospod_desktop.core.errors import AuthenticationError, KeyFileDamaged, NotOurDatabase
from ospod_desktop.storage import keyslots
from ospod_desktop.storage.keyslots import KeySlots, keys_path


@pytest.fixture
def slots(tmp_path):
    s, key = KeySlots.create(tmp_path / "x.db")
    s.set_user_password("alena", "first password 123", key)
    s.set_user_password("petr", "second password 456", key)
    s.set_recovery("ABCDE-FGHIJ-KLMNO-PQRST-UVWXY-Z2345-67ABC-DEFGH", key)
    s.save()
    return s, key


def test_production_kdf_is_argon2id_64mib_t3():
    from tests.conftest import PRODUCTION_KDF

    assert PRODUCTION_KDF.memory_cost >= 65536 and PRODUCTION_KDF.time_cost >= 3


def test_slot_file_is_owner_only_and_hides_usernames(slots, tmp_path):
    s, key = slots
    path = keys_path(tmp_path / "x.db")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text()
    assert "alena" not in text and "petr" not in text and key.hex() not in text


def test_each_user_unwraps_the_same_key(slots, tmp_path):
    s, key = slots
    loaded = KeySlots.load(tmp_path / "x.db")
    assert loaded.unlock_user("alena", "first password 123") == key
    assert loaded.unlock_user("PETR ", "second password 456") == key  # user names are case-folded


def test_unicode_password_is_normalised(tmp_path):
    s, key = KeySlots.create(tmp_path / "u.db")
    s.set_user_password("u", "Příliš žluťoučký kůň", key)
    decomposed = "Pr\u030ci\u0301lis\u030c z\u030clut\u030couc\u030cky\u0301 ku\u030an\u030c"
    assert s.unlock_user("u", decomposed) == key


def test_wrong_password_and_unknown_user_give_the_same_error(slots):
    s, _ = slots
    with pytest.raises(AuthenticationError) as wrong:
        s.unlock_user("alena", "not the password")
    with pytest.raises(AuthenticationError) as unknown:
        s.unlock_user("nobody", "not the password")
    assert wrong.value.message == unknown.value.message
    assert [e["action"] for e in s.data["pending_events"]] == ["login_failed", "login_failed"]


def test_failures_never_lock_and_are_not_stored_in_slots(slots, tmp_path):
    """No stored lockout (issue 14 item 4): fifty failures, then the right password opens at once."""
    s, key = slots
    for _ in range(50):
        with pytest.raises(AuthenticationError):
            s.unlock_user("alena", "wrong password!")
    reloaded = KeySlots.load(tmp_path / "x.db")
    assert reloaded.unlock_user("alena", "first password 123") == key
    assert all("failed" not in sl and "locked_until" not in sl for sl in reloaded.data["slots"])
    assert len(reloaded.data["pending_events"]) == 50


def test_password_change_rewraps_only_that_slot(slots, tmp_path):
    s, key = slots
    before = {sl["id"]: dict(sl) for sl in s.data["slots"]}
    s.set_user_password("alena", "a brand new password", key)
    s.save()
    after = {sl["id"]: sl for sl in KeySlots.load(tmp_path / "x.db").data["slots"]}
    changed = [i for i in before if before[i]["wrapped_key"] != after[i]["wrapped_key"]]
    assert changed == [s.find_user_slot("alena")["id"]]
    with pytest.raises(AuthenticationError):
        s.unlock_user("alena", "first password 123")
    assert s.unlock_user("alena", "a brand new password") == key


def test_recovery_code_accepts_loose_typing(slots):
    s, key = slots
    assert s.unlock_recovery("abcde fghij klmno pqrst uvwxy z2345 67abc defgh") == key
    with pytest.raises(AuthenticationError):
        s.unlock_recovery("ABCDE-FGHIJ-KLMNO-PQRST-UVWXY-Z2345-67ABC-DEFGX")


def test_swapped_slots_do_not_open(slots):
    """The slot identity is authenticated: one user's wrapped key pasted into another's slot fails."""
    s, key = slots
    a, p = s.find_user_slot("alena"), s.find_user_slot("petr")
    p["kdf"], p["nonce"], p["wrapped_key"] = a["kdf"], a["nonce"], a["wrapped_key"]
    with pytest.raises(AuthenticationError):
        s.unlock_user("petr", "first password 123")


def test_missing_or_foreign_key_file(tmp_path):
    with pytest.raises(NotOurDatabase):
        KeySlots.load(tmp_path / "none.db")
    (tmp_path / "f.db.keys").write_text(json.dumps({"format": "something-else"}))
    with pytest.raises(NotOurDatabase):
        KeySlots.load(tmp_path / "f.db")
    (tmp_path / "g.db.keys").write_bytes(b"\x00\xff garbage")
    with pytest.raises(KeyFileDamaged):
        KeySlots.load(tmp_path / "g.db")
    (tmp_path / "h.db.keys").write_bytes(b" " * (9 * 1024 * 1024))
    with pytest.raises(KeyFileDamaged) as err:
        KeySlots.load(tmp_path / "h.db")
    assert "far larger than a key file can be" in err.value.message


def test_recovery_codes_are_random_and_long():
    codes = {keyslots.new_recovery_code() for _ in range(50)}
    assert len(codes) == 50
    assert all(len(c.replace("-", "")) == 40 for c in codes)
