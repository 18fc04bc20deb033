"""Codes and limits of a child's registration; kept as data so the UI and services share them."""

from __future__ import annotations

from ospod_desktop.core import limits
from ospod_desktop.core.i18n import N_, _

SEXES = {"M": N_("male"), "F": N_("female"), "U": N_("unknown")}
STATUSES = {
    "unaccompanied": N_("unaccompanied (no adult)"),
    "separated": N_("separated (with an adult who is not the legal guardian)"),
}
CHANNELS = {
    "police": N_("Police"),
    "kacpu": N_("KACPU (assistance centre for Ukraine)"),
    "border": N_("Border or airport"),
    "field": N_("Field work"),
    "facility": N_("Facility"),
    "ngo": N_("NGO"),
    "self": N_("Self-referral"),
    "other": N_("Other"),
}
URGENCIES = {"immediate": N_("Immediate"), "within_24h": N_("Within 24 hours"), "standard": N_("Standard")}
ASSESSMENT_METHODS = {
    "interview": N_("Interview"),
    "documents": N_("Documents"),
    "medical": N_("Medical examination"),
    "other": N_("Other"),
}
IDENTIFIER_KINDS = {
    "passport": N_("Passport"),
    "id_card": N_("Identity card"),
    "birth_certificate": N_("Birth certificate"),
    "residence_permit": N_("Residence permit"),
    "other_document": N_("Other document"),
    "agency": N_("Another agency's reference"),
}
ALIVE = {"yes": N_("alive"), "no": N_("deceased"), "unknown": N_("unknown")}
CASE_STATUSES = {"open": N_("open"), "closed": N_("closed")}
CLOSE_REASONS = {
    "turned_18": N_("Turned 18"),
    "returned_to_family": N_("Returned to family"),
    "reunited_abroad": N_("Reunited with family abroad"),
    "repatriated": N_("Repatriated"),
    "transferred": N_("Transferred to another OSPOD"),
    "duplicate_merged": N_("Duplicate record merged"),
    "died": N_("Died"),
    "other": N_("Other"),
}

# The lengths are shared with every other form (`core.limits`); these names are kept for the registration.
NAME_MAX, LINE_MAX, TEXT_MAX = limits.NAME_MAX, limits.LINE_MAX, limits.TEXT_MAX
MAX_ALIASES = 20
MAX_ITEMS = 50
PHOTO_MAX_BYTES = 2 * 1024 * 1024


def label(codes: dict[str, str], code: str) -> str:
    """The translated label of a code (the code itself if unknown)."""
    return _(codes[code]) if code in codes else code


# Why duplicate detection scored two records alike (codes of `core.matching.Reason`).
REASONS = {
    "NAME_EXACT": N_("same name"),
    "NAME_ACROSS_SCRIPTS": N_("name matches across scripts"),
    "NAME_GERMAN_SPELLING": N_("German spelling of the name"),
    "NAME_POLISH_SPELLING": N_("Polish spelling of the name"),
    "NAME_SIMILAR": N_("name spelled similarly"),
    "NAME_WRITTEN_TOGETHER": N_("name written as one word on one record"),
    "NAMES_SWAPPED": N_("given and family names swapped"),
    "NAME_PARTIAL": N_("part of the name matches"),
    "FEMININE_SURNAME_FORM": N_("feminine form of the same surname"),
    "ALIAS_MATCH": N_("matches an alias"),
    "SAME_BIRTH_DATE": N_("same date of birth"),
    "BIRTH_DAY_MONTH_SWAPPED": N_("day and month of birth swapped"),
    "BIRTH_DATE_JANUARY_FIRST": N_("1 January read as the year of birth only"),
    "SAME_BIRTH_YEAR": N_("same birth year"),
    "BIRTH_DATE_DIFFERS": N_("dates of birth differ"),
    "AGE_COMPATIBLE": N_("age fits"),
    "AGE_NEARLY_FITS": N_("age about a year off"),
    "AGE_INCOMPATIBLE": N_("age does not fit"),
    "SAME_SEX": N_("same sex"),
    "SEX_DIFFERS": N_("sex differs"),
    "SAME_NATIONALITY": N_("same nationality"),
    "NATIONALITY_NEIGHBOURING": N_("neighbouring nationality"),
    "NATIONALITY_DIFFERS": N_("nationality differs"),
}
