"""Information requested of a school, a doctor or a service (at a visit or on its own), and its answer.

The answer awaited is a clock of its own in the deadline engine (`core.due`). Officers and supervisors only, as
for visits; every change writes its history line and an audit row (ids only).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlmodel import col, select

from ospod_desktop.core.history_visits import InformationAnswered, InformationRequested
from ospod_desktop.core.i18n import _
from ospod_desktop.core.roles import Action, Entity
from ospod_desktop.core.visit_form import InformationRequestInput, fail, validate_answer, validate_request
from ospod_desktop.services import scope
from ospod_desktop.services.context import Tx, UserSession, requires
from ospod_desktop.services.visits._visits import ROLES, load_child, load_visit
from ospod_desktop.storage.care_tables import InformationRequest
from ospod_desktop.storage.models import Child
from ospod_desktop.storage.rows import saved_id


@dataclass(frozen=True)
class InformationRequestView:
    id: int
    child_id: int
    visit_id: int | None
    addressee: str
    asked_on: date
    answered_on: date | None
    note: str

    @property
    def open(self) -> bool:
        return self.answered_on is None


def add_request(tx: Tx, child: Child, form: InformationRequestInput, today: date, visit_id: int | None) -> int:
    """Store one validated request (inside the caller's transaction)."""
    child_id = saved_id(child)
    values = validate_request(form, today=today, found_on=child.found_on)
    row = InformationRequest(child_id=child_id, visit_id=visit_id, created_at=datetime.now(UTC),
                             created_by=tx.actor.user_id if tx.actor else None, **values)
    tx.session.add(row)
    tx.session.flush()
    tx.history(child_id, InformationRequested(row.addressee, row.asked_on))
    if row.answered_on is not None:
        tx.history(child_id, InformationAnswered(row.addressee, row.answered_on))
    tx.audit(Action.UPDATE, Entity.CHILD, child_id, detail=f"information_request:{row.id}")
    return saved_id(row)


@requires(*ROLES)
def request_information(us: UserSession, child_id: int, form: InformationRequestInput, visit_id: int | None = None,
                        today: date | None = None) -> int:
    """Record that information was asked for (at the visit `visit_id`, if given); returns its id."""
    today = today or scope.today()
    with us.tx() as tx:
        child = load_child(tx, us, child_id)
        if visit_id is not None and load_visit(tx, us, visit_id).child_id != child_id:
            raise fail("addressee", _("the visit belongs to another child."))
        return add_request(tx, child, form, today, visit_id)


@requires(*ROLES)
def record_answer(us: UserSession, request_id: int, answered_on: date | None, today: date | None = None) -> None:
    """The answer came on `answered_on` (the request is then no longer awaited)."""
    today = today or scope.today()
    with us.tx() as tx:
        row = scope.load_owned(tx, us, InformationRequest, request_id, Entity.INFORMATION_REQUEST)
        if row.answered_on is not None:
            raise fail("answered_on", _("the answer has already been recorded."))
        row.answered_on = validate_answer(answered_on, row.asked_on, today)
        tx.session.add(row)
        tx.history(row.child_id, InformationAnswered(row.addressee, row.answered_on))
        tx.audit(Action.UPDATE, Entity.CHILD, row.child_id, detail=f"information_answer:{row.id}")


@requires(*ROLES)
def list_information_requests(us: UserSession, child_id: int) -> list[InformationRequestView]:
    """The child's information requests, the awaited ones first, then newest first (an audited read)."""
    with us.tx() as tx:
        scope.load_child(tx, us, child_id)
        tx.audit(Action.READ, Entity.CHILD, child_id, detail=scope.read_detail(us, "information_requests"))
        rows = tx.session.exec(select(InformationRequest).where(InformationRequest.child_id == child_id)
                               .order_by(col(InformationRequest.asked_on).desc(), col(InformationRequest.id).desc())).all()
        views = [InformationRequestView(saved_id(r), r.child_id, r.visit_id, r.addressee, r.asked_on, r.answered_on,
                                        r.note) for r in rows]
    return sorted(views, key=lambda v: not v.open)
