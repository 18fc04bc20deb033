"""The full facts of a placement for its clocks: `placement_facts` with what revision 0006 added to a placement
(enforceability, the s. 460 reason, s. 461, the diagnostic stay) and to an extension (the consent date).

Filled in here from the row, so the placement's own screens and checks are right whatever `placement_facts`
already fills in (the row's values win; for a row they are the same)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ospod_desktop.core.deadlines import Extension, PlacementFacts
from ospod_desktop.services.placements._facts import placement_facts


def full_facts(row, extensions: Iterable = (), facility_type: str | None = None) -> PlacementFacts:
    """The facts of a `Placement` row with its `PlacementExtension` rows (or `Extension`s) and its facility's type."""
    exts = sorted(extensions, key=lambda e: e.decided_on)
    facts = placement_facts(row, exts, facility_type)
    return replace(
        facts, extensions=tuple(Extension(e.decided_on, e.new_expiry, getattr(e, "consent_on", None)) for e in exts),
        enforceable_on=row.enforceable_on, exception_reason=row.exception_reason or "",
        section_461=bool(row.section_461), diagnostic_stay=row.diagnostic_stay,
        diagnostics_completed_on=row.diagnostics_completed_on)
