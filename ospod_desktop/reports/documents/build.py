"""One entry for the four documents: `build(data)` dispatches on the data's type to the document's builder,
`render_document(data)` renders it to PDF bytes, `categories(data)` names the categories of data it holds
(`core.documents.CATEGORIES` codes, for the disclosure register)."""

from __future__ import annotations

from ospod_desktop.reports.documents import facility, missing, police, summary
from ospod_desktop.reports.documents.data import FacilityData, MissingData, PoliceData, SummaryData
from ospod_desktop.reports.pdf.model import DocumentSpec

DocumentData = FacilityData | PoliceData | MissingData | SummaryData


def build(data: DocumentData) -> DocumentSpec:
    """The document for `data`, worded in `data.issue.lang`."""
    if isinstance(data, FacilityData):
        return facility.build(data)
    if isinstance(data, PoliceData):
        return police.build(data)
    if isinstance(data, MissingData):
        return missing.build(data)
    if isinstance(data, SummaryData):
        return summary.build(data)
    raise TypeError(type(data).__name__)


def categories(data: DocumentData) -> tuple[str, ...]:
    """The categories of the child's data the document holds (the minimal police notice: identity only)."""
    if isinstance(data, FacilityData):
        return facility.categories(data)
    if isinstance(data, PoliceData):
        return police.categories(data)
    if isinstance(data, MissingData):
        return missing.categories(data)
    if isinstance(data, SummaryData):
        return summary.categories(data)
    raise TypeError(type(data).__name__)


def render_document(data: DocumentData) -> bytes:
    """The PDF bytes of the document for `data` (deterministic for the same data)."""
    from ospod_desktop.reports.pdf.render import render

    return render(build(data))
