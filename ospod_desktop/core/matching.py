"""Duplicate scoring of two child registrations: names across scripts, birth date or age, sex, nationality.

The score is a name similarity in [0, 1] scaled by `NAME_WEIGHT`, plus small bonuses for agreeing
evidence and larger penalties for contradicting evidence, clamped to [0, 1]. Every contribution is
reported as a `Reason` code so the UI can explain (and translate) why two records look alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz.distance import OSA, JaroWinkler

from ospod_desktop.core.match_evidence import birth_evidence, nationality_evidence
from ospod_desktop.core.match_reasons import Reason
from ospod_desktop.core.name_rules import GERMAN, POLISH, sounds_clash
from ospod_desktop.core.names import NameRecord, PreparedRecord, Token, join_tokens, prepare

__all__ = ["DEFAULT_THRESHOLD", "MatchResult", "Reason", "match"]

DEFAULT_THRESHOLD = 0.75  # score at or above which a pair is shown as a likely duplicate


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

# Kinds of token agreement, from strongest to weakest; JOINED marks words compared written together.
EXACT, PHONETIC, FEMININE, SIMILAR, WEAK, JOINED = range(6)

PHONETIC_SCORE = 0.95  # same phonetic key: a transliteration variant
ALTERNATIVE_SCORE = 0.93  # same key under an alternative reading (Czech ch = Kh)
FEMININE_SCORE = 0.95  # Czech or Slavic feminine form of the same surname
SKELETON_SCORE = 0.92  # abjad consonants match the Latin spelling's consonants
TYPO_COST = 0.07  # per edit operation in a word of five letters or more
SHORT_TYPO_COST = 0.12  # per edit in a shorter word, where one letter is a larger part of the name
WEAK_CAP = 0.6  # different names never count for more than this, however alike they look
_NO_SYSTEMS: frozenset[str] = frozenset()

_Sim = tuple[float, int, frozenset[str]]  # score, kind, transliteration systems that explain the match
_sim_cache: dict[tuple, _Sim] = {}
_SIM_CACHE_LIMIT = 50_000  # word pairs; cleared when full (names repeat a lot, so it refills fast)

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# Neighbouring keys on Czech (QWERTZ) and English (QWERTY) keyboards: a slip hits one of these.
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEIGHBOUR_KEYS: dict[str, set[str]] = {}
for _rows in (_ROWS, ("qwertzuiop", "asdfghjkl", "yxcvbnm")):
    for _r, _row in enumerate(_rows):
        for _c, _ch in enumerate(_row):
            for _dr, _dc in ((0, -1), (0, 1), (-1, 0), (-1, 1), (1, -1), (1, 0)):
                if 0 <= _r + _dr < 3 and 0 <= _c + _dc < len(_rows[_r + _dr]):
                    _NEIGHBOUR_KEYS.setdefault(_ch, set()).add(_rows[_r + _dr][_c + _dc])


def _typo_allowance(length: int) -> int:
    """Edit operations forgiven in a token of this length: none in one- or two-letter names."""
    return 0 if length <= 2 else 1 if length <= 6 else 2


@lru_cache(maxsize=4096)
def _unslips(word: str) -> frozenset[str]:
    """Every spelling that one typing slip could have turned into `word`: a letter dropped, a letter too
    many (doubled or a neighbouring key), two letters swapped, or a neighbouring key hit instead."""
    out = {word}
    for i, letter in enumerate(word):
        out.add(word[:i] + word[i + 1:])
        out.update(word[:i] + near + word[i + 1:] for near in _NEIGHBOUR_KEYS.get(letter, ()))
        if i + 1 < len(word):
            out.add(word[:i] + word[i + 1] + letter + word[i + 2:])
    out.update(word[:i] + letter + word[i:] for i in range(len(word) + 1) for letter in _LETTERS)
    return frozenset(out)


# First consonants of a key that transliteration exchanges (С/З/Ц in German; Г/Х/К; В/Ф; Д/Т).
_FIRST_SOUNDS = {letter: group for group in ("szc", "gk", "vfbp", "dt") for letter in group}


def _same_first_sound(a: Token, b: Token) -> bool:
    """False if the names begin with different consonants: Hanna/Yana, Kharchenko/Marchenko are other names,
    not transliterations (those share a key) nor slips (the first letter is the one a typist checks,
    so a slip there is believed only when nothing else differs: Cuong/Duong)."""
    if a.text[1:] == b.text[1:] and b.text[:1] in _NEIGHBOUR_KEYS.get(a.text[:1], ()):
        return True
    for x in a.keys:
        for y in b.keys:
            first_x, first_y = x[:1], y[:1]
            if first_x == first_y or not first_x or not first_y or first_x in "aiu" or first_y in "aiu" or (
                    _FIRST_SOUNDS.get(first_x, first_x) == _FIRST_SOUNDS.get(first_y, first_y)):
                return True
    return False


def _systems(a: Token, b: Token, common: frozenset[str]) -> frozenset[str]:
    """Transliteration systems (German, Polish) used on one side only to reach a shared key."""
    key = a.key if a.key in common else b.key if b.key in common else min(common)
    sa = next((s for k, s in a.systems if k == key), _NO_SYSTEMS)
    sb = next((s for k, s in b.systems if k == key), _NO_SYSTEMS)
    return sa ^ sb


def _compute_sim(a: Token, b: Token) -> _Sim:
    """Similarity, kind of agreement and systems behind it, of two distinct tokens."""
    common = a.keys & b.keys
    # One loose key (Sharov/Sarov, Savchenko/Shevchenko), but the spellings stand for different hushing or
    # hissing consonants: different names, not two transliterations, nor a typo.
    clash = sounds_clash(a.sounds, b.sounds)
    if common and not clash:
        systems = _systems(a, b, common)
        if a.key == b.key:
            return PHONETIC_SCORE, PHONETIC, systems
        if common - a.feminine_keys - b.feminine_keys:
            return ALTERNATIVE_SCORE, PHONETIC, systems
        return FEMININE_SCORE, FEMININE, systems
    if a.abjad != b.abjad:
        # Only consonants are comparable between "mhmd" and "Mohammed".
        if a.skeletons & b.skeletons and not clash:
            return SKELETON_SCORE, PHONETIC, _NO_SYSTEMS
        sa, sb = min(a.skeletons), min(b.skeletons)
        return min(WEAK_CAP, JaroWinkler.normalized_similarity(sa, sb) - 0.3), WEAK, _NO_SYSTEMS
    shorter = min(len(a.text), len(b.text))
    allowed = _typo_allowance(shorter)
    if allowed and not (clash and common):
        text_distance = OSA.distance(a.text, b.text, score_cutoff=allowed + 2)
        # Every way to count as a slip below needs the spellings this close: cheap checks first.
        if text_distance <= max(allowed + 1, 2) and _same_first_sound(a, b):
            key_distance = min(OSA.distance(x, y, score_cutoff=2) for x in a.keys for y in b.keys)
            cost = TYPO_COST if shorter >= 5 else SHORT_TYPO_COST
            # A slip in a transliterated name is one edit of its key; but "Kovalchuk"/"Kovalenko" or
            # "Huynh"/"Hoang" are one or two key edits apart while their spellings differ a lot. In a
            # shorter name, two edits are two registrations each with its own typing slip of one name
            # (_unslips), not two arbitrary letters of another name (Rahimi/Karimi).
            if text_distance <= allowed or (key_distance <= 1 and text_distance <= allowed + 1) or (
                    text_distance == 2 and shorter >= 5 and not _unslips(a.text).isdisjoint(_unslips(b.text))):
                return 1.0 - cost * min(text_distance, key_distance), SIMILAR, _NO_SYSTEMS
    similarity = max(
        JaroWinkler.normalized_similarity(a.text, b.text), JaroWinkler.normalized_similarity(a.key, b.key)
    )
    return max(0.0, min(WEAK_CAP, similarity - 0.3)), WEAK, _NO_SYSTEMS


def _sim(a: Token, b: Token) -> _Sim:
    """Cached, symmetric token similarity."""
    if a.text == b.text and a.abjad == b.abjad:
        return 1.0, EXACT, _NO_SYSTEMS
    key = (a.ident, b.ident) if a.ident <= b.ident else (b.ident, a.ident)
    hit = _sim_cache.get(key)
    if hit is None:
        if len(_sim_cache) >= _SIM_CACHE_LIMIT:
            _sim_cache.clear()
        hit = _sim_cache[key] = _compute_sim(a, b) if key[0] == a.ident else _compute_sim(b, a)
    return hit


# --- Name comparison ------------------------------------------------------------------------------

SWAP_FACTOR = 0.97  # given and family names exchanged: a common registration error, mildly penalised
FLAT_FACTOR = 0.95  # matched regardless of which field each word was in
SCRIPT_FACTOR = 0.97  # one side's original-script name against the other's Latin name
ALIAS_FACTOR = 0.95  # matched through an alias
MISSING_FACTOR = 0.9  # per name part present on one side only
SINGLE_NAME_MISSING_FACTOR = 0.8  # one side has a single name: a weak basis for a match
LINEAGE_MISSING_FACTOR = 0.95  # per trailing family-name link (a grandfather's name) on one side only
JOINED_SCORE = 0.95  # "Abdulrahman" vs "Abdul Rahman"
JOINED_PREFILTER = 0.6  # share of letters in common below which written-together words are not compared
GIVEN_UNPAIRED_FACTOR = 0.85  # one side's given name pairs with nothing on the other


@dataclass(slots=True)
class _NameMatch:
    """Best name comparison found so far."""

    score: float = 0.0
    kinds: frozenset[int] = frozenset()
    missing: int = 0
    swapped: bool = False
    cross_script: bool = False
    alias: bool = False
    systems: frozenset[str] = frozenset()


class _Alignment(NamedTuple):
    """How two word lists pair up."""

    score: float
    kinds: frozenset[int]
    missing: int  # words of the longer list left unpaired
    pairs: tuple[tuple[int, int], ...]  # (index in a, index in b)
    cross_script: bool  # some paired words are written in different scripts
    systems: frozenset[str] = frozenset()  # transliteration systems that explain the paired words


def _align(a: tuple[Token, ...], b: tuple[Token, ...], lineage: bool = False) -> _Alignment:
    """Greedy one-to-one alignment of two word lists (names have a handful of words).

    `lineage`: the lists are family names, which in patronymic naming (Eritrea, Ethiopia, Afghanistan,
    Arab nasab) chain a father's and grandfather's names; trailing links left off are routine."""
    if len(a) == 1 and len(b) == 1:
        score, kind, systems = _sim(a[0], b[0])
        return _Alignment(score, frozenset((kind,)), 0, ((0, 0),), a[0].foreign != b[0].foreign, systems)
    # Best pairs first; ties are broken by the words themselves so that match(a, b) and match(b, a)
    # pair words alike.
    candidates = []
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            sim, kind, systems = _sim(x, y)
            low, high = (x.text, y.text) if x.text <= y.text else (y.text, x.text)
            candidates.append((-sim, kind, low, high, i, j, systems))
    candidates.sort()  # (i, j) are unique, so the systems at the end are never compared
    used_a: set[int] = set()
    used_b: set[int] = set()
    score, kinds, pairs, cross, all_systems = 1.0, set(), [], False, _NO_SYSTEMS
    for neg_sim, kind, _, _, i, j, systems in candidates:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        score *= -neg_sim
        kinds.add(kind)
        pairs.append((i, j))
        cross = cross or a[i].foreign != b[j].foreign
        if systems:
            all_systems = all_systems | systems
        if len(pairs) == min(len(a), len(b)):
            break
    missing = abs(len(a) - len(b))
    if missing:
        if lineage and all(i == j for i, j in pairs):
            factor = LINEAGE_MISSING_FACTOR  # the shorter name is the head of the longer chain
        else:
            factor = SINGLE_NAME_MISSING_FACTOR if min(len(a), len(b)) == 1 else MISSING_FACTOR
        score *= factor ** missing
        joined, joined_kind, joined_systems = _joined(a, b)
        if joined > score:
            return _Alignment(joined, frozenset((JOINED, joined_kind)), 0, tuple(pairs), cross, joined_systems)
    return _Alignment(score, frozenset(kinds), missing, tuple(pairs), cross, all_systems)


def _joined(a: tuple[Token, ...], b: tuple[Token, ...]) -> _Sim:
    """Similarity of the words written together, for names split differently (Abdul Rahman/Abdulrahman)."""
    ja, jb = "".join(t.text for t in a), "".join(t.text for t in b)
    if ja == jb:
        return JOINED_SCORE, EXACT, _NO_SYSTEMS
    # Not one name written two ways: decided on the letters first, which saves building tokens for most pairs.
    if abs(len(ja) - len(jb)) > 4 or OSA.normalized_similarity(ja, jb) < JOINED_PREFILTER:
        return 0.0, WEAK, _NO_SYSTEMS
    key = ("+".join(t.ident for t in a), "+".join(t.ident for t in b))
    hit = _sim_cache.get(key)
    if hit is None:
        hit = _sim_cache[key] = _joined_sim(a, b)
    return hit


def _joined_sim(a: tuple[Token, ...], b: tuple[Token, ...]) -> _Sim:
    score, kind, systems = _sim(join_tokens(a), join_tokens(b))
    # Written together, the words are then compared like any word: spelled alike, transliterated or
    # slipped (Weldemikael / Wolde Michael).
    return (JOINED_SCORE * score, kind, systems) if kind != WEAK else (0.0, WEAK, _NO_SYSTEMS)


def _consider(best: _NameMatch, factor: float, aligned: _Alignment, **flags) -> _NameMatch:
    """Keep the better of the current best and a new comparison (the earlier one on a tie)."""
    score = aligned.score * factor
    if score > best.score:
        return _NameMatch(score, aligned.kinds, aligned.missing, cross_script=aligned.cross_script,
                          systems=aligned.systems, **flags)
    return best


def _compare_names(a: PreparedRecord, b: PreparedRecord) -> _NameMatch:
    """Best agreement between any spelling of a's name and any spelling of b's."""
    # Each comparison is discounted by a factor, so it is skipped when even a perfect result could
    # not beat the best one so far.
    best = _NameMatch()
    one_word_each = False
    if (bool(a.given), bool(a.family)) == (bool(b.given), bool(b.family)) and (a.given or a.family):
        # Field by field when both records fill the same fields.
        fields = [_align(x, y, lineage) for x, y, lineage in ((a.given, b.given, False), (a.family, b.family, True)) if x]
        best = _consider(best, 1.0, _product(*fields) if len(fields) == 2 else fields[0])
        if a.given and a.family:
            # With one word per field the order-free comparison below could only repeat these two.
            one_word_each = len(a.given) == len(a.family) == len(b.given) == len(b.family) == 1
            if best.score < SWAP_FACTOR:
                sg, sf = _align(a.given, b.family), _align(a.family, b.given)
                best = _consider(best, SWAP_FACTOR, _product(sg, sf), swapped=True)
    full_a, full_b = a.given + a.family, b.given + b.family
    if best.score < FLAT_FACTOR and full_a and full_b and not one_word_each:
        aligned = _align(full_a, full_b)
        if aligned.score * FLAT_FACTOR > best.score:
            # Regrouped words (Vietnamese family-first order, names typed in one field) count as swapped.
            regrouped = any((i < len(a.given)) != (j < len(b.given)) for i, j in aligned.pairs)
            # A given name with no counterpart at all while its family name pairs up is another child of
            # the family (Zaher, son of Najib), not the same child with a part of the name dropped; a
            # pairing with a different word (Ali with El) is no counterpart.
            kept = [(i, j) for i, j in aligned.pairs if _sim(full_a[i], full_b[j])[1] != WEAK]
            lost_given = (a.given and not any(i < len(a.given) for i, _ in kept)) or (
                b.given and not any(j < len(b.given) for _, j in kept))
            best = _consider(best, FLAT_FACTOR * (GIVEN_UNPAIRED_FACTOR if lost_given else 1.0), aligned,
                             swapped=regrouped)
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
    return _Alignment(x.score * y.score, x.kinds | y.kinds, x.missing + y.missing, (), x.cross_script or y.cross_script,
                      x.systems | y.systems)


def _name_reasons(best: _NameMatch) -> list[Reason]:
    """Reason codes describing how the names agree."""
    reasons = []
    kinds = best.kinds
    if kinds == {EXACT} and not best.missing and not best.cross_script:
        reasons.append(Reason.NAME_EXACT)
    if PHONETIC in kinds or best.cross_script:
        reasons.append(Reason.NAME_ACROSS_SCRIPTS)
    if GERMAN in best.systems:
        reasons.append(Reason.NAME_GERMAN_SPELLING)
    if POLISH in best.systems:
        reasons.append(Reason.NAME_POLISH_SPELLING)
    if FEMININE in kinds:
        reasons.append(Reason.FEMININE_SURNAME_FORM)
    if SIMILAR in kinds:
        reasons.append(Reason.NAME_SIMILAR)
    if JOINED in kinds:
        reasons.append(Reason.NAME_WRITTEN_TOGETHER)
    if best.swapped:
        reasons.append(Reason.NAMES_SWAPPED)
    if best.missing:
        reasons.append(Reason.NAME_PARTIAL)
    if best.alias:
        reasons.append(Reason.ALIAS_MATCH)
    return reasons


# --- Other evidence (birth and nationality: core.match_evidence) ------------------------------------

NAME_WEIGHT = 0.9
SAME_SEX_BONUS = 0.02
SEX_DIFFERS_PENALTY = -0.3


def match(a: NameRecord | PreparedRecord, b: NameRecord | PreparedRecord) -> MatchResult:
    """Score how likely two registrations describe the same child, with reasons."""
    pa = a if isinstance(a, PreparedRecord) else prepare(a)
    pb = b if isinstance(b, PreparedRecord) else prepare(b)
    return _scored(pa, pb, _compare_names(pa, pb))


def _scored(pa: PreparedRecord, pb: PreparedRecord, names: _NameMatch) -> MatchResult:
    """The match of two records whose names compare as `names`: the names' weight and the other evidence."""
    score = NAME_WEIGHT * names.score
    reasons = _name_reasons(names) if names.score >= WEAK_CAP else []

    adjustment, birth_reasons = birth_evidence(pa, pb)
    score += adjustment
    reasons += birth_reasons
    if pa.sex != "U" and pb.sex != "U":
        same = pa.sex == pb.sex
        score += SAME_SEX_BONUS if same else SEX_DIFFERS_PENALTY
        reasons.append(Reason.SAME_SEX if same else Reason.SEX_DIFFERS)
    adjustment, nationality_reasons = nationality_evidence(pa, pb)
    score += adjustment
    reasons += nationality_reasons
    return MatchResult(round(min(1.0, max(0.0, score)), 6), tuple(reasons), round(names.score, 6))
