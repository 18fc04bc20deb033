"""Supervision visits, information requests, individual protection plans (IPOD), guardians and asylum
applications (revision 0006): the records that satisfy the clocks of `core.due`."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index
from sqlmodel import Field, SQLModel

from ospod_desktop.core import visit_rules as VR
from ospod_desktop.storage.columns import not_before, one_of, updated_field, uuid_field


class Visit(SQLModel, table=True):
    """A supervision visit; one where the child was not seen is kept but satisfies no clock."""

    __table_args__ = (
        CheckConstraint(one_of("place", VR.VISIT_PLACES), name="ck_visit_place"),
        CheckConstraint(one_of("kind", VR.VISIT_KINDS), name="ck_visit_kind"),
        # Revision 0010: the statistics (a child's seen visits in day order; the visits of a period).
        Index("ix_visit_stats", "child_id", "child_seen", "visited_on"),
        Index("ix_visit_period", "visited_on", "child_seen", "child_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    child_id: int = Field(foreign_key="child.id", index=True)
    placement_id: int | None = Field(default=None, foreign_key="placement.id", index=True)  # the stay visited
    visited_on: date
    visited_time: str = ""  # HH:MM local time, "" when not recorded
    place: str = "facility"
    place_detail: str = ""  # the address or the facility's name when it is not the placement's
    kind: str = "planned"
    present: str = ""  # who else was present
    child_seen: bool = True
    not_seen_reason: str = ""
    spoken_alone: bool | None = None  # None: not recorded
    views: str = ""  # the child's views and wishes
    living_conditions: str = ""
    health: str = ""
    schooling: str = ""
    family_contact: str = ""
    concerns: str = ""
    note: str = ""
    next_visit_on: date | None = None  # proposed next visit (no later than the policy allows without a reason)
    next_visit_reason: str = ""  # why the proposed next visit is later than the policy's date
    created_at: datetime
    created_by: int | None = Field(default=None, foreign_key="user.id")
    updated_at: datetime = updated_field()
    uuid: str = uuid_field()


class InformationRequest(SQLModel, table=True):
    """Information requested from a school, a doctor or a service (often at a visit); the answer is awaited."""

    __tablename__ = "information_request"
    __table_args__ = (CheckConstraint(not_before("answered_on", "asked_on"), name="ck_information_request_dates"),)

    id: int | None = Field(default=None, primary_key=True)
    child_id: int = Field(foreign_key="child.id", index=True)
    visit_id: int | None = Field(default=None, foreign_key="visit.id", index=True)
    addressee: str = ""  # from whom: a school, a doctor, a service
    asked_on: date
    answered_on: date | None = None
    note: str = ""
    created_at: datetime
    created_by: int | None = Field(default=None, foreign_key="user.id")
    updated_at: datetime = updated_field()
    uuid: str = uuid_field()


class Ipod(SQLModel, table=True):
    """An individual protection plan (IPOD) drawn up or updated for the child."""

    id: int | None = Field(default=None, primary_key=True)
    child_id: int = Field(foreign_key="child.id", index=True)
    drawn_up_on: date
    note: str = ""
    created_at: datetime
    created_by: int | None = Field(default=None, foreign_key="user.id")
    updated_at: datetime = updated_field()
    uuid: str = uuid_field()


class Guardianship(SQLModel, table=True):
    """OSPOD's petition for a guardian and the court's appointment (court, file number, guardian)."""

    __table_args__ = (CheckConstraint(not_before("ended_on", "appointed_on"), name="ck_guardianship_dates"),)

    id: int | None = Field(default=None, primary_key=True)
    child_id: int = Field(foreign_key="child.id", index=True)
    petition_on: date | None = None
    petition_court: str = ""
    appointed_on: date | None = None
    court: str = ""
    court_file_number: str = ""
    guardian_name: str = ""
    guardian_contact: str = ""
    ended_on: date | None = None
    note: str = ""
    created_at: datetime
    created_by: int | None = Field(default=None, foreign_key="user.id")
    updated_at: datetime = updated_field()
    uuid: str = uuid_field()


class AsylumApplication(SQLModel, table=True):
    """An application for international protection and the representative designated for it."""

    __tablename__ = "asylum_application"
    __table_args__ = (
        CheckConstraint(not_before("representative_on", "applied_on"), name="ck_asylum_application_dates"),
    )

    id: int | None = Field(default=None, primary_key=True)
    child_id: int = Field(foreign_key="child.id", index=True)
    applied_on: date
    representative_on: date | None = None
    representative_name: str = ""
    note: str = ""
    created_at: datetime
    created_by: int | None = Field(default=None, foreign_key="user.id")
    updated_at: datetime = updated_field()
    uuid: str = uuid_field()
