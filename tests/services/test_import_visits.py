"""`import visits` with files as Czech Excel writes them and XLSX: visits added to the placement they fall in, with
history and audit; a visit before the child was found, in the future, outside care or given twice is the row's
error and nothing is saved; Czech headers and words; a reference that names no child."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import text
from sqlmodel import select

from ospod_desktop.core.history_decode import decode
from ospod_desktop.services import children, imports, placements
from ospod_desktop.storage.care_tables import Visit
from tests.conftest import child_form
from tests.services.placement_helpers import RADLICKA, TODAY, count, facility_id, pm

FOUND = TODAY - timedelta(days=200)
START = TODAY - timedelta(days=150)
HEADER = "Číslo jednací;Datum návštěvy;Místo;Druh návštěvy;Dítě viděno;Hovor o samotě;Poznámka"


def cz(day) -> str:
    return f"{day.day}.{day.month}.{day.year}"


def czech_csv(path, *rows):
    path.write_bytes(("\r\n".join([HEADER, *rows]) + "\r\n").encode("cp1250"))
    return path


def placed_child(us, reference="KRPA-1", start=START, end=None) -> int:
    cid = children.register_child(us, child_form("Ali", "Rahimi", "M", found_on=FOUND, reference=reference))
    placements.place_child(us, cid, pm(facility_id(us, RADLICKA), start, end_date=end,
                                       end_reason="returned_to_family" if end else ""))
    return cid


def visits(us) -> list[tuple]:
    with us.read() as s:
        return [(v.child_id, v.placement_id, v.visited_on, v.visited_time, v.place, v.kind, v.child_seen,
                 v.spoken_alone, v.note) for v in s.exec(select(Visit).order_by(Visit.id))]


def test_visits_from_czech_excel(officer_session, tmp_path):
    cid = placed_child(officer_session)
    pid = placements.child_placements(officer_session, cid).placements[0].id
    day1, day2 = START + timedelta(days=10), START + timedelta(days=70)
    path = czech_csv(tmp_path / "navstevy.csv",
                     f"KRPA-1;{cz(day1)} 10:30;zařízení;plánovaná;1;1;Dítě se cítí dobře; chodí do školy",
                     f"KRPA-1;{cz(day2)};Domov;Neohlášená;ne;;\"Nebyl zastižen; u lékaře\"",
                     f"KRPA-1;{day2.isoformat()} 16:05;school;after_return;ano;0;")
    result = imports.import_visits(officer_session, path)
    assert not result.errors and result.saved and len(result.imported) == 3
    assert visits(officer_session) == [
        (cid, pid, day1, "10:30", "facility", "planned", True, True, "Dítě se cítí dobře"),
        (cid, pid, day2, "", "home", "unannounced", False, None, "Nebyl zastižen; u lékaře"),
        (cid, pid, day2, "16:05", "school", "after_return", True, False, ""),
    ]
    with officer_session.read() as s:
        rows = s.exec(text(f"SELECT field, old_value, new_value FROM child_history WHERE child_id = {cid} "
                           "AND field = 'visit' ORDER BY id")).all()
        details = [r[0] for r in s.exec(text("SELECT detail FROM audit_log ORDER BY id DESC LIMIT 4"))]
    entries = [decode(*r) for r in rows]
    assert [(e.visit.visited_on, e.visit.place, e.visit.child_seen) for e in entries] == [  # type: ignore[attr-defined]
        (day1, "facility", True), (day2, "home", False), (day2, "school", True)]
    assert details == ["visit_import:3", *(f"visit_import:{i}" for i in reversed(result.imported))]


def test_xlsx_with_a_date_and_time_cell(officer_session, tmp_path):
    from openpyxl import Workbook

    placed_child(officer_session, "KRPA-5")
    when = datetime.combine(START + timedelta(days=3), datetime.min.time()).replace(hour=9, minute=15)
    wb = Workbook()
    ws = wb.active
    ws.append(["child_reference", "visited_at", "place", "kind", "child_seen", "spoken_alone", "note"])
    ws.append(["KRPA-5", when, "facility", "planned", 1, None, None])
    ws.append(["KRPA-5", START + timedelta(days=40), "home", "planned", 0, None, "u babičky"])
    path = tmp_path / "visits.xlsx"
    wb.save(path)
    result = imports.import_visits(officer_session, path)
    assert not result.errors and len(result.imported) == 2
    assert [(v[2], v[3], v[6], v[8]) for v in visits(officer_session)] == [
        (when.date(), "09:15", True, ""), (START + timedelta(days=40), "", False, "u babičky")]


def test_a_visit_before_found_in_the_future_outside_care_or_twice(officer_session, tmp_path):
    placed_child(officer_session, "KRPA-1", end=START + timedelta(days=30))
    before = (count(officer_session, "visit"), count(officer_session, "child_history"), count(officer_session, "audit_log"))
    good = START + timedelta(days=5)
    path = czech_csv(tmp_path / "n.csv",
                     f"KRPA-1;{cz(good)};zařízení;plánovaná;1;;",
                     f"KRPA-1;{cz(FOUND - timedelta(days=3))};zařízení;plánovaná;1;;",
                     f"KRPA-1;{cz(TODAY + timedelta(days=1))};zařízení;plánovaná;1;;",
                     f"KRPA-1;{cz(START + timedelta(days=60))};zařízení;plánovaná;1;;",
                     f"KRPA-1;{cz(good)};domov;plánovaná;1;;",
                     f"KRPA-1;{cz(good)};hospoda;plánovaná;1;;",
                     f"KRPA-1;{cz(good)} 8:00;domov;plánovaná;;;",
                     f"KRPA-1;{cz(good)} 9:00;domov;plánovaná;0;1;",
                     f"KRPA-404;{cz(good)};domov;plánovaná;1;;",
                     "KRPA-1;31.2.2026;domov;plánovaná;1;;")
    result = imports.import_visits(officer_session, path)
    assert [(e.row, e.field) for e in result.errors] == [
        (3, "visited_at"), (4, "visited_at"), (5, "visited_at"), (6, "visited_at"), (7, "place"), (8, "child_seen"),
        (9, "spoken_alone"), (10, "child_reference"), (11, "visited_at")]
    messages = [e.message for e in result.errors]
    assert messages[0].startswith("Date of the visit: the visit is before the child was found (")
    assert messages[1] == "Date of the visit: a visit recorded as done cannot be in the future."
    assert messages[2] == "Date of the visit: the child was not in care on that day (no placement covers it)."
    assert messages[3] == "Date of the visit: a visit of the child at this day and time is already recorded."
    assert messages[4] == "Place: use one of: facility, home, school, other."
    assert messages[5] == "Child seen: this field is required."
    assert messages[8].startswith("Date of the visit: use a date such as 14.3.2026")
    assert not result.saved and (count(officer_session, "visit"), count(officer_session, "child_history"),
                                 count(officer_session, "audit_log")) == before
    result = imports.import_visits(officer_session, path, skip_invalid=True)
    assert result.saved and list(result.children) == [2] and count(officer_session, "visit") == 1
    again = imports.import_visits(officer_session, path, skip_invalid=True)  # the same file again adds nothing
    assert not again.children and count(officer_session, "visit") == 1


def test_english_headers_utf8_with_bom_and_a_dry_run(officer_session, tmp_path):
    placed_child(officer_session, "KRPA-1")
    path = tmp_path / "v.csv"
    path.write_text("child_reference,visited_at,place,kind,child_seen\r\nKRPA-1,"
                    f"{(START + timedelta(days=2)).isoformat()},other,unannounced,1\r\n", encoding="utf-8-sig")
    result = imports.import_visits(officer_session, path, dry_run=True)
    assert not result.errors and result.added == 1 and count(officer_session, "visit") == 0
