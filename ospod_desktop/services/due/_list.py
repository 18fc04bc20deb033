"""The due list, its counts for the navigation badge, and one child's items — what the page, the CLI and the
badge read.

`due_page` gives a part of the list fast (its keys filtered, sorted and paged by SQL over an index, see
`_index`; then the rows of that part), `due_list` the whole list (the CLI). Viewing the list is audited once (ids only); a few stale
children are refreshed in that audit's transaction, more wait for `refresh_stale`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import col

from ospod_desktop.core.child_names import display_name
from ospod_desktop.core.due import DueItem, due_items
from ospod_desktop.core.roles import Action, Entity
from ospod_desktop.services import scope
from ospod_desktop.services.context import UserSession
from ospod_desktop.services.due import _store as S
from ospod_desktop.services.due._facts import CHUNK, facts_of
from ospod_desktop.services.due._index import DueKey, due_counts_of, due_keys, list_scope, officer_counts_of
from ospod_desktop.services.due._policy import policy_in_use
from ospod_desktop.storage.due_tables import DueItem as DueItemRow
from ospod_desktop.storage.models import Child, User

INLINE_REFRESH = 200  # stale children refreshed in the list's own transaction; more wait for refresh_stale


@dataclass(frozen=True)
class DueRow:
    """One item of the due list with the child it belongs to."""

    child_id: int
    reference: str | None  # None: withheld from the user's role (facility staff)
    name: str  # the display name, for the screen only (never logged or exported)
    officer_id: int | None
    officer: str | None  # the responsible officer's user name
    item: DueItem  # with its status on the requested day


_CHILD_COLUMNS: tuple[Any, ...] = (col(Child.id), col(Child.reference), col(Child.given_names),
                                   col(Child.family_names), col(Child.original_script_name), col(Child.description))


def _audit(us: UserSession, detail: str, stale: list[int]) -> None:
    with us.tx() as tx:
        if 0 < len(stale) <= INLINE_REFRESH:
            tx.touch(*stale)  # rewritten before this commit
        tx.audit(Action.READ, Entity.CHILD, detail=scope.read_detail(us, detail))


def due_rows(us: UserSession, keys: Sequence[DueKey], day: date | None = None) -> list[DueRow]:
    """The rows of `keys` (from `_index.due_keys`), in their order; keys of items or children gone since are
    skipped."""
    day = day or scope.today()
    now = datetime.now(UTC)
    withheld = "reference" in scope.withheld_fields(us)
    with us.read() as session:
        conn = session.connection()
        soon = policy_in_use(conn).due_soon_days
        ids = [k.item_id for k in keys if k.item_id is not None and k.item is None]
        stored: dict[int, Any] = {}
        for start in range(0, len(ids), CHUNK):
            stmt = select(col(DueItemRow.id), *S.ITEM_COLUMNS).where(col(DueItemRow.id).in_(ids[start:start + CHUNK]))
            stored.update((r.id, r) for r in conn.execute(stmt))
        cids = list({k.child_id for k in keys})
        people: dict[int, Any] = {}
        if len(cids) > 20 * CHUNK:  # most of the office: one pass over the children beats many IN lists
            wanted = set(cids)
            people.update((r.id, r) for r in conn.execute(select(*_CHILD_COLUMNS)) if r.id in wanted)
        else:
            for start in range(0, len(cids), CHUNK):
                stmt = select(*_CHILD_COLUMNS).where(col(Child.id).in_(cids[start:start + CHUNK]))
                people.update((r.id, r) for r in conn.execute(stmt))
        users = dict(conn.execute(select(col(User.id), col(User.username))).all())
    out = []
    for k in keys:
        c = people.get(k.child_id)
        if k.item is not None:
            item = k.item
        elif k.item_id in stored:
            item = S.item_of(stored[k.item_id], day, now, soon)
        else:
            continue
        if c is None:
            continue
        out.append(DueRow(k.child_id, None if withheld else c.reference, display_name(c._mapping), k.officer_id,
                          users.get(k.officer_id) if k.officer_id is not None else None, item))
    return out


@dataclass(frozen=True)
class DuePage:
    """A part of the due list: its rows, and how many items the whole list has."""

    total: int
    rows: list[DueRow]


def due_page(us: UserSession, day: date | None = None, *, everyone: bool = False,
             kinds: Collection[str] | None = None, statuses: Collection[str] | None = None,
             within_days: int | None = None, offset: int = 0, limit: int | None = 200,
             officer: int | None = None, descending: bool = False, by_officer: bool = False) -> DuePage:
    """`limit` rows of the due list from `offset` (None: all), with the list's total.

    The list: every open item of the children the user's list covers on `day` (default today), sorted by due
    date, then kind, then child. Supervisors see the office; officers their own children (the office with
    `everyone`); facility staff the placement, missing and 18th-birthday clocks of their facility's children;
    administrators are refused (unless they broke the glass). `kinds`/`statuses` keep those; `within_days`
    keeps the overdue ones and those due within that many days; `officer` only that responsible officer's
    children; `descending` the latest first; `by_officer` grouped: by the responsible officer's name first
    (children without one last), then as above. Viewing the list is audited once, with its first part (offset
    0; ids only): the further blocks read while scrolling are not audited again."""
    day = day or scope.today()
    with us.read() as session:
        conn = session.connection()
        policy = policy_in_use(conn)
        sc = list_scope(us, day, everyone, kinds, officer)
        keys, total, stale = due_keys(conn, sc, day, datetime.now(UTC), policy, statuses, within_days, offset, limit,
                                      descending, by_officer)
    rows = due_rows(us, keys, day)
    if offset == 0:
        _audit(us, f"due_list:{total}", stale)
    return DuePage(total, rows)


def due_list(us: UserSession, day: date | None = None, *, everyone: bool = False,
             kinds: Collection[str] | None = None, statuses: Collection[str] | None = None,
             within_days: int | None = None) -> list[DueRow]:
    """The whole due list at once (`due_page` without a limit; the CLI, the calendar export)."""
    return due_page(us, day, everyone=everyone, kinds=kinds, statuses=statuses, within_days=within_days,
                    limit=None).rows


def due_counts(us: UserSession, day: date | None = None, *, everyone: bool = False) -> dict[str, int]:
    """How many items of the user's list are overdue and due soon (the navigation badge):
    {"overdue": n, "due_soon": m}. Not audited: counts carry no child's data."""
    day = day or scope.today()
    now = datetime.now(UTC)
    with us.read() as session:
        conn = session.connection()
        policy = policy_in_use(conn)
        sc = list_scope(us, day, everyone, None)
        if day != scope.today():
            keys, _total, _stale = due_keys(conn, sc, day, now, policy, ("overdue", "due_soon"), None)
            judged = {"overdue": 0, "due_soon": 0}
            for k in keys:
                judged[k.status] += 1
            return judged
        counts = due_counts_of(conn, sc, day, now, policy)
    return {"overdue": counts["overdue"], "due_soon": counts["due_soon"]}


