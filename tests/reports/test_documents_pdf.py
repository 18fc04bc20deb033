"""The four documents rendered to PDF and read back with pypdf: every filled field, Czech and Cyrillic exactly, the
reference number, "page x / y", the minimal police notice against a fully filled case (no other fact, no photo),
a 10,000-character note across pages, English, deterministic bytes."""

from __future__ import annotations

import io
import re
from dataclasses import replace

import pytest
from pypdf import PdfReader

from ospod_desktop.reports.documents.build import render_document
from tests.reports import document_cases as C


def read(data) -> PdfReader:
    return PdfReader(io.BytesIO(render_document(data)))


def page_texts(reader: PdfReader) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in reader.pages]


def text(reader: PdfReader) -> str:
    return " ".join(page_texts(reader))


def images(reader: PdfReader) -> int:
    count = 0
    for page in reader.pages:
        xobjects = page.get("/Resources", {}).get("/XObject", {})
        count += sum(1 for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image")
    return count


def fonts(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        for f in page.get("/Resources", {}).get("/Font", {}).values():
            names.add(str(f.get_object().get("/BaseFont")))
    return names


def numbered(reader: PdfReader, word: str) -> None:
    pages = page_texts(reader)
    for n, page in enumerate(pages, 1):
        assert f"{word} {n} / {len(pages)}" in page


COMMON = ("OSPOD/123/2026", "Om 512/2026", "Úřad městské části Praha 5 – OSPOD", "nám. 14. října 4, 150 22 Praha 5",
          "datová schránka: abc1234", "Mgr. Jana Nováková", "7. 12. 2026 14:05",
          "Důvěrné: obsahuje údaje chráněné podle § 57 zákona č. 359/1999 Sb.", "Praha dne 7. 12. 2026")
CHILD = (C.GIVEN, C.FAMILY, C.CYRILLIC, "Oksana Ševčenková, Ксюша", "14. 3. 2011", "žena", "110314/1234",
         "Cestovní pas, FX123456, Ukrajina, Державна міграційна служба", "Ukrajina", "ukrajinština, ruština",
         "MUDr. Petr Dvořák", "Lékařské vyšetření", "14–16 let", "15 let")
PLACEMENT = ("ZDC Radlická", "Předběžné opatření soudu", "Obvodní soud pro Prahu 5", "0 Nc 1234/2026", "19. 11. 2026",
             "18. 2. 2027", "Radlická 30, 150 00 Praha 5", "Bc. Eva Malá", "+420 251 000 222", "zdc@example.cz")


def test_facility_request_holds_every_filled_field():
    reader = read(C.facility_data())
    got = text(reader)
    for value in (*COMMON, *CHILD, *PLACEMENT, "Zařízení pro děti-cizince Radlická 30 150 00 Praha 5",
                  "Žádost o přijetí dítěte do Zařízení pro děti-cizince", "Drobná postava, hnědé vlasy, jizva",
                  "Praha hl. n., nástupiště 3", "18. 11. 2026 06:40", "Policie ČR, OOP Praha 1", "npor. Karel Veselý",
                  "KRPA-123456/ČJ-2026", "KRPA-999/TČ-2026", "Okamžitá", "Bez doprovodu, noc venku",
                  "Astma, inhalátor u sebe", "25. 11. 2026", "Ventolin", "Ірина Шевченко", "+380 50 000 0000",
                  "Kontakt přes Červený kříž", "Petro Ševčenko", "Іван Петренко", "Předpokládaná oběť obchodování",
                  "2 dřívější zmizení", "Chce zůstat se sestrou.", "Ďábelsky žluťoučký kůň úpěl ďábelské ódy."):
        assert value in got, value
    numbered(reader, "Strana")
    assert reader.metadata is not None and reader.metadata.title == "Žádost o přijetí dítěte do Zařízení pro děti-cizince"
    assert reader.metadata.author == "Úřad městské části Praha 5 – OSPOD"


def test_police_notice_holds_every_filled_field_and_the_photo():
    reader = read(C.police_data())
    got = text(reader)
    for value in (*COMMON, *CHILD, *PLACEMENT, "Policie České republiky", "§ 168 trestního zákoníku",
                  "§ 158 odst. 2 zákona č. 141/1961 Sb., trestní řád", "+420 257 000 123, jana.novakova@example.cz",
                  "Výpověď dítěte", "Pozorování", "Silný", "Střední", "22. 11. 2026", "Poznámka k indikátoru 15",
                  "Schváleno", "Předpokládaná oběť", "Pracovní vykořisťování, Nucené žebrání", "Česko, Ukrajina",
                  "Mgr. Tomáš Král", "ospod-default 2026.1", "Silný indikátor: převáděč zadržuje doklady.",
                  "Záznam o posouzení indikátorů", "Fotografie dítěte"):
        assert value in got, value
    assert images(reader) == 1
    numbered(reader, "Strana")


def test_minimal_police_notice_against_a_fully_filled_case():
    data = C.police_data(minimal=True)
    assert data.child.photo and data.assessment and data.placement and data.attachments  # everything is there
    reader = read(data)
    got = text(reader)
    assert f"Jméno (jména) {C.GIVEN}" in got and f"Příjmení {C.FAMILY}" in got and "Datum narození 14. 3. 2011" in got
    withheld = ("Ukrajin", "ukrajinšt", "Praha hl. n.", "nástupiště", "ZDC Radlická", "Radlická 30", "Okruh",
                "Indikátor", "Předpokládaná", "Poznámk", "Ďábelsky", "převáděč", "Ксюша", C.CYRILLIC, "110314/1234",
                "FX123456", "Om 512/2026", "Drobná postava", "Záznam o posouzení", "Státní příslušnost", "Rodné číslo",
                "Přílohy", "Umístění", "umístěno", "Pohlaví", "žena", "Fotografie", "Věk", "14–16", "Popis",
                "Spisová značka", "Co bylo zjištěno", "0 Nc 1234/2026", "Lékařské")
    for value in withheld:
        assert value not in got, value
    assert images(reader) == 0
    assert "§ 158 odst. 2" in got and "§ 168" in got
    assert len(reader.pages) == 1 and "Strana 1 / 1" in got


def test_minimal_notice_in_english_names_only_the_three_facts():
    got = text(read(C.police_data(lang="en", minimal=True)))
    assert f"Given names {C.GIVEN}" in got and f"Family names {C.FAMILY}" in got and "Date of birth Mar 14, 2011" in got
    for value in ("Nationality", "Ukraine", "Sex", "Birth number", "Attachments", "Photo", "placed", "Note"):
        assert value not in got, value
    assert "Page 1 / 1" in got and "Section 158(2)" in got


def test_police_notice_without_an_assessment_says_so():
    got = text(read(C.police_data(assessment=False)))
    assert "U dítěte není zaznamenáno žádné posouzení indikátorů obchodování s lidmi; podezření oznamujeme bez odkladu." \
        in got
    assert "Okruh 1" not in got


def test_missing_report_is_urgent_and_holds_every_field():
    reader = read(C.missing_data())
    got = text(reader)
    for value in (*COMMON, *CHILD[:-4], "14–16 let", "NALÉHAVÉ – pohřešované dítě", "Oznámení o pohřešování dítěte",
                  "Červená bunda, modré džíny, bílé tenisky", "6. 12. 2026 20:30", "Radlická 30, před vchodem",
                  "neznámý muž kolem 30 let", "Odešla po večeři, nevrátila se.", "Inzulin dvakrát denně",
                  "Kontakt s podezřelou osobou", "Rizikové faktory", "KRPA-555/2026", "6. 12. 2026 22:00",
                  "ZDC Radlická, služba", "+420 257 000 123"):
        assert value in got, value
    assert images(reader) == 1
    staff = text(read(C.missing_data(staff=True)))
    assert "Rizikové faktory" not in staff and "Inzulin" not in staff and "Odešla po večeři" in staff


def test_a_two_page_document_is_numbered_1_of_2():
    data = C.missing_data(staff=True)
    data = replace(data, child=replace(data.child, photo=None),
                   episode=replace(data.episode, circumstances="Odešla po večeři."))
    reader = read(data)
    assert len(reader.pages) == 2
    pages = page_texts(reader)
    assert "Strana 1 / 2" in pages[0] and "Strana 2 / 2" in pages[1]


def test_case_summary_holds_the_audit_chain_head_on_every_page():
    reader = read(C.summary_data())
    pages = page_texts(reader)
    head = f"Auditní řetězec při tisku: záznam 98765, otisk {'ab' * 32}"
    for page in pages:
        assert head in page
    got = " ".join(pages)
    for value in (*COMMON, C.GIVEN, C.CYRILLIC, "Událost 8: umístěna", "ZDVOP Klokánek", "po lhůtě", "dítě neviděno",
                  "OSPOD/100/2026", "§ 29 odst. 3", "Nejnovější záznam auditu 98765",
                  "Radlická 30, před vchodem"):
        assert value in got, value
    assert got.count("po lhůtě") == 6


def test_a_10000_character_note_flows_across_pages():
    note = ("Poznámka pracovnice o rozhovoru s dítětem, ř ě ů Ж ж. " * 200)[:9990] + " KONEC-POZNÁMKY"
    assert len(note) >= 10_000
    short = read(C.facility_data(notes="Krátká poznámka."))
    long = read(C.facility_data(notes=note))
    assert len(long.pages) >= len(short.pages) + 2
    pages = page_texts(long)
    holding = [n for n, p in enumerate(pages) if "Poznámka pracovnice o rozhovoru" in p]
    assert len(holding) >= 2  # the note itself is split, not pushed whole onto one page
    assert "KONEC-POZNÁMKY" in " ".join(pages)


def test_english_variant():
    reader = read(C.facility_data(lang="en"))
    got = text(reader)
    for value in ("Request to admit a child to the Facility for Foreign Children", "Given names", C.GIVEN, C.CYRILLIC,
                  "Ukraine", "Ukrainian, Russian", "Court preliminary measure", "2 earlier disappearances",
                  "Confidential: contains information protected under Section 57", "OSPOD/123/2026"):
        assert value in got, value
    numbered(reader, "Page")
    assert "Strana" not in got and "Dítě " not in got


@pytest.mark.parametrize("make", [C.facility_data, C.police_data, C.missing_data, C.summary_data])
def test_the_same_data_renders_the_same_bytes(make):
    assert render_document(make()) == render_document(make())


def test_keywords_carry_the_register_uuid_and_never_the_name():
    reader = read(C.missing_data())
    meta = reader.metadata
    assert meta is not None
    keywords = str(meta.get("/Keywords"))
    assert "ospod-document:0f0e0d0c-aaaa-bbbb-cccc-000000000001" in keywords
    for field in (keywords, str(meta.title), str(meta.subject)):
        assert not re.search("Оксана|Шевченко|Řeháková|Žofie", field)


def test_no_font_but_ours():
    for data in (C.facility_data(), C.police_data(), C.missing_data(), C.summary_data()):
        names = fonts(read(data))
        assert names and all("DejaVu" in n or "Noto" in n for n in names), names


def test_police_notice_says_when_the_child_went_missing():
    from datetime import UTC, datetime

    from ospod_desktop.reports.documents.build import categories

    data = replace(C.police_data(), missing_since=datetime(2026, 10, 29, 20, 16, tzinfo=UTC))
    assert "Dítě je pohřešováno od 29. 10. 2026 21:16." in text(read(data))
    assert "missing" in categories(data)
    assert "pohřešováno" not in text(read(C.police_data()))
    minimal = replace(C.police_data(minimal=True), missing_since=None)
    assert categories(minimal) == ("identity",)
