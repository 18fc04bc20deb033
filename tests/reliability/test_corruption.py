"""Corruption (issue 14's suite): damaged copies of the database, of its WAL after a crash before the checkpoint,
and of the key-slot file — byte flips at seeded positions, truncations, zeroed pages, swapped pages — are each
found by `ospod-desktop verify` (run in-process through the CLI's own entry point, in English and in Czech) with
ONE clear translated line: never "unexpected failure", never a traceback, never the library's text.

65 copies per CI run, 500 with `pytest --long` (the cases are drawn from a seeded generator; REGRESSIONS are kept).

The WAL: SQLite checks each WAL frame's checksum and silently ignores the damaged frame and every frame after it,
so one flipped byte in `-wal` drops whole committed transactions and the database left is consistent — nothing in
one file can tell (issue 14 item 1). The audit chain's anchor in the key-slot file (`storage.anchor`, moved on
after every commit) tells: `verify` reports the rows it once had, naming the anchor. A WAL frame damaged with its
checksum recomputed (no loss to SQLite, a page SQLCipher's MAC refuses) is found by SQLCipher itself.
"""

from __future__ import annotations

import io
import json
import random
import shutil
import struct
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import text

from ospod_desktop import cli
from ospod_desktop.core.errors import OspodError
from ospod_desktop.core.roles import Role
from ospod_desktop.services import children, identity
from ospod_desktop.storage import keyslots
from ospod_desktop.storage.keyslots import keys_path
from tests.conftest import ADMIN_PASSWORD, FAST_KDF, OFFICER_PASSWORD, child_form, reliability_sizes

SEED = 1412
PAGE = 4096
WAL_HEADER, FRAME_HEADER = 32, 24
WAL_ROWS = 5  # children committed into the WAL before the "crash"


@dataclass(frozen=True)
class Case:
    target: str  # "db", "keys" or "wal"
    damage: str
    seed: int

    @property
    def id(self) -> str:
        return f"{self.target}-{self.damage}-{self.seed}"


# (target, damage, share of the cases)
PLAN = [("db", "flip", 8), ("db", "flips", 3), ("db", "truncate", 4), ("db", "zero-page", 4), ("db", "swap-pages", 4),
        ("db", "header", 2), ("keys", "flip", 8), ("keys", "truncate", 4), ("keys", "garbage", 2),
        ("wal", "frame-flip", 4), ("wal", "truncate", 3), ("wal", "header-flip", 2), ("wal", "resealed-flip", 2)]


# Found by `--long` runs, kept in every run: pages the login itself reads (the user, the audit head), damaged
# behind a first page that decrypts — the login raised the driver's error ("unexpected failure") until it said
# "damaged" (services/identity/_auth.py).
REGRESSIONS = [Case("db", "flips", 1511), Case("db", "zero-page", 1581), Case("db", "swap-pages", 1604),
               Case("db", "swap-pages", 1617)]


def cases(total: int) -> list[Case]:
    weights = sum(w for *_x, w in PLAN)
    out = list(REGRESSIONS)
    for target, damage, weight in PLAN:
        out += [Case(target, damage, SEED + len(out) - len(REGRESSIONS) + n)
                for n in range(max(1, round(total * weight / weights)))]
    return list(dict.fromkeys(out))


def pytest_generate_tests(metafunc):
    if "case" in metafunc.fixturenames:
        all_cases = cases(reliability_sizes(bool(metafunc.config.getoption("--long"))).corrupt_copies)
        metafunc.parametrize("case", [pytest.param(c, id=c.id) for c in all_cases])


@pytest.fixture(scope="module")
def originals(tmp_path_factory):
    """A database with 40 children (several pages), closed and checkpointed; and a copy of it taken as a crash
    would leave it: WAL_ROWS more children committed into `-wal`, not yet checkpointed."""
    saved = keyslots.DEFAULT_KDF
    keyslots.DEFAULT_KDF = FAST_KDF
    folder = tmp_path_factory.mktemp("corruption")
    db = folder / "clean" / "ospod.db"
    db.parent.mkdir()
    try:
        admin, _code = identity.initialise(db, identity.OfficeProfile("OSPOD Praha 5"), "admin", "Admin",
                                           ADMIN_PASSWORD)
        identity.create_user(admin, "officer", "Petr Novák", Role.OFFICER, OFFICER_PASSWORD)
        admin.close()
        us = identity.login(db, "officer", OFFICER_PASSWORD)
        for n in range(40):
            children.register_child(us, child_form(f"Dítě{n}", "Poškozená", "F", notes="poznámka " * 40))
        us.close()
        crashed = folder / "crashed" / "ospod.db"
        crashed.parent.mkdir()
        us = identity.login(db, "officer", OFFICER_PASSWORD)
        for n in range(WAL_ROWS):
            children.register_child(us, child_form(f"Walová{n}", "Zapsaná", "F", reference=f"WAL-{n}"))
        wal = db.with_name(db.name + "-wal")
        assert wal.stat().st_size > WAL_HEADER, "the commits are in the WAL, not checkpointed"
        for suffix in ("", "-wal"):  # the files as a power cut would leave them (no -shm: SQLite rebuilds it)
            shutil.copyfile(db.with_name(db.name + suffix), crashed.with_name(crashed.name + suffix))
        shutil.copyfile(keys_path(db), keys_path(crashed))
        us.close()
    finally:
        keyslots.DEFAULT_KDF = saved
    return db, crashed


