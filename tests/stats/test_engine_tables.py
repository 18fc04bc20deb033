"""The statistics service on a constructed office with known counts for every table (period: the year 2025).

Children (found on; sex; status; channel; age; nationalities):
  A 2025-01-01 (first day) M unaccompanied police, born 2010-06-01 (14 when found, 15 from June), UA + SK
  B 2025-12-31 (last day)  F separated, no channel, born in 2008, CZ
  C 2024-12-31 (day before: not registered in 2025) M, born in 2010, no nationality
  D 2026-01-01 (day after: not registered in 2025) M
  E 2025-06-01 U, border, estimated 15-17 with a formal age assessment (disputed), no nationality
  F 2025-03-01 M, kacpu, claims 15, document says 17 (disputed), stateless
  G 2025-04-01 M, merged into A: never counted, whatever it has
  H 2025-05-05 F, police, estimated 10-12 (spans two groups: disputed), AF
  I 2025-07-07 M, police, born 2005-01-01 (20: 18+), AF
  J 2025-08-08 M, police, nothing known of the age, UA
"""

from __future__ import annotations

from datetime import date

import pytest

from ospod_desktop.core.stats.tables import TABLES, TOTAL
from ospod_desktop.services import statistics
from tests.stats import engine_helpers as h

YEAR = (date(2025, 1, 1), date(2025, 12, 31))


