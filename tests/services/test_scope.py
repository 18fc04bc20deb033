"""Who sees what: facility staff's scope and reduced view, the 30-day grace period, administrators' break glass."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from ospod_desktop.core.child_form import FamilyInput, IdentifierInput
from ospod_desktop.core.errors import NotFound, PermissionDenied, ValidationError
from ospod_desktop.services import children, placements, scope
from ospod_desktop.services.children import ListFilter
from tests.services.placement_helpers import RADLICKA, TODAY, child, facility_id, last_audit, pm, staff


@pytest.fixture
def radlicka(admin_session, db_path):
    admin, _ = admin_session
    us = staff(admin, db_path, "radlicka", RADLICKA)
    yield us
    us.close()


def test_facility_staff_see_a_reduced_record(officer_session, radlicka):
    us = officer_session
    cid = child(us, notes="suspected exploitation; see the police file", wishes="wants to go to Germany",
                companion_name="Ivan Petrenko", companion_relationship="uncle (claimed)", status="separated",
                birth_number="", police_reference="KRPA-1/2026", reporter_agency="Policie ČR",
                identifiers=(IdentifierInput("passport", "FX123"), IdentifierInput("agency", "NGO-55", issuer="La Strada")),
                family=(FamilyInput("mother", "Olena", "Kharkiv"),))
    children.add_age_assessment(us, cid, "medical", TODAY, "MUDr. X", 15, 17, "X-ray")
    placements.place_child(us, cid, pm(facility_id(us, RADLICKA), TODAY - timedelta(days=10)))
    view = children.get_child(radlicka, cid)
    assert view.restricted and view.given_names == "Ali" and view.age_min is not None
    # Withheld, not empty: None through the view (an empty string would read as "none recorded"), listed in
    # `withheld`, and not carried in the form at all.
    assert (view.notes, view.wishes, view.companion_name, view.police_reference, view.reporter_agency) == (
        None, None, None, None, None)
    assert {"notes", "wishes", "companion_name", "police_reference", "reporter_agency", "family",
            "assessments", "agency_references"} <= view.withheld
    assert (view.form.notes, view.form.companion_name, view.form.family) == ("", "", ())
    assert view.family is None and view.assessments == ()
    assert [i.number for i in view.identifiers] == ["FX123"]
    assert {h.field for h in view.history} <= children.FACILITY_HISTORY
    assert "age_assessment" not in {h.field for h in view.history}
    assert len(view.placements) == 1 and not view.placements[0].withheld
    full = children.get_child(us, cid)
    assert not full.restricted and full.notes and full.assessments


def test_facility_staff_may_not_edit_the_registration(officer_session, radlicka):
    us = officer_session
    cid = child(us)
    placements.place_child(us, cid, pm(facility_id(us, RADLICKA), TODAY - timedelta(days=10)))
    view = children.get_child(radlicka, cid)
    for call in (lambda: children.update_child(radlicka, cid, children.with_form(view, given_names="X")),
                 lambda: children.add_age_assessment(radlicka, cid, "interview", TODAY, "", 14, 16),
                 lambda: children.set_photo(radlicka, cid, None),
                 lambda: children.register_child(radlicka, view.form),
                 lambda: children.find_duplicates(radlicka, view.form),
                 lambda: children.merge_children(radlicka, cid, cid)):
        with pytest.raises(PermissionDenied):
            call()


def test_the_grace_period_after_a_placement_ends(officer_session, radlicka, monkeypatch):
    us = officer_session
    cid = child(us)
    fid = facility_id(us, RADLICKA)
    start = TODAY - timedelta(days=60)
    placements.place_child(us, cid, pm(fid, start, end_date=TODAY - timedelta(days=30), end_reason="transfer"))
    placements.place_child(us, cid, pm(facility_id(us, "DD-KUTNA-HORA"), TODAY - timedelta(days=30)))
    assert children.child_ids(radlicka) == [cid]
    view = children.get_child(radlicka, cid)
    other = view.placements[1]
    assert other.withheld and other.court == "" and other.facility_name == "Dětský domov Kutná Hora"
    monkeypatch.setattr(scope, "_clock", lambda: TODAY + timedelta(days=1))  # day 31: gone from their scope
    assert children.child_ids(radlicka) == []
    with pytest.raises(NotFound):
        children.get_child(radlicka, cid)
    assert last_audit(us) == ("read", "child", cid, "refused")


def test_out_of_scope_is_not_found_and_audited_everywhere(officer_session, radlicka):
    us = officer_session
    outside = child(us, "Omar", notes="x")
    for call in (lambda: children.get_child(radlicka, outside), lambda: children.get_photo(radlicka, outside),
                 lambda: placements.child_placements(radlicka, outside)):
        with pytest.raises(NotFound):
            call()
        assert last_audit(us) == ("read", "child", outside, "refused")
    assert children.child_ids(radlicka, ListFilter(query="omar", case_status=None)) == []
    assert children.child_rows(radlicka, [outside]) == []
    assert children.case_list_records(radlicka) == []
    assert children.duplicate_report(radlicka) == []


def test_break_glass_is_asked_for_a_reason_and_audited(admin_session, officer_session):
    admin, _ = admin_session
    cid = child(officer_session)
    with pytest.raises(PermissionDenied):
        children.get_child(admin, cid)
    with pytest.raises(PermissionDenied):
        children.child_ids(admin)
    with pytest.raises(ValidationError) as err:
        scope.break_glass(admin, "because")
    assert err.value.field == "reason"
    with pytest.raises(ValidationError) as err:
        scope.break_glass(admin, "a court asked for the file", code="curiosity")
    assert err.value.field == "reason_code"
    with pytest.raises(PermissionDenied):
        scope.break_glass(officer_session, "an officer has no need for this")
    row_id = scope.break_glass(admin, "Request of the Prague 5 district court, ref. 12 P 45/2026", "legal_request")
    assert last_audit(admin) == ("break_glass", "session", row_id, "legal_request")
    with admin.read() as s:
        stored = s.exec(text("SELECT reason FROM break_glass WHERE id = :i").bindparams(i=row_id)).scalar()
        details = " ".join(r[0] for r in s.exec(text("SELECT detail FROM audit_log")).all())
    assert "12 P 45/2026" in stored and "district court" not in details  # the text stays out of the chain
    view = children.get_child(admin, cid)
    assert not view.restricted and last_audit(admin) == ("read", "child", cid, f"break_glass:{row_id}")
    assert children.child_ids(admin) == [cid]
    with pytest.raises(PermissionDenied):  # still read-only
        children.update_child(admin, cid, view.form)
    scope.end_break_glass(admin)
    assert last_audit(admin) == ("break_glass", "session", row_id, "end")
    with pytest.raises(PermissionDenied):
        children.get_child(admin, cid)
