"""`export stats`, run as a user would (a subprocess, the password on stdin) against a real database: every format
re-read (csv module, openpyxl, pypdf) and compared with the JSON of the same data; one register entry per export
with the SHA-256 of the file's exact bytes; `--suppress 0` exact, the default 5 shows "<5"; no child's name, birth
date, reference or notes, nor the exporting officer's name, in any export; every refusal one line naming the
option, exit 2, nothing written."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlmodel import select

from ospod_desktop.core.roles import Entity, Role
from ospod_desktop.core.stats.tables import TABLES
from ospod_desktop.services import children, disclosures, identity, placements
from ospod_desktop.storage.models import AuditEntry
from tests.cli.test_cli import run
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD, child_form

TODAY = date.today()
START, END = TODAY - timedelta(days=100), TODAY
BIRTH = date(TODAY.year - 15, 3, 17)
SECRETS = ("Zyxwanda", "Qorbelius", "Vlkodlačí", "Petr Novák", "REF-TAJNE-991", "POZNAMKA-TAJNA-7731", "Om 4471/2026",
           BIRTH.isoformat(), f"{BIRTH.day}. {BIRTH.month}. {BIRTH.year}", BIRTH.strftime("%d.%m.%Y"),
           BIRTH.strftime("%b %-d, %Y"), BIRTH.strftime("%-m/%-d/%y"))
FORMATS = ("json", "csv", "xlsx", "pdf")


@pytest.fixture
def office(admin_session, db_path):
    """An officer, a supervisor, Radlická's staff; three children found in the period (marker names, notes and a
    birth date that must never reach an export), one found before it. Returns the database's path."""
    admin, _ = admin_session
    radlicka = next(f.id for f in placements.list_facilities(admin) if f.code == "ZDC-RADLICKA")
    identity.create_user(admin, "officer", "Petr Novák", Role.OFFICER, OFFICER_PASSWORD)
    identity.create_user(admin, "chief", "Vedoucí Oddělení", Role.SUPERVISOR, OFFICER_PASSWORD)
    identity.create_user(admin, "radlicka", "Radlická staff", Role.FACILITY_STAFF, OFFICER_PASSWORD, radlicka)
    us = identity.login(db_path, "officer", OFFICER_PASSWORD)
    try:
        for i, (given, family, sex, nat) in enumerate((("Zyxwanda", "Vlkodlačí", "F", ("AF",)),
                                                       ("Qorbelius", "Vlkodlačí", "M", ("SY", "TR")),
                                                       ("Zyxwanda", "Qorbelius", "M", ()))):
            children.register_child(us, child_form(
                given, family, sex, birth_date=BIRTH, nationalities=nat, found_on=TODAY - timedelta(days=10 + i),
                reference=f"REF-TAJNE-99{i + 1}", case_mark=f"Om 447{i + 1}/2026", notes="POZNAMKA-TAJNA-7731"))
        children.register_child(us, child_form("Qorbelius", "Starý", "M", nationalities=("UA",),
                                               found_on=START - timedelta(days=1)))
    finally:
        identity.logout(us)
    return db_path


def export(db, out, *extra, user="officer", fmt="json", start=START, end=END, lang="en", password=OFFICER_PASSWORD):
    return run("export", "stats", "--db", db, "--user", user, "--password-stdin", "--from", start, "--to", end,
               "--format", fmt, "--out", out, *extra, stdin=password + "\n", lang=lang)


def statistics_entries(db) -> list[dict]:
    r = run("disclosures", "--db", db, "--user", "chief", "--password-stdin", "--format", "json",
            stdin=OFFICER_PASSWORD + "\n")
    assert r.returncode == 0, r.stderr
    return [e for e in json.loads(r.stdout) if e["kind"] == "statistics"]


def _value(text: str) -> int | str:
    return int(text) if text.isdigit() else text


def reread(fmt: str, data: bytes) -> dict:
    """The tables as the file holds them: {table: {key: count or "<N"/"x"}} (PDF: every value as text)."""
    if fmt == "json":
        return json.loads(data)["tables"]
    if fmt == "csv":
        import csv

        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        assert rows[0] == ["from", "to", "suppressed_below", "table", "key", "value"]
        out: dict = {}
        for row in rows[1:]:
            out.setdefault(row[3], {})[row[4]] = _value(row[5])
        return out
    if fmt == "xlsx":
        wb = load_workbook(io.BytesIO(data))
        assert wb.sheetnames[0] == "about"
        return {ws.title: {k: v for k, _label, v in list(ws.iter_rows(values_only=True))[1:]}
                for ws in wb.worksheets[1:]}
    lines = [ln.strip() for page in PdfReader(io.BytesIO(data)).pages for ln in page.extract_text().splitlines()]
    starts = [i for i, ln in enumerate(lines) if ln in TABLES] + [len(lines)]
    out = {}
    for i, j in zip(starts, starts[1:], strict=False):
        segment = lines[i + 1:j]
        cells = {}
        for n, ln in enumerate(segment):
            if ln.endswith(")") and "(" in ln and n + 1 < len(segment):
                key = ln[ln.rindex("(") + 1:-1]
                value = segment[n + 1]
                if value.isdigit() or value.startswith("<") or value == "x":
                    cells[key] = value
        out[lines[i]] = cells
    return out


