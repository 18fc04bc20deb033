"""The trafficking services put their clocks on the due list: finishing an assessment as a presumed victim makes
the police report due at once, recording the report resolves it; a concern asks for a reassessment; a reflection
period is listed until it ends. Through the public services only (the due list a user reads)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from ospod_desktop.services import due, trafficking
from ospod_desktop.services.trafficking import AnswerInput
from tests.services.due_helpers import computed, stored
from tests.services.placement_helpers import TODAY
from tests.services.trafficking_helpers import trafficking_office

# answers to the small test catalogue (tests/core/data/indicators_small.json)
CONCERN = {"rec_strong1": AnswerInput("present", "", "child_account"), "tr_medium1": AnswerInput("absent")}
PRESUMED = {**CONCERN, "exp_strong1": AnswerInput("present", "", "observation"), "exp_strong2": AnswerInput("present")}
KINDS = ("police_report", "reflection_period", "reassessment")


@pytest.fixture
def office(admin_session, officer_session, db_path):
    with trafficking_office(admin_session[0], officer_session, db_path) as o:
        yield o


def clocks(o, child_id):
    """The child's trafficking items on the supervisor's due list (the materialised items): (kind, due, status)
    — the same as the child's page computes from the facts for the officer."""
    listed = sorted((r.item.kind, r.item.due, r.item.status) for r in due.due_list(o.supervisor)
                    if r.child_id == child_id and r.item.kind in KINDS)
    page = sorted((i.kind, i.due, i.status) for i in due.child_due(o.officer, child_id) if i.kind in KINDS)
    assert listed == page
    return listed


def test_presumed_victim_puts_the_police_report_on_the_due_list_until_it_is_recorded(office):
    o = office
    a = trafficking.start_assessment(o.officer, o.child_id)
    assert clocks(o, o.child_id) == []  # a draft makes nothing due
    trafficking.save_draft(o.officer, a.id, PRESUMED)
    assert clocks(o, o.child_id) == []
    trafficking.finish_assessment(o.officer, a.id, PRESUMED, "presumed_victim", ["begging"], "")
    assert clocks(o, o.child_id) == [("police_report", TODAY, "due_soon")]
    row = next(r for r in due.due_list(o.supervisor) if r.item.kind == "police_report")
    assert row.child_id == o.child_id and row.item.source == ("trafficking_assessment", a.id)
    assert stored(o.officer, o.child_id) == computed(o.officer, o.child_id)
    trafficking.approve_assessment(o.supervisor, a.id)  # approval keeps it due
    assert clocks(o, o.child_id) == [("police_report", TODAY, "due_soon")]
    trafficking.record_victim_event(o.officer, o.child_id, "police_report", TODAY, body="KŘP Praha, 2. oddělení")
    assert clocks(o, o.child_id) == []
    assert stored(o.officer, o.child_id) == computed(o.officer, o.child_id)


def test_a_concern_asks_for_a_reassessment_and_a_reflection_period_is_listed(office):
    o = office
    a = trafficking.start_assessment(o.officer, o.child_id)
    trafficking.finish_assessment(o.officer, a.id, CONCERN, "concern", ["labour"], "")
    assert clocks(o, o.child_id) == [("reassessment", TODAY + timedelta(days=30), "ok")]
    trafficking.return_assessment(o.supervisor, a.id, "Doplňte zdroj informací.")
    assert clocks(o, o.child_id) == []  # a returned assessment concludes nothing
    trafficking.finish_assessment(o.officer, a.id, CONCERN, "concern", ["labour"], "")
    assert [c[0] for c in clocks(o, o.child_id)] == ["reassessment"]
    b = trafficking.start_assessment(o.officer, o.child_id)
    trafficking.finish_assessment(o.officer, b.id, {}, "no_indication", [], "")
    assert clocks(o, o.child_id) == []  # a later finished assessment resolves it
    start = TODAY - timedelta(days=2)
    trafficking.record_victim_event(o.officer, o.child_id, "reflection_period", start, ends_on=TODAY + timedelta(days=5))
    assert clocks(o, o.child_id) == [("reflection_period", TODAY + timedelta(days=5), "due_soon")]
    assert stored(o.officer, o.child_id) == computed(o.officer, o.child_id)


def test_facility_staff_never_see_the_trafficking_clocks(office):
    o = office
    a = trafficking.start_assessment(o.officer, o.child_id)
    trafficking.finish_assessment(o.officer, a.id, PRESUMED, "presumed_victim", ["begging"], "")
    assert any(r.item.kind == "police_report" for r in due.due_list(o.supervisor))
    assert not any(r.item.kind in KINDS for r in due.due_list(o.staff))
    assert not set(KINDS) & due.FACILITY_KINDS
