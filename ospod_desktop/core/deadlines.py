"""Deadlines that follow from placements and missing episodes: plain functions of the facts and a day.

Every clock is computed, never stored, so a corrected date or a changed policy shows at once. The child's
page, the case list and (next) the due-and-overdue view all call these functions; the numbers come from
`core.policy` (resources/policy/deadlines.json).

A placement runs from `start` to `end` (half-open: a transfer ends one placement on the day the next begins).
A deadline is `overdue` the day after its due date, `due_soon` from `policy.due_soon_days` before it.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core.i18n import N_, _, format_day, ngettext
from ospod_desktop.core.policy import Policy, default_policy

STATUS_RANK = {"ok": 0, "due_soon": 1, "overdue": 2}


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the month's last day when that month is shorter (31 Jan + 1 = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Extension:
    """A recorded extension of a preliminary measure or a ZDVOP contract."""

    decided_on: date
    new_expiry: date
    consent_on: date | None = None  # a ZDVOP contract's extension: the municipal authority's consent


@dataclass(frozen=True)
class PlacementFacts:
    """What the rules need to know about one placement."""

    setting: str  # a facility type code (core.placement_rules.FACILITY_TYPES)
    legal_basis: str
    start: date
    end: date | None = None
    expiry: date | None = None  # the expiry or planned end as first recorded
    decision_date: date | None = None
    extensions: tuple[Extension, ...] = ()
    id: int | None = None
    enforceable_on: date | None = None  # a preliminary measure: when it became enforceable (else the decision day)
    exception_reason: str = ""  # s. 460: the case on the merits is pending, so the measure may pass 6 months
    section_461: bool = False  # no Czech jurisdiction on the merits: no monthly expiry, 6 months in total
    diagnostic_stay: bool | None = None  # an intake/diagnostic stay (None: not recorded; presumed by setting)
    diagnostics_completed_on: date | None = None

    def current_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or self.end > day)


@dataclass(frozen=True)
class Deadline:
    """One clock: what is due, when, how urgent, and why (codes; `message()` translates)."""

    kind: str  # core.placement_rules.DEADLINE_KINDS
    due: date
    status: str  # ok / due_soon / overdue
    explanation: str  # core.placement_rules.EXPLANATIONS
    placement_id: int | None = None
    params: tuple[tuple[str, int], ...] = ()
    due_at: datetime | None = None  # missing-episode clocks run in hours

    @property
    def label(self) -> str:
        return PR.label(PR.DEADLINE_KINDS, self.kind)

    @property
    def status_label(self) -> str:
        return PR.label(PR.DEADLINE_STATUSES, self.status)

    def message(self, format_date: Callable[[date], str] | None = None) -> str:
        """The translated explanation, with numbers in their plural forms."""
        return explain(self, format_date)


# Explanations added with the due-items engine (core.due); PR.EXPLANATIONS keeps the older ones.
EXPLANATIONS = {
    **PR.EXPLANATIONS,
    "pm_section_461": N_("Czech courts have no jurisdiction on the merits: the preliminary measure has no monthly "
                         "expiry, and ends at the latest after {months} in total, on {due}."),
    "pm_pending_merits": N_("The case on the merits is pending, so the preliminary measure may run beyond the usual "
                            "{months} in total; it now expires on {due}."),
    "zdvop_no_consent": N_("The extension of the ZDVOP contract has no consent of the municipal authority on record; "
                           "without it the contract ends on {due}."),
}


def explain(d: Deadline, format_date: Callable[[date], str] | None = None) -> str:
    params = dict(d.params)
    values: dict[str, str] = {"due": (format_date or format_day)(d.due)}
    if "months" in params:
        values["months"] = ngettext("{n} month", "{n} months", params["months"]).format(n=params["months"])
    if "weeks" in params:
        values["weeks"] = ngettext("{n} week", "{n} weeks", params["weeks"]).format(n=params["weeks"])
    if "days" in params:
        values["days"] = ngettext("{n} day", "{n} days", params["days"]).format(n=params["days"])
    if "hours" in params:
        values["hours"] = ngettext("{n} hour", "{n} hours", params["hours"]).format(n=params["hours"])
    if "n" in params:
        values["n"] = str(params["n"])
    # A deadline already passed is told in the past tense ("expired on …", not "expires on …").
    past = PR.EXPLANATIONS_PAST.get(d.explanation) if d.status == "overdue" else None
    template = past or EXPLANATIONS.get(d.explanation)
    return _(template).format(**values) if template else d.explanation


def status_of(due: date, today: date, soon_days: int) -> str:
    if today > due:
        return "overdue"
    if (due - today).days <= soon_days:
        return "due_soon"
    return "ok"


def _latest(base: date, extensions: Iterable[Extension]) -> date:
    return max([base, *(e.new_expiry for e in extensions)])


def pm_start(p: PlacementFacts) -> date:
    """A preliminary measure runs from its enforceability: the recorded date, else the court's decision day
    (enforceable on issue), else the placement's start."""
    return p.enforceable_on or p.decision_date or p.start


