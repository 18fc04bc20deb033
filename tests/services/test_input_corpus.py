"""The bad-input corpus and the good one (issue 14, item 9 and the suite's "Bad input corpus").

Bad: every item is refused with a message naming the field (a registration) or the row and column (an import),
and nothing is saved — a file-level problem is one message naming the file. Good: names in Arabic (Persian with
ZWNJ), Cyrillic, Tigrinya, Vietnamese, Czech, Bengali and Devanagari (with their joiners) are accepted and come
back as they went in, through registration and through CSV (as Czech Excel saves it: "CSV UTF-8" with semicolons
and Excel's "Unicode text") and XLSX imports.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import text

from ospod_desktop.core.errors import OspodError, ValidationError
from ospod_desktop.services import children, imports
from tests.conftest import child_form
from tests.services.placement_helpers import RADLICKA, facility_id, pm

TODAY = date.today()
FOUND = TODAY - timedelta(days=30)


def _count(us, table: str) -> int:
    with us.read() as s:
        return s.exec(text(f"SELECT count(*) FROM {table}")).scalar()


# --- registration ---------------------------------------------------------------------------------------------

BAD_TEXT = {
    "zero-width space": "Jan\u200bNovák",
    "left-to-right mark": "Ali\u200e",
    "right-to-left mark": "\u200fمحمد",
    "Arabic letter mark": "محمد\u061c",
    "BOM / zero-width no-break space": "\ufeffAli",
    "word joiner": "Ali\u2060Reza",
    "soft hyphen": "Ali\u00adReza",
    "invisible separator": "Ali\u2063",
    "tag character": "Ali\U000e0041",
    "interlinear annotation": "Ali\ufff9x\ufffb",
    "Mongolian vowel separator": "Ali\u180e",
    "right-to-left override": "Ali\u202eakvoN",
    "isolate": "Ali\u2066x\u2069",
    "control character": "Ali\x07",
    "escape": "Ali\x1b[31m",
    "NUL": "Ali\x00",
    "line separator": "Ali\u2028Reza",
    "ZWNJ at the start": "\u200cمحمد",
    "ZWNJ at the end": "محمد\u200c",
    "ZWNJ between Latin letters": "Al\u200ci",
    "ZWJ between Cyrillic letters": "Ол\u200dег",
    "ZWJ between two scripts": "ب\u200dক",
    "ZWNJ after a space": "علی \u200cرضا",
    "two joiners": "علی\u200c\u200cزاده",
}
FIELDS = ("given_names", "family_names", "original_script_name", "found_place", "notes", "companion_name")


def _form(fld: str, value: str):
    fields: dict = {"given_names": "Ali", "family_names": "Rahimi", fld: value}
    if fld == "companion_name":
        fields.update(status="separated", companion_relationship="uncle")
    return child_form(fields.pop("given_names"), fields.pop("family_names"), "M", **fields)


@pytest.mark.parametrize("fld", FIELDS)
@pytest.mark.parametrize("what", sorted(BAD_TEXT))
def test_bad_text_is_refused_in_every_text_field_naming_it(what, fld):
    """The registration's validation (no database): every item in every kind of text field."""
    from ospod_desktop.core.child_form import validate

    if fld == "notes" and what == "line separator":
        pytest.skip("a note may hold line breaks")
    with pytest.raises(ValidationError) as err:
        validate(_form(fld, BAD_TEXT[what]), TODAY)
    assert err.value.field == fld
    label = err.value.message.split(":")[0]
    assert label and label != err.value.message and fld not in label  # the field's label, not its code


@pytest.mark.parametrize("what", sorted(BAD_TEXT))
def test_bad_text_is_refused_by_registration_and_nothing_is_saved(officer_session, what):
    before = (_count(officer_session, "child"), _count(officer_session, "audit_log"))
    with pytest.raises(ValidationError) as err:
        children.register_child(officer_session, _form("given_names", BAD_TEXT[what]))
    assert err.value.field == "given_names" and err.value.message.startswith("Given")
    assert (_count(officer_session, "child"), _count(officer_session, "audit_log")) == before


def test_the_message_names_the_character_and_is_translated(officer_session):
    from ospod_desktop.core import i18n

    i18n.set_language("cs")
    with pytest.raises(ValidationError) as err:
        children.register_child(officer_session, child_form("Jan\u200b", "Novák", "M"))
    assert err.value.message.startswith("Jméno") and "U+200B" in err.value.message and "neviditeln" in err.value.message
    with pytest.raises(ValidationError) as err:
        children.register_child(officer_session, child_form("Al\u200ci", "Novák", "M"))
    assert "U+200C" in err.value.message and "arabské" in err.value.message


