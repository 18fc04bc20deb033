"""The disclosure register: record() writes the entry and its audit row in the caller's transaction, with the
SHA-256 of the exact bytes; č.j. numbers follow the office's format; entries are listed by scope; a deleted
child's entries stay, a merged child's move."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.roles import Role
from ospod_desktop.services import children, disclosures, identity
from tests.conftest import OFFICER_PASSWORD
from tests.services.placement_helpers import child

PDF = b"%PDF-1.4 fake document\x00\xff"


def _login(admin_session, db_path, name: str, role: Role, facility_id: int | None = None):
    identity.create_user(admin_session[0], name, name.title(), role, OFFICER_PASSWORD, facility_id=facility_id)
    return identity.login(db_path, name, OFFICER_PASSWORD)


def _record(us, child_id: int | None, kind: str = "facility", data: bytes = PDF, **kw) -> int:
    with us.tx() as tx:
        return disclosures.record(tx, child_id=child_id, kind=kind, recipient="Radlická 30",
                                  categories=kw.pop("categories", ("placement", "identity")), data=data, **kw)


def _audit(us, sql: str) -> list[tuple]:
    with us.read() as s:
        return [tuple(r) for r in s.execute(text(sql))]


def test_record_stores_the_hash_of_the_exact_bytes_and_audits_in_the_same_transaction(officer_session):
    cid = child(officer_session)
    rid = _record(officer_session, cid, reference="OSPOD/1/2026", lang="cs")
    [view] = disclosures.disclosures(officer_session, cid)
    assert view.id == rid and view.sha256 == hashlib.sha256(PDF).hexdigest() and view.size == len(PDF)
    assert view.categories == ("identity", "placement")  # the display order of core.documents.CATEGORIES
    assert (view.user, view.user_name, view.kind, view.channel) == ("officer", "Petr Novák", "facility", "saved")
    assert view.issued_at.tzinfo is not None and view.child_reference
    assert _audit(officer_session, "SELECT action, entity, entity_id, detail FROM audit_log ORDER BY id DESC LIMIT 1") \
        == [("export", "disclosure", rid, "facility:saved")]
    data = view.as_json()
    assert data["child"] == {"id": cid, "reference": view.child_reference}
    assert data["issued_at"].endswith("Z") and data["categories"] == ["identity", "placement"]
    assert set(data) == {"id", "child", "kind", "recipient", "issued_at", "user", "categories", "sha256",
                         "reference", "channel", "size", "lang", "anchor"}
    json.dumps(data)


def test_a_failed_transaction_leaves_no_entry_and_no_audit_row(officer_session):
    cid = child(officer_session)
    before = _audit(officer_session, "SELECT count(*) FROM audit_log")
    with pytest.raises(RuntimeError), officer_session.tx() as tx:
        disclosures.record(tx, child_id=cid, kind="police", recipient="PČR", categories=("identity",), data=PDF)
        raise RuntimeError("the file could not be written")
    assert disclosures.disclosures(officer_session, cid) == []
    assert _audit(officer_session, "SELECT count(*) FROM audit_log") == before


def test_wrong_codes_are_refused(officer_session):
    for kw in ({"kind": "letter"}, {"channel": "email"}, {"categories": ("secrets",)}):
        with pytest.raises(ValueError), officer_session.tx() as tx:
            args = {"kind": "facility", "channel": "saved", "categories": ("identity",), **kw}
            disclosures.record(tx, child_id=None, recipient="x", data=b"x", **args)
    assert disclosures.disclosures(officer_session) == []


def test_references_count_per_year_in_the_office_format(officer_session, admin_session):
    issued = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)  # already 2027 in Prague
    with officer_session.tx() as tx:
        assert disclosures.reserve_reference(tx, datetime(2026, 3, 1, tzinfo=UTC)) == ("OSPOD/1/2026", 2026, 1)
    ref, year, number = _reserve_and_record(officer_session, datetime(2026, 3, 1, tzinfo=UTC))
    assert (ref, year, number) == ("OSPOD/1/2026", 2026, 1)
    assert _reserve_and_record(officer_session, datetime(2026, 5, 1, tzinfo=UTC))[0] == "OSPOD/2/2026"
    assert _reserve_and_record(officer_session, issued)[0] == "OSPOD/1/2027"
    office = identity.get_office(admin_session[0])
    identity.update_office(admin_session[0], identity.OfficeProfile(
        office.name, office.address, office.orp, office.letterhead, reference_format="MCP5/OSPOD/{year}/{number}"))
    assert _reserve_and_record(officer_session, datetime(2026, 6, 1, tzinfo=UTC))[0] == "MCP5/OSPOD/2026/3"


def _reserve_and_record(us, when: datetime) -> tuple[str, int, int]:
    with us.tx() as tx:
        ref, year, number = disclosures.reserve_reference(tx, when)
        disclosures.record(tx, child_id=None, kind="summary", recipient="x", categories=(), data=b"x",
                           reference=ref, ref_year=year, ref_number=number, issued_at=when)
    return ref, year, number


def test_a_reserved_number_is_used_once(officer_session):
    _reserve_and_record(officer_session, datetime(2026, 3, 1, tzinfo=UTC))
    with pytest.raises(IntegrityError), officer_session.tx() as tx:
        disclosures.record(tx, child_id=None, kind="summary", recipient="x", categories=(), data=b"y",
                           reference="OSPOD/1/2026", ref_year=2026, ref_number=1)


def test_scope_of_the_register(officer_session, admin_session, db_path):
    admin = admin_session[0]
    cid = child(officer_session)
    doc = _record(officer_session, cid)
    mine = _record(officer_session, None, kind="case_list", categories=("cases",))
    boss = _login(admin_session, db_path, "boss", Role.SUPERVISOR)
    other = _login(admin_session, db_path, "other", Role.OFFICER)
    try:
        theirs = _record(other, None, kind="due_list", categories=("deadlines",))
        assert {v.id for v in disclosures.disclosures(boss)} == {doc, mine, theirs}
        assert {v.id for v in disclosures.disclosures(officer_session)} == {doc, mine}
        assert {v.id for v in disclosures.disclosures(other)} == {doc, theirs}
        assert {v.id for v in disclosures.disclosures(admin)} == {mine, theirs}
        assert [v.id for v in disclosures.disclosures(boss)] == [theirs, mine, doc]  # newest first
    finally:
        boss.close()
        other.close()


def test_a_deleted_child_keeps_its_entries_and_a_merge_moves_them(officer_session, admin_session, db_path):
    boss = _login(admin_session, db_path, "boss", Role.SUPERVISOR)
    try:
        gone, keep, merged = child(boss, "Ali", reference="P5-2026-0042"), child(boss, "Omid"), child(boss, "Omid")
        first = _record(boss, gone)
        moved = _record(boss, merged)
        children.delete_child(boss, gone)
        [entry] = [v for v in disclosures.disclosures(boss) if v.id == first]
        assert entry.child_id is None and entry.child_reference == "P5-2026-0042"
        assert entry.as_json()["child"] == {"id": None, "reference": entry.child_reference}
        children.merge_children(boss, keep, merged)
        assert [v.id for v in disclosures.disclosures(boss, keep)] == [moved]
    finally:
        boss.close()


@pytest.mark.parametrize("fmt", ["", "OSPOD/{year}", "OSPOD/{number}/{rok}", "{number}}", "OSPOD/{number}\u202e"])
def test_the_reference_format_needs_its_number(admin_session, fmt):
    admin = admin_session[0]
    office = identity.get_office(admin)
    with pytest.raises(ValidationError) as err:
        identity.update_office(admin, identity.OfficeProfile(office.name, reference_format=fmt))
    assert err.value.field == "office_reference_format"
    assert identity.get_office(admin) == office  # nothing half-saved
    assert identity.clean_reference_format(" č.j. {number}/{year} ") == "č.j. {number}/{year}"


def test_a_new_office_takes_its_format_from_the_wizard(tmp_path):
    us, _code = identity.initialise(tmp_path / "n.db", identity.OfficeProfile("OSPOD", reference_format="{number}"),
                                    "admin", "Admin", "admin password 2026")
    try:
        assert identity.get_office(us).reference_format == "{number}"
    finally:
        us.close()
    with pytest.raises(ValidationError):
        identity.initialise(tmp_path / "m.db", identity.OfficeProfile("OSPOD", reference_format="{year}"),
                            "admin", "Admin", "admin password 2026")
    assert not (tmp_path / "m.db").exists()
