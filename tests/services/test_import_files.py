"""Files as Czech offices have them: CSV from Czech Excel (Windows-1250, semicolons, CRLF, no BOM, dates as
14.3.2010), Excel's "Unicode text" (UTF-16LE with a BOM, tabs), XLSX with date cells and numbers; row numbers as
the spreadsheet shows them; a file that cannot be read is one message naming it."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from ospod_desktop.core.errors import OspodError, ValidationError
from ospod_desktop.services import children

CZECH_HEADER = ("Číslo jednací;Spisová značka;Příjmení;Jméno;Pohlaví;Datum narození;Rok narození;Státní příslušnost;"
                "Datum nalezení;Místo nalezení;Stav")
# What Czech Excel writes for "CSV (oddělený středníkem)": cp1250 bytes, CRLF, no BOM; a cell with a semicolon or
# quotes is quoted; dates as the cells show them.
CZECH_ROWS = (
    "KRPA-101/ČJ-2026;Om 21/2026;Dvořák;Jiří;muž;14.3.2010;;SK;5.1.2026;Ústí nad Labem;bez doprovodu",
    "KRPA-102/ČJ-2026;;Šťastná;Růžena;žena;14. 3. 2011;;UA;05.01.2026;\"Brno; Černovice – hřiště\";odloučené",
    "KRPA-103/ČJ-2026;;Kůrka;Matěj;M;;2009;SK;2026-01-06;Plzeň;bez doprovodu",
)


def czech_excel_csv(path, rows=CZECH_ROWS):
    path.write_bytes(("\r\n".join([CZECH_HEADER, *rows]) + "\r\n").encode("cp1250"))
    return path


def test_a_csv_from_czech_excel(officer_session, tmp_path):
    path = czech_excel_csv(tmp_path / "registr.csv")
    raw = path.read_bytes()
    assert b"\xf8" in raw and b"\xec" in raw and b"\xf9" in raw and b"\x9a" in raw  # ř ě ů š in cp1250
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = children.read_table(path)
    assert [r.line for r in rows] == [2, 3, 4]
    assert rows[0].values["family_name"] == "Dvořák" and rows[1].values["found_place"] == "Brno; Černovice – hřiště"
    result = children.import_children(officer_session, path)
    assert not result.errors and len(result.imported) == 3
    recs = children.case_list_records(officer_session)
    assert [(r["family_name"], r["given_name"]) for r in recs] == [("Dvořák", "Jiří"), ("Šťastná", "Růžena"),
                                                                  ("Kůrka", "Matěj")]
    assert [r["date_of_birth"] for r in recs] == ["2010-03-14", "2011-03-14", None]
    assert [r["found_date"] for r in recs] == ["2026-01-05", "2026-01-05", "2026-01-06"]
    assert recs[0]["case_mark"] == "Om 21/2026" and recs[1]["status"] == "separated"


def test_excel_unicode_text_utf16_with_tabs(officer_session, tmp_path):
    path = tmp_path / "registr.txt"
    lines = ["Číslo jednací\tJméno\tPříjmení\tJméno v původním písmu\tPohlaví\tDatum narození\tStátní příslušnost\t"
             "Datum nalezení\tMísto nalezení",
             "U-1\tOleksandr\tŠevčenko\tОлександр Шевченко\tM\t1. 5. 2010\tUA\t3.1.2026\tPraha – Florenc",
             "U-2\tAmina\tHaidari\tأمينة حيدري\tŽ\t\tAF\t3.1.2026\tŘevnice"]
    path.write_bytes("\ufeff".encode("utf-16-le") + "\r\n".join(lines).encode("utf-16-le") + "\r\n".encode("utf-16-le"))
    assert path.read_bytes()[:2] == b"\xff\xfe"
    result = children.import_children(officer_session, path)
    assert not result.errors and len(result.imported) == 2
    recs = children.case_list_records(officer_session)
    assert recs[0]["original_script_name"] == "Олександр Шевченко" and recs[0]["date_of_birth"] == "2010-05-01"
    assert recs[1]["original_script_name"] == "أمينة حيدري" and recs[1]["sex"] == "F"


@pytest.mark.parametrize("encoding", ["utf-16-be", "utf-8"])
def test_other_byte_order_marks(tmp_path, encoding):
    path = tmp_path / "r.csv"
    path.write_bytes("\ufeffPříjmení;Jméno\r\nDvořák;Jiří\r\n".encode(encoding))
    assert [r.values for r in children.read_table(path)] == [{"family_name": "Dvořák", "given_name": "Jiří"}]


def test_utf8_without_bom_is_not_taken_for_cp1250(tmp_path):
    path = tmp_path / "r.csv"
    path.write_bytes("Příjmení,Jméno\nŘehoř,Šimon\n".encode())
    assert children.read_table(path)[0].values == {"family_name": "Řehoř", "given_name": "Šimon"}


def test_xlsx_with_date_cells_numbers_and_a_blank_row(officer_session, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Číslo jednací", "Příjmení", "Jméno", "Pohlaví", "Datum narození", "Rok narození",
               "Státní příslušnost", "Datum nalezení", "Místo nalezení"])
    ws.append([12345, "Dvořák", "Jiří", "M", datetime(2010, 3, 14), None, "SK", date(2026, 1, 5), "Brno"])
    ws.append([])  # Excel row 3 is empty
    ws.append(["X-2", "Šťastná", "Růžena", "Ž", None, 2011.0, "UA", "14. 1. 2026", "Ústí nad Labem"])
    ws.append(["X-3", "Kůrka", "Matěj", "M", "31.2.2010", None, "SK", datetime(2026, 1, 6, 0, 0), "Plzeň"])
    ws["E2"].number_format = "d.m.yyyy"
    wb.save(tmp_path / "registr.xlsx")
    rows = children.read_table(tmp_path / "registr.xlsx")
    assert [r.line for r in rows] == [2, 4, 5]
    assert rows[0].values["reference"] == 12345 and rows[1].values["birth_year"] == 2011
    result = children.import_children(officer_session, tmp_path / "registr.xlsx")
    assert [(e.row, e.field, e.message) for e in result.errors] == [
        (5, "date_of_birth", "Date of birth: use a date such as 14.3.2010 or 2010-03-14.")]
    result = children.import_children(officer_session, tmp_path / "registr.xlsx", skip_invalid=True)
    recs = children.case_list_records(officer_session)
    assert [(r["reference"], r["date_of_birth"], r["birth_year"], r["found_date"]) for r in recs] == [
        ("12345", "2010-03-14", 2010, "2026-01-05"), ("X-2", None, 2011, "2026-01-14")]


def test_errors_name_the_row_a_spreadsheet_shows(officer_session, tmp_path):
    """Blank rows and a cell broken over lines (quoted) do not shift the numbers."""
    path = tmp_path / "r.csv"
    path.write_bytes(("Jméno;Pohlaví;Datum nalezení;Místo nalezení;Poznámka\r\n"
                      "Jiří;M;5.1.2026;Brno;\"přišel v noci,\r\nbez dokladů\"\r\n"
                      ";;;;\r\n"
                      "\r\n"
                      "Sara;X;5.1.2026;Plzeň;\r\n").encode("cp1250"))
    result = children.import_children(officer_session, path)
    assert [(e.row, e.field) for e in result.errors] == [(5, "sex")]


@pytest.mark.parametrize("text,expected", [
    ("2010-03-14", date(2010, 3, 14)), ("14.3.2010", date(2010, 3, 14)), ("14. 3. 2010", date(2010, 3, 14)),
    ("14.03.2010", date(2010, 3, 14)), ("4.3.2010", date(2010, 3, 4)), (" 14.\u00a03.\u00a02010 ", date(2010, 3, 14)),
    ("2010-03-14 00:00:00", date(2010, 3, 14)),
])
def test_date_forms(text, expected):
    form = children.row_to_form({"date_of_birth": text, "found_date": text})
    assert form.birth_date == form.found_on == expected


@pytest.mark.parametrize("text", ["31.2.2010", "14.3.10", "2010/03/14", "14/3/2010", "20100314", "2010-W10-1",
                                  "14.3.2010 12:30", "březen 2010", "40251"])
def test_other_date_forms_are_refused_with_the_forms_to_use(text):
    with pytest.raises(ValidationError) as err:
        children.row_to_form({"found_date": text})
    assert err.value.field == "found_date" and "14.3.2010 or 2010-03-14" in err.value.message


def test_a_missing_or_unreadable_file_is_one_message_naming_it(tmp_path):
    cases = {
        tmp_path / "missing.csv": "does not exist",
        tmp_path: "is a folder",
        tmp_path / "old.xls": "old Excel file (XLS)",
        tmp_path / "broken.xlsx": "not a readable Excel workbook",
        tmp_path / "photo.csv": "not a table saved as text",
        tmp_path / "blank.csv": "is empty",
    }
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "photo.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "blank.csv").write_bytes(b"\r\n;;\r\n")
    for path, words in cases.items():
        with pytest.raises(OspodError) as err:
            children.read_table(path)
        assert str(path) in err.value.message and words in err.value.message, err.value.message


def test_two_columns_for_one_field_are_refused(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("Jméno;Příjmení;Křestní jméno\nJiří;Dvořák;Jiří\n", encoding="utf-8")
    with pytest.raises(OspodError) as err:
        children.read_table(path)
    assert err.value.message == "The columns “Jméno”, “Křestní jméno” all mean “Given names”: keep one of them."
