"""Revision 0005 on a database full of data: nothing lost going up from 0004, nothing lost coming back down.

The database is a demo (built at the current code) plus records the demo does not make (several
nationalities, languages and aliases, every informed party with its reference and person, a photo, a merge,
a dismissal, an assessment), taken down to 0004 by the migration's own downgrade. Every table is counted and
every column compared before and after; the joined strings and the informed columns must come back as rows.
"""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import text

from ospod_desktop.core.child_form import IdentifierInput
from ospod_desktop.core.errors import StorageError
from ospod_desktop.core.missing_form import MissingInput
from ospod_desktop.core.placement_form import PlacementInput
from ospod_desktop.demo import DEMO_PASSWORD, build_demo
from ospod_desktop.services import children, identity, maintenance, missing, placements
from ospod_desktop.storage import keyslots, schema
from ospod_desktop.storage.engine import Database
from ospod_desktop.storage.keyslots import KeySlots
from tests.conftest import FAST_KDF, child_form

N = 200
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
LISTS = {"nationalities": ("child_nationality", "code", ";"), "languages": ("child_language", "code", ";"),
         "aliases": ("child_alias", "name", "\n")}
PARTIES = {"police": ("police_informed_at", "police_reference", "police_person"),
           "officer": ("officer_informed_at", None, "officer_person"),
           "guardian": ("guardian_informed_at", None, "guardian_person"),
           "line_116000": ("line_116000_informed_at", "line_116000_reference", None)}
NEW_TABLES = {"child_nationality", "child_language", "child_alias", "missing_informed", "tombstone"}
DROPPED = {"child": {"nationalities", "languages", "aliases", "search_text"},
           "missing_episode": {c for cols in PARTIES.values() for c in cols if c}}
SYNC = {"uuid", "updated_at"}


def _extra_records(path) -> None:
    """What the demo leaves out, written through the services."""
    us = identity.login(path, "officer", DEMO_PASSWORD)
    try:
        today = date.today()
        rich = children.register_child(us, child_form(
            "Oleksandr", "Shevchenko", "M", birth_year=today.year - 15, found_on=today - timedelta(days=40),
            nationalities=("UA", "RU", "XX"), languages=("uk", "ru", "en"),
            aliases=("Sasha", "Alexandr Ševčenko", "Олександр"), identifiers=(IdentifierInput("passport", "EK123"),)))
        children.set_photo(us, rich, PNG)
        children.add_age_assessment(us, rich, "interview", today - timedelta(days=30), "Mgr. Nováková", 14, 16)
        facility = next(f.id for f in placements.list_facilities(us) if f.code == "ZDC-RADLICKA")
        placements.place_child(us, rich, PlacementInput(
            start_date=today - timedelta(days=39), legal_basis="preliminary_measure", facility_id=facility,
            court="Obvodní soud pro Prahu 5", court_file_number="29 Nc 1/2026", decision_date=today - timedelta(days=39)))
        now = datetime.now(UTC)
        episode = missing.report_missing(us, rich, MissingInput(last_seen_at=now - timedelta(hours=30),
                                                                last_seen_place="Smíchovské nádraží"), now=now)
        missing.record_informed(us, episode, "police", now - timedelta(hours=29), "KRPA-1/2026", "npor. Dvořák", now=now)
        missing.record_informed(us, episode, "officer", now - timedelta(hours=28), person="Bc. Procházka", now=now)
        missing.record_informed(us, episode, "guardian", now - timedelta(hours=27), person="JUDr. Malá", now=now)
        missing.record_informed(us, episode, "line_116000", now - timedelta(hours=26), "116-77", now=now)
        missing.record_return(us, episode, now - timedelta(hours=2), "Praha hl. n.", "v pořádku", now=now)
        twin = children.register_child(us, child_form("Alexandr", "Sevcenko", "M", birth_year=today.year - 15,
                                                      nationalities=("UA",), aliases=("Saša",)))
        children.merge_children(us, rich, twin)
        a = children.register_child(us, child_form("Amina", "Haidari", "F", nationalities=("AF", "IR")))
        b = children.register_child(us, child_form("Amina", "Haidary", "F", nationalities=("AF",)))
        children.dismiss_pair(us, a, b)
    finally:
        us.close()


@pytest.fixture(scope="module")
def full_db(tmp_path_factory):
    """A demo database at the head revision with the extra records (built once; tests work on copies)."""
    path = tmp_path_factory.mktemp("full") / "demo.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(keyslots, "DEFAULT_KDF", FAST_KDF)
        build_demo(path, children=N)
        _extra_records(path)
    return path


