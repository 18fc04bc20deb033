"""A new database is built under a temporary name and moved into place when complete (issue 14, item 8).

A killed `demo` (SIGKILL, mid-build) leaves nothing at the target — no partial database, no database without its
key file — and the next run there succeeds and clears the leftover staging folder. The staging rules themselves
(a build killed between its two renames is finished; a live build's folder is left alone) on plain files.
"""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ospod_desktop.core.errors import DatabaseExists
from ospod_desktop.services import identity
from ospod_desktop.storage import staging
from ospod_desktop.storage.keyslots import keys_path

PASSWORD = "ospod-demo-2026"


def _cli(*args: object, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ospod_desktop", *map(str, args)], input=stdin, capture_output=True,
                          text=True, timeout=600, env={**os.environ, "OSPOD_LANG": "en"})


def _folders(target: Path) -> list[Path]:
    return sorted(target.parent.glob(f".{target.name}.*{staging.SUFFIX}"))


def _kill_when(proc: subprocess.Popen, ready, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        assert proc.poll() is None, "the build ended before it could be killed"
        assert time.monotonic() < deadline, "the build never reached the moment to kill it"
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


@pytest.mark.parametrize("moment", ["started", "database_growing"])
def test_a_killed_demo_leaves_the_path_free_and_a_rerun_succeeds(tmp_path, moment):
    target = tmp_path / "demo.db"
    proc = subprocess.Popen([sys.executable, "-m", "ospod_desktop", "demo", "--db", str(target), "--children",
                             "20000", "--seed", "7"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        def ready() -> bool:
            staged = [f / target.name for f in _folders(target)]
            if moment == "started":
                return any(s.exists() for s in staged)
            # children being written: the database (or its WAL) is past its first megabyte
            return any(p.exists() and p.stat().st_size > 1 << 20
                       for s in staged for p in (s, s.with_name(s.name + "-wal")))

        _kill_when(proc, ready)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    assert not target.exists() and not keys_path(target).exists()
    assert _folders(target)  # what the killed build left is only its staging folder
    done = _cli("demo", "--db", target, "--children", "5", "--seed", "7")
    assert done.returncode == 0, done.stderr
    assert target.exists() and keys_path(target).exists() and not _folders(target)
    checked = _cli("verify", "--db", target, "--user", "admin", "--password-stdin", stdin=PASSWORD + "\n")
    assert checked.returncode == 0, checked.stderr


def test_init_builds_in_a_staging_folder_and_leaves_none(tmp_path):
    target = tmp_path / "ospod.db"
    us, _code = identity.initialise(target, identity.OfficeProfile("OSPOD Praha 5"), "admin", "Jiří Dvořák",
                                    "a long enough password")
    try:
        assert us.db.path == target
    finally:
        us.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ospod.db", "ospod.db.keys"]
    identity.login(target, "admin", "a long enough password").close()


def test_a_failed_build_leaves_nothing(tmp_path):
    target = tmp_path / "x.db"
    with pytest.raises(RuntimeError), staging.staged_database(target) as staged:
        staged.write_bytes(b"half")
        keys_path(staged).write_bytes(b"{}")
        raise RuntimeError("stop")
    assert list(tmp_path.iterdir()) == []


def test_an_existing_database_or_key_file_is_never_replaced(tmp_path):
    target = tmp_path / "x.db"
    keys_path(target).write_text("{}")
    with pytest.raises(DatabaseExists), staging.staged_database(target):
        pass
    assert keys_path(target).read_text() == "{}" and not target.exists()


def _leftover(target: Path, pid: int, with_keys: bool) -> Path:
    folder = target.parent / f".{target.name}.{pid}{staging.SUFFIX}"
    folder.mkdir()
    (folder / "lock").write_bytes(b"")
    (folder / target.name).write_bytes(b"database")
    if with_keys:
        keys_path(folder / target.name).write_bytes(b"keys")
    return folder


def test_a_build_killed_between_its_renames_is_finished_by_the_next(tmp_path):
    target = tmp_path / "x.db"
    _leftover(target, 999_999, with_keys=False)
    keys_path(target).write_bytes(b"keys")  # moved already; the database was still to follow
    staging.clean_leftovers(target)
    assert target.read_bytes() == b"database" and keys_path(target).read_bytes() == b"keys"
    assert not _folders(target)


def test_a_killed_build_is_cleared_and_a_live_one_left_alone(tmp_path):
    target = tmp_path / "x.db"
    dead = _leftover(target, 999_998, with_keys=True)
    live = _leftover(target, 999_997, with_keys=True)
    fd = os.open(live / "lock", os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        with staging.staged_database(target) as staged:
            staged.write_bytes(b"new")
            keys_path(staged).write_bytes(b"new keys")
        assert not dead.exists() and live.exists()
        assert target.read_bytes() == b"new" and keys_path(target).read_bytes() == b"new keys"
    finally:
        os.close(fd)
