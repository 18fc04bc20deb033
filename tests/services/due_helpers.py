"""Helpers for the due-list tests: the materialised rows of a child, the same computed on the fly."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from ospod_desktop.core.due import due_items
from ospod_desktop.core.roles import Role
from ospod_desktop.services import due, identity, placements, scope
from tests.conftest import OFFICER_PASSWORD
from tests.services.placement_helpers import RADLICKA, TODAY, child, facility_id, pm, staff


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


@contextmanager
def office_of_two(admin, us, db_path) -> Iterator[dict]:
    """The due list's office: the officer `us` with Ali placed at Radlická 100 days ago, another officer ("other",
    Jan Jiný) with Omar not placed yet, a supervisor ("boss"), Radlická's staff ("facility") and the admin."""
    identity.create_user(admin, "boss", "Eva Vedoucí", Role.SUPERVISOR, OFFICER_PASSWORD)
    identity.create_user(admin, "other", "Jan Jiný", Role.OFFICER, OFFICER_PASSWORD)
    boss = identity.login(db_path, "boss", OFFICER_PASSWORD)
    other = identity.login(db_path, "other", OFFICER_PASSWORD)
    fid = facility_id(us, RADLICKA)
    mine = child(us, "Ali", responsible_officer_id=us.actor.user_id)
    theirs = child(us, "Omar", responsible_officer_id=other.actor.user_id)
    placements.place_child(us, mine, pm(fid, TODAY - timedelta(days=100)))
    facility = staff(admin, db_path, "desk", RADLICKA)
    try:
        yield {"officer": us, "other": other, "boss": boss, "facility": facility, "admin": admin, "mine": mine,
               "theirs": theirs, "fid": fid}
    finally:
        for session in (boss, other, facility):
            session.close()