def _copy(source, folder):
    target = folder / source.name
    for f in source.parent.iterdir():
        if f.name.startswith(source.name):
            shutil.copy2(f, folder / f.name)
    return target


def _open(path) -> Database:
    return Database(path, KeySlots.load(path).unlock_user("admin", DEMO_PASSWORD))


def _tables(conn) -> list[str]:
    rows = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                             "AND name NOT LIKE 'child_fts_%' AND name != 'alembic_version' ORDER BY name"))
    return [r[0] for r in rows]


def _columns(conn, table: str) -> list[str]:
    return [r[1] for r in conn.execute(text(f'PRAGMA table_info("{table}")'))]


def _snapshot(db: Database) -> dict:
    """Every table's row count and rows (all columns), and the list and informed columns as the rows hold them."""
    with db.engine.connect() as conn:
        out: dict = {"counts": {}, "rows": {}}
        for table in _tables(conn):
            cols = _columns(conn, table) if table != "child_fts" else ["rowid", "search_text"]
            out["rows"][table] = (cols, [tuple(r) for r in conn.execute(text(
                f'SELECT {", ".join(cols)} FROM "{table}" ORDER BY rowid'))])
            out["counts"][table] = len(out["rows"][table][1])
    return out


def _joined_from_rows(conn) -> dict[int, dict[str, str]]:
    joined: dict[int, dict[str, str]] = {cid: {f: "" for f in LISTS} for (cid,) in conn.execute(text("SELECT id FROM child"))}
    for field, (table, value, sep) in LISTS.items():
        grouped: dict[int, list[str]] = {}
        for cid, v in conn.execute(text(f"SELECT child_id, {value} FROM {table} ORDER BY child_id, position")):
            grouped.setdefault(cid, []).append(v)
        for cid, values in grouped.items():
            joined[cid][field] = sep.join(values)
    return joined


def _informed_from_rows(conn) -> dict[int, dict[str, object]]:
    out: dict[int, dict[str, object]] = {}
    for (eid,) in conn.execute(text("SELECT id FROM missing_episode")):
        out[eid] = {c: None if c.endswith("_at") else "" for cols in PARTIES.values() for c in cols if c}
    for eid, party, at, ref, person in conn.execute(text(
            "SELECT episode_id, party, informed_at, reference, person FROM missing_informed")):
        at_col, ref_col, person_col = PARTIES[party]
        out[eid][at_col] = at
        if ref_col:
            out[eid][ref_col] = ref
        if person_col:
            out[eid][person_col] = person
    return out


def _rows(snapshot: dict, table: str, keep: set[str] | None = None) -> list[dict]:
    cols, rows = snapshot["rows"][table]
    return [{c: v for c, v in zip(cols, r, strict=True) if keep is None or c in keep} for r in rows]


def test_upgrade_from_0004_loses_nothing(full_db, tmp_path):
    path = _copy(full_db, tmp_path)
    db = _open(path)
    try:
        schema.downgrade(db, "0004")
        assert schema.current_revision(db) == "0004"
        before = _snapshot(db)
        with db.engine.connect() as conn:
            joined = {r[0]: dict(zip(LISTS, r[1:], strict=True)) for r in conn.execute(text(
                "SELECT id, nationalities, languages, aliases FROM child"))}
            informed_cols = [c for cols in PARTIES.values() for c in cols if c]
            informed = {r[0]: dict(zip(informed_cols, r[1:], strict=True)) for r in conn.execute(text(
                f"SELECT id, {', '.join(informed_cols)} FROM missing_episode"))}
        assert sum(bool(j["aliases"]) for j in joined.values()) >= 3 and any(";" in j["languages"] for j in joined.values())
        assert any(all(v not in (None, "") for v in e.values()) for e in informed.values())  # every party, all details

        schema.upgrade(db, "0005")
        assert schema.current_revision(db) == "0005"
        after = _snapshot(db)
        # Every table that was there has every row, every surviving column unchanged.
        for table, count in before["counts"].items():
            assert after["counts"][table] == count, table
            cols = set(before["rows"][table][0]) - DROPPED.get(table, set())
            assert _rows(after, table, cols) == _rows(before, table, cols), table
        assert set(after["counts"]) - set(before["counts"]) == NEW_TABLES
        with db.engine.connect() as conn:
            # Each nationality, language and alias is a row, in order; each informed party a row with its details.
            assert _joined_from_rows(conn) == joined
            assert _informed_from_rows(conn) == informed
            for field, (table, _value, sep) in LISTS.items():
                assert after["counts"][table] == sum(len([v for v in j[field].split(sep) if v]) for j in joined.values())
            assert after["counts"]["missing_informed"] == sum(
                1 for e in informed.values() for p, cols in PARTIES.items() if e[cols[0]] is not None)
            assert after["counts"]["tombstone"] == 0
            # Every exchanged row has its own uuid and an updated_at.
            for table in _tables(conn):
                if "uuid" in _columns(conn, table) and table != "tombstone":
                    n, distinct, stamped = conn.execute(text(
                        f'SELECT count(*), count(DISTINCT uuid), count(updated_at) FROM "{table}"')).one()
                    assert n == distinct == stamped, table
    finally:
        db.close()
    assert maintenance.verify(path, "admin", DEMO_PASSWORD).ok


