"""3. Missing-child report to the police, marked urgent: identity, photo, description and clothing, when, where and
with whom last seen, circumstances, risk factors (only in the officer's version: facility staff's data has none),
contacts."""

from __future__ import annotations

from ospod_desktop.core.i18n import _, language
from ospod_desktop.reports.documents import words as W
from ospod_desktop.reports.documents.data import MissingData
from ospod_desktop.reports.pdf.model import Block, DocumentSpec, Fields, Section, Text


def has_risk(data: MissingData) -> bool:
    """Whether the data holds risk factors (the officer's version); facility staff's holds none."""
    e = data.episode
    return data.trafficking_flag is not None or any(
        x is not None for x in (e.risk_trafficking, e.risk_medication, e.risk_notes))


def categories(data: MissingData) -> tuple[str, ...]:
    out = ["identity"]
    if data.child.photo:
        out.append("photo")
    out += ["age", "nationality", "missing", "placement"]
    if has_risk(data):
        out.append("risk")
    if data.contacts:
        out.append("family")
    return tuple(out)


def build(data: MissingData) -> DocumentSpec:
    with language(data.issue.lang):
        return _build(data)


def _risk(data: MissingData) -> Section:
    e = data.episode
    rows = []
    if data.trafficking_flag is not None:
        rows.append((_("Trafficking flag"), W.flag(data.trafficking_flag)))
    # The box ticked when the disappearance was recorded. Its "no" says nothing beside a recorded concern (it
    # would read as "no risk" next to "identified victim"): then only a "yes" is worth a line.
    if e.risk_trafficking is not None and (e.risk_trafficking or not data.trafficking_flag):
        rows.append((_("Trafficking suspected when the disappearance was recorded"), W.yes_no(e.risk_trafficking)))
    if e.risk_medication is not None:
        rows.append((_("Medication the child needs"), W.v(e.risk_medication)))
    if e.risk_notes is not None:
        rows.append((_("Other risks"), W.v(e.risk_notes)))
    return Section(_("Risk factors"), (Fields(tuple(rows)),))


def _lived(data: MissingData) -> tuple[Block, ...]:
    """Where the child lived. Facility staff's version holds no placement details, but the child lived in their
    facility (its contact): it is named, never "no placement is recorded"."""
    if data.placement is None and data.issue.issuer_role == "facility_staff" and data.contacts:
        fac = data.contacts[0]
        return (Fields(((_("Facility or carer"), W.v(fac.name)), (_("Address"), W.v(fac.location)))),)
    return W.placement(data.placement)


def _build(data: MissingData) -> DocumentSpec:
    child, e = data.child, data.episode
    ages: tuple[Block, ...] = (Fields(((_("Estimated age (when found)"), W.age_range(child.age_min, child.age_max)),)),)
    if not child.photo:  # the police ask for one first: say there is none rather than leave them to wonder
        ages = (Fields(((_("Photo"), _("No photo of the child is recorded.")),)), *ages)
    sections = [
        Section(_("Report"), (Text(_(
            "We report that the child named below is missing and ask you to search for the child. The child is "
            "a minor in the care of the authority for the social and legal protection of children.")),)),
        Section(_("The missing child"), (W.identity(child, description=False), *W.photo(child), *ages,
                                         W.nationality(child))),
        Section(_("Description and clothing"), (Fields((
            (_("Description"), W.v(e.description or child.description)),
            (_("Clothing"), W.v(e.clothing)),
        )),)),
        Section(_("Last seen"), (Fields((
            (_("When"), W.when(e.last_seen_at)),
            (_("Place"), W.v(e.last_seen_place)),
            (_("With whom"), W.v(e.seen_with)),
        )),)),
        Section(_("Circumstances"), (Text(W.v(e.circumstances)),)),
        Section(_("Where the child lived"), _lived(data)),
    ]
    if has_risk(data):
        sections.append(_risk(data))
    if e.police_informed_at is not None or e.police_reference:
        sections.append(Section(_("Earlier report to the police"), (Fields((
            (_("Police informed"), W.when(e.police_informed_at)),
            (_("Police reference"), W.v(e.police_reference)),
        )),)))
    sections.append(Section(_("Contacts"), (W.contacts_table(data.contacts, alive=False),)))
    title = _("Report of a missing child")
    urgent = _("URGENT – missing child")
    return W.spec(data.issue, title=title, sections=sections, case_mark=child.case_mark, urgent=urgent)
