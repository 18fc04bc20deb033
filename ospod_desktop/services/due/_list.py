"""The due list, its counts for the navigation badge, and one child's items — what the page, the CLI and the
badge read.

Today's list reads the materialised `due_item` rows joined to the child (status judged from the day); a child
whose items are stale is computed on the fly (and refreshed in the audit's transaction when there are few).
Another day (the CLI's --as-of) is computed on the fly from the facts, since materialised items are as of today.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import and_, false, func, or_, select
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core.child_names import display_name
from ospod_desktop.core.due import DueItem, due_items
from ospod_desktop.core.due_model import sort_key
from ospod_desktop.core.policy import Policy
from ospod_desktop.core.roles import Action, Entity, Role
from ospod_desktop.services import scope
from ospod_desktop.services.context import UserSession
from ospod_desktop.services.due import _store as S
from ospod_desktop.services.due._facts import CHUNK, facts_of, facts_of_many, utc
from ospod_desktop.services.due._policy import policy_in_use, policy_version
from ospod_desktop.storage.due_tables import DueItem as DueItemRow
from ospod_desktop.storage.models import Child, User

# Facility staff see only the placement, missing and 18th-birthday clocks (the facility plans the release).
FACILITY_KINDS = frozenset({*PR.DEADLINE_KINDS, "preliminary_measure_total", "turns_18", "turns_18_planning"})
INLINE_REFRESH = 200  # stale children refreshed in the list's own transaction; more wait for refresh_stale
STATUSES = ("ok", "due_soon", "overdue")


@dataclass(frozen=True)
class DueRow:
    """One item of the due list with the child it belongs to."""

    child_id: int
    reference: str | None  # None: withheld from the user's role (facility staff)
    name: str  # the display name, for the screen only (never logged or exported)
    officer_id: int | None
    officer: str | None  # the responsible officer's user name
    item: DueItem  # with its status on the requested day


_CHILD_COLUMNS: tuple[Any, ...] = (col(Child.id).label("cid"), col(Child.reference), col(Child.given_names), col(Child.family_names),
                  col(Child.original_script_name), col(Child.description), col(Child.responsible_officer_id),
                  col(User.username))


def _scope(us: UserSession, day: date, everyone: bool) -> ColumnElement[bool]:
    """The children of the list: supervisors (and an administrator who broke the glass) the office, officers their
    own unless `everyone`, facility staff their facility's (scope.visible refuses anyone else)."""
    where = [scope.visible(us, day), col(Child.merged_into_id).is_(None)]
    if us.actor.role is Role.OFFICER and not everyone:
        where.append(col(Child.responsible_officer_id) == us.actor.user_id)
    return and_(*where)


def _kinds(us: UserSession, kinds: Collection[str] | None) -> frozenset[str] | None:
    if us.actor.role is Role.FACILITY_STAFF:
        return FACILITY_KINDS & frozenset(kinds) if kinds is not None else FACILITY_KINDS
    return frozenset(kinds) if kinds is not None else None


def _ranges(day: date, soon: int, statuses: Collection[str] | None, within: int | None) -> ColumnElement[bool] | None:
    """A WHERE clause on due_item that holds at least every item passing the filters (exact checks follow)."""
    due, hour = col(DueItemRow.due), col(DueItemRow.due_at).is_not(None)
    parts = []
    if statuses is not None:
        parts.append(or_(hour if {"overdue", "due_soon"} & set(statuses) else false(),
                         *([due < day] if "overdue" in statuses else []),
                         *([and_(due >= day, due <= day + timedelta(days=soon))] if "due_soon" in statuses else []),
                         *([due > day + timedelta(days=soon)] if "ok" in statuses else [])))
    if within is not None:
        parts.append(or_(hour, due <= day + timedelta(days=within)))
    return and_(*parts) if parts else None


def _keep(item: DueItem, day: date, statuses: Collection[str] | None, within: int | None) -> bool:
    if statuses is not None and item.status not in statuses:
        return False
    return within is None or item.status == "overdue" or item.due <= day + timedelta(days=within)


@lru_cache(maxsize=65536)
def _params(text: str) -> tuple[tuple[str, Any], ...]:
    return S.decode_params(text)


@lru_cache(maxsize=1024)
def _notes(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text))


