"""Disappearances: report a missing child, record who was informed, record the return (or close the episode).

Officers, supervisors and facility staff (for children in their scope) record all of it. While an episode is
open the case list and the child's page show the hours since the child was last seen; a child not yet
reported to the police is overdue at once (`core.deadlines.missing_status`). Every change is validated whole,
written with a history row and an audit row (ids and codes only) in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import and_, or_
from sqlmodel import col, select

from ospod_desktop.core import history as H
from ospod_desktop.core.deadlines import Deadline, hours_between, missing_status
from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.i18n import N_, _
from ospod_desktop.core.missing_form import (
    MissingInput,
    aware,
    fail,
    local_day,
    validate_close,
    validate_informed,
    validate_missing,
    validate_return,
)  # fmt: skip
from ospod_desktop.core.roles import Action, Entity, PlacementAct
from ospod_desktop.services import scope
from ospod_desktop.services.context import Tx, UserSession, requires_rule
from ospod_desktop.services.placements import informed_map, informed_of, informed_rows, place_label
from ospod_desktop.storage.child_tables import ChildPhoto
from ospod_desktop.storage.models import Child, Facility
from ospod_desktop.storage.placement_tables import MissingEpisode, MissingInformed, Placement
from ospod_desktop.storage.rows import saved_id

# What each informed party records: its time, reference and person under these names in the history's JSON
# (they were the episode's columns before revision 0005; now one `missing_informed` row per party). None: the
# party has no such detail.
PARTY_COLUMNS = {
    "police": ("police_informed_at", "police_reference", "police_person"),
    "officer": ("officer_informed_at", None, "officer_person"),
    "guardian": ("guardian_informed_at", None, "guardian_person"),
    "line_116000": ("line_116000_informed_at", "line_116000_reference", None),
}


@dataclass(frozen=True)
class Informed:
    party: str
    at: datetime
    reference: str = ""
    person: str = ""


@dataclass(frozen=True)
class MissingView:
    """One missing episode as the child's page shows it, with its clocks."""

    id: int
    child_id: int
    placement_id: int | None
    place: str  # where the child was placed when last seen
    last_seen_at: datetime
    last_seen_place: str
    seen_with: str
    circumstances: str
    description: str
    clothing: str
    has_photo: bool
    risk_trafficking: bool
    risk_medication: str
    risk_notes: str
    informed: tuple[Informed, ...]
    returned_at: datetime | None
    found_place: str
    condition: str
    return_interview: bool | None
    return_interview_on: date | None
    return_notes: str
    closed_at: datetime | None
    close_reason: str
    open: bool
    hours: int  # missing so far (open) or how long the episode lasted
    deadlines: tuple[Deadline, ...] = ()

    @property
    def police_not_informed(self) -> bool:
        return any(d.kind == "missing_police" for d in self.deadlines)


@dataclass(frozen=True)
class MissingNow:
    """A child missing right now (for the list's banner): ids and clocks only."""

    child_id: int
    episode_id: int
    last_seen_at: datetime
    hours: int
    police_not_informed: bool


def utc_now(now: datetime | None) -> datetime:
    """The given moment (a naive one is local time) or the present, as an aware UTC time."""
    return aware(now) if now else datetime.now(UTC)


def _open_episode(tx: Tx, child_id: int) -> MissingEpisode | None:
    return tx.session.exec(select(MissingEpisode).where(
        MissingEpisode.child_id == child_id, col(MissingEpisode.returned_at).is_(None),
        col(MissingEpisode.closed_at).is_(None))).first()


def placement_on(tx: Tx, child_id: int, day: date) -> int | None:
    row = tx.session.exec(select(Placement.id).where(
        Placement.child_id == child_id, Placement.start_date <= day,
        or_(col(Placement.end_date).is_(None), col(Placement.end_date) >= day))
        .order_by(col(Placement.start_date).desc())).first()
    return row


