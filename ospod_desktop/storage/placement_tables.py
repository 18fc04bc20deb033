"""Placements, their extensions, missing episodes and administrators' break-glass reasons."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index, text
from sqlmodel import Field, SQLModel

from ospod_desktop.core import placement_rules as PR
from ospod_desktop.storage.columns import not_before, one_of, updated_field, uuid_field


class Placement(SQLModel, table=True):
    """Where a child lives, on what legal basis, from when to when; a transfer links to the previous one."""

    # Facility staff's scope and a facility's occupancy read this index alone.
    __table_args__ = (
        Index("ix_placement_facility", "facility_id", "end_date", "start_date", "child_id"),
        # One placement at a time: at most one open placement per child (the services say why first).
        Index("ix_placement_one_open", "child_id", unique=True, sqlite_where=text("end_date IS NULL")),
        # Revision 0010: the statistics (placements begun, the placement current on a visit's day).
        Index("ix_placement_stats", "child_id", "setting", "start_date", "end_date", "facility_id"),
        Index("ix_placement_setting", "setting", "child_id", "start_date"),  # revision 0011: children placed by type
        CheckConstraint(one_of("setting", PR.FACILITY_TYPES), name="ck_placement_setting"),
        CheckConstraint(one_of("legal_basis", PR.LEGAL_BASES), name="ck_placement_legal_basis"),
        CheckConstraint(one_of("end_reason", PR.END_REASONS, empty=True), name="ck_placement_end_reason"),
        CheckConstraint(one_of("contract_party", PR.CONTRACT_PARTIES, empty=True), name="ck_placement_contract_party"),
        CheckConstraint(not_before("end_date", "start_date"), name="ck_placement_dates"),
    )

    id: int | None = Field(default=None, primary_key=True)
    child_id: int = Field(foreign_key="child.id", index=True)
    facility_id: int | None = Field(default=None, foreign_key="facility.id")
    setting: str  # a facility type code; foster_family / relatives for a named person
    carer_name: str = ""  # the foster parent or relative (a placement without a facility)
    carer_relationship: str = ""
    carer_address: str = ""
    carer_contact: str = ""
    legal_basis: str
    court: str = ""
    court_file_number: str = ""
    decision_date: date | None = None
    contract_party: str = ""  # ZDVOP contract: ospod, legal_representative, child
    start_date: date
    expiry_date: date | None = None  # as first recorded; extensions add later ones
    end_date: date | None = None  # the day the child left (the next placement starts that day)
    end_reason: str = ""
    end_note: str = ""
    previous_id: int | None = Field(default=None, foreign_key="placement.id", index=True)
    notes: str = ""
    created_at: datetime
    created_by: int | None = Field(default=None, foreign_key="user.id")
    updated_at: datetime = updated_field()  # revision 0005: set on insert too
    uuid: str = uuid_field()
    # Revision 0006: what the clocks of a preliminary measure and a diagnostic stay need.
    enforceable_on: date | None = None  # a preliminary measure: enforceable on (else the decision day)
    exception_reason: str = ""  # s. 460: the case on the merits is pending, so it may pass 6 months
    section_461: bool = False  # Czech courts have no jurisdiction on the merits: 6 months in total
    diagnostic_stay: bool | None = None  # an intake/diagnostic stay (None: not recorded)
    diagnostics_completed_on: date | None = None


class PlacementExtension(SQLModel, table=True):
    """A court's extension of a preliminary measure, or a ZDVOP contract's extension."""

    __tablename__ = "placement_extension"

    id: int | None = Field(default=None, primary_key=True)
    placement_id: int = Field(foreign_key="placement.id", index=True)
    decided_on: date
    new_expiry: date
    court: str = ""
    court_file_number: str = ""
    note: str = ""
    created_at: datetime
    created_by: int | None = Field(default=None, foreign_key="user.id")
    uuid: str = uuid_field()
    updated_at: datetime = updated_field()
    consent_on: date | None = None  # revision 0006: a ZDVOP contract's extension needs the municipality's consent


class MissingEpisode(SQLModel, table=True):
    """A child missing: the report, the return (or why the episode closed); who was informed is `MissingInformed`."""

    __tablename__ = "missing_episode"
    __table_args__ = (
        # Who is missing right now: open episodes have neither a return nor a closing time.
        Index("ix_missing_open", "returned_at", "closed_at", "child_id"),
        Index("ix_missing_stats", "last_seen_at", "child_id", "returned_at"),  # revision 0010: statistics
        CheckConstraint(one_of("close_reason", PR.MISSING_CLOSE_REASONS, empty=True), name="ck_missing_close_reason"),
        CheckConstraint(not_before("returned_at", "last_seen_at"), name="ck_missing_returned"),
        CheckConstraint(not_before("closed_at", "last_seen_at"), name="ck_missing_closed"),
    )

    id: int | None = Field(default=None, primary_key=True)
    child_id: int = Field(foreign_key="child.id", index=True)
    placement_id: int | None = Field(default=None, foreign_key="placement.id", index=True)
    last_seen_at: datetime
    last_seen_place: str = ""
    seen_with: str = ""
    circumstances: str = ""
    description: str = ""
    clothing: str = ""
    risk_trafficking: bool = False
    risk_medication: str = ""
    risk_notes: str = ""
    returned_at: datetime | None = None
    found_place: str = ""
    condition: str = ""
    return_interview: bool | None = None
    return_interview_on: date | None = None
    return_notes: str = ""
    closed_at: datetime | None = None  # ended without a return
    close_reason: str = ""
    created_at: datetime
    created_by: int | None = Field(default=None, foreign_key="user.id")
    updated_at: datetime = updated_field()  # revision 0005: set on insert too
    uuid: str = uuid_field()


class MissingInformed(SQLModel, table=True):
    """Who was informed of a missing episode and when: the police (their reference), the officer, the guardian,
    the 116 000 line (revision 0005; these were columns of the episode). Recorded again = corrected."""

    __tablename__ = "missing_informed"
    __table_args__ = (CheckConstraint(one_of("party", PR.INFORMED_PARTIES), name="ck_missing_informed_party"),)

    episode_id: int = Field(foreign_key="missing_episode.id", primary_key=True)
    party: str = Field(primary_key=True)
    informed_at: datetime
    reference: str = ""  # the police's or the line's reference number
    person: str = ""  # who took the report
    uuid: str = uuid_field()
    updated_at: datetime = updated_field()


class BreakGlass(SQLModel, table=True):
    """An administrator's reason for opening children's records; the audit chain holds only this row's id."""

    __tablename__ = "break_glass"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    started_at: datetime
    reason_code: str
    reason: str