def test_downgrade_restores_the_joined_strings_and_the_columns(full_db, tmp_path):
    path = _copy(full_db, tmp_path)
    db = _open(path)
    try:
        with db.engine.connect() as conn:
            joined, informed = _joined_from_rows(conn), _informed_from_rows(conn)
        head = _snapshot(db)
        schema.downgrade(db, "0004")
        down = _snapshot(db)
        with db.engine.connect() as conn:
            assert {r[0]: dict(zip(LISTS, r[1:], strict=True)) for r in conn.execute(text(
                "SELECT id, nationalities, languages, aliases FROM child"))} == joined
            cols = list(next(iter(informed.values())))
            assert {r[0]: dict(zip(cols, r[1:], strict=True)) for r in conn.execute(text(
                f"SELECT id, {', '.join(cols)} FROM missing_episode"))} == informed
        for table, count in down["counts"].items():
            assert head["counts"][table] == count, table
            keep = set(down["rows"][table][0]) - SYNC - DROPPED.get(table, set())
            assert _rows(down, table, keep) == _rows(head, table, keep), table
        schema.upgrade(db)  # and up again: the same rows
        again = _snapshot(db)
        for table in (*NEW_TABLES - {"tombstone"}, "child", "missing_episode"):
            # Below 0008 the trafficking records go, and with them the flag (the demo has some): up again, none.
            keep = set(head["rows"][table][0]) - SYNC - {"trafficking_flag"}
            assert sorted(map(repr, _rows(again, table, keep))) == sorted(map(repr, _rows(head, table, keep))), table
    finally:
        db.close()


def test_two_current_placements_of_one_child_stop_the_upgrade_before_any_change(full_db, tmp_path):
    path = _copy(full_db, tmp_path)
    db = _open(path)
    try:
        schema.downgrade(db, "0004")
        with db.engine.begin() as conn:  # as an old merge could leave it
            cid, start = conn.execute(text("SELECT child_id, start_date FROM placement WHERE end_date IS NULL "
                                           "ORDER BY id LIMIT 1")).one()
            conn.execute(text("INSERT INTO placement (child_id, setting, carer_name, carer_relationship, carer_address, "
                              "carer_contact, legal_basis, court, court_file_number, contract_party, start_date, "
                              "end_reason, end_note, notes, created_at) VALUES (:c, 'relatives', 'x', 'teta', '', '', "
                              "'agreement', '', '', '', :s, '', '', '', '2026-01-01 00:00:00.000000')"),
                         {"c": cid, "s": start})
        before = _snapshot(db)
        with pytest.raises(StorageError) as err:
            schema.upgrade(db)
        assert str(cid) in err.value.message and "current placement" in err.value.message
        assert schema.current_revision(db) == "0004"
        assert _snapshot(db) == before
        with db.engine.connect() as conn:  # the connection is back to enforcing foreign keys
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        db.close()


def test_a_value_the_checks_refuse_stops_the_upgrade_naming_the_row(full_db, tmp_path):
    path = _copy(full_db, tmp_path)
    db = _open(path)
    try:
        schema.downgrade(db, "0004")
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE child SET age_min = 15, age_max = 12 WHERE id = 7"))
        with pytest.raises(StorageError) as err:
            schema.upgrade(db)
        assert "ck_child_age_range" in err.value.message and "7" in err.value.message
        assert schema.current_revision(db) == "0004"
    finally:
        db.close()
