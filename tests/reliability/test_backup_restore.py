"""The suite's "Backup and restore" bullet: a backup taken while another process registers children restores to
exactly the backup's content (a canonical dump hash), through the real `ospod-desktop restore`, and the restored
database passes `verify`; an existing database is replaced only with --force and then kept beside it; a wrong
password or bad input changes nothing."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from ospod_desktop.core.roles import Action, Role
from ospod_desktop.services import identity, maintenance
from ospod_desktop.storage.keyslots import keys_path
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD
from tests.reliability.canonical_dump import dump, dump_hash, rows_by_key

ROOT = Path(__file__).resolve().parents[2]
# Tables a restore may legitimately change besides appending its own audit row: the forward-secure chain's
# one-row current key (overwritten by every append, issue 14 items 1+2), when it exists.
RESTORE_REWRITES = ("audit_key",)


def cli(*args, stdin: str = "", timeout: int = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "OSPOD_LANG": "en"}
    return subprocess.run([sys.executable, "-m", "ospod_desktop", *map(str, args)], input=stdin,
                          capture_output=True, text=True, env=env, timeout=timeout, cwd=ROOT)


def digests(*paths: Path) -> dict[Path, str]:
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _ids(lines: list[str], table: str) -> list[int]:
    header = next(json.loads(x) for x in lines if json.loads(x)[:2] == ["table", table])
    at = header[2].index("id")
    return [row[at] for row in rows_by_key(lines)[table].values()]


def _audit_actions(lines: list[str]) -> list[tuple[int, str]]:
    header = next(json.loads(x) for x in lines if json.loads(x)[:2] == ["table", "audit_log"])
    at_id, at_action = header[2].index("id"), header[2].index("action")
    return sorted((row[at_id], row[at_action]) for row in rows_by_key(lines)["audit_log"].values())


def _shadow_tables(lines: list[str]) -> set[str]:
    virtual = [item[2] for item in map(json.loads, lines)
               if item[0] == "schema" and item[1] == "table" and (item[4] or "").upper().startswith("CREATE VIRTUAL")]
    tables = {item[1] for item in map(json.loads, lines) if item[0] == "table"}
    return {t for t in tables for v in virtual if t.startswith(v + "_")}


class Writer:
    """`tests.reliability.registration_writer` in another process; `ids` grows as its registrations commit."""

    def __init__(self, db: Path, stop: Path) -> None:
        self.stop, self.ids = stop, []
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.registration_writer", str(db), "officer", OFFICER_PASSWORD,
             str(stop)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            if line.strip().isdigit():
                self.ids.append(int(line))

    def wait_for(self, count: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while len(self.ids) < count:
            assert self.proc.poll() is None, self.proc.stderr.read() if self.proc.stderr else ""
            assert time.monotonic() < deadline, f"the writer registered only {len(self.ids)} children"
            time.sleep(0.02)

    def finish(self) -> None:
        self.stop.touch()
        _out, err = self.proc.communicate(timeout=60)
        self._reader.join(timeout=10)
        assert self.proc.returncode == 0, err


def test_a_backup_taken_during_writes_restores_to_exactly_its_content(admin_session, db_path, tmp_path):
    admin, _code = admin_session
    identity.create_user(admin, "officer", "Petr Novák", Role.OFFICER, OFFICER_PASSWORD)
    writer = Writer(db_path, tmp_path / "stop")
    try:
        writer.wait_for(5)
        acknowledged_before = len(writer.ids)
        out = tmp_path / "usb" / "backup.db"
        maintenance.backup_to(admin, out, via="cli")  # the online backup API while the writer keeps writing
        writer.wait_for(len(writer.ids) + 5)  # the writer went on during and after the backup
    finally:
        writer.finish()
    identity.logout(admin)
    written = writer.ids

    backup = dump(out, "admin", ADMIN_PASSWORD)
    source = dump(db_path, "admin", ADMIN_PASSWORD)
    # The backup is one consistent moment of the source: the children committed up to it (at least those
    # acknowledged before it started, in the writer's order) and none after; every row it has, the source has.
    in_backup = sorted(_ids(backup, "child"))
    assert acknowledged_before <= len(in_backup) < len(written)
    assert in_backup == sorted(written[:len(in_backup)])
    source_rows = rows_by_key(source)
    shadows = _shadow_tables(backup)  # a full-text index merges its segments: its pages are not append-only
    # The audit chain's current MAC key (`audit_key`, one row) is overwritten with every audit row: forward security.
    moving = shadows | {"audit_key"}
    missing = [t for t, rows in rows_by_key(backup).items() if t not in moving and not set(rows) <= set(source_rows[t])]
    assert missing == []
    backup_audit = _audit_actions(backup)
    assert backup_audit == _audit_actions(source)[:len(backup_audit)]  # the chain's prefix, the backup row in it
    assert Action.BACKUP in {action for _id, action in backup_audit}
    backup_hash = dump_hash(out, "admin", ADMIN_PASSWORD)
    source_hash = dump_hash(db_path, "admin", ADMIN_PASSWORD)
    backup_files = digests(out, keys_path(out))

    done = cli("restore", "--backup", out, "--db", db_path, "--user", "admin", "--password-stdin", "--force",
               stdin=ADMIN_PASSWORD + "\r\n")  # a Windows line end, as a Windows tool pipes it
    assert done.returncode == 0, done.stderr
    kept = next(db_path.parent.glob("ospod.before-restore-*.db"))
    assert f"kept as {kept}" in done.stdout

    rows = len(backup_audit)
    assert dump_hash(db_path, "admin", ADMIN_PASSWORD, audit_upto=rows, skip=RESTORE_REWRITES) == \
        dump_hash(out, "admin", ADMIN_PASSWORD, skip=RESTORE_REWRITES)
    assert backup_hash == dump_hash(out, "admin", ADMIN_PASSWORD)  # the backup was only read
    assert digests(out, keys_path(out)) == backup_files
    restored = _audit_actions(dump(db_path, "admin", ADMIN_PASSWORD))
    assert restored[rows] == (rows + 1, Action.RESTORE)  # the restore is recorded as a restore, right after
    assert dump_hash(kept, "admin", ADMIN_PASSWORD) == source_hash  # the replaced database, kept whole
    assert keys_path(kept).exists()
    assert maintenance.verify(db_path, "admin", ADMIN_PASSWORD).ok
    assert maintenance.verify(kept, "admin", ADMIN_PASSWORD).ok


@pytest.fixture
def office(admin_session, db_path, tmp_path):
    """A database, a backup of it on a "USB stick", and one more change after the backup (all sessions closed)."""
    admin, _code = admin_session
    out = tmp_path / "usb" / "backup.db"
    maintenance.backup_to(admin, out)
    identity.create_user(admin, "officer", "Petr Novák", Role.OFFICER, OFFICER_PASSWORD)
    identity.logout(admin)
    return db_path, out


def test_restore_refuses_an_existing_database_without_force(office):
    db, out = office
    files = digests(db, keys_path(db), out, keys_path(out))
    before = listing(db.parent)
    r = cli("restore", "--backup", out, "--db", db, "--user", "admin", "--password-stdin", stdin=ADMIN_PASSWORD)
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and "--force" in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert digests(*files) == files and listing(db.parent) == before
    # The key file alone is a database's too: it is not overwritten either.
    db.rename(db.with_name("elsewhere.db"))
    r = cli("restore", "--backup", out, "--db", db, "--user", "admin", "--password-stdin", stdin=ADMIN_PASSWORD)
    assert r.returncode == 2 and "--force" in r.stderr


CRASHED_WRITE = """
import os, sys
from ospod_desktop.core.roles import Role
from ospod_desktop.services import identity
us = identity.login(sys.argv[1], "admin", sys.argv[2])
identity.create_user(us, "late", "Late Account", Role.OFFICER, sys.argv[3])
os._exit(0)  # killed before the database was closed: the committed write is only in the WAL
"""


@pytest.mark.parametrize("same_password", [True, False], ids=["same-password", "password-changed-since"])
def test_force_keeps_the_replaced_database_with_its_wal_and_key_file(office, same_password):
    db, out = office
    password = ADMIN_PASSWORD
    if not same_password:  # the restore cannot open the current database: its files are only renamed
        us = identity.login(db, "admin", ADMIN_PASSWORD)
        identity.change_password(us, ADMIN_PASSWORD, password := "a newer admin password 2026")
        identity.logout(us)
    crashed = subprocess.run([sys.executable, "-c", CRASHED_WRITE, str(db), password, OFFICER_PASSWORD],
                             cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert crashed.returncode == 0, crashed.stderr
    wal = db.with_name(db.name + "-wal")
    assert wal.stat().st_size > 0  # committed frames not yet in the main file
    old_hash = dump_hash(db, "admin", password)  # the dump reads a copy, WAL included
    assert "late" in "".join(dump(db, "admin", password))

    r = cli("restore", "--backup", out, "--db", db, "--user", "admin", "--password-stdin", "--force",
            stdin=ADMIN_PASSWORD + "\n")
    assert r.returncode == 0, r.stderr
    kept = next(db.parent.glob("ospod.before-restore-*.db"))
    assert kept.name.startswith("ospod.before-restore-2") and kept.name.endswith("Z.db")  # a UTC time stamp
    assert f"kept as {kept}" in r.stdout
    names = set(listing(db.parent))
    assert {db.name, keys_path(db).name, kept.name, keys_path(kept).name} <= names
    assert not any(n.startswith(db.name + "-") or ".restoring-" in n for n in names)  # no WAL meets the new file
    # Whole: the write that was only in its WAL is in the kept database (folded in when the restore read its
    # audit head with the same password, or its WAL renamed with it when the password did not open it).
    assert dump_hash(kept, "admin", password) == old_hash
    assert (kept.name + "-wal" in names) is not same_password
    assert maintenance.verify(db, "admin", ADMIN_PASSWORD).ok
    assert maintenance.verify(kept, "admin", password).ok
    # The restored database is the backup's: the accounts made after it do not exist there.
    with pytest.raises(Exception, match="incorrect"):
        identity.login(db, "officer", OFFICER_PASSWORD)
    # A second restore keeps the first restore's result too, under another free name.
    r = cli("restore", "--backup", out, "--db", db, "--user", "admin", "--password-stdin", "--force",
            stdin=ADMIN_PASSWORD + "\n")
    assert r.returncode == 0, r.stderr
    assert len(list(db.parent.glob("ospod.before-restore-*.db"))) == 2


@pytest.mark.parametrize("user", ["admin", "nobody", "officer"])
def test_a_wrong_password_for_restore_exits_2_and_changes_nothing(office, user):
    db, out = office
    files = digests(db, keys_path(db), out, keys_path(out))
    before, backups = listing(db.parent), listing(out.parent)
    # "officer" with its real password: the account does not exist in the backup (made after it).
    password = OFFICER_PASSWORD if user == "officer" else "wrong password 2026"
    r = cli("restore", "--backup", out, "--db", db, "--user", user, "--password-stdin", "--force",
            stdin=password + "\n")
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr == ("Error: The user name or password does not open this backup. Use the password the "
                        "account had when the backup was made.\n")
    assert digests(*files) == files
    assert listing(db.parent) == before and listing(out.parent) == backups


def test_bad_input_names_the_option_and_writes_nothing(office, tmp_path):
    db, out = office
    new = tmp_path / "new" / "restored.db"
    new.parent.mkdir()
    files = digests(db, keys_path(db), out, keys_path(out))
    cases = [
        (["--backup", tmp_path / "missing.db", "--db", new], "--backup: there is no file at"),
        (["--backup", tmp_path, "--db", new], "--backup: "),
        (["--backup", out, "--db", tmp_path / "no-such-folder" / "x.db"], "--db: the folder"),
        (["--backup", out, "--db", new.parent], "--db: "),
        (["--backup", out, "--db", out, "--force"], "--backup and --db"),
        (["--backup", out, "--db", new, "--password-stdin-typo"], "unrecognized arguments"),
        (["--db", new], "--backup"),
    ]
    for args, expected in cases:
        r = cli("restore", *args, "--user", "admin", "--password-stdin", stdin=ADMIN_PASSWORD + "\n")
        assert r.returncode == 2, (args, r.stderr)
        assert expected in r.stderr and "Traceback" not in r.stderr, (args, r.stderr)
        assert listing(new.parent) == [], args
    # The backup without its key file beside it.
    lone = tmp_path / "lone.db"
    lone.write_bytes(out.read_bytes())
    r = cli("restore", "--backup", lone, "--db", new, "--user", "admin", "--password-stdin", stdin=ADMIN_PASSWORD)
    assert r.returncode == 2 and "--backup: the key file" in r.stderr and listing(new.parent) == []
    # No password on stdin: named too.
    r = cli("restore", "--backup", out, "--db", new, "--user", "admin")
    assert r.returncode == 2 and "--password-stdin" in r.stderr and listing(new.parent) == []
    assert digests(*files) == files


def test_restore_into_a_new_path_in_czech(office, tmp_path):
    db, out = office
    new = tmp_path / "new" / "restored.db"
    new.parent.mkdir()
    env = {**os.environ, "OSPOD_LANG": "cs"}
    r = subprocess.run([sys.executable, "-m", "ospod_desktop", "restore", "--backup", str(out), "--db", str(new),
                        "--user", "admin", "--password-stdin"], input=ADMIN_PASSWORD + "\n", capture_output=True,
                       text=True, env=env, timeout=120, cwd=ROOT)
    assert r.returncode == 0 and r.stdout.startswith(f"Databáze {new} obnovena ze zálohy z "), r.stderr
    assert listing(new.parent) == ["restored.db", "restored.db.keys"]
    again = subprocess.run([sys.executable, "-m", "ospod_desktop", "restore", "--backup", str(out), "--db", str(new),
                            "--user", "admin", "--password-stdin"], input=ADMIN_PASSWORD + "\n",
                           capture_output=True, text=True, env=env, timeout=120, cwd=ROOT)
    assert again.returncode == 2 and "--force" in again.stderr and "Traceback" not in again.stderr
