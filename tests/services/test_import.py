"""Bulk import: CSV with or without BOM, comma or semicolon, XLSX, Czech headers, all-or-nothing."""

from __future__ import annotations

from sqlalchemy import text

from ospod_desktop.services import children

HEADER = ("reference", "given_name", "family_name", "original_script_name", "sex", "date_of_birth", "birth_year",
          "nationality", "found_date", "found_place", "status")
ROWS = [
    ["KRPA-1", "Олександр", "Шевченко", "", "M", "2010-05-01", "", "UA", "2026-03-01", "KACPU Praha", "unaccompanied"],
    ["KRPA-2", "Amina", "Haidari", "أمينة حيدري", "F", "", "2011", "AF", "2026-04-01", "Letiště Praha", "separated"],
]


def _csv(path, rows, delimiter=",", bom=False, header=HEADER):
    lines = [delimiter.join(header)] + [delimiter.join(r) for r in rows]
    path.write_bytes((("\ufeff" if bom else "") + "\n".join(lines) + "\n").encode("utf-8"))
    return path


def _count(us):
    with us.read() as s:
        return s.exec(text("SELECT count(*) FROM child")).scalar()


OTHER_ROWS = [
    ["KRPA-3", "Jiří", "Dvořák", "", "M", "2012-01-02", "", "SK", "2026-01-05", "Brno", "unaccompanied"],
    ["KRPA-4", "Sara", "Tesfay", "", "F", "", "2009", "ER", "2026-02-01", "Plzeň", "unaccompanied"],
]


def test_csv_comma_and_semicolon_with_bom(officer_session, tmp_path):
    r1 = children.import_children(officer_session, _csv(tmp_path / "a.csv", ROWS, ",", bom=True))
    r2 = children.import_children(officer_session, _csv(tmp_path / "b.csv", OTHER_ROWS, ";"))
    assert len(r1.imported) == len(r2.imported) == 2 and not r1.errors and not r2.errors
    recs = children.case_list_records(officer_session)
    assert recs[1]["original_script_name"] == "أمينة حيدري" and recs[1]["nationality"] == ["AF"]
    assert recs[0]["reference"] == "KRPA-1" and recs[0]["current_facility"] is None
    assert [r["family_name"] for r in recs[2:]] == ["Dvořák", "Tesfay"]


def test_czech_headers(officer_session, tmp_path):
    header = ["Číslo jednací", "Jméno", "Příjmení", "Jméno v původním písmu", "Pohlaví", "Datum narození",
              "Rok narození", "Státní příslušnost", "Datum nalezení", "Místo nalezení", "Stav"]
    rows = [["1", "Jiří", "Dvořák", "", "muž", "2012-01-02", "", "SK", "2026-01-05", "Brno", "bez doprovodu"]]
    result = children.import_children(officer_session, _csv(tmp_path / "cz.csv", rows, ";", header=header))
    assert not result.errors and len(result.imported) == 1


def test_xlsx(officer_session, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(list(HEADER))
    for r in ROWS:
        ws.append(r)
    wb.save(tmp_path / "r.xlsx")
    result = children.import_children(officer_session, tmp_path / "r.xlsx")
    assert len(result.imported) == 2


def test_invalid_rows_are_reported_and_nothing_is_imported(officer_session, tmp_path):
    bad = ROWS + [
        ["X-3", "Ali", "", "", "Q", "", "", "AF", "2026-01-01", "Praha", ""],
        ["X-4", "Ali", "", "", "M", "2030-01-01", "", "AF", "2026-01-01", "Praha", ""],
        ["X-5", "Ali", "", "", "M", "", "", "ZZ", "2026-01-01", "Praha", ""],
        ["X-6", "Ali", "", "", "M", "", "", "AF", "", "Praha", ""],
    ]
    path = _csv(tmp_path / "bad.csv", bad)
    result = children.import_children(officer_session, path)
    # numbered as a spreadsheet numbers them: the header is row 1, the first data row row 2
    assert [(e.row, e.field) for e in result.errors] == [(4, "sex"), (5, "date_of_birth"), (6, "nationality"),
                                                         (7, "found_date")]
    assert result.imported == [] and _count(officer_session) == 0
    partial = children.import_children(officer_session, path, skip_invalid=True)
    assert len(partial.imported) == 2 and _count(officer_session) == 2
