"""The due list's keys and counts, read from the index `ix_due_item_list` (due, kind, child_id, due_at) alone.

An item's row (its explanation and parameters) is read only for the rows on screen (`_list.due_rows`); the keys
carry what sorting, filtering, grouping by officer and counting need. Scope is a clause on `due_item.child_id`,
so the supervisor's list never touches the (large) child rows. Children whose items are stale (`_store.stale_ids`)
are computed on the fly; another day than today is computed on the fly for everyone in scope.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import and_, case, false, func, literal, or_, select
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core.collation import czech_sort_key
from ospod_desktop.core.due import DueItem, due_items
from ospod_desktop.core.policy import Policy
from ospod_desktop.core.roles import Role
from ospod_desktop.services import scope
from ospod_desktop.services.context import UserSession
from ospod_desktop.services.due import _store as S
from ospod_desktop.services.due._facts import CHUNK, facts_of_many, utc
from ospod_desktop.services.due._policy import policy_revision
from ospod_desktop.storage.due_tables import DueItem as DueItemRow
from ospod_desktop.storage.models import Child, User

# Facility staff see only the placement, missing and 18th-birthday clocks (the facility plans the release).
FACILITY_KINDS = frozenset({*PR.DEADLINE_KINDS, "preliminary_measure_total", "turns_18", "turns_18_planning"})
STATUSES = ("ok", "due_soon", "overdue")
ITEM_ID, DUE, KIND, CHILD, DUE_AT = (col(DueItemRow.id), col(DueItemRow.due), col(DueItemRow.kind),
                                     col(DueItemRow.child_id), col(DueItemRow.due_at))


class DueKey(NamedTuple):
    """One item of the list as the index knows it (`_list.due_rows` reads the rest)."""

    due: date
    kind: str
    child_id: int
    status: str  # on the list's day
    officer_id: int | None
    item_id: int | None  # the due_item row; None: computed on the fly, `item` holds it
    item: DueItem | None = None


class Scope(NamedTuple):
    """Whose items a list covers: a clause on due_item.child_id (None: the whole office), a clause on child for
    the children themselves, and the kinds the role may see (None: every kind)."""

    items: ColumnElement[bool] | None
    children: ColumnElement[bool]
    kinds: frozenset[str] | None
    officer_id: int | None  # an officer's own list: every child has this officer


def _in(children: Any) -> ColumnElement[bool]:
    """due_item.child_id IN (children), written `child_id + 0` so SQLite scans ix_due_item_list (due order,
    covering) and probes the set, instead of reading each child's item rows through ix_due_item_child_id."""
    return (CHILD + 0).in_(children)


def list_scope(us: UserSession, day: date, everyone: bool, kinds: Collection[str] | None,
               officer: int | None = None) -> Scope:
    """Supervisors (and an administrator who broke the glass) the office; officers their own children unless
    `everyone`; facility staff their facility's children and only FACILITY_KINDS. Anyone else is refused.
    `officer`: only the children of that responsible officer (within what the user may see)."""
    sc = _list_scope(us, day, everyone, kinds)
    if officer is None or sc.officer_id is not None:
        return sc
    theirs = and_(col(Child.responsible_officer_id) == officer, sc.children)
    return Scope(_in(select(col(Child.id)).where(theirs)), theirs, sc.kinds, officer)


def _list_scope(us: UserSession, day: date, everyone: bool, kinds: Collection[str] | None) -> Scope:
    scope.check_reads_children(us)
    live = col(Child.merged_into_id).is_(None)
    wanted = frozenset(kinds) if kinds is not None else None
    if us.actor.role is Role.OFFICER and not everyone:
        mine = and_(col(Child.responsible_officer_id) == us.actor.user_id, live)
        return Scope(_in(select(col(Child.id)).where(mine)), mine, wanted, us.actor.user_id)
    if scope.reads_all(us):
        return Scope(None, live, wanted, None)
    allowed = FACILITY_KINDS & wanted if wanted is not None else FACILITY_KINDS
    if us.actor.role is Role.FACILITY_STAFF and us.actor.facility_id is not None:
        placed = scope.facility_child_ids(us.actor.facility_id, day)
        return Scope(_in(placed), and_(col(Child.id).in_(placed), live), allowed, None)
    return Scope(false(), false(), allowed, None)


def _where(sc: Scope, *more: ColumnElement[bool]) -> list[ColumnElement[bool]]:
    out = [c for c in (sc.items, *more) if c is not None]
    if sc.kinds is not None:
        out.append(KIND.in_(sorted(sc.kinds)))
    return out