@pytest.fixture
def office(admin_session, officer_session):
    admin, _code = admin_session
    us = officer_session
    cat = h.catalogue(admin)
    d = date
    ids = {
        "A": h.register(us, "M", d(2025, 1, 1), status="unaccompanied", channel="police", birth_date=d(2010, 6, 1),
                        nationalities=("UA", "SK")),
        "B": h.register(us, "F", d(2025, 12, 31), status="separated", birth_year=2008, nationalities=("CZ",),
                        companion_name="Fatima Test", companion_relationship="teta"),
        "C": h.register(us, "M", d(2024, 12, 31), channel="police", birth_year=2010),
        "D": h.register(us, "M", d(2026, 1, 1), channel="police"),
        "E": h.register(us, "U", d(2025, 6, 1), channel="border", age_min=15, age_max=17),
        "F": h.register(us, "M", d(2025, 3, 1), channel="kacpu", age_claimed=15, age_document=17,
                        nationalities=("XX",)),
        "G": h.register(us, "M", d(2025, 4, 1), channel="police", birth_year=2010, nationalities=("SY",)),
        "H": h.register(us, "F", d(2025, 5, 5), channel="police", age_min=10, age_max=12, nationalities=("AF",)),
        "I": h.register(us, "M", d(2025, 7, 7), channel="police", birth_date=d(2005, 1, 1), nationalities=("AF",)),
        "J": h.register(us, "M", d(2025, 8, 8), channel="police", nationalities=("UA",)),
    }
    A, B, C, E, F, G = (ids[k] for k in "ABCEFG")
    h.age_assessment(us, E, 15, 17)
    # Trafficking
    h.assessment(us, cat, A, h.local(d(2025, 2, 1)), "concern", "approved", ("labour",), "CZ,DE")
    h.assessment(us, cat, A, h.local(d(2025, 11, 1)), "presumed_victim", "finished", ("sexual", "begging"), "DE")
    h.event(us, A, "identified", d(2025, 11, 15))
    h.event(us, A, "referred", d(2025, 12, 1))
    h.event(us, A, "police_report", d(2025, 10, 1))  # not a stage
    h.assessment(us, cat, B, h.local(d(2024, 12, 31), 23, 30), "concern", "approved", ("criminal",))
    h.event(us, B, "referred", d(2025, 3, 3))
    h.event(us, B, "identified", d(2024, 12, 31))  # the day before: not identified in 2025
    h.assessment(us, cat, E, h.local(d(2025, 5, 5)), "presumed_victim", "approved", (), "PL")
    h.assessment(us, cat, E, h.local(d(2026, 2, 1)), "no_indication", "finished")  # after the period
    h.assessment(us, cat, F, h.local(d(2025, 6, 6)), "presumed_victim", "approved", ("labour",))
    h.assessment(us, cat, F, h.local(d(2025, 9, 9)), "no_indication", "finished")  # replaces it by the year's end
    h.assessment(us, cat, F, None, None, "draft")
    h.assessment(us, cat, F, h.local(d(2025, 10, 10)), "presumed_victim", "returned")  # returned: not finished
    h.assessment(us, cat, C, h.local(d(2025, 4, 4)), "concern", "approved", ("labour",), "CZ")
    h.assessment(us, cat, G, h.local(d(2025, 4, 4)), "presumed_victim", "approved", ("sexual",), "CZ")
    h.event(us, G, "identified", d(2025, 4, 5))
    # Placements
    h.placement(us, A, "zdvop", d(2024, 11, 1), d(2025, 2, 1))
    h.placement(us, A, "childrens_home", d(2025, 2, 1), d(2025, 8, 1))
    h.placement(us, A, "foster_family", d(2025, 8, 1))
    h.placement(us, B, "childrens_home", d(2025, 12, 31))
    h.placement(us, C, "zdvop", d(2026, 1, 1))
    h.placement(us, G, "zdvop", d(2025, 5, 5))
    # Disappearances
    h.episode(us, A, h.local(d(2025, 3, 1), 10), h.local(d(2025, 3, 2), 10))  # exactly 24 hours
    h.episode(us, A, h.local(d(2025, 4, 1), 10), h.local(d(2025, 4, 2), 10, 0, 1))  # a second more
    h.episode(us, A, h.local(d(2025, 5, 1), 10), h.local(d(2025, 5, 8), 10))  # exactly 7 days
    h.episode(us, A, h.local(d(2025, 6, 1), 10), h.local(d(2025, 6, 8), 10, 0, 1))  # later
    h.episode(us, B, h.local(d(2025, 12, 31), 23, 30))  # missing still, last seen late on the last day
    h.episode(us, E, h.local(d(2024, 12, 31), 23, 30), h.local(d(2025, 1, 1), 1))  # before the period
    h.episode(us, E, h.local(d(2025, 7, 1)), closed=h.local(d(2025, 7, 20)))  # closed without a return
    h.episode(us, G, h.local(d(2025, 7, 1)))
    # Visits (policy: every 3 months; foster family every 3 months for the first 6, then every 6)
    h.visit(us, A, d(2024, 12, 15))  # before the period: only the anchor of the next clock
    h.visit(us, A, d(2025, 3, 15))  # due 2025-03-15: on time (the last day)
    h.visit(us, A, d(2025, 6, 16))  # due 2025-06-15: late
    h.visit(us, A, d(2025, 9, 1))  # foster family since 1 August: due 2025-09-16, on time
    h.visit(us, A, d(2025, 10, 1), seen=False)  # not seen: neither counted nor an anchor
    h.visit(us, A, d(2025, 12, 20))  # due 2025-12-01: late
    h.visit(us, B, d(2025, 12, 31))  # placed that day: on time
    h.visit(us, B, d(2025, 12, 31))  # twice that day: both on time
    h.visit(us, E, d(2025, 7, 15))  # never placed: no clock
    h.visit(us, C, d(2024, 6, 1))  # before the period
    h.visit(us, G, d(2025, 7, 1))
    h.merge_into(us, G, A)
    return us, ids


