"""Preview and issue: gather the data, render the PDF, and (issue) write it and record the disclosure — all in
one write transaction, so a failure anywhere leaves neither a register row nor a file."""

from __future__ import annotations

import hashlib
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ospod_desktop.core.documents import default_recipient, kind_label
from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.i18n import _, language
from ospod_desktop.core.missing_form import aware, local_day
from ospod_desktop.core.roles import Action, Entity, Role
from ospod_desktop.reports.documents import build
from ospod_desktop.services import disclosures, missing, scope
from ospod_desktop.services.context import Tx, UserSession
from ospod_desktop.services.documents._gather import DocumentData, gather, kinds_for, load
from ospod_desktop.services.documents._request import (
    DocumentRequest,
    IssuedDocument,
    RenderedDocument,
    checked,
    file_name,
)  # fmt: skip
from ospod_desktop.storage.files import write_atomic

CHANNELS = ("saved", "printed", "cli")


def allowed_kinds(us: UserSession, child_id: int) -> tuple[str, ...]:
    """The documents the user may produce for the child: facility staff ("missing",) for a child in their scope,
    officers and supervisors all four, administrators none. An unknown or out-of-scope child → NotFound."""
    if us.actor.role is Role.ADMIN:
        return ()
    with us.tx() as tx:
        scope.load_child(tx, us, child_id)
    return kinds_for(us)


def open_episode(us: UserSession, child_id: int) -> int | None:
    """The child's open missing episode (the missing report's default), or None."""
    with us.tx() as tx:
        scope.load_child(tx, us, child_id)
        found = [e.id for e in missing.episodes(tx, child_id) if e.open]
    return found[-1] if found else None


def _rendered(tx: Tx, us: UserSession, request: DocumentRequest, issued_at: datetime,
              uuid: str = "") -> tuple[RenderedDocument, int | None, int | None]:
    """Reserve the number (unless the request gives one: a typed-in č.j. takes no number of the register), gather
    and render, inside the document's language. Returns the document, the number's year and the number."""
    child = load(tx, us, request)
    with language(request.lang):
        year: int | None
        number: int | None
        if request.reference:
            reference, year, number = request.reference, None, None
        else:
            reference, year, number = disclosures.reserve_reference(tx, issued_at)
        data = gather(tx, us, request, child, reference, issued_at, scope.today(), uuid)
        pdf, categories = build.render_document(data), tuple(build.categories(data))
        title = kind_label(request.kind)
    rendered = RenderedDocument(request=request, data=pdf, sha256=hashlib.sha256(pdf).hexdigest(), title=title,
                                reference=reference, categories=categories,
                                file_name=file_name(request.kind, request.child_id, local_day(issued_at)))
    return rendered, year, number


@dataclass
class _Discard(Exception):
    """Leaves a preview's transaction without committing anything (the reserved number is not taken)."""

    rendered: RenderedDocument


def preview(us: UserSession, request: DocumentRequest, now: datetime | None = None) -> RenderedDocument:
    """The document as it would be issued now (its reference: the number it would get, or the override). Not a
    disclosure: nothing is recorded but the audited read."""
    request = checked(request)
    issued_at = aware(now) if now else datetime.now(UTC)
    try:
        with us.tx() as tx:
            raise _Discard(_rendered(tx, us, request, issued_at)[0])
    except _Discard as done:
        rendered = done.rendered
    with us.tx() as tx:
        tx.audit(Action.READ, Entity.CHILD, request.child_id,
                 detail=scope.read_detail(us, f"document_preview:{request.kind}"))
    return rendered


def gather_data(us: UserSession, request: DocumentRequest, now: datetime | None = None) -> DocumentData:
    """The document's data as the user's role may see it, without rendering or recording (tests, benchmarks);
    its reference is the request's (no number is reserved). An audited read."""
    request = checked(request)
    issued_at = aware(now) if now else datetime.now(UTC)
    with us.tx() as tx:
        child = load(tx, us, request)
        with language(request.lang):
            data = gather(tx, us, request, child, request.reference, issued_at, scope.today())
        tx.audit(Action.READ, Entity.CHILD, request.child_id,
                 detail=scope.read_detail(us, f"document_data:{request.kind}"))
    return data


def _check_target(target: Path | None, channel: str) -> Path | None:
    if channel not in CHANNELS:
        raise ValidationError("channel", _("Channel: choose one of the listed values."))
    if channel == "printed":
        if target is not None:
            raise ValidationError("target", _("A printed document is not saved to a file."))
        return None
    if target is None:
        raise ValidationError("target", _("Choose where to save the document."))
    target = Path(target)
    if target.is_dir():
        raise ValidationError("target", _("Choose a file name, not a folder."))
    return target


def issue(us: UserSession, request: DocumentRequest, target: Path | None = None, channel: str = "saved",
          now: datetime | None = None) -> IssuedDocument:
    """Issue the document: in ONE write transaction reserve the č.j., gather, render, record the disclosure with
    the exact bytes (and its audit row), and write `target` atomically (channel "printed": no file; the caller
    prints `rendered.data`). Any failure leaves no register row and no file."""
    request = checked(request)
    path = _check_target(target, channel)
    issued_at = aware(now) if now else datetime.now(UTC)
    uuid = disclosures.new_uuid()
    written = False
    try:
        with us.tx() as tx:
            rendered, year, number = _rendered(tx, us, request, issued_at, uuid)
            row_id = disclosures.record(
                tx, child_id=request.child_id, kind=request.kind, recipient=_recipient(request),
                categories=rendered.categories, data=rendered.data, reference=rendered.reference, ref_year=year,
                ref_number=number, lang=request.lang, channel=channel, uuid=uuid, issued_at=issued_at)
            if path is not None:
                try:
                    write_atomic(path, rendered.data)
                except OSError as exc:
                    raise ValidationError("target", _("The file could not be written: {reason}").format(
                        reason=exc.strerror or type(exc).__name__)) from None
                written = True
    except BaseException:
        if written and path is not None:  # the commit failed after the file was in place
            with suppress(OSError):
                path.unlink()
        raise
    return IssuedDocument(rendered, row_id, path)


def _recipient(request: DocumentRequest) -> str:
    if request.recipient:
        return request.recipient
    with language(request.lang):
        return default_recipient(request.kind)
