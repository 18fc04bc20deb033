"""What changed in a child's data since a document was issued: the child's history after it (registration
fields, photo, age assessments, merges) and the placements, disappearances, visits, trafficking assessments and
victim events created or changed since, worded for the register's detail view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from ospod_desktop.core import history as H
from ospod_desktop.core.field_labels import child_label
from ospod_desktop.core.history_decode import decode
from ospod_desktop.core.i18n import N_, _
from ospod_desktop.storage.care_tables import Visit
from ospod_desktop.storage.child_tables import ChildHistory
from ospod_desktop.storage.models import User
from ospod_desktop.storage.placement_tables import MissingEpisode, Placement
from ospod_desktop.storage.trafficking_tables import TraffickingAssessment, VictimEvent


@dataclass(frozen=True)
class Change:
    """One change to the child's data after the document was issued."""

    at: datetime  # UTC
    what: str  # worded: "Placement changed", "Given names changed"
    user: str  # who made it (display name); "" when the row does not say


# (model, who created it, "created" wording, "changed" wording, officer-only)
_TABLES = (
    (Placement, "created_by", "created_at", N_("New placement"), N_("Placement changed"), False),
    (MissingEpisode, "created_by", "created_at", N_("New disappearance record"), N_("Disappearance record changed"),
     False),
    (Visit, "created_by", "created_at", N_("New visit"), N_("Visit changed"), True),
    (TraffickingAssessment, "created_by", "created_at", N_("New trafficking assessment"),
     N_("Trafficking assessment changed"), True),
    (VictimEvent, "recorded_by", "recorded_at", N_("New victim event"), N_("Victim event changed"), True),
)


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _history_words(entry: H.HistoryItem, withheld: frozenset[str]) -> str | None:
    if isinstance(entry, H.FieldChanged):
        if entry.name in withheld:
            return None
        return _("{field} changed").format(field=child_label(entry.name))
    if isinstance(entry, H.PhotoChanged):
        return _("Photo changed")
    if isinstance(entry, H.AgeAssessed):
        return _("Age assessed")
    if isinstance(entry, H.Merged):
        return _("Record no. {id} merged into this one").format(id=entry.other_id)
    if isinstance(entry, H.MergedInto):
        return _("Merged into record no. {id}").format(id=entry.other_id)
    return None  # placements, episodes, visits, assessments: from their own rows below


def changes_since(session: Session, child_id: int, since: datetime, reduced: bool,
                  withheld: frozenset[str]) -> tuple[Change, ...]:
    """The changes to child `child_id` after `since`, oldest first (`reduced`: facility staff's view)."""
    since = _utc(since)
    found: list[tuple[datetime, str, int | None]] = []
    for row in session.execute(select(ChildHistory).where(
            col(ChildHistory.child_id) == child_id, col(ChildHistory.ts) > since)).scalars():
        words = _history_words(decode(row.field, row.old_value, row.new_value), withheld)
        if words:
            found.append((_utc(row.ts), words, row.user_id))
    for model, by, created, new, changed, officers_only in _TABLES:
        if reduced and officers_only:
            continue
        m: Any = model
        stmt = select(getattr(m, created), m.updated_at, getattr(m, by)).where(
            m.child_id == child_id, m.updated_at > since)
        for created_at, updated_at, user_id in session.execute(stmt).all():
            if _utc(created_at) > since:
                found.append((_utc(created_at), _(new), user_id))
            else:
                found.append((_utc(updated_at), _(changed), None))  # the row keeps no editor
    ids = sorted({u for _at, _w, u in found if u is not None})
    names = dict(session.execute(select(col(User.id), col(User.display_name)).where(col(User.id).in_(ids))).all()) \
        if ids else {}
    found.sort(key=lambda item: item[0])
    return tuple(Change(at, what, names.get(user_id, "") if user_id is not None else "")
                 for at, what, user_id in found)
