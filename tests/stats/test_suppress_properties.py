"""Property tests of `publish` over random tables of every relation shape in TABLES, checked by a brute force
written here from the contract's attacker model (not from `core.stats.suppress`): every "<N" or "x" cell has at
least two values consistent with the published cells of its table and the table's relations."""

from __future__ import annotations

from collections import Counter
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from ospod_desktop.core.stats.model import HIDDEN, Statistics
from ospod_desktop.core.stats.suppress import publish
from ospod_desktop.core.stats.tables import AGE_GROUPS, CITIZENSHIP_GROUPS, SEX_KEYS, STAGES, TABLES, TOTAL
from tests.hypothesis_profiles import scaled

# The test's own reading of the relations. Tables whose `total` counts children of events counted in a whole:
EVENTS = {"disappearances": "episodes", "visits_timeliness": "visits"}
OPEN_CODES = ("AF", "CZ", "SY", "UA", "stateless", "unknown")
OWN_TOTAL = {"trafficking"}  # the only total in no other table: the only one that may be hidden as "x"
# drawn more often: two keys, stage cells that are other tables' totals, nested events, open codes
TRICKY = ("registered_by_status", "presumed_by_review", "trafficking", "disappearances", "visits_timeliness",
          "registered_by_citizenship", "registered_by_sex")


def _shape(tid: str) -> str:
    spec = TABLES[tid]
    if tid in EVENTS:
        return "events"
    (rel,) = spec.relations
    assert rel.whole == TOTAL
    return ("cover" if spec.multi else "sum") + ("_open" if spec.keys is None else "")


def test_every_table_has_a_shape_this_test_knows():
    shapes = Counter(_shape(t) for t in TABLES)
    assert set(shapes) == {"sum", "cover", "cover_open", "events"}
    for tid, whole in EVENTS.items():
        spec = TABLES[tid]
        assert spec.keys is not None and whole in spec.keys
        assert {(r.whole, r.exact) for r in spec.relations} == {(whole, True), (TOTAL, False)}


def _constraints(tid: str, keys: list[str]) -> list[tuple[str, str, tuple[str, ...]]]:
    parts = tuple(k for k in keys if k != TOTAL)
    if tid in EVENTS:
        whole = EVENTS[tid]
        return [("sum", whole, tuple(k for k in parts if k != whole)), ("events", TOTAL, (whole,))]
    return [("cover" if TABLES[tid].multi else "sum", TOTAL, parts)]


def _possible(cons, dom: dict[str, tuple[int, int]]) -> bool:
    """Necessary conditions on ranges; on single values exactly the relations."""
    for kind, whole, parts in cons:
        wlo, whi = dom[whole]
        plo, phi = sum(dom[p][0] for p in parts), sum(dom[p][1] for p in parts)
        if kind == "sum" and not (plo <= whi and phi >= wlo):
            return False
        if kind == "cover" and not (all(dom[p][0] <= whi for p in parts) and wlo <= phi):
            return False
        if kind == "events" and not (wlo <= phi and (whi > 0 or plo == 0) and (wlo > 0 or phi == 0 or whi > 0)):
            return False
    return True


def _by_distance(lo: int, hi: int, truth: int) -> list[int]:
    return sorted(range(lo, hi + 1), key=lambda v: (abs(v - truth), v))


def _completable(cons, dom, todo: list[str], truth: dict[str, int]) -> bool:
    if not _possible(cons, dom):
        return False
    if not todo:
        return True
    key, rest = todo[0], todo[1:]
    return any(_completable(cons, {**dom, key: (v, v)}, rest, truth) for v in _by_distance(*dom[key], truth[key]))


def _check_hidden_cells_have_two_values(tid: str, counts: dict[str, int], cells: dict, n: int) -> None:
    bound = max(counts.values()) + n
    least = 1 if TABLES[tid].keys is None else 0  # an open table lists only codes with a count
    dom = {}
    for k, c in cells.items():
        dom[k] = (least, bound) if c == HIDDEN else (1, n - 1) if isinstance(c, str) else (c, c)
    hidden = [k for k, c in cells.items() if isinstance(c, str)]
    cons = _constraints(tid, list(cells))
    assert _completable(cons, {k: (counts[k], counts[k]) for k in cells}, [], counts), "the truth is consistent"
    for key in hidden:
        others = [k for k in hidden if k != key]
        found = []
        for v in _by_distance(*dom[key], counts[key]):
            if _completable(cons, {**dom, key: (v, v)}, others, counts):
                found.append(v)
                if len(found) == 2:
                    break
        assert len(found) == 2, f"{tid}: {key} can only be {found} given {cells}"


