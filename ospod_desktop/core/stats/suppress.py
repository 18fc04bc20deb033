"""Making statistics safe to share: small counts shown as "<N", further cells hidden as "x".

The attacker model. A reader of an export sees every table (the same period, the same N) and knows how its cells
relate (`core.stats.tables`: `TableSpec.relations`). For one table the reader knows:

- a number: the exact count;
- "<N": a count from 1 to N-1 (never 0: zeros are published as 0);
- "x": some count >= 0, nothing more (>= 1 in an open table, which lists only the codes of at least one child);
- each `Relation`: exact — the whole is the sum of its parts (every child in exactly one cell); not exact over
  children (a multi-valued table) — every part is at most the whole and the whole at most the sum of the parts;
  over events (`Relation.events`: `disappearances`, `visits_timeliness`, whose part — `episodes`, `visits` — counts
  events, not children) — the children are at most the events, and there are children exactly when there are
  events.

`publish` guarantees, per table, that every "<N" and "x" cell has at least two values consistent with all the
published cells and these relations: no hidden count can be recomputed by adding, subtracting or bounding. It
does this greedily: while some hidden cell is determined, it hides one more cell as "x" — the smallest visible
non-zero cell related to the determined one (same relation), then any visible non-zero cell, then a visible 0,
then a "<N" cell (a "<N" says "at least 1"; several of them can force a small total: with N=4, M, F and U each
"<4" and the total "<4" all must be 1, and only an "x", which may be 0, breaks that).

Totals are never hidden secondarily: the total of the same population (the children registered in the period,
the presumed victims...) is published by several tables, and by `trafficking` as the cell of its stage. Hiding
it in one table would be pointless — the reader takes it from another — and the tables would disagree; so those
cells count as known when a table is checked. The one exception: the total of `trafficking` (children at any
stage) appears in no other table, and it is hidden as "x" when nothing else can protect that table. Likewise the
cells `CZ`, `stateless` and `unknown` count the same children in `registered_by_citizenship` and
`registered_by_citizenship_group`: hidden in one table, they are hidden in both.

Open tables (ISO codes) are published ordered by code, never by count: an order by count would tell the reader
that a hidden cell lies between its neighbours' counts. N is 0 (exact counts for the office's own use) or at
least 3: "<1" hides nothing and "<2" can only mean 1.

Not protected (outside the model): a reader who knows some children (their own case) subtracting them; a cell
that holds every child of a total (total "<5", M "<5", F 0, U 0 tells that they are all boys); bounds between
tables beyond the shared totals and cells above (the `EU` group is at least each EU country's cell); differences
between two exports of overlapping periods.

`Published.multiple` (the tables that count a child more than once) is part of what the reader sees: "no child
counts twice in this table" would turn its relation exact. A suppressed export therefore lists every table in
which a child may count more than once (`TableSpec.multi`), whatever the data; exact counts list the tables
where it happened.
"""

from __future__ import annotations

from collections.abc import Iterable

from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.i18n import _
from ospod_desktop.core.stats.model import HIDDEN, Cell, Published, Statistics
from ospod_desktop.core.stats.tables import STAGES, STATELESS, TABLES, TOTAL, UNKNOWN, TableSpec

MAX_SUPPRESS = 1000
_INF = 10**12  # an "x" may be any count; this bound is never reached by a real count
_EXACT, _CHILDREN, _EVENTS = "exact", "children", "events"
# Cells of a table that are the total of other tables (known to the reader): never hidden secondarily.
_LINKED: dict[str, frozenset[str]] = {"trafficking": frozenset(STAGES)}
# Tables whose total appears in no other table: hidden as "x" when nothing else protects the table.
_OWN_TOTAL = frozenset({"trafficking"})
# Cells that count the same children in two tables: hidden in one, hidden in both.
_SAME: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("registered_by_citizenship", "registered_by_citizenship_group", ("CZ", STATELESS, UNKNOWN)),)

_Bounds = tuple[int, int]


def check_suppress(n: int, field: str = "suppress") -> int:
    """N for `publish`: 0 (exact counts) or 3..1000; anything else is a ValidationError naming `field`."""
    if isinstance(n, bool) or not isinstance(n, int) or not (n == 0 or 3 <= n <= MAX_SUPPRESS):
        raise ValidationError(field, _(
            "The suppression threshold N must be 0 (exact counts) or a whole number from 3 to {max}: with 1 or 2 a "
            "cell shown as \"<N\" would reveal its count.").format(max=MAX_SUPPRESS))
    return n


def open_key_order(keys: Iterable[str]) -> list[str]:
    """The published order of an open table: ISO codes alphabetically, then `stateless`, `unknown`, `total`."""
    tail = (STATELESS, UNKNOWN, TOTAL)
    ks = list(keys)
    return sorted(k for k in ks if k not in tail) + [k for k in tail if k in ks]


def publish(stats: Statistics, n: int) -> Published:
    """The tables of `stats` as they may leave the office with threshold `n` (see the module docstring)."""
    n = check_suppress(n)
    tables: dict[str, dict[str, Cell]] = {}
    for tid, counts in stats.tables.items():
        spec = TABLES.get(tid)
        if spec is None:
            raise ValueError(f"unknown statistics table {tid!r}")
        order = open_key_order(counts) if spec.keys is None else list(counts)
        cells = suppress_table(spec, counts, n) if n else dict(counts)
        tables[tid] = {k: cells[k] for k in order}
    for one, other, keys in _SAME:
        for k in keys:
            if k in tables.get(one, {}) and k in tables.get(other, {}) and HIDDEN in (tables[one][k], tables[other][k]):
                tables[one][k] = tables[other][k] = HIDDEN
    # Which tables count a child more than once: with exact counts, where it happened; suppressed, every table
    # where it may (by its spec) — "no child counts twice here" would make the total the sum of the cells.
    multiple = frozenset(stats.multiple) if n == 0 else frozenset(t for t in tables if TABLES[t].multi)
    return Published(stats.start, stats.end, n, tables, multiple)


