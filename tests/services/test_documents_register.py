"""Issue 12, checked against the issue's own words: the recipient defaults per kind (the Radlická facility, the
police, the supervisor) in the register and on the page; a police notice is not the police report (only the
recorded report resolves the `police_report` clock); and no child's name in a suggested file name, an audit row,
a log record or an error message."""

from __future__ import annotations

import io
import logging

import pytest
from pypdf import PdfReader

from ospod_desktop.core.errors import NotFound, OspodError, PermissionDenied, ValidationError
from ospod_desktop.services import disclosures, documents, trafficking
from ospod_desktop.services.documents import DocumentRequest
from tests.services.due_helpers import stored
from tests.services.placement_helpers import TODAY
from tests.services.test_documents import PRESENT, full_case
from tests.services.trafficking_helpers import rows, trafficking_office

DEFAULTS = {
    "cs": {"facility": "Zařízení pro děti-cizince, Radlická 30, 150 00 Praha 5", "police": "Policie České republiky",
           "missing": "Policie České republiky", "summary": "Vedoucí"},
    "en": {"facility": "Facility for Foreign Children, Radlická 30, 150 00 Praha 5",
           "police": "Police of the Czech Republic", "missing": "Police of the Czech Republic",
           "summary": "Supervisor"},
}
# the case's child (given, family, original script, alias) and the other child of the office; "Ali" is a word
# part in Czech ("Alimenty"…), so the other child is looked for by family name only
NAMES = ("Oleksandr", "Ševčenko", "Олександр", "Шевченко", "Saša", "Jamal", "Rahimi")


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def office(admin_session, officer_session, db_path):
    with trafficking_office(admin_session[0], officer_session, db_path) as o:
        yield o


@pytest.mark.parametrize("lang", ["cs", "en"])
def test_the_recipient_defaults_per_kind(office, tmp_path, lang):
    case = full_case(office)
    for kind, expected in DEFAULTS[lang].items():
        done = documents.issue(case.officer, DocumentRequest(case.child_id, kind, lang=lang),
                               tmp_path / f"{kind}.pdf")
        entry = disclosures.disclosures(case.officer, case.child_id)[0]
        assert entry.id == done.disclosure_id and entry.recipient == expected, (kind, entry.recipient)
        text = pdf_text(done.rendered.data)
        for line in expected.split(", "):  # the address block prints the default one part a line
            assert line in text, (kind, line)
    typed = documents.issue(case.officer, DocumentRequest(case.child_id, "summary", lang=lang,
                                                          recipient="Mgr. Eva Vedoucí"), tmp_path / "s.pdf")
    assert disclosures.disclosures(case.officer, case.child_id)[0].recipient == "Mgr. Eva Vedoucí"
    assert "Mgr. Eva Vedoucí" in pdf_text(typed.rendered.data)


def test_the_notice_is_not_the_report_only_the_recorded_report_resolves_the_clock(office, tmp_path):
    us, cid = office.officer, office.child_id
    a = trafficking.start_assessment(us, cid)
    trafficking.finish_assessment(us, a.id, PRESENT, "presumed_victim", ["begging"], "", ["CZ"])

    def clock() -> list[tuple]:
        return [k for k in stored(us, cid) if k[0] == "police_report"]

    assert clock(), "a presumed victim must be reported to the police"
    for channel, target in (("saved", tmp_path / "notice.pdf"), ("printed", None)):
        documents.issue(us, DocumentRequest(cid, "police", recipient="KŘP hl. m. Prahy"), target, channel=channel)
    assert [e.kind for e in disclosures.disclosures(us, cid)] == ["police", "police"]
    assert clock(), "issuing the notice is not yet the report"
    trafficking.record_victim_event(us, cid, "police_report", TODAY, body="KŘP hl. m. Prahy", channel="datová schránka")
    assert clock() == []
    # and a notice issued later does not reopen it
    documents.issue(us, DocumentRequest(cid, "police"), tmp_path / "again.pdf")
    assert clock() == []


def _refused(call) -> str:
    with pytest.raises(OspodError) as caught:
        call()
    return f"{type(caught.value).__name__}: {caught.value} {caught.value.args!r}"


