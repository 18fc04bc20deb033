"""`ospod-desktop import placements FILE` and `import visits FILE` as an office brings its register over: the
children first, then their placements and visits from Czech Excel files; a bad row is reported by row and column
(in English by the column's name, in Czech by its label) and nothing is saved (exit 1); options that only mean
something for children are refused (exit 2)."""

from __future__ import annotations

from datetime import date, timedelta

from tests.cli.test_cli import PASSWORD, run
from tests.cli.test_cli_import import czech_csv, import_, officer_db  # noqa: F401 (a fixture)

FOUND = date.today() - timedelta(days=120)
START = date.today() - timedelta(days=100)


def cz(day: date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


CHILDREN = (f"KRPA-1/ČJ-2026;Om 3/2026;Dvořák;Jiří;muž;14.3.2010;SK;{cz(FOUND)};Ústí nad Labem;bez doprovodu",
            f"KRPA-2/ČJ-2026;;Šťastná;Růžena;žena;14. 3. 2011;UA;{cz(FOUND)};Brno – Černovice;bez doprovodu")
PLACEMENTS = "Číslo jednací;Kód zařízení;Umístění u;Pečující osoba;Vztah;Právní titul;Od;Datum rozhodnutí;Soud;" \
             "Sp. zn. soudu"
VISITS = "Číslo jednací;Datum návštěvy;Místo;Druh návštěvy;Dítě viděno;Hovor o samotě;Poznámka"


def cp1250(path, header, *rows):
    path.write_bytes(("\r\n".join([header, *rows]) + "\r\n").encode("cp1250"))
    return path


def import_records(database, what, path, *options, lang="en"):
    return run("import", what, path, "--db", database, "--user", "officer", "--password-stdin", *options,
               stdin=PASSWORD, lang=lang)


def test_children_then_placements_then_visits(officer_db, tmp_path):  # noqa: F811
    assert import_(officer_db, czech_csv(tmp_path / "deti.csv", *CHILDREN)).returncode == 0
    placements = cp1250(tmp_path / "umisteni.csv", PLACEMENTS,
                        f"KRPA-1/ČJ-2026;ZDC-RADLICKA;;;;předběžné opatření;{cz(START)};{cz(START)};OS Praha 5;"
                        "29 Nc 1/2026",
                        f"KRPA-2/ČJ-2026;;relatives;Marie Řeháková;teta;dohoda;{cz(START)};;;")
    r = import_records(officer_db, "placements", placements)
    assert r.returncode == 0 and "Imported 2 of 2 rows." in r.stdout, r.stderr
    visits = cp1250(tmp_path / "navstevy.csv", VISITS,
                    f"KRPA-1/ČJ-2026;{cz(START + timedelta(days=5))} 10:00;zařízení;plánovaná;1;1;v pořádku",
                    f"KRPA-2/ČJ-2026;{cz(START + timedelta(days=6))};domov;neohlášená;1;0;")
    r = import_records(officer_db, "visits", visits)
    assert r.returncode == 0 and "Imported 2 of 2 rows." in r.stdout, r.stderr
    # the same placements again: each overlaps the one just recorded; nothing is saved
    r = import_records(officer_db, "placements", placements)
    assert r.returncode == 1 and "Nothing was imported: 2 invalid rows." in r.stderr
    assert "Row 2, start_date: overlaps the placement at" in r.stderr


def test_errors_by_row_and_column_in_english_and_czech(officer_db, tmp_path):  # noqa: F811
    assert import_(officer_db, czech_csv(tmp_path / "deti.csv", *CHILDREN)).returncode == 0
    path = cp1250(tmp_path / "u.csv", PLACEMENTS,
                  f"KRPA-1/ČJ-2026;XX-NIC;;;;předběžné opatření;{cz(START)};{cz(START)};OS Praha 5;29 Nc 1/2026",
                  f"KRPA-9;ZDC-RADLICKA;;;;předběžné opatření;{cz(START)};{cz(START)};OS Praha 5;29 Nc 1/2026")
    r = import_records(officer_db, "placements", path)
    assert r.returncode == 1
    assert r.stderr.splitlines()[:2] == [
        "Row 2, facility_code: no facility of the register has this code.",
        "Row 3, child_reference: no registered child has this reference; import the children first."]
    r = import_records(officer_db, "placements", path, lang="cs")
    assert r.returncode == 1 and r.stderr.splitlines()[0].startswith("Řádek 2, Kód zařízení: ")
    visits = cp1250(tmp_path / "n.csv", VISITS, f"KRPA-1/ČJ-2026;{cz(FOUND - timedelta(days=1))};domov;plánovaná;1;;")
    r = import_records(officer_db, "visits", visits)
    assert r.returncode == 1 and r.stderr.splitlines()[0].startswith(
        "Row 2, visited_at: the visit is before the child was found (")
    r = import_records(officer_db, "visits", visits, "--skip-invalid")
    assert r.returncode == 0 and "Imported 0 of 1 rows." in r.stdout


def test_children_only_options_are_refused(officer_db, tmp_path):  # noqa: F811
    path = cp1250(tmp_path / "n.csv", VISITS, "KRPA-1;1.1.2026;domov;plánovaná;1;;")
    r = import_records(officer_db, "visits", path, "--update-existing")
    assert r.returncode == 2 and "apply to children only" in r.stderr
    r = import_records(officer_db, "placements", tmp_path / "missing.csv")
    assert r.returncode == 2 and "File not found" in r.stderr
