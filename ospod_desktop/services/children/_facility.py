"""The children placed in one facility today, for the facility's detail view.

Kept apart from `facilities` (the register, unscoped and unaudited): this is child data. The ids come from
the case list's own query (`child_list.list_children` with the facility filter, so `scope.visible` decides
who is listed) and the names, ages and clocks from `child_list.child_rows`; only the current placement's
start, legal basis and effective expiry are added here. Administrators without break glass are refused,
and each view is audited once, like the case list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlmodel import col

from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core.deadlines import effective_expiry
from ospod_desktop.core.errors import PermissionDenied
from ospod_desktop.services import placements, scope
from ospod_desktop.services.children import _list as child_list
from ospod_desktop.services.children._list import ListFilter
from ospod_desktop.services.context import UserSession
from ospod_desktop.services.placements import (
    CHUNK,
    FACT_COLUMNS,
    FacilityView,
    current_clause,
    extensions_of,
    placement_facts,
)
from ospod_desktop.storage.models import Facility
from ospod_desktop.storage.placement_tables import Placement


@dataclass(frozen=True)
class PlacedChild:
    """One child placed in the facility today (no notes, no birth number)."""

    id: int
    name: str  # family and given names, else the original-script name, else the description's first line
    original_script_name: str
    age: str  # the age label ("15", "about 16", "born 2009"…)
    age_sort: float
    nationalities: tuple[str, ...]
    placement_id: int
    since: date
    legal_basis: str  # core.placement_rules.LEGAL_BASES
    expiry: date | None  # after the recorded extensions; None: open-ended
    deadline_status: str | None  # the placement's most urgent clock: ok / due_soon / overdue
    deadline_kind: str | None
    deadline_due: date | None
    missing: int | None = None  # hours since last seen, while the child is missing
    missing_unreported: bool = False

    @property
    def legal_basis_label(self) -> str:
        return PR.label(PR.LEGAL_BASES, self.legal_basis)

    @property
    def expiry_is_the_deadline(self) -> bool:
        """The most urgent clock is the expiry itself (not a ZDVOP or diagnostic-stay limit)."""
        return self.deadline_kind in ("preliminary_measure", "zdvop_contract", "planned_end") \
            and self.deadline_due == self.expiry


@dataclass(frozen=True)
class FacilityDetail:
    """A facility with its occupancy and, for roles that read children, the children placed there."""

    facility: FacilityView
    children: tuple[PlacedChild, ...] | None  # None: this user sees no children (an administrator)

    @property
    def hidden(self) -> int:
        """Children placed here whom this user may not see (occupancy counts everyone)."""
        return max(self.facility.occupancy - len(self.children or ()), 0)


def _current_placements(us: UserSession, facility_id: int, child_ids: list[int], day: date) -> dict[int, dict]:
    """Child id -> the placement in `facility_id` current on `day`, with its effective expiry."""
    out: dict[int, dict] = {}
    with us.read() as session:
        conn = session.connection()
        for start in range(0, len(child_ids), CHUNK):
            stmt = select(*FACT_COLUMNS).select_from(Placement).join(
                Facility, col(Facility.id) == col(Placement.facility_id)).where(
                col(Placement.facility_id) == facility_id, current_clause(day),
                col(Placement.child_id).in_(child_ids[start:start + CHUNK]))
            rows = list(conn.execute(stmt))
            extensions = extensions_of(conn, [r.id for r in rows if r.legal_basis in PR.EXTENDABLE_BASES])
            for r in rows:
                m = dict(r._mapping)
                m["effective_expiry"] = effective_expiry(placement_facts(r, extensions.get(r.id, ()), r.facility_type))
                previous = out.get(m["child_id"])
                if previous is None or m["start_date"] > previous["start_date"]:
                    out[m["child_id"]] = m
    return out


def facility_children(us: UserSession, facility_id: int) -> list[PlacedChild]:
    """The children this user may see who are placed in the facility today, in name order (audited).

    Raises PermissionDenied for an administrator without break glass.
    """
    scope.check_reads_children(us)
    day = scope.today()
    ids = child_list.child_ids(us, ListFilter(facility_id=facility_id, case_status=None))
    rows = child_list.child_rows(us, ids, day)
    places = _current_placements(us, facility_id, [r.id for r in rows], day)
    out = []
    for r in rows:
        p = places.get(r.id)
        if p is None:  # the placement ended between the two reads
            continue
        out.append(PlacedChild(
            id=r.id, name=r.name, original_script_name=r.original_script_name, age=r.age, age_sort=r.age_sort,
            nationalities=r.nationalities, placement_id=p["id"], since=p["start_date"], legal_basis=p["legal_basis"],
            expiry=p["effective_expiry"], deadline_status=r.deadline_status, deadline_kind=r.deadline_kind,
            deadline_due=r.deadline_due, missing=r.missing, missing_unreported=r.missing_unreported))
    child_list.record_list_view(us, detail=f"facility:{facility_id}")
    return out


def facility_detail(us: UserSession, facility_id: int) -> FacilityDetail:
    """The facility's facts and occupancy for everyone; its children for the roles that read children."""
    facility = placements.get_facility(us, facility_id, scope.today())
    try:
        scope.check_reads_children(us)
    except PermissionDenied:
        return FacilityDetail(facility, None)
    return FacilityDetail(facility, tuple(facility_children(us, facility_id)))
