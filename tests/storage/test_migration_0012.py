"""Revision 0012 adds `child_stat` (each child's statistics keys, derived with the due items) and drops every
child's due state, so the next refresh computes every child again and fills it; down to 0011 drops the table
and nothing else. The keys written equal the ones the statistics worked out from the facts before."""

from __future__ import annotations

from datetime import date

import pytest

from ospod_desktop.demo import build_demo
from ospod_desktop.services import due, identity, maintenance, statistics
from ospod_desktop.storage import keyslots, schema
from ospod_desktop.storage.stat_keys import NATIONALITIES, SEP, age_key_sql
from tests.conftest import FAST_KDF
from tests.storage.test_migration_0005 import DEMO_PASSWORD, _copy, _open, _rows, _snapshot

# The registration key as revision 0011's statistics computed it from the child's rows on every count.
FROM_FACTS = f"""
SELECT c.id, c.status || '{SEP}' || c.sex || '{SEP}' || c.channel || '{SEP}' || {age_key_sql("c.found_on")} || '{SEP}'
       || ifnull({NATIONALITIES.format(c="c")}, '')
FROM child c WHERE c.merged_into_id IS NULL ORDER BY c.id
"""


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo12") / "demo.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(keyslots, "DEFAULT_KDF", FAST_KDF)
        build_demo(path, children=40)
    return path


def _keys(conn) -> list[tuple[int, str]]:
    return [tuple(r) for r in conn.exec_driver_sql("SELECT child_id, reg FROM child_stat ORDER BY child_id")]


def test_down_drops_the_table_up_refills_it_through_the_due_refresh(demo_db, tmp_path):
    path = _copy(demo_db, tmp_path)
    db = _open(path)
    try:
        with db.engine.connect() as conn:
            derived = _keys(conn)
            expected = [tuple(r) for r in conn.exec_driver_sql(FROM_FACTS)]
        assert derived == expected and len(derived) > 30  # the demo's due computation wrote every live child
        schema.downgrade(db, "0012")  # what came later (0013: the audit chain's MACs) is not this revision's
        head = _snapshot(db)
        schema.downgrade(db, "0011")
        down = _snapshot(db)
        assert set(head["counts"]) - set(down["counts"]) == {"child_stat"}
        with db.engine.connect() as conn:
            assert not conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'ix_child_stat_period'").all()
        for table in down["counts"]:
            assert _rows(down, table) == _rows(head, table), table
        schema.upgrade(db, "0012")
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM due_state").scalar_one() == 0
            assert conn.exec_driver_sql("SELECT count(*) FROM child_stat").scalar_one() == 0
    finally:
        db.close()
    us = identity.login(path, "supervisor", DEMO_PASSWORD)
    try:
        tables = statistics.statistics(us, date(2000, 1, 1), date.today()).tables  # refreshes the stale first
        with us.read() as s:
            filled = _keys(s.connection())
        assert filled == derived
        assert tables["registered_by_sex"]["total"] == len(derived)
        assert due.refresh_stale(us) == 0
    finally:
        us.close()
    assert maintenance.verify(path, "admin", DEMO_PASSWORD).ok