def _item(r, day: date, now: datetime, soon: int) -> DueItem:
    params, due_at = _params(r.params), utc(r.due_at)
    if due_at is None:
        status = "overdue" if day > r.due else "due_soon" if (r.due - day).days <= soon else "ok"
    else:
        status = S.status_at(r.due, due_at, params, day, now, soon)
    return DueItem(r.kind, r.due, status, (r.source_table, r.source_id), r.msgid, r.basis, r.basis_kind,
                   r.policy_version, params, _notes(r.notes), due_at)


def _reference(us: UserSession, ref: str) -> str | None:
    return None if "reference" in scope.withheld_fields(us) else ref


class _People:
    """The child columns of the rows, read once per child."""

    def __init__(self, us: UserSession, conn, where: ColumnElement[bool]) -> None:
        self.us, self.conn, self.where = us, conn, where
        self.rows: dict[int, Any] = {}

    def load(self, ids: Iterable[int]) -> None:
        ids = [i for i in dict.fromkeys(ids) if i not in self.rows]
        for start in range(0, len(ids), CHUNK):
            stmt = (select(*_CHILD_COLUMNS).select_from(Child)
                    .outerjoin(User, col(User.id) == col(Child.responsible_officer_id))
                    .where(self.where, col(Child.id).in_(ids[start:start + CHUNK])))
            self.rows.update((r.cid, r) for r in self.conn.execute(stmt))

    def row(self, cid: int, item: DueItem) -> DueRow:
        c = self.rows[cid]
        return DueRow(cid, _reference(self.us, c.reference), display_name(c._mapping), c.responsible_officer_id,
                      c.username, item)


def _on_the_fly(conn, ids: list[int], day: date, now: datetime | None, policy: Policy,
                kinds: frozenset[str] | None) -> list[tuple[int, DueItem]]:
    out = []
    for start in range(0, len(ids), 2000):
        for cid, facts in facts_of_many(conn, ids[start:start + 2000]).items():
            out += [(cid, i) for i in due_items(facts, day, policy, now=now) if kinds is None or i.kind in kinds]
    return out


def _scoped_ids(conn, where: ColumnElement[bool]) -> list[int]:
    return list(conn.execute(select(col(Child.id)).where(where)).scalars())


def _collect(us: UserSession, conn, day: date, now: datetime, policy: Policy, where: ColumnElement[bool],
             kinds: frozenset[str] | None, statuses: Collection[str] | None, within: int | None,
             ) -> tuple[list[tuple[int, DueItem]], list[int]]:
    """(child id, item) pairs passing the filters, and the stale children computed on the fly."""
    soon, today = policy.due_soon_days, scope.today()
    if day != today:
        pairs = _on_the_fly(conn, _scoped_ids(conn, where), day, None, policy, kinds)
        return [(c, i) for c, i in pairs if _keep(i, day, statuses, within)], []
    stale = S.stale_ids(conn, day, policy_version(policy), where)
    stale_set = set(stale)
    clauses = [where]
    if kinds is not None:
        clauses.append(col(DueItemRow.kind).in_(sorted(kinds)))
    if (ranged := _ranges(day, soon, statuses, within)) is not None:
        clauses.append(ranged)
    stmt = select(*S.ITEM_COLUMNS).select_from(DueItemRow).join(Child, col(Child.id) == col(DueItemRow.child_id))
    pairs = []
    for r in conn.execute(stmt.where(*clauses)):
        if r.child_id not in stale_set:
            item = _item(r, day, now, soon)
            if statuses is None or item.status in statuses:
                if within is None or item.status == "overdue" or item.due <= day + timedelta(days=within):
                    pairs.append((r.child_id, item))
    fresh = _on_the_fly(conn, stale, day, now, policy, kinds)
    pairs += [(c, i) for c, i in fresh if _keep(i, day, statuses, within)]
    return pairs, stale


def _audit(us: UserSession, detail: str, stale: list[int]) -> None:
    with us.tx() as tx:
        if 0 < len(stale) <= INLINE_REFRESH:
            tx.touch(*stale)  # rewritten before this commit
        tx.audit(Action.READ, Entity.CHILD, detail=scope.read_detail(us, detail))