def suppress_table(spec: TableSpec, counts: dict[str, int], n: int) -> dict[str, Cell]:
    """One table with threshold n >= 3: primary "<n", then secondary "x" until no hidden cell is determined."""
    less = f"<{n}"
    cells: dict[str, Cell] = {k: (less if 1 <= v < n else v) for k, v in counts.items()}
    rels = relations(spec, list(counts))
    least = 0 if spec.keys is not None else 1  # an open table lists only the codes of at least one child
    fixed = {TOTAL} | _LINKED.get(spec.id, frozenset())
    order = list(counts)
    while True:
        bounds = {k: _bounds(c, n, least) for k, c in cells.items()}
        stuck = [k for k in order if isinstance(cells[k], str) and _is_determined(rels, bounds, counts[k], k)]
        if not stuck:
            return cells
        pick = _choose(rels, cells, counts, order, fixed, stuck[0], less)
        if pick is None and spec.id in _OWN_TOTAL and cells[TOTAL] != HIDDEN:
            pick = TOTAL
        if pick is None:  # cannot happen for the tables in TABLES (the property tests say so); never loop forever
            raise AssertionError(f"table {spec.id} cannot be protected")
        cells[pick] = HIDDEN


def relations(spec: TableSpec, keys: list[str]) -> list[tuple[str, tuple[str, ...], str]]:
    """The relations of `spec` over `keys`: (whole, parts, kind), kind "exact", "children" or "events"."""
    wholes = {r.whole for r in spec.relations}
    out = []
    for r in spec.relations:
        parts = tuple(k for k in keys if k not in wholes) if r.parts is None else r.parts
        kind = _EXACT if r.exact else (_EVENTS if r.events else _CHILDREN)
        out.append((r.whole, parts, kind))
    return out


def _bounds(cell: Cell, n: int, least: int) -> _Bounds:
    if cell == HIDDEN:
        return (least, _INF)
    if isinstance(cell, str):
        return (1, n - 1)
    return (cell, cell)


def feasible(rels: list[tuple[str, tuple[str, ...], str]], bounds: dict[str, _Bounds]) -> bool:
    """Whether some counts within `bounds` satisfy every relation. The relations form a tree (each key is the
    whole of at most one relation and a part of at most one), so the set of values each cell can take given the
    cells below it is an interval, computed bottom-up; the counts exist when no interval is empty."""
    by_whole = {w: (parts, kind) for w, parts, kind in rels}
    done: dict[str, _Bounds | None] = {}

    def reach(key: str) -> _Bounds | None:
        if key in done:
            return done[key]
        lo, hi = bounds[key]
        if key in by_whole:
            parts, kind = by_whole[key]
            sub = [reach(p) for p in parts]
            if any(s is None for s in sub):
                done[key] = None
                return None
            los = [s[0] for s in sub if s is not None]
            his = [s[1] for s in sub if s is not None]
            if kind == _EXACT:
                lo, hi = max(lo, sum(los)), min(hi, sum(his))
            elif kind == _CHILDREN:  # max(parts) <= whole <= sum(parts)
                lo, hi = max(lo, max(los, default=0)), min(hi, sum(his))
            else:  # events: whole <= sum(parts), and whole >= 1 exactly when sum(parts) >= 1
                lo, hi = max(lo, 0 if sum(los) == 0 else 1), min(hi, sum(his))
        done[key] = (lo, hi) if lo <= hi else None
        return done[key]

    return all(reach(k) is not None for k in bounds)


def _is_determined(rels, bounds: dict[str, _Bounds], truth: int, key: str) -> bool:
    """A hidden cell whose true count is the only one consistent with the published cells. The values a cell
    can take form an interval (sums and bounds of intervals), so it is enough to try the true count +- 1."""
    lo, hi = bounds[key]
    for v in (truth - 1, truth + 1):
        if lo <= v <= hi and feasible(rels, {**bounds, key: (v, v)}):
            return False
    return True


def _choose(rels, cells: dict[str, Cell], counts: dict[str, int], order: list[str], fixed: set[str] | frozenset[str],
            stuck: str, less: str) -> str | None:
    """The next cell to hide for the determined cell `stuck` (see the module docstring for the preference)."""
    related: set[str] = set()
    for whole, parts, _kind in rels:
        if stuck == whole or stuck in parts:
            related |= {whole, *parts}
    related.discard(stuck)

    def first(pool: Iterable[str], ok) -> str | None:
        found = [k for k in pool if k not in fixed and ok(k)]
        return min(found, key=lambda k: (counts[k], order.index(k))) if found else None

    def nonzero(k: str) -> bool:
        return isinstance(cells[k], int) and counts[k] > 0

    def zero(k: str) -> bool:
        return cells[k] == 0

    def small(k: str) -> bool:
        return cells[k] == less

    related_keys = [k for k in order if k in related]
    for ok in (nonzero, zero, small):
        for pool in (related_keys, order):
            pick = first(pool, ok)
            if pick is not None:
                return pick
    return None