EXPECTED = {
    "registered_by_status": {"unaccompanied": 6, "separated": 1, TOTAL: 7},
    "registered_by_sex": {"M": 4, "F": 2, "U": 1, TOTAL: 7},
    "registered_by_age_group": {"12-14": 1, "15-17": 1, "18+": 1, "disputed": 3, "unknown": 1, TOTAL: 7},
    "registered_by_citizenship": {"AF": 2, "UA": 2, "CZ": 1, "SK": 1, "stateless": 1, "unknown": 1, TOTAL: 7},
    "registered_by_citizenship_group": {"CZ": 1, "EU": 1, "non-EU": 4, "stateless": 1, "unknown": 1, TOTAL: 7},
    "registered_by_channel": {"police": 4, "border": 1, "kacpu": 1, "unknown": 1, TOTAL: 7},
    "trafficking": {"screened": 4, "concern": 1, "presumed": 2, "identified": 1, "assisted": 2, TOTAL: 5},
    # screened: A (first on 1 Feb, 14), C (born 2010: 14-15 -> 12-14), E, F (disputed)
    "screened_by_sex": {"M": 3, "U": 1, TOTAL: 4},
    "screened_by_age_group": {"12-14": 2, "disputed": 2, TOTAL: 4},
    "screened_by_form": {"sexual": 1, "begging": 1, "labour": 1, "unknown": 2, TOTAL: 4},
    "screened_by_citizenship": {"UA": 1, "SK": 1, "stateless": 1, "unknown": 2, TOTAL: 4},
    "screened_by_exploited_in": {"DE": 1, "CZ": 1, "PL": 1, "unknown": 1, TOTAL: 4},
    "concern_by_sex": {"M": 1, TOTAL: 1},
    "concern_by_age_group": {"12-14": 1, TOTAL: 1},
    "concern_by_form": {"labour": 1, TOTAL: 1},
    "concern_by_citizenship": {"unknown": 1, TOTAL: 1},
    "concern_by_exploited_in": {"CZ": 1, TOTAL: 1},
    # presumed: A (finished 1 Nov, 15; awaiting approval), E (approved)
    "presumed_by_sex": {"M": 1, "U": 1, TOTAL: 2},
    "presumed_by_age_group": {"15-17": 1, "disputed": 1, TOTAL: 2},
    "presumed_by_form": {"sexual": 1, "begging": 1, "unknown": 1, TOTAL: 2},
    "presumed_by_citizenship": {"UA": 1, "SK": 1, "unknown": 1, TOTAL: 2},
    "presumed_by_exploited_in": {"DE": 1, "PL": 1, TOTAL: 2},
    "identified_by_sex": {"M": 1, TOTAL: 1},
    "identified_by_age_group": {"15-17": 1, TOTAL: 1},
    "identified_by_form": {"sexual": 1, "begging": 1, TOTAL: 1},
    "identified_by_citizenship": {"UA": 1, "SK": 1, TOTAL: 1},
    "identified_by_exploited_in": {"DE": 1, TOTAL: 1},
    # assisted: A (1 Dec, 15), B (3 Mar, born 2008: 16-17; latest assessment from 2024: criminal, no country)
    "assisted_by_sex": {"M": 1, "F": 1, TOTAL: 2},
    "assisted_by_age_group": {"15-17": 2, TOTAL: 2},
    "assisted_by_form": {"sexual": 1, "begging": 1, "criminal": 1, TOTAL: 2},
    "assisted_by_citizenship": {"UA": 1, "SK": 1, "CZ": 1, TOTAL: 2},
    "assisted_by_exploited_in": {"DE": 1, "unknown": 1, TOTAL: 2},
    "presumed_by_review": {"approved": 1, "awaiting_approval": 1, TOTAL: 2},
    "placements_by_facility_type": {"childrens_home": 2, "foster_family": 1, TOTAL: 2},
    "disappearances": {"episodes": 6, "returned_24h": 1, "returned_7d": 2, "returned_later": 1, "not_returned": 2,
                       TOTAL: 3},
    "visits_timeliness": {"visits": 7, "on_time": 4, "late": 2, "without_clock": 1, TOTAL: 3},
}
MULTIPLE = {
    "registered_by_citizenship", "registered_by_citizenship_group", "trafficking", "screened_by_form",
    "screened_by_citizenship", "presumed_by_form", "presumed_by_citizenship", "identified_by_form",
    "identified_by_citizenship", "assisted_by_form", "assisted_by_citizenship", "placements_by_facility_type",
    "disappearances", "visits_timeliness",
}