@requires_rule(PlacementAct.MISSING)
def report_missing(us: UserSession, child_id: int, form: MissingInput, now: datetime | None = None) -> int:
    """Open a missing episode; returns its id. The police report comes next (`record_informed`)."""
    now = utc_now(now)
    with us.tx() as tx:
        child: Child = scope.load_child(tx, us, child_id)
        scope.check_placed_here(tx, us, child_id, _(STAFF_MESSAGE))
        if child.merged_into_id is not None:
            raise ValidationError("child_id", _("The record has been merged into another one; record it there."))
        values = validate_missing(form, now, child.found_on)
        if _open_episode(tx, child_id) is not None:
            raise fail("last_seen_at", _("the child is already reported missing; record the return first."))
        ends = [e.returned_at or e.closed_at for e in tx.session.exec(
            select(MissingEpisode).where(MissingEpisode.child_id == child_id)).all()]
        latest = max((aware(e) for e in ends if e), default=None)
        if latest and values["last_seen_at"] < latest:
            raise fail("last_seen_at", _("the time is before the end of the previous missing episode."))
        row = MissingEpisode(child_id=child_id, placement_id=placement_on(tx, child_id, local_day(values["last_seen_at"])),
                             created_at=datetime.now(UTC), created_by=us.actor.user_id, **values)
        tx.session.add(row)
        tx.session.flush()
        tx.history(child_id, H.MissingReported(H.EpisodeSummary(values["last_seen_at"], values["last_seen_place"])))
        tx.audit(Action.UPDATE, Entity.CHILD, child_id, detail=f"missing_report:{row.id}")
        return saved_id(row)


STAFF_MESSAGE = N_("Facility staff record disappearances only of children placed in their facility now.")


def load_episode(tx: Tx, us: UserSession, episode_id: int) -> MissingEpisode:
    """The episode to change, or NotFound (audited); facility staff only while the child is placed with them."""
    row = scope.load_owned(tx, us, MissingEpisode, episode_id, Entity.MISSING_EPISODE)
    scope.check_placed_here(tx, us, row.child_id, _(STAFF_MESSAGE))
    return row


@requires_rule(PlacementAct.MISSING)
def record_informed(us: UserSession, episode_id: int, party: str, informed_at: datetime | None, reference: str = "",
                    person: str = "", now: datetime | None = None) -> None:
    """Who was told and when: the police (with their reference number), the officer, the guardian, 116 000."""
    now = utc_now(now)
    with us.tx() as tx:
        row = load_episode(tx, us, episode_id)
        values = validate_informed(party, informed_at, row.last_seen_at, now, reference, person)
        at_col, ref_col, person_col = PARTY_COLUMNS[party]
        later = {"informed_at": values["informed_at"], "reference": values["reference"] if ref_col else "",
                 "person": values["person"] if person_col else ""}
        told = tx.session.get(MissingInformed, (episode_id, party))
        if told is not None:  # recorded again (a correction): the earlier entry stays in the history
            tx.history(row.child_id, H.Changes("missing", _named(party, told), _named(party, later)))
            for key, value in later.items():
                setattr(told, key, value)
        else:
            told = MissingInformed(episode_id=episode_id, party=party, **later)
        tx.session.add(told)
        tx.history(row.child_id, H.Informed(party, values["informed_at"]))
        tx.audit(Action.UPDATE, Entity.CHILD, row.child_id, detail=f"missing_informed:{row.id}:{party}")


def _named(party: str, told) -> dict[str, object]:
    """One party's entry (a row or a dict) under its `PARTY_COLUMNS` names, as history lines keep it."""
    get = told.get if isinstance(told, dict) else (lambda k: getattr(told, k))
    names = PARTY_COLUMNS[party]
    return {name: get(key) for name, key in zip(names, ("informed_at", "reference", "person"), strict=True) if name}


def informed_columns(tx: Tx, episode_id: int) -> dict[str, object]:
    """Everything recorded of who was informed, under its `PARTY_COLUMNS` names (a deleted episode's history)."""
    told = informed_rows(tx.session, [episode_id]).get(episode_id, {})
    return {k: v for party, r in told.items() for k, v in _named(party, r).items()}


def _check_open(row: MissingEpisode, fld: str) -> None:
    if row.returned_at is not None or row.closed_at is not None:
        raise fail(fld, _("the episode has already ended."))


@requires_rule(PlacementAct.MISSING)
def record_return(us: UserSession, episode_id: int, returned_at: datetime | None, found_place: str = "",
                  condition: str = "", interview_held: bool | None = None, interview_on: date | None = None,
                  notes: str = "", now: datetime | None = None) -> None:
    """The child is back (or found): when, where, in what condition, and whether a return interview was held."""
    now = utc_now(now)
    with us.tx() as tx:
        row = load_episode(tx, us, episode_id)
        _check_open(row, "returned_at")
        values = validate_return(returned_at, row.last_seen_at, now, found_place, condition, interview_held,
                                 interview_on, notes)
        for key, value in values.items():
            setattr(row, key, value)
        tx.session.add(row)
        tx.history(row.child_id, H.Returned(values["returned_at"]))
        tx.audit(Action.UPDATE, Entity.CHILD, row.child_id, detail=f"missing_return:{row.id}")