# given, family, original script name
GOOD = [
    ("Mohammad Reza", "Alizadeh", "محمدرضا علی‌زاده"),  # Persian: ZWNJ between Arabic letters
    ("Mahdi", "Niknam", "مهدی نیک‌نام"),
    ("Amina", "Al-Hassan", "أمينة الحسن"),
    ("Oleksandr", "Shevchenko", "Олександр Шевченко"),
    ("Selam", "Tesfay", "ሰላም ተስፋይ"),
    ("Thị Hương", "Nguyễn", ""),
    ("Růžena", "Šťastná", ""),
    ("Rashed", "Khan", "রাশেদ খান"),
    ("Rabbi", "Rahman", "র\u200d্যাবি রহমান"),  # Bengali: ZWJ before the virama (ya-phala after ra)
    ("Kshitij", "Sharma", "क्\u200dषितिज शर्मा"),  # Devanagari: ZWJ after the virama
    ("Sukhpreet", "Kaur", "ਸੁਖਪ੍ਰੀਤ ਕੌਰ"),
]


@pytest.mark.parametrize("given, family, original", GOOD)
def test_good_names_are_accepted_and_round_trip(officer_session, given, family, original):
    cid = children.register_child(officer_session, child_form(given, family, "F", original_script_name=original,
                                                              notes=f"{given} – {original}"))
    view = children.get_child(officer_session, cid)
    nfc = lambda s: unicodedata.normalize("NFC", s)  # noqa: E731
    assert (view.given_names, view.family_names, view.original_script_name) == (nfc(given), nfc(family), nfc(original))
    assert view.notes == nfc(f"{given} – {original}".strip())


# --- import files: good ----------------------------------------------------------------------------------------

HEADER = ["Číslo jednací", "Jméno", "Příjmení", "Jméno v původním písmu", "Pohlaví", "Rok narození",
          "Datum nalezení", "Místo nalezení"]


def _good_rows() -> list[list[str]]:
    found = f"{FOUND.day}.{FOUND.month}.{FOUND.year}"
    return [[f"G-{i}", g, f, o, "Ž", str(2010 + i % 5), found, "Praha – Florenc"] for i, (g, f, o) in enumerate(GOOD)]


def _write(path, kind: str, rows: list[list]) -> None:
    if kind == "csv-utf8":  # Czech Excel's "CSV UTF-8 (s oddělovači)": a BOM, semicolons, CRLF
        path.write_bytes(("\ufeff" + "\r\n".join(";".join(map(str, r)) for r in [HEADER, *rows]) + "\r\n")
                         .encode("utf-8"))
    elif kind == "unicode-text":  # Excel's "Unicode text": UTF-16LE with a BOM, tabs, CRLF
        body = "\r\n".join("\t".join(map(str, r)) for r in [HEADER, *rows]) + "\r\n"
        path.write_bytes("\ufeff".encode("utf-16-le") + body.encode("utf-16-le"))
    else:
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.append(HEADER)
        for r in rows:
            ws.append(r)
        wb.save(path)


@pytest.mark.parametrize("kind, name", [("csv-utf8", "registr.csv"), ("unicode-text", "registr.txt"),
                                        ("xlsx", "registr.xlsx")])
def test_good_names_round_trip_through_import(officer_session, tmp_path, kind, name):
    path = tmp_path / name
    _write(path, kind, _good_rows())
    result = children.import_children(officer_session, path)
    assert not result.errors and len(result.imported) == len(GOOD)
    got = {(children.get_child(officer_session, cid).given_names, children.get_child(officer_session, cid).family_names,
            children.get_child(officer_session, cid).original_script_name) for cid in result.imported}
    assert got == {tuple(unicodedata.normalize("NFC", s) for s in row) for row in GOOD}


# --- import files: bad rows ------------------------------------------------------------------------------------

XHEADER = ["reference", "given_name", "family_name", "sex", "birth_year", "date_of_birth", "found_date", "found_place"]


def _xlsx_row(**cells) -> list:
    row = {"reference": "B-1", "given_name": "Jan", "family_name": "Novák", "sex": "M", "birth_year": None,
           "date_of_birth": None, "found_date": datetime.combine(FOUND, datetime.min.time()), "found_place": "Praha"}
    row.update(cells)
    return [row[h] for h in XHEADER]


