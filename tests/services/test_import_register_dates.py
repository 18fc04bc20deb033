"""`import children` with the optional register date (`registered_date`: on the child) and latest IPOD
(`ipod_date`: an IPOD row, not twice), Czech headers, an update of a registered child, a date in the future."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import text

from ospod_desktop.core.history_decode import decode
from ospod_desktop.services import children

TODAY = date.today()
FOUND = TODAY - timedelta(days=90)
REGISTERED = TODAY - timedelta(days=80)
IPOD = TODAY - timedelta(days=60)
HEADER = "Číslo jednací;Příjmení;Jméno;Datum nalezení;Místo nalezení;Datum zápisu;Poslední IPOD"


def cz(day: date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


def czech_csv(path, *rows):
    path.write_bytes(("\r\n".join([HEADER, *rows]) + "\r\n").encode("cp1250"))
    return path


def one(us, sql: str):
    with us.read() as s:
        return s.exec(text(sql)).all()


def test_register_date_and_latest_ipod(officer_session, tmp_path):
    path = czech_csv(tmp_path / "r.csv", f"KRPA-1;Dvořák;Jiří;{cz(FOUND)};Ústí nad Labem;{cz(REGISTERED)};{cz(IPOD)}",
                     f"KRPA-2;Šťastná;Růžena;{cz(FOUND)};Brno;;")
    assert [r.values.get("ipod_date") for r in children.read_table(path)] == [cz(IPOD), ""]
    result = children.import_children(officer_session, path)
    assert not result.errors and len(result.imported) == 2
    a, b = result.imported
    assert one(officer_session, "SELECT id, registered_on FROM child ORDER BY id") == [
        (a, REGISTERED.isoformat()), (b, None)]
    assert one(officer_session, "SELECT child_id, drawn_up_on FROM ipod") == [(a, IPOD.isoformat())]
    history = [decode(*r) for r in one(officer_session, f"SELECT field, old_value, new_value FROM child_history "
                                                        f"WHERE child_id = {a} ORDER BY id")]
    assert [type(e).__name__ for e in history] == ["Registered", "CareRecorded"]
    assert one(officer_session, "SELECT detail FROM audit_log WHERE detail LIKE 'ipod_import:%'") == [("ipod_import:1",)]

    # the same file with --update-existing: the IPOD of that day is not added twice; a newer one is
    newer = IPOD + timedelta(days=30)
    path = czech_csv(tmp_path / "s.csv", f"KRPA-1;Dvořák;Jiří;{cz(FOUND)};Ústí nad Labem;{cz(FOUND)};{cz(IPOD)}",
                     f"KRPA-2;Šťastná;Růžena;{cz(FOUND)};Brno;;{cz(newer)}")
    result = children.import_children(officer_session, path, update_existing=True)
    assert not result.errors
    assert one(officer_session, "SELECT child_id, drawn_up_on FROM ipod ORDER BY id") == [
        (a, IPOD.isoformat()), (b, newer.isoformat())]
    assert one(officer_session, f"SELECT registered_on FROM child WHERE id = {a}") == [(FOUND.isoformat(),)]
    changed = [decode(*r) for r in one(officer_session, f"SELECT field, old_value, new_value FROM child_history "
                                                        f"WHERE child_id = {a} AND field = 'registered_on'")]
    assert [(e.old, e.new) for e in changed] == [(REGISTERED, FOUND)]  # type: ignore[attr-defined]


def test_a_date_in_the_future_is_the_rows_error(officer_session, tmp_path):
    path = czech_csv(tmp_path / "r.csv", f"KRPA-1;Dvořák;Jiří;{cz(FOUND)};Ústí;;{cz(TODAY + timedelta(days=1))}",
                     f"KRPA-2;Šťastná;Růžena;{cz(FOUND)};Brno;32.1.2026;")
    result = children.import_children(officer_session, path)
    assert [(e.row, e.field, e.message) for e in result.errors] == [
        (2, "ipod_date", "Latest IPOD: the date is in the future."),
        (3, "registered_date", "In the register since: use a date such as 14.3.2010 or 2010-03-14.")]
    assert one(officer_session, "SELECT count(*) FROM child") == [(0,)]