def status_clause(status: str, day: date, now: datetime, soon_days: int) -> ColumnElement[bool]:
    """The SQL form of `_store.status_at`: day clocks by their date, hour clocks by their time against `now`."""
    day_clock, hour = DUE_AT.is_(None), DUE_AT.is_not(None)
    soon = day + timedelta(days=soon_days)
    # An hour clock's `due` is its time's UTC date, within a day of the local day: the bounds on `due` are
    # implied, and let SQLite seek a range of the index instead of scanning it.
    if status == "overdue":
        near = and_(DUE >= day - timedelta(days=1), DUE <= day + timedelta(days=1),
                    or_(and_(day_clock, DUE < day), and_(hour, DUE_AT < now)))
        return or_(DUE < day - timedelta(days=1), near)
    if status == "due_soon":
        return and_(DUE >= day - timedelta(days=1),
                    or_(and_(day_clock, DUE >= day, DUE <= soon), and_(hour, DUE_AT >= now)))
    return and_(day_clock, DUE > soon)


def filters(day: date, now: datetime, soon_days: int, statuses: Collection[str] | None,
            within: int | None) -> list[ColumnElement[bool]]:
    """The list's status and within-days filters as SQL."""
    out: list[ColumnElement[bool]] = []
    if statuses is not None:
        out.append(or_(false(), *(status_clause(s, day, now, soon_days) for s in STATUSES if s in statuses)))
    if within is not None and within >= 1:  # every overdue item is due by tomorrow
        out.append(DUE <= day + timedelta(days=within))
    elif within is not None:
        out.append(or_(status_clause("overdue", day, now, soon_days), DUE <= day + timedelta(days=within)))
    return out


def keep(status: str, due: date, day: date, statuses: Collection[str] | None, within: int | None) -> bool:
    if statuses is not None and status not in statuses:
        return False
    return within is None or status == "overdue" or due <= day + timedelta(days=within)


def scope_ids(conn, sc: Scope) -> list[int]:
    return list(conn.execute(select(col(Child.id)).where(sc.children).order_by(col(Child.id))).scalars())


def officers_of(conn, sc: Scope, child_ids: Iterable[int] | None = None) -> dict[int, int | None]:
    """Child id -> responsible officer, from ix_child_officer (every child with one; or only `child_ids`)."""
    stmt = select(col(Child.id), col(Child.responsible_officer_id)).where(
        col(Child.responsible_officer_id).is_not(None))
    if child_ids is None:
        return dict(conn.execute(stmt).all())
    ids, out = list(child_ids), {}
    for start in range(0, len(ids), CHUNK):
        out.update(conn.execute(stmt.where(col(Child.id).in_(ids[start:start + CHUNK]))).all())
    return out


def on_the_fly(conn, ids: list[int], day: date, now: datetime | None, policy: Policy,
               kinds: frozenset[str] | None) -> list[tuple[int, DueItem]]:
    out = []
    for start in range(0, len(ids), 2000):
        for cid, facts in facts_of_many(conn, ids[start:start + 2000]).items():
            out += [(cid, i) for i in due_items(facts, day, policy, now=now) if kinds is None or i.kind in kinds]
    return out


def not_stale(conn, day: date) -> ColumnElement[bool]:
    """Items of children whose state is current (a child without a state has no stored items)."""
    states = S.STATES
    return CHILD.not_in(select(states.c.child_id).where(
        (states.c.refresh_on <= day) | (states.c.policy_version != policy_revision(conn))))


def _stale_in_scope(conn, sc: Scope, day: date, policy: Policy) -> list[int]:
    stale = S.stale_ids(conn, day, policy_revision(conn))
    if not stale or sc.items is None:
        return stale
    allowed = set(scope_ids(conn, sc))
    return [c for c in stale if c in allowed]


def _status(due: date, due_at: datetime | None, day: date, now: datetime, soon_days: int) -> str:
    """The status `status_clause` selects by (an hour clock overdue once its time has passed)."""
    if due_at is None:
        return "overdue" if due < day else "due_soon" if due <= day + timedelta(days=soon_days) else "ok"
    return "overdue" if due_at < now else "due_soon"


def officer_ranks(conn) -> dict[int, int]:
    """User id -> place in the officers' order: by display name (else user name), Czech collation."""
    users = conn.execute(select(col(User.id), col(User.display_name), col(User.username))).all()
    ordered = sorted(users, key=lambda u: (czech_sort_key(u[1] or u[2] or ""), u[0]))
    return {uid: n for n, (uid, _d, _u) in enumerate(ordered)}


