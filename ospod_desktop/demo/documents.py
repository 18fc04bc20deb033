"""Demo documents (issue 12, all fictitious): the disclosure register in use, so a child's Documents tab shows real
entries. A handful of REAL documents, rendered and recorded by `services.documents.issue` as each user would issue
them: the admission requests to the Radlická facility of its newest placements, the police notices of the latest
recorded police reports (issued the same day; the record, not the PDF, resolves the police_report clock), the
missing-child reports of children missing now from Radlická (the facility staff's own version, then the officer's
with the risk factors), the supervisor's case summaries; and one export that concerns no single child (the
facility's due list of its missing children). Saved documents go to a temporary folder deleted afterwards; some are
printed (no file).

The children are picked by small queries (the newest few rows of each), so the stage costs about the same for 300
and 100,000 children (about a second: ten PDFs); the choice depends only on the database the seed built and the
stage's own generator. Issued times are in the demo's past: never after now, never before the fact they follow.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import or_, select
from sqlmodel import col

from ospod_desktop.core.due_model import KINDS as DUE_KINDS
from ospod_desktop.core.trafficking_flag import COUNTING_STATUSES
from ospod_desktop.services import identity, scope
from ospod_desktop.services.context import UserSession
from ospod_desktop.storage.models import Child, User
from ospod_desktop.storage.placement_tables import MissingEpisode, Placement
from ospod_desktop.storage.trafficking_tables import TraffickingAssessment, VictimEvent

if TYPE_CHECKING:
    from ospod_desktop.demo.builder import DemoContext

log = logging.getLogger(__name__)

FACILITY_REQUESTS, POLICE_NOTICES, MISSING_REPORTS = 3, 2, 2  # how many of each (fewer when the demo has fewer)
CANDIDATES = 12  # rows read per query: the newest few, of which closed cases are skipped
DUE_WITHIN = 7  # the facility's due-list export: the missing children's clocks overdue or due within a week
MISSING_CLOCKS = tuple(k for k in DUE_KINDS if k.startswith("missing_"))  # a few dozen rows at 100,000 children


@dataclass(frozen=True)
class Planned:
    """One document to issue: by whom, when, and the request's fields."""

    issued_at: datetime
    username: str
    child_id: int
    kind: str
    channel: str = "saved"  # or "printed"
    recipient: str = ""
    assessment_id: int | None = None
    episode_id: int | None = None
    lang: str = "cs"


def _utc(value: datetime) -> datetime:
    """A stored time (naive UTC) as an aware one."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def session_as(ctx: DemoContext, username: str) -> UserSession:
    """A session of a demo user on the demo's open database (as `identity.login` makes it, without unlocking the
    key again); not to be closed: it shares the builder's database."""
    uid = ctx.users[username]
    with ctx.us.read() as session:
        user = session.get(User, uid)
        assert user is not None  # the accounts stage made it
        actor = identity.actor_of(user)
    return UserSession(ctx.us.db, ctx.us.slots, actor)


