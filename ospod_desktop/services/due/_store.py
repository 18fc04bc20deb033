"""The materialised due items: `due_item` rows (every open clock of every child, without its status) and
`due_state` (when and with which policy they were computed, and from which day they are stale).

They are rewritten in the same transaction as the facts they follow: `services.context.Tx` collects the
children a transaction touched and runs `refresh_touched` before the commit (registered below). Reading
judges each item's status from the day (`status_at`). A child whose state is missing, stale (its
`refresh_on` reached) or computed with another policy version is computed on the fly until refreshed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlmodel import col

from ospod_desktop.core.deadlines import add_months, status_of
from ospod_desktop.core.due import CaseFacts, DueItem, due_items
from ospod_desktop.core.due_trafficking import latest_reflection, reflection_end
from ospod_desktop.core.policy import Policy
from ospod_desktop.core.stats.visits import visit_days
from ospod_desktop.services import scope
from ospod_desktop.services.context import Tx, before_commit
from ospod_desktop.services.due._facts import CHUNK, facts_of_many, utc
from ospod_desktop.services.due._policy import policy_in_use
from ospod_desktop.storage import bulk
from ospod_desktop.storage.due_tables import DueItem as DueItemRow
from ospod_desktop.storage.due_tables import DueState, VisitTimeliness
from ospod_desktop.storage.models import Child
from ospod_desktop.storage.stat_keys import write_child_stats

ITEMS = DueItemRow.__table__  # type: ignore[attr-defined]
STATES = DueState.__table__  # type: ignore[attr-defined]
VISIT_DAYS = VisitTimeliness.__table__  # type: ignore[attr-defined]
ITEM_COLUMNS = (col(DueItemRow.child_id), col(DueItemRow.kind), col(DueItemRow.due), col(DueItemRow.due_at),
                col(DueItemRow.source_table), col(DueItemRow.source_id), col(DueItemRow.msgid),
                col(DueItemRow.params), col(DueItemRow.notes), col(DueItemRow.basis), col(DueItemRow.basis_kind),
                col(DueItemRow.policy_version))


def encode_params(params: Sequence[tuple[str, Any]]) -> str:
    """[[name, value], ...]; a date is [name, "YYYY-MM-DD", "date"]."""
    return json.dumps([[k, v.isoformat(), "date"] if isinstance(v, date) else [k, v] for k, v in params],
                      ensure_ascii=False, separators=(",", ":"))


def decode_params(text: str) -> tuple[tuple[str, Any], ...]:
    return tuple((p[0], date.fromisoformat(p[1]) if len(p) > 2 else p[1]) for p in json.loads(text))


def status_at(due: date, due_at: datetime | None, params: Sequence[tuple[str, Any]], day: date,
              now: datetime | None, soon_days: int) -> str:
    """An item's status on `day`: day clocks by `core.deadlines.status_of`; hour clocks (a missing child) as
    `core.deadlines.missing_status` judges them at `now` (overdue at once when the policy gives no hours)."""
    if due_at is None:
        return status_of(due, day, soon_days)
    hours = dict(params).get("hours")
    return "overdue" if not hours or (now is not None and now > due_at) else "due_soon"


def item_row(child_id: int, item: DueItem) -> dict[str, Any]:
    due_at = item.due_at.astimezone(UTC) if item.due_at else None
    return {"child_id": child_id, "kind": item.kind, "due": item.due, "due_at": due_at,
            "source_table": item.source[0], "source_id": item.source[1], "msgid": item.msgid,
            "params": encode_params(item.params), "notes": json.dumps(list(item.notes)), "basis": item.basis,
            "basis_kind": item.basis_kind, "policy_version": item.policy_version}


@lru_cache(maxsize=65536)
def _params(text: str) -> tuple[tuple[str, Any], ...]:
    return decode_params(text)  # many items share their parameters (a day found, a number of months)


@lru_cache(maxsize=1024)
def _notes(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text))


def item_of(r, day: date, now: datetime | None, soon_days: int) -> DueItem:
    """A `due_item` row (selected with ITEM_COLUMNS) as a `core.due.DueItem` with its status on `day`."""
    params, due_at = _params(r.params), utc(r.due_at)
    return DueItem(r.kind, r.due, status_at(r.due, due_at, params, day, now, soon_days),
                   (r.source_table, r.source_id), r.msgid, r.basis, r.basis_kind, r.policy_version, params,
                   _notes(r.notes), due_at)


def refresh_on(facts: CaseFacts, day: date, policy: Policy) -> date | None:
    """The next day after `day` on which the child's items can change with no fact changing: a placement
    starting or ending, a visit dated later, the 18th birthday (the release planning item ends), the day after
    a reflection period ends (its item goes)."""
    days = [d for p in facts.placements for d in (p.start, p.end)] + [v.on for v in facts.visits]
    child = facts.child
    born = child.birth_date or (date(child.birth_year, 1, 1) if child.birth_year else None)
    if born:
        days.append(add_months(born, policy.adult_months))
    period = latest_reflection(facts.trafficking)
    if period is not None:  # the reflection period's item goes the day after it ends
        days.append(reflection_end(period, policy.trafficking_reflection_months) + timedelta(days=1))
    return min((d for d in days if d is not None and d > day), default=None)


def visit_day_rows(child_id: int, facts: CaseFacts, policy: Policy) -> list[dict[str, Any]]:
    """The child's `visit_timeliness` rows: each day it was seen at a visit, measured against the visit clock
    (`core.stats.visits.visit_days`; the statistics of visits on time read them)."""
    seen = [v.on for v in facts.visits if v.child_seen]
    if not seen:
        return []
    return [{"child_id": child_id, "day": d, "visits": n, "outcome": outcome, "prev_day": prev}
            for d, n, outcome, prev in visit_days(facts.placements, seen, policy)]


def write_items(conn, facts: dict[int, CaseFacts], child_ids: Iterable[int], day: date, policy: Policy,
                revision: int, now: datetime | None = None) -> int:
    """Rewrite the due items and states of `child_ids` from `facts` (ids without facts — merged away, deleted —
    are left with none); `revision` numbers the policy (`policy_revision`). Returns how many items were written."""
    ids = list(child_ids)
    version = revision
    rows: list[dict[str, Any]] = []
    states: list[dict[str, Any]] = []
    visit_days: list[dict[str, Any]] = []
    for cid in ids:
        f = facts.get(cid)
        if f is None:
            continue
        rows += [item_row(cid, i) for i in due_items(f, day, policy, now=now)]
        visit_days += visit_day_rows(cid, f, policy)
        states.append({"child_id": cid, "computed_on": day, "refresh_on": refresh_on(f, day, policy),
                       "policy_version": version})
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        conn.execute(delete(ITEMS).where(ITEMS.c.child_id.in_(chunk)))
        conn.execute(delete(STATES).where(STATES.c.child_id.in_(chunk)))
        conn.execute(delete(VISIT_DAYS).where(VISIT_DAYS.c.child_id.in_(chunk)))
    if rows:
        conn.execute(insert(ITEMS), rows)
    if visit_days:
        conn.execute(insert(VISIT_DAYS), visit_days)
    if states:
        conn.execute(insert(STATES), states)
    write_child_stats(conn, ids)
    return len(rows)


FreshRows = list[tuple[str, list[str], list[tuple]]]  # (table name, column names, driver values) per table
_FRESH_TABLES = {table.name: table for table in (ITEMS, VISIT_DAYS, STATES)}


def fresh_rows(dialect: Any, facts: dict[int, CaseFacts], day: date, policy: Policy, revision: int,
               office_key: bytes | None = None) -> FreshRows:
    """The due items, visit days and states of children that have none yet (inserted in bulk just before), as
    the driver's values (`storage.bulk.prepare`): made outside the write transaction that `insert_fresh` runs."""
    rows: list[dict[str, Any]] = []
    states: list[dict[str, Any]] = []
    visit_days: list[dict[str, Any]] = []
    for cid, f in facts.items():
        rows += [item_row(cid, i) for i in due_items(f, day, policy)]
        visit_days += visit_day_rows(cid, f, policy)
        states.append({"child_id": cid, "computed_on": day, "refresh_on": refresh_on(f, day, policy),
                       "policy_version": revision})
    return [(table.name, *bulk.prepare(dialect, table, values, office_key))
            for table, values in ((ITEMS, rows), (VISIT_DAYS, visit_days), (STATES, states)) if values]


