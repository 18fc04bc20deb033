"""4. The case summary for supervisors: identity, a timeline of the case, placements, visits (with overdue
flags), assessments and conclusions, documents disclosed, open deadlines, disappearances, and the audit chain's
head at printing."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from sqlmodel import col, select

from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core.due import due_items
from ospod_desktop.core.i18n import _
from ospod_desktop.core.indicators import codes as IC
from ospod_desktop.reports.documents.data import DisclosureInfo, DueInfo, Issue, SummaryData, TimelineEntry, VisitInfo
from ospod_desktop.services import due
from ospod_desktop.services.children import ChildView
from ospod_desktop.services.context import Tx
from ospod_desktop.services.documents._common import finding, identity, names_of, placement_info, user_name
from ospod_desktop.services.documents._gather_assessment import assessment_info, assessments_of
from ospod_desktop.services.documents._gather_missing import episode_data
from ospod_desktop.storage import audit
from ospod_desktop.storage.care_tables import Visit
from ospod_desktop.storage.document_tables import Disclosure
from ospod_desktop.storage.trafficking_tables import VictimEvent

PRAGUE = ZoneInfo("Europe/Prague")


def _at(day: date) -> datetime:
    """A day's event as a time: the start of that day in Prague."""
    return datetime.combine(day, time(0), tzinfo=PRAGUE).astimezone(UTC)


def _visits(tx: Tx, child_id: int) -> list[Visit]:
    return list(tx.session.exec(select(Visit).where(Visit.child_id == child_id)
                                .order_by(col(Visit.visited_on), col(Visit.id))).all())


def visits_of(tx: Tx, rows: list[Visit], pending: list) -> tuple[VisitInfo, ...]:
    """The visits made, each due by the day the visit before it proposed (overdue: made after it), then the
    visit due now (from the due items; overdue when past its day)."""
    names = names_of(tx, (v.created_by for v in rows))
    out, due_on = [], None
    for v in rows:
        out.append(VisitInfo(due_on=due_on, done_on=v.visited_on, kind=v.kind, place=v.place,
                             by=names.get(v.created_by, "") if v.created_by else "",
                             overdue=due_on is not None and v.visited_on > due_on, seen=v.child_seen))
        due_on = v.next_visit_on
    for item in pending:
        out.append(VisitInfo(due_on=item.due, done_on=None, kind="planned", overdue=item.status == "overdue"))
    return tuple(out)


def timeline(tx: Tx, view: ChildView, visits: list[Visit]) -> tuple[TimelineEntry, ...]:
    entries = [TimelineEntry(view.created_at, _("Registered"))]
    if view.form.found_on:
        entries.append(TimelineEntry(_at(view.form.found_on), _("Found: {place}").format(place=view.form.found_place)
                                     if view.form.found_place else _("Found")))
    for p in view.placements:
        entries.append(TimelineEntry(_at(p.start_date), _("Placed: {place} ({basis})").format(
            place=p.place, basis=PR.label(PR.LEGAL_BASES, p.legal_basis))))
        if p.end_date:
            reason = PR.label(PR.END_REASONS, p.end_reason) if p.end_reason else ""
            text = _("Placement ended: {place}").format(place=p.place)
            entries.append(TimelineEntry(_at(p.end_date), f"{text} ({reason})" if reason else text))
    for e in view.missing:
        entries.append(TimelineEntry(e.last_seen_at, _("Reported missing")))
        if e.returned_at:
            entries.append(TimelineEntry(e.returned_at, _("The child came back")))
        elif e.closed_at:
            entries.append(TimelineEntry(e.closed_at, _("Disappearance closed")))
    for v in visits:
        entries.append(TimelineEntry(_at(v.visited_on), _("Visit") if v.child_seen else _("Visit (child not seen)")))
    for a in assessments_of(tx, view.id, finished_only=True):
        if a.finished_at:
            entries.append(TimelineEntry(a.finished_at, _("Trafficking assessment finished: {conclusion}").format(
                conclusion=IC.label("conclusion", a.conclusion))))
        if a.status == "approved" and a.reviewed_at:
            entries.append(TimelineEntry(a.reviewed_at, _("Trafficking assessment approved")))
    for ev in tx.session.exec(select(VictimEvent).where(VictimEvent.child_id == view.id)).all():
        entries.append(TimelineEntry(_at(ev.on), IC.label("event_kind", ev.kind)))
    return tuple(sorted(entries, key=lambda t: t.at if t.at.tzinfo else t.at.replace(tzinfo=UTC)))


def disclosed(tx: Tx, child_id: int) -> tuple[DisclosureInfo, ...]:
    """The documents disclosed about the child so far, oldest first (the summary's reader sees every one)."""
    rows = list(tx.session.exec(select(Disclosure).where(Disclosure.child_id == child_id)
                                .order_by(col(Disclosure.issued_at), col(Disclosure.id))).all())
    names = names_of(tx, (r.user_id for r in rows))
    return tuple(DisclosureInfo(issued_at=r.issued_at, kind=r.kind, recipient=r.recipient,
                                user=names.get(r.user_id, "") if r.user_id else "", reference=r.reference)
                 for r in rows)


def gather_summary(tx: Tx, view: ChildView, issue: Issue, day: date, now: datetime) -> SummaryData:
    conn = tx.session.connection()
    facts = due.facts_of(conn, view.id)
    items = [] if facts is None else due_items(facts, day, due.policy_in_use(conn), now=now)
    visits = _visits(tx, view.id)
    head = audit.head(tx.session)
    flag = view.trafficking_flag or ""
    return SummaryData(
        issue=issue, child=identity(tx, view), finding=finding(view), timeline=timeline(tx, view, visits),
        placements=tuple(p for p in (placement_info(tx, pv) for pv in view.placements) if p is not None),
        visits=visits_of(tx, visits, [i for i in items if i.kind == "visit"]),
        assessments=tuple(assessment_info(tx, a) for a in reversed(assessments_of(tx, view.id))),
        disclosures=disclosed(tx, view.id),
        due=tuple(DueInfo(kind=i.label, due=i.due, status=i.status_label, basis=i.basis_label) for i in items),
        episodes=tuple(episode_data(e, risks=True) for e in view.missing),
        chain_head=(head.id or 0, head.hash) if head else (0, audit.GENESIS),
        responsible_officer=user_name(tx, view.form.responsible_officer_id), case_status=view.form.case_status,
        trafficking_flag=flag, notes=view.form.notes,
    )