def _counts_by_children(draw, tid: str) -> dict[str, int]:
    """Children, each in one cell (several in a multi-valued table; several events in a nested one)."""
    spec = TABLES[tid]
    children = draw(st.integers(0, 12))
    counts: Counter[str] = Counter()
    if tid in EVENTS:
        whole = EVENTS[tid]
        assert spec.keys is not None
        buckets = [k for k in spec.keys if k != whole]
        children = min(children, 8)
        for _ in range(children):
            for _ in range(draw(st.integers(1, 3))):
                counts[draw(st.sampled_from(buckets))] += 1
                counts[whole] += 1
    else:
        keys = list(spec.keys or OPEN_CODES)
        # a few favourite keys make big cells next to small ones
        favourite = draw(st.lists(st.sampled_from(keys), min_size=1, max_size=3))
        pick = st.sampled_from(keys) | st.sampled_from(favourite)
        for _ in range(children):
            counts.update(draw(st.sets(pick, min_size=1, max_size=2 if spec.multi else 1)))
    return {**counts, TOTAL: children}


def _counts_by_cells(draw, tid: str, n: int) -> dict[str, int]:
    """Cells drawn near the edges (0, 1, N-1, N): the cases where a hidden cell is pinned. Each child in one
    cell (a multi-valued table too: its relation then holds with equality); events: 1 to all of them children."""
    spec = TABLES[tid]
    keys = list(spec.keys or OPEN_CODES)
    cell = st.sampled_from([0, 0, 1, n - 1, n - 1, n]) | st.integers(0, n + 1)
    if tid in EVENTS:
        whole = EVENTS[tid]
        counts = {k: draw(cell) for k in keys if k != whole}
        counts = {k: min(v, 6) for k, v in counts.items()}
        counts[whole] = sum(counts.values())
        total = draw(st.integers(min(1, counts[whole]), counts[whole]))
        return {**counts, TOTAL: total}
    counts = {k: draw(cell) for k in keys}
    while sum(counts.values()) > 25:
        big = max(counts, key=lambda k: counts[k])
        counts[big] -= 1
    return {**counts, TOTAL: sum(counts.values())}


@st.composite
def _tables(draw, n: int = 5):
    tid = draw(st.sampled_from(sorted(TABLES)) | st.sampled_from(TRICKY))
    spec = TABLES[tid]
    counts = _counts_by_cells(draw, tid, n) if draw(st.booleans()) else _counts_by_children(draw, tid)
    if spec.keys is not None:
        return tid, {**{k: counts.get(k, 0) for k in spec.keys}, TOTAL: counts[TOTAL]}
    cells = sorted(((k, v) for k, v in counts.items() if v and k != TOTAL), key=lambda kv: (-kv[1], kv[0]))
    return tid, {**dict(cells), TOTAL: counts[TOTAL]}


_cases = st.integers(3, 10).flatmap(lambda n: st.tuples(_tables(n), st.just(n)))


@settings(max_examples=scaled(300))
@given(_cases)
def test_no_hidden_cell_can_be_recomputed(case):
    (tid, counts), n = case
    stats = Statistics(date(2026, 1, 1), date(2026, 3, 31), {tid: counts})
    cells = publish(stats, n).tables[tid]
    assert set(cells) == set(counts)
    if TABLES[tid].keys is None:
        codes = [k for k in cells if k not in ("stateless", "unknown", TOTAL)]
        assert list(cells) == sorted(codes) + [k for k in ("stateless", "unknown", TOTAL) if k in counts]
    else:
        assert list(cells) == list(counts)
    for k, c in cells.items():
        if isinstance(c, int):
            assert c == counts[k] and not 1 <= c <= n - 1
        else:
            assert c in (f"<{n}", HIDDEN)
            if c != HIDDEN:
                assert 1 <= counts[k] <= n - 1
    assert cells[TOTAL] != HIDDEN or tid in OWN_TOTAL
    if tid == "trafficking":  # its stage cells are published as the totals of the stage tables
        assert all(cells[s] != HIDDEN for s in STAGES)
    _check_hidden_cells_have_two_values(tid, counts, cells, n)


