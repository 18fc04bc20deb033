"""The input corpus (issue 14's suite), read from data files so it grows without code:
`corpus/bad_inputs.json` is 100% refused — each item by a message naming the field (registration), the column
(an import, through the CLI's own entry point) or the JSON path (a catalogue), nothing saved; `corpus/good_names.json`
is 100% accepted and round-trips exactly: registration -> reading -> the case-list export, and import -> export.

tests/services/test_input_corpus.py checks the same rules case by case (skip-invalid, Czech messages, visits).
"""

from __future__ import annotations

import csv
import io
import json
import sys
import time
import unicodedata
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from ospod_desktop import cli
from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.field_labels import child_label
from ospod_desktop.services import children
from tests.conftest import OFFICER_PASSWORD, child_form

CORPUS = Path(__file__).parent / "corpus"
BAD = json.loads((CORPUS / "bad_inputs.json").read_text(encoding="utf-8"))
GOOD = json.loads((CORPUS / "good_names.json").read_text(encoding="utf-8"))["names"]
TEXT_FIELDS = ("given_names", "family_names", "original_script_name", "found_place", "notes")
FOUND = date.today() - timedelta(days=20)
HEADER = ["reference", "given_name", "family_name", "sex", "birth_year", "date_of_birth", "found_date",
          "found_place", "status"]
nfc = lambda s: unicodedata.normalize("NFC", s)  # noqa: E731


def _expand(value):
    """"REPEAT:x:n" in the corpus is x repeated n times (a 5,000-digit number without 5,000 digits in the file)."""
    if isinstance(value, str) and value.startswith("REPEAT:"):
        _tag, chunk, times = value.split(":", 2)
        return chunk * int(times)
    return value


def _count(us, table: str) -> int:
    with us.read() as s:
        return s.exec(text(f"SELECT count(*) FROM {table}")).scalar()  # noqa: S608


def _cli(args: list[str], monkeypatch, capsys) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(OFFICER_PASSWORD + "\n"))
    code = cli.run_cli([*map(str, args), "--lang", "en"])
    out, err = capsys.readouterr()
    return code, out, err


def _import(path: Path, db_path: Path, monkeypatch, capsys) -> tuple[int, str, str]:
    return _cli(["import", "children", path, "--db", db_path, "--user", "officer", "--password-stdin"],
                monkeypatch, capsys)


def _row(**cells) -> dict:
    row = {"reference": "B-1", "given_name": "Jan", "family_name": "Novák", "sex": "M", "birth_year": "",
           "date_of_birth": "", "found_date": FOUND.isoformat(), "found_place": "Praha", "status": "unaccompanied"}
    row.update(cells)
    return row


def _csv(path: Path, rows: list[dict]) -> Path:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, HEADER, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


# --- bad: registration ------------------------------------------------------------------------------------------

def test_bad_text_is_refused_in_every_text_field_by_its_label_and_nothing_is_saved(officer_session):
    us = officer_session
    before = (_count(us, "child"), _count(us, "audit_log"))
    wrong = []
    for item in BAD["registration_text"]:
        for fld in TEXT_FIELDS:
            if fld in item.get("not_in", ()):
                continue
            fields = {"given_names": "Ali", "family_names": "Rahimi", fld: item["value"]}
            form = child_form(fields.pop("given_names"), fields.pop("family_names"), "M", **fields)
            try:
                children.register_child(us, form)
            except ValidationError as exc:
                if exc.field != fld or not exc.message.startswith(child_label(fld) + ":"):
                    wrong.append((item["what"], fld, exc.field, exc.message))
            else:
                wrong.append((item["what"], fld, "accepted"))
    assert not wrong, wrong
    assert (_count(us, "child"), _count(us, "audit_log")) == before


