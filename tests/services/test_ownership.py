"""Delete and merge follow the foreign keys: a new table that hangs off a child needs no list edited."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy import text
from sqlmodel import SQLModel
from sqlmodel.sql.sqltypes import UTCDateTime

from ospod_desktop.core.roles import Role
from ospod_desktop.services import children, identity, placements
from ospod_desktop.storage import ownership
from ospod_desktop.storage.columns import new_uuid, utc_now
from tests.conftest import OFFICER_PASSWORD
from tests.services.placement_helpers import RADLICKA, TODAY, child, facility_id, pm

NOTE, LINE, SETTING = "test_child_note", "test_child_note_line", "test_child_setting"


@pytest.fixture
def new_tables(officer_session):
    """Three tables no service knows: notes on a child (exchanged: uuid), lines of a note, one setting per child."""
    md = SQLModel.metadata
    note = sa.Table(NOTE, md, sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("child_id", sa.Integer, sa.ForeignKey("child.id"), nullable=False),
                    sa.Column("body", sa.String, nullable=False),
                    sa.Column("uuid", sa.String, nullable=False, unique=True, default=new_uuid),
                    sa.Column("updated_at", UTCDateTime(), nullable=False, default=utc_now))
    line = sa.Table(LINE, md, sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("note_id", sa.Integer, sa.ForeignKey(f"{NOTE}.id"), nullable=False),
                    sa.Column("body", sa.String, nullable=False))
    setting = sa.Table(SETTING, md, sa.Column("child_id", sa.Integer, sa.ForeignKey("child.id"), primary_key=True),
                       sa.Column("value", sa.String, nullable=False))
    try:
        with officer_session.db.engine.begin() as conn:
            md.create_all(conn, tables=[note, line, setting])
        yield note, line, setting
    finally:
        for table in (line, note, setting):
            md.remove(table)


def _supervisor(admin_session, db_path):
    identity.create_user(admin_session[0], "boss", "Boss", Role.SUPERVISOR, OFFICER_PASSWORD)
    return identity.login(db_path, "boss", OFFICER_PASSWORD)


def _write(us, table, **values) -> int:
    with us.db.write() as s:
        return int(s.execute(sa.insert(table).values(**values)).inserted_primary_key[0])


def _all(us, sql: str, **params) -> list[tuple]:
    with us.read() as s:
        return [tuple(r) for r in s.execute(text(sql), params)]


def test_the_tables_of_a_child_are_found_from_the_foreign_keys(new_tables):
    child_table = SQLModel.metadata.tables["child"]
    below = ownership.hanging_off(child_table)
    assert {"placement", "placement_extension", "missing_episode", "missing_informed", "child_photo",
            "child_nationality", "child_alias", NOTE, LINE, SETTING} <= set(below)
    assert below.index("placement") < below.index("placement_extension")
    rules = ownership.merge_rules()
    assert rules[NOTE] == ownership.MOVE and rules[SETTING] == ownership.ONE_PER_CHILD
    assert rules["child_photo"] == ownership.ONE_PER_CHILD and rules["placement"] == ownership.MOVE
    assert rules["child_history"] == ownership.STAY and rules["child_name_key"] == ownership.SEARCH_INDEX
    # Every exception names a table that really hangs off a child (a renamed table cannot lose its rule unseen).
    assert set(ownership.MERGE_EXCEPTIONS) <= set(rules)


def test_deleting_a_child_deletes_the_rows_of_a_new_table(new_tables, officer_session, admin_session, db_path):
    note, line, setting = new_tables
    us = officer_session
    gone, stays = child(us, "Ali"), child(us, "Omar")
    mine = _write(us, note, child_id=gone, body="a")
    _write(us, line, note_id=mine, body="a.1")
    _write(us, setting, child_id=gone, value="x")
    other = _write(us, note, child_id=stays, body="b")
    _write(us, line, note_id=other, body="b.1")
    placements.place_child(us, gone, pm(facility_id(us, RADLICKA), TODAY))
    note_uuid = _all(us, f"SELECT uuid FROM {NOTE} WHERE id = :i", i=mine)[0][0]
    boss = _supervisor(admin_session, db_path)
    try:
        children.delete_child(boss, gone)
    finally:
        boss.close()
    assert _all(us, f"SELECT child_id, body FROM {NOTE}") == [(stays, "b")]
    assert _all(us, f"SELECT note_id, body FROM {LINE}") == [(other, "b.1")]
    assert _all(us, f"SELECT count(*) FROM {SETTING}") == [(0,)]
    assert _all(us, "SELECT count(*) FROM placement WHERE child_id = :c", c=gone) == [(0,)]
    # The exchanged rows leave tombstones (the note, the child, its placement); the lines have no uuid.
    tables = {t for (t,) in _all(us, "SELECT table_name FROM tombstone")}
    assert {NOTE, "child", "placement", "child_history", "child_nationality"} >= tables >= {NOTE, "child", "placement"}
    assert _all(us, "SELECT table_name FROM tombstone WHERE uuid = :u", u=note_uuid) == [(NOTE,)]


def test_merging_moves_the_rows_of_a_new_table_to_the_kept_record(new_tables, officer_session):
    note, line, setting = new_tables
    us = officer_session
    keep, dup, third = child(us, "Oleksandr"), child(us, "Oleksandr"), child(us, "Olexandr")
    moved = _write(us, note, child_id=dup, body="from the duplicate")
    _write(us, line, note_id=moved, body="line")
    _write(us, setting, child_id=dup, value="dup's")
    before = _all(us, f"SELECT updated_at FROM {NOTE} WHERE id = :i", i=moved)[0][0]
    children.merge_children(us, keep, dup)
    assert _all(us, f"SELECT child_id FROM {NOTE} WHERE id = :i", i=moved) == [(keep,)]
    assert _all(us, f"SELECT note_id FROM {LINE}") == [(moved,)]  # below the note: follows it unchanged
    assert _all(us, f"SELECT child_id, value FROM {SETTING}") == [(keep, "dup's")]  # the kept record had none
    assert _all(us, f"SELECT updated_at FROM {NOTE} WHERE id = :i", i=moved)[0][0] > before
    # A one-per-child row stays with the merged record when the kept one has its own.
    _write(us, setting, child_id=third, value="third's")
    other = child(us, "Olexandr")
    _write(us, setting, child_id=other, value="other's")
    children.merge_children(us, third, other)
    assert sorted(_all(us, f"SELECT child_id, value FROM {SETTING}")) == sorted(
        [(keep, "dup's"), (third, "third's"), (other, "other's")])
