"""Scoring many pairs at once (an import's rows among themselves and against the register's candidates), with
`core.matching`'s results exactly."""

from __future__ import annotations

from array import array
from collections.abc import Sequence

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

    def _name_id(self, p: PreparedRecord) -> int:
        known = self._of.get(id(p))
        if known is not None and known[1] is p:
            return known[0]
        n = self._ids.setdefault((p.given, p.family, p.original, p.aliases), len(self._ids))
        self._of[id(p)] = (n, p)
        return n

    def __call__(self, a: PreparedRecord, b: PreparedRecord) -> MatchResult:
        key = (self._name_id(a), self._name_id(b))
        names = self._names.get(key)
        if names is None:
            names = self._names[key] = _compare_names(a, b)
        return _scored(a, b, names)

    def at_least(self, a: PreparedRecord, b: PreparedRecord, threshold: float) -> MatchResult | None:
        """`self(a, b)` if its score reaches `threshold`, else None — without weighing the other evidence of a
        pair whose names could not reach it even with every bonus (most pairs an import's blocking forms)."""
        key = (self._name_id(a), self._name_id(b))
        names = self._names.get(key)
        if names is None:
            names = self._names[key] = _compare_names(a, b)
        if NAME_WEIGHT * names.score + _MAX_BONUS < threshold:
            return None
        result = _scored(a, b, names)
        return result if result.score >= threshold else None


ScoredPair = tuple[int, float, tuple[str, ...], float]  # (pair number a * n + b, score, reason codes, name score)


def score_pairs(records: Sequence[NameRecord | None], pairs: bytes, threshold: float) -> list[ScoredPair]:
    """The pairs (numbers `a * len(records) + b`, an `array('q')`'s bytes) whose match reaches `threshold`, in
    plain values (what a worker process sends back; `as_result` makes them `MatchResult`s again): a share of an
    import's pairs scored in another process while this one scores the rest."""
    n = len(records)
    prepared = [prepare(r) if r is not None else None for r in records]
    matcher = PairMatcher()
    out: list[ScoredPair] = []
    for number in array("q", pairs):
        a, b = divmod(number, n)
        pa, pb = prepared[a], prepared[b]
        assert pa is not None and pb is not None
        result = matcher.at_least(pa, pb, threshold)
        if result is not None:
            out.append((number, result.score, tuple(str(r) for r in result.reasons), result.name_score))
    return out


def as_result(scored: ScoredPair) -> MatchResult:
    return MatchResult(scored[1], tuple(Reason(r) for r in scored[2]), scored[3])
