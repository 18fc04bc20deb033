"""Translated titles and key labels of the statistics tables (the ids and keys stay codes in every export)."""

from __future__ import annotations

from ospod_desktop.core import child_rules as R
from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core.countries import country_name
from ospod_desktop.core.i18n import N_, _
from ospod_desktop.core.indicators import codes as IC
from ospod_desktop.core.stats.tables import SECTIONS, STATELESS, TABLES, TOTAL, UNKNOWN, TableSpec

_COMMON = {
    TOTAL: N_("Total (children)"),
    UNKNOWN: N_("Not recorded"),  # no nationality, form, channel… in the record (not an answer "not known")
    STATELESS: N_("Stateless"),
}
_AGE = {
    "0-11": N_("0–11 years"),
    "12-14": N_("12–14 years"),
    "15-17": N_("15–17 years"),
    "18+": N_("18 years or older"),
    "disputed": N_("Age assessed or disputed"),
}
_CITIZENSHIP_GROUP = {
    "CZ": N_("Czech Republic"),
    "EU": N_("Another EU member state"),
    "non-EU": N_("A country outside the EU"),
}
_STAGE = {
    "screened": N_("Screened"),
    "concern": N_("Concern"),
    "presumed": N_("Presumed victim"),
    "identified": N_("Identified by the police"),
    "assisted": N_("Assisted"),
}
_DISAPPEARANCE = {
    "episodes": N_("Episodes"),
    "returned_24h": N_("Returned within 24 hours"),
    "returned_7d": N_("Returned after 24 hours, within 7 days"),
    "returned_later": N_("Returned after 7 days"),
    "not_returned": N_("Not returned"),
}
_VISIT = {
    "visits": N_("Visits"),
    "on_time": N_("On time"),
    "late": N_("Late"),
    "without_clock": N_("No visit clock running"),
}
_REVIEW = {
    "approved": N_("Approved by a supervisor"),
    "awaiting_approval": N_("Awaiting approval"),
}


def section_label(section: str) -> str:
    return _(SECTIONS[section])


def title_of(spec: TableSpec | str) -> str:
    """The table's translated title ("Presumed victims by sex")."""
    table = TABLES[spec] if isinstance(spec, str) else spec
    return f"{_(table.title)} {_(table.by)}" if table.by else _(table.title)


def _dimension(table_id: str) -> str:
    for suffix in ("sex", "age_group", "form", "citizenship_group", "citizenship", "exploited_in", "status",
                   "channel", "facility_type", "review"):
        if table_id.endswith("_by_" + suffix):
            return suffix
    return table_id


def key_label(table_id: str, key: str) -> str:
    """The translated label of `key` in table `table_id` (an ISO code: the country's name)."""
    if key in _COMMON:
        return _(_COMMON[key])
    dim = _dimension(table_id)
    codes: dict[str, str] = {
        "sex": R.SEXES, "age_group": _AGE, "form": IC.LABELS["form"], "citizenship_group": _CITIZENSHIP_GROUP,
        "status": R.STATUSES, "channel": R.CHANNELS, "facility_type": PR.FACILITY_TYPES, "review": _REVIEW,
        "trafficking": _STAGE, "disappearances": _DISAPPEARANCE, "visits_timeliness": _VISIT,
    }.get(dim, {})
    if key in codes:
        return _(codes[key])
    if dim in ("citizenship", "exploited_in") and len(key) == 2:
        return country_name(key)
    return key
