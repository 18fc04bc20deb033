"""Issue 9: facility staff see withheld data as withheld (never as an empty or default value)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from ospod_desktop.core.errors import PermissionDenied
from ospod_desktop.services import children, placements, scope
from ospod_desktop.services.children import ListFilter
from tests.services.placement_helpers import RADLICKA, TODAY, child, facility_id, pm, staff


@pytest.fixture
def radlicka(admin_session, db_path):
    us = staff(admin_session[0], db_path, "radlicka", RADLICKA)
    yield us
    us.close()


@pytest.fixture
def kuznetsov(officer_session):
    """A separated child with her uncle, to be seen within 24 hours, placed in Radlická ten days ago."""
    us = officer_session
    cid = child(us, "Anna", status="separated", companion_name="Mikhail Kuznetsov", companion_relationship="strýc",
                urgency="within_24h", urgency_reason="nemocná", reference="REF-ANNA", found_place="Praha hl. n.")
    pid = placements.place_child(us, cid, pm(facility_id(us, RADLICKA), TODAY - timedelta(days=10)))
    return cid, pid


# --- 1. withheld, not empty -----------------------------------------------------------------------------------

def test_the_staff_view_says_what_is_withheld_instead_of_defaults(officer_session, radlicka, kuznetsov):
    cid, _pid = kuznetsov
    full = children.get_child(officer_session, cid)
    assert (full.urgency, full.companion_name, full.companion_relationship) == (
        "within_24h", "Mikhail Kuznetsov", "strýc")
    assert full.withheld == frozenset() and not full.restricted
    view = children.get_child(radlicka, cid)
    assert view.restricted and view.status == "separated" and view.given_names == "Anna"
    for field in ("urgency", "urgency_reason", "companion_name", "companion_relationship", "reference", "found_place"):
        assert field in view.withheld and getattr(view, field) is None, field  # not "standard", not ""
    assert view.withheld == scope.FACILITY_WITHHELD
    assert not view.withheld & scope.FACILITY_FIELDS
    # Nothing withheld travels in the view, not even in its form.
    assert "Kuznetsov" not in repr(view) and "within_24h" not in repr(view) and "REF-ANNA" not in repr(view)


def test_a_reduced_view_cannot_be_saved_back(officer_session, radlicka, kuznetsov):
    cid, _pid = kuznetsov
    with pytest.raises(PermissionDenied):  # its form would blank every withheld field
        children.with_form(children.get_child(radlicka, cid), given_names="Anya")
    with pytest.raises(PermissionDenied):  # and staff do not edit the registration with a full form either
        children.update_child(radlicka, cid, children.with_form(children.get_child(officer_session, cid)))
    assert children.get_child(officer_session, cid).companion_name == "Mikhail Kuznetsov"


def test_the_case_list_and_the_export_leave_withheld_fields_out(officer_session, radlicka, kuznetsov):
    cid, _pid = kuznetsov
    officer_row = children.child_rows(officer_session, [cid])[0]
    assert (officer_row.urgency, officer_row.reference) == ("within_24h", "REF-ANNA")
    staff_row = children.child_rows(radlicka, [cid])[0]
    assert (staff_row.urgency, staff_row.reference) == (None, None)  # withheld, not "standard" / ""
    with pytest.raises(PermissionDenied):  # a filter by a withheld field would tell its value
        children.list_children(radlicka, ListFilter(urgent_only=True))
    assert children.child_ids(officer_session, ListFilter(urgent_only=True)) == [cid]
    assert "reference" in children.list_columns(officer_session)
    assert children.list_columns(radlicka) == tuple(c for c in children.LIST_COLUMNS if c != "reference")
    (record,) = children.case_list_records(radlicka)
    assert set(record) == set(children.list_columns(radlicka)) and "REF-ANNA" not in repr(record)
    assert next(r for r in children.case_list_records(officer_session) if r["id"] == cid)["reference"] == "REF-ANNA"


def test_the_duplicate_report_gives_staff_no_reference(officer_session, radlicka, kuznetsov):
    us = officer_session
    cid, _pid = kuznetsov
    twin = child(us, "Anna", status="separated", companion_name="Mikhail Kuznetsov", reference="REF-ANNA-2")
    placements.place_child(us, twin, pm(facility_id(us, RADLICKA), TODAY - timedelta(days=5)))
    pair = next(p for p in children.duplicate_report(us) if {p.a_id, p.b_id} == {cid, twin})
    assert {pair.a_reference, pair.b_reference} == {"REF-ANNA", "REF-ANNA-2"}
    pair = next(p for p in children.duplicate_report(radlicka) if {p.a_id, p.b_id} == {cid, twin})
    assert (pair.a_reference, pair.b_reference) == (None, None)
