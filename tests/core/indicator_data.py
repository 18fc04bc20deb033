"""The small test catalogue (tests/core/data/indicators_small.json) for the indicator tests.

Five dimensions (recruitment and transport are acts, control is means, exploitation, vulnerability), 19
indicators named `<dimension>_<strength><n>`; the default dimension rules (one strong, two medium, one medium
and two weak, all strong); overrides for exploitation (all strong first, two weak, one medium and one weak)
and vulnerability (one medium and one weak); outcome rules of every condition shape.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path

from ospod_desktop.core.indicators import Catalogue, load_catalogue

PATH = Path(__file__).parent / "data" / "indicators_small.json"


@lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads(PATH.read_text(encoding="utf-8"))


def small_data() -> dict:
    """A fresh copy of the test catalogue's JSON data (to change in a test)."""
    return copy.deepcopy(_data())


@lru_cache(maxsize=1)
def small() -> Catalogue:
    return load_catalogue(small_data())


def answers(present=(), absent=(), unknown=()) -> dict[str, str]:
    out = {i: "present" for i in present}
    out.update({i: "absent" for i in absent})
    out.update({i: "unknown" for i in unknown})
    return out
