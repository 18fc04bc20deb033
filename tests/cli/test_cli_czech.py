"""Every failing command speaks the user's language: in Czech no English library text and no raw field codes.

Each command runs as a user runs it (a subprocess, the password on stdin) on a real encrypted database, with
OSPOD_LANG=cs or `--lang cs`; its whole output is checked against a list of English words and for codes
(`date_of_birth`, `sex`…), after the paths and option names (which are the same in every language) are
taken out.
"""

from __future__ import annotations

import os
import re
import shutil

import pytest

from ospod_desktop.core.roles import Role
from ospod_desktop.services import identity
from tests.cli.test_cli import run
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD

ENGLISH = ("error", "failed", "failure", "unexpected", "traceback", "exception", "hmac", "verification", "page",
           "row", "hash", "mismatch", "missing", "broken", "link", "audit", "not", "found", "file", "folder",
           "database", "password", "incorrect", "damaged", "decrypted", "invalid", "usage", "required",
           "argument", "arguments", "choice", "use", "the", "is", "of", "and", "or", "exist", "exists", "already",
           "name", "user", "score", "share", "percentage", "form", "future", "field", "unaccompanied", "separated")
CODES = ("sex", "status", "reference", "nationality", "given", "family", "birth")
REGISTER = ("reference,given_name,family_name,sex,date_of_birth,nationality,found_date,found_place,status\n"
            "R-1,Ali,Haidari,Q,2010-01-01,AF,2026-01-01,Praha,separated\n"
            "R-2,Ali,Haidari,M,2010-13-01,AF,2026-01-01,Praha,separated\n"
            "R-3,Ali,Haidari,M,2099-01-01,AF,2026-01-01,Praha,separated\n"
            "R-4,Ali,Haidari,M,2010-01-01,AF,2026-01-01,Praha,maybe\n"
            "R-5,,,M,2010-01-01,AF,2026-01-01,Praha,separated\n"
            "R-6,Ali,Haidari,M,2010-01-01,AF,,Praha,separated\n")


def english_in(text: str, tmp_path) -> list[str]:
    """English words and raw codes left in `text` once paths, option names and choices are taken out."""
    text = text.replace(str(tmp_path), "<cesta>")
    text = re.sub(r"--[\w-]+|\{[^}]*\}|\bospod-desktop\b|\bOSPOD Desktop\b|\bCSV\b|\bXLSX\b|\bUTF-8\b", " ", text)
    words = re.findall(r"[^\W\d_]+", text)
    found = [w for w in words if (w.lower() in ENGLISH or w.lower() in CODES) and w != "Status"]  # Czech term too
    found += re.findall(r"\b[a-z]+_[a-z_]+\b", text)  # date_of_birth, found_on…
    return found


def czech(*args, stdin=OFFICER_PASSWORD, via_option=False):
    """Run a command in Czech: through OSPOD_LANG, or through --lang with OSPOD_LANG set to English."""
    if via_option:
        return run(*args, "--lang", "cs", stdin=stdin, lang="en")
    return run(*args, stdin=stdin, lang="cs")


@pytest.fixture
def office(admin_session, db_path):
    admin, _code = admin_session
    identity.create_user(admin, "officer", "Petr Novák", Role.OFFICER, OFFICER_PASSWORD)
    admin.close()
    return db_path


def copy_db(db, name):
    target = db.with_name(name)
    shutil.copyfile(db, target)
    shutil.copyfile(db.with_name(db.name + ".keys"), target.with_name(name + ".keys"))
    return target


def flip(path, offset):
    data = bytearray(path.read_bytes())
    data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


