"""A small office database for the full-disk and read-only tests, copied fresh into each place a command runs,
and what such a command may leave behind."""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from ospod_desktop.core.roles import Role
from ospod_desktop.services import children, identity
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD, child_form
from tests.reliability.canonical_dump import dump, rows_by_key

ROOT = Path(__file__).resolve().parents[2]
FOUND = (date.today() - timedelta(days=2)).strftime("%-d.%-m.%Y")
CSV = ("Číslo jednací;Příjmení;Jméno;Pohlaví;Datum nalezení;Místo nalezení\r\n"
       f"KRPA-11/ČJ-2026;Dvořák;Jiří;muž;{FOUND};Brno\r\n"
       f"KRPA-12/ČJ-2026;Šťastná;Růžena;žena;{FOUND};Praha\r\n"
       f"KRPA-13/ČJ-2026;Koval;Daryna;žena;{FOUND};Ostrava\r\n")
IMPORTED = 3
# Only these audit actions may follow a command that failed: its login and logout, a backup's own rows ("backup",
# then "backup" with detail "cli:failed" when the disk still took it), and the case list's read for an export (the
# records were read: an access is audited even when the file then cannot be written). The disclosure register —
# what left the machine — gets no row (every other table is compared whole).
AUDIT_AFTER_FAILURE = {"login_ok", "logout", "backup", "export"}
# SQLite's own files beside a database (the WAL a refused write leaves keeps only committed frames).
SQLITE_SIDE = ("-wal", "-shm")


def build(folder: Path) -> Path:
    """An office (admin, officer, two children) and a register file to import, in `folder`; sessions closed."""
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "ospod.db"
    admin, _code = identity.initialise(db, identity.OfficeProfile("OSPOD"), "admin", "Admin", ADMIN_PASSWORD)
    identity.create_user(admin, "officer", "Petr Novák", Role.OFFICER, OFFICER_PASSWORD)
    identity.logout(admin)
    officer = identity.login(db, "officer", OFFICER_PASSWORD)
    children.register_child(officer, child_form("Amina", "Haidari", "F"))
    children.register_child(officer, child_form("Oleksandr", "Shevchenko", "M"))
    identity.logout(officer)
    (folder / "register.csv").write_text(CSV, encoding="utf-8")
    return db


def copy_office(base: Path, folder: Path) -> Path:
    """The database, its key file and the register file copied into `folder` (which exists)."""
    for name in ("ospod.db", "ospod.db.keys", "register.csv"):
        shutil.copyfile(base / name, folder / name)
    return folder / "ospod.db"


def commands(db: Path, out: Path) -> dict[str, list[str]]:
    """The saves the suite tries: a registration (the import of three children), a backup, an export."""
    return {
        "registration": ["import", "children", str(db.parent / "register.csv"), "--db", str(db)],
        "backup": ["backup", "--db", str(db), "--out", str(out / "backup.db")],
        "export": ["list", "--db", str(db), "--format", "csv", "--out", str(out / "list.csv")],
    }


def limited(size: int) -> Callable[[], None]:
    """preexec_fn: no file of the process may grow past `size` bytes; SIGXFSZ ignored, so a write fails (EFBIG,
    or short: SQLite's "disk is full") instead of killing the process."""
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    return apply


def run(args: list[str], preexec: Callable[[], None] | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "OSPOD_LANG": "en"}
    return subprocess.run([sys.executable, "-m", "ospod_desktop", *args, "--user", "officer", "--password-stdin"],
                          input=OFFICER_PASSWORD + "\n", capture_output=True, text=True, env=env, timeout=120,
                          cwd=ROOT, preexec_fn=preexec)


# What a login itself writes besides its audit row: the account's last login (and so its change time).
LOGIN_WRITES = {"user": ("last_login_at", "updated_at")}


def _without_login_writes(lines: list[str]) -> list[str]:
    columns: dict[str, list[str]] = {}
    kept = []
    for line in lines:
        item = json.loads(line)
        if item[0] == "table":
            columns[item[1]] = item[2]
        elif item[0] == "row" and item[1] in LOGIN_WRITES:
            item[2] = [None if c in LOGIN_WRITES[item[1]] else v for c, v in zip(columns[item[1]], item[2], strict=True)]
            line = json.dumps(item, ensure_ascii=False)
        kept.append(line)
    return kept


def state(db: Path) -> tuple[int, dict[str, dict[str, list]], list[tuple[int, str]]]:
    """(children, every row but the audit chain's — without what a login writes —, the audit rows as (id, action)),
    read from a copy."""
    lines = _without_login_writes(dump(db, "admin", ADMIN_PASSWORD))
    tables = rows_by_key(lines)
    audit_header = next(json.loads(x) for x in lines if json.loads(x)[:2] == ["table", "audit_log"])
    at_id, at_action = audit_header[2].index("id"), audit_header[2].index("action")
    audit = sorted((r[at_id], r[at_action]) for r in tables.pop("audit_log").values())
    tables.pop("audit_key", None)  # the chain's current MAC key: it moves on with every audit row (forward security)
    return len(tables["child"]), tables, audit


def leftovers(folder: Path, before: set[str]) -> set[str]:
    """Names in `folder` that were not there before, but SQLite's own WAL and shared-memory files."""
    return {n for n in os.listdir(folder) if n not in before and not n.endswith(SQLITE_SIDE)}


def run_as_admin(args: list[str]) -> subprocess.CompletedProcess:
    env = {**os.environ, "OSPOD_LANG": "en"}
    return subprocess.run([sys.executable, "-m", "ospod_desktop", *args, "--user", "admin", "--password-stdin"],
                          input=ADMIN_PASSWORD + "\n", capture_output=True, text=True, env=env, timeout=120, cwd=ROOT)
