"""Who may see which child: enforced here, on every read path.

Officers and supervisors see every child of the office. Administrators see no child data. Facility
staff will see the children placed with their facility (the placements issue); until placements
exist their scope is empty.
"""

from __future__ import annotations

from sqlalchemy import false, true
from sqlalchemy.sql.elements import ColumnElement

from ospod_desktop.core.errors import NotFound, PermissionDenied
from ospod_desktop.core.roles import Entity, Role
from ospod_desktop.services.context import Tx, UserSession
from ospod_desktop.storage.models import Child

OFFICE_WIDE = frozenset({Role.OFFICER, Role.SUPERVISOR})


def check_reads_children(us: UserSession) -> None:
    if us.actor.role is Role.ADMIN:
        raise PermissionDenied(None)


def check_can_register(us: UserSession) -> None:
    """Only officers and supervisors register children."""
    if us.actor.role not in OFFICE_WIDE:
        raise PermissionDenied()


def visible(us: UserSession) -> ColumnElement[bool]:
    """A WHERE clause on `child` for the rows this user may see."""
    check_reads_children(us)
    if us.actor.role in OFFICE_WIDE:
        return true()
    return false()


def load_child(tx: Tx, us: UserSession, child_id: int) -> Child:
    """The child, or NotFound (the same answer for missing and out-of-scope; the refusal is audited)."""
    check_reads_children(us)
    child = tx.session.get(Child, child_id) if isinstance(child_id, int) else None
    if child is None or us.actor.role not in OFFICE_WIDE:
        raise NotFound(audit=(Entity.CHILD, child_id if isinstance(child_id, int) else None))
    return child
