"""What the placement clocks need, recorded and checked (issue 10): a preliminary measure's enforceability,
the s. 460 reason and s. 461; extensions checked against the caps (one month at a time, 6 months from the first
start without a reason), a ZDVOP contract's extension with the municipal authority's consent; the diagnostic
stay and "diagnostics completed". Bad input names the field and saves nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from ospod_desktop.core import history as H
from ospod_desktop.core.deadlines import add_months, placement_deadlines
from ospod_desktop.core.errors import NotFound, ValidationError
from ospod_desktop.core.placement_form import PlacementInput
from ospod_desktop.services import children, placements
from tests.services.placement_helpers import RADLICKA, TODAY, child, counts, facility_id, pm, staff

REASON = "Řízení ve věci samé probíhá u Obvodního soudu pro Prahu 5"


@pytest.fixture
def ids(officer_session):
    return {code: facility_id(officer_session, code) for code in (RADLICKA, "ZDVOP-PRAHA4", "DD-KUTNA-HORA")}


def _current(us, cid):
    return placements.child_placements(us, cid).current


def _refused(us, call, field: str) -> str:
    before = counts(us)
    with pytest.raises(ValidationError) as err:
        call()
    assert err.value.field == field, err.value.message
    assert counts(us) == before  # nothing saved
    return err.value.message


def test_a_measure_runs_from_its_enforceability(officer_session, ids):
    us = officer_session
    cid = child(us, days_ago=40)
    start = TODAY - timedelta(days=20)
    _refused(us, lambda: placements.place_child(us, cid, pm(ids[RADLICKA], start, enforceable_on=start - timedelta(days=1))),
             "enforceable_on")
    _refused(us, lambda: placements.place_child(us, cid, pm(ids[RADLICKA], start, enforceable_on=TODAY + timedelta(days=1))),
             "enforceable_on")
    placements.place_child(us, cid, pm(ids[RADLICKA], start, enforceable_on=start + timedelta(days=3)))
    p = _current(us, cid)
    assert p.enforceable_on == start + timedelta(days=3)
    assert p.effective_expiry == add_months(start + timedelta(days=3), 1)
    assert p.total_cap == add_months(start + timedelta(days=3), 6)
    clock = next(d for d in p.deadlines if d.kind == "preliminary_measure")
    assert clock.due == add_months(start + timedelta(days=3), 1)


def test_the_measure_fields_belong_to_a_preliminary_measure(officer_session, ids):
    us = officer_session
    cid = child(us, days_ago=40)
    base = PlacementInput(start_date=TODAY, legal_basis="urgent_care", facility_id=ids[RADLICKA])
    for fld, value in (("enforceable_on", TODAY), ("exception_reason", REASON), ("section_461", True)):
        message = _refused(us, lambda fld=fld, value=value: placements.place_child(us, cid, replace(base, **{fld: value})), fld)
        assert "preliminary measure" in message
    message = _refused(us, lambda: placements.place_child(us, cid, pm(ids[RADLICKA], TODAY, section_461=True,
                                                                      exception_reason=REASON)), "exception_reason")
    assert "no exception" in message
    # an expiry recorded past the 6 months needs the reason
    start = TODAY - timedelta(days=10)
    _refused(us, lambda: placements.place_child(us, cid, pm(ids[RADLICKA], start, expiry_date=add_months(start, 7))),
             "exception_reason")
    placements.place_child(us, cid, pm(ids[RADLICKA], start, expiry_date=add_months(start, 7), exception_reason=REASON))
    assert _current(us, cid).exception_reason == REASON


def test_extensions_stop_at_six_months_from_the_first_start_unless_a_reason_is_recorded(officer_session, ids):
    us = officer_session
    start = TODAY - timedelta(days=170)
    cid = child(us, days_ago=175)
    pid = placements.place_child(us, cid, pm(ids[RADLICKA], start))
    message = _refused(us, lambda: placements.extend_placement(us, pid, TODAY, add_months(start, 3)), "new_expiry")
    assert "1 month at a time" in message
    for months in range(2, 7):
        placements.extend_placement(us, pid, TODAY, add_months(start, months))
    assert _current(us, cid).effective_expiry == add_months(start, 6)
    message = _refused(us, lambda: placements.extend_placement(us, pid, TODAY, add_months(start, 7)), "exception_reason")
    assert "6 months" in message and "Proceedings on the merits pending" in message
    placements.extend_placement(us, pid, TODAY, add_months(start, 7), exception_reason=REASON)
    p = _current(us, cid)
    assert (p.effective_expiry, p.exception_reason) == (add_months(start, 7), REASON)
    assert next(d for d in p.deadlines if d.kind == "preliminary_measure").explanation == "pm_pending_merits"
    history = [h.entry for h in children.get_child(us, cid).history]
    assert H.Changes("placement", {"exception_reason": ""}, {"exception_reason": REASON}) in history
    placements.extend_placement(us, pid, TODAY, add_months(start, 8))  # the reason stays recorded


def test_section_461_has_no_monthly_expiry(officer_session, ids):
    us = officer_session
    start = TODAY - timedelta(days=10)
    cid = child(us, days_ago=20)
    pid = placements.place_child(us, cid, pm(ids[RADLICKA], start, section_461=True))
    p = _current(us, cid)
    clock = next(d for d in p.deadlines if d.kind == "preliminary_measure")
    assert (clock.due, clock.explanation, p.section_461) == (add_months(start, 6), "pm_section_461", True)
    _refused(us, lambda: placements.extend_placement(us, pid, TODAY, add_months(start, 2)), "new_expiry")


def test_a_zdvop_contract_extension_needs_the_municipal_consent(officer_session, ids):
    us = officer_session
    start = TODAY - timedelta(days=60)
    cid = child(us, days_ago=70)
    pid = placements.place_child(us, cid, PlacementInput(start_date=start, legal_basis="zdvop_contract",
                                                         facility_id=ids["ZDVOP-PRAHA4"], contract_party="ospod"))
    expiry = add_months(start, 3)
    message = _refused(us, lambda: placements.extend_placement(us, pid, TODAY, add_months(expiry, 3)), "consent_on")
    assert "consent" in message
    _refused(us, lambda: placements.extend_placement(us, pid, TODAY, add_months(expiry, 3),
                                                     consent_on=TODAY + timedelta(days=1)), "consent_on")
    placements.extend_placement(us, pid, TODAY, add_months(expiry, 3), consent_on=TODAY - timedelta(days=1))
    p = _current(us, cid)
    assert p.extensions[0].consent_on == TODAY - timedelta(days=1) and p.effective_expiry == add_months(expiry, 3)
    assert next(d for d in p.deadlines if d.kind == "zdvop_contract").explanation == "zdvop_contract_final"
    other = child(us, "Omar", days_ago=20)
    measure = placements.place_child(us, other, pm(ids[RADLICKA], TODAY - timedelta(days=10)))
    _refused(us, lambda: placements.extend_placement(us, measure, TODAY, add_months(TODAY, 1), consent_on=TODAY),
             "consent_on")


def test_diagnostics_completed_closes_the_diagnostic_stay(officer_session, admin_session, db_path, ids):
    us = officer_session
    start = TODAY - timedelta(days=30)
    cid = child(us, days_ago=40)
    pid = placements.place_child(us, cid, pm(ids[RADLICKA], start, diagnostic_stay=True))
    p = _current(us, cid)
    assert p.is_diagnostic_stay and any(d.kind == "diagnostic_stay" for d in p.deadlines)
    _refused(us, lambda: placements.complete_diagnostics(us, pid, start - timedelta(days=1)), "diagnostics_completed_on")
    _refused(us, lambda: placements.complete_diagnostics(us, pid, TODAY + timedelta(days=1)), "diagnostics_completed_on")
    radlicka = staff(admin_session[0], db_path, "radlicka", RADLICKA)
    placements.complete_diagnostics(radlicka, pid, TODAY - timedelta(days=2))  # the facility sees it happen
    p = _current(us, cid)
    assert p.diagnostics_completed_on == TODAY - timedelta(days=2)
    assert not any(d.kind == "diagnostic_stay" for d in p.deadlines)
    facts = placements.full_facts(p, (), "foreign_children_facility")
    assert not any(d.kind == "diagnostic_stay" for d in placement_deadlines(facts, (), TODAY))
    assert any(isinstance(h.entry, H.DiagnosticsCompleted) for h in children.get_child(us, cid).history)
    _refused(us, lambda: placements.complete_diagnostics(us, pid, TODAY), "diagnostics_completed_on")  # already
    # a mistake is undone by a correction, the old value kept in the history
    form = replace(placements.form_of(p), diagnostics_completed_on=None)
    assert placements.correct_placement(us, pid, form, "zadáno omylem") == ["diagnostics_completed_on"]
    assert any(d.kind == "diagnostic_stay" for d in _current(us, cid).deadlines)
    history = [h.entry for h in children.get_child(us, cid).history]
    assert H.Changes("placement", {"diagnostics_completed_on": TODAY - timedelta(days=2)},
                     {"diagnostics_completed_on": None}) in history


def test_long_term_care_in_the_same_facility_has_no_diagnostic_clock(officer_session, admin_session, db_path, ids):
    us = officer_session
    cid = child(us, days_ago=40)
    pid = placements.place_child(us, cid, pm(ids[RADLICKA], TODAY - timedelta(days=30), diagnostic_stay=False))
    p = _current(us, cid)
    assert not p.is_diagnostic_stay and not any(d.kind == "diagnostic_stay" for d in p.deadlines)
    _refused(us, lambda: placements.complete_diagnostics(us, pid, TODAY), "diagnostic_stay")
    other = child(us, "Omar", days_ago=40)
    zdvop = placements.place_child(us, other, PlacementInput(start_date=TODAY, legal_basis="urgent_care",
                                                             facility_id=ids["ZDVOP-PRAHA4"]))
    radlicka = staff(admin_session[0], db_path, "radlicka", RADLICKA)
    with pytest.raises(NotFound):  # another facility's child is out of their scope
        placements.complete_diagnostics(radlicka, zdvop, TODAY)


def test_corrections_keep_the_old_measure_facts(officer_session, ids):
    us = officer_session
    start = TODAY - timedelta(days=20)
    cid = child(us, days_ago=30)
    pid = placements.place_child(us, cid, pm(ids[RADLICKA], start))
    form = replace(placements.form_of(_current(us, cid)), enforceable_on=start + timedelta(days=2), section_461=True)
    assert placements.correct_placement(us, pid, form, "doplněna vykonatelnost") == ["enforceable_on", "section_461"]
    history = [h.entry for h in children.get_child(us, cid).history]
    assert H.Changes("placement", {"enforceable_on": None, "section_461": False},
                     {"enforceable_on": start + timedelta(days=2), "section_461": True}) in history
