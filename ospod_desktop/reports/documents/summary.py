"""4. Case summary for supervisors: identity, timeline, placements, visits (overdue ones flagged), assessments and
conclusions, disappearances, documents disclosed, open deadlines, and the audit-chain head at printing (also in
every page's footer)."""

from __future__ import annotations

from ospod_desktop.core import child_rules as CR
from ospod_desktop.core import documents as D
from ospod_desktop.core import visit_rules as VR
from ospod_desktop.core.i18n import _, language
from ospod_desktop.core.indicators import codes
from ospod_desktop.reports.documents import words as W
from ospod_desktop.reports.documents.data import SummaryData
from ospod_desktop.reports.pdf.model import Block, DocumentSpec, Fields, Section, Table, Text


def categories(data: SummaryData) -> tuple[str, ...]:
    out = ["identity", "age", "nationality", "finding", "placement"]
    if data.trafficking_flag:
        out.append("risk")
    if any(a.observed for a in data.assessments):
        out.append("indicators")
    if data.assessments:
        out.append("assessment")
    if data.episodes:
        out.append("missing")
    out += ["visits", "deadlines", "disclosures"]
    if data.notes.strip():
        out.append("notes")
    out.append("audit")
    return tuple(out)


def build(data: SummaryData) -> DocumentSpec:
    with language(data.issue.lang):
        return _build(data)


def chain_text(head: tuple[int, str]) -> str:
    return _("Audit chain at printing: entry {id}, hash {hash}").format(id=head[0], hash=head[1])


def _visits(data: SummaryData) -> Table:
    def row(x):
        flag = _("overdue") if x.overdue else ""
        seen = "" if x.seen is None else _("child seen") if x.seen else _("child not seen")
        return (W.day(x.due_on), W.day(x.done_on), CR.label(VR.VISIT_KINDS, x.kind) if x.kind else W.DASH,
                CR.label(VR.VISIT_PLACES, x.place) if x.place else W.DASH, W.v(x.by), W.lines(flag, seen))

    return Table((_("Due"), _("Done"), _("Kind"), _("Place"), _("By"), _("Flags")),
                 tuple(row(x) for x in data.visits), widths=(0.14, 0.14, 0.16, 0.14, 0.2, 0.22),
                 empty=_("No visits are recorded."))


def _assessments(data: SummaryData) -> tuple[Block, ...]:
    table = Table(
        (_("Finished"), _("Status"), _("Outcome"), _("Conclusion"), _("Present indicators"), _("Officer")),
        tuple((W.when(a.finished_at), codes.label("status", a.status) or W.DASH,
               codes.label("outcome", a.outcome) or W.DASH, codes.label("conclusion", a.conclusion) or W.DASH,
               str(len(a.observed)), W.v(a.officer)) for a in data.assessments),
        widths=(0.18, 0.15, 0.17, 0.17, 0.13, 0.2), empty=_("No assessment of trafficking indicators is recorded."))
    out: list[Block] = [table]
    for a in data.assessments:
        if a.reasoning.strip() or a.reasons:
            out += [Text(_("Assessment of {date}").format(date=W.when(a.finished_at)), "bold"),
                    Text(W.lines(*a.reasons)), Text(W.v(a.reasoning), "quote")]
    return tuple(out)


def _episodes(data: SummaryData) -> Table:
    return Table(
        (_("Last seen"), _("Place"), _("Returned"), _("Police informed")),
        tuple((W.when(e.last_seen_at), W.v(e.last_seen_place), W.when(e.returned_at), W.when(e.police_informed_at))
              for e in data.episodes),
        widths=(0.22, 0.34, 0.22, 0.22), empty=_("No disappearance is recorded."))


def _build(data: SummaryData) -> DocumentSpec:
    child = data.child
    head = chain_text(data.chain_head)
    sections = [
        Section(_("Case"), (Fields((
            (_("Case status"), CR.label(CR.CASE_STATUSES, data.case_status) if data.case_status else W.DASH),
            (_("Responsible officer"), W.v(data.responsible_officer)),
            (_("Trafficking"), W.flag(data.trafficking_flag)),
            *((k, W.v(val)) for k, val in data.extra.items()),
        )),)),
        Section(_("The child"), (W.identity(child), *W.age(child), W.nationality(child))),
        Section(_("Where and when found"), (W.finding(data.finding),)),
        Section(_("Timeline"), (Table(
            (_("When"), _("What happened")), tuple((W.moment(t.at), W.v(t.text)) for t in data.timeline),
            widths=(0.22, 0.78), empty=_("Nothing is recorded.")),)),
        Section(_("Placements"), (W.placements_table(data.placements),)),
        Section(_("Visits"), (_visits(data),)),
        Section(_("Assessments and conclusions"), _assessments(data)),
        Section(_("Disappearances"), (_episodes(data),)),
        Section(_("Documents disclosed"), (Table(
            (_("Issued"), _("Document"), _("Reference"), _("Recipient"), _("Issued by")),
            tuple((W.when(x.issued_at), D.kind_label(x.kind), W.v(x.reference), W.v(x.recipient), W.v(x.user))
                  for x in data.disclosures),
            widths=(0.17, 0.24, 0.2, 0.21, 0.18), empty=_("No document has been issued.")),)),
        Section(_("Open deadlines"), (Table(
            (_("Deadline"), _("Due"), _("Status"), _("Basis")),
            tuple((W.v(x.kind), W.day(x.due), W.v(x.status), W.v(x.basis)) for x in data.due),
            widths=(0.3, 0.15, 0.15, 0.4), empty=_("No open deadlines.")),)),
        Section(_("Notes"), (Text(W.v(data.notes), "quote"),)),
        Section(_("Audit chain"), (Fields((
            (_("Newest audit entry"), str(data.chain_head[0])),
            (_("Its hash"), W.v(data.chain_head[1])),
        )), Text(_("The audit chain's head at printing: any later change to the audit log shows against it."),
                 "small"))),
    ]
    title = _("Case summary")
    return W.spec(data.issue, title=title, sections=sections, case_mark=child.case_mark, footer_note=head)
