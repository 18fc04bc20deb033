"""Likely duplicates among an import's own rows, scored by this process and the worker process together.

`PairsWithin` pairs the records that share a blocking key few share (as the register pairs its children) and
scores each pair with the register dialog's matcher. With many pairs, it sends the records to the worker process
once (`core.match_batch.load`) and the pairs after them in chunks (`score_loaded`): the worker starts on the first
chunks at once, while this process goes on with other work (the import stages its rows meanwhile); `finish` then
scores the last chunks here, taking back (cancelling) each one the worker has not started, until it meets the
worker's. Neither waits for the other while work is left, whatever the machine's load. The results are the same,
in the same order, as scoring every pair here — and are, if the worker fails or is turned off (`OSPOD_WORKERS=0`).
"""

from __future__ import annotations

import itertools
from array import array
from collections.abc import Sequence
from concurrent.futures import Future

from ospod_desktop.core import match_batch
from ospod_desktop.core.match_batch import PairMatcher, ScoredChunk
from ospod_desktop.core.matching import DEFAULT_THRESHOLD, MatchResult
from ospod_desktop.core.names import PreparedRecord, blocking_keys
from ospod_desktop.services import _parallel

PARALLEL_PAIRS = 50_000  # from this many pairs, the worker process scores with this one (`services._parallel`)
CHUNK_PAIRS = 10_000  # pairs in one chunk (small: this process takes back only chunks the worker has not started)
BUCKET_LIMIT = 60  # keys shared by more records (or registered children) are too common to pair on
_tokens = itertools.count(1)

Pair = tuple[int, int, MatchResult]  # (earlier index, later index, the match)


class PairsWithin:
    """The likely duplicates among records not yet saved (an import's rows): begun at once (the worker's share
    started), completed by `finish`. `keys`: the records' blocking keys, if already known."""

    def __init__(self, probes: Sequence[PreparedRecord | None], threshold: float = DEFAULT_THRESHOLD,
                 keys: Sequence[set[str] | frozenset[str]] | None = None) -> None:
        buckets: dict[str, list[int]] = {}
        for n, probe in enumerate(probes):
            if probe is not None:
                for key in (keys[n] if keys is not None else blocking_keys(probe)):
                    buckets.setdefault(key, []).append(n)
        size = len(probes)
        pairs = sorted({a * size + b for members in buckets.values() if len(members) <= BUCKET_LIMIT  # a < b
                        for i, a in enumerate(members) for b in members[i + 1:]})
        self._probes, self._threshold, self._size = probes, threshold, size
        self._matcher = PairMatcher()  # rows with the same names share their comparison
        self._chunks = self._by_names(pairs)
        self._futures: list[Future[ScoredChunk] | None] = [None] * len(self._chunks)
        self._token = 0
        self._held: list[int] = []  # chunks held back (`pause`)
        if len(pairs) >= PARALLEL_PAIRS and _parallel.available():
            self._start()

    def _by_names(self, pairs: list[int]) -> list[array]:
        """The pairs in chunks, those of one earlier record's names in one chunk (each pair of names is then
        compared by one process only: this one, or the worker)."""
        names = [self._matcher.names_number(p) if p is not None else -1 for p in self._probes]
        size = self._size
        groups: dict[int, list[int]] = {}
        for number in pairs:
            groups.setdefault(names[number // size], []).append(number)
        chunks: list[array] = []
        chunk = array("q")
        for name in sorted(groups):
            chunk.extend(groups[name])
            if len(chunk) >= CHUNK_PAIRS:
                chunks.append(chunk)
                chunk = array("q")
        if chunk:
            chunks.append(chunk)
        return chunks

    def _start(self) -> None:
        """The records to the worker, then every chunk (this process takes back the ones it gets to first)."""
        token = next(_tokens)
        records = [p.record if p is not None else None for p in self._probes]  # plain values only
        if _parallel.run_elsewhere(match_batch.load, token, records) is None:
            return
        self._token = token
        for n, chunk in enumerate(self._chunks):
            self._futures[n] = _parallel.run_elsewhere(match_batch.score_loaded, token, chunk.tobytes(),
                                                       self._threshold)

    def finish(self) -> list[Pair]:
        """Every pair whose match reaches the threshold, in ascending order of (earlier, later) index."""
        done: list[list[Pair] | None] = [None] * len(self._chunks)
        matcher = self._matcher
        for n in reversed(range(len(self._chunks))):  # from the last chunk, until the worker's own
            future = self._futures[n]
            if future is not None and not future.cancel():
                break
            done[n] = self._here(self._chunks[n], matcher)
        failed = False
        for n, future in enumerate(self._futures):
            if done[n] is None:
                scored = None
                if future is not None and not failed and not future.cancelled():
                    scored = _parallel.result_or_none(future)
                    failed = scored is None  # the worker failed: the rest scored here
                done[n] = ([(*divmod(number, self._size), result) for number, result in scored.results()] if scored is not None
                           else self._here(self._chunks[n], matcher))
        if self._token:
            _parallel.run_elsewhere(match_batch.unload, self._token)
            self._token = 0
        found = [pair for chunk in done if chunk is not None for pair in chunk]
        found.sort(key=lambda pair: pair[0] * self._size + pair[1])
        return found

    def pause(self) -> None:
        """The chunks the worker has not started held back (`resume` sends them again): while this process holds
        the database's write lock, the machine's other core is left to it."""
        for n in reversed(range(len(self._futures))):
            future = self._futures[n]
            if future is None or not future.cancel():
                break
            self._futures[n] = None
            self._held.append(n)

    def resume(self) -> None:
        for n in sorted(self._held):
            self._futures[n] = _parallel.run_elsewhere(match_batch.score_loaded, self._token, self._chunks[n].tobytes(),
                                                       self._threshold)
        self._held.clear()

    def cancel(self) -> None:
        """The chunks the worker has not started are not wanted any more."""
        for future in self._futures:
            if future is not None:
                future.cancel()
        if self._token:
            _parallel.run_elsewhere(match_batch.unload, self._token)
            self._token = 0

    def _here(self, chunk: array, matcher: PairMatcher) -> list[Pair]:
        out: list[Pair] = []
        probes, size, threshold = self._probes, self._size, self._threshold
        for number in chunk:
            a, b = divmod(number, size)
            pa, pb = probes[a], probes[b]
            assert pa is not None and pb is not None
            result = matcher.at_least(pa, pb, threshold)
            if result is not None:
                out.append((a, b, result))
        return out
