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