def insert_fresh(conn, prepared: FreshRows, child_ids: Sequence[int], skip: set[int]) -> int:
    """Insert `fresh_rows` for `child_ids` (in the caller's write transaction), leaving out the children in `skip`
    (whose items were computed meanwhile), and their statistics keys (`child_stat`); returns how many items were
    written."""
    written = 0
    for name, names, values in prepared:
        table = _FRESH_TABLES[name]
        if skip:
            at = names.index("child_id")
            values = [v for v in values if v[at] not in skip]
        bulk.insert_prepared(conn, table, names, values)
        if table is ITEMS:
            written = len(values)
    write_child_stats(conn, [cid for cid in child_ids if cid not in skip])
    return written


def refresh(conn, child_ids: Iterable[int], day: date | None = None, policy: Policy | None = None) -> int:
    """Recompute the due items of `child_ids` from the database's facts; returns how many were written."""
    ids = list(dict.fromkeys(child_ids))
    if not ids:
        return 0
    day = day or scope.today()
    policy = policy or policy_in_use(conn)
    return write_items(conn, facts_of_many(conn, ids), ids, day, policy, policy.revision)


@before_commit("due_items")
def refresh_touched(tx: Tx) -> None:
    """Before the commit: rewrite the due items of every child the transaction touched."""
    ids = tx.touched()
    if ids:
        refresh(tx.session.connection(), sorted(ids))


def stale_ids(conn, day: date, version: int) -> list[int]:
    # `version`: the revision of the policy in use (`policy_revision`)
    """Children (not merged away) whose items must be computed again: no state, a state whose `refresh_on`
    has come, or one computed with another policy version. Only live children have a state (a merge or a
    deletion removes it), so the search for children without one runs only when the counts differ."""
    live = col(Child.merged_into_id).is_(None)
    ids: set[int] = set()
    children = conn.execute(select(func.count()).select_from(Child).where(live)).scalar_one()
    if conn.execute(select(func.count()).select_from(STATES)).scalar_one() != children:
        ids.update(conn.execute(select(col(Child.id)).where(live, ~select(STATES.c.child_id).where(
            STATES.c.child_id == col(Child.id)).exists())).scalars())
    ids.update(conn.execute(select(STATES.c.child_id).where(
        (STATES.c.refresh_on <= day) | (STATES.c.policy_version != version))).scalars())
    return sorted(ids)


def recompute(conn, child_ids: Sequence[int], day: date, policy: Policy,
              progress: Callable[[int, int], None] | None = None, batch: int = 2000) -> int:
    """Rewrite the items of many children in batches; `progress(done, total)` after each batch."""
    written, revision = 0, policy.revision
    for start in range(0, len(child_ids), batch):
        chunk = list(child_ids[start:start + batch])
        written += write_items(conn, facts_of_many(conn, chunk), chunk, day, policy, revision)
        if progress:
            progress(min(start + batch, len(child_ids)), len(child_ids))
    return written
