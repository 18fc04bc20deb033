"""Revision 0014 adds `disclosure.anchor` (the audit chain's anchor when the entry was recorded): down to 0013 drops
only that column — the table keeps its CHECKs, its partial unique index of č.j. numbers and its foreign key —,
up again gives the entries recorded before an empty anchor and changes nothing else; a new entry gets the head."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from ospod_desktop.demo import build_demo
from ospod_desktop.services import chain_anchor, disclosures, identity, maintenance
from ospod_desktop.storage import keyslots, schema
from tests.conftest import FAST_KDF
from tests.storage.test_migration_0005 import DEMO_PASSWORD, _copy, _open, _rows, _snapshot


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo14") / "demo.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(keyslots, "DEFAULT_KDF", FAST_KDF)
        build_demo(path, children=30)
    return path


def _schema_sql(db) -> list[tuple[str, str]]:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE tbl_name = 'disclosure' AND type = 'index' ORDER BY name")]


def test_down_drops_only_the_column_up_leaves_old_entries_without_an_anchor(demo_db, tmp_path):
    path = _copy(demo_db, tmp_path)
    db = _open(path)
    try:
        head = _snapshot(db)
        anchors = [r["anchor"] for r in _rows(head, "disclosure")]
        assert anchors and all(anchors)  # the demo's exports were recorded with their anchors
        indexes = _schema_sql(db)
        schema.downgrade(db, "0013")
        down = _snapshot(db)
        assert set(down["counts"]) == set(head["counts"])
        assert "anchor" not in down["rows"]["disclosure"][0]
        for table in down["counts"]:
            keep = set(down["rows"][table][0])
            assert _rows(down, table) == _rows(head, table, keep), table
        assert _schema_sql(db) == indexes  # the partial unique index and the others kept as created
        with pytest.raises(IntegrityError), db.engine.begin() as conn:  # the CHECK on kind still holds
            conn.exec_driver_sql("UPDATE disclosure SET kind = 'letter'")
        schema.upgrade(db, "0014")
        up = _snapshot(db)
        assert [r["anchor"] for r in _rows(up, "disclosure")] == [""] * len(anchors)
        for table in up["counts"]:
            keep = set(down["rows"][table][0])
            assert _rows(up, table, keep) == _rows(down, table), table
    finally:
        db.close()
    us = identity.login(path, "supervisor", DEMO_PASSWORD)
    try:
        now = chain_anchor.current(us)
        new = disclosures.record_export(us, "catalogue", b"{}\n", channel="saved")
        entries = {e.id: e for e in disclosures.disclosures(us)}
        assert entries[new].anchor == now
        assert all(e.anchor == "" for i, e in entries.items() if i != new)
    finally:
        us.close()
    assert maintenance.verify(path, "admin", DEMO_PASSWORD).ok
