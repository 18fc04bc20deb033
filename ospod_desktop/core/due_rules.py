"""The rules of the due-items engine, one function per family of kinds (registered in `core.due_model`).

Placement clocks reuse `core.deadlines.placement_deadlines` (the placement pages show the same dates);
everything else is computed here. Every number comes from the policy with its basis.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ospod_desktop.core import deadlines as DL
from ospod_desktop.core.deadlines import PlacementFacts, add_months
from ospod_desktop.core.due_facts import GUARDIAN_STATUSES
from ospod_desktop.core.due_model import Context, DueItem, rule
from ospod_desktop.core.i18n import N_
from ospod_desktop.core.policy import PRACTICE, Basis, Policy
from ospod_desktop.core.workdays import add_working_days

PRACTICE_BASIS = Basis(PRACTICE, "practice")

VISIT = N_("Visit the child every {months} ({setting}); the child was last seen on {last}, so the next visit "
           "is due by {due}.")
VISIT_FIRST = N_("The child has not been seen at a visit since the stay in care began on {start}; visit every "
                 "{months} ({setting}), the first time by {due}.")
PM_TOTAL = N_("A preliminary measure lasts at most {months} in total from its start on {start}, unless the case "
              "on the merits is pending; the limit is {due}.")
PM_TOTAL_461 = N_("Czech courts have no jurisdiction on the merits: the preliminary measure may not exceed "
                  "{months} in total from its start on {start}; the limit is {due}.")
IPOD_FIRST = N_("An individual protection plan (IPOD) is due within {months} of the child entering the register "
                "on {entered}, by {due}.")
IPOD_UPDATE = N_("The child was placed anew on {start}; update the individual protection plan (IPOD) by {due}.")
GUARDIAN = N_("An unaccompanied or separated child needs a guardian: petition the court, which appoints one "
              "without delay (due {due}).")
GUARDIAN_PETITIONED = N_("OSPOD petitioned the court for a guardian on {petition}; the court appoints one without "
                         "delay (due {due}).")
ASYLUM_REPRESENTATIVE = N_("An asylum application was made on {applied}; a representative must be designated "
                           "within {working_days}, by {due}.")
RELEASE_PLANNING = N_("The child turns 18 on {adult}: plan the release, the social curator and any petition to "
                      "extend care, from {due}.")
TURNS_18 = N_("The child turns 18 on {due}; care ends unless it is extended.")
NOTE_ASSESSED = N_("The date of birth is assessed, not documented.")
NOTE_YEAR_ONLY = N_("Only the year of birth is known: counted from 1 January.")
INFORMATION = N_("An answer from {addressee} was requested on {asked}; it is expected within {days}, by {due}.")
INFORMATION_ANYONE = N_("An answer requested on {asked} is expected within {days}, by {due}.")
RETURN_INTERVIEW = N_("The child returned on {returned}; hold the return interview within {days}, by {due}.")

# The policy number each placement clock's explanation rests on.
PLACEMENT_BASES = {
    "pm_expires": "preliminary_measure.initial_months",
    "pm_extended": "preliminary_measure.extension_months",
    "pm_usual_total": "preliminary_measure.usual_total_months",
    "pm_beyond_total": "preliminary_measure.usual_total_months",
    "pm_pending_merits": "preliminary_measure.usual_total_months",
    "pm_section_461": "preliminary_measure.section_461_total_months",
    "zdvop_contract": "zdvop.contract_max_months",
    "zdvop_contract_final": "zdvop.contract_extensions",
    "zdvop_no_consent": "zdvop.contract_extensions",
    "zdvop_total": "zdvop.total_stay_months",
    "diagnostic_stay": "diagnostic_stay.weeks",
}


def current_placements(ctx: Context) -> list[PlacementFacts]:
    return sorted((p for p in ctx.facts.placements if p.current_on(ctx.day)), key=lambda p: p.start)


def stay_start(placements: Sequence[PlacementFacts], current: PlacementFacts) -> date:
    """The day the child's uninterrupted stay in care began: back through placements that end on or after
    the next one starts (a transfer ends one on the day the next begins)."""
    start, changed = current.start, True
    while changed:
        changed = False
        for p in placements:
            if p.start < start and (p.end is None or p.end >= start):
                start, changed = p.start, True
    return start


def months_between(start: date, end: date) -> int:
    """Whole calendar months from `start` to `end` (0 when `end` is not later)."""
    if end <= start:
        return 0
    m = (end.year - start.year) * 12 + end.month - start.month
    while m > 0 and add_months(start, m) > end:
        m -= 1
    return m


def register_entry(ctx: Context) -> date | None:
    """The day the child entered OSPOD's register: intake, or for an imported child the register date."""
    child = ctx.facts.child
    return (child.registered_on if child.imported and child.registered_on else None) or child.found_on


