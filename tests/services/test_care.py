"""IPODs, guardians and asylum representatives: recorded, corrected and deleted with their history kept,
refused to facility staff and administrators, and what the due-items engine reads of them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from ospod_desktop.core.care_form import (
    AsylumInput,
    GuardianAppointmentInput,
    GuardianPetitionInput,
    GuardianshipInput,
    IpodInput,
)  # fmt: skip
from ospod_desktop.core.due_facts import GuardianFacts
from ospod_desktop.core.errors import NotFound, PermissionDenied, ValidationError
from ospod_desktop.services import care, children, placements
from tests.services.placement_helpers import RADLICKA, TODAY, child, count, facility_id, last_audit, pm, staff

FOUND = TODAY - timedelta(days=40)
COURT = "Obvodní soud pro Prahu 5"


@pytest.fixture
def cid(officer_session):
    return child(officer_session, days_ago=40)


def _history(us, child_id):
    return [h.entry for h in children.get_child(us, child_id).history]


def test_an_ipod_is_recorded_corrected_and_deleted_with_its_history(officer_session, cid):
    us = officer_session
    iid = care.record_ipod(us, cid, IpodInput(FOUND + timedelta(days=10), "plán sepsán s dítětem"))
    assert last_audit(us) == ("create", "ipod", iid, f"child:{cid}")
    assert [(i.id, i.drawn_up_on, i.note) for i in care.list_ipods(us, cid)] == [
        (iid, FOUND + timedelta(days=10), "plán sepsán s dítětem")]
    assert [e.code for e in _history(us, cid)][-1] == "ipod_recorded"

    with pytest.raises(ValidationError) as exc:
        care.correct_ipod(us, iid, IpodInput(FOUND + timedelta(days=11)), "x")
    assert exc.value.field == "correction_reason"
    assert care.correct_ipod(us, iid, IpodInput(FOUND + timedelta(days=11), "plán sepsán s dítětem"),
                             "překlep v datu") == ["drawn_up_on"]
    assert last_audit(us) == ("update", "ipod", iid, f"child:{cid}:drawn_up_on")
    entries = _history(us, cid)
    assert [e.code for e in entries[-3:]] == ["ipod_corrected", "ipod_changes", "correction_reason"]
    assert entries[-2].old == {"drawn_up_on": FOUND + timedelta(days=10)}  # type: ignore[attr-defined]

    care.delete_ipod(us, iid, "zapsáno omylem u jiného dítěte")
    assert last_audit(us) == ("delete", "ipod", iid, f"child:{cid}")
    assert care.list_ipods(us, cid) == [] and count(us, "ipod") == 0
    deleted = _history(us, cid)[-2]
    assert deleted.code == "ipod_changes" and deleted.old["note"] == "plán sepsán s dítětem"  # type: ignore[attr-defined]


def test_a_date_before_the_child_was_found_is_refused_naming_the_field(officer_session, cid):
    us = officer_session
    before = count(us, "child_history"), count(us, "ipod"), count(us, "guardianship")
    with pytest.raises(ValidationError) as exc:
        care.record_ipod(us, cid, IpodInput(FOUND - timedelta(days=1)))
    assert exc.value.field == "drawn_up_on"
    with pytest.raises(ValidationError) as exc:
        care.record_guardian_appointment(us, cid, GuardianAppointmentInput(TODAY + timedelta(days=1), COURT,
                                                                           guardian_name="Dvořáková"))
    assert exc.value.field == "appointed_on"
    assert (count(us, "child_history"), count(us, "ipod"), count(us, "guardianship")) == before


def test_a_petition_then_the_appointment_fill_one_guardianship(officer_session, cid):
    us = officer_session
    gid = care.record_guardian_petition(us, cid, GuardianPetitionInput(FOUND + timedelta(days=1), COURT))
    with pytest.raises(ValidationError) as exc:
        care.record_guardian_petition(us, cid, GuardianPetitionInput(FOUND + timedelta(days=2)))
    assert exc.value.field == "petition_on"
    with us.read() as s:
        assert care.care_facts(s, cid).guardian == GuardianFacts(FOUND + timedelta(days=1), None, COURT)
    with pytest.raises(ValidationError) as exc:  # the court cannot appoint before it was asked
        care.record_guardian_appointment(us, cid, GuardianAppointmentInput(FOUND, COURT, guardian_name="Dvořáková"))
    assert exc.value.field == "appointed_on"
    form = GuardianAppointmentInput(FOUND + timedelta(days=5), COURT, "29 P 12/2026", "Mgr. Jana Dvořáková",
                                    "+420 777 123 456")
    assert care.record_guardian_appointment(us, cid, form) == gid
    assert count(us, "guardianship") == 1
    view = care.care_summary(us, cid)
    assert view.needs_guardian and view.guardian is not None and view.guardian.state == "appointed"
    assert (view.guardian.petition_on, view.guardian.court_file_number) == (FOUND + timedelta(days=1), "29 P 12/2026")
    with us.read() as s:
        facts = care.care_facts(s, cid)
    assert facts.guardian.appointed_on == FOUND + timedelta(days=5) and facts.guardian.guardian == "Mgr. Jana Dvořáková"
    with pytest.raises(ValidationError) as exc:
        care.record_guardian_appointment(us, cid, form)
    assert exc.value.field == "appointed_on"
    assert [e.code for e in _history(us, cid)][-2:] == ["guardianship_petition", "guardianship_appointed"]

    care.end_guardianship(us, gid, TODAY)
    with us.read() as s:
        assert care.care_facts(s, cid).guardian.appointed_on is None  # the clock runs again
    gid2 = care.record_guardian_appointment(us, cid, GuardianAppointmentInput(TODAY, COURT, guardian_name="Novák"))
    assert gid2 != gid and care.care_summary(us, cid).guardian.id == gid2  # type: ignore[union-attr]

    changed = care.correct_guardianship(us, gid, GuardianshipInput(
        FOUND + timedelta(days=1), COURT, FOUND + timedelta(days=6), COURT, "29 P 12/2026", "Mgr. Jana Dvořáková",
        "+420 777 123 456", TODAY), "soud rozhodl o den později")
    assert changed == ["appointed_on"]
    care.delete_guardianship(us, gid2, "zapsáno u jiného dítěte")
    assert count(us, "guardianship") == 1


def test_an_asylum_application_waits_for_its_representative(officer_session, cid):
    us = officer_session
    aid = care.record_asylum_application(us, cid, AsylumInput(FOUND + timedelta(days=3)))
    with us.read() as s:
        assert [(a.id, a.representative_on) for a in care.care_facts(s, cid).asylum] == [(aid, None)]
    with pytest.raises(ValidationError) as exc:
        care.record_representative(us, aid, FOUND + timedelta(days=2), "OSPOD Praha 5")
    assert exc.value.field == "representative_on"
    care.record_representative(us, aid, FOUND + timedelta(days=4), "OSPOD Praha 5")
    assert care.care_summary(us, cid).asylum[0].representative_name == "OSPOD Praha 5"
    with pytest.raises(ValidationError):
        care.record_representative(us, aid, FOUND + timedelta(days=4), "jiný")
    care.correct_asylum_application(us, aid, AsylumInput(FOUND + timedelta(days=3), FOUND + timedelta(days=5),
                                                         "OSPOD Praha 5"), "špatné datum ustanovení")
    assert care.care_summary(us, cid).asylum[0].representative_on == FOUND + timedelta(days=5)
    care.delete_asylum_application(us, aid, "žádost nebyla podána")
    assert care.care_summary(us, cid).asylum == ()


def test_facility_staff_and_administrators_are_refused(admin_session, officer_session, db_path):
    us = officer_session
    admin, _code = admin_session
    cid = child(us, days_ago=40)
    placements.place_child(us, cid, pm(facility_id(us, RADLICKA), FOUND))
    iid = care.record_ipod(us, cid, IpodInput(FOUND))
    worker = staff(admin, db_path, "radlicka", RADLICKA)
    try:
        for who in (worker, admin):
            with pytest.raises(PermissionDenied):
                care.care_summary(who, cid)
            with pytest.raises(PermissionDenied):
                care.list_ipods(who, cid)
            with pytest.raises(PermissionDenied):
                care.record_ipod(who, cid, IpodInput(FOUND))
            with pytest.raises(PermissionDenied):
                care.delete_ipod(who, iid, "nemám k tomu důvod")
        # Nor do they read them in the child's history.
        assert not any(e.code.startswith("ipod") for e in _history(worker, cid))
    finally:
        worker.close()


def test_a_record_of_an_unknown_child_is_not_found(officer_session):
    with pytest.raises(NotFound):
        care.record_ipod(officer_session, 999, IpodInput(TODAY))
    with pytest.raises(NotFound):
        care.correct_ipod(officer_session, 999, IpodInput(TODAY), "nějaký důvod")
