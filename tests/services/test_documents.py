"""Document services, gathering: each document's data from a fully filled case made through the services (a
registration with every field, a placement, a visit, a finished assessment, a victim event, an open
disappearance reported to the police), as each role may see it."""

from __future__ import annotations

import io
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, timedelta

import pytest
from PIL import Image

from ospod_desktop.core.child_form import FamilyInput, IdentifierInput
from ospod_desktop.core.errors import NotFound, PermissionDenied, ValidationError
from ospod_desktop.core.indicators import AnswerInput, Catalogue, evaluate
from ospod_desktop.core.indicators.explain import reasons
from ospod_desktop.core.missing_form import MissingInput
from ospod_desktop.core.visit_form import VisitInput
from ospod_desktop.reports.documents.data import (
    ChildIdentity,
    FacilityData,
    MissingData,
    PoliceData,
    SummaryData,
)  # fmt: skip
from ospod_desktop.services import children, documents, identity, missing, placements, trafficking, visits
from ospod_desktop.services.context import UserSession
from ospod_desktop.services.documents import DocumentRequest
from tests.conftest import child_form
from tests.services.placement_helpers import RADLICKA, TODAY, child, facility_id, pm
from tests.services.trafficking_helpers import NOTE, SMALL, trafficking_office

NOTES = "Poznámka úředníka: " + "dlouhý text " * 50 + "konec"
PRESENT = {"rec_strong1": AnswerInput("present", NOTE, "child_account"), "tr_medium1": AnswerInput("absent"),
           "exp_strong1": AnswerInput("present", "Žebral u metra", "observation"),
           "exp_strong2": AnswerInput("present")}


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 50), (120, 90, 60)).save(out, "JPEG")
    return out.getvalue()


@dataclass
class Case:
    officer: UserSession
    supervisor: UserSession
    staff: UserSession
    admin: UserSession
    child_id: int
    episode_id: int
    assessment_id: int
    other_id: int  # a child placed elsewhere: out of the staff's scope


def full_case(o) -> Case:
    us = o.officer
    form = child_form(
        "Oleksandr", "Ševčenko", "M", original_script_name="Олександр Шевченко", aliases=("Saša",),
        birth_date=date(2011, 3, 4), status="separated", companion_name="Ivan Petrenko",
        companion_relationship="strýc (udává)", companion_contact="+420 777 111 222",
        found_on=TODAY - timedelta(days=60), found_time="23:40", channel="police", reporter_agency="Policie ČR",
        reporter_reference="KRPA-1234/ČJ-2026", police_reference="KRPA-99", urgency="immediate",
        urgency_reason="noc, bez dospělého", nationalities=("ua",), languages=("uk", "ru"), interpreter_language="uk",
        identifiers=(IdentifierInput("passport", "FX123456", "UA"), IdentifierInput("agency", "KACPU-7")),
        family=(FamilyInput("matka", "Olena", "Charkov", "+380 50 000 0000", "yes"),), case_mark="Om 15/2026",
        wishes="chce volat matce", notes=NOTES, reference="REF-1", responsible_officer_id=us.actor.user_id)
    cid = children.register_child(us, form)
    children.set_photo(us, cid, jpeg())
    placements.place_child(us, cid, pm(facility_id(us, RADLICKA), TODAY - timedelta(days=50)))
    visits.record_visit(us, cid, VisitInput(visited_on=TODAY - timedelta(days=20), health="astma, inhalátor",
                                            views="chce zůstat"))
    a = trafficking.start_assessment(us, cid)
    trafficking.finish_assessment(us, a.id, PRESENT, "presumed_victim", ["begging"], "", ["CZ"])
    trafficking.record_victim_event(us, cid, "police_report", TODAY - timedelta(days=5), body="KŘP Praha",
                                    channel="e-mail")
    now = datetime.now(UTC)
    eid = missing.report_missing(us, cid, MissingInput(
        last_seen_at=now - timedelta(hours=5), last_seen_place="Radlická 30", seen_with="dva muži",
        circumstances="odešel po večeři", description="vysoký, tmavé vlasy", clothing="zelená mikina",
        risk_trafficking=True, risk_medication="inhalátor", risk_notes="dluh převaděčům"))
    missing.record_informed(us, eid, "police", now - timedelta(hours=4), reference="KRPA-555", person="npor. Malá")
    other = child(us, "Jamal", days_ago=30)  # registered, never placed in Radlická
    return Case(us, o.supervisor, o.staff, o.admin, cid, eid, a.id, other)


@pytest.fixture
def case(admin_session, officer_session, db_path):
    with trafficking_office(admin_session[0], officer_session, db_path) as o:
        yield full_case(o)


def data(us, case: Case, kind: str, **changes):
    return documents.gather_data(us, DocumentRequest(case.child_id, kind, **changes))


