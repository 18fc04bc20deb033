"""What `list` and `duplicates` write: the XLSX workbook read back, the officer's duplicate report, the
percentages `--min-score` takes, and a reader that goes away (`| head -1`)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta

import pytest

from ospod_desktop.core.roles import Role
from ospod_desktop.services import children, identity
from tests.cli.test_cli import run
from tests.conftest import OFFICER_PASSWORD, child_form

LOGIN = ("--user", "officer", "--password-stdin")
CSV_HEADER = ("id,reference,case_mark,given_name,family_name,original_script_name,sex,age,age_range,date_of_birth,"
              "birth_year,nationality,status,case_status,found_date,current_facility,missing_since")


@pytest.fixture
def register(admin_session, db_path):
    """Two registrations of one boy (Cyrillic and Latin, one with a case file mark, the nationality differs), and
    a girl known by her birth year whose name would start a formula."""
    admin, _code = admin_session
    identity.create_user(admin, "officer", "Petr Novák", Role.OFFICER, OFFICER_PASSWORD)
    admin.close()
    officer = identity.login(db_path, "officer", OFFICER_PASSWORD)
    try:
        found = date(2026, 3, 1)
        ids = [
            children.register_child(officer, child_form(
                "Олександр", "Шевченко", "M", birth_date=date(2010, 5, 1), nationalities=("UA",), found_on=found,
                reference="KACPU-1", case_mark="Om 12/2026")),
            children.register_child(officer, child_form(
                "Oleksandr", "Ševčenko", "M", birth_date=date(2010, 5, 1), nationalities=("PL",), found_on=found,
                reference="KACPU-2")),
            children.register_child(officer, child_form(
                "=HYPERLINK(\"x\")", "@Haidari", "F", birth_year=2011, nationalities=("AF",), found_on=found,
                reference="-3")),
        ]
    finally:
        officer.close()
    return db_path, ids


def test_list_xlsx_is_a_czech_workbook(register, tmp_path):
    from openpyxl import load_workbook

    db, (a, b, c) = register
    out = tmp_path / "seznam.xlsx"
    r = run("list", "--db", db, *LOGIN, "--format", "xlsx", "--out", out, "--lang", "cs", stdin=OFFICER_PASSWORD,
            lang="en")
    assert r.returncode == 0 and "3" in r.stdout and str(out) in r.stdout, r.stderr
    ws = load_workbook(out).active
    header = [cell.value for cell in ws[1]]
    assert header == ["Č. záznamu", "Číslo jednací", "Spisová značka", "Jméno (jména)", "Příjmení",
                      "Jméno v původním písmu", "Pohlaví", "Věk (nejnižší možný)", "Věkové rozpětí", "Datum narození",
                      "Rok narození", "Státní příslušnost", "Status", "Stav případu", "Datum nalezení", "Umístění",
                      "Pohřešováno od"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:Q4"
    rows = {row[0].value: row for row in ws.iter_rows(min_row=2)}
    assert set(rows) == {a, b, c}  # ids are numbers
    first = {h: cell for h, cell in zip(header, rows[a], strict=True)}
    assert first["Číslo jednací"].value == "KACPU-1" and first["Spisová značka"].value == "Om 12/2026"
    assert first["Příjmení"].value == "Шевченко" and first["Pohlaví"].value == "muž"
    assert first["Státní příslušnost"].value == "Ukrajina" and first["Stav případu"].value == "otevřený"
    born, found = first["Datum narození"], first["Datum nalezení"]
    assert born.is_date and born.value == datetime(2010, 5, 1) and born.number_format == "d. m. yyyy"
    assert found.is_date and found.value == datetime(2026, 3, 1) and found.number_format == "d. m. yyyy"
    assert isinstance(first["Věk (nejnižší možný)"].value, int) and first["Rok narození"].value == 2010
    third = {h: cell.value for h, cell in zip(header, rows[c], strict=True)}
    # text that would start a formula is text with a ' in front; numbers stay numbers
    assert (third["Jméno (jména)"], third["Příjmení"], third["Číslo jednací"]) == (
        "'=HYPERLINK(\"x\")", "'@Haidari", "'-3")
    assert third["Rok narození"] == 2011 and third["Datum narození"] is None
    assert not any(cell.data_type == "f" for row in ws.iter_rows() for cell in row)
    widths = {k: d.width for k, d in ws.column_dimensions.items()}
    assert all(6 <= w <= 50 for w in widths.values()) and widths["B"] > 10  # fitted, not the default 8.43

    # English: the CSV's column names; the file is replaced in one piece
    r = run("list", "--db", db, *LOGIN, "--format", "xlsx", "--out", out, stdin=OFFICER_PASSWORD, lang="en")
    assert r.returncode == 0, r.stderr
    ws = load_workbook(out).active
    assert ",".join(cell.value for cell in ws[1]) == CSV_HEADER
    assert ws["J2"].number_format == "yyyy-mm-dd" and ws["J2"].is_date
    assert sorted(p.name for p in tmp_path.iterdir()) == ["office", "seznam.xlsx"]  # no temporary file left


def test_list_csv_is_unchanged_and_out_needs_an_existing_folder(register, tmp_path):
    db, ids = register
    r = run("list", "--db", db, *LOGIN, "--format", "csv", stdin=OFFICER_PASSWORD)
    assert r.returncode == 0 and r.stdout.splitlines()[0] == CSV_HEADER
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert [int(row["id"]) for row in rows] == ids
    assert rows[0]["date_of_birth"] == "2010-05-01" and rows[0]["sex"] == "M" and rows[0]["nationality"] == "UA"
    assert rows[2]["given_name"] == "'=HYPERLINK(\"x\")"
    out = tmp_path / "list.csv"
    f = run("list", "--db", db, *LOGIN, "--format", "csv", "--out", out, stdin=OFFICER_PASSWORD)
    assert f.returncode == 0 and out.read_text(encoding="utf-8") == r.stdout  # the same text as on stdout
    assert out.read_bytes().startswith(CSV_HEADER.encode() + b"\r\n")  # csv's own line ends, as on stdout
    missing = tmp_path / "nic" / "list.xlsx"
    m = run("list", "--db", db, *LOGIN, "--format", "xlsx", "--out", missing, stdin=OFFICER_PASSWORD)
    assert m.returncode == 2 and str(missing.parent) in m.stderr and not missing.parent.exists()
    x = run("list", "--db", db, *LOGIN, "--format", "xlsx", stdin=OFFICER_PASSWORD)
    assert x.returncode == 2 and "--out" in x.stderr and x.stdout == ""
    before = db.read_bytes()
    for own in (db, db.with_name(db.name + ".keys")):  # an export never replaces the database or its key file
        o = run("list", "--db", db, *LOGIN, "--format", "csv", "--out", own, stdin=OFFICER_PASSWORD)
        assert o.returncode == 2 and "the database or one of its files" in o.stderr
    assert db.read_bytes() == before


def test_duplicates_text_reads_like_the_gui(register):
    db, (a, b, _c) = register
    r = run("duplicates", "--db", db, *LOGIN, "--format", "text", stdin=OFFICER_PASSWORD)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("Score ") and " %: " in lines[0]
    assert "same date of birth" in lines[0] and "neighbouring nationality" in lines[0]  # Ukraine and Russia border
    assert "SAME_BIRTH_DATE" not in r.stdout
    assert lines[1] == f"  KACPU-1 · Om 12/2026 · Шевченко Олександр · born May 1, 2010 · record no. {a}"
    assert lines[2] == f"  KACPU-2 · Ševčenko Oleksandr · born May 1, 2010 · record no. {b}"
    cs = run("duplicates", "--db", db, *LOGIN, stdin=OFFICER_PASSWORD, lang="cs").stdout.splitlines()
    assert cs[0].startswith("Shoda ") and "stejné datum narození" in cs[0]
    assert cs[1] == f"  KACPU-1 · Om 12/2026 · Шевченко Олександр · nar. 1. 5. 2010 · záznam č. {a}"


def test_duplicates_json_is_unchanged_and_min_score_takes_percentages(register):
    db, (a, b, _c) = register

    def pairs(*extra):
        r = run("duplicates", "--db", db, *LOGIN, "--format", "json", *extra, stdin=OFFICER_PASSWORD)
        assert r.returncode == 0, r.stderr
        return json.loads(r.stdout)

    default = pairs()
    assert len(default) == 1 and set(default[0]) == {"a", "b", "score", "reasons"}
    assert default[0]["a"] == {"id": a, "reference": "KACPU-1"} and default[0]["b"] == {"id": b, "reference": "KACPU-2"}
    assert isinstance(default[0]["score"], float) and "SAME_BIRTH_DATE" in default[0]["reasons"]
    score = default[0]["score"]
    assert 0.75 <= score < 1
    for same in ("75", "75%", "0,75"):
        assert pairs("--min-score", same) == default, same
    above = round(score * 100) + 1
    for higher in (f"{above}", f"{above / 100}"):
        assert pairs("--min-score", higher) == [], higher
    for nonsense in ("-5", "101", "150%", "abc"):
        r = run("duplicates", "--db", db, *LOGIN, "--min-score", nonsense, stdin=OFFICER_PASSWORD)
        assert r.returncode == 2 and r.stdout == "", nonsense
        assert r.stderr.count("\n") == 1 and "--min-score" in r.stderr and nonsense in r.stderr, r.stderr


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_a_closed_pipe_ends_quietly(register, fmt):
    """`ospod-desktop list … | head -1`: the reader is gone before anything is written. No traceback, no
    "Exception ignored", no error line: the exit status a Unix tool killed by SIGPIPE gives (141)."""
    db, _ids = register
    proc = subprocess.Popen([sys.executable, "-m", "ospod_desktop", "list", "--db", str(db), *LOGIN, "--format", fmt],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdin and proc.stdout and proc.stderr
    proc.stdout.close()  # before the password is sent: the command cannot have written anything yet
    proc.stdin.write((OFFICER_PASSWORD + "\n").encode())
    proc.stdin.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141
    assert err == ""


def test_a_pipe_closed_by_head(register):
    db, _ids = register
    cmd = (f"printf '%s\\n' '{OFFICER_PASSWORD}' | {sys.executable} -m ospod_desktop list --db '{db}' "
           "--user officer --password-stdin --format csv | head -1")
    r = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and r.stdout == CSV_HEADER + "\n" and r.stderr == ""


def test_min_score_values():
    from ospod_desktop.cli_duplicates import min_score
    from ospod_desktop.core.errors import OspodError

    for text, share in (("0.75", 0.75), ("75", 0.75), ("75%", 0.75), ("75 %", 0.75), (" 0,75 ", 0.75),
                        ("82,5 %", 0.825), ("1", 1.0), ("100", 1.0), ("100%", 1.0), ("0", 0.0), ("0%", 0.0),
                        ("0.5%", 0.005), ("1e2", 1.0)):
        assert min_score(text, 0.75) == pytest.approx(share), text
    assert min_score(None, 0.8) == 0.8
    for nonsense in ("-5", "-0.1", "100.5", "101%", "150", "abc", "", "%", "nan", "inf", "75%%", "0.7.5"):
        with pytest.raises(OspodError) as err:
            min_score(nonsense, 0.75)
        assert "--min-score" in err.value.message and f"“{nonsense}”" in err.value.message


def test_list_gives_when_a_missing_child_was_last_seen(register, tmp_path):
    """`missing_since`: the open episode's last-seen time (ISO 8601 UTC) or null; a closed episode is null again."""
    from openpyxl import load_workbook

    from ospod_desktop.core.missing_form import MissingInput
    from ospod_desktop.services import missing

    db, (a, b, c) = register
    seen = datetime(2026, 3, 5, 17, 45, 30, tzinfo=UTC)
    officer = identity.login(db, "officer", OFFICER_PASSWORD)
    try:
        missing.report_missing(officer, a, MissingInput(last_seen_at=seen, last_seen_place="Praha"))
        closed = missing.report_missing(officer, b, MissingInput(last_seen_at=seen, last_seen_place="Brno"))
        missing.record_return(officer, closed, seen + timedelta(hours=5), found_place="Brno")
    finally:
        officer.close()
    r = run("list", "--db", db, *LOGIN, "--format", "json", stdin=OFFICER_PASSWORD)
    assert r.returncode == 0, r.stderr
    since = {rec["id"]: rec["missing_since"] for rec in json.loads(r.stdout)}
    assert since == {a: "2026-03-05T17:45:30Z", b: None, c: None}
    rows = list(csv.DictReader(io.StringIO(run("list", "--db", db, *LOGIN, "--format", "csv",
                                               stdin=OFFICER_PASSWORD).stdout)))
    assert [row["missing_since"] for row in rows] == ["2026-03-05T17:45:30Z", "", ""]
    out = tmp_path / "list.xlsx"
    x = run("list", "--db", db, *LOGIN, "--format", "xlsx", "--out", out, stdin=OFFICER_PASSWORD, lang="cs")
    assert x.returncode == 0, x.stderr
    ws = load_workbook(out).active
    assert ws["Q1"].value == "Pohřešováno od" and ws["Q3"].value is None
    local = seen.astimezone().replace(tzinfo=None, second=0)
    assert ws["Q2"].is_date and ws["Q2"].value == local and ws["Q2"].number_format == "d. m. yyyy h:mm"
