"""Placement facts in bulk for lists: the current facility, the most urgent deadline, missing right now.

No access checks here: callers pass only ids the user may see (`scope.visible` already filtered them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core.deadlines import Deadline, Extension, PlacementFacts, missing_status, placement_deadlines, worst
from ospod_desktop.services.placements._facts import CHUNK, extensions_of, placement_facts
from ospod_desktop.storage.models import Facility
from ospod_desktop.storage.placement_tables import MissingEpisode, MissingInformed, Placement

# What `placement_facts` reads of a row, with the facility's name and type (an outer join: people have none).
FACT_COLUMNS: tuple[Any, ...] = (col(Placement.id), col(Placement.child_id), col(Placement.facility_id), col(Placement.setting),
                col(Placement.carer_relationship), col(Placement.legal_basis), col(Placement.start_date),
                col(Placement.end_date), col(Placement.expiry_date), col(Placement.decision_date), col(Facility.name),
                col(Facility.type).label("facility_type"), col(Placement.enforceable_on),
                col(Placement.exception_reason), col(Placement.section_461), col(Placement.diagnostic_stay),
                col(Placement.diagnostics_completed_on))


def place_label(facility_name: str | None, setting: str, relationship: str = "") -> str:
    """Where a child lives, for lists: the facility's name, else "Relatives – uncle" for a named person."""
    if facility_name:
        return facility_name
    kind = PR.label(PR.FACILITY_TYPES, setting)
    return f"{kind} – {relationship}" if relationship else kind


def is_current(start: date, end: date | None, day: date) -> bool:
    """The placement holds on `day` (it ends on the day the child leaves)."""
    return start <= day and (end is None or end > day)


def current_clause(day: date) -> ColumnElement[bool]:
    """The SQL form of `is_current`."""
    return and_(col(Placement.start_date) <= day, or_(col(Placement.end_date).is_(None), col(Placement.end_date) > day))


@dataclass(frozen=True)
class RowStatus:
    """What the case list shows about a child's placement and whereabouts."""

    current_facility: str | None = None
    current_facility_id: int | None = None
    deadline: Deadline | None = None  # the most urgent clock of the current placement
    missing_hours: int | None = None  # hours since last seen, while the child is missing
    missing_unreported: bool = False  # missing and the police not yet informed: overdue at once


def _facts(rows, extensions: dict[int, list[Extension]]) -> dict[int, list[PlacementFacts]]:
    out: dict[int, list[PlacementFacts]] = defaultdict(list)
    for r in rows:
        out[r.child_id].append(placement_facts(r, extensions.get(r.id, ()), r.facility_type))
    return out


def row_status(conn, child_ids: list[int], day: date, now: datetime | None = None) -> dict[int, RowStatus]:
    """Status of each child in `child_ids` (children never placed and not missing are left out)."""
    now = now or datetime.now(UTC)
    out: dict[int, RowStatus] = {}
    for start in range(0, len(child_ids), CHUNK):
        chunk = child_ids[start:start + CHUNK]
        rows = list(conn.execute(select(*FACT_COLUMNS).select_from(Placement)
                                 .outerjoin(Facility, col(Facility.id) == col(Placement.facility_id))
                                 .where(col(Placement.child_id).in_(chunk))))
        current = {r._mapping["child_id"]: r._mapping for r in rows
                   if is_current(r._mapping["start_date"], r._mapping["end_date"], day)}
        extendable = [m["id"] for m in current.values() if m["legal_basis"] in PR.EXTENDABLE_BASES]
        facts = _facts(rows, extensions_of(conn, extendable))
        missing = {}
        stmt = select(col(MissingEpisode.id), col(MissingEpisode.child_id), col(MissingEpisode.last_seen_at)).where(
            col(MissingEpisode.child_id).in_(chunk), col(MissingEpisode.returned_at).is_(None),
            col(MissingEpisode.closed_at).is_(None))
        episodes = list(conn.execute(stmt))
        told = informed_rows(conn, [e.id for e in episodes])
        for e in episodes:
            missing[e.child_id] = missing_status(e.last_seen_at, now, informed_map(told.get(e.id)))
        for cid in set(current) | set(missing):
            m = current.get(cid)
            label = place_label(m["name"], m["setting"], m["carer_relationship"]) if m else None
            deadline = None
            if m:
                mine = next(f for f in facts[cid] if f.id == m["id"])
                deadline = worst(placement_deadlines(mine, facts[cid], day))
            ms = missing.get(cid)
            out[cid] = RowStatus(label, m["facility_id"] if m else None, deadline,
                                 ms.hours_elapsed if ms else None, bool(ms and ms.police_not_informed))
    return out


def informed_rows(conn, episode_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """Episode id -> {party: its row (informed_at, reference, person)} for the parties informed so far
    (`missing_informed`; `conn` is a Session or a Connection)."""
    ids = list(episode_ids)
    out: dict[int, dict[str, Any]] = defaultdict(dict)
    cols = (col(MissingInformed.episode_id), col(MissingInformed.party), col(MissingInformed.informed_at),
            col(MissingInformed.reference), col(MissingInformed.person))
    for start in range(0, len(ids), CHUNK):
        for r in conn.execute(select(*cols).where(col(MissingInformed.episode_id).in_(ids[start:start + CHUNK]))):
            out[r.episode_id][r.party] = r
    return dict(out)


def informed_map(told: Mapping[str, Any] | None) -> dict[str, datetime | None]:
    """Who has been informed of a missing episode, by party code (None: not yet), from its `informed_rows` entry."""
    told = told or {}
    return {party: told[party].informed_at if party in told else None for party in PR.INFORMED_PARTIES}


def informed_of(conn, episode_id: int) -> dict[str, datetime | None]:
    """`informed_map` of one episode."""
    return informed_map(informed_rows(conn, [episode_id]).get(episode_id))


def current_labels(conn, day: date) -> dict[int, str]:
    """Child id -> where the child lives today, for every child with a current placement."""
    stmt = (select(col(Placement.child_id), col(Placement.setting), col(Placement.carer_relationship), col(Facility.name))
            .select_from(Placement).outerjoin(Facility, col(Facility.id) == col(Placement.facility_id))
            .where(current_clause(day)))
    return {cid: place_label(name, setting, rel) for cid, setting, rel, name in conn.execute(stmt)}
