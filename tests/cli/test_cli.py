"""The console script's sub-commands, run as a user would: a subprocess, passwords on stdin."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import pytest

PASSWORD = "cli password 2026 ř"


def run(*args, stdin="", lang="en"):
    env = {**os.environ, "OSPOD_LANG": lang}
    return subprocess.run(
        [sys.executable, "-m", "ospod_desktop", *map(str, args)],
        input=stdin, capture_output=True, text=True, env=env, timeout=120,
    )


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "cli.db"
    result = run("init", "--db", path, "--admin", "boss", "--office", "OSPOD Brno", "--password-stdin", stdin=PASSWORD + "\n")
    assert result.returncode == 0, result.stderr
    assert "Recovery code" in result.stdout
    code = result.stdout.strip().splitlines()[-1]
    assert len(code.replace("-", "")) == 40
    return path


def test_init_verify_backup_verify(db, tmp_path):
    ok = run("verify", "--db", db, "--user", "boss", "--password-stdin", stdin=PASSWORD + "\n")
    assert ok.returncode == 0 and ok.stdout.startswith("OK:"), ok.stdout + ok.stderr
    out = tmp_path / "backups" / "copy.db"
    b = run("backup", "--db", db, "--out", out, "--user", "boss", "--password-stdin", stdin=PASSWORD)
    assert b.returncode == 0, b.stderr
    assert out.exists() and (tmp_path / "backups" / "copy.db.keys").exists()
    v = run("verify", "--db", out, "--user", "boss", "--password-stdin", stdin=PASSWORD + "\n")
    assert v.returncode == 0, v.stdout + v.stderr
    again = run("backup", "--db", db, "--out", out, "--user", "boss", "--password-stdin", stdin=PASSWORD)
    assert again.returncode == 2 and "already exists" in again.stderr


def test_wrong_password_exits_2_without_traceback_and_leaves_file_identical(db):
    before = digest(db)
    for user in ("boss", "nobody"):
        r = run("verify", "--db", db, "--user", user, "--password-stdin", stdin="wrong password 123\n")
        assert r.returncode == 2
        assert "Traceback" not in r.stderr and "incorrect" in r.stderr
    assert digest(db) == before


def test_not_our_file(tmp_path):
    other = tmp_path / "holiday.jpg"
    other.write_bytes(os.urandom(4096))
    before = digest(other)
    r = run("verify", "--db", other, "--user", "boss", "--password-stdin", stdin=PASSWORD)
    assert r.returncode == 2 and "not an OSPOD Desktop database" in r.stderr and "Traceback" not in r.stderr
    assert digest(other) == before


def test_corrupt_page_is_named_by_verify_and_other_commands_exit_2(db):
    data = bytearray(db.read_bytes())
    data[4096 * 3 + 200] ^= 0xFF  # inside page 4
    db.write_bytes(bytes(data))
    before = digest(db)
    r = run("verify", "--db", db, "--user", "boss", "--password-stdin", stdin=PASSWORD)
    assert r.returncode == 1 and "page 4" in r.stdout, r.stdout + r.stderr
    assert digest(db) == before


def test_damaged_first_page(db):
    data = bytearray(db.read_bytes())
    data[50] ^= 0xFF
    db.write_bytes(bytes(data))
    r = run("verify", "--db", db, "--user", "boss", "--password-stdin", stdin=PASSWORD)
    assert r.returncode == 1 and "page 1" in r.stdout
    b = run("backup", "--db", db, "--out", db.parent / "b.db", "--user", "boss", "--password-stdin", stdin=PASSWORD)
    assert b.returncode == 2 and "damaged" in b.stderr and "Traceback" not in b.stderr


def test_tampered_audit_row_is_named(db):
    from ospod_desktop.storage.engine import Database
    from ospod_desktop.storage.keyslots import KeySlots

    key = KeySlots.load(db).unlock_user("boss", PASSWORD)
    d = Database(db, key)
    with d.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE audit_log SET action = 'read' WHERE id = 1")
    d.close()
    r = run("verify", "--db", db, "--user", "boss", "--password-stdin", stdin=PASSWORD)
    assert r.returncode == 1 and "audit row 1" in r.stdout


def test_password_is_never_taken_from_argv(tmp_path):
    r = run("init", "--db", tmp_path / "x.db", "--admin", "boss", "--password", PASSWORD)
    assert r.returncode == 2 and not (tmp_path / "x.db").exists()
    r = run("init", "--db", tmp_path / "x.db", "--admin", "boss")
    assert r.returncode == 2 and "--password-stdin" in r.stderr and not (tmp_path / "x.db").exists()


def test_messages_are_czech_by_default(db):
    r = run("verify", "--db", db, "--user", "boss", "--password-stdin", stdin="wrong password 123", lang="cs")
    assert r.returncode == 2 and "heslo" in r.stderr


def test_list_csv_escapes_text_that_would_start_a_formula(db, tmp_path):
    """A name or reference starting with =, +, - or @ is written with a ' in front (OWASP, CSV injection)."""
    import csv
    import io
    import json

    from ospod_desktop.core.roles import Role
    from ospod_desktop.services import identity

    admin = identity.login(db, "boss", PASSWORD)
    identity.create_user(admin, "officer", "Petr Novák", Role.OFFICER, PASSWORD)
    identity.logout(admin)
    register = tmp_path / "register.csv"
    register.write_text(
        "reference,given_name,family_name,sex,birth_year,nationality,found_date,found_place,status\n"
        "=1+2,@SUM(A1),-Haidari,F,2011,AF,2026-04-01,Letiště,separated\n"
        "P-2,Amina,Haidari,F,2011,AF,2026-04-01,Letiště,separated\n", encoding="utf-8")
    r = run("import", "children", register, "--db", db, "--user", "officer", "--password-stdin", stdin=PASSWORD)
    assert r.returncode == 0 and "2" in r.stdout, r.stderr
    r = run("list", "--db", db, "--user", "officer", "--password-stdin", "--format", "csv", stdin=PASSWORD)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == ",".join(("id", "reference", "case_mark", "given_name", "family_name", "original_script_name",
                                 "sex", "age", "age_range", "date_of_birth", "birth_year", "nationality", "status",
                                 "case_status", "found_date", "current_facility", "missing_since"))
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert [row["reference"] for row in rows] == ["'=1+2", "P-2"]
    bad, good = rows
    assert bad["reference"].startswith("'") and bad["given_name"] == "'@SUM(A1)"
    assert bad["family_name"] == "'-Haidari"
    assert lines[1].startswith(bad["id"] + ",'=1+2,") and ",'@SUM(A1),'-Haidari," in lines[1]
    # everything else as before: ordinary text and the numbers untouched
    assert (good["given_name"], good["family_name"], good["birth_year"], good["nationality"]) == (
        "Amina", "Haidari", "2011", "AF")
    assert bad["birth_year"] == "2011" and bad["nationality"] == "AF" and bad["sex"] == "F"
    assert all(not v.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for v in row.values())
    r = run("list", "--db", db, "--user", "officer", "--password-stdin", "--format", "json", stdin=PASSWORD)
    assert [x["reference"] for x in json.loads(r.stdout)] == ["=1+2", "P-2"]  # the data itself is not changed