def _full(table_id: str, cells: dict[str, int]) -> dict[str, int]:
    spec = TABLES[table_id]
    if spec.keys is None:
        return cells
    return {**{k: cells.get(k, 0) for k in spec.keys}, TOTAL: cells[TOTAL]}


def test_every_table_has_its_known_counts(office):
    us, _ids = office
    got = statistics.statistics(us, *YEAR)
    assert set(EXPECTED) == set(TABLES)
    assert list(got.tables) == list(TABLES)
    for table_id, cells in EXPECTED.items():
        assert got.tables[table_id] == _full(table_id, cells), table_id
        assert list(got.tables[table_id])[-1] == TOTAL
    assert got.multiple == MULTIPLE
    assert (got.start, got.end) == YEAR and got.computed_at is not None


def test_closed_tables_list_every_key_in_order_open_ones_by_count_then_code(office):
    us, _ids = office
    got = statistics.statistics(us, *YEAR)
    for table_id, spec in TABLES.items():
        if spec.keys is not None:
            assert list(got.tables[table_id]) == [*spec.keys, TOTAL]
    assert list(got.tables["registered_by_citizenship"]) == ["AF", "UA", "CZ", "SK", "stateless", "unknown", TOTAL]


def test_the_latest_assessment_as_of_the_end_of_the_period(office):
    us, _ids = office
    # By 30 June F's latest finished assessment (6 June) still concludes presumed victim; by the year's end a
    # later one (9 September) concludes otherwise. A's presumed assessment (1 November) is not yet made.
    half = statistics.statistics(us, date(2025, 1, 1), date(2025, 6, 30))
    assert half.tables["presumed_by_sex"] == {"M": 1, "F": 0, "U": 1, TOTAL: 2}  # F and E
    assert half.tables["concern_by_sex"] == {"M": 2, "F": 0, "U": 0, TOTAL: 2}  # A (1 Feb) and C
    assert half.tables["concern_by_form"]["labour"] == 2  # A's latest by then: labour, not sexual/begging
    later = statistics.statistics(us, date(2025, 7, 1), date(2025, 12, 31))
    # E's presumed assessment was finished before this period: it is no longer counted
    assert later.tables["presumed_by_sex"] == {"M": 1, "F": 0, "U": 0, TOTAL: 1}
    assert later.tables["trafficking"]["screened"] == 2  # A (1 Nov) and F (9 Sep)


def test_a_period_of_one_day_counts_its_boundaries(office):
    us, _ids = office
    first = statistics.statistics(us, date(2025, 1, 1), date(2025, 1, 1))
    assert first.tables["registered_by_sex"] == {"M": 1, "F": 0, "U": 0, TOTAL: 1}  # A; not C (a day before)
    assert first.tables["disappearances"]["episodes"] == 0  # E's episode was last seen on 31 December 2024
    last = statistics.statistics(us, date(2025, 12, 31), date(2025, 12, 31))
    assert last.tables["registered_by_sex"] == {"M": 0, "F": 1, "U": 0, TOTAL: 1}  # B
    assert last.tables["disappearances"]["not_returned"] == 1  # last seen at 23:30 local time
    assert last.tables["visits_timeliness"]["on_time"] == 2
    before = statistics.statistics(us, date(2024, 12, 31), date(2024, 12, 31))
    assert before.tables["registered_by_sex"][TOTAL] == 1  # C
    assert before.tables["trafficking"]["identified"] == 1  # B's event on that day
    assert before.tables["trafficking"]["screened"] == 1  # B's assessment at 23:30 local time


def test_a_merged_child_never_counts(office):
    us, ids = office
    got = statistics.statistics(us, date(2025, 4, 1), date(2025, 7, 31))
    assert "SY" not in got.tables["registered_by_citizenship"]  # G was found on 1 April, merged into A
    assert got.tables["identified_by_sex"][TOTAL] == 0
    assert got.tables["placements_by_facility_type"]["zdvop"] == 0
    assert got.tables["visits_timeliness"]["visits"] == 2  # A's 16 June and E's 15 July, not G's
