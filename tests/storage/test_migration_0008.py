"""Revision 0008 only adds the trafficking tables and the child's flag: up from 0007 on a demo database loses
nothing and changes nothing else; the CHECK lists and the one-catalogue-in-use index hold; down drops only them."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from ospod_desktop.demo import build_demo
from ospod_desktop.services import maintenance
from ospod_desktop.storage import keyslots, schema
from tests.conftest import FAST_KDF
from tests.storage.test_migration_0005 import DEMO_PASSWORD, _copy, _open, _rows, _snapshot

NEW_TABLES = {"indicator_catalogue", "trafficking_assessment", "assessment_answer", "assessment_form", "victim_event"}
NEW_COLUMNS = {"child": {"trafficking_flag"}}
NOW = "'2026-12-06 10:00:00.000000'"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo8") / "demo.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(keyslots, "DEFAULT_KDF", FAST_KDF)
        build_demo(path, children=40)
    return path


def _catalogue(conn, pk: int, version: str, in_use: int) -> None:
    conn.execute(text(f"INSERT INTO indicator_catalogue (id, catalogue_id, version, digest, content, imported_at, "
                      f"in_use, reason) VALUES ({pk}, 'test', '{version}', 'd', '{{}}', {NOW}, {in_use}, '')"))


def _assessment(conn, child_id: int, status: str = "draft", conclusion: str = "NULL") -> None:
    conn.execute(text(f"INSERT INTO trafficking_assessment (child_id, catalogue_pk, status, engine_outcome, "
                      f"conclusion, reasoning, exploitation_countries, created_at, review_comment) "
                      f"VALUES ({child_id}, 1, '{status}', 'concern', {conclusion}, '', '', {NOW}, '')"))


def _refused(db, sql: str) -> None:
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(text(sql))


def test_upgrade_from_0007_adds_and_changes_nothing_else(demo_db, tmp_path):
    path = _copy(demo_db, tmp_path)
    db = _open(path)
    try:
        schema.downgrade(db, "0007")
        before = _snapshot(db)
        assert not NEW_TABLES & set(before["counts"])
        assert before["counts"]["child"] > 0 and before["counts"]["visit"] > 0
        schema.upgrade(db, "0008")
        assert schema.current_revision(db) == "0008"
        after = _snapshot(db)
        assert set(after["counts"]) - set(before["counts"]) == NEW_TABLES
        for table, count in before["counts"].items():
            assert after["counts"][table] == count, table
            cols = set(before["rows"][table][0])
            assert set(after["rows"][table][0]) - cols == NEW_COLUMNS.get(table, set()), table
            assert _rows(after, table, cols) == _rows(before, table, cols), table
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM child WHERE trafficking_flag != ''")).scalar() == 0
    finally:
        db.close()
    assert maintenance.verify(path, "admin", DEMO_PASSWORD).ok


def test_the_new_tables_check_their_codes(demo_db, tmp_path):
    path = _copy(demo_db, tmp_path)
    db = _open(path)
    try:
        schema.downgrade(db, "0007")
        schema.upgrade(db, "0008")
        with db.engine.begin() as conn:
            child = conn.execute(text("SELECT min(id) FROM child")).scalar()
            _catalogue(conn, 1, "1", 1)
            _catalogue(conn, 2, "2", 0)
            _assessment(conn, child, "finished", "'presumed_victim'")
            conn.execute(text(f"UPDATE child SET trafficking_flag = 'presumed_victim' WHERE id = {child}"))
        _refused(db, "UPDATE indicator_catalogue SET in_use = 1 WHERE id = 2")  # one catalogue in use
        _refused(db, f"INSERT INTO indicator_catalogue (catalogue_id, version, digest, content, imported_at, in_use, "
                     f"reason) VALUES ('test', '1', 'd', '{{}}', {NOW}, 0, '')")  # the same version twice
        _refused(db, f"UPDATE child SET trafficking_flag = 'suspected' WHERE id = {child}")
        _refused(db, "UPDATE trafficking_assessment SET status = 'closed'")
        _refused(db, "UPDATE trafficking_assessment SET conclusion = 'victim'")
        _refused(db, "UPDATE trafficking_assessment SET engine_outcome = 'maybe'")
        _refused(db, "INSERT INTO assessment_answer (assessment_id, indicator_id, answer, note, source) "
                     "VALUES (1, 'x', 'yes', '', '')")
        _refused(db, "INSERT INTO assessment_answer (assessment_id, indicator_id, answer, note, source) "
                     "VALUES (1, 'x', 'present', '', 'rumour')")
        _refused(db, "INSERT INTO assessment_form (assessment_id, form) VALUES (1, 'slavery')")
        _refused(db, f"INSERT INTO victim_event (child_id, kind, occurred_on, body, channel, note, recorded_at) "
                     f"VALUES ({child}, 'arrest', '2026-01-01', '', '', '', {NOW})")
        _refused(db, f"INSERT INTO victim_event (child_id, kind, occurred_on, ends_on, body, channel, note, "
                     f"recorded_at) VALUES ({child}, 'reflection_period', '2026-02-01', '2026-01-01', '', '', '', "
                     f"{NOW})")
        with db.engine.begin() as conn:  # a valid row of each
            conn.execute(text("INSERT INTO assessment_answer (assessment_id, indicator_id, answer, note, source) "
                              "VALUES (1, 'x', 'present', '', 'documents')"))
            conn.execute(text("INSERT INTO assessment_form (assessment_id, form) VALUES (1, 'begging')"))
            conn.execute(text(f"INSERT INTO victim_event (child_id, kind, occurred_on, ends_on, body, channel, note, "
                              f"assessment_id, recorded_at) VALUES ({child}, 'reflection_period', '2026-02-01', "
                              f"'2026-03-01', '', '', '', 1, {NOW})"))
    finally:
        db.close()


def test_downgrade_to_0007_drops_only_what_0008_added(demo_db, tmp_path):
    path = _copy(demo_db, tmp_path)
    db = _open(path)
    try:
        schema.downgrade(db, "0008")
        with db.engine.begin() as conn:
            child = conn.execute(text("SELECT min(id) FROM child")).scalar()
            if not conn.execute(text("SELECT count(*) FROM indicator_catalogue")).scalar():
                _catalogue(conn, 1, "1", 1)  # the demo seeds the shipped default (id 1) as it writes its assessments
            _assessment(conn, child)
            conn.execute(text(f"UPDATE child SET trafficking_flag = 'concern' WHERE id = {child}"))
        head = _snapshot(db)
        schema.downgrade(db, "0007")
        down = _snapshot(db)
        assert set(head["counts"]) - set(down["counts"]) == NEW_TABLES
        for table, count in down["counts"].items():
            assert head["counts"][table] == count, table
            assert set(head["rows"][table][0]) - set(down["rows"][table][0]) == NEW_COLUMNS.get(table, set()), table
            keep = set(down["rows"][table][0])
            assert _rows(down, table, keep) == _rows(head, table, keep), table
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        schema.upgrade(db)  # and up again
        assert schema.current_revision(db) == schema.head_revision()
    finally:
        db.close()