def run_verify(path: Path, lang: str, monkeypatch, capsys) -> tuple[int, list[str]]:
    """`ospod-desktop verify` through the CLI's entry point; (exit code, the non-empty lines it printed)."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(OFFICER_PASSWORD + "\n"))
    code = cli.run_cli(["verify", "--db", str(path), "--user", "officer", "--password-stdin", "--lang", lang])
    out, err = capsys.readouterr()
    return code, [line for line in (out + err).splitlines() if line.strip()]


def _flip(data: bytearray, rng: random.Random, lo: int = 0, hi: int | None = None) -> None:
    pos = rng.randrange(lo, len(data) if hi is None else hi)
    data[pos] ^= rng.randrange(1, 256)


def damage_db(data: bytearray, case: Case, rng: random.Random) -> bytearray:
    pages = len(data) // PAGE
    if case.damage == "flip":
        _flip(data, rng)
    elif case.damage == "flips":
        for _ in range(rng.randint(2, 50)):
            _flip(data, rng)
    elif case.damage == "truncate":
        cut = rng.choice([rng.randrange(1, pages) * PAGE, rng.randrange(1, len(data))])
        del data[cut:]
    elif case.damage == "zero-page":
        page = rng.randrange(pages)
        data[page * PAGE:(page + 1) * PAGE] = bytes(PAGE)
    elif case.damage == "swap-pages":
        a, b = rng.sample(range(pages), 2)
        pa, pb = data[a * PAGE:(a + 1) * PAGE], data[b * PAGE:(b + 1) * PAGE]
        data[a * PAGE:(a + 1) * PAGE], data[b * PAGE:(b + 1) * PAGE] = pb, pa
    elif case.damage == "header":
        _flip(data, rng, 0, 100)
    return data


def _same_json(a: bytes, b: bytes) -> bool:
    try:
        return json.loads(a) == json.loads(b)
    except ValueError:
        return False


def damage_keys(data: bytearray, case: Case, rng: random.Random) -> bytearray:
    """Damage to the key file's content: a change only to the JSON's white space (a space become a tab) changes
    nothing the file holds, and is drawn again."""
    before = bytes(data)
    while True:
        damaged = _damage_keys(bytearray(before), case, rng)
        if not _same_json(before, damaged):
            return damaged


def _damage_keys(data: bytearray, case: Case, rng: random.Random) -> bytearray:
    if case.damage == "flip":
        _flip(data, rng)
    elif case.damage == "truncate":
        del data[rng.randrange(0, len(data) - 1):]
    elif case.damage == "garbage":
        pos = rng.randrange(len(data))
        data[pos:pos + 64] = rng.randbytes(64)
    return data


def _wal_checksum(data: bytes | bytearray, s0: int, s1: int, big: bool) -> tuple[int, int]:
    words = struct.unpack((">" if big else "<") + f"{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


def reseal_wal(data: bytearray) -> None:
    """Recompute every frame's checksum (SQLite's WAL format), so SQLite itself accepts the frames as they are."""
    big = struct.unpack(">I", data[:4])[0] & 1
    s0, s1 = struct.unpack(">II", data[24:32])
    size = FRAME_HEADER + PAGE
    for start in range(WAL_HEADER, len(data) - size + 1, size):
        s0, s1 = _wal_checksum(data[start:start + 8], s0, s1, bool(big))
        s0, s1 = _wal_checksum(data[start + FRAME_HEADER:start + size], s0, s1, bool(big))
        data[start + 16:start + 24] = struct.pack(">II", s0, s1)


def damage_wal(data: bytearray, case: Case, rng: random.Random) -> bytearray:
    frames = (len(data) - WAL_HEADER) // (FRAME_HEADER + PAGE)
    first_frames = max(1, frames // 2)  # in the first half: later commits depend on the damaged frame
    frame = rng.randrange(first_frames)
    start = WAL_HEADER + frame * (FRAME_HEADER + PAGE)
    if case.damage == "frame-flip":
        _flip(data, rng, start, start + FRAME_HEADER + PAGE)
    elif case.damage == "truncate":
        del data[rng.randrange(WAL_HEADER, start + FRAME_HEADER + PAGE):]
    elif case.damage == "header-flip":
        _flip(data, rng, 0, WAL_HEADER)
    elif case.damage == "resealed-flip":  # the page's bytes damaged, the frame's checksum made to match
        _flip(data, rng, start + FRAME_HEADER, start + FRAME_HEADER + PAGE)
        reseal_wal(data)
    return data


def _damaged_copy(case: Case, originals, folder: Path) -> Path:
    clean, crashed = originals
    source = crashed if case.target == "wal" else clean
    copy = folder / "copy" / "ospod.db"
    copy.parent.mkdir()
    for suffix in ("", "-wal"):
        if source.with_name(source.name + suffix).exists():
            shutil.copyfile(source.with_name(source.name + suffix), copy.with_name(copy.name + suffix))
    shutil.copyfile(keys_path(source), keys_path(copy))
    rng = random.Random(case.seed)
    target = {"db": copy, "keys": keys_path(copy), "wal": copy.with_name(copy.name + "-wal")}[case.target]
    damage = {"db": damage_db, "keys": damage_keys, "wal": damage_wal}[case.target]
    before = target.read_bytes()
    after = bytes(damage(bytearray(before), case, rng))
    assert after != before
    target.write_bytes(after)
    return copy


def _all_wal_rows_there(path: Path) -> bool:
    us = identity.login(path, "officer", OFFICER_PASSWORD)
    try:
        with us.read() as session:
            refs = {r[0] for r in session.exec(text("SELECT reference FROM child"))}
    finally:
        us.close()
    return all(f"WAL-{n}" in refs for n in range(WAL_ROWS))


def _login_is_clear(copy: Path, snapshot: Path) -> None:
    """Opening the damaged copy as the login window does: it works (the damage is in a page a login does not read),
    or fails with the app's own translated error — what the login window shows, with the backup offer."""
    shutil.rmtree(copy.parent)
    shutil.copytree(snapshot, copy.parent)
    try:
        us = identity.login(copy, "officer", OFFICER_PASSWORD)
    except OspodError as exc:
        assert exc.message and "unexpected" not in exc.message.lower()
    else:
        us.close()


