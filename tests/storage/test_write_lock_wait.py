"""Another process holding the write lock: readers keep reading; a login or a backup waits and says so, then
succeeds, or gives up with a clear message naming what holds the lock — never "unexpected failure
(OperationalError)" (issue 14, items 6 and 7)."""

from __future__ import annotations

import io
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from ospod_desktop.core.errors import DatabaseBusy
from ospod_desktop.services import identity, maintenance
from ospod_desktop.storage import busy
from tests.conftest import ADMIN_PASSWORD

_HOLDER = """
import sys, time
from pathlib import Path
import sqlcipher3.dbapi2 as sq
from ospod_desktop.storage import busy
path, key, seconds, note = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
con = sq.connect(path, isolation_level=None)
con.execute(f"PRAGMA key = \\"x'{key}'\\"")
con.execute("BEGIN IMMEDIATE")
con.execute("UPDATE office SET name = name")
if note:
    with busy.holding(Path(path), note):
        print("holding", flush=True)
        time.sleep(seconds)
else:
    print("holding", flush=True)
    time.sleep(seconds)
con.rollback()
"""


def _hold(db_path: Path, key_hex: str, seconds: float, note: str = "import") -> subprocess.Popen:
    """A second process holding a write transaction on the database for `seconds`."""
    proc = subprocess.Popen([sys.executable, "-c", _HOLDER, str(db_path), key_hex, str(seconds), note],
                            stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2])
    assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
    return proc


@pytest.fixture
def notices(monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(busy, "_notice", said.append)
    return said


def test_login_and_backup_wait_for_the_writer_and_say_so(admin_session, db_path, tmp_path, notices):
    us, _code = admin_session
    holder = _hold(db_path, us.db.key_hex, 2.0)
    try:
        started = time.monotonic()
        with us.read() as s:  # readers keep reading meanwhile (WAL)
            assert s.exec(text("SELECT count(*) FROM user")).scalar() == 1
        assert time.monotonic() - started < 1.0
        second = identity.login(db_path, "admin", ADMIN_PASSWORD)  # its audit row waits for the lock
        waited = time.monotonic() - started
        out = maintenance.backup_to(second, tmp_path / "copy.db", via="cli")
        second.close()
    finally:
        holder.wait(timeout=30)
    assert waited >= 1.0 and out.exists()
    assert notices and "another process is writing (an import of children in process" in notices[0]
    assert notices[0].endswith("waiting…")


def test_a_writer_that_does_not_finish_gives_a_clear_error(admin_session, db_path, tmp_path, notices, monkeypatch):
    us, _code = admin_session
    monkeypatch.setattr(busy, "WAIT_SECONDS", 1.5)
    holder = _hold(db_path, us.db.key_hex, 20.0)
    try:
        with pytest.raises(DatabaseBusy) as login_failed:
            identity.login(db_path, "admin", ADMIN_PASSWORD)
        with pytest.raises(DatabaseBusy) as backup_failed:
            maintenance.backup_to(us, tmp_path / "copy.db", via="cli")
    finally:
        holder.kill()
        holder.wait(timeout=30)
    for exc in (login_failed.value, backup_failed.value):
        assert f"an import of children in process {holder.pid}, since" in exc.message
        assert "still writing after 2 s" in exc.message and "Nothing was changed" in exc.message
    assert not (tmp_path / "copy.db").exists()
    assert identity.login(db_path, "admin", ADMIN_PASSWORD) is not None  # free again: the login goes through


def test_cli_backup_names_the_busy_database_in_czech(admin_session, db_path, tmp_path, monkeypatch, capsys):
    from ospod_desktop import cli

    us, _code = admin_session
    monkeypatch.setattr(busy, "WAIT_SECONDS", 1.0)
    monkeypatch.setattr(sys, "stdin", io.StringIO(ADMIN_PASSWORD + "\n"))
    holder = _hold(db_path, us.db.key_hex, 20.0, note="")  # no note: what holds it is not known
    try:
        code = cli.run_cli(["backup", "--db", str(db_path), "--out", str(tmp_path / "copy.db"), "--user", "admin",
                            "--password-stdin", "--lang", "cs"])
    finally:
        holder.kill()
        holder.wait(timeout=30)
    err = capsys.readouterr().err
    assert code == cli.EXIT_ERROR
    assert "Databáze je zaneprázdněná" in err and "čeká se" in err and "jiný program" in err
    assert "unexpected" not in err and "OperationalError" not in err and "neočekávan" not in err


def test_a_lock_met_outside_a_write_is_named_too(monkeypatch, capsys):
    """A lock error that escapes elsewhere (a migration, a checkpoint) is still the clear message."""
    import sqlcipher3.dbapi2 as sq

    from ospod_desktop import cli

    def locked(_argv):
        raise sq.OperationalError("database is locked")

    monkeypatch.setattr(cli, "_run", locked)
    assert cli.run_cli(["verify", "--lang", "en"]) == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert "The database is busy: another program is writing to it." in err and "unexpected" not in err
