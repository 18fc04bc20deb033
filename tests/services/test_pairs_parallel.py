"""An import's pairs of rows scored by this process and the worker process together (`_pairs.PairsWithin`): the
same likely duplicates, in the same order, as scoring them all here — and the same when the worker fails or is
turned off, or when this process takes back the chunks the worker has not started."""

from __future__ import annotations

import itertools
import time
from concurrent.futures import Future
from datetime import date

import pytest

from ospod_desktop.core import match_batch
from ospod_desktop.core.matching import match
from ospod_desktop.core.names import NameRecord, prepare
from ospod_desktop.services import _parallel, children
from ospod_desktop.services.children import _import, _pairs

GIVEN = ["Mohammad", "Mohamad", "Muhammad", "Olena", "Olha", "Ahmad", "Ahmed", "Dawit", "Yonas", "Amina"]
FAMILY = ["Ahmadi", "Ahmady", "Kovalenko", "Kovalenková", "Tesfaye", "Haile", "Rahimi", "Karimi"]


def _probes():
    records = []
    for n, (g, f) in enumerate(itertools.product(GIVEN, FAMILY)):
        for k in range(4):
            records.append(NameRecord(given_names=g, family_names=f, sex="MF"[(n + k) % 2],
                                      birth_year=2008 + (n * 7 + k) % 4, nationalities=(("AF", "UA", "ER")[k % 3],)))
    records.append(None)  # a row that failed validation has no probe
    records.append(NameRecord(given_names="Amina", family_names="Karimi", birth_date=date(2010, 5, 1)))
    return [prepare(r) if r is not None else None for r in records]


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(_pairs, "PARALLEL_PAIRS", 20)  # the worker joins in from 20 pairs on
    monkeypatch.setattr(_pairs, "CHUNK_PAIRS", 7)  # in chunks of 7 pairs


def _alone(probes, monkeypatch):
    with monkeypatch.context() as m:
        m.setenv("OSPOD_WORKERS", "0")
        return _pairs.PairsWithin(probes).finish()


def _worker(monkeypatch):
    monkeypatch.setenv("OSPOD_WORKERS", "1")
    if not _parallel.available():
        pytest.skip("one core: no worker process")


def test_the_worker_finds_what_this_process_alone_finds(small_batches, monkeypatch):
    probes = _probes()
    _worker(monkeypatch)
    submitted = []
    real = _parallel.run_elsewhere
    monkeypatch.setattr(_parallel, "run_elsewhere", lambda *a: submitted.append(a[0]) or real(*a))
    both = _pairs.PairsWithin(probes).finish()
    assert submitted.count(match_batch.score_loaded) > 10 and len(both) > 20
    alone = _alone(probes, monkeypatch)
    assert both == alone
    for a, b, result in both:  # and each is `match`'s own result
        assert result == match(probes[a], probes[b])


def test_this_process_takes_back_what_the_worker_has_not_started(small_batches, monkeypatch):
    """Begun, the worker scores chunks from the first while this process does other work; `finish` scores chunks
    here from the last, taking back each one the worker has not started, until they meet. Whoever scored which
    chunk, the result is the same."""
    probes = _probes()
    _worker(monkeypatch)
    warm = _parallel.run_elsewhere(match_batch.ready)
    assert warm is not None and warm.result(timeout=120)  # the worker started
    busy = _parallel.run_elsewhere(time.sleep, 0.5)  # the worker busy: the records and the chunks wait in line
    assert busy is not None
    pending = _pairs.PairsWithin(probes)
    futures = [f for f in pending._futures if f is not None]
    assert len(futures) == len(pending._chunks) > 20
    here = pending._here

    def slowly(*args):  # this process slower than the worker, chunk for chunk: they meet near the end
        time.sleep(0.05)
        return here(*args)
    monkeypatch.setattr(pending, "_here", slowly)
    found = pending.finish()
    taken_back = sum(f.cancelled() for f in futures)
    assert 0 < taken_back < len(futures)  # the first by the worker, the last here
    assert found == _alone(probes, monkeypatch)


