"""A big import's due items made in the worker process while it stages (`Prepared.start_due`): exactly what the
due engine computes for those children afterwards; and made here when there is no worker."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from ospod_desktop.services import _parallel, children, due
from ospod_desktop.services.children import _import_write
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


@pytest.mark.parametrize("workers", ["1", "0"])
def test_due_rows_made_in_advance_are_the_engines_own(officer_session, tmp_path, monkeypatch, workers):
    monkeypatch.setenv("OSPOD_WORKERS", workers)
    if workers == "1" and not _parallel.available():
        pytest.skip("one core: no worker process")
    monkeypatch.setattr(_import_write, "DUE_ELSEWHERE", 2)
    sent = []
    real = _parallel.run_elsewhere
    monkeypatch.setattr(_parallel, "run_elsewhere", lambda fn, *a: sent.append(fn) or real(fn, *a))
    result = children.import_children(officer_session, _csv(tmp_path, SASHA, AMINA, JIRI))
    assert len(result.imported) == 3
    assert (due.fresh_batches in sent) == (workers == "1")
    made = _snapshot(officer_session)
    assert len(made["due_item"]) >= 3 and len(made["due_state"]) == 3 and len(made["child_stat"]) == 3
    due.refresh_children(officer_session, result.imported)  # the engine computes them again from the database
    assert _snapshot(officer_session) == made