@dataclass(frozen=True)
class VisitClock:
    """The visit clock on a day: the placement it runs for, the start of the uninterrupted stay, the day it
    counts from (the last seen visit of the stay, else the stay's start), the interval and the due day."""

    placement: PlacementFacts
    began: date
    anchor: date
    seen: bool  # the anchor is a visit (else the stay's start)
    months: int
    due: date


def visit_clock(placements: Sequence[PlacementFacts], seen: Iterable[date], day: date,
                policy: Policy) -> VisitClock | None:
    """The visit clock on `day` from the child's placements and the days it was seen at a visit (those after
    `day` are ignored); None when no placement is current that day. The due list (`visits`) and the
    statistics of visits on time (`core.stats.visits`) both read it."""
    current = sorted((p for p in placements if p.current_on(day)), key=lambda p: p.start)
    if not current:
        return None
    p = current[-1]
    began = stay_start(placements, p)
    days = [d for d in seen if began <= d <= day]
    anchor = max(days, default=began)
    months = policy.visit_interval_months(p.setting, months_between(p.start, anchor))
    return VisitClock(p, began, anchor, bool(days), months, add_months(anchor, months))


@rule("visit", {"visit": N_("Supervision visit")})
def visits(ctx: Context) -> Iterable[DueItem]:
    clock = visit_clock(ctx.facts.placements, (v.on for v in ctx.facts.visits if v.child_seen), ctx.day, ctx.policy)
    if clock is None:
        return
    p, began, anchor, months, due = clock.placement, clock.began, clock.anchor, clock.months, clock.due
    basis = ctx.policy.visit_basis(p.setting)
    if clock.seen:
        yield ctx.item("visit", due, ("placement", p.id), VISIT, basis, months=months, setting=p.setting, last=anchor)
    else:
        yield ctx.item("visit", due, ("placement", p.id), VISIT_FIRST, basis, months=months, setting=p.setting,
                       start=began)


@rule("placement", {"preliminary_measure_total": N_("Preliminary measure: limit in total")})
def placement_clocks(ctx: Context) -> Iterable[DueItem]:
    for p in current_placements(ctx):
        for d in DL.placement_deadlines(p, ctx.facts.placements, ctx.day, ctx.policy):
            if d.kind == "preliminary_measure" and p.section_461:
                continue  # s. 461: no monthly expiry; the total below is the only limit
            basis = PLACEMENT_BASES.get(d.explanation) or PRACTICE_BASIS
            yield ctx.item(d.kind, d.due, ("placement", p.id), DL.EXPLANATIONS[d.explanation], basis, (),
                           **dict(d.params))
        if p.legal_basis == "preliminary_measure" and (p.section_461 or not p.exception_reason):
            if p.section_461:
                path, msgid, months = ("preliminary_measure.section_461_total_months", PM_TOTAL_461,
                                       ctx.policy.pm_section_461_months)
            else:
                path, msgid, months = ("preliminary_measure.usual_total_months", PM_TOTAL,
                                       ctx.policy.pm_usual_total_months)
            yield ctx.item("preliminary_measure_total", DL.pm_total_cap(p, ctx.policy), ("placement", p.id), msgid,
                           path, months=months, start=DL.pm_start(p))


@rule("ipod", {"ipod": N_("Individual protection plan (IPOD)")})
def ipod(ctx: Context) -> Iterable[DueItem]:
    entered, child = register_entry(ctx), ctx.facts.child
    if not ctx.facts.ipods:
        if entered:
            months = ctx.policy.ipod_months
            yield ctx.item("ipod", add_months(entered, months), ("child", child.id), IPOD_FIRST, "ipod.months",
                           months=months, entered=entered)
        return
    latest = max(ctx.facts.ipods)
    for p in current_placements(ctx):
        if p.start > latest:
            due = add_months(p.start, ctx.policy.ipod_update_months)
            yield ctx.item("ipod", due, ("placement", p.id), IPOD_UPDATE, "ipod.update_months", start=p.start)