def all_text(fmt: str, data: bytes) -> str:
    """Everything in the file a person or a program could read: for XLSX every part of the zip, for PDF the text
    and the document's metadata."""
    if fmt == "xlsx":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "\n".join(z.read(name).decode("utf-8", "replace") for name in z.namelist())
    if fmt == "pdf":
        reader = PdfReader(io.BytesIO(data))
        meta = " ".join(str(v) for v in (reader.metadata or {}).values())
        return meta + "\n" + "\n".join(page.extract_text() for page in reader.pages)
    return data.decode("utf-8-sig")


def test_every_format_matches_the_json_and_each_export_is_registered(office, tmp_path):
    files = {}
    for fmt in FORMATS:
        out = tmp_path / f"statistika.{fmt}"
        r = export(office, out, fmt=fmt)
        assert r.returncode == 0 and r.stderr == "", r.stderr
        digest = hashlib.sha256(out.read_bytes()).hexdigest()
        assert r.stdout.strip() == (f"Statistics written: {out} ({fmt}, {START.isoformat()} to {END.isoformat()}, "
                                    f"SHA-256 {digest}).")
        files[fmt] = out.read_bytes()
    doc = json.loads(files["json"])
    assert (doc["from"], doc["to"], doc["suppressed_below"]) == (START.isoformat(), END.isoformat(), 5)
    assert list(doc["tables"]) == list(TABLES)
    for table in ("registered_by_status", "registered_by_sex", "registered_by_age_group", "registered_by_citizenship",
                  "registered_by_citizenship_group", "presumed_by_sex", "presumed_by_age_group", "presumed_by_form",
                  "presumed_by_citizenship", "identified_by_sex", "assisted_by_sex", "disappearances"):
        assert list(doc["tables"][table])[-1] == "total"
    assert reread("csv", files["csv"]) == doc["tables"]
    assert reread("xlsx", files["xlsx"]) == doc["tables"]
    assert reread("pdf", files["pdf"]) == {t: {k: str(v) for k, v in cells.items()} for t, cells in doc["tables"].items()}

    entries = statistics_entries(office)
    assert len(entries) == len(FORMATS)  # one entry per export
    by_hash = {e["sha256"]: e for e in entries}
    for data in files.values():
        e = by_hash[hashlib.sha256(data).hexdigest()]
        assert (e["child"], e["channel"], e["user"], e["categories"]) == (None, "cli", "officer", ["statistics"])


def test_suppress_0_is_exact_and_the_default_shows_lt5(office, tmp_path):
    exact, shared = tmp_path / "exact.json", tmp_path / "shared.json"
    assert export(office, exact, "--suppress", "0").returncode == 0
    assert export(office, shared).returncode == 0
    e, s = json.loads(exact.read_bytes()), json.loads(shared.read_bytes())
    assert e["suppressed_below"] == 0 and s["suppressed_below"] == 5
    assert e["tables"]["registered_by_sex"] == {"M": 2, "F": 1, "U": 0, "total": 3}
    assert e["tables"]["registered_by_citizenship"] == {"AF": 1, "SY": 1, "TR": 1, "unknown": 1, "total": 3}
    assert "registered_by_citizenship" in e["multiple"]
    assert s["tables"]["registered_by_sex"]["total"] == "<5"
    assert s["tables"]["registered_by_sex"]["U"] == 0  # zeros stay
    assert all(v in (0, "<5", "x") for cells in s["tables"].values() for v in cells.values())
    # the audit row says what was exported, never a count
    us = identity.login(office, "chief", OFFICER_PASSWORD)
    try:
        with us.read() as session:
            details = session.exec(select(AuditEntry.detail).where(AuditEntry.entity == Entity.STATISTICS,
                                                                   AuditEntry.action == "export")).all()
    finally:
        identity.logout(us)
    period = f"from:{START.isoformat()};to:{END.isoformat()}"
    assert sorted(details) == sorted([f"format:json;{period};suppress:0", f"format:json;{period};suppress:5"])


