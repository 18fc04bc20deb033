"""Writing and listing the disclosure register: `record` adds an entry (and its audit row) inside the caller's
transaction, `reserve_reference` hands out the next č.j. of the year, `disclosures` lists the entries in scope."""

from __future__ import annotations

import hashlib
import uuid as _uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, or_, select, true
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from ospod_desktop.core.documents import CATEGORIES, KINDS
from ospod_desktop.core.roles import Action, Entity, Role
from ospod_desktop.services import chain_anchor, scope
from ospod_desktop.services.context import Tx, UserSession
from ospod_desktop.storage.document_tables import CHANNELS, Disclosure
from ospod_desktop.storage.models import DEFAULT_REFERENCE_FORMAT, OFFICE_ID, Child, Office, User
from ospod_desktop.storage.rows import saved_id

PRAGUE = ZoneInfo("Europe/Prague")
UUID_MARK = "ospod-document:"  # the PDF's keywords carry f"{UUID_MARK}{uuid}"


@dataclass(frozen=True)
class DisclosureView:
    """One register entry as the user may see it."""

    id: int
    uuid: str
    child_id: int | None
    child_reference: str | None
    kind: str
    recipient: str
    issued_at: datetime  # UTC
    user: str  # username
    user_name: str  # display name
    categories: tuple[str, ...]
    sha256: str
    size: int
    reference: str
    lang: str
    channel: str
    anchor: str = ""  # the audit chain's head "ID:MAC" when recorded ("" for entries before revision 0014)

    def as_json(self) -> dict[str, Any]:
        issued = self.issued_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S") + "Z"
        child = None if self.child_id is None and self.child_reference is None else {
            "id": self.child_id, "reference": self.child_reference}
        return {"id": self.id, "child": child, "kind": self.kind, "recipient": self.recipient, "issued_at": issued,
                "user": self.user, "categories": list(self.categories), "sha256": self.sha256,
                "reference": self.reference, "channel": self.channel, "size": self.size, "lang": self.lang,
                "anchor": self.anchor}


def new_uuid() -> str:
    """The entry's uuid, made before rendering so the document's keywords can carry it."""
    return str(_uuid.uuid4())


def format_reference(fmt: str, number: int, year: int) -> str:
    """The č.j. from the office's format: "{number}" and "{year}" replaced (other text kept as written)."""
    return fmt.replace("{number}", str(number)).replace("{year}", str(year))


def reserve_reference(tx: Tx, issued_at: datetime) -> tuple[str, int, int]:
    """(č.j., year, number): the next number of the (Prague) year of `issued_at` in the office's format. Call it
    inside the transaction that records the entry; the unique (year, number) index refuses a number used twice."""
    when = issued_at if issued_at.tzinfo else issued_at.replace(tzinfo=UTC)
    year = when.astimezone(PRAGUE).year
    last = tx.session.execute(select(func.max(col(Disclosure.ref_number))).where(
        col(Disclosure.ref_year) == year)).scalar()
    number = (last or 0) + 1
    office = tx.session.get(Office, OFFICE_ID)
    fmt = office.reference_format if office and office.reference_format else DEFAULT_REFERENCE_FORMAT
    return format_reference(fmt, number, year), year, number


