"""What the statistics service computes (`Statistics`, exact counts) and what leaves the office (`Published`:
small counts suppressed, see `core.stats.suppress`). Only codes and counts: no name, identifier, date of birth
or free text can be in either."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

FORMATS = ("json", "csv", "xlsx", "pdf")
DEFAULT_SUPPRESS = 5  # cells of 1 to N-1 are shown as "<N"
HIDDEN = "x"  # a cell hidden so that a suppressed one cannot be recomputed (secondary suppression)

Cell = int | str  # a count, "<N" or "x"


@dataclass(frozen=True)
class Statistics:
    """Exact counts for the period `start`..`end` (both days included). `tables`: table id -> {key: count, ...,
    "total": count}, in `core.stats.tables.TABLES` order, keys in the order of the spec (open tables: largest
    count first, then code; `stateless`, `unknown` last), `total` last. `multiple`: the ids of the tables in
    which at least one child counts in more than one cell."""

    start: date
    end: date
    tables: dict[str, dict[str, int]]
    multiple: frozenset[str] = frozenset()
    computed_at: datetime | None = None


@dataclass(frozen=True)
class Published:
    """The tables as exported: `suppressed_below` N (0: exact counts) — cells of 1 to N-1 are "<N", cells hidden
    so a suppressed one cannot be recomputed are "x". Open tables list their keys by code (an order by count
    would reveal the size of a hidden cell). `multiple`: with exact counts the tables where a child counts in
    more than one cell; suppressed, every table where one may (`TableSpec.multi`), whatever the data."""

    start: date
    end: date
    suppressed_below: int
    tables: dict[str, dict[str, Cell]]
    multiple: frozenset[str] = field(default_factory=frozenset)
    anchor: str = ""  # the audit chain's anchor "ID:MAC" at export (`storage.anchor`); "": not given

    def as_json(self) -> dict[str, Any]:
        """The `export stats --format json` document (a contract: keys and shape are kept)."""
        return {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "suppressed_below": self.suppressed_below,
            "tables": {tid: dict(cells) for tid, cells in self.tables.items()},
            "multiple": sorted(self.multiple),
        } | ({"anchor": self.anchor} if self.anchor else {})  # an added key; the contract's keys are kept
