"""What the caller asks for (`DocumentRequest`) and what it gets back (`RenderedDocument`, `IssuedDocument`);
the request is checked whole before anything is read (ValidationError naming the field)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from ospod_desktop.core.documents import DOCUMENT_KINDS
from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.i18n import LANGUAGES, _
from ospod_desktop.core.limits import ADDRESS_MAX, LINE_MAX, REFERENCE_MAX
from ospod_desktop.core.text import clean_line, clean_text

MAX_ATTACHMENTS = 20


@dataclass(frozen=True)
class DocumentRequest:
    """One document about one child. `recipient` "" → the kind's default (core.documents.default_recipient);
    `minimal`: the police notice naming only the child's names and date of birth; `reference`: a č.j. the officer
    has from the filing system ("" → the next number of the office's register); `episode_id`: the missing
    episode (default: the child's open one); `assessment_id`: the assessment of a police notice (default: the
    latest finished one)."""

    child_id: int
    kind: str
    lang: str = "cs"
    recipient: str = ""
    minimal: bool = False
    reference: str = ""
    attachments: tuple[str, ...] = ()
    episode_id: int | None = None
    assessment_id: int | None = None


@dataclass(frozen=True)
class RenderedDocument:
    """The PDF's exact bytes and what the register records of it. `file_name`: a suggestion without the child's
    name ("ospod-police-123-2026-12-07.pdf")."""

    request: DocumentRequest
    data: bytes
    sha256: str
    title: str
    reference: str
    categories: tuple[str, ...]
    file_name: str


@dataclass(frozen=True)
class IssuedDocument:
    """A document issued: the register row's id, and where the file was written (None: printed)."""

    rendered: RenderedDocument
    disclosure_id: int
    path: Path | None


def checked(request: DocumentRequest) -> DocumentRequest:
    """The request with its texts cleaned; ValidationError naming the first bad field."""
    if not isinstance(request.child_id, int) or isinstance(request.child_id, bool):
        raise ValidationError("child_id", _("Child: give the record's number."))
    if request.kind not in DOCUMENT_KINDS:
        raise ValidationError("kind", _("Document: choose one of the listed kinds."))
    if request.lang not in LANGUAGES:
        raise ValidationError("lang", _("Language: choose Czech or English."))
    if request.minimal and request.kind != "police":
        raise ValidationError("minimal", _("Only the police notice can name just the child's names and date of birth."))
    if len(request.attachments) > MAX_ATTACHMENTS:
        raise ValidationError("attachments", _("Attachments: at most {n}.").format(n=MAX_ATTACHMENTS))
    attachments = tuple(a for a in (clean_line(a, "attachments", _("Attachment"), LINE_MAX)
                                    for a in request.attachments) if a)
    for name, value in (("episode_id", request.episode_id), ("assessment_id", request.assessment_id)):
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            raise ValidationError(name, _("Give the record's number."))
    return replace(
        request,
        recipient=clean_text(request.recipient, "recipient", _("Recipient"), ADDRESS_MAX),
        reference=clean_line(request.reference, "reference", _("Reference number"), REFERENCE_MAX),
        attachments=attachments,
    )


def file_name(kind: str, child_id: int, day: date) -> str:
    """The suggested file name: kind, the record's number and the day (never the child's name)."""
    return f"ospod-{kind}-{child_id}-{day.isoformat()}.pdf"
