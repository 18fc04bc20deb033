"""Reason codes of duplicate scoring (`ospod_desktop.core.matching`); `core.child_rules.REASONS` has their words."""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    """Why two records were scored as they were; the UI translates the codes."""

    NAME_EXACT = "NAME_EXACT"
    NAME_ACROSS_SCRIPTS = "NAME_ACROSS_SCRIPTS"  # another script or transliteration of the same name
    NAME_GERMAN_SPELLING = "NAME_GERMAN_SPELLING"  # a German transliteration on one side (Schewtschenko)
    NAME_POLISH_SPELLING = "NAME_POLISH_SPELLING"  # a Polish transliteration on one side (Szewczenko)
    NAME_SIMILAR = "NAME_SIMILAR"  # spelling differs by a typo or two
    NAME_WRITTEN_TOGETHER = "NAME_WRITTEN_TOGETHER"  # Abdulrahman on one side, Abdul Rahman on the other
    NAMES_SWAPPED = "NAMES_SWAPPED"  # given and family names exchanged or regrouped
    NAME_PARTIAL = "NAME_PARTIAL"  # one record has name parts the other lacks
    FEMININE_SURNAME_FORM = "FEMININE_SURNAME_FORM"  # Shevchenková vs Shevchenko
    ALIAS_MATCH = "ALIAS_MATCH"
    SAME_BIRTH_DATE = "SAME_BIRTH_DATE"
    BIRTH_DAY_MONTH_SWAPPED = "BIRTH_DAY_MONTH_SWAPPED"  # 03-04 vs 04-03 of one year
    BIRTH_DATE_JANUARY_FIRST = "BIRTH_DATE_JANUARY_FIRST"  # 1 January read as "only the year is known"
    SAME_BIRTH_YEAR = "SAME_BIRTH_YEAR"
    BIRTH_DATE_DIFFERS = "BIRTH_DATE_DIFFERS"  # two stated full dates of birth that differ: evidence against
    AGE_COMPATIBLE = "AGE_COMPATIBLE"
    AGE_NEARLY_FITS = "AGE_NEARLY_FITS"  # an estimate about a year off
    AGE_INCOMPATIBLE = "AGE_INCOMPATIBLE"
    SAME_SEX = "SAME_SEX"
    SEX_DIFFERS = "SEX_DIFFERS"
    SAME_NATIONALITY = "SAME_NATIONALITY"
    NATIONALITY_NEIGHBOURING = "NATIONALITY_NEIGHBOURING"  # neighbouring countries (Afghanistan, Iran)
    NATIONALITY_DIFFERS = "NATIONALITY_DIFFERS"
