"""The numbers of the deadline policy as a table: JSON path, `Policy` attribute, human label, unit and range.

One table serves the parser (`core.policy`: the range of each number), the writer (`policy_to_data`), the
administrator's editor (a row per number) and the error messages (the label of the field a bad value is in).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ospod_desktop.core.i18n import N_, _
from ospod_desktop.core.placement_rules import FACILITY_TYPES, INFORMED_PARTIES, label

MONTHS, WEEKS, DAYS, HOURS, WORKING_DAYS = N_("months"), N_("weeks"), N_("days"), N_("hours"), N_("working days")


@dataclass(frozen=True)
class Number:
    """A number of the policy at JSON `path`, kept in `Policy.<attr>` (or `Policy.<attr>[key]`)."""

    path: str
    attr: str
    label: str  # msgid
    unit: str  # msgid
    low: int
    high: int
    optional: bool = False  # may be null (no such deadline)
    key: str | None = None  # for the mapping attributes (missing_inform_hours)

    @property
    def group(self) -> str:
        return self.path.rsplit(".", 1)[0] if "." in self.path else ""


def _n(path: str, attr: str, msgid: str, unit: str, low: int = 1, high: int = 120, **kw: object) -> Number:
    return Number(path, attr, msgid, unit, low, high, **kw)  # type: ignore[arg-type]


NUMBERS: tuple[Number, ...] = (
    _n("due_soon_days", "due_soon_days", N_("Warn this many days before a deadline"), DAYS, 0, 90),
    _n("preliminary_measure.initial_months", "pm_initial_months", N_("Preliminary measure: first period"), MONTHS),
    _n("preliminary_measure.extension_months", "pm_extension_months", N_("Preliminary measure: one extension"),
       MONTHS),
    _n("preliminary_measure.usual_total_months", "pm_usual_total_months",
       N_("Preliminary measure: total without an exception"), MONTHS),
    _n("preliminary_measure.section_461_total_months", "pm_section_461_months",
       N_("Preliminary measure without Czech jurisdiction (s. 461): total"), MONTHS),
    _n("zdvop.total_stay_months", "zdvop_total_months", N_("ZDVOP: total stay"), MONTHS),
    _n("zdvop.contract_max_months", "zdvop_contract_months", N_("ZDVOP: one contract at most"), MONTHS),
    _n("zdvop.contract_extensions", "zdvop_contract_extensions", N_("ZDVOP: number of contract extensions"),
       N_("times"), 0, 12),
    _n("zdvop.contract_extension_months", "zdvop_extension_months", N_("ZDVOP: one contract extension"), MONTHS),
    _n("diagnostic_stay.weeks", "diagnostic_weeks", N_("Diagnostic stay"), WEEKS, 1, 104),
    _n("ipod.months", "ipod_months", N_("Individual protection plan (IPOD): first plan within"), MONTHS),
    _n("ipod.update_months", "ipod_update_months", N_("IPOD: update after a new placement within"), MONTHS),
    _n("guardian.unaccompanied_days", "guardian_days", N_("Guardian for an unaccompanied child within"), DAYS, 0, 90),
    _n("guardian.asylum_representative_working_days", "asylum_representative_working_days",
       N_("Representative after an asylum application within"), WORKING_DAYS, 1, 90),
    _n("turns_18.adult_months", "adult_months", N_("Age of majority"), MONTHS, 12, 300),
    _n("turns_18.planning_months", "release_planning_months", N_("Release planning from the age of"), MONTHS, 12, 300),
    _n("information_request.days", "information_request_days", N_("Answer to a request for information within"),
       DAYS, 1, 365),
    _n("return_interview.days", "return_interview_days", N_("Interview after a return from a disappearance within"),
       DAYS, 1, 90),
    _n("trafficking.police_report_days", "trafficking_police_report_days",
       N_("Trafficking: report a presumed victim to the police within"), DAYS, 0, 90),
    _n("trafficking.reflection_period_months", "trafficking_reflection_months",
       N_("Trafficking: reflection period of a foreign victim"), MONTHS, 1, 12),
    _n("trafficking.reassessment_days", "trafficking_reassessment_days",
       N_("Trafficking: assess a concern again within"), DAYS, 1, 365),
    *(_n(f"missing.inform_within_hours.{p}", "missing_inform_hours", N_("Missing child: inform {party} within"),
         HOURS, 0, 24 * 14, optional=True, key=p) for p in INFORMED_PARTIES),
)
BY_PATH = {n.path: n for n in NUMBERS}

SUM_EARLIER_STAYS = "zdvop.sum_earlier_stays"
ASYLUM_FROM = "guardian.asylum_representative_from"
DIAGNOSTIC_SETTINGS = "diagnostic_stay.settings"
VISITS_DEFAULT = "visits.default"
FLAG_LABELS = {SUM_EARLIER_STAYS: N_("ZDVOP: count earlier stays into the total")}
DATE_LABELS = {ASYLUM_FROM: N_("Asylum representative deadline applies from")}

GROUPS = {
    "": N_("General"),
    "preliminary_measure": N_("Preliminary measure"),
    "zdvop": N_("ZDVOP"),
    "diagnostic_stay": N_("Diagnostic stay"),
    "ipod": N_("Individual protection plan"),
    "guardian": N_("Guardian"),
    "turns_18": N_("18th birthday"),
    "information_request": N_("Requests for information"),
    "return_interview": N_("Return from a disappearance"),
    "missing": N_("Missing child"),
    "trafficking": N_("Child trafficking"),
    "missing.inform_within_hours": N_("Missing child"),
    "visits": N_("Supervision visits"),
}
PLAIN_LABELS = {
    "file": N_("policy file"),
    "format": N_("file format"),
    "version": N_("file format version"),
    "revision": N_("policy revision"),
    DIAGNOSTIC_SETTINGS: N_("Diagnostic stay: settings presumed to be one"),
    "missing.inform_within_hours": N_("Missing child: whom to inform"),
    "visits.by_setting": N_("Supervision visits by setting"),
    **FLAG_LABELS,
    **DATE_LABELS,
}
_STEP = re.compile(r"^(visits\.(?:default|by_setting\.(\w+)))(?:\.steps(?:\[(\d+)\](?:\.(\w+))?)?)?$")


def number_label(n: Number) -> str:
    return _(n.label).format(party=label(INFORMED_PARTIES, n.key)) if n.key else _(n.label)


def visits_label(setting: str | None) -> str:
    """"Supervision visits: Foster family" (None: the default for settings not listed)."""
    where = label(FACILITY_TYPES, setting) if setting else _("any other setting")
    return _("Supervision visits: {setting}").format(setting=where)


def field_label(key: str) -> str:
    """A human label of the policy field at JSON path `key` ("zdvop.total_stay_months.value" -> "ZDVOP: total
    stay"); the key itself for what has no label (an unknown key in a malformed file)."""
    base = re.sub(r"\.(value|basis|kind)$", "", key)
    if base in BY_PATH:
        return number_label(BY_PATH[base])
    if base in PLAIN_LABELS:
        return _(PLAIN_LABELS[base])
    step = _STEP.match(base)
    if step:
        text = visits_label(step.group(2) if step.group(1) != VISITS_DEFAULT else None)
        if step.group(3) is not None:
            text = _("{visits}, step {n}").format(visits=text, n=int(step.group(3)) + 1)
        if step.group(4) == "every_months":
            text = _("{step}: every (months)").format(step=text)
        elif step.group(4) == "until_month":
            text = _("{step}: until month").format(step=text)
        return text
    if base in GROUPS:
        return _(GROUPS[base])
    return key
