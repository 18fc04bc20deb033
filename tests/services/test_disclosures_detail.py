"""Opening a register entry shows what changed in the child's data since it was issued; a file brought back is
checked against the register: unchanged (match), altered but naming an entry (claimed), or outside scope."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from reportlab.pdfgen import canvas
from sqlalchemy import text

from ospod_desktop.core.errors import NotFound
from ospod_desktop.core.i18n import language
from ospod_desktop.core.roles import Role
from ospod_desktop.services import children, disclosures, identity, placements, visits
from ospod_desktop.services.visits import VisitInput
from tests.conftest import OFFICER_PASSWORD
from tests.services.placement_helpers import RADLICKA, TODAY, child, facility_id, pm, staff


def _pdf(uuid: str, body: str = "Oznámení") -> bytes:
    """A small PDF whose keywords name the entry, as the document builders write them (Czech: UTF-16)."""
    out = io.BytesIO()
    c = canvas.Canvas(out, invariant=1)
    c.setKeywords(["Dětský domov", f"{disclosures.UUID_MARK}{uuid}"])
    c.drawString(72, 720, body)
    c.save()
    return out.getvalue()


def _issue(us, child_id: int | None, data: bytes, uuid: str | None = None, kind: str = "facility",
           when: datetime | None = None) -> int:
    with us.tx() as tx:
        return disclosures.record(tx, child_id=child_id, kind=kind, recipient="Radlická 30", categories=("identity",),
                                  data=data, uuid=uuid, issued_at=when)


def _last_audit(us) -> tuple:
    with us.read() as s:
        return tuple(s.execute(text("SELECT action, entity, entity_id, detail FROM audit_log "
                                    "ORDER BY id DESC LIMIT 1")).one())


def test_the_detail_lists_what_changed_since_issue(officer_session):
    us = officer_session
    cid = child(us, days_ago=30)
    pid = placements.place_child(us, cid, pm(facility_id(us, RADLICKA), TODAY - timedelta(days=20)))
    rid = _issue(us, cid, b"before")
    assert disclosures.disclosure_detail(us, rid).changes == ()
    assert _last_audit(us) == ("read", "disclosure", rid, "")
    children.update_child(us, cid, children.with_form(children.get_child(us, cid), family_names="Rahimy"))
    visits.record_visit(us, cid, VisitInput(visited_on=TODAY, present="vychovatelka", views="Chce zůstat.",
                                            spoken_alone=True, visited_time="10:00"))
    placements.end_placement(us, pid, TODAY, "transfer")
    detail = disclosures.disclosure_detail(us, rid)
    whats = [c.what for c in detail.changes]
    assert "Family names changed" in whats and "New visit" in whats and "Placement changed" in whats
    assert all(c.at >= detail.view.issued_at for c in detail.changes)
    assert {c.user for c in detail.changes if c.what == "New visit"} == {"Petr Novák"}
    with language("cs"):
        worded = [c.what for c in disclosures.disclosure_detail(us, rid).changes]
    assert "Nová návštěva" in worded and "Změněno: Příjmení" in worded and "Změna umístění" in worded
    older = _issue(us, cid, b"older", when=datetime.now(UTC) - timedelta(days=40))
    assert "New placement" in [c.what for c in disclosures.disclosure_detail(us, older).changes]


def test_facility_staff_see_no_visits_among_the_changes(officer_session, admin_session, db_path):
    us = officer_session
    cid = child(us, days_ago=30)
    placements.place_child(us, cid, pm(facility_id(us, RADLICKA), TODAY - timedelta(days=20)))
    worker = staff(admin_session[0], db_path, "vychovatel", RADLICKA)
    try:
        rid = _issue(worker, cid, b"missing report", kind="missing")
        visits.record_visit(us, cid, VisitInput(visited_on=TODAY, present="x", views="Chce zůstat.",
                                                spoken_alone=True, visited_time="10:00"))
        assert [c.what for c in disclosures.disclosure_detail(worker, rid).changes] == []
        assert [c.what for c in disclosures.disclosure_detail(us, rid).changes] == ["New visit"]
        other = _issue(us, cid, b"officer's document")
        with pytest.raises(NotFound):
            disclosures.disclosure_detail(worker, other)  # not one they issued
        assert _last_audit(worker)[3] == "refused"
    finally:
        worker.close()


def test_an_unchanged_file_matches_its_entry(officer_session, tmp_path):
    us = officer_session
    cid = child(us)
    uuid = disclosures.new_uuid()
    data = _pdf(uuid)
    rid = _issue(us, cid, data, uuid)
    result = disclosures.verify_bytes(us, data)
    assert result.match is not None and result.match.id == rid and result.claimed is None and not result.hidden
    assert _last_audit(us) == ("read", "disclosure", rid, "verify:match")
    path = tmp_path / "scan.pdf"
    path.write_bytes(data)
    assert disclosures.verify_file(us, path).match == result.match


def test_an_altered_file_names_the_entry_it_claims_to_be(officer_session):
    us = officer_session
    cid = child(us)
    uuid = disclosures.new_uuid()
    rid = _issue(us, cid, _pdf(uuid), uuid)
    assert uuid in disclosures.claimed_uuids(_pdf(uuid))  # found inside the UTF-16 keywords
    altered = _pdf(uuid, body="Oznámení – upraveno")
    result = disclosures.verify_bytes(us, altered)
    assert result.match is None and result.claimed is not None and result.claimed.id == rid
    assert result.sha256 != result.claimed.sha256
    assert _last_audit(us) == ("read", "disclosure", rid, "verify:claimed")
    stranger = disclosures.verify_bytes(us, _pdf(disclosures.new_uuid()))
    assert (stranger.match, stranger.claimed, stranger.hidden) == (None, None, False)
    assert _last_audit(us) == ("read", "disclosure", None, "verify:none")


def test_an_entry_outside_scope_is_only_said_to_exist(officer_session, admin_session, db_path):
    us = officer_session
    cid = child(us)
    uuid = disclosures.new_uuid()
    data = _pdf(uuid)
    _issue(us, cid, data, uuid)
    admin = admin_session[0]
    result = disclosures.verify_bytes(admin, data)
    assert (result.match, result.claimed, result.hidden) == (None, None, True)
    claimed = disclosures.verify_bytes(admin, _pdf(uuid, body="jiný"))
    assert (claimed.match, claimed.claimed, claimed.hidden) == (None, None, True)
    identity.create_user(admin, "boss", "Boss", Role.SUPERVISOR, OFFICER_PASSWORD)
    boss = identity.login(db_path, "boss", OFFICER_PASSWORD)
    try:
        assert disclosures.verify_bytes(boss, data).match is not None
    finally:
        boss.close()