def test_no_childs_name_in_file_names_audit_rows_logs_or_errors(office, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    case = full_case(office)
    said: list[str] = []
    for kind in ("facility", "police", "missing", "summary"):
        preview = documents.preview(case.officer, DocumentRequest(case.child_id, kind))
        done = documents.issue(case.officer, DocumentRequest(case.child_id, kind), tmp_path / preview.file_name)
        assert "Oleksandr" in pdf_text(done.rendered.data)  # the name is in the document…
        said += [preview.file_name, done.rendered.file_name, done.rendered.title]
    staff = documents.issue(case.staff, DocumentRequest(case.child_id, "missing"), None, channel="printed")
    said.append(staff.rendered.file_name)
    assert all(name.startswith("ospod-") and name.endswith(".pdf") for name in said[::3])
    disclosures.verify_file(case.officer, tmp_path / said[0])
    refusals = [
        _refused(lambda: documents.issue(case.staff, DocumentRequest(case.child_id, "facility"), tmp_path / "x.pdf")),
        _refused(lambda: documents.issue(case.staff, DocumentRequest(case.other_id, "missing"), tmp_path / "x.pdf")),
        _refused(lambda: documents.issue(case.officer, DocumentRequest(case.other_id, "missing"), tmp_path / "x.pdf")),
        _refused(lambda: documents.preview(case.officer, DocumentRequest(999_999, "summary"))),
        _refused(lambda: documents.issue(case.officer, DocumentRequest(case.child_id, "summary"), tmp_path)),
        _refused(lambda: documents.preview(case.officer, DocumentRequest(case.child_id, "facility", minimal=True))),
    ]
    assert [r.split(":")[0] for r in refusals] == [PermissionDenied.__name__, NotFound.__name__,
                                                   ValidationError.__name__, NotFound.__name__,
                                                   ValidationError.__name__, ValidationError.__name__]
    audit = rows(case.officer, "SELECT action, entity, entity_id, detail FROM audit_log")
    register = rows(case.officer, "SELECT kind, categories, reference, channel, child_reference FROM disclosure")
    assert len(register) == 5 and any("disclosure" in str(row) for row in audit)
    logged = caplog.text + " ".join(r.getMessage() for r in caplog.records)
    for name in NAMES:
        for where, what in (("file names", said), ("errors", refusals), ("audit", audit), ("register", register),
                            ("logs", [logged])):
            assert name not in str(what), (name, where)
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".pdf") == sorted(set(said[0:12:3]))


def test_a_missing_report_is_for_an_open_disappearance_only(office, tmp_path):
    from datetime import UTC, datetime

    from ospod_desktop.services import missing

    case = full_case(office)
    documents.issue(case.officer, DocumentRequest(case.child_id, "missing", episode_id=case.episode_id),
                    tmp_path / "open.pdf")
    missing.record_return(case.officer, case.episode_id, datetime.now(UTC), found_place="Praha")
    before = disclosures.disclosures(case.officer, case.child_id)
    for us in (case.officer, case.staff):
        for episode_id in (case.episode_id, None):  # the returned one named, or none open to default to
            request = DocumentRequest(case.child_id, "missing", episode_id=episode_id)
            with pytest.raises(ValidationError) as refused:
                documents.issue(us, request, tmp_path / "back.pdf")
            assert refused.value.field == "episode_id"
            assert not any(name in str(refused.value) for name in NAMES)
            with pytest.raises(ValidationError):
                documents.preview(us, request)
    assert disclosures.disclosures(case.officer, case.child_id) == before and not (tmp_path / "back.pdf").exists()


def test_a_refused_request_speaks_the_users_language_not_the_documents(office, tmp_path):
    from datetime import UTC, datetime

    from ospod_desktop.services import missing

    case = full_case(office)
    draft = trafficking.start_assessment(case.officer, case.child_id)  # not finished: cannot be reported
    missing.record_return(case.officer, case.episode_id, datetime.now(UTC), found_place="Praha")
    said = {
        (case.other_id, "missing", None, None): "The child is not reported missing",
        (case.child_id, "missing", 999_999, None): "Disappearance: this child has no such record.",
        (case.child_id, "missing", case.episode_id, None): "Disappearance: the child has returned",
        (case.child_id, "police", None, 999_999): "Assessment: this child has no such assessment.",
        (case.child_id, "police", None, draft.id): "Assessment: only a finished assessment can be reported.",
    }
    for (child_id, kind, episode_id, assessment_id), words in said.items():
        request = DocumentRequest(child_id, kind, lang="cs", episode_id=episode_id, assessment_id=assessment_id)
        for target in (None, tmp_path / "x.pdf"):  # the preview, then issuing
            with pytest.raises(ValidationError) as refused:
                if target is None:
                    documents.preview(case.officer, request)
                else:
                    documents.issue(case.officer, request, target)
            assert str(refused.value).startswith(words), str(refused.value)  # English, as the user's session
    assert disclosures.disclosures(case.officer, case.child_id) == []


def test_the_summary_lists_the_documents_disclosed_and_the_chain_head(office, tmp_path):
    from ospod_desktop.services import identity

    case = full_case(office)
    sent = documents.issue(case.officer, DocumentRequest(case.child_id, "facility"), tmp_path / "f.pdf")
    staff = documents.issue(case.staff, DocumentRequest(case.child_id, "missing"), tmp_path / "m.pdf")
    before = identity.audit_head(case.supervisor)
    summary = documents.issue(case.supervisor, DocumentRequest(case.child_id, "summary"), tmp_path / "s.pdf")
    text = pdf_text(summary.rendered.data)
    assert "Poskytnuté dokumenty" in text or "Documents disclosed" in text
    for reference in (sent.rendered.reference, staff.rendered.reference):
        assert reference in text, reference
    assert "disclosures" in summary.rendered.categories and "audit" in summary.rendered.categories
    printed = rows(case.officer, f"SELECT id, hash FROM audit_log WHERE id >= {before[0]} ORDER BY id")
    assert any(f"záznam {n}, otisk {h}" in text for n, h in printed), printed  # the head at printing, in the footer
