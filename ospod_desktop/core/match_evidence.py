"""Evidence beside the names in duplicate scoring: birth date, year or estimated age, and nationality.

Each function returns a score adjustment and the reason codes behind it (see `core.matching`).
"""

from __future__ import annotations

from datetime import date

from ospod_desktop.core.match_reasons import Reason
from ospod_desktop.core.names import PreparedRecord

SAME_BIRTH_DATE_BONUS = 0.10
SAME_BIRTH_YEAR_BONUS = 0.04
AGE_COMPATIBLE_BONUS = 0.02
# Two stated full dates of birth that differ speak against one child: a child who gives a date usually
# gives the same one, and two children of one common name are often born in the same year.
BIRTH_DATE_DIFFERS_PENALTY = -0.22
AGE_NEARLY_FITS_PENALTY = -0.04  # per year of gap, up to a year: assessed ages and years often are a year off
AGE_INCOMPATIBLE_PENALTY = -0.25  # per year beyond the tolerated gap, capped below
AGE_INCOMPATIBLE_CAP = -0.6
SAME_NATIONALITY_BONUS = 0.03
NEIGHBOURING_NATIONALITY_PENALTY = -0.02  # born across the border, a parent's country, the language spoken
NATIONALITY_DIFFERS_PENALTY = -0.08
_YEAR = 365.25
# The most the evidence beside the names can add to a score (`core.matching`'s sex bonus comes on top): a pair whose
# names score too low to reach a threshold even with it is not scored further (`core.match_batch`).
MAX_BIRTH_BONUS = max(SAME_BIRTH_DATE_BONUS, SAME_BIRTH_YEAR_BONUS, AGE_COMPATIBLE_BONUS)
MAX_NATIONALITY_BONUS = SAME_NATIONALITY_BONUS


def _year_bounds(day: date) -> tuple[int, int]:
    return date(day.year, 1, 1).toordinal(), date(day.year, 12, 31).toordinal()


def birth_evidence(a: PreparedRecord, b: PreparedRecord) -> tuple[float, tuple[Reason, ...]]:
    """Adjustment and reasons from birth dates, birth years or estimated age ranges."""
    if a.birth_lo is None or b.birth_lo is None or a.birth_hi is None or b.birth_hi is None:
        return 0.0, ()
    a_lo, a_hi, a_exact, b_lo, b_hi, b_exact = a.birth_lo, a.birth_hi, a.birth_exact, b.birth_lo, b.birth_hi, b.birth_exact
    reasons: tuple[Reason, ...] = ()
    if a_exact and b_exact:
        if a_lo == b_lo:
            return SAME_BIRTH_DATE_BONUS, (Reason.SAME_BIRTH_DATE,)
        da, db = a.record.birth_date, b.record.birth_date
        assert da is not None and db is not None  # birth_exact: the bounds come from a stated date
        if (da.day, da.month, da.year) == (db.month, db.day, db.year):
            return SAME_BIRTH_YEAR_BONUS, (Reason.BIRTH_DAY_MONTH_SWAPPED,)
    # 1 January is what registers write when only the year is known (or assessed): compare it as a year.
    a_date, b_date = a.record.birth_date, b.record.birth_date
    if a_exact and a_date is not None and a_lo != b_lo and a_date.month == a_date.day == 1:
        a_lo, a_hi, a_exact = *_year_bounds(a_date), False
        reasons = (Reason.BIRTH_DATE_JANUARY_FIRST,)
    if b_exact and b_date is not None and a.birth_lo != b_lo and b_date.month == b_date.day == 1:
        b_lo, b_hi, b_exact = *_year_bounds(b_date), False
        reasons = (Reason.BIRTH_DATE_JANUARY_FIRST,)
    if a_exact and b_exact:
        gap_years = abs(a_lo - b_lo) / _YEAR
        if gap_years <= 1.0:
            return BIRTH_DATE_DIFFERS_PENALTY, (Reason.BIRTH_DATE_DIFFERS,)
        return max(AGE_INCOMPATIBLE_CAP, min(BIRTH_DATE_DIFFERS_PENALTY, AGE_INCOMPATIBLE_PENALTY * (gap_years - 0.5))), (
            Reason.AGE_INCOMPATIBLE,)
    gap_days = max(0, a_lo - b_hi, b_lo - a_hi)
    if gap_days == 0:
        if a.birth_year is not None and a.birth_year == b.birth_year:
            return SAME_BIRTH_YEAR_BONUS, (*reasons, Reason.SAME_BIRTH_YEAR)
        return AGE_COMPATIBLE_BONUS, (*reasons, Reason.AGE_COMPATIBLE)
    gap_years = gap_days / _YEAR
    if gap_years <= 1.0:
        return AGE_NEARLY_FITS_PENALTY * gap_years, (*reasons, Reason.AGE_NEARLY_FITS)
    # Beyond a year the penalty grows by a quarter per year, from where a year's gap would put it.
    penalty = max(AGE_INCOMPATIBLE_CAP, AGE_INCOMPATIBLE_PENALTY * (gap_years - 0.6))
    return penalty, (*reasons, Reason.AGE_INCOMPATIBLE)