def test_a_failing_worker_leaves_the_work_to_this_process(small_batches, monkeypatch):
    probes = _probes()
    calls = []

    def broken(*_args):
        calls.append(_args[0])
        future: Future = Future()
        future.set_exception(RuntimeError("worker died"))
        return future
    monkeypatch.setattr(_parallel, "available", lambda: True)
    monkeypatch.setattr(_parallel, "run_elsewhere", broken)
    assert _pairs.PairsWithin(probes).finish() == _alone(probes, monkeypatch)
    assert match_batch.score_loaded in calls


def test_records_the_worker_does_not_hold_are_a_failure_not_a_wrong_answer():
    """A chunk for records never loaded (the load failed) raises, so the importing process scores it itself."""
    with pytest.raises(KeyError):
        match_batch.score_loaded(-1, b"", 0.5)


def test_chunks_held_back_while_this_process_writes_are_scored_after(small_batches, monkeypatch):
    """`pause` takes back the chunks the worker has not started (an import holds the write lock meanwhile);
    `resume` sends them again; the result is the same."""
    probes = _probes()
    _worker(monkeypatch)
    busy = _parallel.run_elsewhere(time.sleep, 1.0)
    assert busy is not None
    pending = _pairs.PairsWithin(probes)
    pending.pause()
    held = list(pending._held)
    assert len(held) > len(pending._chunks) - 3 and all(pending._futures[n] is None for n in held)
    pending.resume()
    assert not pending._held and all(pending._futures[n] is not None for n in held)
    assert pending.finish() == _alone(probes, monkeypatch)


def test_an_import_accepting_duplicates_reports_the_same_matches_as_its_preview(small_batches, monkeypatch,
                                                                                officer_session, tmp_path):
    """With likely duplicates accepted, the rows are written while the pairs are scored, and the matches are
    reported after: the same as the preview finds."""
    _worker(monkeypatch)
    header = "reference;given_name;family_name;sex;birth_year;nationality;found_date;found_place"
    found = date.today().isoformat()
    rows = [f"R-{n};{g};{f};M;{2008 + n % 3};AF;{found};Praha" for n, (g, f) in
            enumerate(itertools.product(GIVEN[:6], FAMILY[:4]))]
    path = tmp_path / "twins.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    preview = children.check_import(officer_session, children.read_table(path))
    result = children.import_children(officer_session, path, accept_duplicates=True)
    assert len(result.imported) == len(rows) and len(result.matches) > 20
    assert [(m.line, m.kind, m.other_line, m.score, m.reasons) for m in result.matches] == [
        (m.line, m.kind, m.other_line, m.score, m.reasons) for m in preview.matches]


def test_an_import_that_fails_after_its_pairs_started_leaves_nothing_in_the_worker(small_batches, monkeypatch,
                                                                                   officer_session, tmp_path):
    _worker(monkeypatch)
    header = "reference;given_name;family_name;sex;birth_year;nationality;found_date;found_place"
    rows = [f"R-{n};{g};{f};M;{2008 + n % 3};AF;{date.today().isoformat()};Praha" for n, (g, f) in
            enumerate(itertools.product(GIVEN[:6], FAMILY[:4]))]
    path = tmp_path / "twins.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")

    def failing(*_args, **_kwargs):
        raise RuntimeError("staging failed")
    monkeypatch.setattr(_import, "prepare_new", failing)
    sent = []
    real = _parallel.run_elsewhere
    monkeypatch.setattr(_parallel, "run_elsewhere", lambda fn, *a: sent.append(fn) or real(fn, *a))
    with pytest.raises(RuntimeError):
        children.import_children(officer_session, path, accept_duplicates=True)
    assert match_batch.load in sent and match_batch.unload in sent  # the worker was given the records, then not
    asked = real(match_batch.loaded)
    assert asked is not None and asked.result(timeout=60) == []
