"""The plain data a document is built from. `services.documents` fills these from the database (only what the
reader's role may see; a withheld value is simply not there) and passes them to the builders
(`reports.documents.build`). Codes stay codes (sex "F", legal basis "preliminary_measure", ISO 3166 / 639
codes): the builder labels them in the document's language. Times are aware datetimes (UTC in the database);
the builder prints them in Europe/Prague time."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Issue:
    """What every document carries besides the child's data."""

    kind: str  # core.documents.DOCUMENT_KINDS
    lang: str  # cs | en
    office: str
    office_address: str
    letterhead_lines: tuple[str, ...]  # the profile's extra letterhead lines
    reference: str  # č.j.
    issued_at: datetime
    issuer: str  # the issuing user's display name
    issuer_role: str  # core.roles.Role value: officer | supervisor | facility_staff
    recipient: str  # one or more lines ("\n")
    place: str = ""  # where it is signed ("Praha"): the office's municipality, for "V Praze dne ..."
    document_uuid: str = ""  # the register entry's uuid (`disclosures.new_uuid()`): keywords get "ospod-document:…"
    anchor: str = ""  # the audit chain's anchor "ID:MAC" at issue (`storage.anchor`), printed in the footer


@dataclass(frozen=True)
class Identifier:
    kind: str  # core.child_rules.IDENTIFIER_KINDS
    number: str
    country: str = ""  # ISO 3166 alpha-2
    issuer: str = ""


@dataclass(frozen=True)
class AgeCheck:
    """A formal age assessment."""

    method: str  # core.child_rules.ASSESSMENT_METHODS
    assessed_on: date
    assessor: str
    age_min: int
    age_max: int


@dataclass(frozen=True)
class ChildIdentity:
    """Who the child is. In the minimal police notice only given_names, family_names and birth_date are set."""

    id: int
    reference: str = ""  # the reporting agency's reference
    case_mark: str = ""  # the office's file mark (sp. zn.)
    given_names: str = ""
    family_names: str = ""
    original_script_name: str = ""  # the name in its own script (Arabic, Cyrillic, Ge'ez…)
    aliases: tuple[str, ...] = ()
    sex: str = ""  # M | F | U; "" when not included
    birth_date: date | None = None
    birth_year: int | None = None
    age_min: int | None = None  # an estimated range as of found_on
    age_max: int | None = None
    age_claimed: int | None = None
    age_document: int | None = None
    age_checks: tuple[AgeCheck, ...] = ()
    nationalities: tuple[str, ...] = ()  # ISO 3166 alpha-2, "XX" stateless
    languages: tuple[str, ...] = ()  # ISO 639
    interpreter_language: str = ""  # ISO 639 code or free text as recorded
    status: str = ""  # unaccompanied | separated
    birth_number: str = ""
    identifiers: tuple[Identifier, ...] = ()
    description: str = ""  # how the child looks / who the child is when no name is known
    photo: bytes | None = None  # JPEG


@dataclass(frozen=True)
class Finding:
    """Where, when and by whom the child was found, and how the case reached OSPOD."""

    found_on: date | None = None
    found_time: str = ""  # HH:MM
    found_place: str = ""
    channel: str = ""  # core.child_rules.CHANNELS
    reporter_agency: str = ""
    reporter_person: str = ""
    reporter_reference: str = ""
    police_reference: str = ""
    urgency: str = ""  # core.child_rules.URGENCIES
    urgency_reason: str = ""


@dataclass(frozen=True)
class PlacementInfo:
    facility: str  # the facility's name, or the carer's name for foster care / relatives
    setting: str  # core.placement_rules.FACILITY_TYPES
    legal_basis: str  # core.placement_rules.LEGAL_BASES
    start_date: date
    court: str = ""
    court_file_number: str = ""
    decision_date: date | None = None
    expiry_date: date | None = None  # the latest expiry (extensions included)
    end_date: date | None = None
    end_reason: str = ""  # core.placement_rules.END_REASONS
    address: str = ""
    phone: str = ""
    email: str = ""
    contact_person: str = ""


@dataclass(frozen=True)
class Contact:
    """A relative or contact; for a companion of a separated child, relationship is the companion's."""

    relationship: str
    name: str = ""
    location: str = ""
    phone: str = ""
    alive: str = ""  # yes | no | unknown (core.child_rules.ALIVE)
    notes: str = ""


@dataclass(frozen=True)
class Health:
    """Health and urgent needs: the latest visit's health note, the medication a missing report named."""

    notes: str = ""
    noted_on: date | None = None
    medication: str = ""