@settings(max_examples=scaled(100))
@given(_tables())
def test_exact_publishing_changes_no_count(table):
    tid, counts = table
    cells = publish(Statistics(date(2026, 1, 1), date(2026, 3, 31), {tid: counts}), 0).tables[tid]
    assert cells == counts


_child = st.fixed_dictionaries({
    "status": st.sampled_from(TABLES["registered_by_status"].keys or ()),
    "sex": st.sampled_from(SEX_KEYS),
    "age_group": st.sampled_from(AGE_GROUPS),
    "channel": st.sampled_from(TABLES["registered_by_channel"].keys or ()),
    "citizenship": st.sets(st.sampled_from(OPEN_CODES), min_size=1, max_size=2),
    "stages": st.sets(st.sampled_from(STAGES), max_size=2),
})


def _group(code: str) -> str:
    return {"CZ": "CZ", "stateless": "stateless", "unknown": "unknown"}.get(code, "non-EU")


def _population(children: list[dict]) -> dict[str, dict[str, int]]:
    def table(tid: str, values) -> dict[str, int]:
        c: Counter[str] = Counter()
        total = 0
        for v in values:
            c.update(v)
            total += 1
        keys = TABLES[tid].keys
        out = {k: c[k] for k in keys} if keys is not None else {k: v for k, v in sorted(c.items()) if v}
        return {**out, TOTAL: total}

    tables = {
        "registered_by_status": table("registered_by_status", ({c["status"]} for c in children)),
        "registered_by_sex": table("registered_by_sex", ({c["sex"]} for c in children)),
        "registered_by_age_group": table("registered_by_age_group", ({c["age_group"]} for c in children)),
        "registered_by_citizenship": table("registered_by_citizenship", (c["citizenship"] for c in children)),
        "registered_by_citizenship_group": table("registered_by_citizenship_group",
                                                 ({_group(x) for x in c["citizenship"]} for c in children)),
        "registered_by_channel": table("registered_by_channel", ({c["channel"]} for c in children)),
        "trafficking": table("trafficking", (c["stages"] for c in children if c["stages"])),
    }
    assert set(CITIZENSHIP_GROUPS) >= set(tables["registered_by_citizenship_group"]) - {TOTAL}
    for stage in STAGES:
        reached = [c for c in children if stage in c["stages"]]
        tables[f"{stage}_by_sex"] = table(f"{stage}_by_sex", ({c["sex"]} for c in reached))
        tables[f"{stage}_by_citizenship"] = table(f"{stage}_by_citizenship", (c["citizenship"] for c in reached))
    return tables


@settings(max_examples=scaled(100))
@given(st.lists(_child, max_size=25), st.integers(3, 10))
def test_a_population_has_one_total_in_every_table(children, n):
    p = publish(Statistics(date(2026, 1, 1), date(2026, 12, 31), _population(children)), n)
    registered = {p.tables[t][TOTAL] for t in p.tables if t.startswith("registered_")}
    assert len(registered) == 1 and HIDDEN not in registered
    for stage in STAGES:
        published = {p.tables[f"{stage}_by_sex"][TOTAL], p.tables[f"{stage}_by_citizenship"][TOTAL],
                     p.tables["trafficking"][stage]}
        assert len(published) == 1 and HIDDEN not in published, (stage, published)
    codes, groups = p.tables["registered_by_citizenship"], p.tables["registered_by_citizenship_group"]
    for key in ("CZ", "stateless", "unknown"):  # the same children in both tables: published alike
        assert codes.get(key, 0) == groups[key]


@settings(max_examples=scaled(100))
@given(st.integers(3, 10), st.data())
def test_trafficking_stage_cells_stay_and_the_table_is_still_protected(n, data):
    # stage cells near N-1 in a partition: two "<N" cells that must both be N-1 are common here
    counts = data.draw(st.composite(lambda draw: _counts_by_cells(draw, "trafficking", n))())
    cells = publish(Statistics(date(2026, 1, 1), date(2026, 3, 31), {"trafficking": counts}), n).tables["trafficking"]
    assert all(cells[s] != HIDDEN for s in STAGES)
    _check_hidden_cells_have_two_values("trafficking", counts, cells, n)
