"""The key-slot file as a key holder keeps it in memory (`storage.keyslots.KeySlots` builds on it): reading it
again, writing it back atomically with the MACs renewed, a version 1 file migrated, and the failed attempts that
wait in it for the audit chain. Sealing and opening slots is `storage.keyslots`."""

from __future__ import annotations

import json
import secrets
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from ospod_desktop.storage import anchor
from ospod_desktop.storage import slot_format as F
from ospod_desktop.storage.files import file_lock, write_private
from ospod_desktop.storage.slot_file import event_key as _event_key
from ospod_desktop.storage.slot_file import merge_pending, read_file, valid_event
from ospod_desktop.storage.slot_format import FORMAT, KEY_BYTES, VERSION

MAX_PENDING = 1000  # failed attempts kept for the next login at most (later ones are not recorded)


def keys_path(db_path: Path) -> Path:
    """The slot file that belongs to `db_path`."""
    return db_path.with_name(db_path.name + ".keys")


def _now() -> datetime:
    return datetime.now(UTC)


class SlotStore:
    """The slot file of one database, loaded into memory; `save()` writes it back atomically."""

    def __init__(self, path: Path, data: dict) -> None:
        self.path = path
        self.data = data
        self._as_read = json.dumps(data, sort_keys=True)  # the file as last read or written (`reload`)
        self._mac_key: bytes | None = None  # once the database key is known (an unlock, or a new file)
        self._index_trusted = False  # the index authenticated when the key became known, or a key holder set it
        self._events_trusted = False
        self._taken: set[str] = set()  # pending events this process copied to the audit chain
        self._replaced: set[str] = set()  # records with their own writer this copy replaced (`replace_record`)
        self.wrapping_keys: dict[str, bytes] = {}  # slot id -> its Argon2id key, of slots this process opened or
        # sealed (`storage.office_slots` seals the office key under it)

    # -- file -------------------------------------------------------------------------------
    @classmethod
    def create(cls, db_path: Path) -> tuple[Self, bytes]:
        """A new slot file with a fresh random database key (returned, never stored in clear)."""
        db_uuid = str(uuid.uuid4())
        slots = cls(keys_path(db_path), {"format": FORMAT, "version": VERSION, "db_uuid": db_uuid,
                                         "db_uuid_check": F.uuid_check(db_uuid), "slots": [], "pending_events": []})
        key = secrets.token_bytes(KEY_BYTES)
        slots._know(key)
        slots._index_trusted = slots._events_trusted = True
        return slots, key

    @classmethod
    def load(cls, db_path: Path) -> Self:
        """Read the slot file: NotOurDatabase when it is missing or not ours, KeyFileDamaged when it is damaged."""
        path = keys_path(db_path)
        return cls(path, read_file(path))

    def reload(self) -> None:
        """Read the file again before a change (another session may have changed other slots: a grant, a
        password); the MACs are checked anew with the key this process knows. Nothing while this copy has
        changes of its own not saved yet."""
        if json.dumps(self.data, sort_keys=True) != self._as_read:
            return
        self.data = read_file(self.path)
        self._as_read = json.dumps(self.data, sort_keys=True)
        if self._mac_key is not None and self.data["version"] == 1:
            self._migrate()
        elif self._mac_key is not None:
            good = {i for i, s in enumerate(self.slots) if F.check_slot(s, i + 1, VERSION) is None}
            self._index_trusted = not F.check_index(self._mac_key, self.data, self.slots, good)
            self._events_trusted = not F.check_events(self._mac_key, self.data)

    def save(self) -> None:
        """Write atomically, owner-only. Failures other processes appended meanwhile are kept; a key holder
        renews the MACs it may vouch for (the index only when it authenticated, or a key holder changed it)."""
        with file_lock(self.path):  # read, merge and write as one against this process's other writers of the file
            merge_pending(self.path, self.data, self._taken, MAX_PENDING)
            # its own writer moved it meanwhile (`storage.anchor`), unless this copy replaced it
            anchor.keep_on_disk(self.path, self.data, frozenset(self._replaced))
            if self._mac_key is not None:
                good = [s for i, s in enumerate(self.slots) if F.check_slot(s, i + 1, VERSION) is None]
                if self._index_trusted:
                    entries = F.index_entries(good)
                    self.data["index"] = {"slots": entries, "mac": F.index_mac(self._mac_key, self.data, entries)}
                copied = self._copied()
                self.data["events"] = {"copied": copied, "mac": F.events_mac(self._mac_key, self.db_uuid, copied)}
            write_private(self.path, json.dumps(self.data, indent=1, sort_keys=True).encode("utf-8"))
        self._as_read = json.dumps(self.data, sort_keys=True)
        self._replaced.clear()

    def replace_record(self, name: str, record: dict) -> None:
        """Set a record that has its own writer (the audit recovery record, `storage.audit_mac`) in this copy, to
        be written by the next `save` together with the slots (a renewed recovery code seals both at once)."""
        self.data[name] = record
        self._replaced.add(name)

    @property
    def db_uuid(self) -> str:
        return str(self.data["db_uuid"])

    @property
    def slots(self) -> list[Any]:
        slots: list[Any] = self.data["slots"]
        return slots

    # -- keys -------------------------------------------------------------------------------
    def _know(self, db_key: bytes) -> None:
        self._mac_key = F.mac_key(db_key, self.db_uuid)

    def _mac(self, slot: dict) -> None:
        if self._mac_key is not None:
            slot["mac"] = F.slot_mac(self._mac_key, self.db_uuid, slot)

    def _migrate(self) -> None:
        """Version 1 -> 2 in memory (saved by the caller): drop the stored lockout, MAC the well-formed slots."""
        for i, slot in enumerate(self.slots):
            if F.check_slot(slot, i + 1, 1) is None:
                slot.pop("failed", None)
                slot.pop("locked_until", None)
                slot["seal"] = 1
                if slot["kind"] == "user":
                    slot.setdefault("must_change", False)
                self._mac(slot)
        self._taken.update(_event_key(e) for e in self.data["pending_events"])
        events = [e for e in self.data["pending_events"] if isinstance(e, dict)]
        self.data["pending_events"] = [{**e, "seq": n} for n, e in enumerate(events, 1)]
        self.data["version"] = VERSION
        self.data["db_uuid_check"] = F.uuid_check(self.db_uuid)
        self._index_trusted = True
        self._events_trusted = False  # no count yet: every pending event is copied

    # -- failed attempts --------------------------------------------------------------------
    def _copied(self) -> int:
        record = self.data.get("events")
        copied = record.get("copied") if isinstance(record, dict) else 0
        return copied if isinstance(copied, int) and 0 <= copied <= F.MAX_SEQ else 0

    def _record(self, action: str, tag: str) -> None:
        self.reload()  # a session open for hours must not write back its old copy of other slots
        pending = self.data["pending_events"]
        if len(pending) >= MAX_PENDING:
            return
        seqs = [e["seq"] for e in pending if isinstance(e, dict) and isinstance(e.get("seq"), int)]
        seq = max([self._copied(), *seqs]) + 1
        pending.append({"seq": seq, "ts": _now().isoformat(), "action": action, "tag": tag})
        self.save()

    def take_pending_events(self) -> list[dict]:
        """Well-formed events waiting for the audit chain, oldest first: those after the authenticated count of
        copied ones (all of them when the count does not authenticate). The caller saves after writing them."""
        copied = self._copied() if self._events_trusted else 0
        events: list[dict] = []
        for event in self.data.get("pending_events", []):
            self._taken.add(_event_key(event))
            if valid_event(event) and event["seq"] > copied:
                events.append(event)
        events.sort(key=lambda e: e["seq"])
        self.data["pending_events"] = []
        if events:
            copied = max(self._copied(), events[-1]["seq"])
            self.data["events"] = {"copied": copied, "mac": F.events_mac(self._mac_key, self.db_uuid, copied)
                                   if self._mac_key is not None else ""}
        self._events_trusted = self._mac_key is not None
        return events
