"""Bad input names its field and saves nothing; facility staff and administrators never reach assessments;
only supervisors approve or return, and not what they finished themselves."""

from __future__ import annotations

from datetime import timedelta

import pytest

from ospod_desktop.core import history_trafficking as HT
from ospod_desktop.core.errors import NotFound, PermissionDenied, ValidationError
from ospod_desktop.services import children, trafficking
from ospod_desktop.services.trafficking import AnswerInput
from tests.services.placement_helpers import TODAY
from tests.services.trafficking_helpers import counts, flag, rows, trafficking_office


@pytest.fixture
def office(admin_session, officer_session, db_path):
    with trafficking_office(admin_session[0], officer_session, db_path) as o:
        yield o


CONCERN = {"rec_strong1": AnswerInput("present")}


def _refused(us, call, *args, field: str | None = None, **kwargs) -> ValidationError:
    before = counts(us)
    with pytest.raises(ValidationError) as err:
        call(*args, **kwargs)
    assert counts(us) == before
    if field is not None:
        assert err.value.field == field, err.value.message
    assert err.value.message
    return err.value


def test_answers_naming_an_unknown_indicator_or_code_are_refused(office):
    o = office
    a = trafficking.start_assessment(o.officer, o.child_id)
    trafficking.save_draft(o.officer, a.id, CONCERN)
    _refused(o.officer, trafficking.save_draft, o.officer, a.id, {**CONCERN, "no_such": AnswerInput("present")},
             field="no_such")
    _refused(o.officer, trafficking.save_draft, o.officer, a.id, {"rec_weak1": AnswerInput("yes")}, field="rec_weak1")
    _refused(o.officer, trafficking.save_draft, o.officer, a.id, {"rec_weak1": AnswerInput("present", source="rumour")},
             field="rec_weak1")
    _refused(o.officer, trafficking.finish_assessment, o.officer, a.id, {"no_such": AnswerInput("present")},
             "concern", ["labour"], "", field="no_such")
    assert trafficking.get_assessment(o.officer, a.id).answers == {"rec_strong1": AnswerInput("present", "", "")}


def test_finishing_needs_conclusion_forms_and_reasoning(office):
    o = office
    a = trafficking.start_assessment(o.officer, o.child_id)
    for conclusion in ("", None):
        _refused(o.officer, trafficking.finish_assessment, o.officer, a.id, CONCERN, conclusion, ["labour"], "",
                 field="conclusion")
    _refused(o.officer, trafficking.finish_assessment, o.officer, a.id, CONCERN, "victim", ["labour"], "",
             field="conclusion")
    _refused(o.officer, trafficking.finish_assessment, o.officer, a.id, CONCERN, "concern", [], "", field="forms")
    _refused(o.officer, trafficking.finish_assessment, o.officer, a.id, CONCERN, "concern", ["slavery"], "",
             field="forms")
    # the engine says concern; a different conclusion needs the officer's reasoning
    _refused(o.officer, trafficking.finish_assessment, o.officer, a.id, CONCERN, "no_indication", [], "  ",
             field="reasoning")
    _refused(o.officer, trafficking.finish_assessment, o.officer, a.id, CONCERN, "concern", ["labour"], "",
             ["Narnia"], field="exploitation_countries")
    still = trafficking.get_assessment(o.officer, a.id)
    assert (still.status, still.conclusion, still.answers) == ("draft", None, {})
    assert flag(o.officer, o.child_id) == ""
    done = trafficking.finish_assessment(o.officer, a.id, CONCERN, "no_indication", [], "Silný znak se nepotvrdil.")
    assert done.conclusion == "no_indication" and done.engine_outcome == "concern"


def test_finished_and_approved_are_read_only(office):
    o = office
    a = trafficking.start_assessment(o.officer, o.child_id)
    trafficking.finish_assessment(o.officer, a.id, CONCERN, "concern", ["labour"], "")
    _refused(o.officer, trafficking.save_draft, o.officer, a.id, {}, field="status")
    _refused(o.supervisor, trafficking.approve_assessment, o.supervisor, trafficking.start_assessment(
        o.officer, o.child_id).id, field="status")  # a draft cannot be approved
    trafficking.approve_assessment(o.supervisor, a.id)
    _refused(o.officer, trafficking.finish_assessment, o.officer, a.id, CONCERN, "concern", ["labour"], "",
             field="status")
    _refused(o.supervisor, trafficking.return_assessment, o.supervisor, a.id, "Znovu", field="status")


def test_a_return_needs_a_comment(office):
    o = office
    a = trafficking.start_assessment(o.officer, o.child_id)
    trafficking.finish_assessment(o.officer, a.id, CONCERN, "concern", ["labour"], "")
    _refused(o.supervisor, trafficking.return_assessment, o.supervisor, a.id, "  ", field="comment")
    assert trafficking.get_assessment(o.supervisor, a.id).status == "finished"


