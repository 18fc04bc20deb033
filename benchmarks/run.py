"""Run every benchmark in benchmarks/ and print one table: name, value, target, ratio to baseline.

    python benchmarks/run.py                 # all
    python benchmarks/run.py startup demo    # only bench_startup.py and bench_demo.py

Each `bench_*.py` module has `run() -> list[dict]` with keys name, value, unit, target (a string such as
"<= 1.5x" or "<= 120 s"), and optionally baseline (the value it is compared with) and ok.
These are measurements, never tests: nothing here fails the suite.
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def main(argv: list[str]) -> int:
    names = argv or sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))
    rows = []
    for name in names:
        module = importlib.import_module(f"benchmarks.bench_{name}")
        started = time.perf_counter()
        try:
            rows += module.run()
        except Exception as exc:  # one broken benchmark must not hide the others
            rows.append({"name": name, "value": f"error: {exc}", "unit": "", "target": ""})
        print(f"# bench_{name} took {time.perf_counter() - started:.1f} s", file=sys.stderr)
    header = ("benchmark", "value", "unit", "target", "baseline", "ratio", "ok")
    table = [header]
    for r in rows:
        base = r.get("baseline")
        ratio = (r["value"] / base) if isinstance(base, (int, float)) and base and isinstance(r["value"], (int, float)) else ""
        ok = r.get("ok", "")
        table.append((r["name"], _fmt(r["value"]), r.get("unit", ""), str(r.get("target", "")),
                      _fmt(base) if base is not None else "", _fmt(ratio), "yes" if ok is True else "NO" if ok is False else ""))
    widths = [max(len(str(row[i])) for row in table) for i in range(len(header))]
    for row in table:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
