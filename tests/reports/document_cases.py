"""A fully filled case for the document builders' tests and benchmark: every field of every data class set, names
in Czech and Cyrillic, long notes, 20 visits, 3 assessments with 15 indicators observed, a photo."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from ospod_desktop.reports.documents.data import (
    AgeCheck,
    AssessmentInfo,
    ChildIdentity,
    Contact,
    DisclosureInfo,
    DueInfo,
    Episode,
    FacilityData,
    Finding,
    Health,
    Identifier,
    Issue,
    MissingData,
    Observed,
    PlacementInfo,
    PoliceData,
    SummaryData,
    TimelineEntry,
    VisitInfo,
)

ISSUED = datetime(2026, 12, 7, 13, 5, tzinfo=UTC)  # 14:05 in Prague
GIVEN, FAMILY, CYRILLIC = "Оксана Žofie", "Шевченко Řeháková", "Оксана Шевченко"
NOTE = ("Dívka uvedla, že ji převáděč přivezl přes hranice v kamionu; mluví ukrajinsky a rusky. "
        "Ďábelsky žluťoučký kůň úpěl ďábelské ódy. ")


def jpeg(width: int = 90, height: int = 120) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (180, 140, 120)).save(buffer, format="JPEG")
    return buffer.getvalue()


def issue(kind: str, lang: str = "cs") -> Issue:
    return Issue(kind=kind, lang=lang, office="Úřad městské části Praha 5 – OSPOD",
                 office_address="nám. 14. října 4, 150 22 Praha 5",
                 letterhead_lines=("Odbor sociálních věcí", "tel. +420 257 000 111", "datová schránka: abc1234"),
                 reference="OSPOD/123/2026", issued_at=ISSUED, issuer="Mgr. Jana Nováková", issuer_role="officer",
                 recipient="", place="Praha", document_uuid="0f0e0d0c-aaaa-bbbb-cccc-000000000001")


def child(photo: bool = True) -> ChildIdentity:
    return ChildIdentity(
        id=42, reference="KACPU-2026-77", case_mark="Om 512/2026", given_names=GIVEN, family_names=FAMILY,
        original_script_name=CYRILLIC, aliases=("Oksana Ševčenková", "Ксюша"), sex="F",
        birth_date=date(2011, 3, 14), birth_year=2011, age_min=14, age_max=16, age_claimed=15, age_document=15,
        age_checks=(AgeCheck("medical", date(2026, 11, 20), "MUDr. Petr Dvořák", 14, 16),),
        nationalities=("UA",), languages=("uk", "ru"), interpreter_language="uk", status="unaccompanied",
        birth_number="110314/1234",
        identifiers=(Identifier("passport", "FX123456", "UA", "Державна міграційна служба"),),
        description="Drobná postava, hnědé vlasy, jizva na levém obočí.", photo=jpeg() if photo else None)


def finding() -> Finding:
    return Finding(found_on=date(2026, 11, 18), found_time="06:40", found_place="Praha hl. n., nástupiště 3",
                   channel="police", reporter_agency="Policie ČR, OOP Praha 1", reporter_person="npor. Karel Veselý",
                   reporter_reference="KRPA-123456/ČJ-2026", police_reference="KRPA-999/TČ-2026",
                   urgency="immediate", urgency_reason="Bez doprovodu, noc venku")


def placement() -> PlacementInfo:
    return PlacementInfo(facility="ZDC Radlická", setting="foreign_children_facility",
                         legal_basis="preliminary_measure", start_date=date(2026, 11, 18),
                         court="Obvodní soud pro Prahu 5", court_file_number="0 Nc 1234/2026",
                         decision_date=date(2026, 11, 19), expiry_date=date(2027, 2, 18),
                         address="Radlická 30, 150 00 Praha 5", phone="+420 251 000 222",
                         email="zdc@example.cz", contact_person="Bc. Eva Malá")


def contacts() -> tuple[Contact, ...]:
    return (Contact("matka", "Ірина Шевченко", "Charkiv", "+380 50 000 0000", "yes", "Kontakt přes Červený kříž"),
            Contact("strýc", "Petro Ševčenko", "Brno", "+420 777 000 111", "yes", "Nabízí péči"))


def assessments() -> tuple[AssessmentInfo, ...]:
    out = []
    for n in range(3):
        observed = tuple(Observed(
            dimension=f"Okruh {k % 4 + 1}", text=f"Indikátor číslo {k + 1}: dítě nemá doklady u sebe",
            strength=("strong", "medium", "weak")[k % 3], note=f"Poznámka k indikátoru {k + 1} – {NOTE[:60]}",
            source=("child_account", "observation", "documents", "third_party")[k % 4],
            observed_on=date(2026, 11, 20 + n)) for k in range(15))
        out.append(AssessmentInfo(
            id=n + 1, finished_at=datetime(2026, 11, 20 + n, 10, 0, tzinfo=UTC), status="approved",
            outcome="presumed_victim", conclusion="presumed_victim",
            reasons=("Silný indikátor: převáděč zadržuje doklady.", "Tři středně silné indikátory."),
            reasoning=NOTE * 3, forms=("labour", "begging"), countries=("CZ", "UA"), officer="Mgr. Jana Nováková",
            approved_by="Mgr. Tomáš Král", approved_at=datetime(2026, 11, 21 + n, 9, 0, tzinfo=UTC),
            catalogue="ospod-default 2026.1", observed=observed))
    return tuple(out)


def episode() -> Episode:
    return Episode(id=7, last_seen_at=datetime(2026, 12, 6, 19, 30, tzinfo=UTC),
                   last_seen_place="Radlická 30, před vchodem", seen_with="neznámý muž kolem 30 let",
                   circumstances="Odešla po večeři, nevrátila se. " * 4, description="Drobná postava, hnědé vlasy",
                   clothing="Červená bunda, modré džíny, bílé tenisky", risk_trafficking=True,
                   risk_medication="Inzulin dvakrát denně", risk_notes="Kontakt s podezřelou osobou",
                   police_informed_at=datetime(2026, 12, 6, 21, 0, tzinfo=UTC), police_reference="KRPA-555/2026")


def facility_data(lang: str = "cs", notes: str = NOTE * 20) -> FacilityData:
    return FacilityData(issue=issue("facility", lang), child=child(photo=False), finding=finding(),
                        placement=placement(), health=Health("Astma, inhalátor u sebe", date(2026, 11, 25),
                                                             "Ventolin"),
                        family=contacts(), companion=Contact("průvodce", "Іван Петренко", "Praha", "+420 1"),
                        trafficking_flag="presumed_victim", disappearances=2, responsible_officer="Mgr. Jana Nováková",
                        wishes="Chce zůstat se sestrou.", notes=notes)


def police_data(lang: str = "cs", minimal: bool = False, assessment: bool = True) -> PoliceData:
    return PoliceData(issue=issue("police", lang), child=child(), minimal=minimal,
                      assessment=assessments()[-1] if assessment else None, placement=placement(),
                      attachments=("Záznam o posouzení indikátorů", "Fotografie dítěte"),
                      reporter_contact="+420 257 000 123, jana.novakova@example.cz")


def missing_data(lang: str = "cs", staff: bool = False) -> MissingData:
    e = episode()
    if staff:
        e = replace(e, risk_trafficking=None, risk_medication=None, risk_notes=None)
    return MissingData(issue=issue("missing", lang), child=child(), episode=e, placement=placement(),
                       trafficking_flag=None if staff else "presumed_victim",
                       contacts=(Contact("zařízení", "ZDC Radlická, služba", "Praha", "+420 251 000 222"),
                                 Contact("OSPOD", "Mgr. Jana Nováková", "Praha 5", "+420 257 000 123")))


def summary_data(lang: str = "cs") -> SummaryData:
    start = date(2026, 1, 5)
    visits = tuple(VisitInfo(due_on=start + timedelta(days=14 * n), done_on=start + timedelta(days=14 * n + n % 3),
                             kind=("planned", "unannounced", "after_return")[n % 3],
                             place=("facility", "home", "school", "other")[n % 4], by="Mgr. Jana Nováková",
                             overdue=n % 3 == 2, seen=n % 5 != 0) for n in range(20))
    return SummaryData(
        issue=issue("summary", lang), child=child(photo=False), finding=finding(),
        timeline=tuple(TimelineEntry(datetime(2026, 11, 18 + n, 8, tzinfo=UTC), f"Událost {n + 1}: umístěna")
                       for n in range(8)),
        placements=(placement(), replace(placement(), facility="ZDVOP Klokánek", setting="zdvop",
                                         legal_basis="zdvop_contract", end_date=date(2026, 11, 18),
                                         end_reason="transfer", court="", court_file_number="")),
        visits=visits, assessments=assessments(),
        disclosures=(DisclosureInfo(datetime(2026, 11, 19, 9, tzinfo=UTC), "facility", "ZDC Radlická",
                                    "Mgr. Jana Nováková", "OSPOD/100/2026"),),
        due=(DueInfo("Návštěva", date(2026, 12, 20), "brzy", "§ 29 odst. 3"),), episodes=(episode(),),
        chain_head=(98765, "ab" * 32), responsible_officer="Mgr. Jana Nováková", case_status="open",
        trafficking_flag="presumed_victim", notes=NOTE * 10, extra={})
