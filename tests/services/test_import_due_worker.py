"""A big import's work shared with the worker process: the due items of the rows likely to be created, started as
soon as the rows are validated (`_import_write.start_due`), and the search texts, once the pairs are scored
(`_import_index`): exactly what the due engine and the search index compute for those children afterwards — also
when the plan creates other children than foreseen, and when there is no worker."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from ospod_desktop.core.child_names import index_texts
from ospod_desktop.services import _parallel, children, due
from ospod_desktop.services.children import _import_index, _import_write
from ospod_desktop.storage import search
from tests.services.test_import_duplicates import AMINA, JIRI, SASHA, _csv

SNAPSHOT = {
    "due_item": "SELECT child_id, kind, due, due_at, source_table, source_id, msgid, params, notes, basis, basis_kind, "
                "policy_version FROM due_item ORDER BY child_id, kind, due, source_table, source_id",
    "due_state": "SELECT child_id, computed_on, refresh_on, policy_version FROM due_state ORDER BY child_id",
    "child_stat": "SELECT child_id, found_on, reg, sex, nats, disputed FROM child_stat ORDER BY child_id",
}


def _snapshot(us):
    with us.read() as s:
        return {name: [tuple(r) for r in s.exec(text(sql)).all()] for name, sql in SNAPSHOT.items()}


def _sent_to_worker(monkeypatch, workers: str = "1") -> list:
    """The worker turned on (or off), and the functions sent to it recorded (the test is skipped on one core)."""
    monkeypatch.setenv("OSPOD_WORKERS", workers)
    if workers == "1" and not _parallel.available():
        pytest.skip("one core: no worker process")
    sent: list = []
    real = _parallel.run_elsewhere
    monkeypatch.setattr(_parallel, "run_elsewhere", lambda fn, *a: sent.append(fn) or real(fn, *a))
    return sent


@pytest.mark.parametrize("workers", ["1", "0"])
def test_due_rows_made_in_advance_are_the_engines_own(officer_session, tmp_path, monkeypatch, workers):
    sent = _sent_to_worker(monkeypatch, workers)
    monkeypatch.setattr(_import_write, "DUE_ELSEWHERE", 2)
    used = []
    real_refresh = due.refresh_new
    monkeypatch.setattr(due, "refresh_new", lambda us, kids, day, made: used.append(made) or real_refresh(us, kids, day, made))
    result = children.import_children(officer_session, _csv(tmp_path, SASHA, AMINA, JIRI))
    assert len(result.imported) == 3
    assert sent.count(due.fresh_batches) == (workers == "1")  # started once, before the commit
    assert (used[0] is not None) == (workers == "1")  # and used after it
    made = _snapshot(officer_session)
    assert len(made["due_item"]) >= 3 and len(made["due_state"]) == 3 and len(made["child_stat"]) == 3
    due.refresh_children(officer_session, result.imported)  # the engine computes them again from the database
    assert _snapshot(officer_session) == made


def test_due_rows_foreseen_for_other_children_are_made_again(officer_session, tmp_path, monkeypatch):
    """A likely duplicate not accepted and skipped: the children created are not those foreseen (the ids move), so
    the rows made in advance are not used; those made after the commit are the engine's own."""
    sent = _sent_to_worker(monkeypatch)
    monkeypatch.setattr(_import_write, "DUE_ELSEWHERE", 2)
    twin = SASHA.replace("KRPA-1", "KRPA-9").replace("Om 1/2026", "")  # row 3: likely the same child as row 2
    result = children.import_children(officer_session, _csv(tmp_path, SASHA, twin, AMINA, JIRI), skip_invalid=True)
    assert len(result.imported) == 3 and [e.row for e in result.errors] == [3]
    assert sent.count(due.fresh_batches) == 2  # foreseen for four, made again for the three
    made = _snapshot(officer_session)
    due.refresh_children(officer_session, result.imported)
    assert _snapshot(officer_session) == made


@pytest.mark.parametrize("workers", ["1", "0"])
def test_search_texts_made_in_the_worker_are_the_index_own(officer_session, tmp_path, monkeypatch, workers):
    sent = _sent_to_worker(monkeypatch, workers)
    monkeypatch.setattr(_import_index, "TEXTS_ELSEWHERE", 2)
    answers = []  # what the worker's futures gave back
    real_result = _parallel.result_or_none
    monkeypatch.setattr(_parallel, "result_or_none", lambda f: answers.append(real_result(f)) or answers[-1])
    result = children.import_children(officer_session, _csv(tmp_path, SASHA, AMINA, JIRI))
    assert len(result.imported) == 3 and (index_texts in sent) == (workers == "1")
    texts = [a for a in answers if isinstance(a, list) and a and isinstance(a[0], str)]
    assert len(texts) == (workers == "1")  # the worker's texts were used
    sql = "SELECT rowid, search_text FROM child_fts ORDER BY rowid"
    with officer_session.read() as s:
        made = [tuple(r) for r in s.exec(text(sql)).all()]
    assert len(made) == 3 and all("sevcenko" in t for _id, t in made[:1])
    with officer_session.db.write() as s:
        search.rebuild(s)  # the index computes every entry again from the database
    with officer_session.read() as s:
        assert [tuple(r) for r in s.exec(text(sql)).all()] == made
