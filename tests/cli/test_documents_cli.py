"""`export pdf` and `disclosures [verify]`, run as a user would (a subprocess, the password on stdin) against a
real database: each kind issued and registered with the file's exact SHA-256, the register's JSON contract and
its --child filter, a file checked against the register (ours, altered, foreign), and every refusal one line,
exit 2, nothing written, no child's name."""

from __future__ import annotations

import hashlib
import io
import json
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from pypdf import PdfReader

from ospod_desktop.core.documents import DOCUMENT_KINDS
from ospod_desktop.core.missing_form import MissingInput
from ospod_desktop.core.placement_form import PlacementInput
from ospod_desktop.core.roles import Role
from ospod_desktop.services import children, identity, missing, placements
from tests.cli.test_cli import run
from tests.conftest import OFFICER_PASSWORD, child_form

TODAY = date.today()
KEYS = {"id", "child", "kind", "recipient", "issued_at", "user", "categories", "sha256"}
NAMES = ("Amira", "Haidari", "Bogdan", "Petrenko", "أميرة")
ISSUED = re.compile(r"^Issued: č\.j\. (?P<ref>.+), SHA-256 (?P<sha>[0-9a-f]{64}), (?P<path>.+)$")


@pytest.fixture
def office(admin_session, db_path):
    """An officer, a supervisor and Radlická's staff; Amira (placed at Radlická, missing since yesterday) and
    Bogdan (not placed, not missing). Returns (db, {name: id})."""
    admin, _ = admin_session
    radlicka = next(f.id for f in placements.list_facilities(admin) if f.code == "ZDC-RADLICKA")
    identity.create_user(admin, "officer", "Petr Novák", Role.OFFICER, OFFICER_PASSWORD)
    identity.create_user(admin, "chief", "Vedoucí Oddělení", Role.SUPERVISOR, OFFICER_PASSWORD)
    identity.create_user(admin, "radlicka", "Radlická staff", Role.FACILITY_STAFF, OFFICER_PASSWORD, radlicka)
    us = identity.login(db_path, "officer", OFFICER_PASSWORD)
    try:
        found = TODAY - timedelta(days=60)
        amira = children.register_child(us, child_form(
            "Amira", "Haidari", "F", original_script_name="أميرة حيدري", birth_date=date(TODAY.year - 15, 3, 1),
            nationalities=("AF",), found_on=found, reference="REF-AMIRA", responsible_officer_id=us.actor.user_id))
        bogdan = children.register_child(us, child_form(
            "Bogdan", "Petrenko", "M", birth_date=date(TODAY.year - 16, 5, 2), nationalities=("UA",), found_on=found,
            reference="REF-BOGDAN", responsible_officer_id=us.actor.user_id))
        placements.place_child(us, amira, PlacementInput(start_date=found, legal_basis="urgent_care",
                                                         facility_id=radlicka))
        missing.report_missing(us, amira, MissingInput(
            last_seen_at=datetime.now(UTC) - timedelta(hours=20), last_seen_place="Smíchovské nádraží",
            clothing="zelená mikina", description="malá, tmavé vlasy"))
    finally:
        identity.logout(us)
    return db_path, {"Amira": amira, "Bogdan": bogdan}


def export(db, user, child, kind, out, *extra, lang="en"):
    return run("export", "pdf", "--db", db, "--user", user, "--password-stdin", "--child", child, "--kind", kind,
               "--out", out, *extra, stdin=OFFICER_PASSWORD + "\n", lang=lang)


def register(db, user="chief", *extra):
    r = run("disclosures", "--db", db, "--user", user, "--password-stdin", "--format", "json", *extra,
            stdin=OFFICER_PASSWORD + "\n")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def verify(db, path, user="officer"):
    return run("disclosures", "verify", "--db", db, "--user", user, "--password-stdin", path,
               stdin=OFFICER_PASSWORD + "\n")


def text_of(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages)


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_each_kind_is_issued_and_the_register_holds_the_files_hash(office, tmp_path):
    db, ids = office
    amira = ids["Amira"]
    issued = {}
    for kind in DOCUMENT_KINDS:
        out = tmp_path / f"{kind}.pdf"
        r = export(db, "officer", amira, kind, out)
        assert r.returncode == 0 and r.stderr == "", r.stderr
        (line,) = r.stdout.splitlines()
        m = ISSUED.match(line)
        assert m and m["sha"] == sha(out) and m["path"] == str(out), line
        assert out.read_bytes().startswith(b"%PDF-")
        issued[kind] = (m["ref"], m["sha"])
    entries = register(db)
    assert len(entries) == len(DOCUMENT_KINDS)
    for e in entries:
        ref, digest = issued[e["kind"]]
        assert KEYS <= set(e) and e["sha256"] == digest and e["reference"] == ref
        assert e["child"] == {"id": amira, "reference": "REF-AMIRA"} and e["user"] == "officer"
        assert e["channel"] == "cli" and e["lang"] == "cs" and isinstance(e["categories"], list)
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", e["issued_at"])
        assert "identity" in e["categories"]
    refs = [ref for ref, _ in issued.values()]
    assert len(set(refs)) == len(refs)  # each issued document takes its own č.j.
    facility = text_of(tmp_path / "facility.pdf")
    assert issued["facility"][0] in facility and "Amira" in facility and "Radlická" in facility
    assert "Smíchovské nádraží" in text_of(tmp_path / "missing.pdf")


