"""A trafficking assessment as documents print it: the indicators answered present (the text and dimension title
from the catalogue version the assessment used, in the document's language), the engine's outcome and its
reasons (`core.indicators.explain` wording), the officer's conclusion and reasoning, the review."""

from __future__ import annotations

import json
from functools import lru_cache

from sqlmodel import col, select

from ospod_desktop.core.i18n import current_language
from ospod_desktop.core.indicators import AnswerInput, Catalogue, evaluate
from ospod_desktop.core.indicators.explain import reasons
from ospod_desktop.core.missing_form import local_day
from ospod_desktop.core.trafficking_flag import COUNTING_STATUSES
from ospod_desktop.reports.documents.data import AssessmentInfo, Observed
from ospod_desktop.services.context import Tx
from ospod_desktop.services.documents._common import names_of
from ospod_desktop.storage.trafficking_tables import (
    AssessmentAnswer,
    AssessmentForm,
    IndicatorCatalogueVersion,
    TraffickingAssessment,
)  # fmt: skip


@lru_cache(maxsize=8)
def _catalogue(content: str) -> Catalogue:
    # A stored version was checked when it was imported: read as it is (as services.trafficking does).
    return Catalogue.from_data(json.loads(content))


def assessments_of(tx: Tx, child_id: int, finished_only: bool = False) -> list[TraffickingAssessment]:
    """The child's assessments, newest first (finished or approved ones only with `finished_only`)."""
    query = select(TraffickingAssessment).where(TraffickingAssessment.child_id == child_id)
    if finished_only:
        query = query.where(col(TraffickingAssessment.status).in_(COUNTING_STATUSES))
    return list(tx.session.exec(query.order_by(col(TraffickingAssessment.finished_at).desc(),
                                               col(TraffickingAssessment.id).desc())).all())


def _answered_at(answer: AssessmentAnswer, row: TraffickingAssessment):
    """When the answer was given: its last change, but never after the assessment was finished (a finished
    assessment's answers are fixed; a later write of the row, by a sync or a bulk load, is not an observation)."""
    finished = row.finished_at
    if finished is None or answer.updated_at.replace(tzinfo=None) <= finished.replace(tzinfo=None):
        return answer.updated_at
    return finished


def assessment_info(tx: Tx, row: TraffickingAssessment) -> AssessmentInfo:
    lang = current_language()
    aid = row.id
    assert aid is not None
    version = tx.session.get_one(IndicatorCatalogueVersion, row.catalogue_pk)
    catalogue = _catalogue(version.content)
    answers = list(tx.session.exec(select(AssessmentAnswer).where(AssessmentAnswer.assessment_id == aid)).all())
    result = evaluate(catalogue, {a.indicator_id: AnswerInput(a.answer, a.note, a.source) for a in answers})
    order = {ind.id: n for n, ind in enumerate(catalogue.indicators)}
    observed = []
    for a in sorted((a for a in answers if a.answer == "present" and catalogue.has_indicator(a.indicator_id)),
                    key=lambda a: order[a.indicator_id]):
        ind = catalogue.indicator(a.indicator_id)
        observed.append(Observed(dimension=catalogue.dimension(ind.dimension).title.get(lang), text=ind.text.get(lang),
                                 strength=ind.strength, note=a.note, source=a.source,
                                 observed_on=local_day(_answered_at(a, row))))
    forms = tuple(tx.session.exec(select(AssessmentForm.form).where(AssessmentForm.assessment_id == aid)
                                  .order_by(col(AssessmentForm.form))).all())
    names = names_of(tx, (row.finished_by, row.reviewed_by))
    approved = row.status == "approved"
    return AssessmentInfo(
        id=aid, finished_at=row.finished_at, status=row.status, outcome=row.engine_outcome,
        conclusion=row.conclusion or "", reasons=tuple(reasons(result, lang)), reasoning=row.reasoning,
        forms=forms, countries=tuple(c for c in row.exploitation_countries.split(",") if c),
        officer=names.get(row.finished_by, "") if row.finished_by else "",
        approved_by=names.get(row.reviewed_by, "") if approved and row.reviewed_by else "",
        approved_at=row.reviewed_at if approved else None,
        catalogue=f"{version.catalogue_id} {version.version}", observed=tuple(observed),
    )
