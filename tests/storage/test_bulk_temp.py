"""Rows staged in a connection's TEMP tables before the write transaction (`storage.bulk.stage_in_temp`): staging
needs no write lock — it succeeds while another connection holds it — and the moves store exactly what an
executemany of the same rows stores (constant columns written as literals: '' , NULL and numbers kept apart)."""

from __future__ import annotations

import sqlcipher3.dbapi2 as sqlcipher

from ospod_desktop.storage import bulk

KEY = "ab" * 32
ROWS = [(n, f"name {n}", "" if n % 7 else "x", None, 0, 1 if n < 50 else True, 2.5, "") for n in range(1, 101)]
INSERT = "INSERT INTO t (id, name, note, gone, zero, one, ratio, blank) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"


def _open(path):
    con = sqlcipher.connect(str(path), isolation_level=None, timeout=0)
    con.execute(f"PRAGMA key = \"x'{KEY}'\"")
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA busy_timeout = 0")
    return con


def _table(con):
    con.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, note TEXT NOT NULL, gone TEXT, "
                "zero INTEGER NOT NULL, one INTEGER NOT NULL, ratio REAL NOT NULL, blank TEXT NOT NULL)")


def test_staging_takes_no_write_lock_and_the_moves_store_what_executemany_stores(tmp_path):
    path = tmp_path / "staged.db"
    first = _open(path)
    _table(first)
    other = _open(path)
    other.execute("BEGIN IMMEDIATE")  # another writer holds the lock while we stage
    other.execute("INSERT INTO t VALUES (1000, 'other', '', NULL, 0, 0, 0, '')")
    staged = bulk.stage_in_temp(first, [(INSERT, ROWS)])
    assert first.execute("PRAGMA temp_store").fetchone()[0] == 2  # in memory: nothing of the rows on disk
    # the constant columns written as literals; `one` (1 and True) and the float stay bound
    assert staged.moves[0].endswith("SELECT id, name, note, one, ratio, NULL, 0, '' FROM temp.ospod_stage_0 ORDER BY rowid")
    other.execute("COMMIT")
    first.execute("BEGIN IMMEDIATE")
    for move in staged.moves:
        first.execute(move)
    first.execute("COMMIT")
    bulk.drop_temp(first, staged)
    assert first.execute("SELECT count(*) FROM sqlite_temp_master").fetchone()[0] == 0
    moved = first.execute("SELECT *, typeof(note), typeof(gone), typeof(one), typeof(blank) FROM t WHERE id < 1000 ORDER BY id").fetchall()

    reference = _open(tmp_path / "plain.db")
    _table(reference)
    reference.executemany(INSERT, ROWS)
    plain = reference.execute("SELECT *, typeof(note), typeof(gone), typeof(one), typeof(blank) FROM t ORDER BY id").fetchall()
    assert moved == plain and len(moved) == len(ROWS)
    for con in (first, other, reference):
        con.close()
