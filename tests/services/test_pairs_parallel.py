"""An import's pairs of rows scored partly in a second process (`services._parallel`): the same likely duplicates,
in the same order, as scoring them all here — and the same when the worker fails or is turned off."""

from __future__ import annotations

import itertools
from concurrent.futures import Future
from datetime import date

import pytest

from ospod_desktop.core.matching import match
from ospod_desktop.core.names import NameRecord, prepare
from ospod_desktop.services import _parallel
from ospod_desktop.services.children import _duplicates

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
    monkeypatch.setattr(_duplicates, "PARALLEL_PAIRS", 20)  # the worker takes a share from 20 pairs on


def _alone(probes, monkeypatch):
    with monkeypatch.context() as m:
        m.setenv("OSPOD_WORKERS", "0")
        return _duplicates.pairs_within(probes)


def test_the_worker_finds_what_this_process_alone_finds(small_batches, monkeypatch):
    probes = _probes()
    monkeypatch.setenv("OSPOD_WORKERS", "1")
    if not _parallel.available():
        pytest.skip("one core: no worker process")
    submitted = []
    real = _parallel.run_elsewhere
    monkeypatch.setattr(_parallel, "run_elsewhere", lambda *a: submitted.append(a) or real(*a))
    both = _duplicates.pairs_within(probes)
    assert submitted and len(both) > 20
    alone = _alone(probes, monkeypatch)
    assert both == alone
    for a, b, result in both:  # and each is `match`'s own result
        assert result == match(probes[a], probes[b])


def test_a_failing_worker_leaves_the_work_to_this_process(small_batches, monkeypatch):
    probes = _probes()

    def broken(*_args):
        future: Future = Future()
        future.set_exception(RuntimeError("worker died"))
        return future
    monkeypatch.setattr(_parallel, "run_elsewhere", broken)
    assert _duplicates.pairs_within(probes) == _alone(probes, monkeypatch)
