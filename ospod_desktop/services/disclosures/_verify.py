"""Opening a register entry (with what changed since) and checking a file brought back against the register."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import and_
from sqlmodel import col

from ospod_desktop.core.roles import Action, Entity
from ospod_desktop.services import scope
from ospod_desktop.services.context import UserSession
from ospod_desktop.services.disclosures._changes import Change, changes_since
from ospod_desktop.services.disclosures._register import UUID_MARK, DisclosureView, find, in_scope
from ospod_desktop.storage.document_tables import Disclosure

_UUID = rb"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
_MARKED = re.compile(re.escape(UUID_MARK.encode()) + _UUID)
_OCTAL = re.compile(rb"\\([0-7]{1,3})")
_HEX = re.compile(rb"<(FEFF[0-9A-Fa-f\s]*)>", re.IGNORECASE)


@dataclass(frozen=True)
class DisclosureDetail:
    view: DisclosureView
    changes: tuple[Change, ...]  # the child's changes since issued_at, oldest first


@dataclass(frozen=True)
class VerifyResult:
    sha256: str
    match: DisclosureView | None  # the file is this register entry, unchanged
    claimed: DisclosureView | None  # no match, but the file names a register entry (altered)
    hidden: bool = False  # it matches (or names) an entry outside the user's scope: no details shown


def disclosure_detail(us: UserSession, disclosure_id: int) -> DisclosureDetail:
    """One entry in scope with what changed in the child's data since it was issued (read audited); an entry
    out of scope, or unknown, is NotFound (the refusal audited)."""
    with us.tx() as tx:
        rows = find(tx.session, and_(in_scope(us), col(Disclosure.id) == disclosure_id)) \
            if isinstance(disclosure_id, int) else []
        if not rows:
            raise scope.refuse(Entity.DISCLOSURE, disclosure_id)
        view = rows[0]
        changes: tuple[Change, ...] = ()
        if view.child_id is not None:
            changes = changes_since(tx.session, view.child_id, view.issued_at, scope.reduced(us),
                                    scope.withheld_fields(us))
        tx.audit(Action.READ, Entity.DISCLOSURE, view.id, detail=scope.read_detail(us))
    return DisclosureDetail(view, changes)


def claimed_uuids(data: bytes) -> list[str]:
    """The register uuids a file names (`ospod-document:<uuid>` in the PDF's keywords), in order of appearance:
    as plain text, in a PDF string with octal escapes (reportlab writes non-Latin keywords as UTF-16), or in a
    UTF-16 hex string."""
    views = [data, _OCTAL.sub(lambda m: bytes([int(m[1], 8) & 0xFF]), data).replace(b"\x00", b"")]
    for m in _HEX.finditer(data):
        try:
            views.append(bytes.fromhex(re.sub(rb"\s", b"", m[1]).decode()).decode("utf-16-be").encode("utf-8"))
        except ValueError:
            continue
    out: list[str] = []
    for view in views:
        for m in _MARKED.finditer(view):
            if m[1].decode() not in out:
                out.append(m[1].decode())
    return out


def verify_bytes(us: UserSession, data: bytes) -> VerifyResult:
    """Is `data` a file we issued, unchanged (`match`), or one naming a register entry but altered (`claimed`)?
    `hidden` when the entry is outside the user's scope. Audited as a read of the register."""
    digest = hashlib.sha256(bytes(data)).hexdigest()
    with us.tx() as tx:
        visible = in_scope(us)
        match = claimed = None
        hidden = False
        same = find(tx.session, col(Disclosure.sha256) == digest)
        if same:
            mine = find(tx.session, and_(visible, col(Disclosure.sha256) == digest))
            match = mine[0] if mine else None
            hidden = match is None
        else:
            for uuid in claimed_uuids(bytes(data)):
                named = find(tx.session, col(Disclosure.uuid) == uuid)
                if not named:
                    continue
                mine = find(tx.session, and_(visible, col(Disclosure.uuid) == uuid))
                claimed = mine[0] if mine else None
                hidden = claimed is None
                break
        found = match or claimed
        outcome = "match" if match else "claimed" if claimed else "hidden" if hidden else "none"
        tx.audit(Action.READ, Entity.DISCLOSURE, found.id if found else None,
                 detail=scope.read_detail(us, f"verify:{outcome}"))
    return VerifyResult(digest, match, claimed, hidden)


def verify_file(us: UserSession, path: Path) -> VerifyResult:
    """`verify_bytes` of the file at `path` (OSError when it cannot be read)."""
    return verify_bytes(us, Path(path).read_bytes())
