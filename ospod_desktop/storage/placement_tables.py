"""Placements, their extensions, missing episodes and administrators' break-glass reasons."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel


class Placement(SQLModel, table=True):
    """Where a child lives, on what legal basis, from when to when; a transfer links to the previous one."""

    # Facility staff's scope and a facility's occupancy read this index alone.
    __table_args__ = (Index("ix_placement_facility", "facility_id", "end_date", "start_date", "child_id"),)

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
    previous_id: int | None = Field(default=None, foreign_key="placement.id")
    notes: str = ""
    created_at: datetime
    created_by: int | None = Field(default=None, foreign_key="user.id")
    updated_at: datetime | None = None


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


class MissingEpisode(SQLModel, table=True):
    """A child missing: the report, who was informed and when, and the return (or why the episode closed)."""

    __tablename__ = "missing_episode"
    # Who is missing right now: open episodes have neither a return nor a closing time.
    __table_args__ = (Index("ix_missing_open", "returned_at", "closed_at", "child_id"),)

    id: int | None = Field(default=None, primary_key=True)
    child_id: int = Field(foreign_key="child.id", index=True)
    placement_id: int | None = Field(default=None, foreign_key="placement.id")
    last_seen_at: datetime
    last_seen_place: str = ""
    seen_with: str = ""
    circumstances: str = ""
    description: str = ""
    clothing: str = ""
    risk_trafficking: bool = False
    risk_medication: str = ""
    risk_notes: str = ""
    police_informed_at: datetime | None = None
    police_reference: str = ""
    police_person: str = ""
    officer_informed_at: datetime | None = None
    officer_person: str = ""
    guardian_informed_at: datetime | None = None
    guardian_person: str = ""
    line_116000_informed_at: datetime | None = None
    line_116000_reference: str = ""
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
    updated_at: datetime | None = None


class BreakGlass(SQLModel, table=True):
    """An administrator's reason for opening children's records; the audit chain holds only this row's id."""

    __tablename__ = "break_glass"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    started_at: datetime
    reason_code: str
    reason: str