def _by_officer(conn, sc: Scope, order: tuple[Any, ...]) -> tuple[Any, tuple[Any, ...], dict[int, int]]:
    """The items joined to their child's officer's rank (a materialised list read from ix_child_officer, no
    child rows; children without an officer last), and the order by that rank first."""
    ranks = officer_ranks(conn)
    officer = col(Child.responsible_officer_id)
    rank = case(ranks, value=officer, else_=len(ranks)) if ranks else literal(0)
    owners = select(col(Child.id).label("id"), rank.label("rank")).where(officer.is_not(None)).cte(
        "owners").prefix_with("MATERIALIZED")
    joined = DueItemRow.__table__.outerjoin(owners, owners.c.id == CHILD + 0)  # type: ignore[attr-defined]
    return joined, (func.coalesce(owners.c.rank, len(ranks) + 1), *order), ranks


def due_keys(conn, sc: Scope, day: date, now: datetime, policy: Policy, statuses: Collection[str] | None,
             within: int | None, offset: int = 0, limit: int | None = None,
             descending: bool = False, by_officer: bool = False) -> tuple[list[DueKey], int, list[int]]:
    """The list's keys sorted by due date, kind and child (`descending`: the latest first; `limit` of them from
    `offset`), how many there are in all, and the stale children computed on the fly. Stored items are filtered and paged by SQL over the
    index; computed ones (stale children, another day than today) are merged in Python. `by_officer`: ordered
    by the responsible officer's name first (children without an officer last), then as above."""
    soon_days = policy.due_soon_days
    today = day == scope.today()
    stale = _stale_in_scope(conn, sc, day, policy) if today else scope_ids(conn, sc)
    pairs = on_the_fly(conn, stale, day, now if today else None, policy, sc.kinds) if stale else []
    order: tuple[Any, ...] = (DUE.desc(), KIND.desc(), CHILD.desc()) if descending else (DUE, KIND, CHILD)
    by_officer = by_officer and sc.officer_id is None  # one officer's list is one group already
    source: Any = DueItemRow
    ranks: dict[int, int] = {}
    if by_officer:
        source, order, ranks = _by_officer(conn, sc, order)
    computed = sorted((DueKey(i.due, i.kind, c, i.status, None, None, i) for c, i in pairs
                       if keep(i.status, i.due, day, statuses, within)), key=lambda k: (k.due, k.kind, k.child_id),
                      reverse=descending)
    keys: list[DueKey] = []
    total = len(computed)
    if today:
        where = [*_where(sc), *filters(day, now, soon_days, statuses, within)]
        if stale:
            where.append(not_stale(conn, day))
        base = [*_where(sc), *([not_stale(conn, day)] if stale else [])]
        total += count_filtered(conn, base, day, now, soon_days, statuses, within)
        stmt = select(ITEM_ID, DUE, KIND, CHILD, DUE_AT).select_from(source).where(*where).order_by(*order)
        if limit is not None and not computed:
            stmt = stmt.offset(offset).limit(limit)
        elif limit is not None:
            stmt = stmt.limit(offset + limit)  # enough to merge with the computed ones
        if limit is None:  # the whole list: read the rows in the same pass (not again by id)
            full = select(ITEM_ID, *S.ITEM_COLUMNS).select_from(source).where(*where).order_by(*order)
            keys = [DueKey(r.due, r.kind, r.child_id, item.status, None, r.id, item)
                    for r in conn.execute(full) for item in (S.item_of(r, day, now, soon_days),)]
        else:
            keys = [DueKey(due, kind, cid, _status(due, utc(due_at), day, now, soon_days), None, item_id)
                    for item_id, due, kind, cid, due_at in conn.execute(stmt)]
        if limit is not None and not computed:
            offset = 0  # already applied
    if computed:
        keys = sorted([*keys, *computed], key=lambda k: (k.due, k.kind, k.child_id), reverse=descending)
        if by_officer:  # stable: within an officer's group the order above stays
            owner = officers_of(conn, sc, {k.child_id for k in keys})
            last = len(ranks) + 1
            keys.sort(key=lambda k: ranks.get(owner.get(k.child_id) or -1, last))
    if limit is not None:
        keys = keys[offset:offset + limit]
    elif offset:
        keys = keys[offset:]
    if sc.officer_id is not None:
        return [k._replace(officer_id=sc.officer_id) for k in keys], total, stale if today else []
    officers = officers_of(conn, sc) if len(keys) > 5000 else officers_of(conn, sc, {k.child_id for k in keys})
    return [k._replace(officer_id=officers.get(k.child_id)) for k in keys], total, stale if today else []


