"""A hand-made `Statistics` with every table of the catalogue (for the page's layout and screenshots)."""

from __future__ import annotations

from datetime import date

from ospod_desktop.core.stats.model import Statistics
from ospod_desktop.core.stats.tables import TABLES, TOTAL


def made_statistics(start: date = date(2026, 1, 1), end: date = date(2026, 12, 7)) -> Statistics:
    """Every table filled with small, varied counts: single tables add up, open tables name a few countries."""
    tables: dict[str, dict[str, int]] = {}
    for tid, spec in TABLES.items():
        if spec.keys is None:
            cells = {"UA": 14, "AF": 9, "SY": 4, "VN": 2, "stateless": 1, "unknown": 3}
            tables[tid] = {**cells, TOTAL: 30}
            continue
        keys = [k for k in spec.keys if k != TOTAL]
        cells = {k: (7 * i + 3) % 11 for i, k in enumerate(keys)}
        if tid == "disappearances":
            cells = {"episodes": 12, "returned_24h": 6, "returned_7d": 3, "returned_later": 1, "not_returned": 2}
            tables[tid] = {**cells, TOTAL: 9}
            continue
        if tid == "visits_timeliness":
            cells = {"visits": 40, "on_time": 31, "late": 7, "without_clock": 2}
            tables[tid] = {**cells, TOTAL: 18}
            continue
        total = sum(cells.values()) if not spec.multi else max(cells.values(), default=0) + 2
        tables[tid] = {**cells, TOTAL: total}
    multiple = frozenset({"registered_by_citizenship", "presumed_by_form", "disappearances"})
    return Statistics(start, end, tables, multiple)
