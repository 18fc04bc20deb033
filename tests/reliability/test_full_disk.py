"""The suite's "Full disk and read-only folder" bullet: a registration, a backup, an export and a restore that the
disk refuses — full (a real tmpfs filled up, or RLIMIT_FSIZE), read-only (a read-only mount, or a folder without
write permission) — fail with one clear translated line and exit 2 (never a traceback, "unexpected failure" or
"damaged"); nothing of them is saved (no child, no partial file, no disclosure row); the earlier data is intact
(the same rows, the audit chain and `verify` pass) and the database works again once there is space.

The tmpfs and read-only mounts need root (CAP_SYS_ADMIN); where `mount` is refused those tests are skipped. A
folder's permissions do not stop root, so the chmod test is skipped when the tests run as root (the read-only mount
covers that case there)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from ospod_desktop.services import maintenance
from tests.conftest import ADMIN_PASSWORD
from tests.reliability import fs_office
from tests.reliability.fs_office import AUDIT_AFTER_FAILURE, IMPORTED, commands, copy_office, leftovers, run, state

DISK_FULL = ("Error: The disk refused to save: it is full or read-only (or the file reached a size limit). Nothing "
             "was saved and the data saved before is intact. Free some space or choose another folder, then try "
             "again.\n")
FOLDER_READ_ONLY = ("Error: The database cannot be opened: its folder or disk is read-only or not accessible (the "
                    "database needs to write its journal beside it). Nothing was changed and the file is not damaged. "
                    "Copy it to a writable folder, or check the folder's permissions.\n")


@pytest.fixture
def base(tmp_path) -> Path:
    return fs_office.build(tmp_path / "base").parent


def _one_clear_line(r, *allowed: str) -> None:
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    assert "Traceback" not in r.stderr and "unexpected" not in r.stderr and " is damaged" not in r.stderr, r.stderr
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("Error: "), r.stderr
    if allowed:
        assert any(r.stderr.startswith(a) for a in allowed), r.stderr


def _unchanged(db: Path, before, what: str) -> None:
    """Nothing of a failed command is saved; the earlier data reads the same, and `verify` passes."""
    count, tables, audit = state(db)
    old_count, old_tables, old_audit = before
    assert count == old_count, what
    changed = sorted(t for t in set(tables) | set(old_tables) if tables.get(t) != old_tables.get(t))
    assert not changed, (what, changed)  # every row of every table but the audit chain: the same
    assert audit[:len(old_audit)] == old_audit, what  # the chain only grew…
    assert {action for _id, action in audit[len(old_audit):]} <= AUDIT_AFTER_FAILURE, what  # …by logins, logouts


def _saved(db: Path, before, name: str) -> None:
    count, _tables, _audit = state(db)
    assert count == before[0] + (IMPORTED if name == "registration" else 0), name


# --- a full disk ---------------------------------------------------------------------------------------------

def test_a_file_size_limit_refuses_every_save_clearly_and_keeps_what_was_saved(base, tmp_path):
    """RLIMIT_FSIZE at several sizes (below the database, at it, far above): each save either succeeds whole or
    fails with one clear line and nothing of it saved."""
    size = (base / "ospod.db").stat().st_size
    before_state = state(base / "ospod.db")
    failures = set()
    for limit in (0, 16_384, 131_072, size, 64 * size):
        for name in ("registration", "backup", "export"):
            folder = tmp_path / f"run-{limit}-{name}"
            folder.mkdir()
            db = copy_office(base, folder)
            listing = set(os.listdir(folder))
            r = run(commands(db, folder)[name], fs_office.limited(limit))
            if r.returncode == 0:
                assert "Error" not in r.stderr and "Traceback" not in r.stderr, r.stderr
                _saved(db, before_state, name)
            else:
                failures.add((limit, name))
                _one_clear_line(r, DISK_FULL, "Error: The file reached the size limit")
                assert leftovers(folder, listing) == set(), (limit, name)  # no partial backup, export or temp file
                _unchanged(db, before_state, f"{name} at {limit}")
            assert maintenance.verify(db, "admin", ADMIN_PASSWORD).ok, (limit, name)
    assert {(0, "registration"), (0, "backup"), (0, "export"), (131_072, "backup")} <= failures
    assert not any(limit == 64 * size for limit, _name in failures)  # with room, everything is saved


@pytest.fixture
def tmpfs() -> Iterator[Path]:
    """A 4 MiB tmpfs of our own (root only), unmounted afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="ospod-tmpfs-"))
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "ospod-test", str(folder)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        folder.rmdir()
        pytest.skip(f"cannot mount a tmpfs here (needs root): {done.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)
        folder.rmdir()


def _fill(mount: Path, free: int) -> None:
    """Leave about `free` bytes free on the mount."""
    filler = mount / "filler"
    filler.unlink(missing_ok=True)
    st = os.statvfs(mount)
    with open(filler, "wb") as fh:
        fh.truncate(0)
        fh.write(b"\0" * max(0, st.f_bavail * st.f_frsize - free))


@pytest.mark.parametrize("free", [0, 16_384, 131_072])
def test_a_full_disk_refuses_every_save_clearly_and_keeps_what_was_saved(base, tmpfs, free, tmp_path):
    before_state = state(base / "ospod.db")
    outcomes = {}
    for name in ("registration", "backup", "export"):
        folder = tmpfs / name
        folder.mkdir()
        db = copy_office(base, folder)
        listing = set(os.listdir(folder))
        _fill(tmpfs, free)
        r = run(commands(db, folder)[name])
        (tmpfs / "filler").unlink()
        outcomes[name] = r.returncode
        if r.returncode == 0:
            _saved(db, before_state, name)
        else:
            _one_clear_line(r, DISK_FULL, "Error: The disk is full")
            assert leftovers(folder, listing) == set(), name
            _unchanged(db, before_state, name)
        assert maintenance.verify(db, "admin", ADMIN_PASSWORD).ok, name
        shutil.rmtree(folder)
    if free <= 16_384:
        assert set(outcomes.values()) == {2}, outcomes


def test_a_restore_onto_a_full_disk_changes_nothing(base, tmpfs, tmp_path):
    backup = tmp_path / "usb" / "backup.db"
    maintenance.backup(base / "ospod.db", backup, "admin", ADMIN_PASSWORD)
    folder = tmpfs / "office"
    folder.mkdir()
    db = copy_office(base, folder)
    digests = {p: p.read_bytes() for p in (db, db.with_name("ospod.db.keys"))}
    listing = set(os.listdir(folder))
    _fill(tmpfs, 16_384)
    r = fs_office.run_as_admin(["restore", "--backup", str(backup), "--db", str(db), "--force"])
    (tmpfs / "filler").unlink()
    _one_clear_line(r, DISK_FULL, "Error: The disk is full")
    assert set(os.listdir(folder)) == listing  # no staged copy left, nothing renamed
    assert {p: p.read_bytes() for p in digests} == digests
    assert maintenance.verify(db, "admin", ADMIN_PASSWORD).ok


# --- a read-only folder ------------------------------------------------------------------------------------

@pytest.fixture
def read_only_mount(tmpfs, base) -> Path:
    """The office copied onto the tmpfs, then the tmpfs remounted read-only (a write-protected stick)."""
    copy_office(base, tmpfs)
    done = subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot remount read-only: {done.stderr.strip()}")
    return tmpfs


def test_a_database_on_a_read_only_disk_is_refused_clearly_not_called_damaged(read_only_mount, base, tmp_path):
    db = read_only_mount / "ospod.db"
    digests = {p.name: p.read_bytes() for p in read_only_mount.iterdir()}
    out = tmp_path / "out"
    out.mkdir()
    for name, args in commands(db, out).items():
        r = run(args)
        _one_clear_line(r, FOLDER_READ_ONLY)
        assert os.listdir(out) == [], name
    r = run(["verify", "--db", str(db)])
    _one_clear_line(r, FOLDER_READ_ONLY)  # verify says read-only, not "damaged"
    assert {p.name: p.read_bytes() for p in read_only_mount.iterdir()} == digests
    # Copied to a writable folder, it opens and verifies: it was never damaged.
    copy = copy_office(read_only_mount, out)
    assert maintenance.verify(copy, "admin", ADMIN_PASSWORD).ok


def test_a_backup_or_export_into_a_read_only_disk_fails_clearly(read_only_mount, base, tmp_path):
    folder = tmp_path / "office"
    folder.mkdir()
    db = copy_office(base, folder)
    before_state = state(db)
    for name in ("backup", "export"):
        r = run(commands(db, read_only_mount)[name])
        _one_clear_line(r, "Error: The disk is read-only: ")
        _unchanged(db, before_state, name)
    assert maintenance.verify(db, "admin", ADMIN_PASSWORD).ok


@pytest.mark.skipif(os.geteuid() == 0, reason="running as root: a folder's permissions (chmod 0500) do not stop "
                                               "root; test_a_database_on_a_read_only_disk… covers it with a mount")
def test_a_folder_without_write_permission(base, tmp_path):
    folder = tmp_path / "office"
    folder.mkdir()
    db = copy_office(base, folder)
    before_state = state(db)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        for name in ("backup", "export"):
            r = run(commands(db, locked)[name])
            _one_clear_line(r, "Error: Permission denied: ")
            assert os.listdir(locked) == []
        _unchanged(db, before_state, "into a locked folder")
        folder.chmod(0o500)  # the database's own folder: SQLite cannot make its journal files
        digests = {p.name: p.read_bytes() for p in folder.iterdir()}
        for name in ("registration", "export"):
            _one_clear_line(run(commands(db, locked)[name]), FOLDER_READ_ONLY)
        assert {p.name: p.read_bytes() for p in folder.iterdir()} == digests
    finally:
        locked.chmod(0o700)
        folder.chmod(0o700)
    assert maintenance.verify(db, "admin", ADMIN_PASSWORD).ok
    assert state(db)[0] == before_state[0]
