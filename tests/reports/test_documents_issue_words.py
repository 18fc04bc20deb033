"""Issue 12's words checked on the four documents as rendered: every font of every document embedded (a subset of
a bundled one), the responsible officer printed as such (not only the issuing officer), and the PDF metadata
(title = the document, author = the office) in both languages."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from pypdf import PdfReader

from ospod_desktop.reports.documents.build import render_document
from tests.reports import document_cases as C
from tests.reports.test_pdf_render import _font_names

MAKERS = {"facility": C.facility_data, "police": C.police_data, "missing": C.missing_data, "summary": C.summary_data}
TITLES = {
    "cs": {"facility": "Žádost o přijetí dítěte do Zařízení pro děti-cizince",
           "missing": "Oznámení o pohřešování dítěte"},
    "en": {"facility": "Request to admit a child to the Facility for Foreign Children"},
}


def text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize("kind", MAKERS)
def test_every_font_of_every_document_is_an_embedded_subset_of_ours(kind):
    names = _font_names(render_document(MAKERS[kind]()))  # asserts a FontFile2 for each font
    assert names and all(n.lstrip("/").startswith("AAAAAA+") for n in names), names
    assert all(n.lstrip("/").split("+", 1)[1].startswith(("DejaVuSans", "NotoSans")) for n in names), names


@pytest.mark.parametrize("kind", ["facility", "summary"])
def test_the_responsible_officer_is_printed_apart_from_the_issuer(kind):
    data = replace(MAKERS[kind](), responsible_officer="Bc. Petra Dlouhá")
    got = text(render_document(data))
    assert "Odpovědný pracovník Bc. Petra Dlouhá" in got
    assert "Mgr. Jana Nováková" in got  # the issuer, still


@pytest.mark.parametrize("lang", ["cs", "en"])
def test_metadata_title_is_the_document_and_author_the_office(lang):
    for kind, title in TITLES[lang].items():
        meta = PdfReader(io.BytesIO(render_document(MAKERS[kind](lang=lang)))).metadata
        assert meta is not None and meta.title == title and meta.author == "Úřad městské části Praha 5 – OSPOD"
        assert meta.creator == "OSPOD Desktop"
