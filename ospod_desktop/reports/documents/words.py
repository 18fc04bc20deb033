"""Wording shared by the four documents: dates and times, empty values, the child's identity, age, nationality,
placement and contacts as `Fields` / `Table` blocks, and the parts of a `DocumentSpec` every document has.

Every function here translates with `_()` in the active language: call them inside
`core.i18n.language(issue.lang)` (the builders do). An empty value prints as a dash (`DASH`), never as nothing;
a block a document leaves out is simply not built (the minimal police notice has not even the labels)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from ospod_desktop.core import child_rules as CR
from ospod_desktop.core import documents as D
from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core.countries import country_name, language_name
from ospod_desktop.core.i18n import _, format_day, ngettext
from ospod_desktop.core.roles import Role
from ospod_desktop.core.trafficking_flag import flag_label
from ospod_desktop.reports.documents.data import (
    ChildIdentity,
    Contact,
    Finding,
    Issue,
    PlacementInfo,
)
from ospod_desktop.reports.pdf.model import (
    Block,
    DocumentSpec,
    Fields,
    Letterhead,
    Photo,
    Section,
    Signature,
    Table,
    Text,
)

DASH = "—"  # an empty value: "not recorded"
PRAGUE = ZoneInfo("Europe/Prague")


def v(value: object) -> str:
    """A value as printed: the text, or a dash when there is none."""
    if value is None:
        return DASH
    text = str(value).strip()
    return text or DASH


def day(value: date | None) -> str:
    return format_day(value) if value is not None else DASH


def local(value: datetime) -> datetime:
    """An aware (or naive UTC) time in Prague time."""
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(PRAGUE)


def when(value: datetime | None) -> str:
    """ "7. 12. 2026 14:05" in Prague time, or a dash."""
    if value is None:
        return DASH
    at = local(value)
    return f"{format_day(at.date())} {at:%H:%M}"


def moment(value: datetime | None) -> str:
    """As `when`, but an event known only by its day (kept as the start of that day in Prague) shows the day
    alone: "6. 10. 2026", never a made-up "6. 10. 2026 00:00"."""
    if value is None:
        return DASH
    at = local(value)
    if (at.hour, at.minute, at.second, at.microsecond) == (0, 0, 0, 0):
        return format_day(at.date())
    return when(value)


def yes_no(value: bool | None) -> str:
    if value is None:
        return DASH
    return _("yes") if value else _("no")


def lines(*parts: str) -> str:
    """Non-empty parts on separate lines, or a dash."""
    return v("\n".join(p.strip() for p in parts if p and p.strip()))


def codes_line(codes: tuple[str, ...], name) -> str:
    return v(", ".join(name(c) for c in codes))


# --- the child ---------------------------------------------------------------------------------------------------

def birth(child: ChildIdentity) -> str:
    """The date of birth, or the year when only the year is known."""
    if child.birth_date is not None:
        return format_day(child.birth_date)
    if child.birth_year is not None:
        return _("{year} (year only)").format(year=child.birth_year)
    return DASH


def minimal_identity(child: ChildIdentity) -> Fields:
    """The three facts the minimal police notice gives: nothing else, not even a label."""
    return Fields(((_("Given names"), v(child.given_names)), (_("Family names"), v(child.family_names)),
                   (_("Date of birth"), birth(child))))


def identity(child: ChildIdentity, *, description: bool = True) -> Fields:
    """Who the child is: names in Latin and original script, sex, birth, status, documents."""
    documents = [
        ", ".join(p for p in (CR.label(CR.IDENTIFIER_KINDS, i.kind), i.number,
                              country_name(i.country) if i.country else "", i.issuer) if p)
        for i in child.identifiers
    ]
    rows = [
        (_("Given names"), v(child.given_names)),
        (_("Family names"), v(child.family_names)),
        (_("Name in the original script"), v(child.original_script_name)),
        (_("Other names used"), codes_line(child.aliases, str)),
        (_("Sex"), CR.label(CR.SEXES, child.sex) if child.sex else DASH),
        (_("Date of birth"), birth(child)),
        (_("Status"), CR.label(CR.STATUSES, child.status) if child.status else DASH),
        (_("Birth number"), v(child.birth_number)),
        (_("Identity documents"), lines(*documents)),
        (_("File mark"), v(child.case_mark)),
    ]
    if description:
        rows.append((_("Description"), v(child.description)))
    return Fields(tuple(rows))


def age_range(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return DASH
    if low is None or high is None or low == high:
        n = low if low is not None else high
        assert n is not None
        return ngettext("{n} year", "{n} years", n).format(n=n)
    return _("{low}–{high} years").format(low=low, high=high)


def age(child: ChildIdentity) -> tuple[Block, ...]:
    """Age and how it was assessed: the estimate, the child's own statement, the documents, formal assessments."""
    fields = Fields((
        (_("Estimated age (when found)"), age_range(child.age_min, child.age_max)),
        (_("Age the child states"), age_range(child.age_claimed, child.age_claimed)),
        (_("Age according to documents"), age_range(child.age_document, child.age_document)),
    ))
    checks = Table(
        (_("Assessed on"), _("Method"), _("Assessed by"), _("Result")),
        tuple((day(c.assessed_on), CR.label(CR.ASSESSMENT_METHODS, c.method), v(c.assessor),
               age_range(c.age_min, c.age_max)) for c in child.age_checks),
        widths=(0.2, 0.3, 0.3, 0.2), empty=_("No formal age assessment is recorded."))
    return fields, checks


