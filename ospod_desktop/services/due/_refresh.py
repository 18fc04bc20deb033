"""Bringing the materialised due items up to date: all of them (a policy change, a database that has none
yet) or the stale ones (after login). Each batch of children commits on its own, so other writers wait at
most one batch."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from ospod_desktop.core.due_facts import CaseFacts, ChildFacts
from ospod_desktop.core.policy import Policy
from ospod_desktop.services import scope
from ospod_desktop.services.context import UserSession
from ospod_desktop.services.due import _store as S
from ospod_desktop.services.due._policy import policy_in_use, policy_revision
from ospod_desktop.storage.models import Child

BATCH = 2000
NEW_BATCH = 10_000  # children just imported, their rows made in advance: one short transaction each (~0.3 s)


def _run(target, ids: list[int], day: date, policy: Policy | None,
         progress: Callable[[int, int], None] | None) -> int:
    """Rewrite `ids` in batches: in the caller's transaction (`target` is a Session or a Connection), or one
    transaction per batch (`target` is a UserSession)."""
    written = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        if isinstance(target, UserSession):
            with target.tx() as tx:
                conn = tx.session.connection()
                written += S.recompute(conn, chunk, day, policy or policy_in_use(conn), batch=BATCH)
        else:
            conn = target.connection() if isinstance(target, Session) else target
            written += S.recompute(conn, chunk, day, policy or policy_in_use(conn), batch=BATCH)
        if progress:
            progress(min(start + BATCH, len(ids)), len(ids))
    return written


def _reader(target):
    if isinstance(target, UserSession):
        return target.read()
    return _Same(target)


class _Same:
    def __init__(self, target) -> None:
        self.target = target

    def __enter__(self):
        return self.target

    def __exit__(self, *exc) -> None:
        return None


def recompute_all(session, policy: Policy | None = None, progress: Callable[[int, int], None] | None = None,
                  day: date | None = None) -> int:
    """Recompute every child's due items (with `policy`, default the one in use); returns how many items were
    written. `session`: a UserSession (one transaction per batch) or an open Session/Connection (the caller's
    transaction, e.g. the one saving a new policy version). `progress(done, total)` after each batch."""
    day = day or scope.today()
    with _reader(session) as s:
        ids = list(s.execute(select(col(Child.id)).where(col(Child.merged_into_id).is_(None))
                             .order_by(col(Child.id))).scalars())
    return _run(session, ids, day, policy, progress)


def refresh_stale(us: UserSession, day: date | None = None,
                  progress: Callable[[int, int], None] | None = None) -> int:
    """Recompute the children whose items are stale on `day` (default today): no state yet, `refresh_on`
    reached, or computed with another policy version. Returns how many children were recomputed."""
    day = day or scope.today()
    with us.read() as s:
        conn = s.connection()
        ids = S.stale_ids(conn, day, policy_revision(conn))
    _run(us, ids, day, None, progress)
    return len(ids)


def refresh_children(us: UserSession, child_ids: list[int], day: date | None = None) -> int:
    """Compute the due items of these children (e.g. inserted in bulk without them), one transaction per batch;
    returns how many items were written."""
    return _run(us, sorted(child_ids), day or scope.today(), None, None)


NewChild = tuple[int, Mapping[str, Any], tuple[date, ...]]  # (id, the child row's values, its IPOD days)


def _new_facts(chunk: Sequence[NewChild]) -> dict[int, CaseFacts]:
    """A child just inserted in bulk has no other facts yet: its row and IPOD days are all of them."""
    return {cid: CaseFacts(child=ChildFacts(
        id=cid, birth_date=v["birth_date"], birth_year=v["birth_year"], birth_assessed=False,
        found_on=v["found_on"], registered_on=v["registered_on"], imported=v["registered_on"] is not None,
        status=v["status"], case_open=v["case_status"] == "open"), ipods=ipods) for cid, v, ipods in chunk}


def fresh_batches(children: Sequence[NewChild], day: date, policy: Policy) -> list[S.FreshRows]:
    """The due items, visit days and states of children just inserted in bulk, batch by batch as `refresh_new`
    writes them, as SQLite's driver values (no database, no office key — none of these columns is sealed: a worker
    process makes them while the import stages its rows, `services._parallel`)."""
    dialect = _sqlite_dialect()
    return [S.fresh_rows(dialect, _new_facts(children[start:start + NEW_BATCH]), day, policy, policy.revision)
            for start in range(0, len(children), NEW_BATCH)]


def _sqlite_dialect() -> Any:
    from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite

    return SQLiteDialect_pysqlite()


def refresh_new(us: UserSession, children: Sequence[NewChild], day: date | None = None,
                made: list[S.FreshRows] | None = None) -> int:
    """The due items of children just inserted in bulk (an import): (id, the child row's values, its IPOD days)
    each. Such a child has no other facts yet, so they are not read back; one transaction per batch, its rows made
    before it — or already made (`made`: `fresh_batches` of the same children, day and policy). A child whose
    items were computed meanwhile (it has a state: someone changed it after the import's commit) keeps them.
    Returns how many items were written."""
    day = day or scope.today()
    policy: Policy | None = None
    if made is None:
        with us.read() as session:
            policy = policy_in_use(session.connection())
    written = 0
    for n, start in enumerate(range(0, len(children), NEW_BATCH)):
        chunk = children[start:start + NEW_BATCH]
        if made is not None:
            prepared = made[n]
        else:
            assert policy is not None
            prepared = S.fresh_rows(_sqlite_dialect(), _new_facts(chunk), day, policy, policy.revision)
        with us.tx() as tx:
            conn = tx.session.connection()
            have = set(conn.execute(select(S.STATES.c.child_id).where(
                S.STATES.c.child_id.between(chunk[0][0], chunk[-1][0]))).scalars())
            written += S.insert_fresh(conn, prepared, [cid for cid, _v, _days in chunk], have)
    return written
