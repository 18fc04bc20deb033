"""Issue 14, item 2: the audit chain's anchor leaves the machine with every export. The disclosure register keeps
the anchor of the moment each entry was recorded (read in the entry's own transaction); the case-list workbook
carries it on its `about` sheet and the due calendar as a calendar property, both equal to their register entry's;
the CSV and JSON keep their documented shapes (the anchor is in their register entry only)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from icalendar import Calendar
from openpyxl import load_workbook

from ospod_desktop.cli_documents import entry_line
from ospod_desktop.core.roles import Action, Entity
from ospod_desktop.reports.due_calendar import ANCHOR_PROPERTY
from ospod_desktop.reports.due_export import CSV_COLUMNS, CSV_LABEL_COLUMNS
from ospod_desktop.services import chain_anchor, disclosures, due, statistics
from ospod_desktop.services.children import LIST_COLUMNS
from ospod_desktop.storage import anchor as A
from tests.cli.test_cli import run
from tests.conftest import OFFICER_PASSWORD
from tests.services.placement_helpers import child

LOGIN = ("--user", "officer", "--password-stdin")


def _entry(us, entry_id: int) -> disclosures.DisclosureView:
    [entry] = [e for e in disclosures.disclosures(us) if e.id == entry_id]
    return entry


def _agrees(us, text: str) -> bool:
    with us.read() as session:
        return A.contradiction(session.connection(), A.parse(text)) is None


def test_an_export_entry_keeps_the_anchor_of_the_moment_it_was_recorded(officer_session):
    us = officer_session
    child(us, "Ali")
    at_export = chain_anchor.current(us)
    first = _entry(us, disclosures.record_export(us, "case_list", b"id\r\n1\r\n", channel="saved"))
    assert first.anchor == at_export and A.parse(first.anchor).id > 0 and _agrees(us, first.anchor)
    assert first.as_json()["anchor"] == at_export
    # the entry's own audit row moved the head on: the entry keeps the head the bytes were made against
    moved = chain_anchor.current(us)
    assert A.parse(moved).id == A.parse(at_export).id + 1
    second = _entry(us, disclosures.record_export(us, "due_list", b"child_id\r\n", channel="saved"))
    assert second.anchor == moved != first.anchor
    assert _entry(us, first.id).anchor == at_export  # an entry's anchor is never rewritten


def test_the_anchor_is_read_in_the_entry_s_own_transaction(officer_session):
    us = officer_session
    cid = child(us, "Ali")
    with us.tx() as tx:
        tx.audit(Action.EXPORT, Entity.CHILD, cid, detail="anchor-test")  # not committed yet
        in_tx = chain_anchor.head_text(tx.session)
        entry_id = disclosures.record(tx, child_id=cid, kind="facility", recipient="Radlická 30",
                                      categories=("identity",), data=b"%PDF-1.4 x")
    assert _entry(us, entry_id).anchor == in_tx
    with us.read() as session:
        detail = session.connection().exec_driver_sql(
            "SELECT detail FROM audit_log WHERE id = ?", (A.parse(in_tx).id,)).scalar()
    assert detail == "anchor-test"  # the head seen inside the transaction, its own uncommitted row included


def test_the_register_listing_shows_the_anchor(officer_session, db_path):
    us = officer_session
    entry = _entry(us, disclosures.record_export(us, "catalogue", b"{}\n", channel="cli"))
    assert f"audit anchor {entry.anchor}" in entry_line(entry)
    r = run("disclosures", "--db", db_path, *LOGIN, "--format", "json", stdin=OFFICER_PASSWORD)
    assert r.returncode == 0, r.stderr
    [listed] = json.loads(r.stdout)
    assert listed["anchor"] == entry.anchor and listed["sha256"] == entry.sha256
    text = run("disclosures", "--db", db_path, *LOGIN, stdin=OFFICER_PASSWORD)
    assert text.returncode == 0 and f"audit anchor {entry.anchor}" in text.stdout
    from ospod_desktop.ui.dialogs.disclosure_dialog import entry_facts  # the entry's window (DisclosureDialog)

    assert ("Audit anchor when recorded", entry.anchor) in entry_facts(entry)


def test_the_case_list_workbook_carries_the_anchor_on_its_about_sheet(officer_session, db_path, tmp_path):
    us = officer_session
    child(us, "Ali")
    child(us, "Олександр")
    out = tmp_path / "seznam.xlsx"
    r = run("list", "--db", db_path, *LOGIN, "--format", "xlsx", "--out", out, stdin=OFFICER_PASSWORD)
    assert r.returncode == 0, r.stderr
    [entry] = disclosures.disclosures(us)
    wb = load_workbook(out)
    assert wb.sheetnames[1:] == ["about"] and wb.active is wb.worksheets[0]  # the list stays the first sheet
    assert [c.value for c in wb.worksheets[0][1]][0] == "id" and wb.worksheets[0].max_row == 3
    about = {row[0]: row[2] for row in wb["about"].iter_rows(min_row=2, values_only=True)}
    assert about["anchor"] == entry.anchor and about["records"] == 2
    assert _agrees(us, about["anchor"])


def test_case_list_csv_and_json_keep_their_shape_and_their_entry_holds_the_anchor(officer_session, db_path):
    us = officer_session
    child(us, "Ali")
    r = run("list", "--db", db_path, *LOGIN, "--format", "csv", stdin=OFFICER_PASSWORD)
    assert r.returncode == 0, r.stderr
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert tuple(rows[0]) == LIST_COLUMNS and len(rows) == 2  # the header and one row per child, nothing more
    j = run("list", "--db", db_path, *LOGIN, "--format", "json", stdin=OFFICER_PASSWORD)
    assert isinstance(json.loads(j.stdout), list)
    as_json, as_csv = disclosures.disclosures(us)
    assert as_csv.anchor and as_json.anchor and A.parse(as_json.anchor).id > A.parse(as_csv.anchor).id
    assert as_csv.anchor not in r.stdout


def test_the_due_calendar_carries_the_anchor_the_csv_only_its_entry(officer_session, tmp_path):
    us = officer_session
    child(us, "Ali")
    ics = tmp_path / "lhuty.ics"
    due.export_due(us, ics, "ics")
    [entry] = disclosures.disclosures(us)
    cal = Calendar.from_ical(ics.read_bytes())
    assert str(cal[ANCHOR_PROPERTY]) == entry.anchor and _agrees(us, entry.anchor)
    saved = tmp_path / "lhuty.csv"
    due.export_due(us, saved, "csv")
    newest = disclosures.disclosures(us)[0]
    text = saved.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == (*CSV_COLUMNS, *CSV_LABEL_COLUMNS)
    assert newest.anchor and newest.anchor not in text and A.parse(newest.anchor).id > A.parse(entry.anchor).id


def test_a_saved_statistics_export_carries_its_register_entry_s_anchor(officer_session, tmp_path):
    us = officer_session
    child(us, "Ali")
    target = tmp_path / "statistika.xlsx"
    entry_id = statistics.save_export(us, target, date(2020, 1, 1), date.today(), "xlsx", 0)
    about = {row[0]: row[2] for row in load_workbook(target)["about"].iter_rows(min_row=2, values_only=True)}
    assert about["anchor"] == _entry(us, entry_id).anchor and _agrees(us, about["anchor"])
