"""`import placements` with files as Czech Excel writes them (Windows-1250, semicolons, Czech headers and dates)
and XLSX: placements added with their history and audit; errors by row and column; one bad row saves nothing;
an overlap with a placement already recorded; a reference that names no child or several; the caps of an
expiry after extensions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import text
from sqlmodel import select

from ospod_desktop.core.deadlines import add_months
from ospod_desktop.core.errors import PermissionDenied
from ospod_desktop.core.history_decode import decode
from ospod_desktop.core.roles import Role
from ospod_desktop.services import children, identity, imports, placements
from ospod_desktop.storage.placement_tables import Placement
from tests.conftest import OFFICER_PASSWORD, child_form
from tests.services.placement_helpers import RADLICKA, TODAY, count, facility_id, pm

FOUND = TODAY - timedelta(days=200)
D1 = TODAY - timedelta(days=150)  # the first placement
D2 = TODAY - timedelta(days=100)  # the transfer
CZ = "%d.%m.%Y"
HEADER = ("Číslo jednací;Kód zařízení;Umístění u;Pečující osoba;Vztah;Právní titul;Smlouva s;Od;Do;Důvod ukončení;"
          "Datum rozhodnutí;Platnost do;Důvod výjimky;Soud;Sp. zn. soudu;Diagnostický pobyt")


def cz(day: date) -> str:
    return f"{day.day}.{day.month}.{day.year}"  # as Czech Excel shows a date: 5.1.2026


def row(ref="KRPA-1", code="", setting="", carer="", relation="", basis="preliminary_measure", party="",
        start=D1, end=None, reason="", decision=None, expiry=None, exception="", court="OS pro Prahu 5",
        file_number="29 Nc 1/2026", diagnostic="") -> str:
    decision = decision or (start if court else None)  # a court's decision on the day the placement starts
    cells = [ref, code, setting, carer, relation, basis, party, cz(start), cz(end) if end else "", reason,
             cz(decision) if decision else "", cz(expiry) if expiry else "", exception, court, file_number, diagnostic]
    return ";".join(cells)


def czech_csv(path, *rows):
    path.write_bytes(("\r\n".join([HEADER, *rows]) + "\r\n").encode("cp1250"))
    return path


def register(us, reference: str, **fields) -> int:
    return children.register_child(us, child_form("Ali", "Rahimi", "M", found_on=FOUND, reference=reference, **fields))


def history_codes(us, child_id: int) -> list[str]:
    with us.read() as s:
        return [r[0] for r in s.exec(text(f"SELECT field FROM child_history WHERE child_id = {child_id} ORDER BY id"))]


def stored(us, *ids: int) -> list[Placement]:
    """The placements (all, or those of `ids`) as plain rows that outlive the session."""
    with us.read() as s:
        rows = [s.get(Placement, i) for i in ids] if ids else list(s.exec(select(Placement).order_by(Placement.id)))
        for r in rows:
            s.expunge(r)
    return rows


def audit_details(us) -> list[str]:
    with us.read() as s:
        return [r[0] for r in s.exec(text("SELECT detail FROM audit_log ORDER BY id"))]


def test_a_register_from_czech_excel(officer_session, tmp_path):
    a, b = register(officer_session, "KRPA-1"), register(officer_session, "KRPA-2")
    path = czech_csv(
        tmp_path / "umisteni.csv",
        row(code="ZDVOP-PRAHA4", basis="ZDVOP na základě smlouvy", party="ospod", start=D1, end=D2, reason="transfer",
            court="", file_number="", diagnostic="ano"),
        row(code=RADLICKA.lower(), basis="předběžné opatření", start=D2, decision=D2, expiry=add_months(D2, 3)),
        row(ref="KRPA-2", setting="relatives", carer="Marie Řeháková", relation="teta", basis="agreement",
            court="", file_number=""),
    )
    assert path.read_bytes().count(b";") > 30 and "Řeháková".encode("cp1250") in path.read_bytes()
    result = imports.import_placements(officer_session, path)
    assert not result.errors and result.saved and result.children == {2: a, 3: a, 4: b}
    zdvop, radlicka, aunt = stored(officer_session)
    assert (zdvop.setting, zdvop.legal_basis, zdvop.contract_party, zdvop.end_reason) == (
        "zdvop", "zdvop_contract", "ospod", "transfer")
    assert zdvop.diagnostic_stay is True and radlicka.diagnostic_stay is None
    assert radlicka.previous_id == zdvop.id and radlicka.facility_id == facility_id(officer_session, RADLICKA)
    assert (radlicka.court, radlicka.court_file_number, radlicka.expiry_date) == (
        "OS pro Prahu 5", "29 Nc 1/2026", add_months(D2, 3))
    assert (aunt.setting, aunt.carer_name, aunt.carer_relationship, aunt.facility_id) == (
        "relatives", "Marie Řeháková", "teta", None)
    assert history_codes(officer_session, a)[-3:] == ["placement", "placement_end", "placement"]
    assert history_codes(officer_session, b)[-1] == "placement"
    details = audit_details(officer_session)
    assert details[-4:] == [f"placement_import:{zdvop.id}", f"placement_import:{radlicka.id}",
                            f"placement_import:{aunt.id}", "placement_import:3"]
    # the child's page reads the chain: the transfer is a transfer
    chain = placements.child_placements(officer_session, a)
    assert chain.current is not None and chain.current.id == radlicka.id and chain.current.previous_id == zdvop.id


def test_xlsx_with_date_cells_and_english_headers(officer_session, tmp_path):
    from openpyxl import Workbook

    cid = register(officer_session, "KRPA-7")
    wb = Workbook()
    ws = wb.active
    ws.append(["child_reference", "facility_code", "legal_basis", "start_date", "decision_date", "expiry_date",
               "court", "file_number", "diagnostic_stay"])
    ws.append(["KRPA-7", RADLICKA, "preliminary_measure", D1, D1, None, "OS Praha 5", "29 Nc 7/2026", 1])
    path = tmp_path / "placements.xlsx"
    wb.save(path)
    result = imports.import_placements(officer_session, path)
    assert not result.errors and len(result.imported) == 1
    (p,) = stored(officer_session)
    assert (p.child_id, p.start_date, p.decision_date, p.expiry_date, p.diagnostic_stay) == (cid, D1, D1, None, True)


def test_one_bad_row_saves_nothing_and_names_row_and_column(officer_session, tmp_path):
    register(officer_session, "KRPA-1")
    register(officer_session, "KRPA-2")
    before = (count(officer_session, "placement"), count(officer_session, "child_history"),
              count(officer_session, "audit_log"))
    path = czech_csv(tmp_path / "u.csv",
                     row(code=RADLICKA),
                     row(ref="KRPA-2", code="NO-SUCH-CODE"),
                     row(ref="KRPA-2", code=RADLICKA, file_number=""),
                     row(ref="KRPA-2", code=RADLICKA, start=D2, basis="adoption"))
    result = imports.import_placements(officer_session, path)
    assert [(e.row, e.field) for e in result.errors] == [(3, "facility_code"), (4, "file_number"), (5, "legal_basis")]
    assert result.errors[0].message == "Facility code: no facility of the register has this code."
    assert result.errors[1].message == "Court file number: this field is required."
    assert result.errors[2].message.startswith("Legal basis: use one of: preliminary_measure, ")
    assert not result.saved and result.imported == [] and result.skipped == [3, 4, 5]
    assert (count(officer_session, "placement"), count(officer_session, "child_history"),
            count(officer_session, "audit_log")) == before
    # --skip-invalid: the good row only
    result = imports.import_placements(officer_session, path, skip_invalid=True)
    assert result.saved and len(result.imported) == 1 and list(result.children) == [2]


def test_an_overlap_with_a_placement_already_recorded_and_within_the_file(officer_session, tmp_path):
    cid = register(officer_session, "KRPA-1")
    placements.place_child(officer_session, cid, pm(facility_id(officer_session, RADLICKA), D2))
    path = czech_csv(tmp_path / "u.csv", row(code="ZDVOP-PRAHA4", basis="urgent_care", start=D1, court="",
                                             file_number=""))
    result = imports.import_placements(officer_session, path)
    assert [(e.row, e.field) for e in result.errors] == [(2, "start_date")]
    assert "overlaps the placement at" in result.errors[0].message and count(officer_session, "placement") == 1
    # two rows of the file that overlap each other: the later one is in the way
    other = register(officer_session, "KRPA-9")
    path = czech_csv(tmp_path / "v.csv", row(ref="KRPA-9", code=RADLICKA, start=D1),
                     row(ref="KRPA-9", code="ZDVOP-PRAHA4", basis="urgent_care", start=D2, court="", file_number=""))
    result = imports.import_placements(officer_session, path)
    assert [(e.row, e.field) for e in result.errors] == [(3, "start_date")] and not result.saved
    assert placements.child_placements(officer_session, other).placements == ()


def test_a_reference_that_names_no_child_or_several(officer_session, tmp_path):
    register(officer_session, "KRPA-1")
    register(officer_session, "KRPA-1")  # the same reference twice: the office must merge them first
    path = czech_csv(tmp_path / "u.csv", row(ref="KRPA-1", code=RADLICKA), row(ref="KRPA-404", code=RADLICKA),
                     row(ref="", code=RADLICKA))
    result = imports.import_placements(officer_session, path)
    assert [(e.row, e.field) for e in result.errors] == [(2, "child_reference"), (3, "child_reference"),
                                                         (4, "child_reference")]
    assert "several registered children have this reference (records no. 1, 2)" in result.errors[0].message
    assert result.errors[1].message == ("Child's reference: no registered child has this reference; import the "
                                        "children first.")
    assert count(officer_session, "placement") == 0


def test_an_expiry_after_extensions_within_the_caps_or_with_a_reason(officer_session, tmp_path):
    register(officer_session, "KRPA-1")
    register(officer_session, "KRPA-2")
    register(officer_session, "KRPA-3")
    start = TODAY - timedelta(days=60)
    path = czech_csv(tmp_path / "u.csv",
                     row(code=RADLICKA, start=start, decision=start, expiry=add_months(start, 6)),  # the 6 months
                     row(ref="KRPA-2", code=RADLICKA, start=start, decision=start, expiry=add_months(start, 7)),
                     row(ref="KRPA-3", code="ZDVOP-PRAHA4", basis="zdvop_contract", party="child", start=start,
                         expiry=add_months(start, 6) + timedelta(days=1), court="", file_number=""))
    result = imports.import_placements(officer_session, path)
    assert [(e.row, e.field) for e in result.errors] == [(3, "expiry_date"), (4, "expiry_date")]
    assert "give the reason in exception_reason" in result.errors[0].message
    reason = "Řízení ve věci samé probíhá"
    path = czech_csv(tmp_path / "v.csv",
                     row(code=RADLICKA, start=start, decision=start, expiry=add_months(start, 6)),
                     row(ref="KRPA-2", code=RADLICKA, start=start, decision=start, expiry=add_months(start, 7),
                         exception=reason),
                     row(ref="KRPA-3", code="ZDVOP-PRAHA4", basis="zdvop_contract", party="child", start=start,
                         expiry=add_months(start, 6), court="", file_number=""))
    result = imports.import_placements(officer_session, path)
    assert not result.errors and len(result.imported) == 3
    (second,) = stored(officer_session, result.imported[1])
    assert second.exception_reason == reason and second.expiry_date == add_months(start, 7)


def test_dry_run_checks_and_saves_nothing(officer_session, tmp_path):
    register(officer_session, "KRPA-1")
    path = czech_csv(tmp_path / "u.csv", row(code=RADLICKA))
    before = count(officer_session, "audit_log")
    result = imports.import_placements(officer_session, path, dry_run=True)
    assert not result.errors and not result.saved and result.added == 1 and result.imported == []
    assert count(officer_session, "placement") == 0 and count(officer_session, "audit_log") == before


def test_history_lines_read_back_typed(officer_session, tmp_path):
    cid = register(officer_session, "KRPA-1")
    imports.import_placements(officer_session, czech_csv(tmp_path / "u.csv", row(code=RADLICKA, end=D2,
                                                                                 reason="returned_to_family")))
    with officer_session.read() as s:
        rows = s.exec(text(f"SELECT field, old_value, new_value FROM child_history WHERE child_id = {cid} "
                           "ORDER BY id")).all()
    entries = [decode(*r) for r in rows][-2:]
    assert [type(e).__name__ for e in entries] == ["PlacementRecorded", "PlacementEnded"]
    assert entries[1].end_date == D2 and entries[1].reason == "returned_to_family"  # type: ignore[attr-defined]


def test_facility_staff_may_not_import(admin_session, db_path, tmp_path):
    admin, _code = admin_session
    identity.create_user(admin, "staff", "Staff", Role.FACILITY_STAFF, OFFICER_PASSWORD, facility_id(admin, RADLICKA))
    staff = identity.login(db_path, "staff", OFFICER_PASSWORD)
    with pytest.raises(PermissionDenied):
        imports.import_placements(staff, czech_csv(tmp_path / "u.csv", row(code=RADLICKA)))
