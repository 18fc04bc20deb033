"""The facts of `core.due` (`CaseFacts`) read from the database, for one child or many at once.

No access checks here: callers pass only ids the user may see, or work for the whole office (materialisation).
Reads go in chunks of `CHUNK` ids per IN (...) query. Merged-away children have no facts (they are left out).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlmodel import col

from ospod_desktop.core.deadlines import PlacementFacts
from ospod_desktop.core.due_facts import (
    AsylumApplication,
    CaseFacts,
    ChildFacts,
    GuardianFacts,
    InformationRequest,
    MissingEpisode,
    ReflectionPeriod,
    TraffickingFacts,
    Visit,
)  # fmt: skip
from ospod_desktop.core.missing_form import local_day
from ospod_desktop.services.placements import (
    CHUNK,
    FACT_COLUMNS,
    extensions_of,
    informed_map,
    informed_rows,
    placement_facts,
)
from ospod_desktop.storage import care_tables as CT
from ospod_desktop.storage.child_tables import AgeAssessment
from ospod_desktop.storage.models import Child, Facility
from ospod_desktop.storage.placement_tables import MissingEpisode as EpisodeRow
from ospod_desktop.storage.placement_tables import Placement
from ospod_desktop.storage.trafficking_tables import TraffickingAssessment, VictimEvent

_CHILD_COLUMNS = (col(Child.id), col(Child.birth_date), col(Child.birth_year), col(Child.found_on),
                  col(Child.registered_on), col(Child.status), col(Child.case_status), col(Child.age_document),
                  col(Child.merged_into_id))


def utc(value: datetime | None) -> datetime | None:
    """A stored time (SQLite gives it back naive, in UTC) as an aware UTC time."""
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


def _child_facts(row, assessed: bool) -> ChildFacts:
    return ChildFacts(
        id=row.id, birth_date=row.birth_date, birth_year=row.birth_year,
        # a date of birth with an age assessment on file and no age read from a document is an assessed one
        birth_assessed=bool(row.birth_date and assessed and row.age_document is None),
        found_on=row.found_on, registered_on=row.registered_on, imported=row.registered_on is not None,
        status=row.status, case_open=row.case_status == "open",
    )


# Assessments whose conclusion stands (a draft is unfinished; a returned one goes back to its officer).
CONCLUDED = ("finished", "approved")
VICTIM_EVENT_KINDS = ("police_report", "reflection_period")  # the ones the due clocks read


def trafficking_facts(conn, ids: list[int]) -> dict[int, TraffickingFacts]:
    """Child id -> the trafficking facts of the children of `ids` that have any (two queries for the chunk)."""
    a, e = TraffickingAssessment, VictimEvent
    latest: dict[int, tuple[str, date, int]] = {}
    for cid, aid, conclusion, finished in conn.execute(
            select(col(a.child_id), col(a.id), col(a.conclusion), col(a.finished_at))
            .where(col(a.child_id).in_(ids), col(a.status).in_(CONCLUDED), col(a.finished_at).is_not(None))
            .order_by(col(a.finished_at), col(a.id))):
        latest[cid] = (conclusion or "", local_day(utc(finished)), aid)  # type: ignore[arg-type]
    reports: dict[int, list[date]] = defaultdict(list)
    periods: dict[int, list[ReflectionPeriod]] = defaultdict(list)
    for cid, eid, kind, on, ends_on in conn.execute(
            select(col(e.child_id), col(e.id), col(e.kind), col(e.on), col(e.ends_on))
            .where(col(e.child_id).in_(ids), col(e.kind).in_(VICTIM_EVENT_KINDS)).order_by(col(e.on), col(e.id))):
        if kind == "police_report":
            reports[cid].append(on)
        else:
            periods[cid].append(ReflectionPeriod(on, ends_on, eid))
    out: dict[int, TraffickingFacts] = {}
    for cid in latest.keys() | reports.keys() | periods.keys():
        conclusion, on, aid = latest.get(cid, ("", None, None))
        out[cid] = TraffickingFacts(conclusion, on, aid, tuple(reports.get(cid, ())), tuple(periods.get(cid, ())))
    return out


def _chunk_facts(conn, ids: list[int]) -> dict[int, CaseFacts]:
    children = [r for r in conn.execute(select(*_CHILD_COLUMNS).where(col(Child.id).in_(ids)))
                if r.merged_into_id is None]
    if not children:
        return {}
    ids = [r.id for r in children]
    assessed = set(conn.execute(select(col(AgeAssessment.child_id)).where(col(AgeAssessment.child_id).in_(ids))
                                .distinct()).scalars())
    rows = list(conn.execute(select(*FACT_COLUMNS).select_from(Placement)
                             .outerjoin(Facility, col(Facility.id) == col(Placement.facility_id))
                             .where(col(Placement.child_id).in_(ids)).order_by(col(Placement.start_date))))
    exts = extensions_of(conn, [r.id for r in rows])
    placements: dict[int, list[PlacementFacts]] = defaultdict(list)
    for r in rows:
        placements[r.child_id].append(placement_facts(r, exts.get(r.id, ()), r.facility_type))
    visits: dict[int, list[Visit]] = defaultdict(list)
    for cid, vid, on, seen in conn.execute(
            select(col(CT.Visit.child_id), col(CT.Visit.id), col(CT.Visit.visited_on), col(CT.Visit.child_seen))
            .where(col(CT.Visit.child_id).in_(ids)).order_by(col(CT.Visit.visited_on), col(CT.Visit.id))):
        visits[cid].append(Visit(on, bool(seen), vid))
    ipods: dict[int, list[date]] = defaultdict(list)
    for cid, on in conn.execute(select(col(CT.Ipod.child_id), col(CT.Ipod.drawn_up_on))
                                .where(col(CT.Ipod.child_id).in_(ids)).order_by(col(CT.Ipod.drawn_up_on))):
        ipods[cid].append(on)
    guardians: dict[int, GuardianFacts] = {}
    g = CT.Guardianship
    for r in conn.execute(select(col(g.child_id), col(g.petition_on), col(g.appointed_on), col(g.court),
                                 col(g.guardian_name), col(g.ended_on))
                          .where(col(g.child_id).in_(ids)).order_by(col(g.id))):
        # the latest row stands; a guardianship that ended leaves the child without a guardian
        guardians[r.child_id] = GuardianFacts(r.petition_on, None if r.ended_on else r.appointed_on, r.court,
                                              r.guardian_name)
    asylum: dict[int, list[AsylumApplication]] = defaultdict(list)
    a = CT.AsylumApplication
    for cid, aid, applied, rep in conn.execute(
            select(col(a.child_id), col(a.id), col(a.applied_on), col(a.representative_on))
            .where(col(a.child_id).in_(ids)).order_by(col(a.applied_on), col(a.id))):
        asylum[cid].append(AsylumApplication(applied, rep, aid))
    requests: dict[int, list[InformationRequest]] = defaultdict(list)
    q = CT.InformationRequest
    for cid, qid, asked, answered, addressee in conn.execute(
            select(col(q.child_id), col(q.id), col(q.asked_on), col(q.answered_on), col(q.addressee))
            .where(col(q.child_id).in_(ids)).order_by(col(q.asked_on), col(q.id))):
        requests[cid].append(InformationRequest(asked, answered, addressee, qid))
    e = EpisodeRow
    episodes = list(conn.execute(
        select(col(e.child_id), col(e.id), col(e.last_seen_at), col(e.returned_at), col(e.closed_at),
               col(e.return_interview_on))
        .where(col(e.child_id).in_(ids)).order_by(col(e.last_seen_at), col(e.id))))
    told = informed_rows(conn, [r.id for r in episodes])
    missing: dict[int, list[MissingEpisode]] = defaultdict(list)
    for r in episodes:
        informed = {p: utc(at) for p, at in informed_map(told.get(r.id)).items()}
        closed = utc(r.closed_at)
        missing[r.child_id].append(MissingEpisode(
            utc(r.last_seen_at), informed, utc(r.returned_at), closed.date() if closed else None,  # type: ignore[arg-type]
            r.return_interview_on, r.id))
    trafficking = trafficking_facts(conn, ids)
    return {c.id: CaseFacts(
        child=_child_facts(c, c.id in assessed), placements=tuple(placements.get(c.id, ())),
        visits=tuple(visits.get(c.id, ())), ipods=tuple(ipods.get(c.id, ())),
        guardian=guardians.get(c.id, GuardianFacts()), asylum=tuple(asylum.get(c.id, ())),
        information_requests=tuple(requests.get(c.id, ())), missing=tuple(missing.get(c.id, ())),
        trafficking=trafficking.get(c.id, TraffickingFacts()),
    ) for c in children}


def facts_of_many(conn, child_ids: Iterable[int]) -> dict[int, CaseFacts]:
    """Child id -> the child's facts, for every child of `child_ids` that exists and is not merged away
    (`conn` is a Session or a Connection)."""
    out: dict[int, CaseFacts] = {}
    for chunk in _chunks(list(dict.fromkeys(child_ids))):
        out.update(_chunk_facts(conn, chunk))
    return out


def facts_of(conn, child_id: int) -> CaseFacts | None:
    """The facts of one child (None: no such child, or merged into another)."""
    return facts_of_many(conn, [child_id]).get(child_id)
