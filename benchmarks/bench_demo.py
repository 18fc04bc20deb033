"""Time to build the demo database with 100,000 children, at the production Argon2id cost.

    python benchmarks/bench_demo.py [children]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGET_SECONDS = 120


def run(children: int = 100000) -> list[dict]:
    from ospod_desktop import demo

    name = f"demo_{children // 1000}k" if children % 1000 == 0 else f"demo_{children}"
    folder = Path(tempfile.mkdtemp(prefix="ospod-bench-demo-"))
    try:
        started = time.perf_counter()
        demo.build_demo(folder / "demo.db", children=children)
        seconds = time.perf_counter() - started
    finally:
        shutil.rmtree(folder, ignore_errors=True)  # a large encrypted file nobody needs afterwards
    return [{"name": name, "value": round(seconds, 2), "unit": "s", "target": TARGET_SECONDS,
             "ok": seconds < TARGET_SECONDS}]  # fmt: skip


if __name__ == "__main__":
    for row in run(int(sys.argv[1]) if len(sys.argv) > 1 else 100000):
        print(row)