def test_the_undamaged_copies_verify_and_the_crash_copy_holds_its_wal_commits(originals, tmp_path, monkeypatch,
                                                                             capsys):
    clean, crashed = originals
    for path in (clean, crashed):
        copy = tmp_path / path.parent.name / "ospod.db"
        shutil.copytree(path.parent, copy.parent)
        code, lines = run_verify(copy, "en", monkeypatch, capsys)
        assert code == 0 and lines[0].startswith("OK"), lines
    assert _all_wal_rows_there(tmp_path / "crashed" / "ospod.db")


def test_a_damaged_copy_is_detected_with_one_clear_translated_line(case, originals, tmp_path, monkeypatch, capsys):
    copy = _damaged_copy(case, originals, tmp_path)
    snapshot = tmp_path / "snapshot"
    shutil.copytree(copy.parent, snapshot)  # verify writes an audit row to a copy it finds clean: each run a fresh one
    messages = {}
    for lang in ("en", "cs"):
        shutil.rmtree(copy.parent)
        shutil.copytree(snapshot, copy.parent)
        code, lines = run_verify(copy, lang, monkeypatch, capsys)
        text = "\n".join(lines)
        assert "Traceback" not in text and "unexpected" not in text.lower() and "neočekávan" not in text.lower()
        if code == 0 and case.target == "wal":  # SQLite dropped the damaged frames: were committed rows lost?
            shutil.rmtree(copy.parent)
            shutil.copytree(snapshot, copy.parent)
            assert _all_wal_rows_there(copy), "committed rows were lost and verify said OK"
            return
        assert code in (1, 2), (code, lines)
        assert len(lines) == 1, lines
        messages[lang] = lines[0]
    assert messages["en"].startswith(("FAILED: ", "Error: ")), messages
    _login_is_clear(copy, snapshot)
    assert messages["cs"].startswith(("SELHALO: ", "Chyba: ")), messages
    assert messages["cs"].split(": ", 1)[1] != messages["en"].split(": ", 1)[1], "the Czech message is translated"
