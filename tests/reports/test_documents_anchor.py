"""Every document prints the audit chain's anchor at issue on every page (`verify --anchor ID:MAC` checks it);
the statistics exports carry it as an added key/row/footer."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import date

from pypdf import PdfReader

from ospod_desktop.core.stats.model import Published
from ospod_desktop.reports import statistics
from ospod_desktop.reports.documents.build import render_document
from ospod_desktop.reports.statistics_pdf import to_pdf
from tests.reports import document_cases as C

ANCHOR = "1234:9f2c0a51e3b7d604"


def _pages(data: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]


def test_every_page_of_a_document_prints_the_anchor():
    data = C.facility_data("en")
    data = replace(data, issue=replace(data.issue, anchor=ANCHOR))
    pages = _pages(render_document(data))
    assert pages and all(f"Audit anchor: {ANCHOR}" in page for page in pages)
    plain = _pages(render_document(C.facility_data("en")))
    assert not any("Audit anchor" in page for page in plain)


def test_statistics_exports_add_the_anchor_and_keep_their_keys():
    p = Published(date(2026, 1, 1), date(2026, 12, 31), 0, {"registered_by_sex": {"M": 1, "total": 1}})
    assert "anchor" not in json.loads(statistics.to_json(p))
    doc = json.loads(statistics.to_json(replace(p, anchor=ANCHOR)))
    assert doc["anchor"] == ANCHOR and {"from", "to", "suppressed_below", "tables", "multiple"} < set(doc)
    assert any(f"Audit anchor: {ANCHOR}" in page for page in _pages(to_pdf(replace(p, anchor=ANCHOR), "O", "en")))