def test_options_reach_the_document_and_the_register(office, tmp_path):
    db, ids = office
    out = tmp_path / "notice.pdf"
    r = export(db, "officer", ids["Amira"], "police", out, "--lang", "en", "--recipient",
               "KŘP hl. m. Prahy, odbor obecné kriminality", "--reference", "OSPOD 77/2026", "--attachment",
               "Záznam z pohovoru", "--attachment", "Fotografie")
    assert r.returncode == 0, r.stderr
    text = text_of(out)
    for expected in ("OSPOD 77/2026", "KŘP hl. m. Prahy", "Záznam z pohovoru", "Fotografie", "Amira", "Haidari",
                     "Afghanistan", "Page 1 / "):
        assert expected in text, expected
    (e,) = register(db)
    assert (e["kind"], e["lang"], e["reference"]) == ("police", "en", "OSPOD 77/2026")
    assert e["recipient"].startswith("KŘP hl. m. Prahy") and e["sha256"] == sha(out)

    minimal = tmp_path / "minimal.pdf"
    m = export(db, "officer", ids["Amira"], "police", minimal, "--minimal", "--lang", "en")
    assert m.returncode == 0, m.stderr
    text = text_of(minimal)
    assert "Amira" in text and "Haidari" in text and f"Mar 1, {TODAY.year - 15}" in text
    assert "Afghanistan" not in text and "Radlická" not in text  # names and the date of birth only
    latest = register(db)[0]
    assert latest["categories"] == ["identity"] and latest["sha256"] == sha(minimal)
    assert latest["reference"] != "OSPOD 77/2026" and latest["recipient"]  # the next number; the default recipient
    # the same path again: replaced in one piece, a new entry; nothing else left in the folder
    again = export(db, "officer", ids["Amira"], "summary", out)
    assert again.returncode == 0 and sha(out) == register(db)[0]["sha256"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minimal.pdf", "notice.pdf", "office"]


def test_facility_staff_issue_only_the_missing_report(office, tmp_path):
    db, ids = office
    out = tmp_path / "hlaseni.pdf"
    r = export(db, "radlicka", ids["Amira"], "missing", out, lang="cs")
    assert r.returncode == 0 and r.stdout.startswith("Vydáno: č.j. "), r.stdout + r.stderr
    no = export(db, "radlicka", ids["Amira"], "police", tmp_path / "police.pdf")
    assert no.returncode == 2 and no.stderr.count("\n") == 1 and not (tmp_path / "police.pdf").exists()
    hidden = export(db, "radlicka", ids["Bogdan"], "missing", tmp_path / "b.pdf")  # not in the staff's scope
    assert hidden.returncode == 2 and "not found" in hidden.stderr and not (tmp_path / "b.pdf").exists()
    (mine,) = register(db, "radlicka")
    assert mine["user"] == "radlicka" and mine["sha256"] == sha(out)


@pytest.mark.parametrize(("child", "kind", "extra", "said"), [
    ("999999", "facility", (), "Child no. 999999 was not found"),
    ("Amira", "letter", (), "letter"),
    ("Bogdan", "missing", (), "not reported missing"),
    ("Amira", "facility", ("--minimal",), "--minimal"),
    ("Amira", "summary", ("--episode", "1"), "--episode"),
    ("abc", "facility", (), "abc"),
    ("0", "facility", (), "record number"),
])
def test_a_refusal_is_one_line_exit_2_and_nothing_is_written(office, tmp_path, child, kind, extra, said):
    db, ids = office
    child_id = str(ids.get(child, child))
    out = tmp_path / "out.pdf"
    before = register(db)
    for lang in ("en", "cs"):
        r = export(db, "officer", child_id, kind, out, *extra, lang=lang)
        assert r.returncode == 2 and r.stdout == "", r.stdout
        assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr, r.stderr
        assert not any(name in r.stderr for name in NAMES), r.stderr
        if lang == "en":
            assert said in r.stderr and r.stderr.startswith("Error: "), r.stderr
        else:
            assert r.stderr.startswith("Chyba: "), r.stderr
    assert not out.exists() and register(db) == before


def test_the_out_file_is_never_the_database(office, tmp_path):
    db, ids = office
    before = db.read_bytes()
    for own in (db, db.with_name(db.name + ".keys")):
        r = export(db, "officer", ids["Amira"], "summary", own)
        assert r.returncode == 2 and "the database or one of its files" in r.stderr
    assert db.read_bytes() == before and register(db) == []
    nowhere = tmp_path / "nic" / "x.pdf"
    r = export(db, "officer", ids["Amira"], "summary", nowhere)
    assert r.returncode == 2 and str(nowhere.parent) in r.stderr and not nowhere.parent.exists()
    folder = export(db, "officer", ids["Amira"], "summary", tmp_path)
    assert folder.returncode == 2 and register(db) == []


def test_export_is_a_group(office):
    db, _ids = office
    r = run("export", "--db", db)
    assert r.returncode == 2 and "pdf" in r.stderr


def test_the_register_filters_by_child_and_reads_as_text(office, tmp_path):
    db, ids = office
    for name, kind in (("Amira", "facility"), ("Bogdan", "summary"), ("Amira", "police")):
        assert export(db, "officer", ids[name], kind, tmp_path / f"{name}-{kind}.pdf").returncode == 0
    everything = register(db)
    assert [e["kind"] for e in everything] == ["police", "summary", "facility"]  # newest first
    amira = register(db, "chief", "--child", str(ids["Amira"]))
    assert [e["kind"] for e in amira] == ["police", "facility"]
    assert all(e["child"]["id"] == ids["Amira"] for e in amira)
    unknown = run("disclosures", "--db", db, "--user", "chief", "--password-stdin", "--child", "999999",
                  stdin=OFFICER_PASSWORD + "\n")
    assert unknown.returncode == 2 and "Child no. 999999 was not found" in unknown.stderr and unknown.stdout == ""
    bad = run("disclosures", "--db", db, "--user", "chief", "--password-stdin", "--child", "x",
              stdin=OFFICER_PASSWORD + "\n")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1
    text = run("disclosures", "--db", db, "--user", "chief", "--password-stdin", "--format", "text",
               stdin=OFFICER_PASSWORD + "\n")
    lines = text.stdout.splitlines()
    assert text.returncode == 0 and len(lines) == 3, text.stderr
    assert lines[0].startswith(f"#{everything[0]['id']} · ") and everything[0]["reference"] in lines[0]
    assert "REF-AMIRA" in lines[0] and everything[0]["sha256"] in lines[0]
    assert not any(name in text.stdout for name in NAMES)
    assert register(db, "radlicka") == []  # staff see only what they issued
    need = run("disclosures", "--user", "chief", "--password-stdin", stdin=OFFICER_PASSWORD + "\n")
    assert need.returncode == 2 and "--db" in need.stderr


def test_verify_tells_ours_altered_and_foreign(office, tmp_path):
    db, ids = office
    out = tmp_path / "facility.pdf"
    assert export(db, "officer", ids["Amira"], "facility", out).returncode == 0
    (entry,) = register(db)
    ok = verify(db, out)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert json.loads(ok.stdout) == entry

    staff = verify(db, out, user="radlicka")  # our file, but an entry the facility's staff may not see
    assert staff.returncode == 1 and "outside what you may see" in staff.stdout, staff.stdout + staff.stderr
    assert entry["reference"] not in staff.stdout and "REF-AMIRA" not in staff.stdout

    data = bytearray(out.read_bytes())
    data[len(data) // 2] ^= 0x01  # one bit inside the content; the metadata still names the entry
    altered = tmp_path / "altered.pdf"
    altered.write_bytes(bytes(data))
    r = verify(db, altered)
    assert r.returncode == 1 and r.stdout.count("\n") == 1, r.stdout + r.stderr
    assert r.stdout.startswith("Altered:") and entry["reference"] in r.stdout, r.stdout

    from reportlab.pdfgen import canvas

    foreign = tmp_path / "foreign.pdf"
    c = canvas.Canvas(str(foreign))
    c.drawString(100, 700, "Not from the office")
    c.save()
    f = verify(db, foreign)
    assert f.returncode == 1 and f.stdout.startswith("Not issued by this office"), f.stdout + f.stderr
    assert sha(foreign) in f.stdout

    gone = verify(db, tmp_path / "nothing.pdf")
    assert gone.returncode == 2 and "not found" in gone.stderr
    cs = run("disclosures", "verify", "--db", db, "--user", "officer", "--password-stdin", foreign, "--lang", "cs",
             stdin=OFFICER_PASSWORD + "\n")
    assert cs.returncode == 1 and cs.stdout.startswith("Nevydal"), cs.stdout


def test_a_missing_report_for_a_returned_child_is_refused_even_with_its_episode(office, tmp_path, db_path):
    from ospod_desktop import services

    db, ids = office
    us = identity.login(db_path, "officer", OFFICER_PASSWORD)
    try:
        (episode,) = missing.child_episodes(us, ids["Amira"])
        services.missing.record_return(us, episode.id, datetime.now(UTC), found_place="Praha")
    finally:
        identity.logout(us)
    out = tmp_path / "back.pdf"
    for extra, said in ((("--episode", str(episode.id)), "the child has returned"), ((), "not reported missing")):
        r = export(db, "officer", ids["Amira"], "missing", out, *extra)
        assert r.returncode == 2 and r.stdout == "" and r.stderr.count("\n") == 1, r.stdout + r.stderr
        assert r.stderr.startswith("Error: ") and said in r.stderr, r.stderr
        assert not any(name in r.stderr for name in NAMES), r.stderr
    assert not out.exists() and register(db) == []
