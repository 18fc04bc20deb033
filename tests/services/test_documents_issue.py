"""Document services, issuing: the PDF written atomically and recorded in the disclosure register in one
transaction (the register's SHA-256 is the file's; the audit row in the same transaction); a failing write leaves
neither a row nor a file; a preview is not a disclosure."""

from __future__ import annotations

import hashlib
import io
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader

from ospod_desktop.core.errors import PermissionDenied, ValidationError
from ospod_desktop.services import disclosures, documents
from ospod_desktop.services.documents import DocumentRequest
from tests.services.test_documents import full_case
from tests.services.trafficking_helpers import rows, trafficking_office

NOW = datetime.now(UTC)


def register(us) -> list[tuple]:
    return rows(us, "SELECT id, child_id, kind, sha256, size, reference, ref_number, channel, categories, uuid "
                    "FROM disclosure ORDER BY id")


@pytest.fixture
def case(admin_session, officer_session, db_path):
    with trafficking_office(admin_session[0], officer_session, db_path) as o:
        yield full_case(o)


@pytest.fixture
def out(tmp_path):
    """A folder for the documents (the database lives in tmp_path/office)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_issue_writes_the_file_and_records_it(case, out):
    target = out / "notice.pdf"
    done = documents.issue(case.officer, DocumentRequest(case.child_id, "police", recipient="KŘP Praha, odbor 2"),
                           target)
    data = target.read_bytes()
    assert data.startswith(b"%PDF") and data == done.rendered.data and done.path == target
    [row] = register(case.officer)
    (rid, child_id, kind, sha, size, reference, number, channel, categories, uuid) = row
    assert (rid, child_id, kind, channel) == (done.disclosure_id, case.child_id, "police", "saved")
    assert sha == hashlib.sha256(data).hexdigest() == done.rendered.sha256 and size == len(data)
    assert reference == done.rendered.reference == f"OSPOD/1/{NOW.year}" and number == 1
    assert set(categories.split(",")) == set(done.rendered.categories) and "indicators" in categories
    assert f"ospod-document:{uuid}" in (PdfReader(io.BytesIO(data)).metadata or {}).get("/Keywords", "")
    assert "Oleksandr" in pdf_text(data) and reference in pdf_text(data)
    assert done.rendered.file_name == f"ospod-police-{case.child_id}-{NOW.astimezone().date().isoformat()}.pdf"
    # the audit row: written in the same transaction, right after the register row
    audit = rows(case.officer, "SELECT action, entity, entity_id, detail FROM audit_log ORDER BY id DESC LIMIT 1")
    assert audit == [("export", "disclosure", rid, "police:saved")]
    assert [v.id for v in disclosures.disclosures(case.officer, case.child_id)] == [rid]
    assert not [p for p in out.iterdir() if p.name != "notice.pdf"]  # no temporary file left


def test_numbers_run_and_a_typed_reference_takes_none(case, out):
    first = documents.issue(case.officer, DocumentRequest(case.child_id, "facility"), out / "a.pdf")
    typed = documents.issue(case.officer, DocumentRequest(case.child_id, "summary", reference="MPSV-7/2026"),
                            out / "b.pdf")
    second = documents.issue(case.officer, DocumentRequest(case.child_id, "missing"), None, channel="printed")
    assert [r[5:7] for r in register(case.officer)] == [
        (f"OSPOD/1/{NOW.year}", 1), ("MPSV-7/2026", None), (f"OSPOD/2/{NOW.year}", 2)]
    assert first.rendered.reference == f"OSPOD/1/{NOW.year}" and typed.rendered.reference == "MPSV-7/2026"
    assert second.path is None and register(case.officer)[2][7] == "printed"


def test_minimal_notice_records_identity_only(case, out):
    done = documents.issue(case.officer, DocumentRequest(case.child_id, "police", minimal=True), out / "m.pdf")
    assert done.rendered.categories == ("identity",)
    text = pdf_text(done.rendered.data)
    assert "Oleksandr" in text and "Ševčenko" in text
    for other in ("FX123456", "Олександр", "Radlická 30", "Indikátor", "REF-1", "KRPA"):
        assert other not in text, other


def test_staff_issue_the_missing_report_only(case, out):
    done = documents.issue(case.staff, DocumentRequest(case.child_id, "missing"), out / "s.pdf")
    assert "risk" not in done.rendered.categories
    text = pdf_text(done.rendered.data)
    assert "převaděčům" not in text and "zelená mikina" in text
    with pytest.raises(PermissionDenied):
        documents.issue(case.staff, DocumentRequest(case.child_id, "facility"), out / "f.pdf")
    assert len(register(case.officer)) == 1 and not (out / "f.pdf").exists()


@pytest.mark.parametrize("where", ["missing folder", "parent is a file"])
def test_a_failing_write_leaves_no_row_and_no_file(case, out, where):
    if where == "missing folder":
        target = out / "nowhere" / "notice.pdf"
    else:
        (out / "file").write_bytes(b"x")
        target = out / "file" / "notice.pdf"
    audit_before = rows(case.officer, "SELECT count(*) FROM audit_log")
    with pytest.raises(ValidationError) as err:
        documents.issue(case.officer, DocumentRequest(case.child_id, "police"), target)
    assert err.value.field == "target" and "Oleksandr" not in str(err.value)
    assert register(case.officer) == [] and not target.exists()
    assert rows(case.officer, "SELECT count(*) FROM audit_log") == audit_before
    assert sorted(p.name for p in out.iterdir()) == ([] if where == "missing folder" else ["file"])
    # the number was not taken
    done = documents.issue(case.officer, DocumentRequest(case.child_id, "police"), out / "ok.pdf")
    assert done.rendered.reference == f"OSPOD/1/{NOW.year}"


def test_a_failing_record_leaves_no_file(case, out, monkeypatch):
    target = out / "notice.pdf"

    def broken(*args, **kwargs):
        raise RuntimeError("register unavailable")

    monkeypatch.setattr(disclosures, "record", broken)
    with pytest.raises(RuntimeError):
        documents.issue(case.officer, DocumentRequest(case.child_id, "police"), target)
    assert list(out.iterdir()) == [] and register(case.officer) == []


def test_preview_is_not_a_disclosure(case, out):
    shown = documents.preview(case.officer, DocumentRequest(case.child_id, "summary", lang="en"))
    assert shown.data.startswith(b"%PDF") and shown.reference == f"OSPOD/1/{NOW.year}"
    assert shown.sha256 == hashlib.sha256(shown.data).hexdigest() and shown.title == "Case summary"
    assert register(case.officer) == []
    audit = rows(case.officer, "SELECT action, entity, entity_id, detail FROM audit_log ORDER BY id DESC LIMIT 1")
    assert audit == [("read", "child", case.child_id, "document_preview:summary")]
    typed = documents.preview(case.officer, DocumentRequest(case.child_id, "police", reference="X-1"))
    assert typed.reference == "X-1" and register(case.officer) == []
    done = documents.issue(case.officer, DocumentRequest(case.child_id, "summary", lang="en"), out / "s.pdf")
    assert done.rendered.reference == shown.reference  # the number the preview said it would get


def test_channel_and_target_are_checked(case, out):
    for target, channel in [(None, "saved"), (out / "x.pdf", "printed"), (out, "saved"),
                            (out / "x.pdf", "fax")]:
        with pytest.raises(ValidationError):
            documents.issue(case.officer, DocumentRequest(case.child_id, "police"), target, channel=channel)
    assert register(case.officer) == []
