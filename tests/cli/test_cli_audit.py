"""`verify --anchor`, `verify --recovery-code-stdin` and `accept-loss`, run as a user would (a subprocess)."""

from __future__ import annotations

import re
import shutil

from tests.cli.test_cli import PASSWORD, run


def test_verify_prints_the_anchor_checks_a_given_one_and_the_macs_with_the_code(tmp_path):
    db = tmp_path / "cli.db"
    init = run("init", "--db", db, "--admin", "boss", "--password-stdin", stdin=PASSWORD + "\n")
    code = init.stdout.strip().splitlines()[-1]
    ok = run("verify", "--db", db, "--user", "boss", "--password-stdin", stdin=PASSWORD + "\n")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    printed = re.search(r"Anchor: (\d+:[0-9a-f]{16})", ok.stdout).group(1)
    assert "not checked" in ok.stdout
    full = run("verify", "--db", db, "--user", "boss", "--password-stdin", "--recovery-code-stdin",
               stdin=f"{PASSWORD}\n{code}\n")
    assert full.returncode == 0 and "checked with the recovery code" in full.stdout, full.stdout + full.stderr
    given = run("verify", "--db", db, "--user", "boss", "--password-stdin", "--anchor", printed,
                stdin=PASSWORD + "\n")
    assert given.returncode == 0, given.stdout + given.stderr
    later = int(printed.split(":")[0]) + 50
    wrong = run("verify", "--db", db, "--user", "boss", "--password-stdin", "--anchor", f"{later}:0123456789abcdef",
                stdin=PASSWORD + "\n")
    assert wrong.returncode == 1 and f"the anchor {later}:0123456789abcdef names audit row {later}" in wrong.stdout
    bad = run("verify", "--db", db, "--user", "boss", "--password-stdin", "--anchor", "xyz", stdin=PASSWORD + "\n")
    assert bad.returncode == 2 and "--anchor" in bad.stderr


def test_accept_loss_after_a_cut_chain_and_in_czech(tmp_path):
    db = tmp_path / "cli.db"
    run("init", "--db", db, "--admin", "boss", "--password-stdin", stdin=PASSWORD + "\n")
    nothing = run("accept-loss", "--db", db, "--user", "boss", "--password-stdin", stdin=PASSWORD + "\n")
    assert nothing.returncode == 2 and "Nothing to accept" in nothing.stderr
    shutil.copyfile(db, tmp_path / "old.db")  # the file as it was: later rows "lost" when it is put back
    for _ in range(2):
        run("verify", "--db", db, "--user", "boss", "--password-stdin", stdin=PASSWORD + "\n")
    shutil.copyfile(tmp_path / "old.db", db)
    failed = run("verify", "--db", db, "--user", "boss", "--password-stdin", stdin=PASSWORD + "\n", lang="cs")
    assert failed.returncode == 1 and "kotva" in failed.stdout and "ztraceny" in failed.stdout, failed.stdout
    done = run("accept-loss", "--db", db, "--user", "boss", "--password-stdin", stdin=PASSWORD + "\n")
    assert done.returncode == 0 and "are lost" in done.stdout, done.stdout + done.stderr
    assert run("verify", "--db", db, "--user", "boss", "--password-stdin", stdin=PASSWORD + "\n").returncode == 0
