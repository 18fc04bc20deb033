"""Paths the user gives: `init` refuses a folder that does not exist, and every command that opens a database
says "file not found" for one that is not there, naming it; nothing is created in either case."""

from __future__ import annotations

import pytest

from tests.cli.test_cli import PASSWORD, run

OPENING = {  # every command that opens a database, with what else it needs
    "verify": (),
    "backup": ("--out", "{tmp}/copy.db"),
    "import": ("children", "{tmp}/register.csv"),
    "duplicates": (),
    "list": ("--format", "csv"),
}


@pytest.mark.parametrize("lang", ["en", "cs"])
def test_init_refuses_a_folder_that_does_not_exist(tmp_path, lang):
    target = tmp_path / "no such folder" / "deeper" / "office.db"
    r = run("init", "--db", target, "--admin", "boss", "--password-stdin", stdin=PASSWORD + "\n", lang=lang)
    assert r.returncode == 2 and r.stdout == "" and r.stderr.count("\n") == 1
    assert str(target.parent) in r.stderr and "Traceback" not in r.stderr
    assert ("does not exist" if lang == "en" else "neexistuje") in r.stderr
    assert list(tmp_path.iterdir()) == []  # no folder, no database, no key file


def test_init_refuses_a_folder_as_the_database(tmp_path):
    r = run("init", "--db", tmp_path, "--admin", "boss", "--password-stdin", stdin=PASSWORD + "\n")
    assert r.returncode == 2 and "folder" in r.stderr and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", sorted(OPENING))
def test_a_missing_database_is_file_not_found(tmp_path, command):
    (tmp_path / "register.csv").write_text("reference\nR-1\n", encoding="utf-8")
    missing = tmp_path / "nowhere.db"
    extra = [a.format(tmp=tmp_path) for a in OPENING[command]]
    args = (command, *extra, "--db", missing, "--user", "boss", "--password-stdin")
    before = sorted(p.name for p in tmp_path.iterdir())
    for lang, words in (("en", "File not found"), ("cs", "Soubor nenalezen")):
        r = run(*args, stdin=PASSWORD + "\n", lang=lang)
        assert r.returncode == 2 and r.stdout == "", (lang, r.stdout, r.stderr)
        assert r.stderr == f"{'Error' if lang == 'en' else 'Chyba'}: {words}: {missing}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing created, not even a key file
