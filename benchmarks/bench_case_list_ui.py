"""The case list in the running app on the 100,000-children demo database: first paint after login
and the memory of the app with the list open (a separate process, offscreen Qt)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from benchmarks.common import PASSWORD, demo_db

ROOT = Path(__file__).resolve().parent.parent


def run(children: int = 100_000) -> list[dict]:
    db = demo_db(children)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    samples = []
    for _ in range(3):
        out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "case_list_probe.py"), str(db), "officer",
                              PASSWORD], capture_output=True, text=True, env=env, timeout=300, cwd=ROOT)
        line = [x for x in out.stdout.splitlines() if x.startswith("{")]
        if not line:
            raise RuntimeError(out.stderr[-2000:])
        samples.append(json.loads(line[-1]))
    paint = sorted(s["first_paint_ms"] for s in samples)[len(samples) // 2]
    rss = max(s["rss_mb"] for s in samples)
    return [
        {"name": "case_list_first_paint_after_login_100k", "value": paint, "unit": "ms", "target": "<= 300",
         "ok": paint <= 300},
        {"name": "app_rss_with_case_list_open_100k", "value": rss, "unit": "MB", "target": "<= 400", "ok": rss <= 400},
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
