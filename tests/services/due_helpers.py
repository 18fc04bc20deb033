"""Helpers for the due-list tests: the materialised rows of a child, the same computed on the fly."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import text

from ospod_desktop.core.due import due_items
from ospod_desktop.services import due, scope


def stored(us, child_id: int) -> list[tuple]:
    """The child's due_item rows as (kind, due, source_table, source_id), sorted."""
    with us.read() as s:
        rows = s.execute(text("SELECT kind, due, source_table, source_id FROM due_item WHERE child_id = :c"),
                         {"c": child_id}).all()
    return sorted((k, str(d)[:10], t, i) for k, d, t, i in rows)


def computed(us, child_id: int) -> list[tuple]:
    """The same, computed on the fly from the facts now in the database."""
    with us.read() as s:
        conn = s.connection()
        facts = due.facts_of(conn, child_id)
        policy = due.policy_in_use(conn)
    if facts is None:
        return []
    items = due_items(facts, scope.today(), policy, now=datetime.now(UTC))
    return sorted((i.kind, i.due.isoformat(), i.source[0], i.source[1]) for i in items)


def state(us, child_id: int):
    with us.read() as s:
        return s.execute(text("SELECT computed_on, refresh_on, policy_version FROM due_state WHERE child_id = :c"),
                         {"c": child_id}).first()
