"""Who may produce which document, and the dispatch from a request to its data (inside the caller's
transaction and `core.i18n.language(request.lang)`)."""

from __future__ import annotations

from datetime import date, datetime

from ospod_desktop.core.documents import DOCUMENT_KINDS
from ospod_desktop.core.errors import PermissionDenied, ValidationError
from ospod_desktop.core.i18n import _
from ospod_desktop.core.roles import Role
from ospod_desktop.reports.documents.data import FacilityData, MissingData, PoliceData, SummaryData
from ospod_desktop.services import children, missing, scope
from ospod_desktop.services.context import Tx, UserSession
from ospod_desktop.services.documents._common import issue_block
from ospod_desktop.services.documents._gather_facility import gather_facility
from ospod_desktop.services.documents._gather_missing import episode_of, gather_missing
from ospod_desktop.services.documents._gather_police import assessment_of, gather_police
from ospod_desktop.services.documents._gather_summary import gather_summary
from ospod_desktop.services.documents._request import DocumentRequest
from ospod_desktop.storage.models import Child

DocumentData = FacilityData | PoliceData | MissingData | SummaryData
STAFF_KINDS = ("missing",)


def kinds_for(us: UserSession) -> tuple[str, ...]:
    """The kinds the user's role may produce for a child in scope."""
    if us.actor.role in scope.OFFICE_WIDE:
        return tuple(DOCUMENT_KINDS)
    if us.actor.role is Role.FACILITY_STAFF:
        return STAFF_KINDS
    return ()


def load(tx: Tx, us: UserSession, request: DocumentRequest) -> Child:
    """The child (NotFound, audited, for an unknown or out-of-scope one), then the kind checked against the role
    (PermissionDenied), then a missing report's episode (ValidationError: none open, not the child's, closed) and
    a police notice's assessment (not the child's, not finished) — outside the document's language."""
    child = scope.load_child(tx, us, request.child_id)
    if request.kind not in kinds_for(us):
        raise PermissionDenied(_("Your role cannot produce this document."))
    if child.merged_into_id is not None:
        raise ValidationError("child_id", _("The record has been merged into another one; use that one."))
    if request.kind == "missing":  # checked here, outside the document's language: the message is the user's
        episode_of(missing.episodes(tx, request.child_id), request.episode_id)
    if request.kind == "police" and request.assessment_id is not None:
        assessment_of(tx, request.child_id, request.assessment_id)
    return child


def gather(tx: Tx, us: UserSession, request: DocumentRequest, child: Child, reference: str, issued_at: datetime,
           day: date, uuid: str = "") -> DocumentData:
    """The document's data as the user's role may see it (call inside `language(request.lang)`)."""
    view = children.child_view(tx, child, day, us)
    issue = issue_block(tx, us, request.kind, request.lang, reference, issued_at, request.recipient, uuid)
    if request.kind == "facility":
        return gather_facility(tx, view, issue)
    if request.kind == "police":
        return gather_police(tx, view, issue, request)
    if request.kind == "missing":
        return gather_missing(tx, us, view, issue, request.episode_id)
    return gather_summary(tx, view, issue, day, issued_at)
