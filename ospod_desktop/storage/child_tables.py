"""Tables that hang off a child: age assessments, identifiers, family, history, photo, name keys, and the
ordered lists (nationalities, languages, aliases) that `storage.child_lists` reads and writes.

`storage.ownership` finds these through their foreign keys to `child.id`: a new table with such a key is
deleted with its child and moved by a merge without editing a list.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index
from sqlmodel import Field, SQLModel

from ospod_desktop.storage.columns import updated_field, uuid_field


class AgeAssessment(SQLModel, table=True):
    """A formal age assessment: how, when, by whom, and the resulting range."""

    __tablename__ = "age_assessment"
    __table_args__ = (CheckConstraint("age_min <= age_max", name="ck_age_assessment_range"),)

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
    uuid: str = uuid_field()
    updated_at: datetime = updated_field()


class ChildIdentifier(SQLModel, table=True):
    """A document or another agency's id: passport, ID card, birth certificate, agency reference…"""

    __tablename__ = "child_identifier"

    id: int | None = Field(default=None, primary_key=True)
    child_id: int = Field(foreign_key="child.id", index=True)
    kind: str  # passport, id_card, birth_certificate, residence_permit, other_document, agency
    number: str = Field(index=True)
    country: str = ""  # ISO alpha-2 of the issuer
    issuer: str = ""  # the agency, for kind "agency"
    uuid: str = uuid_field()
    updated_at: datetime = updated_field()


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
    uuid: str = uuid_field()
    updated_at: datetime = updated_field()


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
    uuid: str = uuid_field()
    updated_at: datetime = updated_field()


class ChildPhoto(SQLModel, table=True):
    """The child's photo (JPEG, downscaled), kept apart so lists never load it."""

    __tablename__ = "child_photo"

    child_id: int = Field(foreign_key="child.id", primary_key=True)
    image: bytes
    updated_at: datetime = updated_field()
    uuid: str = uuid_field()


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
    uuid: str = uuid_field()
    updated_at: datetime = updated_field()


# Revision 0005: the lists that were joined strings on `child` (position keeps the order they were entered in).
class ChildNationality(SQLModel, table=True):
    """One nationality of a child: an ISO 3166 alpha-2 code (upper case), "XX" stateless; none = unknown."""

    __tablename__ = "child_nationality"
    __table_args__ = (Index("ix_child_nationality_stats", "child_id", "code"),)  # revision 0010: statistics

    child_id: int = Field(foreign_key="child.id", primary_key=True)
    position: int = Field(primary_key=True)
    code: str = Field(index=True)
    uuid: str = uuid_field()
    updated_at: datetime = updated_field()


class ChildLanguage(SQLModel, table=True):
    """One language the child speaks: an ISO 639 code (lower case)."""

    __tablename__ = "child_language"

    child_id: int = Field(foreign_key="child.id", primary_key=True)
    position: int = Field(primary_key=True)
    code: str = Field(index=True)
    uuid: str = uuid_field()
    updated_at: datetime = updated_field()


class ChildAlias(SQLModel, table=True):
    """Another name the child is or was known by."""

    __tablename__ = "child_alias"

    child_id: int = Field(foreign_key="child.id", primary_key=True)
    position: int = Field(primary_key=True)
    name: str
    uuid: str = uuid_field()
    updated_at: datetime = updated_field()
