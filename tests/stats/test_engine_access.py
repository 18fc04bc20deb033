"""Who may count, what a bad period gives, what the audit keeps; an empty office's tables."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import text

from ospod_desktop.core.ages import add_years
from ospod_desktop.core.errors import PermissionDenied, ValidationError
from ospod_desktop.core.roles import Role
from ospod_desktop.core.stats.tables import TABLES, TOTAL
from ospod_desktop.services import scope, statistics
from tests.services.placement_helpers import RADLICKA, staff
from tests.services.trafficking_helpers import login


def _audit(us) -> list[tuple]:
    with us.read() as s:
        return [tuple(r) for r in s.exec(text("SELECT action, entity, entity_id, detail, role FROM audit_log "
                                              "WHERE entity = 'statistics' ORDER BY id")).all()]


def test_officers_and_supervisors_count_and_the_read_is_audited_with_the_period_only(admin_session, officer_session,
                                                                                      db_path):
    admin, _code = admin_session
    sup = login(admin, db_path, "supervisor", Role.SUPERVISOR)
    try:
        statistics.statistics(officer_session, date(2025, 1, 1), date(2025, 12, 31))
        statistics.statistics(sup, date(2024, 3, 1), date(2024, 3, 31))
    finally:
        sup.close()
    assert _audit(officer_session) == [("read", "statistics", None, "from:2025-01-01;to:2025-12-31", "officer"),
                                       ("read", "statistics", None, "from:2024-03-01;to:2024-03-31", "supervisor")]


def test_facility_staff_and_the_administrator_are_refused_even_through_the_break_glass(admin_session, officer_session,
                                                                                       db_path):
    admin, _code = admin_session
    st = staff(admin, db_path, "radlicka", RADLICKA)
    try:
        with pytest.raises(PermissionDenied):
            statistics.statistics(st, date(2025, 1, 1), date(2025, 12, 31))
    finally:
        st.close()
    with pytest.raises(PermissionDenied):
        statistics.statistics(admin, date(2025, 1, 1), date(2025, 12, 31))
    scope.break_glass(admin, "Kontrola statistik pro ministerstvo, naléhavé")
    with pytest.raises(PermissionDenied):
        statistics.statistics(admin, date(2025, 1, 1), date(2025, 12, 31))
    assert _audit(officer_session) == []


@pytest.mark.parametrize("start, end", [
    (date(2025, 2, 1), date(2025, 1, 31)),  # starts after it ends
    (date(1999, 12, 31), date(2025, 1, 31)),  # before 2000
    (date(2025, 1, 1), add_years(date.today(), 1) + timedelta(days=1)),  # more than a year ahead
    ("2025-01-01", date(2025, 1, 31)),  # not a date
    (date(2025, 1, 1), None),
])
def test_a_bad_period_names_the_field_from_and_is_not_audited(officer_session, start, end):
    with pytest.raises(ValidationError) as exc:
        statistics.statistics(officer_session, start, end)
    assert exc.value.field == "from"
    assert exc.value.message
    assert _audit(officer_session) == []


def test_the_limits_themselves_are_accepted(officer_session):
    today = scope.today()
    got = statistics.statistics(officer_session, date(2000, 1, 1), add_years(today, 1))
    assert got.start == date(2000, 1, 1)
    one_day = statistics.statistics(officer_session, datetime(2025, 5, 5, 13, 0), date(2025, 5, 5))
    assert one_day.start == date(2025, 5, 5)  # a datetime is taken for its day


def test_an_empty_office_has_every_table_with_zeros(officer_session):
    got = statistics.statistics(officer_session, date(2025, 1, 1), date(2025, 12, 31))
    assert list(got.tables) == list(TABLES)
    for table_id, spec in TABLES.items():
        expected = {TOTAL: 0} if spec.keys is None else {**{k: 0 for k in spec.keys}, TOTAL: 0}
        assert got.tables[table_id] == expected
    assert got.multiple == frozenset()
