"""What a document is made of, as plain data: the builders in `reports.documents` fill a `DocumentSpec`, the
renderer (`reports.pdf.render`) lays it out. Every text is final (already translated, in the document's language);
an empty value prints as a dash, never as nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Letterhead:
    """The office's letterhead, from its profile (`storage.models.Office`)."""

    office: str
    address: str = ""
    lines: tuple[str, ...] = ()  # further letterhead lines: department, phone, e-mail, data box


@dataclass(frozen=True)
class Fields:
    """Label–value rows, two columns; a value may be several lines ("\\n") and in any script."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Text:
    """A paragraph that flows across pages. style: body | small | bold | urgent (red, bold) | quote (an officer's
    note, indented)."""

    text: str
    style: str = "body"


@dataclass(frozen=True)
class Table:
    """A table whose header row repeats on every page it runs onto; `widths` are shares of the text width."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] | None = None
    empty: str = ""  # printed instead of the table when there are no rows ("No visits recorded.")


@dataclass(frozen=True)
class Photo:
    """A JPEG (the child's photo), drawn at most 45 × 60 mm, keeping its proportions."""

    jpeg: bytes
    caption: str = ""


@dataclass(frozen=True)
class Keep:
    """Blocks kept on one page when they fit on one (a table with its title and note): the page breaks before
    them rather than between them. Longer than a page, they flow as usual."""

    blocks: tuple[Fields | Text | Table | Photo, ...]


Block = Fields | Text | Table | Photo | Keep


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Signature:
    """The signature block at the end: the issuing officer's name and role, a line to sign, and the stamp's place."""

    name: str
    role: str
    place_date: str = ""  # "V Praze dne 7. 12. 2026"


@dataclass(frozen=True)
class DocumentSpec:
    """One document, ready to render.

    The renderer prints on every page: the letterhead (first page in full, later pages one line), "č.j." with
    `reference`, "page x / y" in `lang`, and `confidentiality`; on the first page the recipient's address, the
    date and time of issue, the issuing officer, `title` and, when `urgent`, a red banner. PDF metadata: title =
    `title`, author = the office, subject = `subject`, keywords = `keywords`, creator = "OSPOD Desktop".
    """

    lang: str  # cs | en: the renderer's own words (page x / y, "č.j.", "Issued") are in this language
    title: str
    letterhead: Letterhead
    reference: str  # the document's reference number (č.j.)
    issued_at: datetime  # aware; printed in Europe/Prague time
    issuer: str  # the issuing officer's name (blank: no "Issued by" row, as a statistics export)
    recipient: tuple[str, ...]  # the addressee's lines
    sections: tuple[Section, ...]
    confidentiality: str  # the Section 57 line, translated
    signature: Signature | None = None
    case_mark: str = ""  # the child's file mark (sp. zn.), printed beside the reference
    urgent: str = ""  # the banner's text ("URGENT – missing child"); empty: no banner
    subject: str = ""
    keywords: tuple[str, ...] = field(default_factory=tuple)
    footer_note: str = ""  # one more footer line on every page (the summary's audit-chain head)
