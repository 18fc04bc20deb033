"""The statistics tables: their ids (a contract: `export stats` JSON, the CSV's `table` column, the XLSX's sheet
names — at most 31 characters — and the PDF's tables all use them), their keys in order, and how their cells
relate, which the suppression of small counts (`core.stats.suppress`) must respect.

Every table has the key `total`: the number of children the table is about. In a single-valued table every
child counts in exactly one cell, so the cells add up to the total. In a multi-valued table a child may count in
several cells (two nationalities, two forms of exploitation, two placements of different types): each cell is at
most the total and the cells add up to at least the total. Some tables count events in further keys
(`disappearances`: episodes; `visits_timeliness`: visits); a `Relation` says which keys add up to which.

A child counts in the period when the event happened: registered on the day found; screened, concern or
presumed on the day the assessment was finished; identified or assisted on the day of the victim event; placed
on the day the placement began; a disappearance on the day last seen; a visit on the day of the visit.
"""

from __future__ import annotations

from dataclasses import dataclass

from ospod_desktop.core import child_rules as R
from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core.i18n import N_
from ospod_desktop.core.indicators import codes as IC

TOTAL = "total"
UNKNOWN = "unknown"  # no value recorded (no nationality, no form, no country of exploitation, no channel)
STATELESS = "stateless"  # a nationality recorded as stateless (stored as the ISO user-assigned code "XX")

AGE_GROUPS = ("0-11", "12-14", "15-17", "18+", "disputed", UNKNOWN)
CITIZENSHIP_GROUPS = ("CZ", "EU", "non-EU", STATELESS, UNKNOWN)
SEX_KEYS = tuple(R.SEXES)  # M, F, U
STAGES = ("screened", "concern", "presumed", "identified", "assisted")
DIMENSIONS = ("sex", "age_group", "form", "citizenship", "exploited_in")
DISAPPEARANCE_KEYS = ("episodes", "returned_24h", "returned_7d", "returned_later", "not_returned")
VISIT_KEYS = ("visits", "on_time", "late", "without_clock")
REVIEW_KEYS = ("approved", "awaiting_approval")

SECTIONS = {
    "registered": N_("Registered children"),
    "trafficking": N_("Child trafficking"),
    "placements": N_("Placements"),
    "disappearances": N_("Disappearances"),
    "visits": N_("Supervision visits"),
}


@dataclass(frozen=True)
class Relation:
    """How cells of one table relate. `exact`: `whole` equals the sum of `parts`. Not exact (a multi-valued
    table): every part is at most `whole`, and `whole` is at most the sum of the parts. `parts` None: every key
    of the table but `whole` and the keys that are wholes of other relations (open tables: ISO codes)."""

    whole: str
    parts: tuple[str, ...] | None
    exact: bool
    events: bool = False  # the parts count events (episodes, visits), the whole children: whole <= sum, both 0 or not


@dataclass(frozen=True)
class TableSpec:
    """One table. `keys` None: an open set of keys (ISO country codes, then `stateless` and `unknown`), ordered
    by count (largest first) then code; otherwise the keys in order (every one present, zeros too), `total`
    last in either case. `title` and `note` are msgids (translate when shown)."""

    id: str
    section: str
    title: str
    keys: tuple[str, ...] | None
    relations: tuple[Relation, ...]
    note: str = ""
    by: str = ""  # the breakdown of a trafficking stage's table ("by sex"): the title is "{title} {by}"

    @property
    def multi(self) -> bool:
        """A child may count in more than one cell (the cells may add up to more than the total)."""
        return any(not r.exact and r.whole == TOTAL for r in self.relations)


def _single(keys: tuple[str, ...]) -> tuple[Relation, ...]:
    return (Relation(TOTAL, keys, True),)


def _multi(keys: tuple[str, ...] | None) -> tuple[Relation, ...]:
    return (Relation(TOTAL, keys, False),)


