"""What the trafficking services return (plain data), and the doors to a child's assessments and events."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import Session, col, select

from ospod_desktop.core.indicators import AnswerInput, Catalogue, Result, evaluate
from ospod_desktop.core.roles import Entity, Role
from ospod_desktop.core.trafficking_flag import COUNTING_STATUSES
from ospod_desktop.services import scope
from ospod_desktop.services.context import Tx, UserSession
from ospod_desktop.storage.models import Child, User
from ospod_desktop.storage.rows import saved_id
from ospod_desktop.storage.trafficking_tables import (
    AssessmentAnswer,
    AssessmentForm,
    IndicatorCatalogueVersion,
    TraffickingAssessment,
)

ROLES = (Role.OFFICER, Role.SUPERVISOR)  # who assesses and reads assessments; facility staff and admins never


@dataclass(frozen=True)
class AssessmentView:
    """One assessment as the child's page shows it (`answers`: only the indicators answered or noted)."""

    id: int
    child_id: int
    catalogue_pk: int
    catalogue_id: str
    catalogue_version: str
    status: str
    engine_outcome: str
    conclusion: str | None
    forms: tuple[str, ...]
    reasoning: str
    exploitation_countries: tuple[str, ...]
    answers: dict[str, AnswerInput] = field(hash=False)
    created_at: datetime
    created_by: int | None
    created_by_name: str
    updated_at: datetime
    finished_at: datetime | None
    finished_by_name: str
    reviewed_at: datetime | None
    reviewed_by_name: str
    review_comment: str

    def result(self, catalogue: Catalogue) -> Result:
        """The engine's result of the answers with `catalogue` (the version the assessment was made with)."""
        return evaluate(catalogue, self.answers)

    @property
    def editable(self) -> bool:
        """A draft, or a returned assessment: its officer edits and finishes it (again)."""
        return self.status in ("draft", "returned")


@dataclass(frozen=True)
class VictimEventView:
    id: int
    child_id: int
    kind: str
    on: date
    body: str
    channel: str
    ends_on: date | None
    note: str
    assessment_id: int | None
    recorded_at: datetime
    recorded_by_name: str


def names_of(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return {saved_id(u): u.display_name for u in session.exec(select(User).where(col(User.id).in_(wanted))).all()}


def load_child(tx: Tx, us: UserSession, child_id: int) -> Child:
    """The child (NotFound, audited, when missing or out of scope)."""
    return scope.load_child(tx, us, child_id)


def load_assessment(tx: Tx, us: UserSession, assessment_id: int) -> TraffickingAssessment:
    """The assessment (NotFound, audited, when missing or its child out of scope)."""
    return scope.load_owned(tx, us, TraffickingAssessment, assessment_id, Entity.ASSESSMENT)


def answers_of(session: Session, assessment_id: int) -> dict[str, AnswerInput]:
    rows = session.exec(select(AssessmentAnswer).where(AssessmentAnswer.assessment_id == assessment_id)
                        .order_by(col(AssessmentAnswer.indicator_id))).all()
    return {r.indicator_id: AnswerInput(r.answer, r.note, r.source) for r in rows}


def forms_of(session: Session, assessment_id: int) -> tuple[str, ...]:
    return tuple(session.exec(select(AssessmentForm.form).where(AssessmentForm.assessment_id == assessment_id)
                              .order_by(col(AssessmentForm.form))).all())


def assessment_views(session: Session, rows: list[TraffickingAssessment]) -> list[AssessmentView]:
    cats = {saved_id(c): c for c in session.exec(select(IndicatorCatalogueVersion).where(
        col(IndicatorCatalogueVersion.id).in_({r.catalogue_pk for r in rows}))).all()} if rows else {}
    names = names_of(session, [i for r in rows for i in (r.created_by, r.finished_by, r.reviewed_by)])
    out = []
    for r in rows:
        aid = saved_id(r)
        cat = cats[r.catalogue_pk]
        out.append(AssessmentView(
            id=aid, child_id=r.child_id, catalogue_pk=r.catalogue_pk, catalogue_id=cat.catalogue_id,
            catalogue_version=cat.version, status=r.status, engine_outcome=r.engine_outcome, conclusion=r.conclusion,
            forms=forms_of(session, aid), reasoning=r.reasoning,
            exploitation_countries=tuple(c for c in r.exploitation_countries.split(",") if c),
            answers=answers_of(session, aid), created_at=r.created_at, created_by=r.created_by,
            created_by_name=names.get(r.created_by, "") if r.created_by else "", updated_at=r.updated_at,
            finished_at=r.finished_at, finished_by_name=names.get(r.finished_by, "") if r.finished_by else "",
            reviewed_at=r.reviewed_at, reviewed_by_name=names.get(r.reviewed_by, "") if r.reviewed_by else "",
            review_comment=r.review_comment))
    return out


def assessment_view(session: Session, row: TraffickingAssessment) -> AssessmentView:
    return assessment_views(session, [row])[0]


def latest_counting(session: Session, child_id: int) -> TraffickingAssessment | None:
    """The child's latest finished or approved assessment (what the flag and the due clocks follow)."""
    return session.exec(select(TraffickingAssessment).where(
        TraffickingAssessment.child_id == child_id, col(TraffickingAssessment.status).in_(COUNTING_STATUSES))
        .order_by(col(TraffickingAssessment.finished_at).desc(), col(TraffickingAssessment.id).desc()).limit(1)).first()