def pm_total_cap(p: PlacementFacts, policy: Policy | None = None) -> date:
    """The end of the 6 months in total, counted from the first measure's start (never from an extension)."""
    policy = policy or default_policy()
    months = policy.pm_section_461_months if p.section_461 else policy.pm_usual_total_months
    return add_months(pm_start(p), months)


def extension_limit(p: PlacementFacts, policy: Policy | None = None) -> date | None:
    """The latest new expiry an extension may set now (None: not extendable).

    A preliminary measure moves by at most `extension_months` from the current expiry, and never past
    `pm_total_cap` unless an exception reason (s. 460) is recorded; under s. 461 there is no monthly
    expiry to extend. A ZDVOP contract moves by at most `contract_extension_months`, as often as allowed.
    """
    policy = policy or default_policy()
    current = effective_expiry(p, policy)
    if current is None:
        return None
    if p.legal_basis == "preliminary_measure":
        if p.section_461:
            return None
        limit = add_months(current, policy.pm_extension_months)
        return limit if p.exception_reason else min(limit, pm_total_cap(p, policy))
    if p.legal_basis == "zdvop_contract":
        if len(p.extensions) >= policy.zdvop_contract_extensions:
            return None
        return add_months(current, policy.zdvop_extension_months)
    return None


def extension_error(p: PlacementFacts, new_expiry: date, policy: Policy | None = None) -> str | None:
    """Why an extension to `new_expiry` is not allowed (a code), or None.

    Codes: not_extendable, not_later (not after the current expiry), beyond_limit (more than one step from
    the current expiry, or past the 6 months in total without an exception reason).
    """
    current = effective_expiry(p, policy)
    limit = extension_limit(p, policy)
    if limit is None or current is None:
        return "not_extendable"
    if new_expiry <= current:
        return "not_later"
    return "beyond_limit" if new_expiry > limit else None


def is_diagnostic_stay(p: PlacementFacts, policy: Policy | None = None) -> bool:
    """A placement marked as an intake/diagnostic stay; unmarked (None), one in a diagnostic setting."""
    if p.diagnostic_stay is not None:
        return p.diagnostic_stay
    return p.setting in (policy or default_policy()).diagnostic_settings


def unconsented_zdvop_extension(p: PlacementFacts) -> Extension | None:
    """The first extension of a ZDVOP contract recorded without the municipal authority's consent."""
    if p.legal_basis != "zdvop_contract":
        return None
    return next((e for e in sorted(p.extensions, key=lambda e: e.decided_on) if e.consent_on is None), None)


def base_expiry(p: PlacementFacts, policy: Policy | None = None) -> date | None:
    """The expiry before any extension: the recorded one, else the legal default of the basis."""
    policy = policy or default_policy()
    if p.expiry:
        return p.expiry
    if p.legal_basis == "preliminary_measure":
        return add_months(pm_start(p), policy.pm_initial_months)
    if p.legal_basis == "zdvop_contract":
        return add_months(p.start, policy.zdvop_contract_months)
    return None


def effective_expiry(p: PlacementFacts, policy: Policy | None = None) -> date | None:
    """The expiry or planned end after the recorded extensions (None: open-ended, e.g. an institutional-care order)."""
    base = base_expiry(p, policy)
    return _latest(base, p.extensions) if base else None


def zdvop_days_used(earlier: Iterable[PlacementFacts], before: date) -> int:
    """Days the child has already spent in a ZDVOP before `before` (ended stays only)."""
    used = 0
    for e in earlier:
        if e.setting == "zdvop" and e.start < before:
            end = min(e.end or before, before)
            used += max((end - e.start).days, 0)
    return used