BAD_ROWS = {
    "formula without a value": ({"given_name": '=CONCAT("J","an")'}, "given_name"),
    "formula in a date column": ({"found_date": "=TODAY()"}, "found_date"),
    "boolean cell": ({"family_name": True}, "family_name"),
    "boolean year": ({"birth_year": False}, "birth_year"),
    "superscript year": ({"birth_year": "²⁰¹⁰"}, "birth_year"),
    "5,000-digit year": ({"birth_year": "9" * 5000}, "birth_year"),
    "date of birth contradicting the year": ({"birth_year": 2011, "date_of_birth": datetime(2010, 3, 14)},
                                             "birth_year"),
    "impossible date": ({"date_of_birth": "31.2.2010"}, "date_of_birth"),
    "zero-width space in a name": ({"given_name": "Jan\u200b"}, "given_name"),
    "BOM in a name": ({"family_name": "\ufeffNovák"}, "family_name"),
    "right-to-left mark in a place": ({"found_place": "Praha\u200f"}, "found_place"),
}


def _bad_workbook(path, cells: dict) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(XHEADER)
    ws.append(_xlsx_row(reference="OK-1", given_name="Petr", family_name="Dvořák", birth_year=2011))
    ws.append(_xlsx_row(**cells))
    wb.save(path)


@pytest.mark.parametrize("what", sorted(BAD_ROWS))
def test_a_bad_cell_is_the_rows_error_and_skip_invalid_skips_only_that_row(officer_session, tmp_path, what):
    cells, column = BAD_ROWS[what]
    path = tmp_path / "r.xlsx"
    _bad_workbook(path, cells)
    result = children.import_children(officer_session, path)
    assert [(e.row, e.field) for e in result.errors] == [(3, column)]
    assert result.errors[0].message.split(":")[0] and ":" in result.errors[0].message
    assert not result.imported and _count(officer_session, "child") == 0  # nothing saved
    skipped = children.import_children(officer_session, path, skip_invalid=True)
    assert len(skipped.imported) == 1 and _count(officer_session, "child") == 1


def test_bad_cells_in_a_visits_file_are_row_errors(officer_session, tmp_path):
    from openpyxl import Workbook

    cid = children.register_child(officer_session, child_form("Ali", "Rahimi", "M", found_on=FOUND - timedelta(days=60),
                                                              reference="KRPA-1"))
    from ospod_desktop.services import placements

    placements.place_child(officer_session, cid, pm(facility_id(officer_session, RADLICKA), FOUND - timedelta(days=50)))
    day = datetime.combine(FOUND, datetime.min.time())
    wb = Workbook()
    ws = wb.active
    ws.append(["child_reference", "visited_at", "place", "kind", "child_seen", "note"])
    ws.append(["KRPA-1", day, "facility", "planned", True, "ok"])  # a yes/no cell in a yes/no column is fine
    ws.append(["=A2", day, "facility", "planned", 1, ""])
    ws.append(["KRPA-1", day + timedelta(days=1), "facility", "planned", 1, True])
    wb.save(tmp_path / "v.xlsx")
    result = imports.import_visits(officer_session, tmp_path / "v.xlsx")
    assert [(e.row, e.field) for e in result.errors] == [(3, "child_reference"), (4, "note")]
    assert not result.saved and _count(officer_session, "visit") == 0


# --- import files: bad files -------------------------------------------------------------------------------------

def _csv(path, header: str, rows: int = 1) -> None:
    path.write_text(header + "\n" + "".join(f"R-{i},Jan,{FOUND.isoformat()},Praha\n" for i in range(rows)),
                    encoding="utf-8")


def test_a_repeated_header_is_a_file_error_naming_it(officer_session, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("reference,given_name,given_name,found_date,found_place\nR-1,Jan,Petr,2026-01-05,Praha\n",
                    encoding="utf-8")
    with pytest.raises(OspodError) as err:
        children.import_children(officer_session, path)
    assert "“given_name”" in err.value.message and "2" in err.value.message
    assert _count(officer_session, "child") == 0


def test_a_non_zip_xlsx_is_a_clear_file_error(officer_session, tmp_path):
    for data in (b"reference,given_name\nR-1,Jan\n", b"\x00\x01garbage" * 100):
        path = tmp_path / "r.xlsx"
        path.write_bytes(data)
        with pytest.raises(OspodError) as err:
            children.read_table(path)
        assert "r.xlsx" in err.value.message and "zip" in err.value.message


def test_a_zip_that_is_no_workbook_is_a_clear_file_error(tmp_path):
    import zipfile

    path = tmp_path / "r.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hello")
    with pytest.raises(OspodError) as err:
        children.read_table(path)
    assert "r.xlsx" in err.value.message and "XLSX" in err.value.message
