"""Tables. Migrations in `storage/migrations` create them; keep the two in step (a test checks)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index
from sqlmodel import Field, SQLModel

from ospod_desktop.core import child_rules as R
from ospod_desktop.core.trafficking_flag import FLAGS
from ospod_desktop.storage.columns import one_of, updated_field, uuid_field

OFFICE_ID = 1  # a database serves one office: its profile is the one row with this id
DEFAULT_REFERENCE_FORMAT = "OSPOD/{number}/{year}"  # the č.j. of issued documents (revision 0009)

class Office(SQLModel, table=True):
    """The one office profile (row `OFFICE_ID`): letterhead and office-wide settings."""

    id: int | None = Field(default=None, primary_key=True)
    name: str
    address: str = ""
    orp: str = ""
    letterhead: str = ""  # extra letterhead lines, newline-separated
    file_mark_format: str = "{prefix} {number}/{year}"
    idle_lock_minutes: int = 5
    created_at: datetime
    # Revision 0005: synchronisation
    uuid: str = uuid_field()
    updated_at: datetime = updated_field()
    # Revision 0009: the č.j. of issued documents ({number} required, {year} optional; services.disclosures)
    reference_format: str = DEFAULT_REFERENCE_FORMAT


class Facility(SQLModel, table=True):
    """A place where children are placed: the register, seeded from resources/facilities, kept by the admin."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, index=True)
    name: str
    type: str  # core.placement_rules.FACILITY_TYPES
    address: str = ""
    capacity: int | None = None
    phone: str = ""
    email: str = ""
    active: bool = True
    # Revision 0004
    contact_person: str = ""
    other_contacts: str = ""  # further lines: night service, director, the school…
    # Revision 0005
    uuid: str = uuid_field()
    updated_at: datetime = updated_field()


class User(SQLModel, table=True):
    """An account; its password lives only in its key slot."""

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(unique=True, index=True)
    display_name: str
    role: str
    facility_id: int | None = Field(default=None, foreign_key="facility.id")
    disabled: bool = False
    created_at: datetime
    last_login_at: datetime | None = None
    # Revision 0005
    uuid: str = uuid_field()
    updated_at: datetime = updated_field()


class AuditEntry(SQLModel, table=True):
    """One hash-chained audit row: ids and codes only, never names or content."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    ts: str  # UTC, ISO 8601 with microseconds
    user_id: int | None = None
    role: str = ""
    action: str
    entity: str
    entity_id: int | None = None
    detail: str = ""  # a code (e.g. an export format), never content
    prev_hash: str
    hash: str = Field(unique=True)
    # The forward-secure MAC (revision 0013, `storage.audit_mac`): HMAC(k_i, previous mac || the hashed fields);
    # None before the chain's MAC segment starts (rows of a database made before it, until it is set up).
    mac: str | None = None


class AuditKey(SQLModel, table=True):
    """The audit chain's current MAC key (one row, id 1): the key of the next row, overwritten by every append in
    the same transaction (the old key's bytes zeroed: PRAGMA secure_delete). `first_id`: the segment's first row."""

    __tablename__ = "audit_key"

    id: int = Field(default=1, primary_key=True)
    first_id: int
    next_id: int
    key: bytes


class Child(SQLModel, table=True):
    """A registered child: identity and intake (the registration issue adds the rest)."""

    # Covering index for the case list: name order and its filters without touching the rows.
    __table_args__ = (
        Index("ix_child_list", "sort_name", "id", "case_status", "status", "urgency", "merged_into_id", "birth_year"),
        Index("ix_child_officer", "responsible_officer_id", "merged_into_id"),  # revision 0007: an officer's own
        # Revision 0010: the statistics read the registered children and a child's sex and age from it alone.
        Index("ix_child_stats", "id", "merged_into_id", "found_on", "status", "sex", "channel", "birth_date",
              "birth_year", "age_min", "age_max", "age_claimed", "age_document"),
        CheckConstraint(one_of("sex", R.SEXES), name="ck_child_sex"),
        CheckConstraint(one_of("status", R.STATUSES), name="ck_child_status"),
        CheckConstraint(one_of("urgency", R.URGENCIES), name="ck_child_urgency"),
        CheckConstraint(one_of("case_status", R.CASE_STATUSES), name="ck_child_case_status"),
        CheckConstraint("age_min IS NULL OR age_max IS NULL OR age_min <= age_max", name="ck_child_age_range"),
        CheckConstraint(one_of("trafficking_flag", FLAGS, empty=True), name="ck_child_trafficking_flag"),
    )

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(default="", index=True)  # the reporting agency's reference number
    given_names: str = ""
    family_names: str = ""
    original_script_name: str = ""
    sex: str = "U"  # M / F / U
    birth_date: date | None = None
    birth_year: int | None = None
    age_min: int | None = None  # an estimated range, as of `found_on`
    age_max: int | None = None
    status: str = "unaccompanied"  # or "separated"
    found_on: date | None = None
    found_place: str = ""
    created_at: datetime
    created_by: int | None = Field(default=None, foreign_key="user.id")
    updated_at: datetime = updated_field()  # revision 0005: set on insert too (was: only on an edit)
    # Registration (revision 0003)
    description: str = ""  # who the child is when no name is known ("boy, about 14, red jacket")
    found_time: str = ""  # HH:MM, local time
    channel: str = ""  # how the case reached OSPOD: police, kacpu, border, field, facility, ngo, self, other
    reporter_agency: str = ""
    reporter_person: str = ""
    reporter_reference: str = ""
    urgency: str = "standard"  # immediate, within_24h, standard
    urgency_reason: str = ""
    age_claimed: int | None = None
    age_document: int | None = None
    birth_number: str = ""
    police_reference: str = ""
    asylum_reference: str = ""
    case_mark: str = Field(default="", index=True)
    interpreter_language: str = ""
    companion_name: str = ""  # separated children: the adult with them
    companion_relationship: str = ""
    companion_document: str = ""
    companion_contact: str = ""
    wishes: str = ""
    notes: str = ""
    responsible_officer_id: int | None = Field(default=None, foreign_key="user.id")
    case_status: str = "open"  # open or closed
    close_reason: str = ""
    closed_on: date | None = None
    merged_into_id: int | None = Field(default=None, foreign_key="child.id", index=True)
    sort_name: str = ""  # Czech collation key of the displayed name (ix_child_list leads with it)
    # Revision 0005: nationalities, languages and aliases are rows (storage.child_lists); sync identity
    uuid: str = uuid_field()
    # Revision 0006: an imported child's entry in the office's earlier register (the IPOD clock starts there)
    registered_on: date | None = None
    # Revision 0008: "" | concern | presumed_victim | identified, kept by services.trafficking (core.trafficking_flag)
    trafficking_flag: str = ""


class Tombstone(SQLModel, table=True):
    """A deleted row an office server must learn about: which table, its uuid, when and by whom.

    Written only by `storage.sync`, for every deletion of a row that has a uuid (its content is wiped by
    secure_delete; the tombstone keeps no content).
    """

    id: int | None = Field(default=None, primary_key=True)
    table_name: str
    uuid: str = Field(unique=True, index=True)
    deleted_at: datetime = Field(index=True)
    deleted_by: int | None = Field(default=None, foreign_key="user.id")