def count_filtered(conn, where: list[ColumnElement[bool]], day: date, now: datetime, soon_days: int,
                   statuses: Collection[str] | None, within: int | None) -> int:
    """How many stored items pass the filters, counted by plain index ranges where every item has one status:
    before yesterday all are overdue, after the band around the day all are ok (an hour clock is never that far
    ahead); the items of the band are judged one by one."""
    if statuses is None and within is None:
        return int(conn.execute(select(func.count()).select_from(DueItemRow).where(*where)).scalar_one())
    start = day - timedelta(days=1)
    end = day + timedelta(days=max(soon_days, within or 0, 15) + 1)
    total = 0
    if keep("overdue", start, day, statuses, within):
        total += conn.execute(select(func.count()).select_from(DueItemRow).where(*where, DUE < start)).scalar_one()
    if keep("ok", end + timedelta(days=1), day, statuses, within):
        total += conn.execute(select(func.count()).select_from(DueItemRow).where(*where, DUE > end)).scalar_one()
    band = conn.execute(select(DUE, DUE_AT).where(*where, DUE >= start, DUE <= end)).all()
    return total + sum(keep(_status(due, utc(at), day, now, soon_days), due, day, statuses, within) for due, at in band)


def due_counts_of(conn, sc: Scope, day: date, now: datetime, policy: Policy) -> Counter[str]:
    """Counts by status over the index; stale children's items as computed now instead of their stored ones."""
    soon_days = policy.due_soon_days
    stale = _stale_in_scope(conn, sc, day, policy)
    where = _where(sc)
    if stale:
        where.append(not_stale(conn, day))
    counts: Counter[str] = Counter()
    # Far in the past every item is overdue: a plain count of an index range. Near the day (a day either side
    # of it, an hour clock's UTC date may differ from the local day) each item is judged.
    counts["overdue"] = conn.execute(select(func.count()).select_from(DueItemRow).where(
        *where, DUE < day - timedelta(days=1))).scalar_one()
    near = conn.execute(select(DUE, DUE_AT).where(
        *where, DUE >= day - timedelta(days=1), DUE <= day + timedelta(days=soon_days))).all()
    counts.update(_status(due, utc(due_at), day, now, soon_days) for due, due_at in near)
    counts.pop("ok", None)
    if stale:
        counts.update(i.status for _c, i in on_the_fly(conn, stale, day, now, policy, sc.kinds))
    return counts


def officer_counts_of(conn, sc: Scope, day: date, now: datetime, policy: Policy) -> dict[int, Counter[str]]:
    """Overdue and due-soon counts per responsible officer (children without one are left out). Stored items
    are joined to a materialised list of the children's officers (read from ix_child_officer: no child rows),
    counted by SQL; stale children's items as computed now."""
    soon_days = policy.due_soon_days
    stale = _stale_in_scope(conn, sc, day, policy)
    where = [*_where(sc), *([not_stale(conn, day)] if stale else [])]
    officer = col(Child.responsible_officer_id)
    officers = select(col(Child.id).label("id"), officer.label("officer")).where(officer.is_not(None)).cte(
        "officers").prefix_with("MATERIALIZED")
    # `child_id + 0`: SQLite scans the items' index (in due order, the range wanted) and probes the officers
    # through an automatic index, instead of looking up every child's items.
    joined = DueItemRow.__table__.join(officers, officers.c.id == CHILD + 0)  # type: ignore[attr-defined]
    out: dict[int, Counter[str]] = {}
    far = select(officers.c.officer, func.count()).select_from(joined).where(
        *where, DUE < day - timedelta(days=1)).group_by(officers.c.officer)
    for oid, n in conn.execute(far):
        out.setdefault(oid, Counter())["overdue"] += n
    near = select(officers.c.officer, DUE, DUE_AT).select_from(joined).where(
        *where, DUE >= day - timedelta(days=1), DUE <= day + timedelta(days=soon_days))
    for oid, due, due_at in conn.execute(near):
        status = _status(due, utc(due_at), day, now, soon_days)
        if status != "ok":
            out.setdefault(oid, Counter())[status] += 1
    if stale:
        by_child = officers_of(conn, sc, stale)
        for cid, item in on_the_fly(conn, stale, day, now, policy, sc.kinds):
            oid = by_child.get(cid)
            if item.status != "ok" and oid is not None:
                out.setdefault(oid, Counter())[item.status] += 1
    return out
