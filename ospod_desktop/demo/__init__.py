"""Synthetic demo databases, written through the same storage paths as everything else.

Imported only by the wiring (`cli.py`, `app.py`), tests and benchmarks; no layer below depends on it.
"""

from ospod_desktop.demo.builder import (  # noqa: F401
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    RADLICKA_CODE,
    build_demo,
    generate_children,
    near_duplicate_pairs,
)
