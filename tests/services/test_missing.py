"""Disappearances: the report, who was informed, the clocks on the list and the child's page, the return."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ospod_desktop.core import i18n
from ospod_desktop.core.errors import NotFound, PermissionDenied, ValidationError
from ospod_desktop.core.missing_form import MissingInput
from ospod_desktop.services import children, missing, placements
from ospod_desktop.services.children import ListFilter
from tests.services.placement_helpers import RADLICKA, TODAY, child, counts, facility_id, last_audit, pm, staff

NOW = datetime.now(UTC)


def _report(hours_ago: float = 5, **fields) -> MissingInput:
    fields.setdefault("last_seen_place", "Smíchovské nádraží")
    return MissingInput(last_seen_at=NOW - timedelta(hours=hours_ago), clothing="zelená mikina", risk_trafficking=True,
                        seen_with="neznámý muž", **fields)


@pytest.fixture
def placed(officer_session):
    us = officer_session
    cid = child(us)
    placements.place_child(us, cid, pm(facility_id(us, RADLICKA), TODAY - timedelta(days=30)))
    return cid


def test_a_missing_child_unreported_to_the_police_is_overdue_at_once(officer_session, placed):
    us = officer_session
    eid = missing.report_missing(us, placed, _report(5))
    assert last_audit(us) == ("update", "child", placed, f"missing_report:{eid}")
    row = children.child_rows(us, [placed])[0]
    assert row.missing == 5 and row.missing_unreported
    assert children.child_ids(us, ListFilter(missing_only=True)) == [placed]
    ep = children.get_child(us, placed).missing[0]
    assert ep.open and ep.police_not_informed and ep.hours == 5 and ep.place.startswith("Zařízení pro děti-cizince")
    police = next(d for d in ep.deadlines if d.kind == "missing_police")
    assert police.status == "overdue"
    assert [(m.child_id, m.hours, m.police_not_informed) for m in missing.missing_now(us)] == [(placed, 5, True)]

    missing.record_informed(us, eid, "police", NOW - timedelta(hours=4), reference="KRPA-12345-1/ČJ-2026-001100",
                            person="npor. Dvořák")
    missing.record_informed(us, eid, "line_116000", NOW - timedelta(hours=3), reference="116-2026-77")
    row = children.child_rows(us, [placed])[0]
    assert row.missing == 5 and not row.missing_unreported
    ep = missing.child_episodes(us, placed)[0]
    assert {(i.party, i.reference) for i in ep.informed} == {("police", "KRPA-12345-1/ČJ-2026-001100"),
                                                             ("line_116000", "116-2026-77")}
    assert {d.kind for d in ep.deadlines} == {"missing_officer", "missing_guardian"}

    missing.record_return(us, eid, NOW - timedelta(hours=1), "Praha hl. n.", "unavený, v pořádku", True, TODAY)
    row = children.child_rows(us, [placed])[0]
    assert row.missing is None and not row.missing_unreported
    ep = missing.child_episodes(us, placed)[0]
    assert not ep.open and ep.hours == 4 and ep.return_interview and ep.return_interview_on == TODAY
    assert missing.missing_now(us) == []
    fields = [h.field for h in children.get_child(us, placed).history]
    assert fields[-4:] == ["missing", "missing_informed", "missing_informed", "missing_return"]


BAD_REPORTS = [
    (dict(last_seen_at=None), "last_seen_at"),
    (dict(last_seen_at=NOW + timedelta(hours=2)), "last_seen_at"),
    (dict(last_seen_at=NOW - timedelta(days=400)), "last_seen_at"),  # before the child was found
    (dict(last_seen_place=""), "last_seen_place"),
    (dict(clothing="x" * 10_001), "clothing"),
    (dict(seen_with="a\u202eb"), "seen_with"),
]


@pytest.mark.parametrize("fields, field", BAD_REPORTS, ids=[b[1] + str(i) for i, b in enumerate(BAD_REPORTS)])
def test_bad_reports_name_the_field_and_save_nothing(officer_session, placed, fields, field):
    us = officer_session
    values = {**_report(3).__dict__, **fields}
    before = counts(us)
    with pytest.raises(ValidationError) as err:
        missing.report_missing(us, placed, MissingInput(**values))
    assert err.value.field == field
    assert counts(us) == before


def test_a_return_before_the_disappearance_and_other_bad_times(officer_session, placed):
    us = officer_session
    eid = missing.report_missing(us, placed, _report(10))
    before = counts(us)
    for call, field in (
        (lambda: missing.record_return(us, eid, NOW - timedelta(hours=11)), "returned_at"),
        (lambda: missing.record_return(us, eid, NOW + timedelta(hours=1)), "returned_at"),
        (lambda: missing.record_return(us, eid, NOW, interview_held=False, interview_on=TODAY), "interview_on"),
        (lambda: missing.record_informed(us, eid, "police", NOW - timedelta(hours=12)), "informed_at"),
        (lambda: missing.record_informed(us, eid, "press", NOW), "party"),
        (lambda: missing.report_missing(us, placed, _report(2)), "last_seen_at"),  # already missing
        (lambda: missing.close_episode(us, eid, NOW, "gave_up"), "close_reason"),
    ):
        with pytest.raises(ValidationError) as err:
            call()
        assert err.value.field == field
    assert counts(us) == before
    missing.record_return(us, eid, NOW - timedelta(hours=2))
    with pytest.raises(ValidationError) as err:
        missing.record_return(us, eid, NOW)
    assert err.value.field == "returned_at"
    with pytest.raises(ValidationError) as err:  # a new episode cannot start before the last one ended
        missing.report_missing(us, placed, _report(3))
    assert err.value.field == "last_seen_at"
    missing.report_missing(us, placed, _report(1))


def test_an_episode_can_close_without_a_return(officer_session, placed):
    us = officer_session
    eid = missing.report_missing(us, placed, _report(100))
    missing.close_episode(us, eid, NOW - timedelta(hours=1), "located_abroad")
    ep = missing.child_episodes(us, placed)[0]
    assert not ep.open and ep.close_reason == "located_abroad" and ep.hours == 99
    assert children.child_rows(us, [placed])[0].missing is None


def test_facility_staff_record_disappearances_in_their_scope_only(admin_session, officer_session, db_path, placed):
    admin, _ = admin_session
    us = officer_session
    radlicka = staff(admin, db_path, "radlicka", RADLICKA)
    zdvop = staff(admin, db_path, "zdvop", "ZDVOP-PRAHA4")
    try:
        eid = missing.report_missing(radlicka, placed, _report(2))
        missing.record_informed(radlicka, eid, "police", NOW - timedelta(hours=1), reference="KRPA-1")
        assert [m.child_id for m in missing.missing_now(radlicka)] == [placed]
        assert missing.missing_now(zdvop) == []
        with pytest.raises(NotFound):
            missing.record_return(zdvop, eid, NOW)
        assert last_audit(us)[:3] == ("read", "missing_episode", eid)
        with pytest.raises(NotFound):
            missing.report_missing(zdvop, placed, _report(1))
        with pytest.raises(NotFound):
            missing.child_episodes(zdvop, placed)
        missing.record_return(radlicka, eid, NOW, "vrátil se sám")
    finally:
        radlicka.close()
        zdvop.close()
    with pytest.raises(PermissionDenied):
        missing.report_missing(admin, placed, _report(1))


def test_a_child_missing_without_a_placement_is_still_listed(officer_session):
    us = officer_session
    cid = child(us, days_ago=3)
    missing.report_missing(us, cid, _report(30))
    row = children.child_rows(us, [cid])[0]
    assert row.missing == 30 and row.current_facility is None and row.missing_unreported


def test_messages_are_translated(officer_session, placed):
    i18n.set_language("cs")
    eid = missing.report_missing(officer_session, placed, _report(3))
    with pytest.raises(ValidationError) as err:
        missing.record_return(officer_session, eid, NOW - timedelta(hours=5))
    assert "návrat" in err.value.message.lower()
