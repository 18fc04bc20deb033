"""`ospod-desktop catalogue try` with 1,000 answer sets on the shipped catalogue, as a user runs it (a subprocess):
the wall time, against the same command with one answer set (what starting the process and loading the catalogue
cost), so the difference is the evaluation and the printing of 999 more results.

    python benchmarks/bench_catalogue_try.py        # prints the figures
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = 1000
RUNS = 3
SEED = 2026


def answer_sets(ids: list[str], n: int = SETS, seed: int = SEED) -> list[dict[str, str]]:
    """`n` answer sets, random but the same every run: each indicator present, absent, unknown or left out."""
    rng = random.Random(seed)
    sets = []
    for _ in range(n):
        p_present = rng.choice((0.0, 0.05, 0.15, 0.3, 0.6))
        answers = {}
        for ident in ids:
            roll = rng.random()
            if roll < p_present:
                answers[ident] = "present"
            elif roll < 0.7:
                answers[ident] = "absent"
            elif roll < 0.85:
                answers[ident] = "unknown"  # else left out: unknown too
        sets.append(answers)
    return sets


def _wall(path: Path) -> tuple[float, str]:
    env = {**os.environ, "OSPOD_LANG": "en"}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "ospod_desktop", "catalogue", "try", str(path)], cwd=ROOT,
                          capture_output=True, text=True, env=env, timeout=600)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"catalogue try exited {done.returncode}: {done.stderr.strip()[:300]}")
    return elapsed, done.stdout


def run() -> list[dict]:
    from ospod_desktop.core.indicators import default_catalogue

    ids = [i.id for i in default_catalogue().indicators]
    sets = answer_sets(ids)
    with tempfile.TemporaryDirectory(prefix="ospod-bench-try-") as folder:
        many, one = Path(folder) / "answers-1000.json", Path(folder) / "answers-1.json"
        many.write_text(json.dumps(sets), encoding="utf-8")
        one.write_text(json.dumps(sets[0]), encoding="utf-8")
        walls, base = [], []
        for _ in range(RUNS):
            elapsed, out = _wall(many)
            walls.append(elapsed)
            base.append(_wall(one)[0])
    results = json.loads(out)
    assert len(results) == SETS
    outcomes = {o: sum(r["outcome"] == o for r in results) for o in ("no_indication", "concern", "presumed_victim")}
    wall, start = min(walls), min(base)
    per_set_ms = (wall - start) / (SETS - 1) * 1000
    return [
        {"name": "catalogue_try_1000_sets", "value": wall, "unit": "s", "target": "(no target)"},
        {"name": "catalogue_try_1_set", "value": start, "unit": "s", "target": "(info: start-up)"},
        {"name": "catalogue_try_per_extra_set", "value": per_set_ms, "unit": "ms", "target": "(info)"},
        *({"name": f"catalogue_try_outcome_{o}", "value": n, "unit": "sets", "target": "(info)"}
          for o, n in outcomes.items()),
    ]


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    for row in run():
        value = f"{row['value']:.3f}" if isinstance(row["value"], float) else row["value"]
        print(f"{row['name']}: {value} {row['unit']}")