@rule("guardian", {"guardian": N_("Guardian or representative")})
def guardian(ctx: Context) -> Iterable[DueItem]:
    child, g = ctx.facts.child, ctx.facts.guardian
    if child.status not in GUARDIAN_STATUSES:
        return
    entered = register_entry(ctx)
    if g.appointed_on is None and entered:
        due = entered + timedelta(days=ctx.policy.guardian_days)
        if g.petition_on:
            yield ctx.item("guardian", due, ("child", child.id), GUARDIAN_PETITIONED, "guardian.unaccompanied_days",
                           petition=g.petition_on)
        else:
            yield ctx.item("guardian", due, ("child", child.id), GUARDIAN, "guardian.unaccompanied_days")
    n = ctx.policy.asylum_representative_working_days
    for a in ctx.facts.asylum:
        if a.representative_on is None and a.applied_on >= ctx.policy.asylum_representative_from:
            yield ctx.item("guardian", add_working_days(a.applied_on, n), ("asylum", a.id), ASYLUM_REPRESENTATIVE,
                           "guardian.asylum_representative_working_days", working_days=n, applied=a.applied_on)


@rule("turns_18", {"turns_18_planning": N_("Release planning before 18"), "turns_18": N_("Turns 18")})
def turns_18(ctx: Context) -> Iterable[DueItem]:
    child = ctx.facts.child
    if not current_placements(ctx):
        return  # only children in care
    if child.birth_date:
        born, notes = child.birth_date, ((NOTE_ASSESSED,) if child.birth_assessed else ())
    elif child.birth_year:
        born, notes = date(child.birth_year, 1, 1), (NOTE_YEAR_ONLY,)
    else:
        return
    adult = add_months(born, ctx.policy.adult_months)
    if ctx.day < adult:
        yield ctx.item("turns_18_planning", add_months(born, ctx.policy.release_planning_months), ("child", child.id),
                       RELEASE_PLANNING, "turns_18.planning_months", notes, adult=adult)
    yield ctx.item("turns_18", adult, ("child", child.id), TURNS_18, "turns_18.adult_months", notes)


@rule("information_request", {"information_request": N_("Answer to an information request")})
def information_requests(ctx: Context) -> Iterable[DueItem]:
    days = ctx.policy.information_request_days
    for r in ctx.facts.information_requests:
        if r.answered_on is None:
            due, source = r.asked_on + timedelta(days=days), ("information_request", r.id)
            if r.addressee.strip():
                yield ctx.item("information_request", due, source, INFORMATION, "information_request.days",
                               days=days, asked=r.asked_on, addressee=r.addressee.strip())
            else:
                yield ctx.item("information_request", due, source, INFORMATION_ANYONE, "information_request.days",
                               days=days, asked=r.asked_on)


@rule("missing", {"return_interview": N_("Return interview")})
def missing(ctx: Context) -> Iterable[DueItem]:
    days = ctx.policy.return_interview_days
    for e in ctx.facts.missing:
        if e.returned_at is not None and e.interview_on is None and e.closed_on is None:
            returned = e.returned_at.date()
            yield ctx.item("return_interview", returned + timedelta(days=days), ("missing", e.id), RETURN_INTERVIEW,
                           "return_interview.days", days=days, returned=returned)
        if not e.open:
            continue
        now = ctx.now or datetime.combine(ctx.day, time(23, 59, 59), tzinfo=e.last_seen_at.tzinfo)
        for d in DL.missing_status(e.last_seen_at, now, e.informed, ctx.policy).deadlines:
            b = ctx.policy.basis(f"missing.inform_within_hours.{d.kind.removeprefix('missing_')}")
            yield DueItem(d.kind, d.due, d.status, ("missing", e.id), DL.EXPLANATIONS[d.explanation], b.text, b.kind,
                          ctx.policy.revision, (("due", d.due), *d.params), (), d.due_at)
