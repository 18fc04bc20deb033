"""Reading the key-slot file: its JSON and header checked, each problem one clear message (`slot_messages`);
and the unauthenticated list of failed attempts (`pending_events`) a process without the key appends to."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from ospod_desktop.core.errors import KeyFileDamaged, NotOurDatabase
from ospod_desktop.storage import slot_format as F
from ospod_desktop.storage import slot_messages as M
from ospod_desktop.storage.slot_format import FORMAT

MAX_BYTES = 8 * 1024 * 1024  # a few hundred slots and a thousand pending failures take well under 1 MB
HEADER_V1 = frozenset({"format", "version", "db_uuid", "slots", "pending_events"})
HEADER_V2 = HEADER_V1 | {"db_uuid_check", "index", "events",
                         "anchor", "audit_recovery"}  # records of `storage.anchor` and `storage.audit_mac`


def event_key(event: object) -> str:
    return F.canonical(event).decode("ascii") if isinstance(event, dict) else repr(event)


def read_file(path: Path) -> dict:
    """The slot file's JSON with a checked header; KeyFileDamaged (one clear message) or NotOurDatabase."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise KeyFileDamaged(M.too_large(path), "size")
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise NotOurDatabase("key file missing") from exc
    except IsADirectoryError as exc:
        raise NotOurDatabase("key file is a folder") from exc
    if not raw.strip():
        raise KeyFileDamaged(M.empty(path), "empty")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise KeyFileDamaged(M.not_json(path), "json") from exc
    if not isinstance(data, dict):
        raise KeyFileDamaged(M.not_object(path), "top")
    if isinstance(data.get("format"), str) and data["format"] != FORMAT:
        raise NotOurDatabase("key file format")
    for name in ("format", "version", "db_uuid", "slots"):
        if name not in data:
            raise KeyFileDamaged(M.header_missing(path, name), f"header {name}")
    if not isinstance(data["format"], str):
        raise KeyFileDamaged(M.header_wrong(path, "format"), "header format")
    version = data["version"]
    if not isinstance(version, int) or isinstance(version, bool):
        raise KeyFileDamaged(M.header_wrong(path, "version"), "header version")
    if version not in F.READABLE_VERSIONS:
        raise KeyFileDamaged(M.unknown_version(path, version), "version")
    if not F.is_uuid(data["db_uuid"]):
        raise KeyFileDamaged(M.header_wrong(path, "db_uuid"), "header db_uuid")
    allowed = HEADER_V1 if version == 1 else HEADER_V2
    extra = sorted(set(data) - allowed)
    if extra:
        raise KeyFileDamaged(M.header_unknown(path, extra[0]), "header unknown")
    if version >= 2 and data.get("db_uuid_check") != F.uuid_check(data["db_uuid"]):
        # a user's slot is found by a hash of the uuid: a changed uuid would read as "wrong password" for everyone
        raise KeyFileDamaged(M.header_wrong(path, "db_uuid"), "header db_uuid_check")
    if not isinstance(data["slots"], list):
        raise KeyFileDamaged(M.header_wrong(path, "slots"), "header slots")
    if not isinstance(data.setdefault("pending_events", []), list):
        data["pending_events"] = []  # unauthenticated anyway: a damaged list is only lost events
    return data


def valid_event(event: object) -> bool:
    if not isinstance(event, dict) or event.get("action") not in F.EVENT_ACTIONS:
        return False
    seq, tag = event.get("seq"), event.get("tag")
    if not isinstance(seq, int) or isinstance(seq, bool) or not 0 < seq <= F.MAX_SEQ or not isinstance(tag, str):
        return False
    try:
        return datetime.fromisoformat(str(event.get("ts"))).tzinfo is not None
    except ValueError:
        return False


def merge_pending(path: Path, data: dict, taken: set[str], limit: int) -> None:
    """Add to `data` the failures another process appended to the file at `path` since it was read (not those in
    `taken`: already copied to the audit chain by this process), up to `limit` in all."""
    try:
        on_disk = read_file(path)
    except Exception:  # noqa: BLE001 (nothing to merge from a missing or damaged file)
        return
    if on_disk.get("db_uuid") != data.get("db_uuid"):
        return
    mine = {event_key(e) for e in data["pending_events"]}
    for event in on_disk["pending_events"]:
        key = event_key(event)
        if key not in mine and key not in taken and len(data["pending_events"]) < limit:
            data["pending_events"].append(event)
            mine.add(key)