def test_failing_commands_speak_czech(office, tmp_path):
    db = office
    page4, page1 = copy_db(db, "page4.db"), copy_db(db, "page1.db")
    flip(page4, 4096 * 3 + 200)
    flip(page1, 50)
    foreign = tmp_path / "holiday.jpg"
    foreign.write_bytes(os.urandom(4096))
    register = tmp_path / "register.csv"
    register.write_text(REGISTER, encoding="utf-8")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("jméno;pohlaví\nJosé;M\n".encode("cp1250"))
    backup = tmp_path / "backup.db"
    backup.write_bytes(b"")
    user = ("--user", "officer", "--password-stdin")

    cases = {  # name: (result, expected exit code, Czech text that must be there)
        "wrong password": (czech("verify", "--db", db, *user, stdin="wrong password 123"), 2, "heslo"),
        "unknown user": (czech("list", "--db", db, "--user", "nikdo", "--password-stdin", via_option=True), 2, "heslo"),
        "not our file": (czech("verify", "--db", foreign, *user), 2, "OSPOD Desktop"),
        "no such database": (czech("verify", "--db", tmp_path / "neni.db", *user), 2, "nenalezen"),
        "page 4": (czech("verify", "--db", page4, *user), 1, "stránka 4"),
        "page 1": (czech("verify", "--db", page1, *user, via_option=True), 1, "stránka 1"),
        "backup of a damaged file": (czech("backup", "--db", page1, "--out", tmp_path / "b.db", *user), 2, "poškoz"),
        "backup over a file": (czech("backup", "--db", db, "--out", backup, *user), 2, "existuje"),
        "invalid rows": (czech("import", "children", register, "--db", db, *user), 1, "Datum narození"),
        "invalid rows, --lang": (czech("import", "children", register, "--db", db, *user, via_option=True), 1,
                                 "Pohlaví"),
        # Windows-1250, as Czech Excel saves it, is read: the row is then checked like any other
        "Windows-1250": (czech("import", "children", latin, "--db", db, *user), 1, "Datum nalezení"),
        "no such register": (czech("import", "children", tmp_path / "neni.csv", "--db", db, *user), 2, "nenalezen"),
        "admin lists children": (czech("list", "--db", db, "--user", "admin", "--password-stdin", stdin=ADMIN_PASSWORD),
                                 2, "Chyba"),
        "min score": (czech("duplicates", "--db", db, *user, "--min-score", "-5"), 2, "procenta"),
        "xlsx without --out": (czech("list", "--db", db, *user, "--format", "xlsx"), 2, "soubor"),
        "init into no folder": (czech("init", "--db", tmp_path / "nic" / "x.db", "--admin", "boss", "--password-stdin",
                                      stdin="heslo 2026 dlouhé"), 2, "neexistuje"),
        "usage": (czech("verify", "--db", db), 2, "chybí povinné parametry"),
        "bad choice": (czech("list", "--db", db, *user, "--format", "pdf", via_option=True), 2, "neplatná volba"),
    }
    problems = {}
    for name, (result, code, expected) in cases.items():
        output = result.stdout + result.stderr
        wrong = english_in(output, tmp_path)
        if result.returncode != code or expected not in output or wrong or "Traceback" in output:
            problems[name] = (result.returncode, wrong, output)
    assert problems == {}


def test_verify_names_the_audit_problem_in_czech(office, tmp_path):
    """The audit chain's three findings (a code each in storage.audit), each in Czech with the row number."""
    from ospod_desktop.storage.engine import Database
    from ospod_desktop.storage.keyslots import KeySlots

    tampered, unlinked, cut = (copy_db(office, n) for n in ("tampered.db", "unlinked.db", "cut.db"))
    for path, sql in ((tampered, "UPDATE audit_log SET action = 'read' WHERE id = 2"),
                      (unlinked, "UPDATE audit_log SET prev_hash = 'x' WHERE id = 2"),
                      (cut, "DELETE FROM audit_log WHERE id = 2")):
        d = Database(path, KeySlots.load(path).unlock_user("officer", OFFICER_PASSWORD))
        with d.engine.begin() as conn:
            conn.exec_driver_sql(sql)
        d.close()
    expected = {tampered: "záznam auditu č. 2 byl po zapsání změněn",
                unlinked: "záznam auditu č. 2 nenavazuje na předchozí záznam",
                cut: "záznam auditu č. 2 chybí"}
    for path, text in expected.items():
        r = czech("verify", "--db", path, "--user", "officer", "--password-stdin")
        assert r.returncode == 1 and text in r.stdout, r.stdout + r.stderr
        assert english_in(r.stdout + r.stderr, tmp_path) == []
    r = run("verify", "--db", tampered, "--user", "officer", "--password-stdin", stdin=OFFICER_PASSWORD)
    assert r.returncode == 1 and "audit row 2 was changed" in r.stdout


def test_import_errors_name_the_field_by_its_label(office, tmp_path):
    """Czech names the field by its label once; English keeps the CSV's column name."""
    register = tmp_path / "register.csv"
    register.write_text(REGISTER, encoding="utf-8")
    args = ("import", "children", register, "--db", office, "--user", "officer", "--password-stdin")
    cs = czech(*args).stderr.splitlines()
    assert cs[:6] == [  # rows numbered as the spreadsheet shows them: the header is row 1
        "Řádek 2, Pohlaví: použijte M (muž), Ž nebo F (žena), nebo U (neznámé).",
        "Řádek 3, Datum narození: zadejte datum jako 14.3.2010 nebo 2010-03-14.",
        "Řádek 4, Datum narození: datum je v budoucnosti.",
        "Řádek 5, Status: použijte „bez doprovodu“ nebo „odloučené“.",
        "Řádek 6, Jméno (jména): zadejte jméno nebo popis dítěte.",
        "Řádek 7, Datum nalezení: toto pole je povinné.",
    ]
    en = run(*args, stdin=OFFICER_PASSWORD).stderr.splitlines()
    assert en[:6] == [
        "Row 2, sex: use M, F or U.",
        "Row 3, date_of_birth: use a date such as 14.3.2010 or 2010-03-14.",
        "Row 4, date_of_birth: the date is in the future.",
        "Row 5, status: use unaccompanied or separated.",
        "Row 6, given_name: enter a name or a description of the child.",
        "Row 7, found_date: this field is required.",
    ]