@pytest.mark.parametrize("item", BAD["registration_fields"], ids=lambda i: i["what"])
def test_contradicting_or_impossible_fields_are_refused_by_the_field(officer_session, item):
    fields = {k: date.fromisoformat(v) if k.endswith("_date") else v for k, v in item["fields"].items()}
    with pytest.raises(ValidationError) as err:
        children.register_child(officer_session, child_form("Ali", "Rahimi", "M", **fields))
    assert err.value.field == item["field"] and err.value.message.startswith(child_label(item["field"]))
    assert _count(officer_session, "child") == 0


# --- bad: import rows and files ---------------------------------------------------------------------------------

def _assert_row_error(code: int, err: str, column: str, us) -> None:
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 1, (code, err)
    assert any(line.startswith(f"Row 2, {column}: ") for line in lines), lines
    assert "unexpected" not in err.lower() and "Traceback" not in err
    assert _count(us, "child") == 0


@pytest.mark.parametrize("item", BAD["import_cells"], ids=lambda i: i["what"])
def test_a_bad_cell_is_refused_naming_its_column(officer_session, db_path, tmp_path, item, monkeypatch, capsys):
    cells = {item["column"]: _expand(item["value"]), **item.get("also", {})}
    path = _csv(tmp_path / "registr.csv", [_row(**cells)])
    code, _out, err = _import(path, db_path, monkeypatch, capsys)
    _assert_row_error(code, err, item["column"], officer_session)


@pytest.mark.parametrize("item", BAD["xlsx_cells"], ids=lambda i: i["what"])
def test_a_formula_or_boolean_cell_is_refused_naming_its_column(officer_session, db_path, tmp_path, item,
                                                                monkeypatch, capsys):
    from openpyxl import Workbook

    row = _row(**{item["column"]: item["formula"] if "formula" in item else item["bool"]})
    wb = Workbook()
    wb.active.append(HEADER)
    wb.active.append([row[h] for h in HEADER])
    wb.save(tmp_path / "registr.xlsx")
    code, _out, err = _import(tmp_path / "registr.xlsx", db_path, monkeypatch, capsys)
    _assert_row_error(code, err, item["column"], officer_session)


def _bomb(path: Path, megabytes: int) -> None:
    """An XLSX whose one sheet unpacks to `megabytes` MB of rows (a few MB on disk)."""
    row = b"<row><c t='inlineStr'><is><t>Jan</t></is></c></row>" * 20_000
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", "<Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'/>")
        z.writestr("xl/workbook.xml", "<workbook><sheets><sheet name='a' sheetId='1' r:id='rId1'/></sheets></workbook>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b"<worksheet><sheetData>")
            for _ in range(megabytes * 1024 * 1024 // len(row) + 1):
                sheet.write(row)
            sheet.write(b"</sheetData></worksheet>")


@pytest.mark.parametrize("item", BAD["import_files"], ids=lambda i: i["what"])
def test_a_bad_file_is_one_clear_message_naming_it(officer_session, db_path, tmp_path, item, monkeypatch, capsys):
    path = tmp_path / item["name"]
    if "text" in item:
        path.write_text(item["text"], encoding="utf-8")
    elif "hex" in item:
        path.write_bytes(bytes.fromhex(item["hex"]) * 50)
    elif "zip" in item:
        with zipfile.ZipFile(path, "w") as z:
            for name, content in item["zip"].items():
                z.writestr(name, content)
    else:
        _bomb(path, item["bomb_mb"])
    started = time.monotonic()
    code, _out, err = _import(path, db_path, monkeypatch, capsys)
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 2 and len(lines) == 1 and lines[0].startswith("Error: "), (code, lines)
    assert item["names"] in lines[0] and "unexpected" not in lines[0].lower()
    assert time.monotonic() - started < 20  # a bomb is refused from the zip's directory, not unpacked
    assert _count(officer_session, "child") == 0


# --- bad: catalogue files ---------------------------------------------------------------------------------------

def _catalogue_text(item: dict) -> bytes:
    if "hex" in item:
        return bytes.fromhex(item["hex"])
    if "text" in item:
        return _expand(item["text"]).encode()
    from ospod_desktop.paths import resource

    data = json.loads(resource("indicators", "default.json").read_text(encoding="utf-8"))
    if "delete" in item:
        *parent, last = item["delete"]
        target = data
        for key in parent:
            target = target[key]
        del target[last]
    else:
        *parent, last = item["set"]
        target = data
        for key in parent:
            target = target[key]
        value = item["value"]
        if isinstance(value, str) and value.startswith("@"):  # another value of the catalogue
            ref = data
            for key in value[1:].split("."):
                ref = ref[int(key)] if key.isdigit() else ref[key]
            value = ref
        target[last] = value
    return json.dumps(data, ensure_ascii=False).encode()


@pytest.mark.parametrize("item", BAD["catalogues"], ids=lambda i: i["what"])
def test_a_malformed_catalogue_is_refused_naming_the_json_path(tmp_path, item, monkeypatch, capsys):
    path = tmp_path / "catalogue.json"
    path.write_bytes(_catalogue_text(item))
    code, out, err = _cli(["catalogue", "check", path, "--format", "json"], monkeypatch, capsys)
    assert code == 1, (code, out, err)
    problems = json.loads(out)
    assert problems and all(p["message"] for p in problems)
    assert any(p["path"] == item["path"] or p["path"].startswith(item["path"]) for p in problems), problems


# --- good -------------------------------------------------------------------------------------------------------

def _exported(db_path: Path, monkeypatch, capsys) -> list[dict]:
    code, out, err = _cli(["list", "--db", db_path, "--user", "officer", "--password-stdin", "--format", "csv"],
                          monkeypatch, capsys)
    assert code == 0, err
    return list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))


