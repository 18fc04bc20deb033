"""Scoring many pairs at once (an import's rows among themselves and against the register's candidates), with
`core.matching`'s results exactly."""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass

from ospod_desktop.core.match_evidence import MAX_BIRTH_BONUS, MAX_NATIONALITY_BONUS
from ospod_desktop.core.match_reasons import Reason
from ospod_desktop.core.matching import NAME_WEIGHT, SAME_SEX_BONUS, MatchResult, _compare_names, _NameMatch, _scored
from ospod_desktop.core.names import NameRecord, PreparedRecord, prepare

# The most a pair's score can exceed its names' weighted score by (birth, sex and nationality all agreeing); a
# hair of slack for the rounding of the final score.
_MAX_BONUS = MAX_BIRTH_BONUS + SAME_SEX_BONUS + MAX_NATIONALITY_BONUS + 1e-6


class PairMatcher:
    """`match` for many pairs among the same records (an import's rows, the register's candidates): each pair of
    distinct names is compared once, however many records carry them — a register repeats names a lot (the same
    Mohammad Ahmadi, Olena Kovalenko), and the name comparison is most of a match's cost. The birth, sex and
    nationality evidence is the pair's own. Results are `match`'s exactly. Use one matcher for one batch of
    records that stay alive while it is used (they are told apart by identity)."""

    def __init__(self) -> None:
        self._names: dict[tuple[int, int], _NameMatch] = {}
        self._ids: dict[tuple, int] = {}
        self._of: dict[int, tuple[int, PreparedRecord]] = {}  # id(record) -> (its names' number, the record)

    def names_number(self, p: PreparedRecord) -> int:
        """The number this matcher gives the record's names (records with the same names share it)."""
        known = self._of.get(id(p))
        if known is not None and known[1] is p:
            return known[0]
        n = self._ids.setdefault((p.given, p.family, p.original, p.aliases), len(self._ids))
        self._of[id(p)] = (n, p)
        return n

    def __call__(self, a: PreparedRecord, b: PreparedRecord) -> MatchResult:
        key = (self.names_number(a), self.names_number(b))
        names = self._names.get(key)
        if names is None:
            names = self._names[key] = _compare_names(a, b)
        return _scored(a, b, names)

    def at_least(self, a: PreparedRecord, b: PreparedRecord, threshold: float) -> MatchResult | None:
        """`self(a, b)` if its score reaches `threshold`, else None — without weighing the other evidence of a
        pair whose names could not reach it even with every bonus (most pairs an import's blocking forms)."""
        key = (self.names_number(a), self.names_number(b))
        names = self._names.get(key)
        if names is None:
            names = self._names[key] = _compare_names(a, b)
        if NAME_WEIGHT * names.score + _MAX_BONUS < threshold:
            return None
        result = _scored(a, b, names)
        return result if result.score >= threshold else None




# --- in the worker process: the records loaded once, then scored chunk by chunk --------------------------------
# One import's records are sent once (`load`), and the pairs in chunks after it (`score_loaded`): the importing
# process takes the last chunks back (cancels them) when it gets to them first. The worker runs its tasks one at a
# time, in order, so the records are loaded before any chunk is scored. Several batches may be loaded at once, by
# their token.
_loaded: dict[int, tuple[int, list[PreparedRecord | None], PairMatcher]] = {}


def ready() -> bool:
    """Nothing: the worker started and imported this module (sent first, to start it while there is time)."""
    return True


def load(token: int, records: Sequence[NameRecord | None]) -> int:
    """Prepare a batch's records and keep them for its chunks; returns how many."""
    _loaded[token] = (len(records), [prepare(r) if r is not None else None for r in records], PairMatcher())
    return len(records)


@dataclass(frozen=True)
class ScoredChunk:
    """The pairs of a chunk whose match reaches the threshold, in arrays (what the worker sends back: a few bytes
    objects pickle in no time, 100,000s of tuples do not): the pair numbers (`a * n + b`), their scores and names'
    scores, and each one's reasons as an index into `kinds` (the distinct tuples of reason codes)."""

    numbers: bytes  # array('q')
    scores: bytes  # array('d')
    name_scores: bytes  # array('d')
    reasons: bytes  # array('l')
    kinds: tuple[tuple[str, ...], ...]

    def results(self) -> list[tuple[int, MatchResult]]:
        """(pair number, `MatchResult`), as scoring in this process gives them."""
        kinds = [tuple(Reason(code) for code in kind) for kind in self.kinds]
        return [(number, MatchResult(score, kinds[kind], name_score)) for number, score, name_score, kind in zip(
            array("q", self.numbers), array("d", self.scores), array("d", self.name_scores), array("l", self.reasons),
            strict=True)]


def score_loaded(token: int, pairs: bytes, threshold: float) -> ScoredChunk:
    """The pairs (numbers `a * n + b`, an `array('q')`'s bytes) among the records `load` kept under `token`
    whose match reaches `threshold`. A KeyError if there are none: the importing process then scores the chunk
    itself."""
    n, prepared, matcher = _loaded[token]
    numbers, scores, name_scores, reasons = array("q"), array("d"), array("d"), array("l")
    kinds: dict[tuple[str, ...], int] = {}
    for number in array("q", pairs):
        a, b = divmod(number, n)
        pa, pb = prepared[a], prepared[b]
        assert pa is not None and pb is not None
        result = matcher.at_least(pa, pb, threshold)
        if result is not None:
            numbers.append(number)
            scores.append(result.score)
            name_scores.append(result.name_score)
            kind = tuple(str(r) for r in result.reasons)
            reasons.append(kinds.setdefault(kind, len(kinds)))
    return ScoredChunk(numbers.tobytes(), scores.tobytes(), name_scores.tobytes(), reasons.tobytes(), tuple(kinds))


def unload(token: int) -> None:
    _loaded.pop(token, None)


def loaded() -> list[int]:
    """The batches the worker holds (their tokens): none once every import has finished or given up."""
    return sorted(_loaded)
