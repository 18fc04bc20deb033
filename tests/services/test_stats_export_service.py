"""services.statistics.export_bytes / save_export on a real database: the bytes of each format, the audit row
(format, period, N; never a count), the window's save recorded in the disclosure register with the file's exact
SHA-256, refusals by role and by a bad format or N, and nothing left behind when the file cannot be written."""

from __future__ import annotations

import hashlib
import io
import json
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from ospod_desktop.core.errors import PermissionDenied, ValidationError
from ospod_desktop.core.roles import Action, Entity
from ospod_desktop.services import disclosures, statistics
from ospod_desktop.storage.models import AuditEntry
from tests.services.placement_helpers import child, staff

TODAY = date.today()
START, END = TODAY - timedelta(days=30), TODAY


@pytest.fixture
def out(tmp_path):
    """A folder of its own for the files (the database lives in tmp_path/office)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def office(officer_session):
    child(officer_session, "Ali", days_ago=5, nationalities=("AF",))
    child(officer_session, "Omid", days_ago=6, nationalities=("AF", "IR"))
    child(officer_session, "Karim", days_ago=90)  # before the period
    return officer_session


def _exports(us) -> list[str]:
    with us.read() as s:
        return list(s.exec(select(AuditEntry.detail).where(AuditEntry.entity == Entity.STATISTICS,
                                                           AuditEntry.action == Action.EXPORT)).all())


def test_export_bytes_gives_each_format_and_audits_it(office):
    exact = json.loads(statistics.export_bytes(office, START, END, "json", 0))
    assert exact["tables"]["registered_by_sex"] == {"M": 2, "F": 0, "U": 0, "total": 2}
    assert exact["tables"]["registered_by_citizenship"] == {"AF": 2, "IR": 1, "total": 2}
    shared = json.loads(statistics.export_bytes(office, START, END, "json"))
    assert shared["suppressed_below"] == 5 and shared["tables"]["registered_by_sex"]["total"] == "<5"
    assert statistics.export_bytes(office, START, END, "csv").startswith("\ufeff".encode() + b"from,to,")
    assert statistics.export_bytes(office, START, END, "pdf", 3, lang="en").startswith(b"%PDF-")
    cs = load_workbook(io.BytesIO(statistics.export_bytes(office, START, END, "xlsx", lang="cs")))
    en = load_workbook(io.BytesIO(statistics.export_bytes(office, START, END, "xlsx", lang="en")))
    assert cs["registered_by_sex"]["B5"].value == "Celkem (děti)" and en["registered_by_sex"]["B5"].value == \
        "Total (children)"
    period = f"from:{START.isoformat()};to:{END.isoformat()}"
    assert _exports(office) == [f"format:json;{period};suppress:0", f"format:json;{period};suppress:5",
                                f"format:csv;{period};suppress:5", f"format:pdf;{period};suppress:3",
                                f"format:xlsx;{period};suppress:5", f"format:xlsx;{period};suppress:5"]
    assert disclosures.disclosures(office) == []  # export_bytes leaves the register to its caller


def test_save_export_records_the_files_bytes(office, out):
    target = out / "statistika.xlsx"
    target.write_bytes(b"an older file")
    entry_id = statistics.save_export(office, target, START, END, "xlsx", 0, lang="cs")
    [entry] = disclosures.disclosures(office)
    assert entry.id == entry_id and entry.kind == "statistics" and entry.channel == "saved"
    assert entry.child_id is None and entry.sha256 == hashlib.sha256(target.read_bytes()).hexdigest()
    assert load_workbook(target).sheetnames[0] == "about"
    assert [p.name for p in out.iterdir()] == ["statistika.xlsx"]  # no temporary file left


def test_a_file_that_cannot_be_written_leaves_nothing(office, out):
    with pytest.raises(FileNotFoundError):
        statistics.save_export(office, out / "missing" / "s.csv", START, END, "csv")
    assert disclosures.disclosures(office) == [] and list(out.iterdir()) == []


@pytest.mark.parametrize(("fmt", "n", "field"), [("docx", 5, "format"), ("csv", 2, "suppress"),
                                                 ("csv", 1001, "suppress")])
def test_a_bad_format_or_n_names_its_field(office, out, fmt, n, field):
    with pytest.raises(ValidationError) as err:
        statistics.save_export(office, out / "s.out", START, END, fmt, n)
    assert err.value.field == field
    assert _exports(office) == [] and list(out.iterdir()) == []


def test_facility_staff_and_administrators_are_refused(office, admin_session, db_path, out):
    radlicka = staff(admin_session[0], db_path, "radlicka", "ZDC-RADLICKA")
    try:
        for us in (radlicka, admin_session[0]):
            with pytest.raises(PermissionDenied):
                statistics.export_bytes(us, START, END, "json")
            with pytest.raises(PermissionDenied):
                statistics.save_export(us, out / "s.json", START, END, "json")
    finally:
        radlicka.close()
    assert list(out.iterdir()) == []
    assert _exports(office) == []