@requires_rule(PlacementAct.MISSING)
def close_episode(us: UserSession, episode_id: int, closed_at: datetime | None, reason: str,
                  now: datetime | None = None) -> None:
    """End an episode without a return (located abroad, turned 18 while missing, case closed)."""
    now = utc_now(now)
    with us.tx() as tx:
        row = load_episode(tx, us, episode_id)
        _check_open(row, "closed_at")
        values = validate_close(closed_at, reason, row.last_seen_at, now)
        told = [aware(at) for at in informed_of(tx.session, row.id).values() if at]  # type: ignore[arg-type]
        if told and values["closed_at"] < max(told):
            raise fail("closed_at", _("the time is before someone was informed of the disappearance."))
        row.closed_at, row.close_reason = values["closed_at"], reason
        tx.session.add(row)
        tx.history(row.child_id, H.MissingClosed(reason))
        tx.audit(Action.UPDATE, Entity.CHILD, row.child_id, detail=f"missing_close:{row.id}:{reason}")


def episodes(tx: Tx, child_id: int, now: datetime | None = None) -> tuple[MissingView, ...]:
    """The child's missing episodes, oldest first (the caller has checked scope)."""
    now = utc_now(now)
    rows = tx.session.exec(select(MissingEpisode).where(MissingEpisode.child_id == child_id)
                           .order_by(col(MissingEpisode.last_seen_at), col(MissingEpisode.id))).all()
    has_photo = tx.session.get(ChildPhoto, child_id) is not None
    parties = informed_rows(tx.session, [r.id for r in rows])  # type: ignore[misc]
    out = []
    for r in rows:
        place = ""
        if r.placement_id:
            p = tx.session.get(Placement, r.placement_id)
            f = tx.session.get(Facility, p.facility_id) if p and p.facility_id else None
            place = place_label(f.name if f else None, p.setting, p.carer_relationship) if p else ""
        is_open = r.returned_at is None and r.closed_at is None
        rows_told = parties.get(r.id, {})  # type: ignore[arg-type]
        informed = informed_map(rows_told)
        status = missing_status(aware(r.last_seen_at), now, informed) if is_open else None
        end = r.returned_at or r.closed_at
        told = tuple(Informed(party, aware(at), rows_told[party].reference, rows_told[party].person)
                     for party, at in informed.items() if at)
        out.append(MissingView(
            saved_id(r), r.child_id, r.placement_id, place, aware(r.last_seen_at), r.last_seen_place, r.seen_with,
            r.circumstances, r.description, r.clothing, has_photo, r.risk_trafficking, r.risk_medication, r.risk_notes,
            told, r.returned_at, r.found_place, r.condition, r.return_interview, r.return_interview_on, r.return_notes,
            r.closed_at, r.close_reason, is_open,
            status.hours_elapsed if status else hours_between(aware(r.last_seen_at), aware(end or now)),
            status.deadlines if status else (),
        ))  # fmt: skip
    return tuple(out)


def child_episodes(us: UserSession, child_id: int, now: datetime | None = None) -> tuple[MissingView, ...]:
    """The child's missing episodes for the child's page (an audited read)."""
    with us.tx() as tx:
        scope.load_child(tx, us, child_id)
        tx.audit(Action.READ, Entity.CHILD, child_id, detail=scope.read_detail(us, "missing"))
        return episodes(tx, child_id, now)


def missing_now(us: UserSession, now: datetime | None = None) -> list[MissingNow]:
    """Every child the user may see who is missing right now, longest missing first (ids and clocks only)."""
    now = utc_now(now)
    with us.read() as session:
        rows = session.exec(select(MissingEpisode).join(Child, col(Child.id) == col(MissingEpisode.child_id)).where(and_(
            scope.visible(us), col(MissingEpisode.returned_at).is_(None), col(MissingEpisode.closed_at).is_(None)))
            .order_by(col(MissingEpisode.last_seen_at))).all()
        parties = informed_rows(session, [saved_id(r) for r in rows])
        out = []
        for r in rows:
            status = missing_status(aware(r.last_seen_at), now, informed_map(parties.get(saved_id(r))))
            out.append(MissingNow(r.child_id, saved_id(r), aware(r.last_seen_at), status.hours_elapsed,
                                  status.police_not_informed))
    return out