def child_due(us: UserSession, child_id: int, day: date | None = None) -> list[DueItem]:
    """One child's open items on `day` (default today), soonest first, computed from the facts (facility staff:
    their kinds only). Audited; a child out of scope is "not found" (audited too)."""
    today = scope.today()
    day = day or today
    with us.tx() as tx:
        scope.load_child(tx, us, child_id)
        conn = tx.session.connection()
        facts = facts_of(conn, child_id)
        kinds = list_scope(us, day, True, None).kinds
        policy = policy_in_use(conn)
        items = [] if facts is None else [
            i for i in due_items(facts, day, policy, now=datetime.now(UTC) if day == today else None)
            if kinds is None or i.kind in kinds]
        tx.audit(Action.READ, Entity.CHILD, child_id, detail=scope.read_detail(us, "due"))
    return items


def officer_counts(us: UserSession, day: date | None = None) -> dict[int, dict[str, int]]:
    """Per responsible officer (children without one are left out), how many items of the user's list (the whole office for an
    officer too) are overdue and due soon: {officer_id: {"overdue": n, "due_soon": m}}; officers without
    either are left out. For the supervisor's grouping; not audited (counts only)."""
    day = day or scope.today()
    with us.read() as session:
        conn = session.connection()
        policy = policy_in_use(conn)
        sc = list_scope(us, day, True, None)
        counts = officer_counts_of(conn, sc, day, datetime.now(UTC), policy)
    return {oid: {"overdue": c["overdue"], "due_soon": c["due_soon"]} for oid, c in counts.items()}


def officers(us: UserSession) -> list[tuple[int, str]]:
    """The office's officers and supervisors (disabled ones too: they may still be responsible for a child):
    (user id, display name), by name."""
    scope.check_reads_children(us)
    with us.read() as session:
        rows = session.connection().execute(select(col(User.id), col(User.display_name), col(User.role)).where(
            col(User.role).in_(("officer", "supervisor"))).order_by(col(User.display_name))).all()
    return [(uid, name) for uid, name, _role in rows if uid is not None]
