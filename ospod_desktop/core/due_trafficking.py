"""The clocks that follow a trafficking-indicator assessment (registered in `core.due_model`; issue 11).

- `police_report`: the latest finished assessment concludes the child is a presumed victim — report the
  suspicion to the police at once (policy `trafficking.police_report_days`, 0); a report recorded on or after
  the day the assessment was finished resolves it.
- `reflection_period`: the police granted a foreign victim a reflection period (Act 326/1999 s. 42e) — it ends
  on the recorded day, else `trafficking.reflection_period_months` after its start. Only the latest period
  counts (a new one replaces an earlier one); the item stays until its last day, then goes (nothing records
  its end: `services.due` recomputes the child the day after, `refresh_on`).
- `reassessment`: the latest finished assessment concludes a concern — assess again within
  `trafficking.reassessment_days` (30, office practice); any later finished assessment resolves it (it becomes
  the latest).

Drafts, returned assessments and a `no_indication` conclusion make nothing due.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from ospod_desktop.core.deadlines import add_months
from ospod_desktop.core.due_facts import ReflectionPeriod, TraffickingFacts
from ospod_desktop.core.due_model import Context, DueItem, rule
from ospod_desktop.core.i18n import N_

PRESUMED_VICTIM, CONCERN = "presumed_victim", "concern"
ASSESSMENT_SOURCE = "trafficking_assessment"
EVENT_SOURCE = "victim_event"

POLICE_REPORT = N_("The assessment finished on {concluded} concludes that the child is a presumed victim of "
                   "trafficking: report the suspicion to the police at once (due {due}).")
POLICE_REPORT_WITHIN = N_("The assessment finished on {concluded} concludes that the child is a presumed victim "
                          "of trafficking: report the suspicion to the police within {days}, by {due}.")
REFLECTION = N_("The police granted a reflection period from {start}; it ends on {due}.")
REFLECTION_USUAL = N_("The police granted a reflection period from {start}; it lasts {months}, until {due}.")
REASSESSMENT = N_("The assessment finished on {concluded} found signs of concern: assess the child again "
                  "within {days}, by {due}.")


def latest_reflection(facts: TraffickingFacts) -> ReflectionPeriod | None:
    """The period in force: the latest start (of two on one day, the later record)."""
    return max(facts.reflection_periods, key=lambda p: (p.starts_on, p.id or 0), default=None)


def reflection_end(period: ReflectionPeriod, months: int) -> date:
    return period.ends_on or add_months(period.starts_on, months)


@rule("trafficking", {
    "police_report": N_("Report a presumed victim of trafficking to the police"),
    "reflection_period": N_("Reflection period ends"),
    "reassessment": N_("Trafficking indicators: assess again"),
})
def trafficking(ctx: Context) -> Iterable[DueItem]:
    t, policy = ctx.facts.trafficking, ctx.policy
    source = (ASSESSMENT_SOURCE, t.assessment_id)
    if t.concluded_on is not None and t.conclusion == PRESUMED_VICTIM:
        if not any(on >= t.concluded_on for on in t.police_reports):
            days = policy.trafficking_police_report_days
            due = t.concluded_on + timedelta(days=days)
            if days:
                yield ctx.item("police_report", due, source, POLICE_REPORT_WITHIN, "trafficking.police_report_days",
                               days=days, concluded=t.concluded_on)
            else:
                yield ctx.item("police_report", due, source, POLICE_REPORT, "trafficking.police_report_days",
                               concluded=t.concluded_on)
    if t.concluded_on is not None and t.conclusion == CONCERN:
        days = policy.trafficking_reassessment_days
        yield ctx.item("reassessment", t.concluded_on + timedelta(days=days), source, REASSESSMENT,
                       "trafficking.reassessment_days", days=days, concluded=t.concluded_on)
    period = latest_reflection(t)
    if period is not None:
        months = policy.trafficking_reflection_months
        end = reflection_end(period, months)
        if ctx.day <= end:
            src = (EVENT_SOURCE, period.id)
            if period.ends_on:
                yield ctx.item("reflection_period", end, src, REFLECTION, "trafficking.reflection_period_months",
                               start=period.starts_on)
            else:
                yield ctx.item("reflection_period", end, src, REFLECTION_USUAL,
                               "trafficking.reflection_period_months", months=months, start=period.starts_on)
