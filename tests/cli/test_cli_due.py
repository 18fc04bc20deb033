"""`ospod-desktop due`, run as a user would: the JSON contract, the scope of each role, --within and --as-of,
CSV escaping, the calendar re-read by a real parser (private by default), and every export audited."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta

from icalendar import Calendar
from sqlmodel import select

from ospod_desktop.core.placement_form import PlacementInput
from ospod_desktop.core.roles import Entity, Role
from ospod_desktop.services import children, identity, placements
from ospod_desktop.storage.models import AuditEntry
from tests.cli.test_cli import run
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD, child_form

TODAY = date.today()
KEYS = {"child", "kind", "due", "due_at", "status", "basis", "basis_kind", "officer", "explanation"}


def _fid(admin, code):
    return next(f.id for f in placements.list_facilities(admin) if f.code == code)


def _office(admin_session, db_path):
    """Two officers and facility staff; three children: Amira (officer, at Radlická), Bogdan (officer, at a
    ZDVOP), Chiara (officer2, not placed)."""
    admin, _ = admin_session
    radlicka, zdvop = _fid(admin, "ZDC-RADLICKA"), _fid(admin, "ZDVOP-PRAHA4")
    identity.create_user(admin, "officer", "Officer", Role.OFFICER, OFFICER_PASSWORD)
    identity.create_user(admin, "officer2", "Officer Two", Role.OFFICER, OFFICER_PASSWORD)
    identity.create_user(admin, "chief", "Supervisor", Role.SUPERVISOR, OFFICER_PASSWORD)
    identity.create_user(admin, "radlicka", "Radlická staff", Role.FACILITY_STAFF, OFFICER_PASSWORD, radlicka)
    ids = {}
    for user, name, ref, fid in (("officer", "Amira", "=HYPERLINK(1)", radlicka), ("officer", "Bogdan", "REF-B", zdvop),
                                 ("officer2", "Chiara", "REF-C", None)):
        us = identity.login(db_path, user, OFFICER_PASSWORD)
        try:
            cid = children.register_child(us, child_form(name, "Testová", "F", found_on=TODAY - timedelta(days=100),
                                                         reference=ref, birth_date=date(TODAY.year - 16, 1, 1),
                                                         responsible_officer_id=us.actor.user_id))
            if fid:
                placements.place_child(us, cid, PlacementInput(start_date=TODAY - timedelta(days=40),
                                                               legal_basis="urgent_care", facility_id=fid))
            ids[name] = cid
        finally:
            identity.logout(us)
    return ids


def _due(db_path, user, *args, password=OFFICER_PASSWORD, lang="en"):
    r = run("due", "--db", db_path, "--user", user, "--password-stdin", *args, stdin=password + "\n", lang=lang)
    assert r.returncode == 0, r.stderr
    return r


def test_json_contract_and_the_scope_of_each_role(admin_session, db_path):
    ids = _office(admin_session, db_path)
    mine = json.loads(_due(db_path, "officer").stdout)
    assert mine and all(set(row) == KEYS and set(row["child"]) == {"id", "reference"} for row in mine)
    assert {row["child"]["id"] for row in mine} == {ids["Amira"], ids["Bogdan"]}
    assert all(row["officer"] == "officer" and row["status"] in ("ok", "due_soon", "overdue") for row in mine)
    assert all(row["basis_kind"] in ("law", "practice") for row in mine)
    assert all(row["basis"] == "office practice" or row["basis"].startswith(("Act ", "Regulation")) for row in mine)
    assert all(date.fromisoformat(row["due"]) and row["explanation"] for row in mine)
    visit = next(r for r in mine if r["kind"] == "visit" and r["child"]["id"] == ids["Amira"])
    assert visit["basis"] == "Act 359/1999 s. 29" and visit["basis_kind"] == "law" and visit["status"] == "ok"
    assert visit["due"] > TODAY.isoformat() and visit["due_at"] is None

    office = json.loads(_due(db_path, "officer", "--all").stdout)
    assert {r["child"]["id"] for r in office} == set(ids.values())
    chief = json.loads(_due(db_path, "chief").stdout)
    assert {r["child"]["id"] for r in chief} == set(ids.values())
    staff = json.loads(_due(db_path, "radlicka").stdout)
    assert {r["child"]["id"] for r in staff} == {ids["Amira"]}
    assert {r["kind"] for r in staff} <= {"turns_18", "turns_18_planning", "preliminary_measure",
                                         "preliminary_measure_total", "zdvop_contract", "zdvop_total",
                                         "diagnostic_stay", "missing_police", "missing_officer", "missing_guardian",
                                         "missing_line_116000"}
    assert "visit" not in {r["kind"] for r in staff} and "ipod" not in {r["kind"] for r in staff}


def test_within_and_as_of(admin_session, db_path):
    _office(admin_session, db_path)
    everything = json.loads(_due(db_path, "chief").stdout)
    soon = json.loads(_due(db_path, "chief", "--within", "7").stdout)
    limit = (TODAY + timedelta(days=7)).isoformat()
    assert soon == [r for r in everything if r["status"] == "overdue" or r["due"] <= limit]
    assert len(soon) < len(everything)
    later = json.loads(_due(db_path, "chief", "--as-of", (TODAY + timedelta(days=400)).isoformat()).stdout)
    assert all(r["status"] == "overdue" for r in later if r["due"] < (TODAY + timedelta(days=400)).isoformat())
    assert sum(r["status"] == "overdue" for r in later) > sum(r["status"] == "overdue" for r in everything)
    bad = run("due", "--db", db_path, "--user", "chief", "--password-stdin", "--within", "soon",
              stdin=OFFICER_PASSWORD + "\n")
    assert bad.returncode == 2 and "--within" in bad.stderr and "Traceback" not in bad.stderr


def test_csv_escapes_and_the_calendar_is_private_by_default(admin_session, db_path, tmp_path):
    ids = _office(admin_session, db_path)
    text = _due(db_path, "officer", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["child_reference"] for r in rows if r["child_id"] == str(ids["Amira"])} == {"'=HYPERLINK(1)"}

    out = tmp_path / "due.ics"
    _due(db_path, "officer", "--format", "ics", "--out", out, lang="cs")
    raw = out.read_bytes()
    assert b"Amira" not in raw and b"HYPERLINK" not in raw and b"REF-B" not in raw
    cal = Calendar.from_ical(raw)
    events = list(cal.walk("VEVENT"))
    assert len(events) == len(rows) and all(f"#{ids['Amira']}" in str(e["SUMMARY"]) or f"#{ids['Bogdan']}"
                                            in str(e["SUMMARY"]) for e in events)
    uids = {str(e["UID"]) for e in events}
    again = tmp_path / "again.ics"
    _due(db_path, "officer", "--format", "ics", "--out", again, "--include", "reference,kind")
    assert {str(e["UID"]) for e in Calendar.from_ical(again.read_bytes()).walk("VEVENT")} == uids
    assert b"REF-B" in again.read_bytes()

    refused = run("due", "--db", db_path, "--user", "officer", "--password-stdin", "--include", "reference",
                  stdin=OFFICER_PASSWORD + "\n")
    assert refused.returncode == 2 and "--include" in refused.stderr

    admin = identity.login(db_path, "admin", ADMIN_PASSWORD)
    try:
        with admin.read() as s:
            details = list(s.exec(select(AuditEntry.detail).where(AuditEntry.entity == Entity.DUE_LIST)).all())
    finally:
        identity.logout(admin)
    assert details[0].startswith("format:csv;items:") and "include:-" in details[0]
    assert details[1].startswith("format:ics;") and details[2].endswith("include:kind+reference")
    assert not any("Amira" in d or "HYPERLINK" in d for d in details)
