"""`ospod-desktop list` run as facility staff returns exactly their scope, with `current_facility` filled."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta

from ospod_desktop.core.placement_form import PlacementInput
from ospod_desktop.core.roles import Role
from ospod_desktop.services import children, identity, placements
from tests.cli.test_cli import run
from tests.conftest import OFFICER_PASSWORD, child_form

TODAY = date.today()


def _fid(admin, code):
    return next(f.id for f in placements.list_facilities(admin) if f.code == code)


def test_list_as_facility_staff_is_exactly_their_scope(admin_session, db_path):
    admin, _ = admin_session
    radlicka, zdvop = _fid(admin, "ZDC-RADLICKA"), _fid(admin, "ZDVOP-PRAHA4")
    identity.create_user(admin, "officer", "Officer", Role.OFFICER, OFFICER_PASSWORD)
    identity.create_user(admin, "radlicka", "Radlická staff", Role.FACILITY_STAFF, OFFICER_PASSWORD, radlicka)
    officer = identity.login(db_path, "officer", OFFICER_PASSWORD)
    try:
        def child(name, days=100):
            return children.register_child(officer, child_form(name, "Testová", "F", found_on=TODAY - timedelta(days=days),
                                                               reference=f"REF-{name}"))

        def urgent(fid, days_ago, **kw):
            return PlacementInput(start_date=TODAY - timedelta(days=days_ago), legal_basis="urgent_care", facility_id=fid, **kw)

        here = child("Amira")
        placements.place_child(officer, here, urgent(radlicka, 20))
        moved = child("Bogdan")  # transferred on 10 days ago: still theirs for 20 more days
        placements.place_child(officer, moved, urgent(radlicka, 60))
        placements.transfer_child(officer, moved, urgent(zdvop, 10))
        left = child("Chiara")  # left 40 days ago: no longer theirs
        placements.place_child(officer, left, urgent(radlicka, 90, end_date=TODAY - timedelta(days=40), end_reason="absconded"))
        gone = child("Dmytro")  # left 5 days ago, not placed since
        placements.place_child(officer, gone, urgent(radlicka, 30, end_date=TODAY - timedelta(days=5), end_reason="repatriated"))
        elsewhere = child("Emeka")
        placements.place_child(officer, elsewhere, urgent(zdvop, 15))
        family = child("Farida")
        placements.place_child(officer, family, PlacementInput(start_date=TODAY - timedelta(days=3), legal_basis="agreement",
                                                               setting="relatives", carer_name="Olena Testová",
                                                               carer_relationship="teta"))
        child("Gulnar")  # never placed
    finally:
        officer.close()
    admin.close()

    r = run("list", "--db", db_path, "--user", "radlicka", "--password-stdin", "--format", "json", stdin=OFFICER_PASSWORD)
    assert r.returncode == 0, r.stderr
    records = {rec["id"]: rec for rec in json.loads(r.stdout)}
    assert set(records) == {here, moved, gone}
    assert records[here]["current_facility"].startswith("Zařízení pro děti-cizince")
    assert records[moved]["current_facility"] == "Zařízení pro děti vyžadující okamžitou pomoc Praha 4"
    assert records[gone]["current_facility"] is None  # not placed anywhere now
    assert "Chiara" not in r.stdout and "Emeka" not in r.stdout
    # The reference is withheld from facility staff: left out, not an empty value (issue 9).
    assert all("reference" not in rec for rec in records.values()) and "REF-" not in r.stdout

    r = run("list", "--db", db_path, "--user", "radlicka", "--password-stdin", "--format", "csv", stdin=OFFICER_PASSWORD)
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert sorted(int(x["id"]) for x in rows) == sorted([here, moved, gone])
    assert "reference" not in r.stdout.splitlines()[0].split(",") and "REF-" not in r.stdout

    r = run("list", "--db", db_path, "--user", "officer", "--password-stdin", "--format", "json", stdin=OFFICER_PASSWORD)
    records = {rec["id"]: rec for rec in json.loads(r.stdout)}
    assert len(records) == 7
    assert records[here]["reference"] == "REF-Amira"  # the officer sees it
    placed_now = {here, moved, elsewhere, family}
    assert {cid for cid, rec in records.items() if rec["current_facility"]} == placed_now
    assert records[family]["current_facility"] == "Relatives – teta"
