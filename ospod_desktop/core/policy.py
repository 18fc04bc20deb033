"""The deadline policy: legal time limits and visit intervals, read from resources/policy/deadlines.json.

The numbers live in data, not in code, because the law and practice change (the ZDVOP cap did). The file is
validated whole when loaded; a bad file raises `PolicyError` naming the key, and nothing uses half of it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ospod_desktop.core.errors import OspodError
from ospod_desktop.core.i18n import _
from ospod_desktop.core.placement_rules import FACILITY_TYPES, INFORMED_PARTIES
from ospod_desktop.paths import resource

FORMAT = "ospod-deadline-policy"


class PolicyError(OspodError):
    """The policy file is missing, not JSON, or has a bad value (`key` names it)."""

    def __init__(self, key: str) -> None:
        super().__init__(_("The deadline policy file is invalid ({key}).").format(key=key), key)
        self.key = key


@dataclass(frozen=True)
class VisitStep:
    """Visit every `every_months` while the placement is younger than `until_month` (None: from then on)."""

    every_months: int
    until_month: int | None = None


@dataclass(frozen=True)
class Policy:
    due_soon_days: int
    pm_initial_months: int
    pm_extension_months: int
    pm_usual_total_months: int
    zdvop_total_months: int
    zdvop_contract_months: int
    zdvop_contract_extensions: int
    zdvop_extension_months: int
    diagnostic_weeks: int
    diagnostic_settings: frozenset[str]
    missing_inform_hours: Mapping[str, int | None]
    visits_default: tuple[VisitStep, ...]
    visits_by_setting: Mapping[str, tuple[VisitStep, ...]]

    def visit_interval_months(self, setting: str, months_since_start: int) -> int:
        """How often OSPOD visits a child in `setting`, `months_since_start` into the placement."""
        steps = self.visits_by_setting.get(setting, self.visits_default)
        for step in steps:
            if step.until_month is None or months_since_start < step.until_month:
                return step.every_months
        return steps[-1].every_months


def _get(data: Mapping[str, Any], key: str, path: str) -> Any:
    if not isinstance(data, Mapping) or key not in data:
        raise PolicyError(f"{path}.{key}" if path else key)
    return data[key]


def _count(data: Mapping[str, Any], key: str, path: str, low: int = 1, high: int = 120, optional: bool = False) -> Any:
    value = _get(data, key, path)
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise PolicyError(f"{path}.{key}" if path else key)
    return value


def _steps(items: Any, path: str) -> tuple[VisitStep, ...]:
    if not isinstance(items, list) or not items:
        raise PolicyError(path)
    steps = []
    for i, item in enumerate(items):
        where = f"{path}[{i}]"
        until = _count(item, "until_month", where, optional=True) if "until_month" in item else None
        steps.append(VisitStep(_count(item, "every_months", where), until))
    if steps[-1].until_month is not None:  # the last step must hold for ever
        raise PolicyError(f"{path}[{len(steps) - 1}].until_month")
    bounds = [s.until_month for s in steps[:-1]]
    known = [b for b in bounds if b is not None]
    if len(known) < len(bounds) or known != sorted(known):
        raise PolicyError(path)
    return tuple(steps)


def parse_policy(data: Mapping[str, Any]) -> Policy:
    """Validate a policy document (the parsed JSON) and return it as a `Policy`."""
    if not isinstance(data, Mapping) or data.get("format") != FORMAT:
        raise PolicyError("format")
    if data.get("version") != 1:
        raise PolicyError("version")
    pm, zd = _get(data, "preliminary_measure", ""), _get(data, "zdvop", "")
    diag, missing, visits = _get(data, "diagnostic_stay", ""), _get(data, "missing", ""), _get(data, "visits", "")
    settings = _get(diag, "settings", "diagnostic_stay")
    if not isinstance(settings, list) or not settings or any(s not in FACILITY_TYPES for s in settings):
        raise PolicyError("diagnostic_stay.settings")
    hours = _get(missing, "inform_within_hours", "missing")
    if not isinstance(hours, Mapping) or set(hours) != set(INFORMED_PARTIES):
        raise PolicyError("missing.inform_within_hours")
    inform = {p: _count(hours, p, "missing.inform_within_hours", 0, 24 * 14, optional=True) for p in INFORMED_PARTIES}
    by_setting = _get(visits, "by_setting", "visits")
    if not isinstance(by_setting, Mapping) or any(s not in FACILITY_TYPES for s in by_setting):
        raise PolicyError("visits.by_setting")
    policy = Policy(
        due_soon_days=_count(data, "due_soon_days", "", 0, 90),
        pm_initial_months=_count(pm, "initial_months", "preliminary_measure"),
        pm_extension_months=_count(pm, "extension_months", "preliminary_measure"),
        pm_usual_total_months=_count(pm, "usual_total_months", "preliminary_measure"),
        zdvop_total_months=_count(zd, "total_stay_months", "zdvop"),
        zdvop_contract_months=_count(zd, "contract_max_months", "zdvop"),
        zdvop_contract_extensions=_count(zd, "contract_extensions", "zdvop", 0, 12),
        zdvop_extension_months=_count(zd, "contract_extension_months", "zdvop"),
        diagnostic_weeks=_count(diag, "weeks", "diagnostic_stay", 1, 104),
        diagnostic_settings=frozenset(settings),
        missing_inform_hours=inform,
        visits_default=_steps(_get(visits, "default", "visits"), "visits.default"),
        visits_by_setting={s: _steps(v, f"visits.by_setting.{s}") for s, v in by_setting.items()},
    )
    if policy.pm_usual_total_months < policy.pm_initial_months:
        raise PolicyError("preliminary_measure.usual_total_months")
    if policy.zdvop_total_months < policy.zdvop_contract_months:
        raise PolicyError("zdvop.total_stay_months")
    return policy


def load_policy(path: Path | None = None) -> Policy:
    """Read and validate the policy file (the shipped one by default)."""
    path = Path(path) if path else resource("policy", "deadlines.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PolicyError(path.name) from exc
    return parse_policy(data)


@lru_cache(maxsize=1)
def default_policy() -> Policy:
    """The shipped policy, read once."""
    return load_policy()