_STAGE_TITLES = {
    "screened": N_("Screened (an assessment finished)"),
    "concern": N_("Children with a concern of trafficking"),
    "presumed": N_("Presumed victims"),
    "identified": N_("Children identified by the police"),
    "assisted": N_("Children referred to assistance"),
}
_DIMENSION_TITLES = {
    "sex": N_("by sex"),
    "age_group": N_("by age group"),
    "form": N_("by form of exploitation"),
    "citizenship": N_("by citizenship"),
    "exploited_in": N_("by country of exploitation"),
}
MULTI_NOTE = N_("A child may count in more than one row; the total counts each child once.")
FORM_KEYS = (*IC.FORMS, UNKNOWN)


def _stage_table(stage: str, dim: str) -> TableSpec:
    keys: tuple[str, ...] | None = {"sex": SEX_KEYS, "age_group": AGE_GROUPS, "form": FORM_KEYS}.get(dim)
    multi = dim in ("form", "citizenship", "exploited_in")
    return TableSpec(f"{stage}_by_{dim}", "trafficking", _STAGE_TITLES[stage], keys,
                     _multi(keys) if multi else _single(keys or ()), MULTI_NOTE if multi else "",
                     by=_DIMENSION_TITLES[dim])


def _tables() -> tuple[TableSpec, ...]:
    channel_keys = (*R.CHANNELS, UNKNOWN)
    status_keys = tuple(R.STATUSES)
    facility_keys = tuple(PR.FACILITY_TYPES)
    registered = (
        TableSpec("registered_by_status", "registered", N_("Registered children by status"), status_keys,
                  _single(status_keys)),
        TableSpec("registered_by_sex", "registered", N_("Registered children by sex"), SEX_KEYS, _single(SEX_KEYS)),
        TableSpec("registered_by_age_group", "registered", N_("Registered children by age group when found"),
                  AGE_GROUPS, _single(AGE_GROUPS)),
        TableSpec("registered_by_citizenship", "registered", N_("Registered children by citizenship"), None,
                  _multi(None), MULTI_NOTE),
        TableSpec("registered_by_citizenship_group", "registered",
                  N_("Registered children by citizenship group"), CITIZENSHIP_GROUPS, _multi(CITIZENSHIP_GROUPS),
                  MULTI_NOTE),
        TableSpec("registered_by_channel", "registered", N_("Registered children by intake channel"), channel_keys,
                  _single(channel_keys)),
    )
    trafficking = (
        TableSpec("trafficking", "trafficking", N_("Child trafficking: children at each stage"), STAGES,
                  _multi(STAGES), N_("A child counts at every stage reached in the period; the total counts each "
                                     "child once.")),
        *(_stage_table(stage, dim) for stage in STAGES for dim in DIMENSIONS),
        TableSpec("presumed_by_review", "trafficking", N_("Presumed victims by the supervisor's approval"),
                  REVIEW_KEYS, _single(REVIEW_KEYS),
                  N_("The officer's conclusion counts; the supervisor's approval is shown beside it, not required.")),
    )
    buckets = DISAPPEARANCE_KEYS[1:]
    visits = VISIT_KEYS[1:]
    return (
        *registered,
        *trafficking,
        TableSpec("placements_by_facility_type", "placements", N_("Children placed, by type of facility"),
                  facility_keys, _multi(facility_keys), MULTI_NOTE),
        TableSpec("disappearances", "disappearances", N_("Disappearances"), DISAPPEARANCE_KEYS,
                  (Relation("episodes", buckets, True), Relation(TOTAL, ("episodes",), False, events=True)),
                  N_("Episodes by when the child returned; the total counts children.")),
        TableSpec("visits_timeliness", "visits", N_("Supervision visits on time and late"), VISIT_KEYS,
                  (Relation("visits", visits, True), Relation(TOTAL, ("visits",), False, events=True)),
                  N_("Visits at which the child was seen, against the visit clock of the deadline policy; the "
                     "total counts children.")),
    )


TABLES: dict[str, TableSpec] = {t.id: t for t in _tables()}
