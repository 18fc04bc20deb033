"""Crashes (issue 14's suite): writer processes killed with SIGKILL at random (seeded) moments lose nothing they
acknowledged, and after every kill the database passes `verify` — SQLCipher's page check, `PRAGMA integrity_check`,
`PRAGMA foreign_key_check`, the audit chain and every slot of the key file.

The writers (tests/reliability/writer.py) register children, import registers, place children and record visits
through the services, forked from a warm launcher so the kill lands in their work: half of them are killed at a
random moment from their fork (the login included), half at a random moment after their second acknowledgement (so
the kills land in writes however loaded the machine is). Every sixth run is instead the real CLI,
`ospod-desktop import children`, killed at a random moment of its life (start-up, login, parsing, the write, the
exit); its rows are acknowledged when it printed "Imported N of N rows.". One database is reused across all the
kills, as an office's would be. 60 kills in CI, 1000 with `pytest --long`.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from ospod_desktop.core.roles import Role
from ospod_desktop.services import identity, maintenance
from ospod_desktop.storage.engine import Database
from ospod_desktop.storage.keyslots import KeySlots
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD
from tests.reliability.writer import KINDS, import_file
from tests.services.placement_helpers import RADLICKA, facility_id

SEED = 20261207
TABLES = {"child": "child", "placement": "placement", "visit": "visit"}


class Launcher:
    """The warm fork server of tests/reliability/writer.py."""

    def __init__(self, cwd: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.reliability.writer"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, cwd=cwd, env=env)

    def ask(self, line: str) -> str:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        return self.proc.stdout.readline().strip()

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def _acknowledged(ack: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    if ack.exists():
        for line in ack.read_text().splitlines(keepends=True):
            if line.endswith("\n"):
                kind, ident = line.split()
                found.setdefault(kind, set()).add(ident)
    return found


def _wait_for_growth(ack: Path, size: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while (ack.stat().st_size if ack.exists() else 0) <= size and time.monotonic() < deadline:
        time.sleep(0.005)


def _missing(db_path: Path, acked: dict[str, set[str]]) -> dict[str, set[str]]:
    """The acknowledged records that are not in the database (read without writing anything)."""
    key = KeySlots.load(db_path).unlock_user("officer", OFFICER_PASSWORD)
    db = Database(db_path, key)
    try:
        with db.read() as s:
            present = {kind: {str(r[0]) for r in s.exec(text(f"SELECT id FROM {table}"))}  # noqa: S608
                       for kind, table in TABLES.items()}
            present["reference"] = {r[0] for r in s.exec(text("SELECT reference FROM child WHERE reference != ''"))}
    finally:
        db.close()
    return {kind: ids - present[kind] for kind, ids in acked.items() if ids - present[kind]}


def _cli_import(db_path: Path, folder: Path, tag: str, rng: random.Random) -> tuple[subprocess.Popen, list[str]]:
    path, refs = import_file(folder, tag, rng.randint(1, 30))
    read, write = os.pipe()
    os.write(write, (OFFICER_PASSWORD + "\n").encode())
    os.close(write)
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "ospod_desktop", "import", "children", str(path), "--db", str(db_path), "--user",
             "officer", "--password-stdin", "--accept-duplicates"],
            stdin=read, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "OSPOD_LANG": "en"})
    finally:
        os.close(read)
    return proc, refs


@pytest.fixture
def office(admin_session, db_path):
    """The database with an officer account; the facility the writers place children in."""
    admin, _code = admin_session
    identity.create_user(admin, "officer", "Petr Novák", Role.OFFICER, OFFICER_PASSWORD)
    return db_path, facility_id(admin, RADLICKA), admin


def test_killed_writers_lose_nothing_acknowledged_and_leave_a_verified_database(office, tmp_path, sizes):
    db_path, facility, admin = office
    admin.close()  # only the writers hold the database while they run
    rng = random.Random(SEED)
    launcher = Launcher(tmp_path)
    ack = tmp_path / "acknowledged.txt"
    cli_acks = service_runs = 0
    kinds: dict[str, int] = {}
    started = time.monotonic()
    try:
        for run in range(sizes.crash_kills):
            if run % 6 == 5:  # the real CLI, from its first instruction
                kind = "cli import"
                proc, refs = _cli_import(db_path, tmp_path, f"cli{run}", rng)
                time.sleep(rng.uniform(0.0, 3.0))
                proc.send_signal(signal.SIGKILL)
                out, err = proc.communicate(timeout=60)
                if f"Imported {len(refs)} of {len(refs)} rows." in out:  # it finished before the kill: acknowledged
                    with ack.open("a") as f:
                        f.writelines(f"reference {ref}\n" for ref in refs)
                    cli_acks += 1
                else:
                    assert proc.returncode == -signal.SIGKILL, (proc.returncode, err)
            else:
                kind = KINDS[service_runs % 4]  # each kind in turn, and each in both ways of killing it
                anytime = (service_runs // 4) % 2 == 1
                service_runs += 1
                job = {"db": str(db_path), "user": "officer", "password": OFFICER_PASSWORD, "kind": kind,
                       "ack": str(ack), "seed": SEED + run, "facility": facility}
                size = ack.stat().st_size if ack.exists() else 0
                pid = int(launcher.ask("run " + json.dumps(job)))
                if anytime:  # at any moment of its life, the login included
                    time.sleep(rng.uniform(0.0, 0.6))
                else:  # in the middle of its writes, however slow the machine: after its second acknowledgement
                    _wait_for_growth(ack, size)
                    _wait_for_growth(ack, ack.stat().st_size)
                    time.sleep(rng.uniform(0.0, 0.3))
                os.kill(pid, signal.SIGKILL)
                status = int(launcher.ask(f"wait {pid}"))
                # killed, never failed on its own (a writer that raised exits 3 and says why on stderr)
                assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (kind, status)
            kinds[kind] = kinds.get(kind, 0) + 1
            report = maintenance.verify(db_path, "officer", OFFICER_PASSWORD)
            assert report.ok, (run, kind, report.problem, maintenance.describe(report))
            missing = _missing(db_path, _acknowledged(ack))
            assert not missing, (run, kind, missing)
    finally:
        launcher.close()
    acked = _acknowledged(ack)
    # the kills landed in real work: records were acknowledged by every kind of writer
    assert {"child", "placement", "visit", "reference"} <= set(acked), acked.keys()
    assert sum(kinds.values()) == sizes.crash_kills
    print(f"\n{sizes.crash_kills} kills ({kinds}) in {time.monotonic() - started:.0f} s; "
          f"{sum(map(len, acked.values()))} acknowledged records, all present; {cli_acks} CLI imports finished")
    us = identity.login(db_path, "admin", ADMIN_PASSWORD)
    try:
        with us.read() as s:
            assert s.exec(text("SELECT count(*) FROM child")).scalar() >= len(acked["child"])
    finally:
        identity.logout(us)