def record(tx: Tx, *, child_id: int | None, kind: str, recipient: str, categories: Iterable[str], data: bytes,
           reference: str = "", ref_year: int | None = None, ref_number: int | None = None, lang: str = "",
           channel: str = "saved", uuid: str | None = None, issued_at: datetime | None = None) -> int:
    """Add a register entry for `data` (the exact bytes that left the app) and its audit row, in `tx`; returns
    the entry's id. The entry keeps the audit chain's anchor of this moment (`chain_anchor.head_text`, read in `tx`
    before the entry's own audit row): the head the disclosed bytes were made against. Codes are checked: a wrong
    one is a programming error (ValueError)."""
    cats = tuple(categories)
    if kind not in KINDS:
        raise ValueError(f"unknown disclosure kind {kind!r}")
    if channel not in CHANNELS:
        raise ValueError(f"unknown disclosure channel {channel!r}")
    unknown = [c for c in cats if c not in CATEGORIES]
    if unknown:
        raise ValueError(f"unknown data categories {unknown!r}")
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError("record() takes the exact bytes disclosed")
    raw = bytes(data)
    child_reference = None
    if child_id is not None:
        child = tx.session.get(Child, child_id)
        if child is None:
            raise ValueError(f"no child {child_id}")
        child_reference = child.reference or child.case_mark or str(child_id)
    row = Disclosure(
        child_id=child_id, child_reference=child_reference, kind=kind, recipient=recipient,
        issued_at=(issued_at or datetime.now(UTC)), user_id=tx.actor.user_id if tx.actor else None,
        categories=",".join(c for c in CATEGORIES if c in cats), sha256=hashlib.sha256(raw).hexdigest(),
        size=len(raw), reference=reference, ref_year=ref_year, ref_number=ref_number, lang=lang, channel=channel,
        anchor=chain_anchor.head_text(tx.session))
    if uuid:
        row.uuid = uuid
    tx.session.add(row)
    tx.session.flush()
    tx.audit(Action.EXPORT, Entity.DISCLOSURE, saved_id(row), detail=f"{kind}:{channel}")
    return saved_id(row)


def in_scope(us: UserSession) -> ColumnElement[bool]:
    """A WHERE clause on `disclosure` for the entries this user may see."""
    role, me = us.actor.role, us.actor.user_id
    no_child = col(Disclosure.child_id).is_(None)
    if role is Role.SUPERVISOR:
        return true()
    if role is Role.OFFICER:
        children = select(col(Child.id)).where(scope.visible(us))
        return or_(and_(no_child, col(Disclosure.user_id) == me), col(Disclosure.child_id).in_(children))
    if role is Role.FACILITY_STAFF:
        return col(Disclosure.user_id) == me
    return no_child  # an administrator: the exports, never a child's documents


def _views(session, where: ColumnElement[bool]) -> list[DisclosureView]:
    stmt = (select(Disclosure, col(User.username), col(User.display_name))
            .outerjoin(User, col(User.id) == col(Disclosure.user_id))
            .where(where).order_by(col(Disclosure.issued_at).desc(), col(Disclosure.id).desc()))
    return [view_of(row, username or "", name or "") for row, username, name in session.execute(stmt).all()]


def view_of(row: Disclosure, username: str, display_name: str) -> DisclosureView:
    issued = row.issued_at if row.issued_at.tzinfo else row.issued_at.replace(tzinfo=UTC)
    return DisclosureView(
        id=saved_id(row), uuid=row.uuid, child_id=row.child_id, child_reference=row.child_reference,
        kind=row.kind, recipient=row.recipient, issued_at=issued, user=username, user_name=display_name,
        categories=tuple(c for c in row.categories.split(",") if c), sha256=row.sha256, size=row.size,
        reference=row.reference, lang=row.lang, channel=row.channel, anchor=row.anchor or "")


def disclosures(us: UserSession, child_id: int | None = None) -> list[DisclosureView]:
    """The register entries this user may see, newest first; of one child when `child_id` is given (a child out
    of scope, or unknown, is NotFound, the refusal audited)."""
    if child_id is None:
        with us.read() as session:
            return _views(session, in_scope(us))
    with us.tx() as tx:
        if us.actor.role is not Role.ADMIN:
            scope.load_child(tx, us, child_id)
        return _views(tx.session, and_(in_scope(us), col(Disclosure.child_id) == child_id))


def find(session, where: ColumnElement[bool]) -> list[DisclosureView]:
    """Entries matching `where`, whatever the scope (the caller decides what to show)."""
    return _views(session, where)
