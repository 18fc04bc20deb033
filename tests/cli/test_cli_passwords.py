"""Issue 14 item 4 and the suite's "Wrong passwords" bullet: a hundred wrong passwords change nothing but the
waiting list of failures (exit 2 each, the database byte-identical, no side file, nobody locked out), and a
password piped with a Windows line end is the password without its "\\r"."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys

from ospod_desktop import cli
from ospod_desktop.core.roles import Role
from ospod_desktop.services import identity
from ospod_desktop.storage.keyslots import KeySlots, keys_path
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD


def _cli(monkeypatch, capsys, *args, stdin: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = cli.run_cli([*map(str, args), "--lang", "en"])
    out = capsys.readouterr()
    return code, out.out, out.err


def _office(db):
    us, _code = identity.initialise(db, identity.OfficeProfile("OSPOD"), "admin", "Admin", ADMIN_PASSWORD)
    identity.create_user(us, "officer", "Petr Novák", Role.OFFICER, OFFICER_PASSWORD)
    identity.logout(us)


def test_a_hundred_wrong_passwords(tmp_path, monkeypatch, capsys, no_login_delay):
    db = tmp_path / "office" / "ospod.db"
    _office(db)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    files = sorted(os.listdir(db.parent))
    names = ["admin", "officer", "nobody", "Admin "]
    for n in range(100):
        code, out, err = _cli(monkeypatch, capsys, "verify", "--db", db, "--user", names[n % 4], "--password-stdin",
                              stdin=f"wrong password {n}\n")
        assert (code, out, err) == (2, "", "Error: The user name or password is incorrect.\n"), n
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert sorted(os.listdir(db.parent)) == files == ["ospod.db", "ospod.db.keys"]
    assert len(KeySlots.load(db).data["pending_events"]) == 100
    assert max(no_login_delay.waits) <= 30  # the running process slowed the names down (not slept here)
    # Nobody is locked out: each account opens with its password, and the chain gets the hundred failures.
    for user, password in (("officer", OFFICER_PASSWORD), ("admin", ADMIN_PASSWORD)):
        code, out, err = _cli(monkeypatch, capsys, "verify", "--db", db, "--user", user, "--password-stdin",
                              stdin=password + "\n")
        assert code == 0 and out.startswith("OK:"), err
    us = identity.login(db, "admin", ADMIN_PASSWORD)
    try:
        from sqlalchemy import text

        with us.read() as s:
            failed = s.exec(text("SELECT count(*) FROM audit_log WHERE action = 'login_failed'")).scalar()
        assert failed == 100
        assert KeySlots.load(db).data["pending_events"] == []
    finally:
        us.close()


def test_a_password_with_a_windows_line_end(tmp_path, monkeypatch, capsys):
    db = tmp_path / "office" / "ospod.db"
    _office(db)
    code, out, err = _cli(monkeypatch, capsys, "verify", "--db", db, "--user", "admin", "--password-stdin",
                          stdin=ADMIN_PASSWORD + "\r\n")
    assert code == 0 and out.startswith("OK:"), err
    code, _out, err = _cli(monkeypatch, capsys, "verify", "--db", db, "--user", "admin", "--password-stdin",
                           stdin=ADMIN_PASSWORD + "\r\r\n")  # only the line end goes, not a second "\r"
    assert code == 2 and "incorrect" in err


def test_a_windows_line_end_through_a_real_pipe(tmp_path):
    """As a Windows tool pipes it into the console script: `init` and `verify` agree on the password."""
    db = tmp_path / "w.db"
    env = {**os.environ, "OSPOD_LANG": "en"}

    def run(*args, stdin):
        return subprocess.run([sys.executable, "-m", "ospod_desktop", *map(str, args)],
                              input=stdin.encode(), capture_output=True, env=env, timeout=120)

    made = run("init", "--db", db, "--admin", "boss", "--password-stdin", stdin="piped password 2026\r\n")
    assert made.returncode == 0, made.stderr
    checked = run("verify", "--db", db, "--user", "boss", "--password-stdin", stdin="piped password 2026\n")
    assert checked.returncode == 0, checked.stderr
    assert keys_path(db).exists()