def test_facility_staff_and_administrators_never_see_assessments(office):
    o = office
    a = trafficking.start_assessment(o.officer, o.child_id)
    for us in (o.staff, o.admin):
        for call, args in ((trafficking.start_assessment, (o.child_id,)), (trafficking.assessments_of, (o.child_id,)),
                           (trafficking.get_assessment, (a.id,)), (trafficking.save_draft, (a.id, {})),
                           (trafficking.finish_assessment, (a.id, {}, "concern", ["labour"], "")),
                           (trafficking.approve_assessment, (a.id,)), (trafficking.awaiting_approval, ()),
                           (trafficking.victim_events_of, (o.child_id,)),
                           (trafficking.record_victim_event, (o.child_id, "identified", TODAY))):
            with pytest.raises(PermissionDenied):
                call(us, *args)
    trafficking.finish_assessment(o.officer, a.id, CONCERN, "concern", ["labour"], "")
    staff_sees = {h.field for h in children.get_child(o.staff, o.child_id).history}
    assert staff_sees and not staff_sees & HT.CODES  # nor its lines in the child's history
    assert HT.CODES & {h.field for h in children.get_child(o.officer, o.child_id).history}
    with pytest.raises(PermissionDenied):  # nor the catalogue: it is office work
        trafficking.catalogue_in_use(o.staff)
    with pytest.raises(PermissionDenied):
        trafficking.import_catalogue(o.officer, b"{}", "Nový katalog")


def test_officers_do_not_approve_and_supervisors_not_their_own(office):
    o = office
    a = trafficking.start_assessment(o.officer, o.child_id)
    trafficking.finish_assessment(o.officer, a.id, CONCERN, "concern", ["labour"], "")
    for call in (trafficking.approve_assessment, trafficking.return_assessment, trafficking.awaiting_approval):
        with pytest.raises(PermissionDenied):
            call(o.officer, *((a.id, "ok") if call is not trafficking.awaiting_approval else ()))
    own = trafficking.start_assessment(o.supervisor, o.child_id)
    trafficking.finish_assessment(o.supervisor, own.id, CONCERN, "concern", ["labour"], "")
    with pytest.raises(PermissionDenied):
        trafficking.approve_assessment(o.supervisor, own.id)
    assert trafficking.approve_assessment(o.supervisor2, own.id).status == "approved"


def test_another_officer_cannot_edit_a_draft_and_unknown_ids_are_not_found(office, db_path):
    from ospod_desktop.core.roles import Role
    from tests.services.trafficking_helpers import login

    o = office
    a = trafficking.start_assessment(o.officer, o.child_id)
    other = login(o.admin, db_path, "officer2", Role.OFFICER)
    try:
        with pytest.raises(PermissionDenied):
            trafficking.save_draft(other, a.id, CONCERN)
        assert trafficking.get_assessment(other, a.id).id == a.id  # reading is office-wide
    finally:
        other.close()
    with pytest.raises(NotFound):
        trafficking.get_assessment(o.officer, a.id + 100)
    with pytest.raises(NotFound):
        trafficking.start_assessment(o.officer, o.child_id + 100)
    assert rows(o.officer, "SELECT detail FROM audit_log ORDER BY id DESC LIMIT 1") == [("refused",)]


def test_victim_events_are_checked(office):
    o = office
    _refused(o.officer, trafficking.record_victim_event, o.officer, o.child_id, "arrested", TODAY, field="kind")
    _refused(o.officer, trafficking.record_victim_event, o.officer, o.child_id, "identified",
             TODAY + timedelta(days=1), field="on")
    _refused(o.officer, trafficking.record_victim_event, o.officer, o.child_id, "reflection_period", TODAY,
             ends_on=TODAY - timedelta(days=1), field="ends_on")
    _refused(o.officer, trafficking.record_victim_event, o.officer, o.child_id, "identified", TODAY,
             ends_on=TODAY + timedelta(days=1), field="ends_on")
    assert flag(o.officer, o.child_id) == ""
    # Whom it involved: the police unit of a report or an identification, the organisation of a referral.
    for kind in ("police_report", "identified", "referred"):
        _refused(o.officer, trafficking.record_victim_event, o.officer, o.child_id, kind, TODAY, body="  ",
                 field="body")
    assert trafficking.victim_events_of(o.officer, o.child_id) == []
    assert trafficking.record_victim_event(o.officer, o.child_id, "reflection_period", TODAY).kind == \
        "reflection_period"  # granted on the unit's earlier report: no unit of its own