def due_list(us: UserSession, day: date | None = None, *, everyone: bool = False,
             kinds: Collection[str] | None = None, statuses: Collection[str] | None = None,
             within_days: int | None = None) -> list[DueRow]:
    """Every open item of the children the user's list covers, on `day` (default today), soonest first (then by
    kind). `within_days` keeps the overdue ones and those due within that many days. Audited (ids only)."""
    day = day or scope.today()
    now = datetime.now(UTC)
    with us.read() as session:
        conn = session.connection()
        where = _scope(us, day, everyone)
        policy = policy_in_use(conn)
        pairs, stale = _collect(us, conn, day, now, policy, where, _kinds(us, kinds), statuses, within_days)
        people = _People(us, conn, where)
        people.load(c for c, _i in pairs)
        pairs.sort(key=lambda p: (*sort_key(p[1]), p[0]))
        rows = [people.row(c, i) for c, i in pairs if c in people.rows]
    _audit(us, f"due_list:{len(rows)}", stale)
    return rows


def due_counts(us: UserSession, day: date | None = None, *, everyone: bool = False) -> dict[str, int]:
    """How many items are overdue and due soon (the navigation badge): {"overdue": n, "due_soon": m}. Not audited:
    counts carry no child's data."""
    day = day or scope.today()
    now = datetime.now(UTC)
    with us.read() as session:
        conn = session.connection()
        where = _scope(us, day, everyone)
        policy = policy_in_use(conn)
        kinds = _kinds(us, None)
        if day != scope.today():
            pairs, _stale = _collect(us, conn, day, now, policy, where, kinds, ("overdue", "due_soon"), None)
            judged = Counter(i.status for _c, i in pairs)
            return {"overdue": judged["overdue"], "due_soon": judged["due_soon"]}
        soon = policy.due_soon_days
        stale = S.stale_ids(conn, day, policy_version(policy), where)
        base = select(col(DueItemRow.child_id)).select_from(DueItemRow).join(
            Child, col(Child.id) == col(DueItemRow.child_id)).where(where)
        if kinds is not None:
            base = base.where(col(DueItemRow.kind).in_(sorted(kinds)))
        day_clock = col(DueItemRow.due_at).is_(None)
        counts: Counter[str] = Counter()
        for status, cond in (("overdue", col(DueItemRow.due) < day),
                             ("due_soon", and_(col(DueItemRow.due) >= day,
                                               col(DueItemRow.due) <= day + timedelta(days=soon)))):
            counts[status] = conn.execute(select(func.count()).select_from(
                base.where(day_clock, cond).subquery())).scalar_one()
        hour = select(*S.ITEM_COLUMNS).select_from(DueItemRow).join(
            Child, col(Child.id) == col(DueItemRow.child_id)).where(where, col(DueItemRow.due_at).is_not(None))
        if kinds is not None:
            hour = hour.where(col(DueItemRow.kind).in_(sorted(kinds)))
        stale_set = set(stale)
        counts.update(_item(r, day, now, soon).status for r in conn.execute(hour) if r.child_id not in stale_set)
        if stale:  # their materialised rows (if any) out, their items as computed now in
            for start in range(0, len(stale), CHUNK):
                old = select(*S.ITEM_COLUMNS).where(col(DueItemRow.child_id).in_(stale[start:start + CHUNK]),
                                                    col(DueItemRow.due_at).is_(None))
                if kinds is not None:
                    old = old.where(col(DueItemRow.kind).in_(sorted(kinds)))
                counts.subtract(_item(r, day, now, soon).status for r in conn.execute(old))
            counts.update(i.status for _c, i in _on_the_fly(conn, stale, day, now, policy, kinds))
    return {"overdue": counts["overdue"], "due_soon": counts["due_soon"]}


def child_due(us: UserSession, child_id: int, day: date | None = None) -> list[DueItem]:
    """One child's open items on `day` (default today), soonest first; computed from the facts. Audited; a child
    out of scope is "not found" (audited too)."""
    today = scope.today()
    day = day or today
    with us.tx() as tx:
        scope.load_child(tx, us, child_id)
        conn = tx.session.connection()
        facts = facts_of(conn, child_id)
        kinds = _kinds(us, None)
        policy = policy_in_use(conn)
        items = [] if facts is None else [
            i for i in due_items(facts, day, policy, now=datetime.now(UTC) if day == today else None)
            if kinds is None or i.kind in kinds]
        tx.audit(Action.READ, Entity.CHILD, child_id, detail=scope.read_detail(us, "due"))
    return items
