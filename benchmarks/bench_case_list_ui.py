"""The case list in the running app on the 100,000-children demo database: first paint after login
and the memory of the app with the list open (a separate process, offscreen Qt)."""

from __future__ import annotations

from benchmarks.common import demo_db, probe_samples


def run(children: int = 100_000) -> list[dict]:
    samples = probe_samples("case_list_probe.py", demo_db(children), "officer")
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
