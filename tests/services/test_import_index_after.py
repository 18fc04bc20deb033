"""The children import writes little under the write lock (issue 14, item 6): its rows, history lines and audit
rows are made (and hashed) before it; the search entries are written after the commit in short transactions of
their own, with the database marked until they are all in, so an import stopped in between is completed by the
next login; audit rows hashed before the lock are chained again when another process wrote one meanwhile."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import text

from ospod_desktop.services import children, identity
from ospod_desktop.services.children import _import, _import_index
from ospod_desktop.storage import audit, busy, search
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD

FOUND = date.today() - timedelta(days=30)
HEADER = "reference;given_name;family_name;sex;birth_year;nationality;found_date;found_place"
NAMES = [("Ahmad", "Karimi"), ("Bilal", "Rashid"), ("Chen", "Wei"), ("Dawit", "Bekele"), ("Emre", "Yilmaz"),
         ("Farid", "Nouri"), ("Goran", "Petrovic"), ("Hamza", "Saleh")]


def _csv(path, names=NAMES, prefix="B"):
    rows = [f"{prefix}-{i};{g};{f};M;{2008 + i % 5};AF;{FOUND.isoformat()};Praha" for i, (g, f) in enumerate(names)]
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def _scalar(us, sql: str):
    with us.read() as s:
        return s.exec(text(sql)).scalar()


def test_entries_are_written_after_the_commit_and_the_mark_is_cleared(officer_session, tmp_path, monkeypatch):
    us = officer_session
    monkeypatch.setattr(_import_index, "INDEX_BATCH", 3)  # 8 children: three short transactions after the commit
    commits: list[int] = []
    real = search.write_absent

    def counted(conn, entries, ids):
        commits.append(_scalar(us, "SELECT count(*) FROM child"))  # another connection: the children are committed
        assert _scalar(us, "PRAGMA user_version") == search.PENDING_VERSION
        return real(conn, entries, ids)

    monkeypatch.setattr(search, "write_absent", counted)
    result = children.import_children(us, _csv(tmp_path / "a.csv"))
    assert len(result.imported) == 8 and commits == [8, 8, 8]
    assert _scalar(us, "SELECT count(*) FROM child_fts") == 8
    assert _scalar(us, "PRAGMA user_version") == search.INDEX_VERSION
    assert children.child_ids(us, children.ListFilter(query="Petrovic")) == [result.imported[6]]
    assert not busy.note_path(us.db.path).exists()


def test_an_import_stopped_before_its_entries_is_completed_at_the_next_login(officer_session, db_path, tmp_path):
    us = officer_session
    with us.db.write() as s:  # the entries cannot be written: as if the process stopped after the commit
        s.exec(text("CREATE TRIGGER refuse BEFORE INSERT ON child_name_key BEGIN SELECT RAISE(ABORT, 'no'); END"))
    result = children.import_children(us, _csv(tmp_path / "a.csv"))
    assert len(result.imported) == 8 and _scalar(us, "SELECT count(*) FROM child") == 8  # the children are in
    assert _scalar(us, "SELECT count(*) FROM child_fts") == 0
    assert _scalar(us, "PRAGMA user_version") == search.PENDING_VERSION
    with us.db.write() as s:
        s.exec(text("DROP TRIGGER refuse"))
    us.close()
    again = identity.login(db_path, "officer", OFFICER_PASSWORD)
    try:
        assert _scalar(again, "PRAGMA user_version") == search.INDEX_VERSION
        assert _scalar(again, "SELECT count(*) FROM child_fts") == 8
        assert _scalar(again, "SELECT count(DISTINCT child_id) FROM child_name_key") == 8
        assert children.child_ids(again, children.ListFilter(query="Karimi")) == [result.imported[0]]
    finally:
        again.close()


def test_a_login_meanwhile_leaves_the_entries_to_the_import_that_writes_them(officer_session, db_path, tmp_path,
                                                                             monkeypatch):
    """While the import writes its entries (its note beside the database), another login does not index them."""
    us = officer_session
    with us.db.write() as s:
        s.exec(text(f"PRAGMA user_version = {search.PENDING_VERSION}"))
    monkeypatch.setattr(busy, "holder_text", lambda _path: "an import of children in process 1, since 10:00:00")
    other = identity.login(db_path, "admin", ADMIN_PASSWORD)
    other.close()
    assert _scalar(us, "PRAGMA user_version") == search.PENDING_VERSION  # untouched: not this login's to finish


def test_audit_rows_hashed_before_the_lock_are_chained_again_when_the_chain_moved(officer_session, admin_session,
                                                                                  db_path, tmp_path, monkeypatch):
    us = officer_session
    real_stage, logins = _import._stage, []

    def stage_then_someone_logs_in(*args, **kwargs):
        out = real_stage(*args, **kwargs)
        if not logins:  # another user's login writes an audit row after the import hashed its own
            logins.append(identity.login(db_path, "admin", ADMIN_PASSWORD))
        return out

    monkeypatch.setattr(_import, "_stage", stage_then_someone_logs_in)
    moved: list[bool] = []
    real_insert = audit.insert_prepared
    monkeypatch.setattr(audit, "insert_prepared", lambda *a, **k: moved.append(real_insert(*a, **k)) or moved[-1])
    before = _scalar(us, "SELECT max(id) FROM audit_log")
    result = children.import_children(us, _csv(tmp_path / "a.csv"))
    logins[0].close()
    assert len(result.imported) == 8 and moved == [True]
    with us.read() as s:
        assert audit.verify(s).ok
        rows = s.exec(text(f"SELECT action, entity_id FROM audit_log WHERE id > {before} ORDER BY id")).all()
    assert rows[0] == ("login_ok", None)
    assert rows[1:9] == [("create", cid) for cid in result.imported]


def test_due_items_of_imported_children_are_those_their_facts_give(officer_session, tmp_path):
    """The import computes its children's due items from the rows it wrote, without reading them back: the same
    items the facts read from the database give (an IPOD and an earlier register date included)."""
    from ospod_desktop.services import due

    us = officer_session
    ipod = (date.today() - timedelta(days=200)).isoformat()
    registered = (date.today() - timedelta(days=400)).isoformat()
    rows = [f"D-{i};{g};{f};M;{2008 + i % 5};AF;{FOUND.isoformat()};Praha;{ipod if i % 2 else ''};"
            f"{registered if i % 3 == 0 else ''}" for i, (g, f) in enumerate(NAMES)]
    path = tmp_path / "d.csv"
    path.write_text("\n".join([HEADER + ";ipod_date;registered_date", *rows]) + "\n", encoding="utf-8")
    result = children.import_children(us, path)
    assert len(result.imported) == 8
    items = ("SELECT child_id, kind, due, due_at, source_table, source_id, msgid, params, notes, basis, basis_kind, "
             "policy_version FROM due_item ORDER BY child_id, kind, due, source_id")
    states = "SELECT child_id, computed_on, refresh_on, policy_version FROM due_state ORDER BY child_id"
    with us.read() as s:
        imported = (s.exec(text(items)).all(), s.exec(text(states)).all())
    assert len(imported[1]) == 8 and len(imported[0]) >= 8
    due.refresh_children(us, result.imported)  # from the facts in the database
    with us.read() as s:
        assert (s.exec(text(items)).all(), s.exec(text(states)).all()) == imported


def test_entries_written_from_the_checks_keys_are_those_a_rebuild_gives(officer_session, tmp_path):
    """The import reuses the blocking keys its duplicate checks computed for the search entries: the same rows as
    the index computed from the stored children (aliases, original script and joined names included)."""
    us = officer_session
    path = tmp_path / "k.csv"
    path.write_text("reference;given_name;family_name;original_script_name;sex;birth_year;found_date;found_place\n"
                    f"K-1;Abdul Karim;Al-Masri;عبد الكريم;M;2010;{FOUND};Praha\n"
                    f"K-2;Олена;Коваленко;;F;2011;{FOUND};Brno\n"
                    f"K-3;Weldemikael;Tesfay Gebre;;M;2009;{FOUND};Plzeň\n", encoding="utf-8")
    ids = children.import_children(us, path, accept_duplicates=True).imported
    assert len(ids) == 3
    query = "SELECT child_id, key FROM child_name_key ORDER BY child_id, key"
    fts = "SELECT rowid, search_text FROM child_fts ORDER BY rowid"
    with us.read() as s:
        written = (s.exec(text(query)).all(), s.exec(text(fts)).all())
    with us.db.write() as s:
        search.rebuild(s, ids)
    with us.read() as s:
        assert (s.exec(text(query)).all(), s.exec(text(fts)).all()) == written
    assert len(written[0]) > 6


def test_list_rows_get_their_uuid_and_time_stamp_as_the_database_gives_them(officer_session, tmp_path):
    """The import hands out the list rows' uuids (sorted, for the unique index) and time stamps itself: in the
    form the database's defaults give a registered child's rows."""
    from tests.conftest import child_form

    us = officer_session
    registered = children.register_child(us, child_form("Sasha", "Ivanenko", "M", birth_year=2010,
                                                        nationalities=("UA",)))
    ids = children.import_children(us, _csv(tmp_path / "a.csv")).imported
    with us.read() as s:
        rows = s.exec(text("SELECT child_id, uuid, updated_at FROM child_nationality ORDER BY child_id")).all()
    assert [r[0] for r in rows] == [registered, *ids]
    assert len({r[1] for r in rows}) == len(rows)
    shape = [(len(u), u[14], len(t), t[4], t[10], t[19]) for _c, u, t in rows]
    assert set(shape) == {(36, "4", 26, "-", " ", ".")}  # "…-4…" uuids; "2026-12-07 08:00:00.123456"