def test_no_childs_data_in_any_export(office, tmp_path):
    for fmt in FORMATS:
        for n in ("0", "5"):
            out = tmp_path / f"s{n}.{fmt}"
            assert export(office, out, "--suppress", n, fmt=fmt, lang="cs").returncode == 0
            text = all_text(fmt, out.read_bytes())
            for secret in SECRETS:
                assert secret not in text, (fmt, n, secret)
            if fmt in ("xlsx", "pdf"):  # the markers would be found: the labels are there, in Czech
                assert "Evidované děti podle pohlaví" in text and "Celkem (děti)" in text, fmt


def test_xlsx_and_pdf_speak_the_chosen_language(office, tmp_path):
    cs, en = tmp_path / "cs.xlsx", tmp_path / "en.pdf"
    assert export(office, cs, fmt="xlsx", lang="cs").returncode == 0  # the file is Czech unless --lang en
    assert export(office, en, "--lang", "en", fmt="pdf", lang="cs").returncode == 0
    sheet = load_workbook(cs)["registered_by_sex"]
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)][-1] == "Celkem (děti)"
    assert "Registered children by sex" in all_text("pdf", en.read_bytes())


BAD = [
    (("--from", "2026-13-01"), "--from:"),
    (("--to", "včera"), "--to:"),
    (("--from", "2026-06-01", "--to", "2026-05-31"), "--from:"),
    (("--suppress", "2"), "--suppress:"),
    (("--suppress", "1"), "--suppress:"),
    (("--suppress", "-1"), "--suppress:"),
    (("--suppress", "pět"), "--suppress:"),
    (("--suppress", "1001"), "--suppress:"),
    (("--format", "docx"), "--format:"),
    (("--from", "1999-12-31"), "--from:"),
    (("--to", (TODAY + timedelta(days=400)).isoformat()), "--to:"),
]


def test_a_bad_option_is_one_line_exit_2_and_nothing_written(office, tmp_path):
    out = tmp_path / "stats.json"
    for args, option in BAD:
        given = dict(zip(args[::2], args[1::2], strict=True))
        r = run("export", "stats", "--db", office, "--user", "officer", "--password-stdin",
                "--from", given.get("--from", START), "--to", given.get("--to", END),
                "--format", given.get("--format", "json"), "--suppress", given.get("--suppress", "5"), "--out", out,
                stdin=OFFICER_PASSWORD + "\n")
        assert r.returncode == 2 and r.stdout == "", args
        (line,) = r.stderr.splitlines()
        assert line.startswith(f"Error: {option} "), (args, line)
        assert not out.exists() and list(tmp_path.iterdir()) == [tmp_path / "office"], args
    assert statistics_entries(office) == []


def test_a_bad_option_is_told_in_czech(office, tmp_path):
    out = tmp_path / "stats.json"
    r = export(office, out, start="2026-02-30", lang="cs")
    assert r.returncode == 2 and r.stderr.strip() == "Chyba: --from: „2026-02-30“ není datum (RRRR-MM-DD)."
    r = export(office, out, "--suppress", "2", lang="cs")
    assert r.returncode == 2 and r.stderr.startswith("Chyba: --suppress: ") and len(r.stderr.splitlines()) == 1
    assert not out.exists()


@pytest.mark.parametrize(("user", "password"), [("radlicka", OFFICER_PASSWORD), ("admin", ADMIN_PASSWORD)])
def test_facility_staff_and_administrators_are_refused(office, tmp_path, user, password):
    out = tmp_path / "stats.csv"
    r = export(office, out, user=user, password=password, fmt="csv")
    assert r.returncode == 2 and r.stdout == ""
    (line,) = r.stderr.splitlines()
    assert line == "Error: Your role does not allow this action."
    assert not out.exists() and statistics_entries(office) == []


def test_the_register_verifies_an_exported_file(office, tmp_path):
    out = tmp_path / "stats.pdf"
    assert export(office, out, fmt="pdf").returncode == 0
    r = run("disclosures", "verify", "--db", office, "--user", "chief", "--password-stdin", out,
            stdin=OFFICER_PASSWORD + "\n")
    assert r.returncode == 0, r.stdout + r.stderr
    assert json.loads(r.stdout)["kind"] == "statistics"
    out.write_bytes(out.read_bytes() + b"\n")
    assert run("disclosures", "verify", "--db", office, "--user", "chief", "--password-stdin", out,
               stdin=OFFICER_PASSWORD + "\n").returncode == 1
    us = identity.login(office, "chief", OFFICER_PASSWORD)
    try:
        assert [e.kind for e in disclosures.disclosures(us)] == ["statistics"]
    finally:
        identity.logout(us)
