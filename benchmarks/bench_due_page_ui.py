"""The Due and overdue page in the running app on the 100,000-children demo database, as the supervisor (the
whole office, some 300,000 items): from choosing the page to its list painted with rows, and from a jump to
the end of the list to the rows there (a block read with an offset). A separate process, offscreen Qt."""

from __future__ import annotations

from benchmarks.common import demo_db, probe_samples


def run(children: int = 100_000) -> list[dict]:
    samples = probe_samples("due_page_probe.py", demo_db(children), "supervisor", timeout=900)

    def mid(key: str) -> float:
        return sorted(s[key] for s in samples)[len(samples) // 2]

    paint, end = mid("first_paint_ms"), mid("end_rows_ms")
    return [
        {"name": "due_page_first_paint_supervisor_100k", "value": paint, "unit": "ms", "target": "<= 300",
         "ok": paint <= 300},
        {"name": "due_page_rows_after_jump_to_end_100k", "value": end, "unit": "ms", "target": "(no target)"},
        {"name": "due_page_items_supervisor_100k", "value": samples[-1]["items"], "unit": "items", "target": "(info)"},
        # From the window to every after-login task done: the case list, refresh_stale and the badge (the first
        # run of a new demo also recomputes the children whose clocks went stale).
        {"name": "after_login_work_first_run_100k", "value": samples[0]["catch_up_ms"], "unit": "ms",
         "target": "(no target)"},
        {"name": "after_login_work_100k", "value": mid("catch_up_ms"), "unit": "ms", "target": "(no target)"},
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
