"""Revision 0009 only adds the disclosure register and the office's č.j. format: up from 0008 on a demo database
loses nothing and changes nothing else (the office gets the default format); the CHECK lists, the one-use
reference numbers and ON DELETE SET NULL hold; down drops only what it added, with entries in the register."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from ospod_desktop.demo import build_demo
from ospod_desktop.services import maintenance
from ospod_desktop.storage import keyslots, schema
from tests.conftest import FAST_KDF
from tests.storage.test_migration_0005 import DEMO_PASSWORD, _copy, _open, _rows, _snapshot

NEW_TABLES = {"disclosure"}
NEW_COLUMNS = {"office": {"reference_format"}}
NOW = "'2026-12-07 10:00:00.000000'"
COLUMNS = "kind, recipient, issued_at, categories, sha256, size, reference, lang, channel"


def _entry(child: object = "NULL", kind: str = "facility", channel: str = "saved", ref: str = "NULL, NULL") -> str:
    return (f"INSERT INTO disclosure (child_id, child_reference, {COLUMNS}, ref_year, ref_number) VALUES "
            f"({child}, 'P5-1', '{kind}', 'Radlická 30', {NOW}, 'identity', 'ab', 3, 'OSPOD/1/2026', 'cs', "
            f"'{channel}', {ref})")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo9") / "demo.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(keyslots, "DEFAULT_KDF", FAST_KDF)
        build_demo(path, children=30)
    return path


def test_upgrade_from_0008_adds_and_changes_nothing_else(demo_db, tmp_path):
    path = _copy(demo_db, tmp_path)
    db = _open(path)
    try:
        schema.downgrade(db, "0008")
        before = _snapshot(db)
        assert not NEW_TABLES & set(before["counts"])
        assert before["counts"]["child"] > 0 and before["counts"]["placement"] > 0
        schema.upgrade(db, "0009")
        assert schema.current_revision(db) == "0009"
        after = _snapshot(db)
        assert set(after["counts"]) - set(before["counts"]) == NEW_TABLES
        for table, count in before["counts"].items():
            assert after["counts"][table] == count, table
            cols = set(before["rows"][table][0])
            assert set(after["rows"][table][0]) - cols == NEW_COLUMNS.get(table, set()), table
            assert _rows(after, table, cols) == _rows(before, table, cols), table
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT reference_format FROM office")).scalars().all() == [
                "OSPOD/{number}/{year}"]
    finally:
        db.close()
    assert maintenance.verify(path, "admin", DEMO_PASSWORD).ok


def test_the_register_checks_its_codes_and_keeps_entries_of_a_deleted_child(demo_db, tmp_path):
    path = _copy(demo_db, tmp_path)
    db = _open(path)
    try:
        schema.downgrade(db, "0008")
        schema.upgrade(db, "0009")
        with db.engine.begin() as conn:
            child = conn.execute(text("SELECT max(id) FROM child WHERE id NOT IN (SELECT child_id FROM placement) "
                                      "AND id NOT IN (SELECT merged_into_id FROM child WHERE merged_into_id "
                                      "IS NOT NULL)")).scalar()
            conn.execute(text(_entry(child, ref="2026, 1")))
            conn.execute(text(_entry("NULL", kind="case_list", channel="cli")))
        for bad in (_entry(kind="letter"), _entry(channel="email"), _entry(ref="2026, 1")):
            with pytest.raises(IntegrityError), db.engine.begin() as conn:
                conn.execute(text(bad))
        with db.engine.begin() as conn:
            conn.execute(text(_entry(ref="2027, 1")))  # the same number in another year
            conn.execute(text(_entry(ref="NULL, NULL")))  # a reference typed in: no number, any number of times
            for table in ("child_history", "child_nationality", "child_language", "child_alias", "child_name_key",
                          "child_identifier", "family_contact", "age_assessment", "child_photo", "due_item",
                          "due_state"):
                conn.execute(text(f'DELETE FROM "{table}" WHERE child_id = {child}'))
            conn.execute(text(f"DELETE FROM child WHERE id = {child}"))  # foreign keys on: SET NULL
            rows = conn.execute(text("SELECT child_id, child_reference FROM disclosure WHERE kind = 'facility' "
                                     "AND ref_year = 2026")).all()
        assert [tuple(r) for r in rows] == [(None, "P5-1")]
    finally:
        db.close()


def test_downgrade_to_0008_drops_only_what_0009_added(demo_db, tmp_path):
    path = _copy(demo_db, tmp_path)
    db = _open(path)
    try:
        with db.engine.begin() as conn:
            conn.execute(text(_entry("NULL", kind="due_list", channel="cli")))
            conn.execute(text("UPDATE office SET reference_format = 'X/{number}'"))
        schema.downgrade(db, "0009")  # what later revisions added is theirs (test_migration_0010, _0011)
        head = _snapshot(db)
        schema.downgrade(db, "0008")
        down = _snapshot(db)
        assert set(head["counts"]) - set(down["counts"]) == NEW_TABLES
        for table, count in down["counts"].items():
            assert head["counts"][table] == count, table
            assert set(head["rows"][table][0]) - set(down["rows"][table][0]) == NEW_COLUMNS.get(table, set()), table
            keep = set(down["rows"][table][0])
            assert _rows(down, table, keep) == _rows(head, table, keep), table
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        schema.upgrade(db)
        assert schema.current_revision(db) == schema.head_revision()
    finally:
        db.close()