def placement_deadlines(
    p: PlacementFacts, earlier: Sequence[PlacementFacts] = (), today: date | None = None, policy: Policy | None = None
) -> tuple[Deadline, ...]:
    """The clocks of a current placement on `today`, soonest first (an ended placement has none).

    `earlier` are the child's other placements (only those before this one count towards the ZDVOP cap).
    """
    policy = policy or default_policy()
    today = today or date.today()
    if p.end is not None and p.end <= today:
        return ()
    soon = policy.due_soon_days
    out: list[Deadline] = []

    def add(kind: str, due: date, code: str, **params: int) -> None:
        out.append(Deadline(kind, due, status_of(due, today, soon), code, p.id, tuple(sorted(params.items()))))

    expiry = effective_expiry(p, policy)
    if p.legal_basis == "preliminary_measure" and p.section_461:
        add("preliminary_measure", pm_total_cap(p, policy), "pm_section_461", months=policy.pm_section_461_months)
    elif p.legal_basis == "preliminary_measure" and expiry:
        cap = pm_total_cap(p, policy)
        if p.exception_reason and expiry > cap:
            add("preliminary_measure", expiry, "pm_pending_merits", months=policy.pm_usual_total_months)
        elif expiry > cap:
            add("preliminary_measure", expiry, "pm_beyond_total", months=policy.pm_usual_total_months)
        elif expiry == cap:
            add("preliminary_measure", expiry, "pm_usual_total", months=policy.pm_usual_total_months)
        elif p.extensions:
            add("preliminary_measure", expiry, "pm_extended", n=len(p.extensions))
        else:
            add("preliminary_measure", expiry, "pm_expires", months=policy.pm_initial_months)
    elif p.legal_basis == "zdvop_contract" and expiry and (bare := unconsented_zdvop_extension(p)):
        before = [e for e in p.extensions if e.decided_on < bare.decided_on]
        base = base_expiry(p, policy)
        assert base is not None  # a ZDVOP contract always has one
        add("zdvop_contract", _latest(base, before), "zdvop_no_consent")
    elif p.legal_basis == "zdvop_contract" and expiry:
        final = len(p.extensions) >= policy.zdvop_contract_extensions
        add("zdvop_contract", expiry, "zdvop_contract_final" if final else "zdvop_contract",
            months=policy.zdvop_contract_months)
    elif expiry:
        add("planned_end", expiry, "planned_end")
    if p.setting == "zdvop":
        others = [e for e in earlier if e.id is None or e.id != p.id] if policy.zdvop_sum_earlier_stays else []
        used = zdvop_days_used(others, p.start)
        cap_days = (add_months(p.start, policy.zdvop_total_months) - p.start).days
        add("zdvop_total", p.start + timedelta(days=cap_days - used), "zdvop_total",
            months=policy.zdvop_total_months, days=used)
    if is_diagnostic_stay(p, policy) and p.diagnostics_completed_on is None:
        add("diagnostic_stay", p.start + timedelta(weeks=policy.diagnostic_weeks), "diagnostic_stay",
            weeks=policy.diagnostic_weeks)
    return tuple(sorted(out, key=lambda d: (d.due, d.kind)))


def worst(deadlines: Iterable[Deadline]) -> Deadline | None:
    """The one to show in a list: the most urgent status, then the soonest."""
    return min(deadlines, key=lambda d: (-STATUS_RANK[d.status], d.due_at or d.due, d.kind), default=None)


@dataclass(frozen=True)
class MissingStatus:
    """The clocks of one open missing episode."""

    hours_elapsed: int
    deadlines: tuple[Deadline, ...]

    @property
    def police_not_informed(self) -> bool:
        return any(d.kind == "missing_police" for d in self.deadlines)


def hours_between(start: datetime, end: datetime) -> int:
    """Whole hours from `start` to `end` (never negative)."""
    return max(int((end - start).total_seconds() // 3600), 0)


def missing_status(
    last_seen_at: datetime, now: datetime, informed: Mapping[str, datetime | None], policy: Policy | None = None
) -> MissingStatus:
    """Hours since the child was last seen, and who still has to be told (police not informed: overdue at once)."""
    policy = policy or default_policy()
    out = []
    for party, hours in policy.missing_inform_hours.items():
        if hours is None or informed.get(party):
            continue
        due_at = last_seen_at + timedelta(hours=hours)
        status = "overdue" if hours == 0 or now > due_at else "due_soon"
        code = "missing_police_at_once" if hours == 0 else "missing_inform_within"
        out.append(Deadline(f"missing_{party}", due_at.date(), status, code, None,
                            (("hours", hours),) if hours else (), due_at))
    out.sort(key=lambda d: (d.due_at, d.kind))
    return MissingStatus(hours_between(last_seen_at, now), tuple(out))
