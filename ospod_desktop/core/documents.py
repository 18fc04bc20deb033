"""Codes of the documents the app issues and of the disclosure register (issue 12): kinds, categories of data,
default recipients, and the confidentiality line every document carries."""

from __future__ import annotations

from ospod_desktop.core.i18n import N_, _

# The four documents about one child (`ospod-desktop export pdf --kind ...`).
DOCUMENT_KINDS: dict[str, str] = {
    "facility": N_("Admission request to the Facility for Foreign Children"),
    "police": N_("Notice of suspected child trafficking"),
    "missing": N_("Missing-child report"),
    "summary": N_("Case summary"),
}
# Exports the register also records (they concern no single child: the register's `child` is null).
EXPORT_KINDS: dict[str, str] = {
    "case_list": N_("Case list export"),
    "due_list": N_("Due list export"),
    "catalogue": N_("Indicator catalogue export"),
    "statistics": N_("Statistics export"),
}
KINDS: dict[str, str] = {**DOCUMENT_KINDS, **EXPORT_KINDS}

# Who receives a document unless the user names someone else.
DEFAULT_RECIPIENTS: dict[str, str] = {
    "facility": N_("Facility for Foreign Children, Radlická 30, 150 00 Praha 5"),
    "police": N_("Police of the Czech Republic"),
    "missing": N_("Police of the Czech Republic"),
    "summary": N_("Supervisor"),
}

# Which of a child's data a document holds (the register lists these codes; the order is the display order).
CATEGORIES: dict[str, str] = {
    "identity": N_("Identity"),
    "photo": N_("Photo"),
    "age": N_("Age and its assessment"),
    "nationality": N_("Nationality and languages"),
    "finding": N_("Where and when found"),
    "placement": N_("Placement"),
    "health": N_("Health"),
    "family": N_("Family and contacts"),
    "risk": N_("Risk factors"),
    "indicators": N_("Trafficking indicators"),
    "assessment": N_("Assessment outcome"),
    "missing": N_("Disappearance"),
    "visits": N_("Visits"),
    "deadlines": N_("Deadlines"),
    "disclosures": N_("Documents disclosed"),
    "notes": N_("Notes"),
    "audit": N_("Audit-chain head"),
    "cases": N_("Case list"),
    "statistics": N_("Statistics"),
}

# Printed on every document (Act 359/1999 Coll., on the social and legal protection of children, s. 57).
CONFIDENTIALITY = N_(
    "Confidential: contains information protected under Section 57 of Act No. 359/1999 Coll., on the social and "
    "legal protection of children. Do not disclose it to anyone not entitled to it."
)


def kind_label(kind: str) -> str:
    """The translated name of a document or export kind; an unknown code as written."""
    text = KINDS.get(kind)
    return _(text) if text else kind


def category_label(code: str) -> str:
    text = CATEGORIES.get(code)
    return _(text) if text else code


def default_recipient(kind: str) -> str:
    text = DEFAULT_RECIPIENTS.get(kind)
    return _(text) if text else ""
