"""Hand-made exported statistics (`Published`) for the report tests: every table of the catalogue, counts that
differ from table to table, some "<5" and "x" cells, and open tables with a few ISO codes."""

from __future__ import annotations

from datetime import date

from ospod_desktop.core.stats.model import HIDDEN, Published
from ospod_desktop.core.stats.tables import STATELESS, TABLES, TOTAL, UNKNOWN

OPEN_KEYS = ("AF", "SY", "UA", STATELESS, UNKNOWN)


def sample(n: int = 5, start: date = date(2026, 1, 1), end: date = date(2026, 12, 31)) -> Published:
    tables: dict[str, dict[str, int | str]] = {}
    for i, (table_id, spec) in enumerate(TABLES.items()):
        keys = (*(spec.keys if spec.keys is not None else OPEN_KEYS), TOTAL)
        cells: dict[str, int | str] = {}
        for j, key in enumerate(keys):
            if key == TOTAL:
                cells[key] = 40 + i
            elif n and (i + j) % 5 == 1:
                cells[key] = f"<{n}"
            elif n and (i + j) % 7 == 2:
                cells[key] = HIDDEN
            else:
                cells[key] = (i * 3 + j * 7) % 23
        tables[table_id] = cells
    multiple = frozenset(t for t, s in TABLES.items() if s.multi and len(t) % 2 == 0)
    return Published(start, end, n, tables, multiple)