def plan_documents(ctx: DemoContext, now: datetime) -> list[Planned]:
    """The documents to issue, in the order issued (the č.j. numbers follow time)."""
    rng = ctx.rng("documents")
    officers = {uid: name for name, uid in ctx.users.items() if name in ("officer", "supervisor")}

    def issuer(user_id: int | None) -> str:
        """Who recorded it sends it (an officer or the supervisor); anyone else's record: the officer."""
        return officers.get(user_id or 0, "officer")

    closed = ctx.closed
    radlicka = ctx.facility_id
    since = scope.today() - timedelta(days=scope.FACILITY_GRACE_DAYS)
    planned: list[Planned] = []

    def when(base: datetime, low: int, high: int) -> datetime:
        """`base` plus low..high minutes, never after now (nor before `base`)."""
        return max(base, min(base + timedelta(minutes=rng.randint(low, high)), now))

    with ctx.us.read() as session:
        # Admission requests: the newest placements at Radlická, sent by whoever recorded the placement.
        placements = session.execute(
            select(col(Placement.child_id), col(Placement.created_at), col(Placement.created_by))
            .where(col(Placement.facility_id) == radlicka)
            .order_by(col(Placement.start_date).desc(), col(Placement.id).desc()).limit(CANDIDATES)).all()
        chosen = [p for p in placements if p.child_id not in closed][:FACILITY_REQUESTS]
        for i, (cid, created, by) in enumerate(chosen):
            planned.append(Planned(when(_utc(created), 10, 50), issuer(by), cid, "facility",
                                   channel="printed" if i % 2 else "saved"))
        # Police notices: the latest police reports of an assessment that counts (finished, approved), the notice
        # issued the same day, minutes before the report was recorded.
        reports = session.execute(
            select(col(VictimEvent.child_id), col(VictimEvent.body), col(VictimEvent.recorded_at),
                   col(VictimEvent.recorded_by), col(VictimEvent.assessment_id), col(TraffickingAssessment.finished_at))
            .join(TraffickingAssessment, col(TraffickingAssessment.id) == col(VictimEvent.assessment_id))
            .where(col(VictimEvent.kind) == "police_report", col(TraffickingAssessment.status).in_(COUNTING_STATUSES))
            .order_by(col(VictimEvent.recorded_at).desc(), col(VictimEvent.id).desc()).limit(CANDIDATES)).all()
        victims = [r for r in reports if r.child_id not in closed][:POLICE_NOTICES]
        for cid, body, recorded, by, aid, finished in victims:
            at = _utc(recorded) - timedelta(minutes=rng.randint(10, 40))
            if finished is not None and at < _utc(finished):  # the report was recorded before the assessment was
                at = _utc(finished) + timedelta(minutes=rng.randint(5, 30))  # finished: the notice followed it
            planned.append(Planned(min(at, now), issuer(by), cid, "police", recipient=body,
                                   assessment_id=aid))
        # Missing reports: children missing now from a placement at Radlická (open, or ended within the days the
        # facility still sees the child). The facility staff report first (their version), the responsible officer
        # follows for the newest one (with the risk factors).
        episodes = session.execute(
            select(col(MissingEpisode.id), col(MissingEpisode.child_id), col(MissingEpisode.last_seen_at),
                   col(Child.responsible_officer_id))
            .join(Placement, col(Placement.id) == col(MissingEpisode.placement_id))
            .join(Child, col(Child.id) == col(MissingEpisode.child_id))
            .where(col(MissingEpisode.returned_at).is_(None), col(Placement.facility_id) == radlicka,
                   or_(col(Placement.end_date).is_(None), col(Placement.end_date) >= since))
            .order_by(col(MissingEpisode.last_seen_at).desc(), col(MissingEpisode.id).desc())
            .limit(CANDIDATES)).all()
        gone = [e for e in episodes if e.child_id not in closed][:MISSING_REPORTS]
        for n, (eid, cid, seen, officer) in enumerate(gone):
            # Minutes before now at the latest, so the officer's version (clamped to now) comes after it.
            reported = max(_utc(seen), min(when(_utc(seen), 60, 150), now - timedelta(minutes=10)))
            planned.append(Planned(reported, "facility", cid, "missing", episode_id=eid))
            if n == 0:
                planned.append(Planned(when(reported, 60, 180), issuer(officer), cid, "missing",
                                       episode_id=eid, channel="printed"))
    # Case summaries for the supervisor: a presumed victim some days after the notice, a missing child the next day.
    for base in ([p for p in planned if p.kind == "police"][:1] + [p for p in planned if p.kind == "missing"][:1]):
        at = when(base.issued_at, 60 * 24, 60 * 24 * 4)
        planned.append(Planned(at, "supervisor", base.child_id, "summary", channel="printed"))
    if planned:
        first = planned[0]  # one in English: the facility shares it with an interpreter
        planned[0] = Planned(first.issued_at, first.username, first.child_id, first.kind, first.channel,
                             first.recipient, first.assessment_id, first.episode_id, lang="en")
    return sorted(planned, key=lambda p: (p.issued_at, p.child_id, p.kind))


def issue_documents(ctx: DemoContext, now: datetime | None = None) -> dict[str, int]:
    """Issue the planned documents (and the facility's due-list export) through the services; returns how many
    of each kind were recorded."""
    from ospod_desktop.services import documents, due

    now = now or datetime.now(UTC)
    plan = plan_documents(ctx, now)
    sessions = {name: session_as(ctx, name) for name in sorted({p.username for p in plan} | {"facility"})}
    written: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="ospod-demo-documents-") as folder:
        for n, p in enumerate(plan):
            request = documents.DocumentRequest(child_id=p.child_id, kind=p.kind, lang=p.lang, recipient=p.recipient,
                                                assessment_id=p.assessment_id, episode_id=p.episode_id)
            target = None if p.channel == "printed" else Path(folder) / f"{n}.pdf"
            documents.issue(sessions[p.username], request, target=target, channel=p.channel, now=p.issued_at)
            written[p.kind] = written.get(p.kind, 0) + 1
        # An export that concerns no single child: the facility's list of what is due about its missing children
        # (inform the police, the officer, the guardian) this week, written as a file.
        due.export_due(sessions["facility"], Path(folder) / "due.csv", "csv", within_days=DUE_WITHIN,
                       kinds=MISSING_CLOCKS)
        written["due_list"] = 1
    return written


def stage_documents(ctx: DemoContext) -> None:
    """The builder's stage (after the due items): a few real documents issued and recorded in the register."""
    log.info("demo: documents issued: %s", issue_documents(ctx))