def nationality(child: ChildIdentity) -> Fields:
    interpreter = child.interpreter_language
    if interpreter and len(interpreter) <= 3 and interpreter.isalpha() and interpreter.islower():
        interpreter = language_name(interpreter)
    return Fields((
        (_("Nationality"), codes_line(child.nationalities, country_name)),
        (_("Languages"), codes_line(child.languages, language_name)),
        (_("Interpreter needed for"), v(interpreter)),
    ))


def photo(child: ChildIdentity) -> tuple[Block, ...]:
    return (Photo(child.photo, _("Photo of the child")),) if child.photo else ()


def finding(f: Finding) -> Fields:
    found = " ".join(p for p in (day(f.found_on) if f.found_on else "", f.found_time) if p)
    urgency = CR.label(CR.URGENCIES, f.urgency) if f.urgency else ""
    return Fields((
        (_("Found on"), v(found)),
        (_("Found at"), v(f.found_place)),
        (_("How the case reached OSPOD"), CR.label(CR.CHANNELS, f.channel) if f.channel else DASH),
        (_("Reported by (agency)"), v(f.reporter_agency)),
        (_("Reported by (person)"), v(f.reporter_person)),
        (_("Their reference"), v(f.reporter_reference)),
        (_("Police reference"), v(f.police_reference)),
        (_("Urgency"), lines(urgency, f.urgency_reason)),
    ))


def flag(code: str | None) -> str:
    """The trafficking flag, or "none recorded"."""
    return flag_label(code or "") or _("none recorded")


# --- placement and contacts ----------------------------------------------------------------------------------------

def placement(p: PlacementInfo | None) -> tuple[Block, ...]:
    if p is None:
        return (Text(_("No placement is recorded.")),)
    court = p.legal_basis in PR.COURT_BASES or p.court or p.court_file_number
    rows = [
        (_("Facility or carer"), v(p.facility)),
        (_("Type"), PR.label(PR.FACILITY_TYPES, p.setting) if p.setting else DASH),
        (_("Legal basis"), PR.label(PR.LEGAL_BASES, p.legal_basis) if p.legal_basis else DASH),
    ]
    if court:
        rows += [(_("Court"), v(p.court)), (_("Court file number"), v(p.court_file_number)),
                 (_("Decision of"), day(p.decision_date))]
    rows += [(_("Placed since"), day(p.start_date)), (_("Valid until"), day(p.expiry_date))]
    if p.end_date is not None or p.end_reason:
        rows += [(_("Ended on"), day(p.end_date)),
                 (_("Why it ended"), PR.label(PR.END_REASONS, p.end_reason) if p.end_reason else DASH)]
    rows += [(_("Address"), v(p.address)), (_("Contact person"), v(p.contact_person)),
             (_("Phone"), v(p.phone)), (_("E-mail"), v(p.email))]
    return (Fields(tuple(rows)),)


def placements_table(items: tuple[PlacementInfo, ...]) -> Table:
    return Table(
        (_("Facility or carer"), _("Legal basis"), _("Court file number"), _("From"), _("Until")),
        tuple((v(p.facility), PR.label(PR.LEGAL_BASES, p.legal_basis) if p.legal_basis else DASH,
               v(p.court_file_number), day(p.start_date),
               day(p.end_date) if p.end_date else _("valid until {date}").format(date=day(p.expiry_date))
               if p.expiry_date else DASH) for p in items),
        widths=(0.3, 0.22, 0.18, 0.13, 0.17), empty=_("No placement is recorded."))