def test_import_list_and_duplicates_as_json(db, tmp_path):
    import json

    from ospod_desktop.core.roles import Role
    from ospod_desktop.services import identity

    admin = identity.login(db, "boss", PASSWORD)
    identity.create_user(admin, "officer", "Petr Novák", Role.OFFICER, PASSWORD)
    identity.logout(admin)
    csv_path = tmp_path / "register.csv"
    csv_path.write_text(
        "\ufeffreference;given_name;family_name;sex;date_of_birth;nationality;found_date;found_place;status\n"
        "KACPU-1;Олександр;Шевченко;M;2010-05-01;UA;2026-03-01;KACPU Praha;unaccompanied\n"
        "KACPU-2;Oleksandr;Ševčenko;M;2010-05-01;UA;2026-03-05;Praha hl.n.;unaccompanied\n"
        "P-3;Amina;Haidari;F;;AF;2026-04-01;Letiště;separated\n", encoding="utf-8")
    r = run("import", "children", csv_path, "--db", db, "--user", "officer", "--password-stdin", stdin=PASSWORD)
    assert r.returncode == 1 and "Row 3: Likely the same child as row 2 of the file" in r.stderr  # refused
    r = run("import", "children", csv_path, "--db", db, "--user", "officer", "--password-stdin", "--accept-duplicates",
            stdin=PASSWORD)
    assert r.returncode == 0 and "Imported 3 of 3 rows." in r.stdout, r.stderr
    r = run("duplicates", "--db", db, "--user", "officer", "--password-stdin", "--format", "json", stdin=PASSWORD)
    pairs = json.loads(r.stdout)
    assert [(p["a"]["reference"], p["b"]["reference"]) for p in pairs] == [("KACPU-1", "KACPU-2")]
    assert 0.75 <= pairs[0]["score"] <= 1 and "SAME_BIRTH_DATE" in pairs[0]["reasons"]
    r = run("list", "--db", db, "--user", "officer", "--password-stdin", "--format", "json", stdin=PASSWORD)
    records = json.loads(r.stdout)
    assert [x["reference"] for x in records] == ["KACPU-1", "KACPU-2", "P-3"]
    assert set(records[0]) >= {"id", "reference", "given_name", "family_name", "sex", "age", "nationality", "status",
                               "current_facility"}
    r = run("list", "--db", db, "--user", "boss", "--password-stdin", "--format", "csv", stdin=PASSWORD)
    assert r.returncode == 2  # the administrator sees no child data
    bad = tmp_path / "bad.csv"
    bad.write_text("given_name,sex,found_date,found_place\nAli,Q,2026-01-01,Praha\n", encoding="utf-8")
    r = run("import", "children", bad, "--db", db, "--user", "officer", "--password-stdin", stdin=PASSWORD)
    assert r.returncode == 1 and "Row 2, sex" in r.stderr  # the header is row 1
    from sqlalchemy import text

    officer = identity.login(db, "officer", PASSWORD)
    try:
        with officer.read() as s:
            actions = [a for (a,) in s.exec(text("SELECT action FROM audit_log WHERE entity = 'session' "
                                                 "ORDER BY id")).all()]
    finally:
        officer.close()
    # every command's login is closed by an audited logout, also when the command failed
    assert actions.count("login_ok") == actions.count("logout") + 1  # + this check's own open login
