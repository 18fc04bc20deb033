"""What the legal clocks (`core.deadlines`) know of a placement, built in one place.

A placement in a facility of the register is of the facility's type: the register is the truth, so the facts
take the type from there when the caller has it (`Placement.setting` holds a copy, written when the placement
is recorded and kept in step when the administrator corrects a facility's type). A placement with a named
person (foster care, relatives) has only its own setting.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select
from sqlmodel import col

from ospod_desktop.core.deadlines import Extension, PlacementFacts
from ospod_desktop.storage.placement_tables import PlacementExtension

CHUNK = 500  # ids per IN (...) query: well under SQLite's limit on bound parameters


def placement_facts(p, extensions: Iterable = (), facility_type: str | None = None) -> PlacementFacts:
    """The facts of placement `p` — a `Placement` row, or a result row with its columns (`setting`,
    `legal_basis`, `start_date`, `end_date`, `expiry_date`, `decision_date`, `id`, `facility_id`, and when
    selected the revision-0006 columns `enforceable_on`, `exception_reason`, `section_461`, `diagnostic_stay`,
    `diagnostics_completed_on`) — with its extensions (`PlacementExtension` rows or `core.deadlines.Extension`)
    and its facility's type."""
    setting = facility_type if p.facility_id is not None and facility_type else p.setting
    exts = tuple(Extension(e.decided_on, e.new_expiry, getattr(e, "consent_on", None))
                 for e in sorted(extensions, key=lambda e: e.decided_on))
    return PlacementFacts(
        setting, p.legal_basis, p.start_date, p.end_date, p.expiry_date, p.decision_date, exts, p.id,
        enforceable_on=getattr(p, "enforceable_on", None),
        exception_reason=getattr(p, "exception_reason", None) or "",
        section_461=bool(getattr(p, "section_461", False)),
        diagnostic_stay=getattr(p, "diagnostic_stay", None),
        diagnostics_completed_on=getattr(p, "diagnostics_completed_on", None),
    )


def extensions_of(conn, placement_ids: Iterable[int]) -> dict[int, list[Extension]]:
    """The recorded extensions of many placements (placement id -> extensions in the order they were decided)."""
    ids = list(placement_ids)
    out: dict[int, list[Extension]] = defaultdict(list)
    for start in range(0, len(ids), CHUNK):
        stmt = (select(col(PlacementExtension.placement_id), col(PlacementExtension.decided_on),
                       col(PlacementExtension.new_expiry), col(PlacementExtension.consent_on))
                .where(col(PlacementExtension.placement_id).in_(ids[start:start + CHUNK]))
                .order_by(col(PlacementExtension.decided_on), col(PlacementExtension.id)))
        for pid, decided, expiry, consent in conn.execute(stmt):
            out[pid].append(Extension(decided, expiry, consent))
    return out
