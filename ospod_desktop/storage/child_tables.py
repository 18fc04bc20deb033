"""Tables that hang off a child: age assessments, identifiers, family, history, photo, name keys."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel


class AgeAssessment(SQLModel, table=True):
    """A formal age assessment: how, when, by whom, and the resulting range."""

    __tablename__ = "age_assessment"

    id: int | None = Field(default=None, primary_key=True)
    child_id: int = Field(foreign_key="child.id", index=True)
    method: str  # interview, documents, medical, other
    assessed_on: date
    assessor: str = ""
    age_min: int
    age_max: int
    notes: str = ""
    created_at: datetime
    created_by: int | None = Field(default=None, foreign_key="user.id")


class ChildIdentifier(SQLModel, table=True):
    """A document or another agency's id: passport, ID card, birth certificate, agency reference…"""

    __tablename__ = "child_identifier"

    id: int | None = Field(default=None, primary_key=True)
    child_id: int = Field(foreign_key="child.id", index=True)
    kind: str  # passport, id_card, birth_certificate, residence_permit, other_document, agency
    number: str = Field(index=True)
    country: str = ""  # ISO alpha-2 of the issuer
    issuer: str = ""  # the agency, for kind "agency"


class FamilyContact(SQLModel, table=True):
    """A relative or contact of the child."""

    __tablename__ = "family_contact"

    id: int | None = Field(default=None, primary_key=True)
    child_id: int = Field(foreign_key="child.id", index=True)
    relationship: str
    name: str = ""
    location: str = ""
    phone: str = ""
    alive: str = "unknown"  # yes, no, unknown
    notes: str = ""


class ChildHistory(SQLModel, table=True):
    """One changed field of one edit: the child's page shows these; the audit chain holds only ids."""

    __tablename__ = "child_history"

    id: int | None = Field(default=None, primary_key=True)
    child_id: int = Field(foreign_key="child.id", index=True)
    ts: datetime
    user_id: int | None = Field(default=None, foreign_key="user.id")
    field: str
    old_value: str = ""
    new_value: str = ""


class ChildPhoto(SQLModel, table=True):
    """The child's photo (JPEG, downscaled), kept apart so lists never load it."""

    __tablename__ = "child_photo"

    child_id: int = Field(foreign_key="child.id", primary_key=True)
    image: bytes
    updated_at: datetime


class ChildNameKey(SQLModel, table=True):
    """Blocking keys for duplicate detection: an indexed lookup finds candidates among 100k children."""

    __tablename__ = "child_name_key"

    child_id: int = Field(foreign_key="child.id", primary_key=True)
    key: str = Field(primary_key=True, index=True)


class DuplicateDismissal(SQLModel, table=True):
    """A pair a supervisor decided are different children; the duplicates report skips it."""

    __tablename__ = "duplicate_dismissal"

    a_id: int = Field(foreign_key="child.id", primary_key=True)
    b_id: int = Field(foreign_key="child.id", primary_key=True)
    dismissed_by: int | None = Field(default=None, foreign_key="user.id")
    ts: datetime
