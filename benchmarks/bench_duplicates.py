"""Benchmark of duplicate detection: precision and recall on the labelled and held-out pair sets, and speed.

    python benchmarks/bench_duplicates.py

`run()` returns rows {"name", "value", "unit", "target", "ok"} for benchmarks/run.py. The held-out set
(benchmarks/data/duplicate_pairs_holdout.csv) uses names the matcher was never tuned on.
"""

from __future__ import annotations

import csv
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ospod_desktop.core.matching import DEFAULT_THRESHOLD, match  # noqa: E402
from ospod_desktop.core.names import NameRecord, prepare  # noqa: E402

LABELLED = ROOT / "tests" / "core" / "data" / "duplicate_pairs.csv"
HOLDOUT = ROOT / "benchmarks" / "data" / "duplicate_pairs_holdout.csv"
QUALITY_TARGET = 0.9
TIME_TARGET_US = 50.0


def _record(row: dict, prefix: str) -> NameRecord:
    """One side of a CSV row as a NameRecord."""

    def value(name: str) -> str:
        return (row.get(f"{prefix}_{name}") or "").strip()

    def integer(name: str) -> int | None:
        return int(value(name)) if value(name) else None

    def day(name: str) -> date | None:
        return date.fromisoformat(value(name)) if value(name) else None

    return NameRecord(
        given_names=value("given"),
        family_names=value("family"),
        original_script_name=value("original"),
        aliases=tuple(a for a in value("aliases").split("|") if a),
        sex=value("sex") or "U",
        birth_date=day("birth_date"),
        birth_year=integer("birth_year"),
        age_min=integer("age_min"),
        age_max=integer("age_max"),
        reference_date=day("reference_date"),
        nationalities=tuple(n for n in value("nationality").split(";") if n),
    )


def load_pairs(path: Path) -> list[tuple[NameRecord, NameRecord, bool, str]]:
    """Labelled pairs from a CSV file: (a, b, same, category)."""
    with path.open(encoding="utf-8", newline="") as f:
        return [(_record(r, "a"), _record(r, "b"), r["same"] == "1", r["category"]) for r in csv.DictReader(f)]


def evaluate(pairs, threshold: float = DEFAULT_THRESHOLD) -> tuple[float, float, list]:
    """Precision, recall and the misclassified pairs (with their results) at a threshold."""
    tp = fp = fn = 0
    errors = []
    for a, b, same, category in pairs:
        result = match(a, b)
        predicted = result.score >= threshold
        tp += predicted and same
        fp += predicted and not same
        fn += same and not predicted
        if predicted != same:
            errors.append((category, same, a, b, result))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, errors


def time_per_pair(pairs, repeat: int = 5) -> float:
    """Mean microseconds to score one pair of prepared records (best of `repeat` passes)."""
    prepared = [(prepare(a), prepare(b)) for a, b, _, _ in pairs]
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for a, b in prepared:
            match(a, b)
        best = min(best, (time.perf_counter() - start) / len(prepared))
    return best * 1e6


def time_one_against_many(pairs, candidates: int = 150, repeat: int = 5) -> float:
    """Milliseconds to score one new registration against `candidates` stored ones (prepared)."""
    stored = [prepare(b) for _, b, _, _ in pairs][:candidates]
    query = prepare(pairs[0][0])
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for other in stored:
            match(query, other)
        best = min(best, time.perf_counter() - start)
    return best * 1e3


def run() -> list[dict]:
    """Quality and speed rows for the benchmark report."""
    rows = []
    labelled, holdout = load_pairs(LABELLED), load_pairs(HOLDOUT)
    for label, pairs in (("labelled", labelled), ("holdout", holdout)):
        precision, recall, _ = evaluate(pairs)
        for metric, value in (("precision", precision), ("recall", recall)):
            rows.append({
                "name": f"duplicates.{label}.{metric}", "value": round(value, 4), "unit": "ratio",
                "target": f">= {QUALITY_TARGET}", "ok": value >= QUALITY_TARGET,
            })
    micros = time_per_pair(labelled + holdout)
    rows.append({
        "name": "duplicates.match_time_per_pair", "value": round(micros, 2), "unit": "µs",
        "target": f"< {TIME_TARGET_US}", "ok": micros < TIME_TARGET_US,
    })
    millis = time_one_against_many(labelled + holdout)
    rows.append({
        "name": "duplicates.match_150_candidates", "value": round(millis, 3), "unit": "ms",
        "target": "< 10", "ok": millis < 10,
    })
    return rows


if __name__ == "__main__":
    for row in run():
        print(f"{row['name']:<40} {row['value']:>10} {row['unit']:<6} target {row['target']:<8} "
              f"{'ok' if row['ok'] else 'FAIL'}")
