"""While an import holds the write lock, another process reads (WAL: it sees the register as before the import),
and a backup in another process waits, says that it waits for the import, and is taken once the import commits
— never "unexpected failure (OperationalError)" (issue 14, item 6)."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from ospod_desktop.services import children
from ospod_desktop.services.children import _import
from tests.conftest import ADMIN_PASSWORD

ROOT = Path(__file__).resolve().parents[2]
FOUND = (date.today() - timedelta(days=30)).isoformat()
_READER = """
import sys, time
import sqlcipher3.dbapi2 as sq
con = sq.connect(sys.argv[1], isolation_level=None)
con.execute(f"PRAGMA key = \\"x'{sys.argv[2]}'\\"")
started = time.perf_counter()
count = con.execute("SELECT count(*) FROM child").fetchone()[0]
print(count, round(time.perf_counter() - started, 3))
"""


def test_others_read_and_a_backup_waits_with_a_message_during_an_import(officer_session, db_path, tmp_path,
                                                                          monkeypatch):
    us = officer_session
    csv = tmp_path / "a.csv"
    csv.write_text("reference;given_name;family_name;sex;birth_year;found_date;found_place\n" + "".join(
        f"R-{i};Name{chr(65 + i)};Family{chr(75 + i)};M;2010;{FOUND};Praha\n" for i in range(6)), encoding="utf-8")
    seen: dict[str, object] = {}
    real = _import.write_new

    def write_then_others_come(tx, *args, **kwargs):
        ids = real(tx, *args, **kwargs)  # the import's rows are written; it holds the write lock until its commit
        reader = subprocess.run([sys.executable, "-c", _READER, str(db_path), us.db.key_hex], capture_output=True,
                                text=True, timeout=60, cwd=ROOT)
        seen["reader"] = reader.stdout.split()
        backup = subprocess.Popen(
            [sys.executable, "-m", "ospod_desktop", "backup", "--db", str(db_path), "--out", str(tmp_path / "b.db"),
             "--user", "admin", "--password-stdin", "--lang", "en"],
            stdin=subprocess.PIPE, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
        assert backup.stdin is not None and backup.stderr is not None
        backup.stdin.write(ADMIN_PASSWORD + "\n")
        backup.stdin.close()
        seen["waiting"] = backup.stderr.readline()  # it says it waits (it cannot write its login's audit row)
        seen["backup"], seen["held_until"] = backup, time.monotonic()
        return ids

    monkeypatch.setattr(_import, "write_new", write_then_others_come)
    result = children.import_children(us, csv, accept_duplicates=True)
    assert len(result.imported) == 6
    count, seconds = seen["reader"]
    assert count == "0" and float(seconds) < 2.0  # read at once, the register as it was before the import
    assert "The database is busy: another process is writing (an import of children in process" in str(seen["waiting"])
    backup = seen["backup"]
    assert isinstance(backup, subprocess.Popen)
    backup.wait(timeout=120)
    assert backup.stderr is not None
    err = backup.stderr.read()
    assert backup.returncode == 0, err
    assert (tmp_path / "b.db").exists()
    assert "unexpected" not in err.lower() and "OperationalError" not in err
