"""Assessments: a draft with the catalogue in use, saved and finished by its officer, approved or returned by a
supervisor; a returned one is edited and finished again. A finished or approved assessment is read-only (a new
assessment is the way to change it).

Officers and supervisors assess the children of the office (`scope.load_child`); facility staff and
administrators are refused (`ROLES`), as for visits. Answers are checked against the assessment's own catalogue
version (an unknown indicator id or answer raises ValidationError naming the indicator) and finishing by
`core.indicators.check_finish` (naming conclusion, forms or reasoning) before anything is written. Every write:
an audit row (ids only), the child's history line for what counts (finished, approved, returned), the child's
`trafficking_flag`, and `tx.touch(child_id)` so the due list follows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from sqlmodel import col, select

from ospod_desktop.core.countries import check_countries
from ospod_desktop.core.errors import PermissionDenied, ValidationError
from ospod_desktop.core.history_trafficking import AssessmentFinished, AssessmentReviewed
from ospod_desktop.core.i18n import _
from ospod_desktop.core.indicators import AnswerInput, Catalogue, answer_values, check_finish, evaluate
from ospod_desktop.core.indicators.codes import SOURCES
from ospod_desktop.core.limits import NOTE_MAX, TEXT_MAX
from ospod_desktop.core.roles import Action, Entity, Role
from ospod_desktop.core.text import clean_text
from ospod_desktop.services import scope
from ospod_desktop.services.context import Tx, UserSession, requires
from ospod_desktop.services.trafficking._catalogues import catalogue_of_row, in_use_row
from ospod_desktop.services.trafficking._views import (
    ROLES,
    AssessmentView,
    assessment_view,
    assessment_views,
    load_assessment,
    load_child,
)
from ospod_desktop.storage.models import Child
from ospod_desktop.storage.rows import saved_id
from ospod_desktop.storage.trafficking_tables import (
    AssessmentAnswer,
    AssessmentForm,
    IndicatorCatalogueVersion,
    TraffickingAssessment,
)

EDITABLE = ("draft", "returned")


def _catalogue(tx: Tx, row: TraffickingAssessment) -> Catalogue:
    cat = tx.session.get(IndicatorCatalogueVersion, row.catalogue_pk)
    assert cat is not None  # a foreign key
    return catalogue_of_row(cat)


def _checked_answers(catalogue: Catalogue, answers: Mapping[str, AnswerInput]) -> dict[str, AnswerInput]:
    """The answers validated whole: ids and codes against the catalogue, each note and source (ValidationError
    naming the indicator id)."""
    if not isinstance(answers, Mapping):
        raise ValidationError("answers", _("The answers are not a list of indicators."))
    answer_values(catalogue, answers)  # unknown id or answer code: ValidationError(field=<indicator id>)
    out = {}
    for iid, given in answers.items():
        value = given if isinstance(given, AnswerInput) else AnswerInput(str(given))
        if value.source and value.source not in SOURCES:
            raise ValidationError(iid, _("Source of “{id}”: choose the child's account, observation, documents or "
                                         "a third party.").format(id=iid))
        note = clean_text(value.note, iid, _("Note to “{id}”").format(id=iid), NOTE_MAX)
        out[iid] = AnswerInput(value.answer, note, value.source or "")
    return out


def _check_editable(us: UserSession, row: TraffickingAssessment) -> None:
    if row.status not in EDITABLE:
        raise ValidationError("status", _(
            "This assessment is finished and can no longer be changed; start a new assessment instead."))
    if row.created_by != us.actor.user_id and us.actor.role is not Role.SUPERVISOR:
        raise PermissionDenied(_("Only the officer who started the assessment (or a supervisor) may change it."))


def _write_answers(tx: Tx, assessment_id: int, answers: Mapping[str, AnswerInput]) -> None:
    """Rows updated in place, added, or deleted through the session (so `storage.sync` writes tombstones)."""
    rows = {r.indicator_id: r for r in tx.session.exec(select(AssessmentAnswer).where(
        AssessmentAnswer.assessment_id == assessment_id)).all()}
    for iid, row in rows.items():
        if iid not in answers:
            tx.session.delete(row)
    for iid, a in answers.items():
        row = rows.get(iid) or AssessmentAnswer(assessment_id=assessment_id, indicator_id=iid, answer=a.answer)
        if (row.answer, row.note, row.source) != (a.answer, a.note, a.source) or iid not in rows:
            row.answer, row.note, row.source = a.answer, a.note, a.source
            tx.session.add(row)


def _write_forms(tx: Tx, assessment_id: int, forms: Sequence[str]) -> None:
    rows = {r.form: r for r in tx.session.exec(select(AssessmentForm).where(
        AssessmentForm.assessment_id == assessment_id)).all()}
    for form, row in rows.items():
        if form not in forms:
            tx.session.delete(row)
    for form in forms:
        if form not in rows:
            tx.session.add(AssessmentForm(assessment_id=assessment_id, form=form))


def _save(tx: Tx, row: TraffickingAssessment, catalogue: Catalogue, answers: dict[str, AnswerInput]) -> None:
    row.engine_outcome = evaluate(catalogue, answers).outcome
    row.updated_at = datetime.now(UTC)
    _write_answers(tx, saved_id(row), answers)
    tx.session.add(row)
    tx.touch(row.child_id)


@requires(*ROLES)
def start_assessment(us: UserSession, child_id: int) -> AssessmentView:
    """A new draft for the child, with the catalogue in use."""
    with us.tx() as tx:
        child = load_child(tx, us, child_id)
        if child.merged_into_id is not None:
            raise ValidationError("child_id", _("The record has been merged into another one; assess the child there."))
        cat = in_use_row(tx)
        catalogue = catalogue_of_row(cat)
        row = TraffickingAssessment(child_id=child_id, catalogue_pk=saved_id(cat), status="draft",
                                    engine_outcome=evaluate(catalogue, {}).outcome, created_at=datetime.now(UTC),
                                    created_by=us.actor.user_id)
        tx.session.add(row)
        tx.session.flush()
        tx.audit(Action.CREATE, Entity.ASSESSMENT, saved_id(row), detail=f"child:{child_id}")
        return assessment_view(tx.session, row)


@requires(*ROLES)
def save_draft(us: UserSession, assessment_id: int, answers: Mapping[str, AnswerInput]) -> AssessmentView:
    """Save the answers (all of them: an indicator left out is unknown) of a draft or returned assessment."""
    with us.tx() as tx:
        row = load_assessment(tx, us, assessment_id)
        _check_editable(us, row)
        catalogue = _catalogue(tx, row)
        _save(tx, row, catalogue, _checked_answers(catalogue, answers))
        tx.audit(Action.UPDATE, Entity.ASSESSMENT, saved_id(row), detail=f"save:child:{row.child_id}")
        return assessment_view(tx.session, row)


@requires(*ROLES)
def finish_assessment(us: UserSession, assessment_id: int, answers: Mapping[str, AnswerInput], conclusion: str,
                      forms: Sequence[str], reasoning: str,
                      exploitation_countries: Sequence[str] = ()) -> AssessmentView:
    """Save the answers and finish: the officer's conclusion, the forms of exploitation suspected, the reasoning
    (required when the conclusion differs from the engine's outcome), the countries of exploitation. It then
    awaits a supervisor's approval."""
    with us.tx() as tx:
        row = load_assessment(tx, us, assessment_id)
        _check_editable(us, row)
        catalogue = _catalogue(tx, row)
        checked = _checked_answers(catalogue, answers)
        outcome = evaluate(catalogue, checked).outcome
        forms = tuple(forms)
        text = clean_text(reasoning, "reasoning", _("Reasoning"), TEXT_MAX)
        check_finish(outcome, conclusion, forms, text)
        countries = check_countries(list(exploitation_countries), "exploitation_countries",
                                    _("Countries of exploitation"))
        again = row.status == "returned"
        _save(tx, row, catalogue, checked)
        now = datetime.now(UTC)
        row.status, row.conclusion, row.reasoning = "finished", conclusion, text
        row.exploitation_countries = ",".join(countries)
        row.finished_at, row.finished_by = now, us.actor.user_id
        aid = saved_id(row)
        _write_forms(tx, aid, tuple(dict.fromkeys(forms)))
        tx.session.add(row)
        tx.history(row.child_id, AssessmentFinished(aid, outcome, conclusion, tuple(sorted(forms)),
                                                    f"{catalogue.id} {catalogue.version}", again))
        tx.audit(Action.UPDATE, Entity.ASSESSMENT, aid, detail=f"finish:child:{row.child_id}")
        tx.touch(row.child_id)  # the flag (`_flag`) and the due clocks follow
        return assessment_view(tx.session, row)


def _review(us: UserSession, assessment_id: int, action: str, comment: str) -> AssessmentView:
    with us.tx() as tx:
        row = load_assessment(tx, us, assessment_id)
        if row.status != "finished":
            raise ValidationError("status", _("Only a finished assessment awaiting approval can be approved or "
                                              "returned."))
        if row.finished_by == us.actor.user_id:
            raise PermissionDenied(_("Another supervisor approves or returns an assessment you finished yourself."))
        text = clean_text(comment, "comment", _("Comment"), NOTE_MAX)
        if action == "returned" and not text:
            raise ValidationError("comment", _("Comment: say what the officer should reconsider."))
        row.status, row.review_comment = action, text
        row.reviewed_at, row.reviewed_by = datetime.now(UTC), us.actor.user_id
        row.updated_at = datetime.now(UTC)
        tx.session.add(row)
        aid = saved_id(row)
        tx.history(row.child_id, AssessmentReviewed(action, aid, row.conclusion or ""))
        tx.audit(Action.UPDATE, Entity.ASSESSMENT, aid, detail=f"{action}:child:{row.child_id}")
        tx.touch(row.child_id)  # the flag (`_flag`) and the due clocks follow
        return assessment_view(tx.session, row)


@requires(Role.SUPERVISOR)
def approve_assessment(us: UserSession, assessment_id: int, comment: str = "") -> AssessmentView:
    """A supervisor approves a finished assessment (not one they finished themselves)."""
    return _review(us, assessment_id, "approved", comment)


@requires(Role.SUPERVISOR)
def return_assessment(us: UserSession, assessment_id: int, comment: str) -> AssessmentView:
    """A supervisor returns a finished assessment to its officer with a comment (required)."""
    return _review(us, assessment_id, "returned", comment)


@requires(*ROLES)
def assessments_of(us: UserSession, child_id: int) -> list[AssessmentView]:
    """The child's assessments, newest first (an audited read)."""
    with us.tx() as tx:
        load_child(tx, us, child_id)
        tx.audit(Action.READ, Entity.CHILD, child_id, detail=scope.read_detail(us, "assessments"))
        rows = list(tx.session.exec(select(TraffickingAssessment).where(TraffickingAssessment.child_id == child_id)
                                    .order_by(col(TraffickingAssessment.created_at).desc(),
                                              col(TraffickingAssessment.id).desc())).all())
        return assessment_views(tx.session, rows)


@requires(*ROLES)
def get_assessment(us: UserSession, assessment_id: int) -> AssessmentView:
    """One assessment (an audited read)."""
    with us.tx() as tx:
        row = load_assessment(tx, us, assessment_id)
        tx.audit(Action.READ, Entity.ASSESSMENT, saved_id(row), detail=scope.read_detail(us, f"child:{row.child_id}"))
        return assessment_view(tx.session, row)


@requires(Role.SUPERVISOR)
def awaiting_approval(us: UserSession) -> list[AssessmentView]:
    """Finished assessments not yet reviewed, oldest first (an audited read)."""
    with us.tx() as tx:
        rows = list(tx.session.exec(select(TraffickingAssessment).join(
            Child, col(Child.id) == col(TraffickingAssessment.child_id)).where(
            TraffickingAssessment.status == "finished", scope.visible(us))
            .order_by(col(TraffickingAssessment.finished_at), col(TraffickingAssessment.id))).all())
        tx.audit(Action.READ, Entity.ASSESSMENT, None, detail=scope.read_detail(us, f"awaiting:{len(rows)}"))
        return assessment_views(tx.session, rows)
