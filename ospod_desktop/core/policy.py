"""The deadline policy: legal time limits and visit intervals, read from resources/policy/deadlines.json.

Every number is written {"value": n, "basis": "Act 359/1999 s. 29", "kind": "law"} (or "office practice",
kind "practice"); `Policy.basis(path)` gives it back, and every computed item names the file's `version`.

The numbers live in data, not in code, because the law and practice change (the ZDVOP cap did). The file is
validated whole when loaded; a bad file raises `PolicyError` naming the key, and nothing uses half of it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from ospod_desktop.core.errors import OspodError
from ospod_desktop.core.i18n import _
from ospod_desktop.core.placement_rules import FACILITY_TYPES, INFORMED_PARTIES
from ospod_desktop.paths import resource

FORMAT = "ospod-deadline-policy"
VERSION = 2


class PolicyError(OspodError):
    """The policy file is missing, not JSON, or has a bad value (`key` names it)."""

    def __init__(self, key: str) -> None:
        super().__init__(_("The deadline policy file is invalid ({key}).").format(key=key), key)
        self.key = key


BASIS_KINDS = ("law", "practice")
PRACTICE = "office practice"


@dataclass(frozen=True)
class Basis:
    """Why a number holds: a provision of law ("Act 359/1999 s. 29", kind "law") or office practice."""

    text: str
    kind: str  # law / practice


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
    version: int = VERSION
    pm_section_461_months: int = 6
    zdvop_sum_earlier_stays: bool = True
    ipod_months: int = 1
    ipod_update_months: int = 1
    guardian_days: int = 0
    asylum_representative_working_days: int = 15
    asylum_representative_from: date = date(2026, 6, 12)
    adult_months: int = 216
    release_planning_months: int = 210
    information_request_days: int = 30
    return_interview_days: int = 3
    # the basis of every number, by its JSON path ("zdvop.total_stay_months", "visits.by_setting.relatives")
    bases: Mapping[str, Basis] = field(default_factory=dict)

    def visit_interval_months(self, setting: str, months_since_start: int) -> int:
        """How often OSPOD visits a child in `setting`, `months_since_start` into the placement."""
        steps = self.visits_by_setting.get(setting, self.visits_default)
        for step in steps:
            if step.until_month is None or months_since_start < step.until_month:
                return step.every_months
        return steps[-1].every_months

    def basis(self, path: str) -> Basis:
        """The basis of the number at JSON path `path` (office practice when the file gives none)."""
        return self.bases.get(path, Basis(PRACTICE, "practice"))

    def visit_basis(self, setting: str) -> Basis:
        key = f"visits.by_setting.{setting}"
        return self.bases[key] if key in self.bases else self.basis("visits.default")


def _where(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _get(data: Mapping[str, Any], key: str, path: str) -> Any:
    if not isinstance(data, Mapping) or key not in data:
        raise PolicyError(_where(path, key))
    return data[key]


def _basis(item: Any, where: str) -> Basis:
    text, kind = _get(item, "basis", where), _get(item, "kind", where)
    if not isinstance(text, str) or not text.strip():
        raise PolicyError(f"{where}.basis")
    if kind not in BASIS_KINDS:
        raise PolicyError(f"{where}.kind")
    return Basis(text.strip(), kind)


class _Reader:
    """Reads numbers written as {"value": n, "basis": "...", "kind": "law" | "practice"}, keeping each basis."""

    def __init__(self) -> None:
        self.bases: dict[str, Basis] = {}

    def count(self, data: Mapping[str, Any], key: str, path: str, low: int = 1, high: int = 120,
              optional: bool = False) -> Any:
        where = _where(path, key)
        item = _get(data, key, path)
        if not isinstance(item, Mapping):
            raise PolicyError(where)
        self.bases[where] = _basis(item, where)
        value = _get(item, "value", where)
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise PolicyError(f"{where}.value")
        return value

    def flag(self, data: Mapping[str, Any], key: str, path: str) -> bool:
        where = _where(path, key)
        item = _get(data, key, path)
        if not isinstance(item, Mapping):
            raise PolicyError(where)
        self.bases[where] = _basis(item, where)
        value = _get(item, "value", where)
        if not isinstance(value, bool):
            raise PolicyError(f"{where}.value")
        return value

    def steps(self, rule: Any, path: str) -> tuple[VisitStep, ...]:
        if not isinstance(rule, Mapping):
            raise PolicyError(path)
        self.bases[path] = _basis(rule, path)
        items = _get(rule, "steps", path)
        path = f"{path}.steps"
        if not isinstance(items, list) or not items:
            raise PolicyError(path)
        steps = []
        for i, item in enumerate(items):
            where = f"{path}[{i}]"
            if not isinstance(item, Mapping):
                raise PolicyError(where)
            until = _plain(item, "until_month", where, optional=True) if "until_month" in item else None
            steps.append(VisitStep(_plain(item, "every_months", where), until))
        if steps[-1].until_month is not None:  # the last step must hold for ever
            raise PolicyError(f"{path}[{len(steps) - 1}].until_month")
        bounds = [s.until_month for s in steps[:-1]]
        known = [b for b in bounds if b is not None]
        if len(known) < len(bounds) or known != sorted(known):
            raise PolicyError(path)
        return tuple(steps)


def _plain(data: Mapping[str, Any], key: str, path: str, optional: bool = False) -> Any:
    value = _get(data, key, path)
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 120:
        raise PolicyError(_where(path, key))
    return value


def _day(data: Mapping[str, Any], key: str, path: str) -> date:
    value = _get(data, key, path)
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise PolicyError(_where(path, key)) from exc


def parse_policy(data: Mapping[str, Any]) -> Policy:
    """Validate a policy document (the parsed JSON) and return it as a `Policy`."""
    if not isinstance(data, Mapping) or data.get("format") != FORMAT:
        raise PolicyError("format")
    if data.get("version") != VERSION:
        raise PolicyError("version")
    r = _Reader()
    pm, zd = _get(data, "preliminary_measure", ""), _get(data, "zdvop", "")
    diag, missing, visits = _get(data, "diagnostic_stay", ""), _get(data, "missing", ""), _get(data, "visits", "")
    ipod, guardian, adult = _get(data, "ipod", ""), _get(data, "guardian", ""), _get(data, "turns_18", "")
    info, interview = _get(data, "information_request", ""), _get(data, "return_interview", "")
    settings = _get(diag, "settings", "diagnostic_stay")
    if not isinstance(settings, list) or not settings or any(s not in FACILITY_TYPES for s in settings):
        raise PolicyError("diagnostic_stay.settings")
    hours = _get(missing, "inform_within_hours", "missing")
    if not isinstance(hours, Mapping) or set(hours) != set(INFORMED_PARTIES):
        raise PolicyError("missing.inform_within_hours")
    inform = {p: r.count(hours, p, "missing.inform_within_hours", 0, 24 * 14, optional=True) for p in INFORMED_PARTIES}
    by_setting = _get(visits, "by_setting", "visits")
    if not isinstance(by_setting, Mapping) or any(s not in FACILITY_TYPES for s in by_setting):
        raise PolicyError("visits.by_setting")
    policy = Policy(
        due_soon_days=r.count(data, "due_soon_days", "", 0, 90),
        pm_initial_months=r.count(pm, "initial_months", "preliminary_measure"),
        pm_extension_months=r.count(pm, "extension_months", "preliminary_measure"),
        pm_usual_total_months=r.count(pm, "usual_total_months", "preliminary_measure"),
        zdvop_total_months=r.count(zd, "total_stay_months", "zdvop"),
        zdvop_contract_months=r.count(zd, "contract_max_months", "zdvop"),
        zdvop_contract_extensions=r.count(zd, "contract_extensions", "zdvop", 0, 12),
        zdvop_extension_months=r.count(zd, "contract_extension_months", "zdvop"),
        diagnostic_weeks=r.count(diag, "weeks", "diagnostic_stay", 1, 104),
        diagnostic_settings=frozenset(settings),
        missing_inform_hours=inform,
        visits_default=r.steps(_get(visits, "default", "visits"), "visits.default"),
        visits_by_setting={s: r.steps(v, f"visits.by_setting.{s}") for s, v in by_setting.items()},
        version=VERSION,
        pm_section_461_months=r.count(pm, "section_461_total_months", "preliminary_measure"),
        zdvop_sum_earlier_stays=r.flag(zd, "sum_earlier_stays", "zdvop"),
        ipod_months=r.count(ipod, "months", "ipod"),
        ipod_update_months=r.count(ipod, "update_months", "ipod"),
        guardian_days=r.count(guardian, "unaccompanied_days", "guardian", 0, 90),
        asylum_representative_working_days=r.count(guardian, "asylum_representative_working_days", "guardian", 1, 90),
        asylum_representative_from=_day(guardian, "asylum_representative_from", "guardian"),
        adult_months=r.count(adult, "adult_months", "turns_18", 12, 300),
        release_planning_months=r.count(adult, "planning_months", "turns_18", 12, 300),
        information_request_days=r.count(info, "days", "information_request", 1, 365),
        return_interview_days=r.count(interview, "days", "return_interview", 1, 90),
        bases=r.bases,
    )
    if policy.pm_usual_total_months < policy.pm_initial_months:
        raise PolicyError("preliminary_measure.usual_total_months")
    if policy.zdvop_total_months < policy.zdvop_contract_months:
        raise PolicyError("zdvop.total_stay_months")
    if policy.release_planning_months > policy.adult_months:
        raise PolicyError("turns_18.planning_months")
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