def nationality_evidence(a: PreparedRecord, b: PreparedRecord) -> tuple[float, tuple[Reason, ...]]:
    """Adjustment and reason from the recorded nationalities (nothing if either side has none)."""
    if not a.nationalities or not b.nationalities:
        return 0.0, ()
    if not a.nationalities.isdisjoint(b.nationalities):
        return SAME_NATIONALITY_BONUS, (Reason.SAME_NATIONALITY,)
    if any(NEIGHBOURS.get(x, frozenset()) & b.nationalities for x in a.nationalities):
        return NEIGHBOURING_NATIONALITY_PENALTY, (Reason.NATIONALITY_NEIGHBOURING,)
    return NATIONALITY_DIFFERS_PENALTY, (Reason.NATIONALITY_DIFFERS,)


# Land borders of the countries unaccompanied children reaching Czechia mostly come from, and of their
# neighbours (ISO 3166-1 alpha-2; made symmetric below). A child born in Iran to Afghan parents, or a
# Ukrainian child with a Russian passport, is often recorded with either nationality.
_BORDERS = {
    # Eastern Europe, the Caucasus and Central Asia
    "UA": "BY HU MD PL RO RU SK", "RU": "AZ BY CN EE FI GE KP KZ LT LV MN NO PL UA", "BY": "LT LV PL RU UA",
    "MD": "RO UA", "GE": "AM AZ RU TR", "AM": "AZ GE IR TR", "AZ": "AM GE IR RU TR",
    "TR": "AM AZ BG GE GR IQ IR SY", "KZ": "CN KG RU TM UZ", "UZ": "AF KG KZ TJ TM", "TJ": "AF CN KG UZ",
    "TM": "AF IR KZ UZ", "KG": "CN KZ TJ UZ",
    # The Balkans
    "AL": "GR ME MK XK", "RS": "BA BG HR HU ME MK RO XK", "XK": "AL ME MK RS", "MK": "AL BG GR RS XK",
    "BA": "HR ME RS", "ME": "AL BA HR RS XK",
    # South Asia and the Middle East
    "AF": "CN IR PK TJ TM UZ", "PK": "AF CN IN IR", "IN": "BD BT CN MM NP PK", "BD": "IN MM", "NP": "CN IN",
    "IR": "AF AM AZ IQ PK TM TR", "IQ": "IR JO KW SA SY TR", "SY": "IL IQ JO LB TR", "LB": "IL SY",
    "JO": "IL IQ PS SA SY", "IL": "EG JO LB PS SY", "PS": "EG IL JO", "SA": "AE IQ JO KW OM QA YE",
    "YE": "OM SA", "KW": "IQ SA",
    # Africa
    "EG": "IL LY PS SD", "LY": "DZ EG NE SD TD TN", "TN": "DZ LY", "DZ": "EH LY MA ML MR NE TN", "MA": "DZ EH",
    "SD": "CF EG ER ET LY SS TD", "SS": "CD CF ET KE SD UG", "ER": "DJ ET SD", "ET": "DJ ER KE SD SO SS",
    "SO": "DJ ET KE", "DJ": "ER ET SO", "KE": "ET SO SS TZ UG", "NG": "BJ CM NE TD",
    "GN": "CI GW LR ML SL SN", "ML": "BF CI DZ GN MR NE SN", "SN": "GM GN GW ML MR",
    "CM": "CF CG GA GQ NG TD", "CD": "AO BI CF CG RW SS TZ UG ZM",
    # East and South-East Asia
    "VN": "CN KH LA", "CN": "AF BT IN KG KP KZ LA MM MN NP PK RU TJ VN", "LA": "CN KH MM TH VN",
    "KH": "LA TH VN", "MM": "BD CN IN LA TH", "TH": "KH LA MM MY", "MN": "CN RU",
}


def _symmetric(borders: dict[str, str]) -> dict[str, frozenset[str]]:
    pairs: dict[str, set[str]] = {}
    for country, others in borders.items():
        for other in others.split():
            pairs.setdefault(country, set()).add(other)
            pairs.setdefault(other, set()).add(country)
    return {country: frozenset(others) for country, others in pairs.items()}


NEIGHBOURS = _symmetric(_BORDERS)
