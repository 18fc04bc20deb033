"""Trafficking indicators (revision 0008): the catalogue's versions, assessments with their answers and forms of
exploitation, and the later events of a child recognised as a (presumed) victim.

A catalogue version keeps its whole content (canonical JSON), so an assessment shows the catalogue it was made
with after a newer one is imported; exactly one version is in use (a partial unique index). The CHECK lists come
from `core.indicators.codes`.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Column, Date, Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from ospod_desktop.core.indicators import codes as IC
from ospod_desktop.storage.columns import not_before, one_of, updated_field, uuid_field


class IndicatorCatalogueVersion(SQLModel, table=True):
    """One imported version of an indicator catalogue (the shipped default is seeded with imported_by None)."""

    __tablename__ = "indicator_catalogue"
    __table_args__ = (
        UniqueConstraint("catalogue_id", "version", name="uq_indicator_catalogue_version"),
        Index("ix_indicator_catalogue_in_use", "in_use", unique=True, sqlite_where=text("in_use")),
    )

    id: int | None = Field(default=None, primary_key=True)
    catalogue_id: str
    version: str
    digest: str  # sha256 of content
    content: str  # the catalogue's canonical JSON
    imported_at: datetime
    imported_by: int | None = Field(default=None, foreign_key="user.id")  # None: the shipped default
    in_use: bool = False
    reason: str = ""
    updated_at: datetime = updated_field()
    uuid: str = uuid_field()


class TraffickingAssessment(SQLModel, table=True):
    """An officer's assessment of a child against one catalogue version: answers, the engine's outcome, the
    officer's conclusion, and the supervisor's review."""

    __tablename__ = "trafficking_assessment"
    __table_args__ = (
        CheckConstraint(one_of("status", IC.STATUSES), name="ck_trafficking_assessment_status"),
        # Revision 0010: the statistics read the finished assessments from it alone.
        Index("ix_trafficking_assessment_stats", "child_id", "status", "finished_at", "conclusion",
              "exploitation_countries"),
        CheckConstraint(one_of("engine_outcome", IC.OUTCOMES), name="ck_trafficking_assessment_engine_outcome"),
        CheckConstraint(f"conclusion IS NULL OR {one_of('conclusion', IC.CONCLUSIONS)}",
                        name="ck_trafficking_assessment_conclusion"),
    )

    id: int | None = Field(default=None, primary_key=True)
    child_id: int = Field(foreign_key="child.id", index=True)
    catalogue_pk: int = Field(foreign_key="indicator_catalogue.id", index=True)
    status: str = "draft"
    engine_outcome: str = "no_indication"
    conclusion: str | None = None
    reasoning: str = ""
    exploitation_countries: str = ""  # ISO 3166 alpha-2 codes, comma-separated; "" none
    created_at: datetime
    created_by: int | None = Field(default=None, foreign_key="user.id")
    updated_at: datetime = updated_field()
    finished_at: datetime | None = None
    finished_by: int | None = Field(default=None, foreign_key="user.id")
    reviewed_at: datetime | None = None
    reviewed_by: int | None = Field(default=None, foreign_key="user.id")
    review_comment: str = ""
    uuid: str = uuid_field()


class AssessmentAnswer(SQLModel, table=True):
    """One indicator's answer in an assessment (an indicator without a row is unknown)."""

    __tablename__ = "assessment_answer"
    __table_args__ = (
        CheckConstraint(one_of("answer", IC.ANSWERS), name="ck_assessment_answer_answer"),
        CheckConstraint(one_of("source", IC.SOURCES, empty=True), name="ck_assessment_answer_source"),
    )

    assessment_id: int = Field(foreign_key="trafficking_assessment.id", primary_key=True)
    indicator_id: str = Field(primary_key=True)
    answer: str
    note: str = ""
    source: str = ""
    updated_at: datetime = updated_field()
    uuid: str = uuid_field()


class AssessmentForm(SQLModel, table=True):
    """A form of exploitation the officer suspects, as concluded in an assessment."""

    __tablename__ = "assessment_form"
    __table_args__ = (CheckConstraint(one_of("form", IC.FORMS), name="ck_assessment_form_form"),)

    assessment_id: int = Field(foreign_key="trafficking_assessment.id", primary_key=True)
    form: str = Field(primary_key=True)
    updated_at: datetime = updated_field()
    uuid: str = uuid_field()


class VictimEvent(SQLModel, table=True):
    """What happened later: the suspicion reported to the police, the child identified as a victim, referred to
    assistance, granted a reflection period."""

    __tablename__ = "victim_event"
    __table_args__ = (
        CheckConstraint(one_of("kind", IC.EVENT_KINDS), name="ck_victim_event_kind"),
        CheckConstraint(not_before("ends_on", "occurred_on"), name="ck_victim_event_dates"),
    )

    id: int | None = Field(default=None, primary_key=True)
    child_id: int = Field(foreign_key="child.id", index=True)
    kind: str
    # The day; stored as `occurred_on` (ON is an SQL keyword that every hand-written query would have to quote).
    on: date = Field(sa_column=Column("occurred_on", Date, nullable=False))
    body: str = ""  # the police unit or the organisation
    channel: str = ""  # how the report was sent
    ends_on: date | None = None  # a reflection period's end
    note: str = ""
    assessment_id: int | None = Field(default=None, foreign_key="trafficking_assessment.id", index=True)
    recorded_at: datetime
    recorded_by: int | None = Field(default=None, foreign_key="user.id")
    updated_at: datetime = updated_field()
    uuid: str = uuid_field()
