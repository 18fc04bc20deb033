"""One entry for the four documents: `build(data)` dispatches on the data's type to the document's builder,
`render_document(data)` renders it to PDF bytes, `categories(data)` names the categories of data it holds
(`core.documents.CATEGORIES` codes, for the disclosure register)."""

from __future__ import annotations

from ospod_desktop.reports.documents import facility, missing, police, summary
from ospod_desktop.reports.documents.data import FacilityData, MissingData, PoliceData, SummaryData
from ospod_desktop.reports.pdf.model import DocumentSpec

DocumentData = FacilityData | PoliceData | MissingData | SummaryData


# Each kind of data and the module that words its document (each has `build` and `categories`).
_MODULES = {FacilityData: facility, PoliceData: police, MissingData: missing, SummaryData: summary}


def _module(data: DocumentData):
    module = _MODULES.get(type(data))
    if module is None:
        raise TypeError(type(data).__name__)
    return module


def build(data: DocumentData) -> DocumentSpec:
    """The document for `data`, worded in `data.issue.lang`."""
    return _module(data).build(data)


def categories(data: DocumentData) -> tuple[str, ...]:
    """The categories of the child's data the document holds (the minimal police notice: identity only)."""
    return _module(data).categories(data)


def render_document(data: DocumentData) -> bytes:
    """The PDF bytes of the document for `data` (deterministic for the same data)."""
    from ospod_desktop.reports.pdf.render import render

    return render(build(data))