def test_allowed_kinds_by_role_and_scope(case):
    assert documents.allowed_kinds(case.officer, case.child_id) == ("facility", "police", "missing", "summary")
    assert documents.allowed_kinds(case.supervisor, case.child_id) == ("facility", "police", "missing", "summary")
    assert documents.allowed_kinds(case.staff, case.child_id) == ("missing",)
    assert documents.allowed_kinds(case.admin, case.child_id) == ()
    with pytest.raises(NotFound):
        documents.allowed_kinds(case.staff, case.other_id)
    with pytest.raises(NotFound):
        documents.allowed_kinds(case.officer, 999_999)
    assert documents.open_episode(case.officer, case.child_id) == case.episode_id
    assert documents.open_episode(case.officer, case.other_id) is None


def test_facility_request_holds_the_whole_case(case):
    d = data(case.officer, case, "facility", lang="cs")
    assert isinstance(d, FacilityData)
    c = d.child
    assert (c.given_names, c.family_names, c.original_script_name) == ("Oleksandr", "Ševčenko", "Олександр Шевченко")
    assert c.birth_date == date(2011, 3, 4) and c.nationalities == ("UA",) and c.languages == ("uk", "ru")
    assert c.reference == "REF-1" and c.case_mark == "Om 15/2026"
    assert c.photo is not None and c.photo.startswith(b"\xff\xd8\xff")
    assert [i.number for i in c.identifiers] == ["FX123456", "KACPU-7"]
    assert d.finding.found_place and d.finding.found_time == "23:40" and d.finding.police_reference == "KRPA-99"
    assert d.finding.urgency == "immediate" and d.finding.reporter_agency == "Policie ČR"
    assert d.placement is not None and "cizince" in d.placement.facility and "Radlická 30" in d.placement.address
    assert (d.placement.legal_basis, d.placement.court) == ("preliminary_measure", "Obvodní soud pro Prahu 5")
    assert d.placement.court_file_number == "29 Nc 1234/2026" and d.placement.expiry_date is not None
    assert (d.health.notes, d.health.medication) == ("astma, inhalátor", "inhalátor")
    assert [(f.relationship, f.name, f.phone) for f in d.family] == [("matka", "Olena", "+380 50 000 0000")]
    assert d.companion is not None and d.companion.name == "Ivan Petrenko"
    # The child's one disappearance is still open: not an "earlier disappearance" (the demo printed "1 earlier
    # disappearance" for a child missing now, with none before).
    assert (d.trafficking_flag, d.disappearances) == ("presumed_victim", 0)
    assert d.responsible_officer == "Petr Novák" and d.wishes == "chce volat matce" and d.notes == NOTES
    assert d.issue.office == "OSPOD Praha 5" and d.issue.issuer == "Petr Novák" and d.issue.lang == "cs"
    assert "Radlická 30" in d.issue.recipient  # the default recipient, in Czech


def test_police_notice_reports_the_latest_finished_assessment(case):
    d = data(case.officer, case, "police", lang="cs", attachments=("Záznam o pohovoru",))
    assert isinstance(d, PoliceData) and not d.minimal
    a = d.assessment
    assert a is not None and a.id == case.assessment_id
    assert (a.outcome, a.conclusion, a.status, a.forms, a.countries) == (
        "presumed_victim", "presumed_victim", "finished", ("begging",), ("CZ",))
    assert a.catalogue == "test-small 1" and a.officer == "Petr Novák"
    assert [(o.text, o.dimension, o.note, o.source) for o in a.observed] == [
        ("Indikátor rec_strong1", "Nábor", NOTE, "child_account"),
        ("Indikátor exp_strong1", "Vykořisťování", "Žebral u metra", "observation"),
        ("Indikátor exp_strong2", "Vykořisťování", "", "")]
    assert all(o.observed_on == TODAY for o in a.observed)
    catalogue = Catalogue.from_data(__import__("json").loads(SMALL.read_text(encoding="utf-8")))
    assert a.reasons == tuple(reasons(evaluate(catalogue, PRESENT), "cs")) and a.reasons
    assert d.placement is not None and d.attachments == ("Záznam o pohovoru",)
    assert d.child.nationalities == ("UA",)
    english = data(case.officer, case, "police", lang="en").assessment
    assert english is not None and english.observed[0].text == "Indicator rec_strong1"
    assert english.observed[0].dimension == "Recruitment"


def test_minimal_police_notice_holds_only_names_and_birth_date(case):
    d = data(case.officer, case, "police", minimal=True, attachments=("Záznam",))
    assert isinstance(d, PoliceData) and d.minimal
    assert d.child == ChildIdentity(id=case.child_id, given_names="Oleksandr", family_names="Ševčenko",
                                    birth_date=date(2011, 3, 4))
    assert (d.assessment, d.placement, d.attachments, d.reporter_contact) == (None, None, (), "")
    full = data(case.officer, case, "police").child
    assert [f.name for f in fields(full) if getattr(full, f.name) != getattr(d.child, f.name)]  # it had more


