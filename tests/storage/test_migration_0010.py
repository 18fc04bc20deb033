"""Revision 0010 only adds the statistics' covering indexes: down to 0009 drops exactly them and no row changes;
up again creates them, and the statistics query plans read them."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from ospod_desktop.demo import build_demo
from ospod_desktop.services import maintenance
from ospod_desktop.storage import keyslots, schema
from tests.conftest import FAST_KDF
from tests.storage.test_migration_0005 import DEMO_PASSWORD, _copy, _open, _rows, _snapshot

NEW_INDEXES = {"ix_child_stats", "ix_child_nationality_stats", "ix_trafficking_assessment_stats",
               "ix_placement_stats", "ix_visit_stats", "ix_visit_period", "ix_missing_stats"}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo10") / "demo.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(keyslots, "DEFAULT_KDF", FAST_KDF)
        build_demo(path, children=30)
    return path


def _indexes(db) -> set[str]:
    with db.engine.connect() as conn:
        return set(conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'").scalars())


def test_down_to_0009_drops_only_the_indexes_and_up_adds_them_again(demo_db, tmp_path):
    path = _copy(demo_db, tmp_path)
    db = _open(path)
    try:
        schema.downgrade(db, "0010")  # what came later (0011: test_migration_0011) is not this revision's
        head, at_head = _snapshot(db), _indexes(db)
        assert NEW_INDEXES <= at_head
        schema.downgrade(db, "0009")
        down = _snapshot(db)
        assert at_head - _indexes(db) == NEW_INDEXES
        assert down["counts"] == head["counts"] and down["counts"]["visit"] > 0
        for table in head["counts"]:
            assert _rows(down, table) == _rows(head, table), table
        schema.upgrade(db, "0010")
        assert schema.current_revision(db) == "0010"
        assert _indexes(db) == at_head
        with db.engine.connect() as conn:
            plan = " ".join(str(r) for r in conn.execute(text(
                "EXPLAIN QUERY PLAN SELECT sex, count(*) FROM child INDEXED BY ix_child_stats "
                "WHERE found_on >= '2025-01-01' GROUP BY sex")))
        assert "COVERING INDEX ix_child_stats" in plan
    finally:
        db.close()
    assert maintenance.verify(path, "admin", DEMO_PASSWORD).ok
