"""Who can be named on a child's record: responsible officers, and the names behind history user ids."""

from __future__ import annotations

from sqlmodel import col, select

from ospod_desktop.core.collation import czech_sort_key
from ospod_desktop.core.errors import PermissionDenied
from ospod_desktop.core.roles import CHILD_READERS, Role
from ospod_desktop.services import scope
from ospod_desktop.services.context import UserSession, requires
from ospod_desktop.storage.models import User


@requires(Role.SUPERVISOR, Role.OFFICER)
def list_officers(us: UserSession) -> list[tuple[int, str]]:
    """(id, display name) of the active officers and supervisors, in Czech alphabetical order."""
    with us.read() as session:
        rows = session.exec(
            select(User.id, User.display_name).where(
                User.disabled == False,  # noqa: E712
                col(User.role).in_([Role.OFFICER.value, Role.SUPERVISOR.value]),
            )
        ).all()
    return sorted(((uid, name) for uid, name in rows if uid is not None), key=lambda r: (czech_sort_key(r[1]), r[0]))


def user_names(us: UserSession, ids: list[int] | set[int]) -> dict[int, str]:
    """Display names for user ids (disabled accounts included: history keeps naming who did what).

    For whoever reads children's records: also an administrator with emergency access (`scope.break_glass`).
    """
    if us.actor.role not in CHILD_READERS and not scope.reads_all(us):
        raise PermissionDenied()
    wanted = sorted({i for i in ids if isinstance(i, int)})
    if not wanted:
        return {}
    with us.read() as session:
        rows = session.exec(select(User.id, User.display_name).where(col(User.id).in_(wanted))).all()
    return {uid: name for uid, name in rows if uid is not None}
