"""An export of the due list (CSV, JSON, iCalendar) is a disclosure of children's deadlines: audited with the
format, how many items and what the user chose to include (never a child's data). The documents issue's
disclosure register will record it too."""

from __future__ import annotations

from collections.abc import Collection

from sqlmodel import select

from ospod_desktop.core.roles import Action, Entity
from ospod_desktop.services import scope
from ospod_desktop.services.context import UserSession
from ospod_desktop.storage.models import Office


def record_export(us: UserSession, fmt: str, count: int, include: Collection[str] = ()) -> tuple[str, str]:
    """Audit an export of `count` due items in `fmt`; returns the office's stable identity (its uuid: calendar
    UIDs are made from it, so a re-imported calendar updates its events instead of adding copies) and name."""
    chosen = "+".join(sorted(include)) or "-"
    with us.tx() as tx:
        office = tx.session.exec(select(Office).order_by(Office.id)).first()  # type: ignore[arg-type]
        tx.audit(Action.EXPORT, Entity.DUE_LIST, None,
                 detail=scope.read_detail(us, f"format:{fmt};items:{count};include:{chosen}"))
    return (office.uuid, office.name) if office else ("ospod", "OSPOD")
