"""The suite's "Wrong passwords" bullet, over every command that asks for a password: a hundred wrong passwords
(97 through `cli.run_cli` in this process, 3 through the real console script) each exit 2 with one line; the
database file stays byte-identical, no side file (-wal, -shm, -journal, a backup, an export, a staged restore) is
left; the key file changes only as the design says — each failure appended to its unauthenticated
`pending_events` list (a sequence number, a time, the action and the slot's tag: no user name), every
authenticated part byte-for-byte the same —; nobody is locked out (another user logs in at once, and so does the
same user with the right password); and the failures reach the audit chain at the next successful login.

A wrong password given to `restore` is checked against the backup's own key file, on a staged copy that is thrown
away: it leaves both the database and its key file byte-identical, and is not recorded anywhere (the backup file
itself can be attacked offline at Argon2's cost anyway)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import text

from ospod_desktop import cli
from ospod_desktop.core.roles import Role
from ospod_desktop.services import children, identity, maintenance
from ospod_desktop.storage.keyslots import keys_path
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD, child_form

ROOT = Path(__file__).resolve().parents[2]
INCORRECT = "Error: The user name or password is incorrect.\n"
NOT_THE_BACKUPS = ("Error: The user name or password does not open this backup. Use the password the account had "
                   "when the backup was made.\n")
USERS = ("admin", "officer", "nobody", "Admin ")  # a real one, another, an unknown name, a spelling of the first


def _office(folder: Path) -> tuple[Path, Path]:
    db = folder / "office" / "ospod.db"
    admin, _code = identity.initialise(db, identity.OfficeProfile("OSPOD"), "admin", "Admin", ADMIN_PASSWORD)
    identity.create_user(admin, "officer", "Petr Novák", Role.OFFICER, OFFICER_PASSWORD)
    identity.logout(admin)
    officer = identity.login(db, "officer", OFFICER_PASSWORD)
    children.register_child(officer, child_form("Amina", "Haidari", "F"))
    identity.logout(officer)
    backup = folder / "usb" / "backup.db"
    maintenance.backup(db, backup, "admin", ADMIN_PASSWORD)
    return db, backup


def _commands(db: Path, backup: Path, out: Path) -> list[tuple[list[str], str]]:
    """Every command that asks for a password, with the line a wrong one gets."""
    return [
        (["verify", "--db", str(db)], INCORRECT),
        (["backup", "--db", str(db), "--out", str(out / "backup.db")], INCORRECT),
        (["list", "--db", str(db), "--format", "csv", "--out", str(out / "list.csv")], INCORRECT),
        (["list", "--db", str(db), "--format", "json"], INCORRECT),
        (["due", "--db", str(db), "--format", "json"], INCORRECT),
        (["duplicates", "--db", str(db)], INCORRECT),
        (["restore", "--backup", str(backup), "--db", str(db), "--force"], NOT_THE_BACKUPS),
        (["restore", "--backup", str(backup), "--db", str(out / "restored.db")], NOT_THE_BACKUPS),
    ]


def _in_process(monkeypatch, capsys, args: list[str], user: str, password: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(password))
    code = cli.run_cli([*args, "--user", user, "--password-stdin", "--lang", "en"])
    out = capsys.readouterr()
    return code, out.out, out.err


def _real(args: list[str], user: str, password: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "OSPOD_LANG": "en"}
    return subprocess.run([sys.executable, "-m", "ospod_desktop", *args, "--user", user, "--password-stdin"],
                          input=password, capture_output=True, text=True, env=env, timeout=120, cwd=ROOT)


def _authenticated(keys: dict) -> dict:
    """The key file without its unauthenticated list of failures."""
    return {k: v for k, v in keys.items() if k != "pending_events"}


def test_a_hundred_wrong_passwords_over_every_command(tmp_path, monkeypatch, capsys, no_login_delay):
    db, backup = _office(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    db_bytes, keys_before = db.read_bytes(), json.loads(keys_path(db).read_text())
    assert keys_before["pending_events"] == []
    folders = {f: sorted(os.listdir(f)) for f in (db.parent, backup.parent, out)}
    backup_bytes = (backup.read_bytes(), keys_path(backup).read_bytes())
    commands = _commands(db, backup, out)
    recorded = 0  # failures the key file records (a restore's are checked against the backup's key file)

    for n in range(100):
        args, expected = commands[n % len(commands)]
        user = USERS[n % len(USERS)]
        password = f"wrong password {n}" + ("\r\n" if n % 3 else "\n")  # some piped from Windows tools
        if n < 97:
            assert _in_process(monkeypatch, capsys, args, user, password) == (2, "", expected), (n, args, user)
        else:  # the last three through the real console script
            r = _real(args, user, password)
            assert (r.returncode, r.stdout, r.stderr) == (2, "", expected), (n, args, user)
        recorded += args[0] != "restore"
        assert db.read_bytes() == db_bytes, n  # byte-identical after every attempt

    assert {f: sorted(os.listdir(f)) for f in folders} == folders  # no -wal, -shm, -journal, output or staged copy
    assert (backup.read_bytes(), keys_path(backup).read_bytes()) == backup_bytes
    keys_after = json.loads(keys_path(db).read_text())
    assert _authenticated(keys_after) == _authenticated(keys_before)  # slots, index, MACs: untouched
    pending = keys_after["pending_events"]
    assert len(pending) == recorded
    assert [e["seq"] for e in pending] == list(range(1, recorded + 1))
    assert {e["action"] for e in pending} == {"login_failed"}
    assert "nobody" not in keys_path(db).read_text()  # an unknown name tried is not written in the clear

    # Nobody is locked out: another user at once, through the real console script (a new process: no delay) …
    started = time.monotonic()
    r = _real(["verify", "--db", str(db)], "officer", OFFICER_PASSWORD + "\r\n")
    assert r.returncode == 0 and r.stdout.startswith("OK:"), r.stderr
    assert time.monotonic() - started < 30
    # … and in this process the admin, right after its failures: the delay slows guesses, it does not lock.
    waits = len(no_login_delay.waits)
    us = identity.login(db, "admin", ADMIN_PASSWORD)
    try:
        assert len(no_login_delay.waits) - waits <= 1 and max(no_login_delay.waits, default=0) <= 30
        with us.read() as session:
            failed = session.exec(text("SELECT count(*) FROM audit_log WHERE action = 'login_failed'")).scalar()
        assert failed == recorded  # every failure reached the audit chain (the officer's verify copied them)
    finally:
        identity.logout(us)
    assert json.loads(keys_path(db).read_text())["pending_events"] == []
    assert maintenance.verify(db, "admin", ADMIN_PASSWORD).ok
