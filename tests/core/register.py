"""Duplicate detection measured over a whole register, the way the duplicate report runs.

Pairs of registrations that share a blocking key are scored; a pair at or above the threshold is proposed.
A proposed pair of one child is a true positive, of two children a false positive; a true pair never
proposed (not scored, or scored too low) is a false negative. Used by tests/core/test_register.py and
benchmarks/bench_matching.py.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from pathlib import Path

from ospod_desktop.core.matching import DEFAULT_THRESHOLD, match
from ospod_desktop.core.names import NameRecord, blocking_keys, prepare

DATA = Path(__file__).parent / "data"
HELDOUT_REGISTER = DATA / "heldout_register.csv"
DEV_REGISTER = DATA / "dev_register.csv"


@dataclass(frozen=True)
class Registration:
    row: int
    person: int
    category: str
    record: NameRecord


@dataclass
class Outcome:
    """Counts over one register, and which pairs went wrong (by category, never by name)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    scored: int = 0
    missed: list[tuple[Registration, Registration, float]] = field(default_factory=list)
    false_alarms: list[tuple[Registration, Registration, float]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def load_register(path: Path) -> list[Registration]:
    """The registrations of a register CSV written by data/make_heldout_register.py."""

    def number(value: str) -> int | None:
        return int(value) if value else None

    out = []
    with path.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            found = date.fromisoformat(r["found_on"]) if r["found_on"] else None
            record = NameRecord(
                given_names=r["given"], family_names=r["family"], original_script_name=r["original"], sex=r["sex"],
                birth_date=date.fromisoformat(r["birth_date"]) if r["birth_date"] else None,
                birth_year=number(r["birth_year"]), age_min=number(r["age_min"]), age_max=number(r["age_max"]),
                reference_date=found, nationalities=tuple(n for n in r["nationality"].split(";") if n),
            )
            out.append(Registration(int(r["row"]), int(r["person"]), r["category"], record))
    return out


def candidate_pairs(regs: list[Registration]) -> set[tuple[int, int]]:
    """Index pairs sharing at least one blocking key (what the report scores)."""
    buckets: dict[str, list[int]] = defaultdict(list)
    for i, reg in enumerate(regs):
        for key in blocking_keys(reg.record):
            buckets[key].append(i)
    return {pair for members in buckets.values() for pair in combinations(members, 2)}


def evaluate(regs: list[Registration], threshold: float = DEFAULT_THRESHOLD) -> Outcome:
    """Score every candidate pair and count against the known persons."""
    out = Outcome()
    prepared = [prepare(r.record) for r in regs]
    proposed = set()
    for i, j in sorted(candidate_pairs(regs)):
        out.scored += 1
        score = match(prepared[i], prepared[j]).score
        same = regs[i].person == regs[j].person
        if score >= threshold:
            proposed.add((i, j))
            if same:
                out.tp += 1
            else:
                out.fp += 1
                out.false_alarms.append((regs[i], regs[j], score))
    by_person: dict[int, list[int]] = defaultdict(list)
    for i, reg in enumerate(regs):
        by_person[reg.person].append(i)
    for members in by_person.values():
        for i, j in combinations(members, 2):
            if (i, j) not in proposed:
                out.fn += 1
                out.missed.append((regs[i], regs[j], match(prepared[i], prepared[j]).score))
    return out
