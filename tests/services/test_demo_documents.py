"""The demo's documents (issue 12): real PDFs issued through the document services and recorded in the disclosure
register — by the officers, the supervisor and the facility staff, in the demo's past, the same children for the same
seed — on a real demo database (test_demo.py's module fixture) and on a small one whose PDFs the test keeps."""

from __future__ import annotations

import hashlib
import io
from datetime import UTC, date, datetime

import pytest
from pypdf import PdfReader

from ospod_desktop.demo import builder as demo
from ospod_desktop.services import disclosures, documents, identity
from ospod_desktop.storage import keyslots
from tests.conftest import FAST_KDF
from tests.services.test_demo import _query, built  # noqa: F401  (built: the shared fixture)

SMALL = 60


def _entries(path, username: str = "supervisor") -> list[disclosures.DisclosureView]:
    us = identity.login(path, username, demo.DEMO_PASSWORD)
    try:
        return disclosures.disclosures(us)
    finally:
        us.close()


def _at(value) -> datetime:
    return datetime.fromisoformat(str(value)).replace(tzinfo=UTC)


def _build_keeping_pdfs(path, seed: int, monkeypatch) -> list[documents.IssuedDocument]:
    """Build a small demo; every document the stage issues is kept (the stage calls the real service)."""
    issued: list[documents.IssuedDocument] = []
    real = documents.issue

    def keep(*args, **kwargs):
        done = real(*args, **kwargs)
        issued.append(done)
        return done

    monkeypatch.setattr(keyslots, "DEFAULT_KDF", FAST_KDF)
    monkeypatch.setattr(documents, "issue", keep)
    demo.build_demo(path, children=SMALL, seed=seed)
    return issued


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo-documents") / "demo.db"
    with pytest.MonkeyPatch.context() as mp:
        issued = _build_keeping_pdfs(path, 2026, mp)
    return path, issued


def test_the_register_lists_every_kind_of_document_and_an_export(built):  # noqa: F811
    path = built[0]
    entries = _entries(path)
    kinds = {e.kind for e in entries}
    assert {"facility", "police", "missing", "summary", "due_list"} <= kinds
    documents_issued = [e for e in entries if e.child_id is not None]
    assert 6 <= len(documents_issued) <= 14
    assert 4 <= len({e.child_id for e in documents_issued}) <= 12  # children overlap: a victim also missing
    assert {e.user for e in documents_issued} == {"officer", "supervisor", "facility"}  # spread over the users
    export = [e for e in entries if e.child_id is None]
    assert [(e.kind, e.user, e.categories) for e in export] == [("due_list", "facility", ("deadlines",))]
    for e in entries:
        assert len(e.sha256) == 64 and int(e.sha256, 16) >= 0 and e.size > (1000 if e.child_id else 0), e
        assert e.channel in ("saved", "printed")
    for e in documents_issued:
        assert "identity" in e.categories, e
        assert e.reference.startswith("OSPOD/") and e.lang in ("cs", "en"), e
    assert {e.channel for e in documents_issued} == {"saved", "printed"}
    assert any(e.lang == "en" for e in documents_issued)
    summaries = [e for e in documents_issued if e.kind == "summary"]
    assert summaries and all(e.user == "supervisor" and "audit" in e.categories for e in summaries)


def test_issued_in_the_demos_past_numbered_in_time_order(built):  # noqa: F811
    path = built[0]
    entries = [e for e in _entries(path) if e.child_id is not None]
    now = datetime.now(UTC)
    created = {r["id"]: _at(r["created_at"]) for r in _query(path, "SELECT id, created_at FROM child")}
    for e in entries:
        assert created[e.child_id] <= e.issued_at <= now, e
    by_year: dict[int, list[disclosures.DisclosureView]] = {}
    for e in sorted(entries, key=lambda e: (e.issued_at, e.id)):
        by_year.setdefault(int(e.reference.rsplit("/", 1)[1]), []).append(e)
    for year, issued in by_year.items():  # the register's numbers run with time, from 1 each year
        assert [e.reference for e in issued] == [f"OSPOD/{n}/{year}" for n in range(1, len(issued) + 1)]


def test_police_notices_follow_the_recorded_reports(built):  # noqa: F811
    path = built[0]
    reports = _query(path, "SELECT child_id, occurred_on, body FROM victim_event WHERE kind = 'police_report'")
    notices = [e for e in _entries(path) if e.kind == "police"]
    assert notices
    for e in notices:  # the notice went to the unit the report names, the day the report was made
        days = {date.fromisoformat(str(r["occurred_on"])[:10]) for r in reports
                if r["child_id"] == e.child_id and r["body"] == e.recipient}
        assert any(abs((e.issued_at.date() - d).days) <= 1 for d in days), e
        assert e.user != "facility" and "indicators" in e.categories


def test_the_facility_staff_report_a_missing_child_and_see_only_their_own(built):  # noqa: F811
    path = built[0]
    everything = _entries(path)
    staff = _entries(path, "facility")
    mine = [e for e in everything if e.user == "facility"]
    assert staff == mine and len(staff) >= 2
    reports = [e for e in staff if e.kind == "missing"]
    assert reports, "no missing-child report by the facility staff"
    for e in reports:  # the staff's version: no risk factors, no trafficking indicators
        assert not {"risk", "indicators", "assessment", "notes"} & set(e.categories), e
    open_episodes = {r["child_id"] for r in _query(path, "SELECT child_id FROM missing_episode "
                                                         "WHERE returned_at IS NULL")}
    assert {e.child_id for e in reports} <= open_episodes  # missing now
    officers = [e for e in everything if e.kind == "missing" and e.user != "facility"]
    assert officers and officers[0].child_id in {e.child_id for e in reports}
    assert officers[0].issued_at > min(e.issued_at for e in reports if e.child_id == officers[0].child_id)


def test_the_register_holds_the_hash_of_each_pdf_really_rendered(small):
    path, issued = small
    assert len(issued) >= 3
    us = identity.login(path, "supervisor", demo.DEMO_PASSWORD)
    try:
        entries = {e.id: e for e in disclosures.disclosures(us)}
        for doc in issued:
            entry = entries[doc.disclosure_id]
            data = doc.rendered.data
            assert data.startswith(b"%PDF-") and entry.sha256 == hashlib.sha256(data).hexdigest()
            assert entry.size == len(data) and entry.kind == doc.rendered.request.kind
            assert doc.path is None or not doc.path.exists()  # the temporary folder is gone
            assert disclosures.verify_bytes(us, data).match == entry
            text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
            assert entry.reference in text
        assert disclosures.verify_bytes(us, issued[0].rendered.data + b"\n").match is None
    finally:
        us.close()


def test_the_same_seed_issues_about_the_same_children(small, tmp_path, monkeypatch):
    path, issued = small
    again = _build_keeping_pdfs(tmp_path / "again.db", 2026, monkeypatch)

    def choice(docs):
        return [(d.rendered.request.kind, d.rendered.request.child_id, d.rendered.request.episode_id,
                 d.rendered.request.assessment_id) for d in docs]

    assert choice(again) == choice(issued)
    other = _build_keeping_pdfs(tmp_path / "other.db", 7, monkeypatch)
    assert choice(other) != choice(issued)