def test_the_corpus_holds_what_it_says():
    assert any("\u200c" in original for *_n, original, _what in GOOD)  # Persian with ZWNJ
    assert any("\u200d" in original for *_n, original, _what in GOOD)  # Bengali with ZWJ


def test_good_names_are_accepted_and_round_trip_through_registration_and_export(officer_session, db_path,
                                                                                monkeypatch, capsys):
    us = officer_session
    ids = {}
    for n, (given, family, original, what) in enumerate(GOOD):
        ids[children.register_child(us, child_form(given, family, "F", original_script_name=original,
                                                   notes=f"{what}: {given} {original}", reference=f"G-{n}"))] = n
    for cid, n in ids.items():
        given, family, original, what = GOOD[n]
        view = children.get_child(us, cid)
        assert (view.given_names, view.family_names, view.original_script_name) == (
            nfc(given), nfc(family), nfc(original)), what
        assert view.notes == nfc(f"{what}: {given} {original}").strip()
    rows = {int(r["id"]): r for r in _exported(db_path, monkeypatch, capsys)}
    for cid, n in ids.items():
        given, family, original, what = GOOD[n]
        r = rows[cid]
        assert (r["given_name"], r["family_name"], r["original_script_name"]) == (
            nfc(given), nfc(family), nfc(original)), what


def test_good_names_round_trip_through_an_import_and_the_export(officer_session, db_path, tmp_path, monkeypatch,
                                                                capsys):
    rows = [_row(reference=f"GI-{n}", given_name=g, family_name=f, original_script_name=o, sex="F",
                 birth_year=str(2008 + n % 8)) for n, (g, f, o, _w) in enumerate(GOOD)]
    path = tmp_path / "registr.csv"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, [*HEADER, "original_script_name"], lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    code, out, err = _cli(["import", "children", path, "--db", db_path, "--user", "officer", "--password-stdin",
                           "--accept-duplicates"], monkeypatch, capsys)
    assert code == 0 and f"Imported {len(GOOD)} of {len(GOOD)} rows." in out, err
    exported = {r["reference"]: r for r in _exported(db_path, monkeypatch, capsys)}
    for n, (given, family, original, what) in enumerate(GOOD):
        r = exported[f"GI-{n}"]
        assert (r["given_name"], r["family_name"], r["original_script_name"]) == (
            nfc(given), nfc(family), nfc(original)), what
