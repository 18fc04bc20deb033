"""Revision 0006 only adds tables and columns: up and down on a demo database loses nothing and changes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from ospod_desktop.demo import build_demo
from ospod_desktop.services import maintenance
from ospod_desktop.storage import keyslots, schema
from tests.conftest import FAST_KDF
from tests.storage.test_migration_0005 import DEMO_PASSWORD, _copy, _open, _rows, _snapshot

NEW_TABLES = {"visit", "information_request", "ipod", "guardianship", "asylum_application", "deadline_policy",
              "due_item", "due_state"}
NEW_COLUMNS = {
    "placement": {"enforceable_on", "exception_reason", "section_461", "diagnostic_stay", "diagnostics_completed_on"},
    "placement_extension": {"consent_on"},
    "child": {"registered_on"},
}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo6") / "demo.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(keyslots, "DEFAULT_KDF", FAST_KDF)
        build_demo(path, children=60)
    return path


def test_upgrade_from_0005_adds_and_changes_nothing_else(demo_db, tmp_path):
    path = _copy(demo_db, tmp_path)
    db = _open(path)
    try:
        schema.downgrade(db, "0005")
        before = _snapshot(db)
        assert not NEW_TABLES & set(before["counts"])
        schema.upgrade(db, "0006")
        assert schema.current_revision(db) == "0006"
        after = _snapshot(db)
        assert set(after["counts"]) - set(before["counts"]) == NEW_TABLES
        for table, count in before["counts"].items():
            assert after["counts"][table] == count, table
            cols = set(before["rows"][table][0])
            assert set(after["rows"][table][0]) - cols == NEW_COLUMNS.get(table, set()), table
            assert _rows(after, table, cols) == _rows(before, table, cols), table
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM placement WHERE exception_reason != '' OR section_461 != 0 "
                                     "OR diagnostic_stay IS NOT NULL OR enforceable_on IS NOT NULL")).scalar() == 0
    finally:
        db.close()
    assert maintenance.verify(path, "admin", DEMO_PASSWORD).ok


def test_downgrade_to_0005_drops_only_what_0006_added(demo_db, tmp_path):
    path = _copy(demo_db, tmp_path)
    db = _open(path)
    try:
        schema.downgrade(db, "0007")  # 0007 only adds indexes; later revisions' tables are theirs to test
        head = _snapshot(db)
        schema.downgrade(db, "0005")
        down = _snapshot(db)
        assert set(head["counts"]) - set(down["counts"]) == NEW_TABLES
        for table, count in down["counts"].items():
            assert head["counts"][table] == count, table
            assert set(head["rows"][table][0]) - set(down["rows"][table][0]) == NEW_COLUMNS.get(table, set()), table
            keep = set(down["rows"][table][0])
            assert _rows(down, table, keep) == _rows(head, table, keep), table
        with db.engine.connect() as conn:  # foreign keys are enforced again afterwards
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        db.close()
