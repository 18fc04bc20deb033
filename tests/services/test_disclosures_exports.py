"""Every existing export is recorded in the disclosure register with no child and the SHA-256 of exactly the
bytes written (the file) or printed (standard output): case list, due list (command line and the due page's
file), the indicator catalogue."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

import pytest

from ospod_desktop.core.roles import Role
from ospod_desktop.services import disclosures, due, identity
from tests.cli.test_cli import run
from tests.conftest import OFFICER_PASSWORD
from tests.services.placement_helpers import child

LOGIN = ("--user", "officer", "--password-stdin")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def office(officer_session, db_path):
    child(officer_session, "Ali")
    child(officer_session, "Олександр")
    return officer_session, db_path


def _stdout_bytes(*args) -> bytes:
    """The command's standard output as bytes (text mode would turn the CSV's CRLF into LF)."""
    r = subprocess.run([sys.executable, "-m", "ospod_desktop", *map(str, args)], input=OFFICER_PASSWORD.encode(),
                       capture_output=True, env={**os.environ, "OSPOD_LANG": "en"}, timeout=120)
    assert r.returncode == 0, r.stderr
    return r.stdout


def _entries(us) -> list[disclosures.DisclosureView]:
    return disclosures.disclosures(us)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_case_list_file_is_recorded_with_its_bytes(office, tmp_path, fmt):
    us, db = office
    out = tmp_path / f"seznam.{fmt}"
    r = run("list", "--db", db, *LOGIN, "--format", fmt, "--out", out, stdin=OFFICER_PASSWORD)
    assert r.returncode == 0, r.stderr
    [entry] = _entries(us)
    assert (entry.kind, entry.child_id, entry.channel, entry.categories) == ("case_list", None, "cli", ("cases",))
    assert entry.sha256 == _sha(out.read_bytes()) and entry.size == out.stat().st_size
    assert entry.as_json()["child"] is None and entry.user == "officer"


def test_printed_exports_are_recorded_with_the_bytes_printed(office):
    us, db = office
    listed = run("list", "--db", db, *LOGIN, "--format", "json", stdin=OFFICER_PASSWORD)
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) == 2
    shown = run("catalogue", "show", "--db", db, *LOGIN, stdin=OFFICER_PASSWORD)
    assert shown.returncode == 0 and json.loads(shown.stdout)
    catalogue, case_list = _entries(us)
    assert case_list.kind == "case_list" and case_list.sha256 == _sha(listed.stdout.encode())
    assert catalogue.kind == "catalogue" and catalogue.categories == ()
    assert catalogue.sha256 == _sha(shown.stdout.encode())


def test_due_list_exports_are_recorded(office, tmp_path):
    us, db = office
    out = tmp_path / "lhuty.ics"
    r = run("due", "--db", db, *LOGIN, "--format", "ics", "--out", out, stdin=OFFICER_PASSWORD)
    assert r.returncode == 0, r.stderr
    printed = _stdout_bytes("due", "--db", db, *LOGIN, "--format", "csv")
    assert b"\r\n" in printed
    saved = tmp_path / "lhuty.csv"
    n = due.export_due(us, saved, "csv")  # the due page's "Export…"
    assert n >= 0
    gui, stdout, cli_file = _entries(us)
    assert {e.kind for e in (gui, stdout, cli_file)} == {"due_list"}
    assert cli_file.sha256 == _sha(out.read_bytes()) and cli_file.channel == "cli"
    assert stdout.sha256 == _sha(printed)
    assert gui.sha256 == _sha(saved.read_bytes()) and gui.channel == "saved" and gui.categories == ("deadlines",)


def test_a_supervisor_sees_every_export_an_administrator_too(office, admin_session, db_path, tmp_path):
    us, db = office
    run("list", "--db", db, *LOGIN, "--format", "csv", "--out", tmp_path / "a.csv", stdin=OFFICER_PASSWORD)
    identity.create_user(admin_session[0], "boss", "Boss", Role.SUPERVISOR, OFFICER_PASSWORD)
    boss = identity.login(db_path, "boss", OFFICER_PASSWORD)
    try:
        assert [e.kind for e in disclosures.disclosures(boss)] == ["case_list"]
        assert [e.kind for e in disclosures.disclosures(admin_session[0])] == ["case_list"]
    finally:
        boss.close()