def contacts_table(items: tuple[Contact, ...], *, empty: str = "", alive: bool = True) -> Table:
    """The contacts; `alive` False: no "Alive" column (whom the police call: a facility, an officer)."""
    if not alive:
        return Table(
            (_("Relationship"), _("Name"), _("Where"), _("Phone"), _("Notes")),
            tuple((v(c.relationship), v(c.name), v(c.location), v(c.phone), v(c.notes)) for c in items),
            widths=(0.16, 0.24, 0.22, 0.16, 0.22), empty=empty or _("No contacts are recorded."))
    return Table(
        (_("Relationship"), _("Name"), _("Where"), _("Phone"), _("Alive"), _("Notes")),
        tuple((v(c.relationship), v(c.name), v(c.location), v(c.phone),
               CR.label(CR.ALIVE, c.alive) if c.alive else DASH, v(c.notes)) for c in items),
        widths=(0.14, 0.18, 0.17, 0.15, 0.1, 0.26), empty=empty or _("No contacts are recorded."))


def contact_rows(c: Contact) -> Fields:
    return Fields(((_("Relationship"), v(c.relationship)), (_("Name"), v(c.name)), (_("Where"), v(c.location)),
                   (_("Phone"), v(c.phone)), (_("Notes"), v(c.notes))))


# --- the document's frame -------------------------------------------------------------------------------------------

def issuer_role(issue: Issue) -> str:
    try:
        return Role(issue.issuer_role).label
    except ValueError:
        return issue.issuer_role


def signature(issue: Issue) -> Signature:
    place_date = _("{place}, {date}").format(place=issue.place, date=format_day(local(issue.issued_at).date())) \
        if issue.place else format_day(local(issue.issued_at).date())
    return Signature(name=issue.issuer, role=issuer_role(issue), place_date=place_date)


def spec(issue: Issue, *, title: str, sections: list[Section], case_mark: str = "", urgent: str = "",
         footer_note: str = "") -> DocumentSpec:
    """The frame every document shares: letterhead, č.j., recipient (the default of the kind when none is named),
    issuer, the Section 57 line, the signature and the metadata (never the child's name in them)."""
    recipient = tuple(line.strip() for line in issue.recipient.splitlines() if line.strip()) \
        or tuple(line.strip() for line in D.default_recipient(issue.kind).split(", ") if line.strip())
    sections = [s for s in sections if s.blocks]
    if sections and any(_has_dash(b) for s in sections for b in s.blocks):
        last = sections[-1]
        sections[-1] = Section(last.title, (*last.blocks, Text(_("A dash (—) means that the value is not recorded."),
                                                               "small")))
    keywords = ["OSPOD", D.kind_label(issue.kind)]
    if issue.reference:
        keywords.append(issue.reference)
    if issue.document_uuid:
        keywords.append(f"ospod-document:{issue.document_uuid}")
    return DocumentSpec(
        lang=issue.lang, title=title,
        letterhead=Letterhead(issue.office, issue.office_address, tuple(issue.letterhead_lines)),
        reference=issue.reference, issued_at=issue.issued_at, issuer=issue.issuer, recipient=recipient,
        sections=tuple(sections), confidentiality=_(D.CONFIDENTIALITY),
        signature=signature(issue), case_mark=case_mark, urgent=urgent, subject=D.kind_label(issue.kind),
        keywords=tuple(keywords), footer_note=footer_note or anchor_note(issue))


def anchor_note(issue: Issue) -> str:
    """The footer line naming the audit chain's anchor at issue (`verify --anchor ID:MAC` checks against it)."""
    return _("Audit anchor: {anchor}").format(anchor=issue.anchor) if issue.anchor else ""


def _has_dash(block: Block) -> bool:
    if isinstance(block, Fields):
        return any(value == DASH for _label, value in block.rows)
    if isinstance(block, Table):
        return any(DASH in row for row in block.rows)
    return isinstance(block, Text) and block.text == DASH


def officer_section(issue: Issue, responsible: str, contact: str = "") -> Section:
    rows = [(_("Responsible officer"), v(responsible)), (_("Issued by"), v(issue.issuer))]
    if contact:
        rows.append((_("Contact"), contact))
    return Section(_("Responsible officer"), (Fields(tuple(rows)),))
