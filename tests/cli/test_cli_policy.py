"""`ospod-desktop policy show|check|import`, run as a user would (a subprocess, the password on stdin)."""

from __future__ import annotations

import json

from ospod_desktop.core.policy import default_policy, policy_to_data
from tests.cli.test_cli import PASSWORD, db, run  # noqa: F401 (fixture)


def _login(db):  # noqa: F811
    return ["--db", db, "--user", "boss", "--password-stdin"]


def test_show_check_and_import(db, tmp_path):  # noqa: F811
    shown = run("policy", "show", *_login(db), stdin=PASSWORD + "\n")
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert data["revision"] == 1 and data == policy_to_data(default_policy())

    data["zdvop"]["total_stay_months"]["value"] = 9
    good = tmp_path / "good.json"
    good.write_text(json.dumps(data), encoding="utf-8")
    checked = run("policy", "check", good)
    assert checked.returncode == 0 and "valid" in checked.stdout, checked.stderr

    saved = run("policy", "import", good, "--reason", "Krajská metodika", *_login(db), stdin=PASSWORD + "\n")
    assert saved.returncode == 0 and "revision 2" in saved.stdout, saved.stderr
    again = json.loads(run("policy", "show", *_login(db), stdin=PASSWORD + "\n").stdout)
    assert again["revision"] == 2 and again["zdvop"]["total_stay_months"]["value"] == 9


def test_a_bad_file_names_the_field_and_saves_nothing(db, tmp_path):  # noqa: F811
    data = policy_to_data(default_policy())
    data["visits"]["by_setting"]["relatives"]["steps"][1]["every_months"] = 0
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    key = "visits.by_setting.relatives.steps[1].every_months"
    checked = run("policy", "check", bad)
    assert checked.returncode == 2 and key in checked.stderr and "Relatives, step 2" in checked.stderr
    assert len(checked.stderr.strip().splitlines()) == 1 and "Traceback" not in checked.stderr
    refused = run("policy", "import", bad, "--reason", "Krajská metodika", *_login(db), stdin=PASSWORD + "\n")
    assert refused.returncode == 2 and key in refused.stderr
    czech = run("policy", "check", bad, lang="cs")
    assert "Příbuzní, krok 2" in czech.stderr and "od 1 do 120" in czech.stderr
    short = run("policy", "import", bad, "--reason", "abc", *_login(db), stdin=PASSWORD + "\n")
    assert short.returncode == 2 and "at least 5 characters" in short.stderr
    assert json.loads(run("policy", "show", *_login(db), stdin=PASSWORD + "\n").stdout)["revision"] == 1
