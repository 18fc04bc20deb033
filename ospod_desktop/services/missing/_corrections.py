"""Correcting a missing episode once saved: the report, the return; reopening an episode ended by mistake;
deleting one recorded in error. Nothing is lost: the old values go into the child's history
(`correction_log`) with the reason, in the same transaction.

Officers, supervisors and facility staff (for children in their scope) correct and reopen; only officers and
supervisors delete. Corrected times keep the child's episodes in order: an episode ends before the next
begins, nobody is informed before the child was last seen, and a return is not before the disappearance.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlmodel import col, select

from ospod_desktop.core import history as H
from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.i18n import _
from ospod_desktop.core.missing_form import MissingInput, aware, fail, local_day, validate_missing, validate_return
from ospod_desktop.core.roles import Action, Entity, PlacementAct
from ospod_desktop.services import correction_log as log
from ospod_desktop.services import scope
from ospod_desktop.services.context import Tx, UserSession, requires_rule
from ospod_desktop.services.missing._episodes import (
    PARTY_COLUMNS,
    informed_columns,
    load_episode,
    placement_on,
    utc_now,
)
from ospod_desktop.services.placements import informed_of
from ospod_desktop.storage import ownership
from ospod_desktop.storage.models import Child
from ospod_desktop.storage.placement_tables import MissingEpisode
from ospod_desktop.storage.rows import saved_id, table_of

REPORT = ["last_seen_at", "last_seen_place", "seen_with", "circumstances", "description", "clothing",
          "risk_trafficking", "risk_medication", "risk_notes"]
INFORMED = [c for cols in PARTY_COLUMNS.values() for c in cols if c]  # `missing_informed` rows, by these names
RETURN = ["returned_at", "found_place", "condition", "return_interview", "return_interview_on", "return_notes"]
CLOSE = ["closed_at", "close_reason"]
COLUMNS = ["placement_id", *REPORT, *INFORMED, *RETURN, *CLOSE]  # what a deletion keeps, in this order


def form_of(e) -> MissingInput:
    """A saved episode (a row or a `MissingView`) as the report form."""
    return MissingInput(e.last_seen_at, e.last_seen_place, e.seen_with, e.circumstances, e.description, e.clothing,
                        e.risk_trafficking, e.risk_medication, e.risk_notes)


def _summary(row: MissingEpisode) -> H.EpisodeSummary:
    end = row.returned_at or row.closed_at
    return H.EpisodeSummary(aware(row.last_seen_at), row.last_seen_place, aware(end) if end else None)


def _neighbours(tx: Tx, row: MissingEpisode) -> tuple[MissingEpisode | None, MissingEpisode | None]:
    """The child's episodes just before and just after this one."""
    others = sorted((e for e in tx.session.exec(select(MissingEpisode).where(
        MissingEpisode.child_id == row.child_id, MissingEpisode.id != row.id)).all()),
        key=lambda e: (aware(e.last_seen_at), e.id))
    seen = aware(row.last_seen_at)
    before = [e for e in others if aware(e.last_seen_at) <= seen]
    after = [e for e in others if aware(e.last_seen_at) > seen]
    return (before[-1] if before else None), (after[0] if after else None)


def _end(e: MissingEpisode) -> datetime | None:
    end = e.returned_at or e.closed_at
    return aware(end) if end else None


def _apply(tx: Tx, row: MissingEpisode, values: dict, reason: str, what: str, action: str = "corrected") -> list[str]:
    changed = log.changes(row, values)
    if not changed:
        raise ValidationError(None, _("Nothing was changed."))
    reason = log.check_reason(reason)
    before = _summary(row)
    for key, (_old, new) in changed.items():
        setattr(row, key, new)
    tx.session.add(row)
    log.record(tx, row.child_id, "missing", action, before, _summary(row),
               {k: o for k, (o, _n) in changed.items()}, {k: n for k, (_o, n) in changed.items()}, reason)
    tx.audit(Action.UPDATE, Entity.CHILD, row.child_id, detail=f"missing_{what}:{row.id}:{','.join(sorted(changed))}")
    return sorted(changed)


def _aware_columns(row: MissingEpisode) -> None:
    """Stored times come back naive from SQLite; compare them as UTC."""
    for column in ("last_seen_at", "returned_at", "closed_at"):
        value = getattr(row, column)
        if isinstance(value, datetime) and value.tzinfo is None:
            setattr(row, column, value.replace(tzinfo=UTC))


