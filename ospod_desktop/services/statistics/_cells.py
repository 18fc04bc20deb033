"""Counting cells: a `Tally` collects counts per table and key, then lays every table out as its spec says
(every key of a closed table, zeros too; an open table's keys with a count, largest first then by code,
`stateless` and `unknown` last; `total` last) and finds the tables where a child counts more than once."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from ospod_desktop.core.stats.tables import STATELESS, TABLES, TOTAL, UNKNOWN, TableSpec


class Tally:
    """Counts per table: `add` counts `n` children in each of `keys` (and `n` in the total)."""

    def __init__(self) -> None:
        self._cells: dict[str, Counter[str]] = defaultdict(Counter)

    def add(self, table_id: str, keys: Iterable[str], n: int = 1) -> None:
        """`n` children, each counting in every one of `keys` and once in the total."""
        cells = self._cells[table_id]
        for key in set(keys):
            cells[key] += n
        cells[TOTAL] += n

    def put(self, table_id: str, key: str, n: int) -> None:
        """Set one cell (event counts, and totals counted separately as distinct children)."""
        self._cells[table_id][key] = n

    def tables(self) -> dict[str, dict[str, int]]:
        """Every table of `TABLES`, in its order, laid out by its spec."""
        return {tid: layout(spec, self._cells.get(tid, Counter())) for tid, spec in TABLES.items()}


_LAST = {STATELESS: 1, UNKNOWN: 2}


def layout(spec: TableSpec, cells: Counter[str]) -> dict[str, int]:
    """The table `spec` from its counted `cells` (see the module docstring)."""
    if spec.keys is None:
        keys = sorted((k for k, n in cells.items() if k != TOTAL and n > 0),
                      key=lambda k: (_LAST.get(k, 0), -cells[k] if k not in _LAST else 0, k))
    else:
        unexpected = set(cells) - set(spec.keys) - {TOTAL}
        if unexpected:  # a code the catalogue does not know: a programming error, never silently dropped
            raise ValueError(f"{spec.id}: keys {sorted(unexpected)} are not in the table's spec")
        keys = list(spec.keys)
    out = {k: int(cells.get(k, 0)) for k in keys}
    out[TOTAL] = int(cells.get(TOTAL, 0))
    return out


def total_parts(spec: TableSpec, table: dict[str, int]) -> tuple[str, ...]:
    """The keys whose sum the total is compared with (the parts of the relation whose whole is `total`)."""
    rel = next(r for r in spec.relations if r.whole == TOTAL)
    if rel.parts is not None:
        return rel.parts
    wholes = {r.whole for r in spec.relations}
    return tuple(k for k in table if k not in wholes)


def multiple(tables: dict[str, dict[str, int]]) -> frozenset[str]:
    """The tables where some child counts in more than one cell: the parts of the total add up to more."""
    return frozenset(tid for tid, table in tables.items()
                     if sum(table[k] for k in total_parts(TABLES[tid], table)) > table[TOTAL])
