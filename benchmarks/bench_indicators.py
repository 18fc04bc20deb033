"""The trafficking-indicator engine (issue 11): one answer set evaluated under 1 ms, and 1,000 answer sets.

    python benchmarks/bench_indicators.py

Evaluates the shipped default catalogue (resources/indicators/default.json; the small test catalogue when the
default is missing) compiled once, as the assessment page does on every answer: a typical answer set (random:
about half absent, a fifth present, the rest unknown), the worst case for `could_become` (every answer
unknown), and the same with `to_json` (the reasons in Czech) as `catalogue try` prints it. Median and p95 of
single calls over many runs, wall clock and CPU time of the thread (on a loaded machine the wall clock's tail
is the scheduler's, not the engine's); then 1,000 random answer sets in one process. Nothing here fails the
suite.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.common import median, p95  # noqa: E402

RUNS = 3000
SETS = 1000
TARGET_MS = 1.0


def _catalogue():
    from ospod_desktop.core.indicators import default_catalogue, load_catalogue
    from ospod_desktop.paths import resource

    if resource("indicators", "default.json").exists():
        return "default", default_catalogue()
    import json

    data = json.loads((ROOT / "tests" / "core" / "data" / "indicators_small.json").read_text(encoding="utf-8"))
    return "test-small", load_catalogue(data)


def _typical(ids: list[str], rnd: random.Random) -> dict[str, str]:
    return {i: rnd.choices(("absent", "present", "unknown"), weights=(5, 2, 3))[0] for i in ids}


def _per_call_ms(fn, answer_sets: list[dict[str, str]], runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU (this thread) milliseconds of each call."""
    wall, cpu = [], []
    for n in range(runs):
        answers = answer_sets[n % len(answer_sets)]
        started, started_cpu = time.perf_counter_ns(), time.thread_time_ns()
        fn(answers)
        cpu.append((time.thread_time_ns() - started_cpu) / 1e6)
        wall.append((time.perf_counter_ns() - started) / 1e6)
    return wall, cpu


def run() -> list[dict]:
    from ospod_desktop.core import i18n
    from ospod_desktop.core.indicators import evaluate

    i18n.set_language("cs")
    name, cat = _catalogue()
    ids = [i.id for i in cat.indicators]
    rnd = random.Random(2026)
    typical = [_typical(ids, rnd) for _ in range(200)]
    unknown = [{}]
    evaluate(cat, typical[0])  # compile once, as the app does on first use

    out: list[dict] = [{"name": f"indicators_catalogue_{name}", "value": len(ids), "unit": "indicators",
                        "target": "(info)"}]
    cases = (("typical", typical, lambda a: evaluate(cat, a)),
             ("all_unknown", unknown, lambda a: evaluate(cat, a)),
             ("typical_to_json", typical, lambda a: evaluate(cat, a).to_json()),
             ("all_unknown_to_json", unknown, lambda a: evaluate(cat, a).to_json()))
    for label, sets, fn in cases:
        wall, cpu = _per_call_ms(fn, sets, RUNS)
        target = label in ("typical", "all_unknown")
        for clock, samples in (("", wall), ("_cpu", cpu)):
            for stat, value in (("median", median(samples)), ("p95", p95(samples))):
                row = {"name": f"indicators_evaluate_{label}{clock}_{stat}", "value": value, "unit": "ms",
                       "target": f"< {TARGET_MS}" if target else "(no target)"}
                if target:
                    row["ok"] = value < TARGET_MS
                out.append(row)

    many = [_typical(ids, random.Random(seed)) for seed in range(SETS)]
    started = time.perf_counter()
    for answers in many:
        evaluate(cat, answers)
    out.append({"name": f"indicators_{SETS}_answer_sets_evaluate", "value": (time.perf_counter() - started) * 1000,
                "unit": "ms", "target": "(no target)"})
    started = time.perf_counter()
    for answers in many:
        evaluate(cat, answers).to_json()
    out.append({"name": f"indicators_{SETS}_answer_sets_to_json", "value": (time.perf_counter() - started) * 1000,
                "unit": "ms", "target": "(no target)"})
    return out


if __name__ == "__main__":
    for row in run():
        value = row["value"]
        shown = f"{value:.4f}" if isinstance(value, float) else str(value)
        ok = {True: "ok", False: "SLOW"}.get(row.get("ok"), "")
        print(f"{row['name']:<48} {shown:>10} {row['unit']:<10} {row['target']:<12} {ok}")