@dataclass(frozen=True)
class Episode:
    """A missing episode (a disappearance)."""

    id: int
    last_seen_at: datetime
    last_seen_place: str = ""
    seen_with: str = ""
    circumstances: str = ""
    description: str = ""
    clothing: str = ""
    risk_trafficking: bool | None = None  # None: not included (facility staff's version)
    risk_medication: str | None = None
    risk_notes: str | None = None
    returned_at: datetime | None = None
    closed_at: datetime | None = None
    police_informed_at: datetime | None = None
    police_reference: str = ""


@dataclass(frozen=True)
class Observed:
    """An indicator answered present in an assessment, with what the officer wrote about it."""

    dimension: str  # the dimension's title, in the catalogue's text for the document's language
    text: str  # the indicator's text
    strength: str  # strong | medium | weak
    note: str = ""
    source: str = ""  # core.indicators.codes SOURCES code
    observed_on: date | None = None


@dataclass(frozen=True)
class AssessmentInfo:
    id: int
    finished_at: datetime | None  # None: a draft
    status: str  # core.indicators.codes STATUSES
    outcome: str  # the engine's outcome (OUTCOMES)
    conclusion: str  # the officer's conclusion (CONCLUSIONS)
    reasons: tuple[str, ...] = ()  # the engine's explanation lines (already worded)
    reasoning: str = ""  # the officer's reasoning
    forms: tuple[str, ...] = ()  # FORMS codes
    countries: tuple[str, ...] = ()  # countries of exploitation, ISO alpha-2
    officer: str = ""
    approved_by: str = ""
    approved_at: datetime | None = None
    catalogue: str = ""  # "ospod-default 2026.1"
    observed: tuple[Observed, ...] = ()


@dataclass(frozen=True)
class VisitInfo:
    due_on: date | None
    done_on: date | None
    kind: str  # core.visit_rules.VISIT_KINDS
    place: str = ""  # VISIT_PLACES
    by: str = ""
    overdue: bool = False  # done after its due day, or not done and past it
    seen: bool | None = None


@dataclass(frozen=True)
class DueInfo:
    kind: str  # the due item's label, already worded by core.due_model
    due: date
    status: str  # due_soon | overdue | ok …, already worded
    basis: str


@dataclass(frozen=True)
class DisclosureInfo:
    issued_at: datetime
    kind: str  # core.documents.KINDS
    recipient: str
    user: str
    reference: str = ""


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    text: str  # already worded ("Placed in ...", "Reported missing")


@dataclass(frozen=True)
class FacilityData:
    """1. Admission request to the Facility for Foreign Children (Radlická 30)."""

    issue: Issue
    child: ChildIdentity
    finding: Finding
    placement: PlacementInfo | None  # the placement the request is about (current or planned)
    health: Health
    family: tuple[Contact, ...]
    companion: Contact | None
    trafficking_flag: str  # "" | concern | presumed_victim | identified
    disappearances: int  # earlier missing episodes
    responsible_officer: str
    wishes: str = ""
    notes: str = ""


@dataclass(frozen=True)
class PoliceData:
    """2. Notice of suspected child trafficking (s. 168 of the Criminal Code). `minimal`: the child is only given
    names, family names and date of birth, and nothing else about the child is set (no placement, no assessment
    details, no attachments) – the builder must not print what is not there."""

    issue: Issue
    child: ChildIdentity
    minimal: bool
    assessment: AssessmentInfo | None  # the latest finished one; None: no assessment is recorded
    placement: PlacementInfo | None
    attachments: tuple[str, ...] = ()
    reporter_contact: str = ""  # how the police reach the reporting officer
    missing_since: datetime | None = None  # the child is missing now: last seen then (not in the minimal notice)


@dataclass(frozen=True)
class MissingData:
    """3. Missing-child report, marked urgent. Facility staff's version: risk fields of `episode` are None and
    `trafficking_flag` is None; `contacts` are the facility's."""

    issue: Issue
    child: ChildIdentity
    episode: Episode
    placement: PlacementInfo | None
    trafficking_flag: str | None
    contacts: tuple[Contact, ...]  # who the police call: the facility, the responsible officer


@dataclass(frozen=True)
class SummaryData:
    """4. Case summary for supervisors."""

    issue: Issue
    child: ChildIdentity
    finding: Finding
    timeline: tuple[TimelineEntry, ...]
    placements: tuple[PlacementInfo, ...]
    visits: tuple[VisitInfo, ...]
    assessments: tuple[AssessmentInfo, ...]
    disclosures: tuple[DisclosureInfo, ...]
    due: tuple[DueInfo, ...]
    episodes: tuple[Episode, ...]
    chain_head: tuple[int, str]  # the audit chain's newest row id and hash at printing
    responsible_officer: str = ""
    case_status: str = ""
    trafficking_flag: str = ""
    notes: str = ""
    extra: dict[str, str] = field(default_factory=dict)
