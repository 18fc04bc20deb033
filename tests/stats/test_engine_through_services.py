"""The trafficking tables on data written by the services themselves (not storage rows): an assessment started,
finished and approved through `services.trafficking`, victim events recorded through it — so the statistics read
what the app really stores (finished_at, forms, the countries of exploitation as comma-separated codes)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from ospod_desktop.core.stats.tables import TOTAL
from ospod_desktop.services import statistics, trafficking
from tests.services.placement_helpers import TODAY
from tests.services.test_documents import PRESENT
from tests.services.trafficking_helpers import trafficking_office


@pytest.fixture
def office(admin_session, officer_session, db_path):
    with trafficking_office(admin_session[0], officer_session, db_path) as o:
        yield o


def _nonzero(table: dict[str, int]) -> dict[str, int]:
    return {k: v for k, v in table.items() if v or k == TOTAL}


def test_a_presumed_victim_recorded_through_the_services_counts_in_every_stage_table(office):
    o = office
    a = trafficking.start_assessment(o.officer, o.child_id)
    trafficking.finish_assessment(o.officer, a.id, PRESENT, "presumed_victim", ["begging", "labour"], "",
                                  ["DE", "CZ"])
    trafficking.record_victim_event(o.officer, o.child_id, "identified", TODAY, body="KŘP hl. m. Prahy")
    trafficking.record_victim_event(o.officer, o.child_id, "referred", TODAY, body="La Strada ČR")
    period = (TODAY - timedelta(days=90), TODAY)
    got = statistics.statistics(o.officer, *period).tables
    assert got["trafficking"] == {"screened": 1, "concern": 0, "presumed": 1, "identified": 1, "assisted": 1,
                                  TOTAL: 1}
    assert _nonzero(got["presumed_by_form"]) == {"begging": 1, "labour": 1, TOTAL: 1}
    assert got["presumed_by_exploited_in"] == {"CZ": 1, "DE": 1, TOTAL: 1}
    assert got["identified_by_exploited_in"] == {"CZ": 1, "DE": 1, TOTAL: 1}
    assert _nonzero(got["assisted_by_form"]) == {"begging": 1, "labour": 1, TOTAL: 1}
    assert got["presumed_by_review"] == {"approved": 0, "awaiting_approval": 1, TOTAL: 1}
    # the officer's conclusion counts; the supervisor's approval is shown beside it
    trafficking.approve_assessment(o.supervisor, a.id)
    got = statistics.statistics(o.officer, *period).tables
    assert got["presumed_by_review"] == {"approved": 1, "awaiting_approval": 0, TOTAL: 1}
    assert got["trafficking"]["presumed"] == 1
    # finished today: nothing in a period that ended yesterday
    before = statistics.statistics(o.officer, TODAY - timedelta(days=90), TODAY - timedelta(days=1)).tables
    assert before["trafficking"][TOTAL] == 0


def test_a_returned_assessment_is_no_longer_a_finished_one(office):
    o = office
    a = trafficking.start_assessment(o.officer, o.child_id)
    trafficking.finish_assessment(o.officer, a.id, PRESENT, "presumed_victim", ["begging"], "", ["CZ"])
    trafficking.return_assessment(o.supervisor, a.id, "Doplňte prosím zdůvodnění.")
    got = statistics.statistics(o.officer, TODAY - timedelta(days=90), TODAY).tables
    assert got["trafficking"]["presumed"] == 0 and got["trafficking"]["screened"] == 0
