"""1. Admission request to the Facility for Foreign Children (Radlická 30): who the child is, age and how it was
assessed, nationality and languages, where/when/by whom found, the placement's legal basis, health, family,
risk flags, the responsible officer."""

from __future__ import annotations

from ospod_desktop.core.i18n import _, language, ngettext
from ospod_desktop.reports.documents import words as W
from ospod_desktop.reports.documents.data import FacilityData
from ospod_desktop.reports.pdf.model import DocumentSpec, Fields, Section, Text


def categories(data: FacilityData) -> tuple[str, ...]:
    out = ["identity", "age", "nationality", "finding", "placement", "health", "family", "risk"]
    if data.notes.strip() or data.wishes.strip():
        out.append("notes")
    return tuple(out)


def build(data: FacilityData) -> DocumentSpec:
    with language(data.issue.lang):
        return _build(data)


def _build(data: FacilityData) -> DocumentSpec:
    child, health = data.child, data.health
    family: list = [W.contacts_table(data.family, empty=_("No family members or contacts are recorded."))]
    if data.companion is not None:
        family += [Text(_("The child arrived with a companion:"), "bold"), W.contact_rows(data.companion)]
    disappearances = ngettext("{n} earlier disappearance", "{n} earlier disappearances",
                              data.disappearances).format(n=data.disappearances) if data.disappearances \
        else _("none recorded")
    sections = [
        Section(_("Request"), (Text(_(
            "We ask you to admit the child named below to the Facility for Foreign Children and pass on the "
            "information the facility needs to care for the child.")),)),
        Section(_("The child"), (W.identity(child),)),
        Section(_("Age and how it was assessed"), W.age(child)),
        Section(_("Nationality, languages and interpreter"), (W.nationality(child),)),
        Section(_("Where, when and by whom the child was found"), (W.finding(data.finding),)),
        Section(_("Placement and its legal basis"), W.placement(data.placement)),
        Section(_("Health and urgent needs"), (Fields((
            (_("Health"), W.v(health.notes)),
            (_("Noted on"), W.day(health.noted_on)),
            (_("Medication"), W.v(health.medication)),
        )),)),
        Section(_("Family and contacts"), tuple(family)),
        Section(_("Risk flags"), (Fields((
            (_("Trafficking"), W.flag(data.trafficking_flag)),
            (_("Earlier disappearances"), disappearances),
        )),)),
        Section(_("The child's wishes and notes"), (
            Fields(((_("The child's wishes"), W.v(data.wishes)),)),
            Text(_("Notes"), "bold"), Text(W.v(data.notes), "quote"),
        )),
        W.officer_section(data.issue, data.responsible_officer),
    ]
    title = _("Request to admit a child to the Facility for Foreign Children")
    return W.spec(data.issue, title=title, sections=sections, case_mark=child.case_mark)