@requires_rule(PlacementAct.MISSING)
def correct_report(us: UserSession, episode_id: int, form: MissingInput, reason: str,
                   now: datetime | None = None) -> list[str]:
    """Correct the report of a disappearance (when and where last seen, with whom, description, risks)."""
    now = utc_now(now)
    with us.tx() as tx:
        row = load_episode(tx, us, episode_id)
        child: Child = scope.load_child(tx, us, row.child_id)
        _aware_columns(row)
        values = validate_missing(form, now, child.found_on)
        seen = values["last_seen_at"]
        previous, following = _neighbours(tx, row)
        if previous is not None and (_end(previous) is None or seen < _end(previous)):
            raise fail("last_seen_at", _("the time is before the end of the previous missing episode."))
        if following is not None and seen >= aware(following.last_seen_at):
            raise fail("last_seen_at", _("the time is after the next missing episode began."))
        end = _end(row)
        if end is not None and seen > end:
            raise fail("last_seen_at", _("the time is after the child came back."))
        told = [aware(at) for at in informed_of(tx.session, row.id).values() if at]  # type: ignore[arg-type]
        if told and seen > min(told):
            raise fail("last_seen_at", _("someone was informed of the disappearance before this time."))
        values["placement_id"] = placement_on(tx, row.child_id, local_day(seen))
        return _apply(tx, row, values, reason, "correct")


@requires_rule(PlacementAct.MISSING)
def correct_return(us: UserSession, episode_id: int, returned_at: datetime | None, found_place: str, condition: str,
                   interview_held: bool | None, interview_on: date | None, notes: str, reason: str,
                   now: datetime | None = None) -> list[str]:
    """Correct the recorded return of a child (when, where found, condition, the return interview)."""
    now = utc_now(now)
    with us.tx() as tx:
        row = load_episode(tx, us, episode_id)
        _aware_columns(row)
        if row.returned_at is None:
            raise fail("returned_at", _("no return has been recorded for this episode."))
        values = validate_return(returned_at, row.last_seen_at, now, found_place, condition, interview_held,
                                 interview_on, notes)
        _previous, following = _neighbours(tx, row)
        if following is not None and values["returned_at"] > aware(following.last_seen_at):
            raise fail("returned_at", _("the time is after the next missing episode began."))
        return _apply(tx, row, values, reason, "correct_return")


@requires_rule(PlacementAct.MISSING)
def reopen_episode(us: UserSession, episode_id: int, reason: str) -> None:
    """The return (or closing) was recorded by mistake: the child is still missing. Only the latest episode."""
    with us.tx() as tx:
        row = load_episode(tx, us, episode_id)
        _aware_columns(row)
        if _end(row) is None:
            raise fail("returned_at", _("the child is still recorded as missing."))
        _previous, following = _neighbours(tx, row)
        if following is not None:
            raise fail("returned_at", _("a later missing episode is recorded; only the latest can be reopened."))
        values = dict(returned_at=None, found_place="", condition="", return_interview=None, return_interview_on=None,
                      return_notes="", closed_at=None, close_reason="")
        _apply(tx, row, values, reason, "reopen", "reopened")


@requires_rule(PlacementAct.MISSING_DELETE)
def delete_episode(us: UserSession, episode_id: int, reason: str) -> None:
    """Delete a missing episode recorded in error (officers and supervisors); the history keeps all of it."""
    reason = log.check_reason(reason)
    with us.tx() as tx:
        row = load_episode(tx, us, episode_id)
        values = {c: getattr(row, c, None) for c in COLUMNS}  # the informed parties are rows of their own:
        values.update(informed_columns(tx, saved_id(row)))    # kept under the names they always had
        values = {c: v for c, v in values.items() if v not in (None, "", False)}
        episode_id, child_id = saved_id(row), row.child_id
        log.record(tx, child_id, "missing", "deleted", _summary(row), None, values, {}, reason)
        # The episode and who was informed of it (`storage.ownership`), each leaving a tombstone.
        ownership.delete_tree(tx.session, table_of(MissingEpisode), col(MissingEpisode.id) == episode_id)
        tx.audit(Action.DELETE, Entity.MISSING_EPISODE, episode_id, detail=f"child:{child_id}")
