"""The file moves of a restore: the database travels with its key file and SQLite's side files, never overwriting."""

from __future__ import annotations

import pytest

from ospod_desktop.core.errors import DatabaseExists
from ospod_desktop.storage.backup import database_files, discard, kept_name, move_database, stage_copy


def _files(folder, base, names=("", ".keys", "-wal", "-shm")):
    for suffix in names:
        (folder / f"{base}{suffix}").write_bytes(f"{base}{suffix}".encode())


def test_a_database_moves_with_its_key_file_and_side_files(tmp_path):
    _files(tmp_path, "ospod.db")
    kept = kept_name(tmp_path / "ospod.db", "20260314T101500Z")
    assert kept.name == "ospod.before-restore-20260314T101500Z.db"
    moved = move_database(tmp_path / "ospod.db", kept)
    assert len(moved) == 4 and database_files(tmp_path / "ospod.db") == []
    assert (tmp_path / "ospod.before-restore-20260314T101500Z.db-wal").read_bytes() == b"ospod.db-wal"
    assert (tmp_path / "ospod.before-restore-20260314T101500Z.db.keys").read_bytes() == b"ospod.db.keys"
    # The next free name when that one is taken.
    assert kept_name(tmp_path / "ospod.db", "20260314T101500Z").name == "ospod.before-restore-20260314T101500Z-2.db"


def test_nothing_is_overwritten_and_a_refused_move_changes_nothing(tmp_path):
    _files(tmp_path, "a.db")
    _files(tmp_path, "b.db", names=("-shm",))  # only a stray side file at the target
    with pytest.raises(DatabaseExists):
        move_database(tmp_path / "a.db", tmp_path / "b.db")
    assert len(database_files(tmp_path / "a.db")) == 4
    assert (tmp_path / "b.db-shm").read_bytes() == b"b.db-shm"


def test_a_staged_copy_takes_a_wal_left_beside_the_backup_and_leaves_the_backup_alone(tmp_path):
    _files(tmp_path, "backup.db", names=("", ".keys", "-wal"))
    staged = tmp_path / "ospod.db.restoring-x"
    stage_copy(tmp_path / "backup.db", staged)
    assert [p.name for p in database_files(staged)] == ["ospod.db.restoring-x", "ospod.db.restoring-x.keys",
                                                        "ospod.db.restoring-x-wal"]
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in database_files(staged))
    assert len(database_files(tmp_path / "backup.db")) == 3
    with pytest.raises(DatabaseExists):
        stage_copy(tmp_path / "backup.db", staged)
    discard(staged)
    assert database_files(staged) == []


def test_a_backup_without_its_key_file_stages_nothing(tmp_path):
    _files(tmp_path, "backup.db", names=("",))
    with pytest.raises(FileNotFoundError):
        stage_copy(tmp_path / "backup.db", tmp_path / "staged.db")
    assert database_files(tmp_path / "staged.db") == []
