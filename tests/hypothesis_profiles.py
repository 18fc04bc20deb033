"""Hypothesis profiles: "ci" (the default, modest) and "long" (`pytest --long`: twenty times the examples,
longer state-machine runs).

`tests/conftest.py` loads one of them before any test module is imported. A test that needs more or fewer
examples than the profile's default does not hard-code a number: it asks for `scaled(n)`, where `n` is its
count in the "ci" profile, so the long run multiplies it like everything else:

    @settings(max_examples=scaled(25), suppress_health_check=[...])

No profile has a deadline: on shared CI machines a slow example is not a bug, and a per-example time limit
made the outcome depend on the machine's load.
"""

from __future__ import annotations

from hypothesis import settings

CI_EXAMPLES = 100  # hypothesis' own default: a plain @given test runs as it always did
LONG_FACTOR = 20

settings.register_profile("ci", max_examples=CI_EXAMPLES, stateful_step_count=15, deadline=None, print_blob=True)
settings.register_profile("long", max_examples=CI_EXAMPLES * LONG_FACTOR, stateful_step_count=50, deadline=None,
                          print_blob=True)


def scaled(n: int) -> int:
    """`n` examples in the "ci" profile, scaled by the profile loaded (x20 under --long)."""
    return max(1, n * settings.default.max_examples // CI_EXAMPLES)
