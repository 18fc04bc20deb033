"""Trafficking assessments on a real database: draft → save → finish → approve; return → edit → finish again;
the flag, the history lines and the audit rows (ids only), the catalogue version an assessment keeps."""

from __future__ import annotations

from datetime import timedelta

import pytest

from ospod_desktop.core import history_trafficking as HT
from ospod_desktop.services import children, trafficking
from ospod_desktop.services.trafficking import AnswerInput
from tests.services.placement_helpers import TODAY, child
from tests.services.trafficking_helpers import CHILD_NAME, NOTE, count, flag, rows, small_text, trafficking_office


@pytest.fixture
def office(admin_session, officer_session, db_path):
    with trafficking_office(admin_session[0], officer_session, db_path) as o:
        yield o


CONCERN = {"rec_strong1": AnswerInput("present", NOTE, "child_account"), "tr_medium1": AnswerInput("absent")}
PRESUMED = {**CONCERN, "exp_strong1": AnswerInput("present", "", "observation"), "exp_strong2": AnswerInput("present")}


def _entries(us, cid) -> list:
    return [h.entry for h in children.get_child(us, cid).history if h.field in HT.CODES]


def test_draft_save_finish_approve(office):
    o = office
    draft = trafficking.start_assessment(o.officer, o.child_id)
    assert (draft.status, draft.engine_outcome, draft.answers) == ("draft", "no_indication", {})
    assert (draft.catalogue_id, draft.catalogue_version) == ("test-small", "1")
    assert draft.created_by_name == "Petr Novák"

    saved = trafficking.save_draft(o.officer, draft.id, CONCERN)
    assert saved.status == "draft" and saved.engine_outcome == "concern"
    assert saved.answers == {"rec_strong1": AnswerInput("present", NOTE, "child_account"),
                             "tr_medium1": AnswerInput("absent", "", "")}
    assert flag(o.officer, o.child_id) == ""  # a draft sets no flag
    assert _entries(o.officer, o.child_id) == []  # nor a line of history

    done = trafficking.finish_assessment(o.officer, draft.id, PRESUMED, "presumed_victim", ["begging", "criminal"],
                                         "", ["ro", "CZ"])
    assert (done.status, done.engine_outcome, done.conclusion) == ("finished", "presumed_victim", "presumed_victim")
    assert done.forms == ("begging", "criminal") and done.exploitation_countries == ("RO", "CZ")
    assert done.finished_by_name == "Petr Novák" and done.finished_at is not None
    assert done.result(trafficking.catalogue_of_version(o.officer, done.catalogue_pk)).outcome == "presumed_victim"
    assert flag(o.officer, o.child_id) == "presumed_victim"
    assert [a.id for a in trafficking.awaiting_approval(o.supervisor)] == [draft.id]

    approved = trafficking.approve_assessment(o.supervisor, draft.id, "Souhlasím.")
    assert approved.status == "approved" and approved.reviewed_by_name == "Supervisor Testová"
    assert trafficking.awaiting_approval(o.supervisor) == []
    assert flag(o.officer, o.child_id) == "presumed_victim"
    assert _entries(o.officer, o.child_id) == [
        HT.AssessmentFinished(draft.id, "presumed_victim", "presumed_victim", ("begging", "criminal"), "test-small 1"),
        HT.AssessmentReviewed("approved", draft.id, "presumed_victim")]
    assert [a.id for a in trafficking.assessments_of(o.supervisor, o.child_id)] == [draft.id]


def test_returned_is_edited_and_finished_again(office):
    o = office
    a = trafficking.start_assessment(o.officer, o.child_id)
    trafficking.finish_assessment(o.officer, a.id, CONCERN, "concern", ["labour"], "")
    assert flag(o.officer, o.child_id) == "concern"
    back = trafficking.return_assessment(o.supervisor, a.id, "Doplňte, kdo dítě přivezl.")
    assert back.status == "returned" and back.review_comment == "Doplňte, kdo dítě přivezl."
    assert flag(o.officer, o.child_id) == ""  # a returned conclusion no longer stands
    assert trafficking.get_assessment(o.officer, a.id).editable

    edited = trafficking.save_draft(o.officer, a.id, PRESUMED)
    assert edited.status == "returned" and edited.engine_outcome == "presumed_victim"
    again = trafficking.finish_assessment(o.officer, a.id, PRESUMED, "presumed_victim", ["labour"], "")
    assert again.status == "finished" and again.forms == ("labour",)
    assert count(o.officer, "assessment_form") == 1
    assert flag(o.officer, o.child_id) == "presumed_victim"
    entries = _entries(o.officer, o.child_id)
    assert entries[-1] == HT.AssessmentFinished(a.id, "presumed_victim", "presumed_victim", ("labour",),
                                                "test-small 1", again=True)
    assert HT.AssessmentReviewed("returned", a.id, "concern") in entries


