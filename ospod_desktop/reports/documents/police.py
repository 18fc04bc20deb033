"""2. Notice of suspected child trafficking to the police (Section 168 of the Criminal Code), with the request to be
informed of the outcome (Section 158(2) of the Criminal Procedure Code).

The minimal notice (`PoliceData.minimal`) says nothing about the child but given names, family names and date of
birth, as the victims' programme first passes them to the police: whatever else the data holds is ignored, and
no label of a withheld fact is printed."""

from __future__ import annotations

from ospod_desktop.core.countries import country_name
from ospod_desktop.core.i18n import _, language
from ospod_desktop.core.indicators import codes
from ospod_desktop.reports.documents import words as W
from ospod_desktop.reports.documents.data import AssessmentInfo, PoliceData
from ospod_desktop.reports.pdf.model import Block, DocumentSpec, Fields, Section, Table, Text


def categories(data: PoliceData) -> tuple[str, ...]:
    if data.minimal:
        return ("identity",)
    out = ["identity"]
    if data.child.photo:
        out.append("photo")
    out += ["age", "nationality"]
    if data.assessment is not None:
        if data.assessment.observed:
            out.append("indicators")
        out.append("assessment")
    out.append("placement")
    if data.missing_since is not None:
        out.append("missing")
    return tuple(out)


def build(data: PoliceData) -> DocumentSpec:
    with language(data.issue.lang):
        return _build(data)


def _reporter(data: PoliceData) -> Section:
    issue = data.issue
    rows = [(_("Office"), W.lines(issue.office, issue.office_address)),
            (_("Reporting officer"), W.v(issue.issuer)), (_("Role"), W.issuer_role(issue))]
    if data.reporter_contact.strip() and data.reporter_contact.strip() != issue.office_address.strip():
        rows.append((_("Contact"), data.reporter_contact))  # the office's address again says nothing new
    return Section(_("Who reports"), (Fields(tuple(rows)),))


def _observed(a: AssessmentInfo) -> Table:
    return Table(
        (_("Indicator"), _("Strength"), _("Observed on"), _("Source"), _("Note")),
        tuple((f"{o.dimension}: {o.text}" if o.dimension else W.v(o.text), codes.label("strength", o.strength)
               or W.DASH, W.day(o.observed_on), codes.label("source", o.source) or W.DASH, W.v(o.note))
              for o in a.observed),
        widths=(0.34, 0.1, 0.13, 0.15, 0.28), empty=_("No indicator was answered as present."))


def _assessment(a: AssessmentInfo) -> tuple[Block, ...]:
    fields = Fields((
        (_("Assessment finished"), W.when(a.finished_at)),
        (_("Status"), codes.label("status", a.status) or W.DASH),
        (_("Outcome of the checklist"), codes.label("outcome", a.outcome) or W.DASH),
        (_("Officer's conclusion"), codes.label("conclusion", a.conclusion) or W.DASH),
        (_("Suspected forms of exploitation"), W.codes_line(a.forms, lambda c: codes.label("form", c))),
        (_("Countries of exploitation"), W.codes_line(a.countries, country_name)),
        (_("Assessed by"), W.v(a.officer)),
        (_("Approved by"), W.lines(a.approved_by, W.when(a.approved_at) if a.approved_at else "")),
        (_("Indicator catalogue"), W.v(a.catalogue)),
    ))
    return (fields, Text(_("Reasons for the outcome"), "bold"), Text(W.lines(*a.reasons)),
            Text(_("The officer's reasoning"), "bold"), Text(W.v(a.reasoning), "quote"))


def _build(data: PoliceData) -> DocumentSpec:
    notice = Text(_(
        "We report facts suggesting that the child named below may be a victim of trafficking in human beings "
        "(Section 168 of Act No. 40/2009 Coll., the Criminal Code)."))
    request = Section(_("Request to be informed"), (Text(_(
        "Under Section 158(2) of Act No. 141/1961 Coll., the Criminal Procedure Code, we ask you to inform us "
        "within one month of the measures taken on this notice.")),))
    sections = [_reporter(data), Section(_("Notice"), (notice,))]
    if data.minimal:
        sections += [
            Section(_("The child"), (W.minimal_identity(data.child), Text(_(
                "At this stage only the child's name and date of birth are given; we will provide further "
                "information on request."), "small"))),
            request,
        ]
        case_mark = ""
    else:
        child, a = data.child, data.assessment
        sections += [
            Section(_("The child"), (W.identity(child), *W.photo(child))),
            Section(_("Age"), W.age(child)),
            Section(_("Nationality and languages"), (W.nationality(child),)),
        ]
        if a is None:
            sections.append(Section(_("What was observed"), (Text(_(
                "No assessment of trafficking indicators is recorded for the child; the suspicion is reported at "
                "once."), "bold"),)))
        else:
            sections += [Section(_("What was observed"), (_observed(a),)),
                         Section(_("Assessment and its outcome"), _assessment(a))]
        sections += [
            Section(_("Where the child is placed"), _missing_now(data) + W.placement(data.placement)),
            request,
            Section(_("Attachments"), (Text(W.lines(*data.attachments) if data.attachments
                                            else _("No attachments.")),)),
        ]
        case_mark = child.case_mark
    title = _("Notice of facts suggesting trafficking in human beings (Section 168 of the Criminal Code)")
    return W.spec(data.issue, title=title, sections=sections, case_mark=case_mark)


def _missing_now(data: PoliceData) -> tuple[Block, ...]:
    """A child who is missing now: said first, in bold (the police will look for the child)."""
    if data.missing_since is None:
        return ()
    return (Text(_("The child has been missing since {time}.").format(time=W.when(data.missing_since)), "bold"),)
