"""`ospod-desktop import children` as an officer runs it: a file from Czech Excel, the same file again, updates of
registered children, likely duplicates refused or accepted, a file that is not there; exit codes 0, 1 and 2."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from tests.cli.test_cli import PASSWORD, run

FOUND = (date.today() - timedelta(days=2)).strftime("%-d.%-m.%Y")  # as Czech Excel writes a date: 5.1.2026
HEADER = "Číslo jednací;Spisová značka;Příjmení;Jméno;Pohlaví;Datum narození;Státní příslušnost;Datum nalezení;" \
         "Místo nalezení;Stav"
DVORAK = f"KRPA-1/ČJ-2026;Om 3/2026;Dvořák;Jiří;muž;14.3.2010;SK;{FOUND};Ústí nad Labem;bez doprovodu"
RUZENA = f"KRPA-2/ČJ-2026;;Šťastná;Růžena;žena;14. 3. 2011;UA;{FOUND};Brno – Černovice;bez doprovodu"


@pytest.fixture
def officer_db(tmp_path):
    """A database made by `init` (a subprocess) with an officer account."""
    from ospod_desktop.core.roles import Role
    from ospod_desktop.services import identity

    db = tmp_path / "cli.db"
    r = run("init", "--db", db, "--admin", "boss", "--office", "OSPOD Brno", "--password-stdin", stdin=PASSWORD + "\n")
    assert r.returncode == 0, r.stderr
    admin = identity.login(db, "boss", PASSWORD)
    identity.create_user(admin, "officer", "Petr Novák", Role.OFFICER, PASSWORD)
    identity.logout(admin)
    return db


def czech_csv(path, *rows):
    path.write_bytes(("\r\n".join([HEADER, *rows]) + "\r\n").encode("cp1250"))
    return path


def import_(database, path, *options, lang="en"):
    return run("import", "children", path, "--db", database, "--user", "officer", "--password-stdin", *options,
               stdin=PASSWORD, lang=lang)


def records(database):
    r = run("list", "--db", database, "--user", "officer", "--password-stdin", "--format", "json", stdin=PASSWORD)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_the_same_file_twice_then_update_existing(officer_db, tmp_path):
    path = czech_csv(tmp_path / "registr.csv", DVORAK, RUZENA)
    r = import_(officer_db, path)
    assert r.returncode == 0 and "Imported 2 of 2 rows." in r.stdout, r.stderr
    first = records(officer_db)
    assert [(x["family_name"], x["case_mark"], x["date_of_birth"]) for x in first] == [
        ("Dvořák", "Om 3/2026", "2010-03-14"), ("Šťastná", "", "2011-03-14")]
    ids = [x["id"] for x in first]

    r = import_(officer_db, path)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert (f"Row 2, reference: already registered as record no. {ids[0]} (reference KRPA-1/ČJ-2026, "
            "file mark Om 3/2026, Dvořák Jiří).") in r.stderr
    assert f"Row 3, reference: already registered as record no. {ids[1]}" in r.stderr
    assert "--update-existing" in r.stderr and "Nothing was imported: 2 invalid rows." in r.stderr
    assert len(records(officer_db)) == 2

    moved = czech_csv(tmp_path / "registr2.csv", DVORAK.replace("Ústí nad Labem", "KACPU Kostelec"), RUZENA)
    r = import_(officer_db, moved, "--update-existing")
    assert r.returncode == 0, r.stderr
    assert "Imported 0 of 2 rows." in r.stdout and "Updated registered children: 1." in r.stdout
    assert "Already registered as the file says: 1." in r.stdout
    after = records(officer_db)
    assert [x["id"] for x in after] == ids and len(after) == 2
    from ospod_desktop.services import children, identity

    us = identity.login(officer_db, "officer", PASSWORD)
    try:
        history = [(h.field, h.old_value, h.new_value) for h in children.get_child(us, ids[0]).history]
    finally:
        identity.logout(us)
    assert ("found_place", "Ústí nad Labem", "KACPU Kostelec") in history


def test_likely_duplicates_refused_then_accepted(officer_db, tmp_path):
    assert import_(officer_db, czech_csv(tmp_path / "a.csv", DVORAK)).returncode == 0
    [registered] = records(officer_db)
    same_child = f"KRPA-9/ČJ-2026;;Dvorak;Jiri;M;14.03.2010;SK;{FOUND};Praha;bez doprovodu"
    path = czech_csv(tmp_path / "b.csv", same_child, RUZENA)
    r = import_(officer_db, path)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert (f"Row 2: Likely the same child as record no. {registered['id']} (reference KRPA-1/ČJ-2026, file mark "
            "Om 3/2026, Dvořák Jiří)") in r.stderr
    assert "--accept-duplicates" in r.stderr and len(records(officer_db)) == 1
    r = import_(officer_db, path, "--skip-invalid")  # the likely duplicate is left out, the rest goes in
    assert r.returncode == 0 and "Imported 1 of 2 rows." in r.stdout and "Row 2: Likely" in r.stderr
    r = import_(officer_db, czech_csv(tmp_path / "c.csv", same_child), "--accept-duplicates")
    assert r.returncode == 0, r.stderr
    new = max(x["id"] for x in records(officer_db))
    assert "Imported although likely duplicates (check them):" in r.stdout
    assert f"Row 2 (record no. {new}) and record no. {registered['id']} (reference KRPA-1/ČJ-2026" in r.stdout
    assert "same date of birth" in r.stdout and "Imported 1 of 1 rows." in r.stdout


def test_a_missing_file_is_named_and_exits_2(officer_db, tmp_path):
    missing = tmp_path / "není.csv"
    r = import_(officer_db, missing)
    assert r.returncode == 2 and "Traceback" not in r.stderr and "unexpected" not in r.stderr
    assert r.stderr.strip() == f"Error: File not found: {missing}"
    r = import_(officer_db, missing, lang="cs")
    assert r.returncode == 2 and r.stderr.strip() == f"Chyba: Soubor nenalezen: {missing}"


def test_czech_messages(officer_db, tmp_path):
    path = czech_csv(tmp_path / "a.csv", DVORAK)
    assert import_(officer_db, path, lang="cs").returncode == 0
    r = import_(officer_db, path, lang="cs")
    assert r.returncode == 1
    assert "Řádek 2, Číslo jednací: už je registrováno jako záznam č. 1 (číslo jednací KRPA-1/ČJ-2026, " \
           "spisová značka Om 3/2026, Dvořák Jiří)." in r.stderr


def test_a_bad_year_of_birth_is_the_rows_error_and_skip_invalid_skips_the_row(officer_db, tmp_path):
    """Superscript digits and a 5,000-digit year once failed the whole file (an uncaught ValueError)."""
    header = HEADER.replace("Datum narození", "Rok narození")
    rows = [f"KRPA-3/ČJ-2026;;Kůrka;Matěj;M;{year};SK;{FOUND};Plzeň;bez doprovodu" for year in ("²⁰¹⁰", "9" * 5000)]
    path = tmp_path / "roky.csv"
    path.write_bytes(("\r\n".join([header, DVORAK.replace("14.3.2010", "2010"), *rows]) + "\r\n").encode("utf-8"))
    r = import_(officer_db, path)
    assert r.returncode == 1 and "Row 3, birth_year" in r.stderr + r.stdout and "Row 4" in r.stderr + r.stdout
    assert records(officer_db) == []
    r = import_(officer_db, path, "--skip-invalid")
    assert r.returncode in (0, 1) and [x["family_name"] for x in records(officer_db)] == ["Dvořák"]