def test_flag_follows_concern_presumed_identified(office):
    o = office
    first = trafficking.start_assessment(o.officer, o.child_id)
    trafficking.finish_assessment(o.officer, first.id, CONCERN, "concern", ["sexual"], "")
    assert flag(o.officer, o.child_id) == "concern"
    second = trafficking.start_assessment(o.officer, o.child_id)
    trafficking.finish_assessment(o.officer, second.id, PRESUMED, "presumed_victim", ["sexual"], "")
    assert flag(o.officer, o.child_id) == "presumed_victim"

    report = trafficking.record_victim_event(o.officer, o.child_id, "police_report", TODAY, "OKFK Praha",
                                             "datovou schránkou")
    assert report.assessment_id == second.id and flag(o.officer, o.child_id) == "presumed_victim"
    trafficking.record_victim_event(o.officer, o.child_id, "identified", TODAY, "NCOZ", note=NOTE)
    assert flag(o.officer, o.child_id) == "identified"
    third = trafficking.start_assessment(o.officer, o.child_id)  # a later assessment does not undo the police's
    trafficking.finish_assessment(o.officer, third.id, {}, "no_indication", [], "")
    assert flag(o.officer, o.child_id) == "identified"
    events = trafficking.victim_events_of(o.supervisor, o.child_id)
    assert [e.kind for e in events] == ["identified", "police_report"]
    assert events[1].body == "OKFK Praha" and events[1].channel == "datovou schránkou"
    period = trafficking.record_victim_event(o.officer, o.child_id, "reflection_period", TODAY - timedelta(days=1),
                                             ends_on=TODAY + timedelta(days=29))
    assert HT.VictimEventRecorded(period.id, "reflection_period", TODAY - timedelta(days=1),
                                  TODAY + timedelta(days=29)) in _entries(o.officer, o.child_id)


def test_history_and_audit_hold_no_names_or_notes(office):
    o = office
    a = trafficking.start_assessment(o.officer, o.child_id)
    reasoning = "Dítě popsalo nábor přes strýce Ahmeda Karimiho"
    trafficking.finish_assessment(o.officer, a.id, CONCERN, "presumed_victim", ["labour"], reasoning)
    trafficking.return_assessment(o.supervisor, a.id, "Ověřte výpověď u vychovatelky Novákové")
    trafficking.record_victim_event(o.officer, o.child_id, "referred", TODAY, "La Strada ČR", note=NOTE)
    history = rows(o.officer, f"SELECT field, old_value, new_value FROM child_history WHERE child_id = {o.child_id} "
                              "AND field LIKE '%trafficking%' OR field = 'victim_event'")
    audit = rows(o.officer, "SELECT action, entity, entity_id, detail FROM audit_log "
                            "WHERE entity IN ('assessment', 'victim_event', 'indicator_catalogue')")
    assert len(history) == 3 and len(audit) >= 5
    text = repr(history) + repr(audit)
    for secret in (CHILD_NAME, "Rahimi", NOTE, "Ahmed", "Karimi", "Novákov", "La Strada", "strýc"):
        assert secret not in text, secret
    assert ("update", "assessment", a.id, f"finish:child:{o.child_id}") in audit


def test_an_assessment_keeps_its_catalogue_version_after_an_import(office):
    o = office
    old = trafficking.finish_assessment(o.officer, trafficking.start_assessment(o.officer, o.child_id).id,
                                        CONCERN, "concern", ["other"], "")
    trafficking.import_catalogue(o.supervisor, small_text(version="2", id="test-small"), "Nová verze katalogu")
    new = trafficking.start_assessment(o.officer, o.child_id)
    assert new.catalogue_version == "2" and new.catalogue_pk != old.catalogue_pk
    again = trafficking.get_assessment(o.officer, old.id)
    assert (again.catalogue_pk, again.catalogue_version) == (old.catalogue_pk, "1")
    assert trafficking.catalogue_of_version(o.officer, again.catalogue_pk).version == "1"
    assert trafficking.catalogue_in_use(o.officer).catalogue.version == "2"


def test_a_deleted_child_takes_its_assessments_and_a_merge_moves_them(office):
    o = office
    other = child(o.officer, "Omar", days_ago=30)
    a = trafficking.start_assessment(o.officer, other)
    trafficking.finish_assessment(o.officer, a.id, PRESUMED, "presumed_victim", ["labour"], "")
    trafficking.record_victim_event(o.officer, other, "police_report", TODAY, "OOKTJ Praha")
    children.merge_children(o.supervisor, o.child_id, other)
    assert [x.id for x in trafficking.assessments_of(o.officer, o.child_id)] == [a.id]
    assert len(trafficking.victim_events_of(o.officer, o.child_id)) == 1
    assert flag(o.officer, o.child_id) == "presumed_victim"  # the kept record carries the merged one's flag
    third = child(o.officer, "Samir", days_ago=20)
    b = trafficking.start_assessment(o.officer, third)
    trafficking.finish_assessment(o.officer, b.id, PRESUMED, "presumed_victim", ["labour"], "")
    trafficking.record_victim_event(o.officer, third, "identified", TODAY, "NCOZ")
    before = {t: count(o.officer, t) for t in ("trafficking_assessment", "assessment_answer", "assessment_form",
                                               "victim_event")}
    children.delete_child(o.supervisor, third)
    after = {t: count(o.officer, t) for t in before}
    assert after == {"trafficking_assessment": 1, "assessment_answer": len(PRESUMED), "assessment_form": 1, "victim_event": 1}
    assert before != after
