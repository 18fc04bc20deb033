"""2. The notice of suspected child trafficking to the police (s. 168 of the Criminal Code): the child in full or
minimal, the assessment (the one asked for, else the latest finished or approved one; none → the notice says no
assessment is recorded), where the child is placed, the attachments."""

from __future__ import annotations

from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.i18n import _
from ospod_desktop.core.trafficking_flag import COUNTING_STATUSES
from ospod_desktop.reports.documents.data import Issue, PoliceData
from ospod_desktop.services.children import ChildView
from ospod_desktop.services.context import Tx
from ospod_desktop.services.documents._common import identity, placement_info
from ospod_desktop.services.documents._gather_assessment import assessment_info, assessments_of
from ospod_desktop.services.documents._request import DocumentRequest
from ospod_desktop.storage.trafficking_tables import TraffickingAssessment


def assessment_of(tx: Tx, child_id: int, assessment_id: int | None) -> TraffickingAssessment | None:
    """The assessment asked for (the child's, finished; else ValidationError), or the latest finished one, or None.
    Called first outside the document's language (`load`), so the message is in the user's."""
    if assessment_id is None:
        rows = assessments_of(tx, child_id, finished_only=True)
        return rows[0] if rows else None
    row = tx.session.get(TraffickingAssessment, assessment_id)
    if row is None or row.child_id != child_id:
        raise ValidationError("assessment_id", _("Assessment: this child has no such assessment."))
    if row.status not in COUNTING_STATUSES:
        raise ValidationError("assessment_id", _("Assessment: only a finished assessment can be reported."))
    return row


def gather_police(tx: Tx, view: ChildView, issue: Issue, request: DocumentRequest) -> PoliceData:
    row = assessment_of(tx, view.id, request.assessment_id)  # checked even for the minimal notice
    if request.minimal:  # names and date of birth only: nothing else about the child anywhere
        return PoliceData(issue=issue, child=identity(tx, view, minimal=True), minimal=True, assessment=None,
                          placement=None)
    return PoliceData(
        issue=issue, child=identity(tx, view), minimal=False,
        assessment=assessment_info(tx, row) if row is not None else None,
        placement=placement_info(tx, view.current_placement or (view.placements[-1] if view.placements else None)),
        attachments=request.attachments, reporter_contact=issue.office_address,
        missing_since=next((e.last_seen_at for e in view.missing if e.returned_at is None and e.closed_at is None),
                           None),
    )
