"""The children import's bulk path (issue 14, item 6): checked and staged before the write transaction, inserted
in one: every row's child, lists, search entry, history line, IPOD and audit row as one registration writes them;
all or nothing when the insert fails; a register changed between the checks and the write is checked again."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import text

from ospod_desktop.core import history as H
from ospod_desktop.services import children
from ospod_desktop.services.children import _import
from ospod_desktop.storage import audit, busy
from tests.conftest import child_form

TODAY = date.today()
FOUND = TODAY - timedelta(days=30)
IPOD = TODAY - timedelta(days=10)
HEADER = "reference;given_name;family_name;sex;birth_year;nationality;found_date;found_place;ipod_date"
NAMES = [("Ahmad", "Karimi"), ("Bilal", "Rashid"), ("Chen", "Wei"), ("Dawit", "Bekele"), ("Emre", "Yilmaz"),
         ("Farid", "Nouri"), ("Goran", "Petrovic"), ("Hamza", "Saleh"), ("Ivan", "Kovalenko"), ("Jamal", "Osman")]


def _csv(path, rows):
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def _rows(n: int = 10, ipod_every: int = 3) -> list[str]:
    return [f"B-{i};{g};{f};M;{2008 + i % 5};AF;{FOUND.isoformat()};Praha;{IPOD.isoformat() if i % ipod_every == 0 else ''}"
            for i, (g, f) in enumerate(NAMES[:n])]


def _scalar(us, sql: str):
    with us.read() as s:
        return s.exec(text(sql)).scalar()


def _all(us, sql: str):
    with us.read() as s:
        return s.exec(text(sql)).all()


def test_every_row_is_written_as_a_registration_writes_it(officer_session, tmp_path):
    us = officer_session
    before = _scalar(us, "SELECT max(id) FROM audit_log")
    result = children.import_children(us, _csv(tmp_path / "a.csv", _rows()))
    ids = result.imported
    assert not result.errors and len(ids) == 10 and ids == sorted(ids)
    assert result.children == dict(zip(range(2, 12), ids, strict=True))
    assert _scalar(us, "SELECT count(*) FROM child") == 10
    assert _scalar(us, "SELECT count(DISTINCT uuid) FROM child") == 10
    assert _scalar(us, "SELECT count(*) FROM child_nationality WHERE code = 'AF'") == 10
    assert _scalar(us, "SELECT count(*) FROM child WHERE sort_name = ''") == 0
    assert _scalar(us, "SELECT count(*) FROM child_fts") == 10
    assert _scalar(us, "SELECT count(DISTINCT child_id) FROM child_name_key") == 10
    assert children.child_ids(us, children.ListFilter(query="Kovalenko")) == [ids[8]]
    # history: "registered by import" on each; the IPOD rows (rows 0, 3, 6, 9) with their line
    view = children.get_child(us, ids[0])
    assert view.history[0].entry == H.Registered("import")
    assert any(isinstance(h.entry, H.CareRecorded) for h in view.history)
    ipods = _all(us, "SELECT id, child_id FROM ipod ORDER BY id")
    assert [c for _i, c in ipods] == [ids[0], ids[3], ids[6], ids[9]]
    # audit: one CREATE per child, one UPDATE per IPOD, the summary; the chain holds
    rows = _all(us, f"SELECT action, entity_id, detail FROM audit_log WHERE id > {before} AND action != 'read' "
                    "ORDER BY id")
    assert rows[:10] == [("create", cid, "import") for cid in ids]
    assert rows[10:14] == [("update", cid, f"ipod_import:{i}") for i, cid in ipods]
    assert rows[14] == ("create", None, "import:10") and len(rows) == 15
    with us.read() as s:
        assert audit.verify(s).ok
    # the due items were computed after the commit: every new child has its state
    assert _scalar(us, f"SELECT count(*) FROM due_state WHERE child_id IN ({','.join(map(str, ids))})") == 10
    assert not busy.note_path(us.db.path).exists()


def test_a_failure_during_the_insert_leaves_nothing(officer_session, admin_session, tmp_path):
    us = officer_session
    children.register_child(us, child_form("Sasha", "Ivanenko", "M", birth_year=2010))
    counts = [_scalar(us, f"SELECT count(*) FROM {t}") for t in ("child", "child_history", "child_fts", "ipod",
                                                                    "child_nationality", "audit_log")]
    admin, _code = admin_session
    with admin.db.write() as s:  # the database itself refuses a row half way through the import's inserts
        s.exec(text("CREATE TRIGGER refuse BEFORE INSERT ON child_history WHEN (SELECT count(*) FROM child) > 5 "
                    "BEGIN SELECT RAISE(ABORT, 'refused'); END"))  # after the children rows, before the rest
    with pytest.raises(Exception, match="refused"):
        children.import_children(us, _csv(tmp_path / "a.csv", _rows()))
    after = [_scalar(us, f"SELECT count(*) FROM {t}") for t in ("child", "child_history", "child_fts", "ipod",
                                                                   "child_nationality", "audit_log")]
    assert after == counts
    assert not busy.note_path(us.db.path).exists()
    with admin.db.write() as s:
        s.exec(text("DROP TRIGGER refuse"))
    assert len(children.import_children(us, _csv(tmp_path / "a.csv", _rows())).imported) == 10


def test_a_register_changed_meanwhile_is_checked_again(officer_session, admin_session, tmp_path, monkeypatch):
    """Another user registers KRPA-5 after the import checked its rows and before it writes them: the import sees
    the register changed, checks again, and finds row 7's reference registered — nothing is written."""
    us = officer_session
    real_stage, staged = _import._stage, []

    def stage_then_someone_registers(*args, **kwargs):
        out = real_stage(*args, **kwargs)
        if not staged:
            children.register_child(us, child_form("Hamza", "Saleh", "M", birth_year=2010, reference="B-7"))
        staged.append(out)
        return out

    monkeypatch.setattr(_import, "_stage", stage_then_someone_registers)
    result = children.import_children(us, _csv(tmp_path / "a.csv", _rows()))
    assert len(staged) == 2 and not staged[0].result.errors
    assert [(e.row, e.kind) for e in result.errors] == [(9, children.ErrorKind.REGISTERED)]
    assert result.imported == [] and _scalar(us, "SELECT count(*) FROM child") == 1


def test_duplicates_within_the_file_and_in_the_register_are_flagged_in_bulk(officer_session, tmp_path):
    us = officer_session
    registered = children.register_child(us, child_form("Ahmad", "Karimi", "M", birth_year=2008,
                                                         nationalities=("AF",)))
    rows = _rows(4, ipod_every=99) + [f"B-X;Bilal;Rashid;M;2009;AF;{FOUND.isoformat()};Brno;"]
    result = children.import_children(us, _csv(tmp_path / "a.csv", rows))
    assert result.imported == []  # both likely duplicates are in the way (nothing written)
    kinds = {(m.line, m.kind) for m in result.matches}
    assert (2, _import.MatchKind.REGISTER) in kinds and (6, _import.MatchKind.FILE) in kinds
    assert [m.existing.child_id for m in result.matches if m.line == 2 and m.existing] == [registered]
    accepted = children.import_children(us, _csv(tmp_path / "a.csv", rows), accept_duplicates=True)
    assert len(accepted.imported) == 5 and _scalar(us, "SELECT count(*) FROM child") == 6
