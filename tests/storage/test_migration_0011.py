"""Revision 0011 adds `visit_timeliness` (derived with the due items) and drops every child's due state, so the
next refresh computes every child again and fills it; down to 0010 drops the table and nothing else."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from ospod_desktop.demo import build_demo
from ospod_desktop.services import due, identity, maintenance, statistics
from ospod_desktop.storage import keyslots, schema
from tests.conftest import FAST_KDF
from tests.storage.test_migration_0005 import DEMO_PASSWORD, _copy, _open, _rows, _snapshot


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo11") / "demo.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(keyslots, "DEFAULT_KDF", FAST_KDF)
        build_demo(path, children=30)
    return path


def _seen_days(db) -> int:
    with db.engine.connect() as conn:
        return conn.exec_driver_sql(
            "SELECT count(*) FROM (SELECT DISTINCT child_id, visited_on FROM visit WHERE child_seen AND child_id IN "
            "(SELECT id FROM child WHERE merged_into_id IS NULL))").scalar_one()


def test_down_drops_the_table_up_refills_it_through_the_due_refresh(demo_db, tmp_path):
    path = _copy(demo_db, tmp_path)
    db = _open(path)
    try:
        with db.engine.connect() as conn:
            derived = conn.exec_driver_sql("SELECT count(*) FROM visit_timeliness").scalar_one()
        assert derived == _seen_days(db) > 0  # the demo's due computation wrote every seen day
        schema.downgrade(db, "0011")  # what came later (0012: test_migration_0012, 0013) is not this revision's
        head = _snapshot(db)
        schema.downgrade(db, "0010")
        down = _snapshot(db)
        assert set(head["counts"]) - set(down["counts"]) == {"visit_timeliness"}
        with db.engine.connect() as conn:
            assert not conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'ix_placement_setting'").all()
        for table in down["counts"]:
            assert _rows(down, table) == _rows(head, table), table
        schema.upgrade(db, "0011")
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM due_state").scalar_one() == 0
            assert conn.exec_driver_sql("SELECT count(*) FROM visit_timeliness").scalar_one() == 0
    finally:
        db.close()
    us = identity.login(path, "supervisor", DEMO_PASSWORD)
    try:
        tables = statistics.statistics(us, date(2000, 1, 1), date.today()).tables  # refreshes the stale first
        with us.read() as s:
            filled = s.connection().execute(text("SELECT count(*) FROM visit_timeliness")).scalar_one()
        assert filled == derived
        assert tables["visits_timeliness"]["visits"] > 0
        assert due.refresh_stale(us) == 0
    finally:
        us.close()
    assert maintenance.verify(path, "admin", DEMO_PASSWORD).ok
