"""A logged-in user's session: the open database, who they are, and audited transactions."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import event, select
from sqlmodel import Session, col

from ospod_desktop.core.errors import NotFound, PermissionDenied
from ospod_desktop.core.history import HistoryItem
from ospod_desktop.core.roles import Action, PlacementAct, Role, may, refusal
from ospod_desktop.storage import audit, bulk, sync
from ospod_desktop.storage.child_tables import ChildHistory
from ospod_desktop.storage.engine import Database
from ospod_desktop.storage.keyslots import KeySlots
from ospod_desktop.storage.models import Child
from ospod_desktop.storage.placement_tables import MissingEpisode, MissingInformed, Placement, PlacementExtension
from ospod_desktop.storage.rows import table_of

# Work done in every write transaction after the caller's block and before the commit, by name: derived data
# that must follow the facts in the same transaction (services.due rewrites the due items of the children the
# transaction touched). `services/__init__` fills it by importing the packages that register, so no service
# can run without it; a hook that raises rolls the whole transaction back.
BEFORE_COMMIT: dict[str, Callable[[Tx], None]] = {}


def before_commit(name: str) -> Callable[[Callable[[Tx], None]], Callable[[Tx], None]]:
    """Register `fn(tx)` to run before every write transaction of a UserSession commits."""

    def register(fn: Callable[[Tx], None]) -> Callable[[Tx], None]:
        BEFORE_COMMIT[name] = fn
        return fn

    return register


@dataclass(frozen=True)
class Actor:
    """Who is acting: the logged-in user as plain data."""

    user_id: int
    username: str
    display_name: str
    role: Role
    facility_id: int | None = None


class Tx:
    """An open write transaction that knows its actor, so audit rows need only what happened."""

    def __init__(self, session: Session, actor: Actor | None) -> None:
        self.session = session
        self.actor = actor
        self._touched: set[int] = set()
        self._placements: set[int] = set()  # rows that belong to a child through a placement or an episode
        self._episodes: set[int] = set()
        event.listen(session, "after_flush", self._flushed)

    def touch(self, *child_ids: int) -> None:
        """The facts of these children changed in this transaction: their derived data (the due items) is
        rewritten before the commit. Rows written through the ORM session touch their child by themselves;
        a bulk statement (insert/update/delete on a table) must say which children it changed."""
        self._touched.update(i for i in child_ids if isinstance(i, int))

    def _flushed(self, session: Session, _context) -> None:
        for obj in (*session.new, *session.dirty, *session.deleted):
            if isinstance(obj, Child):
                self.touch(obj.id)  # type: ignore[arg-type]
            elif isinstance(getattr(obj, "child_id", None), int):
                self.touch(obj.child_id)
            elif isinstance(obj, PlacementExtension):
                self._placements.add(obj.placement_id)
            elif isinstance(obj, MissingInformed):
                self._episodes.add(obj.episode_id)

    def touched(self) -> set[int]:
        """Every child this transaction changed so far (flushing the session first)."""
        self.session.flush()
        for model, ids in ((Placement, self._placements), (MissingEpisode, self._episodes)):
            if ids:
                found: Iterable[int] = self.session.execute(
                    select(col(model.child_id)).where(col(model.id).in_(sorted(ids)))).scalars()
                self._touched.update(found)
                ids.clear()
        return set(self._touched)

    def before_commit(self) -> None:
        """Run the registered before-commit work (`BEFORE_COMMIT`)."""
        for hook in list(BEFORE_COMMIT.values()):
            hook(self)

    @property
    def actor(self) -> Actor | None:
        return self._actor

    @actor.setter
    def actor(self, actor: Actor | None) -> None:
        self._actor = actor
        self.session.info[sync.ACTOR_KEY] = actor.user_id if actor else None  # a tombstone's deleted_by

    def audit(self, action: str, entity: str, entity_id: int | None = None, detail: str = "") -> None:
        audit.append(
            self.session,
            action=action,
            entity=entity,
            entity_id=entity_id,
            user_id=self.actor.user_id if self.actor else None,
            role=str(self.actor.role) if self.actor else "",
            detail=detail,
        )

    def history(self, child_id: int, entry: HistoryItem) -> None:
        """A line of the child's history, shown on the child's page (the audit chain keeps only ids).

        The one writer of `child_history`: the entry says how it is stored (`core.history`)."""
        if not isinstance(entry, HistoryItem):
            raise TypeError(f"a history line is a core.history entry, not {type(entry).__name__}")
        field, old, new = entry.to_row()
        self.touch(child_id)
        self.session.add(ChildHistory(child_id=child_id, ts=datetime.now(UTC),
                                      user_id=self.actor.user_id if self.actor else None,
                                      field=field, old_value=old, new_value=new))

    def history_bulk(self, entries: Iterable[tuple[int, HistoryItem]]) -> None:
        """Many history lines (child id, entry) with one executemany, for children inserted in bulk (an import).

        Unlike `history`, the children are not touched: their derived data is the bulk writer's to bring up to
        date (the import refreshes the new children's due items after its commit)."""
        bulk.insert_rows(self.session.connection(), table_of(ChildHistory), history_rows(self.actor, entries))


def history_rows(actor: Actor | None, entries: Iterable[tuple[int, HistoryItem]]) -> list[dict[str, Any]]:
    """`Tx.history_bulk`'s rows (dicts of `child_history` columns), made without a transaction: the children
    import makes them before it takes the write lock (`storage.bulk.prepare` turns them into driver values)."""
    now = datetime.now(UTC)
    user_id = actor.user_id if actor else None
    rows = []
    for child_id, entry in entries:
        if not isinstance(entry, HistoryItem):
            raise TypeError(f"a history line is a core.history entry, not {type(entry).__name__}")
        field, old, new = entry.to_row()
        rows.append({"child_id": child_id, "ts": now, "user_id": user_id, "field": field, "old_value": old,
                     "new_value": new, "updated_at": now})
    return rows


class UserSession:
    """The open database and the logged-in user; passed to every service call."""

    def __init__(self, db: Database, slots: KeySlots, actor: Actor, backup_made: str | None = None) -> None:
        self.db = db
        self.slots = slots
        self.actor = actor
        self.locked = False
        self.backup_made = backup_made  # the backup taken before a migration at this login, if any
        self.break_glass_id: int | None = None  # an administrator's audited access to children (scope.break_glass)
        # Set when the audit chain contradicts the key file's anchor (`services.chain_anchor.ChainFinding`): the
        # session may only read; `db.read_only` holds the message every write is refused with.
        self.chain_loss: object | None = None

    @contextmanager
    def tx(self, before: Callable[[Any], Callable[[], None] | None] | None = None) -> Iterator[Tx]:
        """A write transaction; the change, its audit rows and the derived data the registered before-commit
        work writes (`BEFORE_COMMIT`: the due items of the children it touched) commit together or not at all.

        A refused read (NotFound carrying `audit`) rolls back, then is audited in its own transaction.
        `before`: work on the transaction's connection before the write lock is taken (`Database.write`).
        """
        try:
            with self.db.write(before) as session:
                tx = Tx(session, self.actor)
                yield tx
                tx.before_commit()
        except NotFound as exc:
            if exc.audit:
                with self.db.write() as session:
                    Tx(session, self.actor).audit(Action.READ, exc.audit[0], exc.audit[1], detail="refused")
            raise

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session for lists that carry no personal data."""
        with self.db.read() as session:
            yield session

    def close(self) -> None:
        self.db.close()


P = ParamSpec("P")
R = TypeVar("R")


def requires(*roles: Role) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Refuse the call unless the session's user has one of `roles` (first argument: UserSession)."""

    def wrap(fn: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(fn)
        def inner(*args: P.args, **kwargs: P.kwargs) -> R:
            us = args[0]
            assert isinstance(us, UserSession)
            if us.actor.role not in roles:
                raise PermissionDenied()
            return fn(*args, **kwargs)

        return inner

    return wrap


def requires_rule(act: PlacementAct) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Refuse the call, with the rule's message, unless `core.roles.PLACEMENT_RULES[act]` lets the session's
    user's role record `act` (first argument: UserSession). Facility staff's limits are checked by the call."""

    def wrap(fn: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(fn)
        def inner(*args: P.args, **kwargs: P.kwargs) -> R:
            us = args[0]
            assert isinstance(us, UserSession)
            if not may(us.actor.role, act):
                raise PermissionDenied(refusal(act))
            return fn(*args, **kwargs)

        return inner

    return wrap
