"""The builders' DocumentSpec: sections, field rows, wording in Czech and English, the minimal police notice, risk
factors only in the officer's missing report, the audit-chain head, categories; no PDF needed."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ospod_desktop.reports.documents.build import build, categories
from ospod_desktop.reports.documents.data import Contact, FacilityData
from ospod_desktop.reports.pdf.model import DocumentSpec, Fields, Photo, Section, Table, Text
from tests.reports import document_cases as C


def texts(spec: DocumentSpec) -> str:
    """Every text the spec prints (titles, labels, values, table cells, paragraphs), one per line."""
    out = [spec.title, spec.reference, spec.case_mark, spec.urgent, spec.footer_note, spec.subject,
           *spec.recipient, *spec.keywords]
    for section in spec.sections:
        out.append(section.title)
        for block in section.blocks:
            if isinstance(block, Fields):
                out += [x for row in block.rows for x in row]
            elif isinstance(block, Table):
                out += [*block.header, *(x for row in block.rows for x in row), block.empty]
            elif isinstance(block, Text):
                out.append(block.text)
            elif isinstance(block, Photo):
                out.append(block.caption)
    return "\n".join(out)


def section(spec: DocumentSpec, title: str) -> Section:
    found = [s for s in spec.sections if s.title == title]
    assert found, [s.title for s in spec.sections]
    return found[0]


def rows(sec: Section) -> dict[str, str]:
    return {k: v for b in sec.blocks if isinstance(b, Fields) for k, v in b.rows}


def photos(spec: DocumentSpec) -> list[Photo]:
    return [b for s in spec.sections for b in s.blocks if isinstance(b, Photo)]


def test_facility_request_in_czech_holds_every_filled_field():
    data = C.facility_data()
    spec = build(data)
    assert spec.lang == "cs" and spec.reference == "OSPOD/123/2026" and spec.case_mark == "Om 512/2026"
    assert spec.title == "Žádost o přijetí dítěte do Zařízení pro děti-cizince"
    assert spec.recipient == ("Zařízení pro děti-cizince", "Radlická 30", "150 00 Praha 5")
    assert spec.confidentiality.startswith("Důvěrné: obsahuje údaje chráněné podle § 57 zákona č. 359/1999 Sb.")
    child = rows(section(spec, "Dítě"))
    assert child["Jméno (jména)"] == C.GIVEN and child["Jméno v původním písmu"] == C.CYRILLIC
    text = texts(spec)
    for value in (C.GIVEN, C.FAMILY, C.CYRILLIC, "Ксюша", "110314/1234", "FX123456", "Державна міграційна служба",
                  "14. 3. 2011", "14–16 let", "15 let", "MUDr. Petr Dvořák", "Ukrajina", "ukrajinština", "ruština",
                  "Praha hl. n., nástupiště 3", "18. 11. 2026 06:40", "Policie ČR, OOP Praha 1", "npor. Karel Veselý",
                  "KRPA-123456/ČJ-2026", "KRPA-999/TČ-2026", "Okamžitá\nBez doprovodu, noc venku",
                  "ZDC Radlická", "Předběžné opatření soudu", "Obvodní soud pro Prahu 5",
                  "0 Nc 1234/2026", "19. 11. 2026", "18. 2. 2027", "Bc. Eva Malá", "Astma, inhalátor u sebe",
                  "Ventolin", "Ірина Шевченко", "+380 50 000 0000", "Іван Петренко", "2 dřívější zmizení",
                  "Chce zůstat se sestrou.", C.NOTE.strip()[:40], "Mgr. Jana Nováková"):
        assert value in text, value
    assert "Kde, kdy a kým bylo dítě nalezeno" in text and "Rizika" in text
    assert spec.signature is not None and spec.signature.name == "Mgr. Jana Nováková"
    assert spec.signature.role == "Pracovník OSPOD" and spec.signature.place_date == "Praha dne 7. 12. 2026"
    assert categories(data) == ("identity", "age", "nationality", "finding", "placement", "health", "family",
                                "risk", "notes")
    assert photos(spec) == []


def test_empty_values_print_as_a_dash_not_nothing():
    data = C.facility_data()
    bare = replace(data, child=replace(data.child, birth_number="", aliases=(), original_script_name=""),
                   health=replace(data.health, medication=""), notes="", wishes="", family=(), companion=None)
    spec = build(bare)
    child = rows(section(spec, "Dítě"))
    assert child["Rodné číslo"] == "—" and child["Další používaná jména"] == "—"
    assert child["Jméno v původním písmu"] == "—"
    assert rows(section(spec, "Zdraví a naléhavé potřeby"))["Léky"] == "—"
    family = section(spec, "Rodina a kontakty").blocks[0]
    assert isinstance(family, Table) and family.rows == () and family.empty
    assert "notes" not in categories(bare)
    assert spec.sections[-1].blocks[-1] == Text("Pomlčka (—) znamená, že údaj není zaznamenán.", "small")
    for sec in spec.sections:
        for value in rows(sec).values():
            assert value.strip(), sec.title


def test_facility_request_in_english():
    spec = build(C.facility_data(lang="en"))
    text = texts(spec)
    assert spec.lang == "en" and spec.title == "Request to admit a child to the Facility for Foreign Children"
    assert spec.recipient == ("Facility for Foreign Children", "Radlická 30", "150 00 Praha 5")
    for value in ("The child", "Given names", "Ukraine", "Ukrainian", "Court preliminary measure",
                  "2 earlier disappearances", "Presumed victim of trafficking", C.CYRILLIC):
        assert value in text, value
    assert "Dítě" not in text and spec.confidentiality.startswith("Confidential")


def test_police_notice_full():
    data = C.police_data()
    spec = build(data)
    assert spec.title.startswith("Oznámení skutečností") and "§ 168 trestního zákoníku" in spec.title
    text = texts(spec)
    assert "§ 158 odst. 2 zákona č. 141/1961 Sb., trestní řád" in text
    assert "§ 168 zákona č. 40/2009 Sb., trestní zákoník" in text
    observed = section(spec, "Co bylo zjištěno").blocks[0]
    assert isinstance(observed, Table) and len(observed.rows) == 15
    assert observed.rows[0][0] == "Okruh 1: Indikátor číslo 1: dítě nemá doklady u sebe"
    assert observed.rows[0][1:4] == ("Silný", "22. 11. 2026", "Výpověď dítěte")
    outcome = rows(section(spec, "Posouzení a jeho výsledek"))
    assert outcome["Závěr pracovníka"] == "Předpokládaná oběť"
    for value in ("Záznam o posouzení indikátorů", "Fotografie dítěte", "ZDC Radlická", "0 Nc 1234/2026",
                  "+420 257 000 123, jana.novakova@example.cz", "Silný indikátor: převáděč zadržuje doklady.",
                  "Mgr. Tomáš Král", "ospod-default 2026.1", "Ukrajina", C.CYRILLIC, "Kdo oznamuje"):
        assert value in text, value
    assert len(photos(spec)) == 1
    assert categories(data) == ("identity", "photo", "age", "nationality", "indicators", "assessment", "placement")


def test_police_notice_without_an_assessment_says_so():
    spec = build(C.police_data(assessment=False))
    text = texts(spec)
    assert "U dítěte není zaznamenáno žádné posouzení indikátorů obchodování s lidmi" in text
    assert "Posouzení a jeho výsledek" not in text
    assert "indicators" not in categories(C.police_data(assessment=False))
    assert "Notice" not in text
    en = texts(build(C.police_data(lang="en", assessment=False)))
    assert "No assessment of trafficking indicators is recorded for the child" in en


@pytest.mark.parametrize("lang", ["cs", "en"])
def test_minimal_police_notice_against_a_fully_filled_case(lang):
    data = C.police_data(lang=lang, minimal=True)
    assert data.child.photo and data.assessment and data.placement and data.child.nationalities  # full data
    spec = build(data)
    child = section(spec, "Dítě" if lang == "cs" else "The child")
    assert rows(child) == ({"Jméno (jména)": C.GIVEN, "Příjmení": C.FAMILY, "Datum narození": "14. 3. 2011"} if lang == "cs"
                           else {"Given names": C.GIVEN, "Family names": C.FAMILY, "Date of birth": "Mar 14, 2011"})
    text = texts(spec)
    for withheld in ("Ukrajin", "Ukrain", "Praha hl. n.", "ZDC Radlická", "Okruh", "Indikátor", C.CYRILLIC, "Ксюша",
                     "110314/1234", "FX123456", "Om 512/2026", "Drobná postava", "Záznam o posouzení",
                     "Státní příslušnost", "Nationality", "Rodné číslo", "Birth number", "Přílohy", "Attachments",
                     "Umístění", "placed", "Co bylo zjištěno", "What was observed", "Pohlaví", "Sex",
                     "Fotografie", "Photo", "Poznámk", "Note"):
        assert withheld not in text, withheld
    assert photos(spec) == [] and spec.case_mark == ""
    assert "—" not in text  # the three facts are there: not even the dash's legend
    assert "§ 158 odst. 2" in text or "Section 158(2)" in text
    assert categories(data) == ("identity",)


def test_missing_report_officer_version_is_urgent_with_risk_factors():
    data = C.missing_data()
    spec = build(data)
    assert spec.urgent == "NALÉHAVÉ – pohřešované dítě" and spec.title == "Oznámení o pohřešování dítěte"
    assert len(photos(spec)) == 1
    last = rows(section(spec, "Naposledy viděno"))
    assert last == {"Kdy": "6. 12. 2026 20:30", "Místo": "Radlická 30, před vchodem", "S kým": "neznámý muž kolem 30 let"}
    risk = rows(section(spec, "Rizikové faktory"))
    assert risk["Léky, které dítě potřebuje"] == "Inzulin dvakrát denně"
    assert risk["Podezření na obchodování s dětmi uvedené při oznámení zmizení"] == "ano"
    text = texts(spec)
    for value in ("Červená bunda, modré džíny, bílé tenisky", "Odešla po večeři", "+420 251 000 222", C.GIVEN,
                  C.CYRILLIC, "KRPA-555/2026"):
        assert value in text, value
    assert "risk" in categories(data) and "photo" in categories(data)


def test_missing_report_facility_staff_version_has_no_risk_factors():
    data = C.missing_data(staff=True)
    spec = build(data)
    text = texts(spec)
    assert "Rizikové faktory" not in text and "Inzulin" not in text and "obchodování" not in text
    assert "risk" not in categories(data)
    assert spec.urgent


def test_case_summary_holds_the_audit_chain_head_in_a_section_and_the_footer():
    data = C.summary_data()
    spec = build(data)
    head = rows(section(spec, "Auditní řetězec"))
    assert head == {"Nejnovější záznam auditu": "98765", "Jeho otisk": "ab" * 32}
    assert spec.footer_note == f"Auditní řetězec při tisku: záznam 98765, otisk {'ab' * 32}"
    visits = section(spec, "Návštěvy").blocks[0]
    assert isinstance(visits, Table) and len(visits.rows) == 20
    assert sum("po lhůtě" in r[-1] for r in visits.rows) == 6
    assessed = section(spec, "Posouzení a závěry").blocks[0]
    assert isinstance(assessed, Table) and [r[4] for r in assessed.rows] == ["15", "15", "15"]
    text = texts(spec)
    for value in ("OSPOD/100/2026", "Návštěva", "§ 29 odst. 3", "ZDVOP Klokánek", "Událost 8: umístěna"):
        assert value in text, value
    assert categories(data)[-1] == "audit"
    en = build(C.summary_data(lang="en"))
    assert en.footer_note == f"Audit chain at printing: entry 98765, hash {'ab' * 32}"


def test_metadata_never_holds_the_childs_name():
    for data in (C.facility_data(), C.police_data(), C.missing_data(), C.summary_data()):
        spec = build(data)
        meta = " ".join((spec.title, spec.subject, *spec.keywords))
        assert C.GIVEN not in meta and "Шевченко" not in meta and "Řeháková" not in meta
        assert "ospod-document:0f0e0d0c-aaaa-bbbb-cccc-000000000001" in spec.keywords


def test_a_named_recipient_replaces_the_default_and_unknown_data_is_refused():
    data = C.facility_data()
    spec = build(replace(data, issue=replace(data.issue, recipient="ZDC Radlická\nk rukám ředitelky")))
    assert spec.recipient == ("ZDC Radlická", "k rukám ředitelky")
    with pytest.raises(TypeError):
        build(Contact("x"))  # type: ignore[arg-type]
    assert isinstance(data, FacilityData)