def test_police_notice_without_a_finished_assessment(case):
    cid = child(case.officer, "Amir", days_ago=10)
    d = documents.gather_data(case.officer, DocumentRequest(cid, "police"))
    assert isinstance(d, PoliceData) and d.assessment is None
    draft = trafficking.start_assessment(case.officer, cid)
    with pytest.raises(ValidationError) as err:
        documents.gather_data(case.officer, DocumentRequest(cid, "police", assessment_id=draft.id))
    assert err.value.field == "assessment_id"


def test_missing_report_officer_version_has_the_risks(case):
    d = data(case.officer, case, "missing")
    assert isinstance(d, MissingData)
    e = d.episode
    assert (e.id, e.last_seen_place, e.seen_with, e.circumstances, e.description, e.clothing) == (
        case.episode_id, "Radlická 30", "dva muži", "odešel po večeři", "vysoký, tmavé vlasy", "zelená mikina")
    assert (e.risk_trafficking, e.risk_medication, e.risk_notes) == (True, "inhalátor", "dluh převaděčům")
    assert e.police_reference == "KRPA-555" and e.police_informed_at is not None
    assert d.trafficking_flag == "presumed_victim"
    assert "Radlická 30" in d.contacts[0].location and any(c.name == "Petr Novák" for c in d.contacts)
    assert d.child.photo is not None and d.child.birth_number == "" and d.child.reference == "REF-1"


def test_missing_report_staff_version_lacks_risks_flag_and_withheld_fields(case):
    d = data(case.staff, case, "missing")
    assert isinstance(d, MissingData)
    e = d.episode
    assert (e.risk_trafficking, e.risk_medication, e.risk_notes) == (None, None, None)
    assert d.trafficking_flag is None and d.placement is None
    assert e.last_seen_place == "Radlická 30" and e.circumstances == "odešel po večeři"
    assert e.description == "vysoký, tmavé vlasy"
    assert len(d.contacts) == 1 and "Radlická 30" in d.contacts[0].location
    c = d.child
    assert (c.given_names, c.family_names) == ("Oleksandr", "Ševčenko") and c.photo is not None
    assert c.reference == "" and c.age_checks == () and [i.number for i in c.identifiers] == ["FX123456"]
    assert d.issue.issuer_role == "facility_staff"


@pytest.mark.parametrize("kind", ["facility", "police", "summary"])
def test_staff_cannot_produce_other_kinds(case, kind):
    with pytest.raises(PermissionDenied):
        data(case.staff, case, kind)


def test_staff_cannot_produce_for_a_child_out_of_scope(case):
    with pytest.raises(NotFound):
        documents.gather_data(case.staff, DocumentRequest(case.other_id, "missing"))
    with pytest.raises(NotFound):
        documents.gather_data(case.officer, DocumentRequest(999_999, "missing"))


def test_bad_requests_name_the_field(case):
    for request, field in [
        (DocumentRequest(case.child_id, "letter"), "kind"),
        (DocumentRequest(case.child_id, "facility", minimal=True), "minimal"),
        (DocumentRequest(case.child_id, "police", lang="de"), "lang"),
        (DocumentRequest(case.other_id, "missing"), "episode_id"),  # no open episode
        (DocumentRequest(case.child_id, "missing", episode_id=999_999), "episode_id"),
    ]:
        with pytest.raises(ValidationError) as err:
            documents.gather_data(case.officer, request)
        assert err.value.field == field, request
        assert "Oleksandr" not in str(err.value)


def test_case_summary(case):
    head = identity.audit_head(case.officer)
    d = data(case.supervisor, case, "summary", lang="en")
    assert isinstance(d, SummaryData)
    assert d.chain_head == head
    texts = [t.text for t in d.timeline]
    assert texts[0] == "Found: Praha – hlavní nádraží" and "Registered" in texts and "Reported missing" in texts
    assert any(t.startswith("Placed: ") for t in texts)
    assert [t.at for t in d.timeline] == sorted(t.at for t in d.timeline)
    assert len(d.placements) == 1 and d.placements[0].legal_basis == "preliminary_measure"
    assert d.visits[0].done_on == TODAY - timedelta(days=20) and d.visits[0].seen is True
    assert [a.id for a in d.assessments] == [case.assessment_id] and d.assessments[0].observed
    assert d.episodes[0].risk_trafficking is True and d.due  # the police clock, the next visit…
    assert d.responsible_officer == "Petr Novák" and d.trafficking_flag == "presumed_victim" and d.notes == NOTES
    assert d.disclosures == ()


def test_facility_request_counts_only_disappearances_that_are_over(case):
    assert data(case.officer, case, "facility").disappearances == 0  # the one open now is no "earlier" one
    missing.record_return(case.officer, case.episode_id, datetime.now(UTC) - timedelta(hours=1))
    assert data(case.officer, case, "facility").disappearances == 1
