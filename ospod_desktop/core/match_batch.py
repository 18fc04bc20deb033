"""Scoring many pairs at once (an import's rows among themselves and against the register's candidates), with
`core.matching`'s results exactly."""

from __future__ import annotations

from ospod_desktop.core.matching import MatchResult, _compare_names, _NameMatch, _scored
from ospod_desktop.core.names import PreparedRecord


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
