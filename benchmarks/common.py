"""Shared helpers for the benchmarks: a cached 100,000-children demo database, percentiles."""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

CACHE = Path(os.environ.get("OSPOD_BENCH_DIR", "/tmp/ospod-bench"))
PASSWORD = "ospod-demo-2026"


def demo_revision() -> str:
    """A short digest of the demo builder's code: a cached database built by other code is not reused."""
    import hashlib

    import ospod_desktop.demo as package

    digest = hashlib.sha256()
    for source in sorted(Path(package.__file__).parent.glob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:10]


def demo_db(children: int = 100_000, seed: int = 2026) -> Path:
    """Build (once per demo revision) and return a demo database with `children` children; reused across runs."""
    from ospod_desktop import demo

    path = CACHE / f"demo-{children}-{seed}-{demo_revision()}.db"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        demo.build_demo(path, children=children, seed=seed)
        print(f"# built {path} in {time.perf_counter() - started:.1f} s")
    return path


def p95(samples: list[float]) -> float:
    """The 95th percentile (nearest rank)."""
    ordered = sorted(samples)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - started, result


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def probe_samples(probe: str, db: Path, user: str, runs: int = 3, timeout: int = 300) -> list[dict]:
    """Run `benchmarks/<probe>` (the app offscreen in a separate process, logged in as `user` on `db`) `runs`
    times; each run's last JSON line is its sample."""
    import json
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root)}
    samples = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, str(root / "benchmarks" / probe), str(db), user, PASSWORD],
                             capture_output=True, text=True, env=env, timeout=timeout, cwd=root)
        line = [x for x in out.stdout.splitlines() if x.startswith("{")]
        if not line:
            raise RuntimeError(out.stderr[-2000:])
        samples.append(json.loads(line[-1]))
    return samples
