"""The child page's view of the care records, and what the due-items engine (`core.due_facts`) knows of them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sqlmodel import Session, col, select

from ospod_desktop.core.due_facts import GUARDIAN_STATUSES, AsylumApplication, GuardianFacts
from ospod_desktop.core.roles import Action, Entity
from ospod_desktop.services import scope
from ospod_desktop.services.care._asylum import AsylumView, applications_of
from ospod_desktop.services.care._common import check_reader
from ospod_desktop.services.care._guardian import GuardianshipView, guardianships_of
from ospod_desktop.services.care._ipod import IpodView, ipods_of
from ospod_desktop.services.context import UserSession
from ospod_desktop.storage import care_tables as T


@dataclass(frozen=True)
class CareView:
    """Everything the "Guardian and plan" tab shows; lists newest first."""

    child_id: int
    needs_guardian: bool  # unaccompanied or separated: the court appoints a guardian without delay
    ipods: tuple[IpodView, ...]
    guardianships: tuple[GuardianshipView, ...]
    asylum: tuple[AsylumView, ...]
    merged: bool = False  # the record was merged into another one: nothing is recorded here

    @property
    def guardian(self) -> GuardianshipView | None:
        """The guardian in office, else the guardianship petitioned for, else None."""
        open_ = [g for g in self.guardianships if g.ended_on is None]
        return next((g for g in open_ if g.appointed_on), None) or next(iter(open_), None)


def care_summary(us: UserSession, child_id: int) -> CareView:
    """The child's IPODs, guardianships and asylum applications (an audited read; officers and supervisors)."""
    check_reader(us)
    with us.tx() as tx:
        child = scope.load_child(tx, us, child_id)
        tx.audit(Action.READ, Entity.CHILD, child_id, detail=scope.read_detail(us, "care"))
        return CareView(child_id, child.status in GUARDIAN_STATUSES, tuple(ipods_of(tx, child_id)),
                        tuple(guardianships_of(tx, child_id)), tuple(applications_of(tx, child_id)),
                        child.merged_into_id is not None)


class CareFacts(NamedTuple):
    """The `CaseFacts` fields of the care records: `CaseFacts(child=…, **care_facts(s, id)._asdict())`."""

    ipods: tuple[date, ...]
    guardian: GuardianFacts
    asylum: tuple[AsylumApplication, ...]


def care_facts(session: Session, child_id: int) -> CareFacts:
    """What the engine knows of one child's plans, guardian and asylum applications (no scope: a service's
    internal read, for the due-items refresh)."""
    ipods = tuple(i.drawn_up_on for i in session.exec(select(T.Ipod).where(T.Ipod.child_id == child_id)).all())
    rows = session.exec(select(T.Guardianship).where(T.Guardianship.child_id == child_id)
                        .order_by(col(T.Guardianship.id))).all()
    current = next((g for g in reversed(rows) if g.appointed_on and g.ended_on is None), None)
    waiting = next((g for g in reversed(rows) if g.appointed_on is None and g.ended_on is None), None)
    if current is not None:
        guardian = GuardianFacts(current.petition_on, current.appointed_on, current.court, current.guardian_name)
    else:
        guardian = GuardianFacts(waiting.petition_on if waiting else None, None,
                                 waiting.petition_court if waiting else "")
    asylum = tuple(AsylumApplication(a.applied_on, a.representative_on, a.id) for a in session.exec(
        select(T.AsylumApplication).where(T.AsylumApplication.child_id == child_id)
        .order_by(col(T.AsylumApplication.applied_on))).all())
    return CareFacts(ipods, guardian, asylum)
