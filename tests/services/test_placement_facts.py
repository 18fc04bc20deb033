"""One constructor of a placement's facts (`placements.placement_facts`): the child's chain, the case list and
the facility's children read the same clocks, and a placement in a facility is of the facility's type."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

from sqlalchemy import text

from ospod_desktop.core.deadlines import Extension, add_months, worst
from ospod_desktop.core.placement_form import PlacementInput
from ospod_desktop.services import children, placements
from tests.services.placement_helpers import RADLICKA, TODAY, child, facility_id, pm

D0 = date(2026, 1, 5)


def _row(**fields):
    base = dict(id=7, facility_id=None, setting="relatives", legal_basis="preliminary_measure", start_date=D0,
                end_date=None, expiry_date=None, decision_date=D0)
    return SimpleNamespace(**{**base, **fields})


def test_the_facts_of_a_row():
    later, earlier = Extension(D0 + timedelta(days=40), add_months(D0, 3)), Extension(D0 + timedelta(days=20), add_months(D0, 2))
    facts = placements.placement_facts(_row(), [later, earlier])
    assert (facts.setting, facts.legal_basis, facts.start, facts.decision_date, facts.id) == (
        "relatives", "preliminary_measure", D0, D0, 7)
    assert facts.extensions == (earlier, later)  # in the order they were decided
    # In a facility, the register's type is the truth; the placement's own copy counts only without it.
    assert placements.placement_facts(_row(facility_id=3, setting="other"), (), "zdvop").setting == "zdvop"
    assert placements.placement_facts(_row(facility_id=3, setting="zdvop")).setting == "zdvop"
    assert placements.placement_facts(_row(), (), "zdvop").setting == "relatives"  # a person: no facility type


def test_chain_list_and_facility_agree_and_follow_the_facilitys_type(officer_session):
    us = officer_session
    zdvop = facility_id(us, "ZDVOP-PRAHA4")
    cid = child(us, days_ago=30)
    placements.place_child(us, cid, PlacementInput(start_date=TODAY - timedelta(days=20), legal_basis="urgent_care",
                                                   facility_id=zdvop))
    other = child(us, "Omar", days_ago=60)
    start = TODAY - timedelta(days=40)
    pid = placements.place_child(us, other, pm(facility_id(us, RADLICKA), start))
    placements.extend_placement(us, pid, start + timedelta(days=20), add_months(start, 2))
    with us.read() as s:  # a stale copy of the type in the placement must not change the clocks
        s.exec(text("UPDATE placement SET setting = 'other' WHERE child_id = :c"), params={"c": cid})
        s.commit()
    chain = placements.child_placements(us, cid)
    assert chain.current.setting == "other"  # the stale copy is there…
    assert "zdvop_total" in {d.kind for d in chain.deadlines}
    with us.read() as s:
        status = placements.row_status(s.connection(), [cid, other], TODAY)
    assert status[cid].deadline == worst(chain.deadlines)
    assert status[other].deadline == worst(placements.child_placements(us, other).deadlines)
    placed = children.facility_children(us, facility_id(us, RADLICKA))
    assert [(p.id, p.expiry) for p in placed] == [(other, placements.child_placements(us, other).current.effective_expiry)]
    assert placed[0].expiry == add_months(start, 2)
