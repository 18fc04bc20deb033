"""Ready for synchronisation: `updated_at` kept current and every deletion tombstoned, in one place.

An exchanged row is one whose table has a `uuid` column (`storage.columns`). For those, on every session
of the app (the listeners are on the Session class, installed when `storage.engine` is imported):
- `updated_at` is set when the ORM flushes a changed row, and added to every UPDATE statement run through a
  session (`session.execute(update(...))`). Services never set it.
- a deletion writes a `tombstone` row (table, uuid, when, by whom) in the same transaction: a row deleted with
  `session.delete()` at the flush, a DELETE statement run through a session (as `storage.ownership` does)
  before it runs. The row itself is deleted for real; `secure_delete` wipes its content.
Raw SQL text and statements on a bare Connection bypass both: services use neither to change exchanged rows.
"""

from __future__ import annotations

from sqlalchemy import Table, event, insert, literal, select
from sqlmodel import Session

from ospod_desktop.storage.columns import utc_now
from ospod_desktop.storage.models import Tombstone

TOMBSTONE = Tombstone.__table__  # type: ignore[attr-defined]
ACTOR_KEY = "user_id"  # session.info[ACTOR_KEY]: who is acting (set by services.context.Tx), for deleted_by


def exchanged(table: Table) -> bool:
    """Rows of this table travel to an office server (and their deletions with them)."""
    return "uuid" in table.c and table is not TOMBSTONE


def _table_of(obj) -> Table | None:
    table = getattr(type(obj), "__table__", None)
    return table if isinstance(table, Table) else None


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, _context, _instances) -> None:
    now = utc_now()
    for obj in session.dirty:
        table = _table_of(obj)
        if table is not None and "updated_at" in table.c and session.is_modified(obj, include_collections=False):
            obj.updated_at = now
    for obj in session.deleted:
        table = _table_of(obj)
        if table is not None and exchanged(table):
            session.add(Tombstone(table_name=table.name, uuid=obj.uuid, deleted_at=now,
                                  deleted_by=session.info.get(ACTOR_KEY)))


@event.listens_for(Session, "do_orm_execute")
def _on_execute(state) -> None:
    if not (state.is_delete or state.is_update):
        return
    table = state.statement.table
    if not isinstance(table, Table):
        return
    if state.is_update:
        if "updated_at" in table.c and not isinstance(state.parameters, list):
            state.statement = state.statement.values(updated_at=utc_now())
        return
    if exchanged(table):
        where = state.statement.whereclause
        rows = select(literal(table.name), table.c.uuid, literal(utc_now(), TOMBSTONE.c.deleted_at.type),
                      literal(state.session.info.get(ACTOR_KEY), TOMBSTONE.c.deleted_by.type)).select_from(table)
        if where is not None:
            rows = rows.where(where)
        state.session.execute(insert(TOMBSTONE).from_select(["table_name", "uuid", "deleted_at", "deleted_by"], rows))
