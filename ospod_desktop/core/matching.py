"""Duplicate scoring of two child registrations: names across scripts, birth date or age, sex, nationality.

The score is a name similarity in [0, 1] scaled by `NAME_WEIGHT`, plus small bonuses for agreeing
evidence and larger penalties for contradicting evidence, clamped to [0, 1]. Every contribution is
reported as a `Reason` code so the UI can explain (and translate) why two records look alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from rapidfuzz.distance import OSA, JaroWinkler

from ospod_desktop.core.names import NameRecord, PreparedRecord, Token, phonetic_key, prepare

__all__ = ["DEFAULT_THRESHOLD", "MatchResult", "Reason", "match"]

DEFAULT_THRESHOLD = 0.75  # score at or above which a pair is shown as a likely duplicate


class Reason(StrEnum):
    """Why two records were scored as they were; the UI translates the codes."""

    NAME_EXACT = "NAME_EXACT"
    NAME_ACROSS_SCRIPTS = "NAME_ACROSS_SCRIPTS"  # another script or transliteration of the same name
    NAME_SIMILAR = "NAME_SIMILAR"  # spelling differs by a typo or two
    NAMES_SWAPPED = "NAMES_SWAPPED"  # given and family names exchanged or regrouped
    NAME_PARTIAL = "NAME_PARTIAL"  # one record has name parts the other lacks
    FEMININE_SURNAME_FORM = "FEMININE_SURNAME_FORM"  # Shevchenková vs Shevchenko
    ALIAS_MATCH = "ALIAS_MATCH"
    SAME_BIRTH_DATE = "SAME_BIRTH_DATE"
    SAME_BIRTH_YEAR = "SAME_BIRTH_YEAR"
    AGE_COMPATIBLE = "AGE_COMPATIBLE"
    AGE_INCOMPATIBLE = "AGE_INCOMPATIBLE"
    SAME_SEX = "SAME_SEX"
    SEX_DIFFERS = "SEX_DIFFERS"
    SAME_NATIONALITY = "SAME_NATIONALITY"
    NATIONALITY_DIFFERS = "NATIONALITY_DIFFERS"


@dataclass(frozen=True, slots=True)
class MatchResult:
    """Score in [0, 1] and the reasons behind it."""

    score: float
    reasons: tuple[Reason, ...]
    name_score: float = 0.0

    @property
    def likely_duplicate(self) -> bool:
        """True if the score reaches DEFAULT_THRESHOLD."""
        return self.score >= DEFAULT_THRESHOLD


# --- Token similarity -----------------------------------------------------------------------------

# Kinds of token agreement, from strongest to weakest.
EXACT, PHONETIC, FEMININE, SIMILAR, WEAK = range(5)

PHONETIC_SCORE = 0.95  # same phonetic key: a transliteration variant
ALTERNATIVE_SCORE = 0.93  # same key under an alternative reading (Czech ch = Kh)
FEMININE_SCORE = 0.95  # Czech or Slavic feminine form of the same surname
SKELETON_SCORE = 0.92  # abjad consonants match the Latin spelling's consonants
TYPO_COST = 0.07  # per edit operation in a word of five letters or more
SHORT_TYPO_COST = 0.12  # per edit in a shorter word, where one letter is a larger part of the name
WEAK_CAP = 0.6  # different names never count for more than this, however alike they look

_sim_cache: dict[tuple[str, bool, str, bool], tuple[float, int]] = {}
_SIM_CACHE_LIMIT = 50_000  # word pairs; cleared when full (names repeat a lot, so it refills fast)


def _typo_allowance(length: int) -> int:
    """Edit operations forgiven in a token of this length: none in one- or two-letter names."""
    return 0 if length <= 2 else 1 if length <= 6 else 2


def _compute_sim(a: Token, b: Token) -> tuple[float, int]:
    """Similarity and kind of agreement of two distinct tokens."""
    common = a.keys & b.keys
    if common:
        if a.key == b.key:
            return PHONETIC_SCORE, PHONETIC
        if common - a.feminine_keys - b.feminine_keys:
            return ALTERNATIVE_SCORE, PHONETIC
        return FEMININE_SCORE, FEMININE
    if a.abjad != b.abjad:
        # Only consonants are comparable between "mhmd" and "Mohammed".
        if a.skeletons & b.skeletons:
            return SKELETON_SCORE, PHONETIC
        sa, sb = min(a.skeletons), min(b.skeletons)
        return min(WEAK_CAP, JaroWinkler.normalized_similarity(sa, sb) - 0.3), WEAK
    shorter = min(len(a.text), len(b.text))
    allowed = _typo_allowance(shorter)
    if allowed:
        text_distance = OSA.distance(a.text, b.text, score_cutoff=allowed + 2)
        key_distance = min(OSA.distance(x, y, score_cutoff=2) for x in a.keys for y in b.keys)
        # A slip in a transliterated name is one edit of its key; but "Kovalchuk"/"Kovalenko" or
        # "Huynh"/"Hoang" are one or two key edits apart while their spellings differ a lot.
        if text_distance <= allowed or (key_distance <= 1 and text_distance <= allowed + 1):
            cost = TYPO_COST if shorter >= 5 else SHORT_TYPO_COST
            return 1.0 - cost * min(text_distance, key_distance), SIMILAR
    similarity = max(
        JaroWinkler.normalized_similarity(a.text, b.text), JaroWinkler.normalized_similarity(a.key, b.key)
    )
    return max(0.0, min(WEAK_CAP, similarity - 0.3)), WEAK


def _sim(a: Token, b: Token) -> tuple[float, int]:
    """Cached, symmetric token similarity."""
    if a.text == b.text and a.abjad == b.abjad:
        return 1.0, EXACT
    key = (a.text, a.abjad, b.text, b.abjad) if a.text <= b.text else (b.text, b.abjad, a.text, a.abjad)
    hit = _sim_cache.get(key)
    if hit is None:
        if len(_sim_cache) >= _SIM_CACHE_LIMIT:
            _sim_cache.clear()
        hit = _sim_cache[key] = _compute_sim(a, b) if key[0] == a.text else _compute_sim(b, a)
    return hit


# --- Name comparison ------------------------------------------------------------------------------

SWAP_FACTOR = 0.97  # given and family names exchanged: a common registration error, mildly penalised
FLAT_FACTOR = 0.95  # matched regardless of which field each word was in
SCRIPT_FACTOR = 0.97  # one side's original-script name against the other's Latin name
ALIAS_FACTOR = 0.95  # matched through an alias
MISSING_FACTOR = 0.9  # per name part present on one side only
SINGLE_NAME_MISSING_FACTOR = 0.8  # one side has a single name: a weak basis for a match
JOINED_SCORE = 0.95  # "Abdulrahman" vs "Abdul Rahman": reported as a similar spelling


@dataclass(slots=True)
class _NameMatch:
    """Best name comparison found so far."""

    score: float = 0.0
    kinds: frozenset[int] = frozenset()
    missing: int = 0
    swapped: bool = False
    cross_script: bool = False
    alias: bool = False


class _Alignment(NamedTuple):
    """How two word lists pair up."""

    score: float
    kinds: frozenset[int]
    missing: int  # words of the longer list left unpaired
    pairs: tuple[tuple[int, int], ...]  # (index in a, index in b)
    cross_script: bool  # some paired words are written in different scripts


def _align(a: tuple[Token, ...], b: tuple[Token, ...]) -> _Alignment:
    """Greedy one-to-one alignment of two word lists (names have a handful of words)."""
    if len(a) == 1 and len(b) == 1:
        score, kind = _sim(a[0], b[0])
        return _Alignment(score, frozenset((kind,)), 0, ((0, 0),), a[0].foreign != b[0].foreign)
    # Best pairs first; ties are broken by the words themselves so that match(a, b) and match(b, a)
    # pair words alike.
    candidates = []
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            sim, kind = _sim(x, y)
            low, high = (x.text, y.text) if x.text <= y.text else (y.text, x.text)
            candidates.append((-sim, kind, low, high, i, j))
    candidates.sort()
    used_a: set[int] = set()
    used_b: set[int] = set()
    score, kinds, pairs, cross = 1.0, set(), [], False
    for neg_sim, kind, _, _, i, j in candidates:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        score *= -neg_sim
        kinds.add(kind)
        pairs.append((i, j))
        cross = cross or a[i].foreign != b[j].foreign
        if len(pairs) == min(len(a), len(b)):
            break
    missing = abs(len(a) - len(b))
    if missing:
        score *= (SINGLE_NAME_MISSING_FACTOR if min(len(a), len(b)) == 1 else MISSING_FACTOR) ** missing
        joined = _joined(a, b)
        if joined > score:
            return _Alignment(joined, frozenset((SIMILAR,)), 0, tuple(pairs), cross)
    return _Alignment(score, frozenset(kinds), missing, tuple(pairs), cross)


def _joined(a: tuple[Token, ...], b: tuple[Token, ...]) -> float:
    """Similarity of the words written together, for names split differently (Abdul Rahman)."""
    ja, jb = "".join(t.text for t in a), "".join(t.text for t in b)
    if ja == jb:
        return JOINED_SCORE
    if phonetic_key(ja) == phonetic_key(jb):
        return JOINED_SCORE * PHONETIC_SCORE
    return 0.0


def _consider(best: _NameMatch, factor: float, aligned: _Alignment, **flags) -> _NameMatch:
    """Keep the better of the current best and a new comparison (the earlier one on a tie)."""
    score = aligned.score * factor
    if score > best.score:
        return _NameMatch(score, aligned.kinds, aligned.missing, cross_script=aligned.cross_script, **flags)
    return best


def _compare_names(a: PreparedRecord, b: PreparedRecord) -> _NameMatch:
    """Best agreement between any spelling of a's name and any spelling of b's."""
    # Each comparison is discounted by a factor, so it is skipped when even a perfect result could
    # not beat the best one so far.
    best = _NameMatch()
    one_word_each = False
    if (bool(a.given), bool(a.family)) == (bool(b.given), bool(b.family)) and (a.given or a.family):
        # Field by field when both records fill the same fields.
        aligned = [_align(x, y) for x, y in ((a.given, b.given), (a.family, b.family)) if x]
        best = _consider(best, 1.0, _product(*aligned) if len(aligned) == 2 else aligned[0])
        if a.given and a.family:
            # With one word per field the order-free comparison below could only repeat these two.
            one_word_each = len(a.given) == len(a.family) == len(b.given) == len(b.family) == 1
            if best.score < SWAP_FACTOR:
                sg, sf = _align(a.given, b.family), _align(a.family, b.given)
                best = _consider(best, SWAP_FACTOR, _product(sg, sf), swapped=True)
    full_a, full_b = a.given + a.family, b.given + b.family
    if best.score < FLAT_FACTOR and full_a and full_b and not one_word_each:
        flat = _align(full_a, full_b)
        # Regrouped words (Vietnamese family-first order, names typed in one field) count as swapped.
        regrouped = any((i < len(a.given)) != (j < len(b.given)) for i, j in flat.pairs)
        best = _consider(best, FLAT_FACTOR, flat, swapped=regrouped)
    for x, y, factor in ((a.original, full_b, SCRIPT_FACTOR), (full_a, b.original, SCRIPT_FACTOR),
                         (a.original, b.original, 1.0)):
        if x and y and best.score < factor:
            best = _consider(best, factor, _align(x, y))
    if best.score < ALIAS_FACTOR * FLAT_FACTOR and (a.aliases or b.aliases):
        names_a = (full_a, a.original, *a.aliases)
        names_b = (full_b, b.original, *b.aliases)
        for i, x in enumerate(names_a):
            for j, y in enumerate(names_b):
                if x and y and (i >= 2 or j >= 2):
                    best = _consider(best, ALIAS_FACTOR * FLAT_FACTOR, _align(x, y), alias=True)
    return best


def _product(x: _Alignment, y: _Alignment) -> _Alignment:
    """Combine the given-name and family-name alignments into one."""
    return _Alignment(x.score * y.score, x.kinds | y.kinds, x.missing + y.missing, (), x.cross_script or y.cross_script)


def _name_reasons(best: _NameMatch) -> list[Reason]:
    """Reason codes describing how the names agree."""
    reasons = []
    kinds = best.kinds
    if kinds == {EXACT} and not best.missing and not best.cross_script:
        reasons.append(Reason.NAME_EXACT)
    if PHONETIC in kinds or best.cross_script:
        reasons.append(Reason.NAME_ACROSS_SCRIPTS)
    if FEMININE in kinds:
        reasons.append(Reason.FEMININE_SURNAME_FORM)
    if SIMILAR in kinds:
        reasons.append(Reason.NAME_SIMILAR)
    if best.swapped:
        reasons.append(Reason.NAMES_SWAPPED)
    if best.missing:
        reasons.append(Reason.NAME_PARTIAL)
    if best.alias:
        reasons.append(Reason.ALIAS_MATCH)
    return reasons


# --- Other evidence -------------------------------------------------------------------------------

NAME_WEIGHT = 0.9
SAME_BIRTH_DATE_BONUS = 0.10
SAME_BIRTH_YEAR_BONUS = 0.04
AGE_COMPATIBLE_BONUS = 0.02
NEAR_BIRTH_PENALTY = -0.05  # stated dates within a year of each other: children often misstate them
AGE_INCOMPATIBLE_PENALTY = -0.25  # per year beyond the tolerated gap, capped below
AGE_INCOMPATIBLE_CAP = -0.6
SAME_SEX_BONUS = 0.02
SEX_DIFFERS_PENALTY = -0.3
SAME_NATIONALITY_BONUS = 0.03
NATIONALITY_DIFFERS_PENALTY = -0.08
_YEAR = 365.25


def _birth_evidence(a: PreparedRecord, b: PreparedRecord) -> tuple[float, Reason | None]:
    """Adjustment and reason from birth dates, birth years or estimated age ranges."""
    if a.birth_lo is None or b.birth_lo is None or a.birth_hi is None or b.birth_hi is None:
        return 0.0, None
    if a.birth_exact and b.birth_exact:
        if a.birth_lo == b.birth_lo:
            return SAME_BIRTH_DATE_BONUS, Reason.SAME_BIRTH_DATE
        da, db = a.record.birth_date, b.record.birth_date
        assert da is not None and db is not None  # birth_exact: the bounds come from a stated date
        if (da.day, da.month, da.year) == (db.month, db.day, db.year):
            return SAME_BIRTH_YEAR_BONUS, Reason.SAME_BIRTH_YEAR  # day and month swapped
        if da.year == db.year:
            return 0.0, Reason.SAME_BIRTH_YEAR
        gap_years = abs(a.birth_lo - b.birth_lo) / _YEAR
        if gap_years <= 1.0:
            return NEAR_BIRTH_PENALTY, Reason.AGE_COMPATIBLE
    else:
        gap_years = max(0, a.birth_lo - b.birth_hi, b.birth_lo - a.birth_hi) / _YEAR
        if gap_years == 0:
            if a.birth_year is not None and a.birth_year == b.birth_year:
                return SAME_BIRTH_YEAR_BONUS, Reason.SAME_BIRTH_YEAR
            return AGE_COMPATIBLE_BONUS, Reason.AGE_COMPATIBLE
        if gap_years <= 0.5:
            return 0.0, Reason.AGE_COMPATIBLE  # an estimate a few months off
        gap_years += 0.5  # so that a gap of a year weighs like stated dates a year and a half apart
    penalty = max(AGE_INCOMPATIBLE_CAP, AGE_INCOMPATIBLE_PENALTY * (gap_years - 0.5))
    return penalty, Reason.AGE_INCOMPATIBLE


def match(a: NameRecord | PreparedRecord, b: NameRecord | PreparedRecord) -> MatchResult:
    """Score how likely two registrations describe the same child, with reasons."""
    pa = a if isinstance(a, PreparedRecord) else prepare(a)
    pb = b if isinstance(b, PreparedRecord) else prepare(b)
    names = _compare_names(pa, pb)
    score = NAME_WEIGHT * names.score
    reasons = _name_reasons(names) if names.score >= WEAK_CAP else []

    adjustment, birth_reason = _birth_evidence(pa, pb)
    score += adjustment
    if birth_reason is not None:
        reasons.append(birth_reason)
    if pa.sex != "U" and pb.sex != "U":
        same = pa.sex == pb.sex
        score += SAME_SEX_BONUS if same else SEX_DIFFERS_PENALTY
        reasons.append(Reason.SAME_SEX if same else Reason.SEX_DIFFERS)
    if pa.nationalities and pb.nationalities:
        same = not pa.nationalities.isdisjoint(pb.nationalities)
        score += SAME_NATIONALITY_BONUS if same else NATIONALITY_DIFFERS_PENALTY
        reasons.append(Reason.SAME_NATIONALITY if same else Reason.NATIONALITY_DIFFERS)
    return MatchResult(round(min(1.0, max(0.0, score)), 6), tuple(reasons), round(names.score, 6))
