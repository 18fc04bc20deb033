"""The deadline policy: legal time limits and visit intervals, read from resources/policy/deadlines.json.

Every number is written {"value": n, "basis": "Act 359/1999 s. 29", "kind": "law"} (or "office practice",
kind "practice"); `Policy.basis(path)` gives it back. `version` is the file's format; `revision` numbers the
policy's versions (the shipped file is 1, each version an administrator saves the next: services.due_policy),
and every computed item names the revision it was computed with. `policy_to_data` writes a policy back.

The numbers live in data, not in code, because the law and practice change (the ZDVOP cap did). The file is
validated whole when loaded; a bad file raises `PolicyError` naming the key (its JSON path and a human label,
`core.policy_fields`), and nothing uses half of it.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from ospod_desktop.core.errors import OspodError
from ospod_desktop.core.i18n import N_, _
from ospod_desktop.core.placement_rules import FACILITY_TYPES, INFORMED_PARTIES
from ospod_desktop.core.policy_fields import BY_PATH, NUMBERS, field_label
from ospod_desktop.paths import resource

FORMAT = "ospod-deadline-policy"
VERSION = 3
# Earlier format versions still read (a version an administrator saved, an exported file): each is brought up to
# VERSION by `_upgrade`. Version 3 added the "trafficking" section; a version 2 document gets the shipped one.
UPGRADES_FROM = (2,)


MISSING = N_("it is missing or malformed.")
NOT_A_NUMBER = N_("write a whole number from {low} to {high}.")
NO_BASIS = N_("write its basis: the provision of law, or “office practice”.")
BAD_KIND = N_("its kind must be “law” or “practice”.")


class PolicyError(OspodError):
    """The policy file is missing, not JSON, or has a bad value: `key` names it by its JSON path, and the
    message by its label too ("Deadline policy – ZDVOP: total stay (zdvop.total_stay_months.value): …")."""

    def __init__(self, key: str, problem: str = MISSING, **params: object) -> None:
        text = _(problem).format(**params)
        super().__init__(_("Deadline policy – {label} ({key}): {problem}").format(
            label=field_label(key), key=key, problem=text), key)
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
    trafficking_police_report_days: int = 0
    trafficking_reflection_months: int = 1
    trafficking_reassessment_days: int = 30
    revision: int = 1  # which version of the policy this is (the shipped file is 1)
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
    text = item.get("basis")
    if not isinstance(text, str) or not text.strip():
        raise PolicyError(f"{where}.basis", NO_BASIS)
    if item.get("kind") not in BASIS_KINDS:
        raise PolicyError(f"{where}.kind", BAD_KIND)
    return Basis(text.strip(), item["kind"])


class _Reader:
    """Reads numbers written as {"value": n, "basis": "...", "kind": "law" | "practice"}, keeping each basis."""

    def __init__(self) -> None:
        self.bases: dict[str, Basis] = {}

    def count(self, data: Mapping[str, Any], key: str, path: str) -> Any:
        where = _where(path, key)
        spec = BY_PATH[where]
        item = _get(data, key, path)
        if not isinstance(item, Mapping):
            raise PolicyError(where)
        self.bases[where] = _basis(item, where)
        value = _get(item, "value", where)
        if value is None and spec.optional:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not spec.low <= value <= spec.high:
            raise PolicyError(f"{where}.value", NOT_A_NUMBER, low=spec.low, high=spec.high)
        return value

    def flag(self, data: Mapping[str, Any], key: str, path: str) -> bool:
        where = _where(path, key)
        item = _get(data, key, path)
        if not isinstance(item, Mapping):
            raise PolicyError(where)
        self.bases[where] = _basis(item, where)
        value = _get(item, "value", where)
        if not isinstance(value, bool):
            raise PolicyError(f"{where}.value", N_("write true or false."))
        return value

    def steps(self, rule: Any, path: str) -> tuple[VisitStep, ...]:
        if not isinstance(rule, Mapping):
            raise PolicyError(path)
        self.bases[path] = _basis(rule, path)
        items = _get(rule, "steps", path)
        path = f"{path}.steps"
        if not isinstance(items, list) or not items:
            raise PolicyError(path, N_("give at least one step."))
        steps = []
        for i, item in enumerate(items):
            where = f"{path}[{i}]"
            if not isinstance(item, Mapping):
                raise PolicyError(where)
            until = _plain(item, "until_month", where, optional=True) if "until_month" in item else None
            steps.append(VisitStep(_plain(item, "every_months", where), until))
        last = len(steps) - 1
        if steps[-1].until_month is not None:  # the last step must hold for ever
            raise PolicyError(f"{path}[{last}].until_month", N_("the last step holds from then on: leave it empty."))
        previous = 0
        for i, step in enumerate(steps[:-1]):
            if step.until_month is None or step.until_month <= previous:
                raise PolicyError(f"{path}[{i}].until_month",
                                  N_("every step but the last ends at a month later than the step before."))
            previous = step.until_month
        return tuple(steps)


def _plain(data: Mapping[str, Any], key: str, path: str, optional: bool = False) -> Any:
    value = _get(data, key, path)
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 120:
        raise PolicyError(_where(path, key), NOT_A_NUMBER, low=1, high=120)
    return value


def _day(data: Mapping[str, Any], key: str, path: str) -> date:
    value = _get(data, key, path)
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise PolicyError(_where(path, key), N_("write a date as YYYY-MM-DD.")) from exc


@lru_cache(maxsize=1)
def _shipped_document() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resource("policy", "deadlines.json").read_text(encoding="utf-8"))
    return data


def _upgrade(data: Mapping[str, Any]) -> Mapping[str, Any]:
    """A document of an earlier format version (UPGRADES_FROM) as this version reads it: the sections added
    since come from the shipped file; nothing the document says is changed."""
    version = data.get("version")
    if isinstance(version, bool) or version not in UPGRADES_FROM:
        return data
    out = dict(data)
    if version == 2 and "trafficking" not in out:
        out["trafficking"] = copy.deepcopy(_shipped_document()["trafficking"])
    out["version"] = VERSION
    return out


def parse_policy(data: Mapping[str, Any]) -> Policy:
    """Validate a policy document (the parsed JSON) and return it as a `Policy` (an earlier format version is
    read as `_upgrade` brings it up to this one)."""
    if not isinstance(data, Mapping) or data.get("format") != FORMAT:
        raise PolicyError("format", N_("this is not a deadline policy file."))
    data = _upgrade(data)
    if data.get("version") != VERSION:
        raise PolicyError("version", N_("this program reads version {version} of the file."), version=VERSION)
    revision = data.get("revision", 1)
    if isinstance(revision, bool) or not isinstance(revision, int) or revision < 1:
        raise PolicyError("revision", N_("write a whole number, 1 or more."))
    r = _Reader()
    pm, zd = _get(data, "preliminary_measure", ""), _get(data, "zdvop", "")
    diag, missing, visits = _get(data, "diagnostic_stay", ""), _get(data, "missing", ""), _get(data, "visits", "")
    ipod, guardian, adult = _get(data, "ipod", ""), _get(data, "guardian", ""), _get(data, "turns_18", "")
    info, interview = _get(data, "information_request", ""), _get(data, "return_interview", "")
    thb = _get(data, "trafficking", "")
    settings = _get(diag, "settings", "diagnostic_stay")
    if not isinstance(settings, list) or not settings or any(s not in FACILITY_TYPES for s in settings):
        raise PolicyError("diagnostic_stay.settings", N_("list one or more known settings."))
    hours = _get(missing, "inform_within_hours", "missing")
    if not isinstance(hours, Mapping) or set(hours) != set(INFORMED_PARTIES):
        raise PolicyError("missing.inform_within_hours", N_("give exactly: {parties}."),
                          parties=", ".join(INFORMED_PARTIES))
    inform = {p: r.count(hours, p, "missing.inform_within_hours") for p in INFORMED_PARTIES}
    by_setting = _get(visits, "by_setting", "visits")
    if not isinstance(by_setting, Mapping) or any(s not in FACILITY_TYPES for s in by_setting):
        raise PolicyError("visits.by_setting", N_("list one or more known settings."))
    policy = Policy(
        due_soon_days=r.count(data, "due_soon_days", ""),
        pm_initial_months=r.count(pm, "initial_months", "preliminary_measure"),
        pm_extension_months=r.count(pm, "extension_months", "preliminary_measure"),
        pm_usual_total_months=r.count(pm, "usual_total_months", "preliminary_measure"),
        zdvop_total_months=r.count(zd, "total_stay_months", "zdvop"),
        zdvop_contract_months=r.count(zd, "contract_max_months", "zdvop"),
        zdvop_contract_extensions=r.count(zd, "contract_extensions", "zdvop"),
        zdvop_extension_months=r.count(zd, "contract_extension_months", "zdvop"),
        diagnostic_weeks=r.count(diag, "weeks", "diagnostic_stay"),
        diagnostic_settings=frozenset(settings),
        missing_inform_hours=inform,
        visits_default=r.steps(_get(visits, "default", "visits"), "visits.default"),
        visits_by_setting={s: r.steps(v, f"visits.by_setting.{s}") for s, v in by_setting.items()},
        version=VERSION,
        pm_section_461_months=r.count(pm, "section_461_total_months", "preliminary_measure"),
        zdvop_sum_earlier_stays=r.flag(zd, "sum_earlier_stays", "zdvop"),
        ipod_months=r.count(ipod, "months", "ipod"),
        ipod_update_months=r.count(ipod, "update_months", "ipod"),
        guardian_days=r.count(guardian, "unaccompanied_days", "guardian"),
        asylum_representative_working_days=r.count(guardian, "asylum_representative_working_days", "guardian"),
        asylum_representative_from=_day(guardian, "asylum_representative_from", "guardian"),
        adult_months=r.count(adult, "adult_months", "turns_18"),
        release_planning_months=r.count(adult, "planning_months", "turns_18"),
        information_request_days=r.count(info, "days", "information_request"),
        return_interview_days=r.count(interview, "days", "return_interview"),
        trafficking_police_report_days=r.count(thb, "police_report_days", "trafficking"),
        trafficking_reflection_months=r.count(thb, "reflection_period_months", "trafficking"),
        trafficking_reassessment_days=r.count(thb, "reassessment_days", "trafficking"),
        bases=r.bases,
        revision=revision,
    )
    if policy.pm_usual_total_months < policy.pm_initial_months:
        raise PolicyError("preliminary_measure.usual_total_months", N_("it must be at least the first period ({n})."),
                          n=policy.pm_initial_months)
    if policy.zdvop_total_months < policy.zdvop_contract_months:
        raise PolicyError("zdvop.total_stay_months", N_("it must be at least one contract ({n})."),
                          n=policy.zdvop_contract_months)
    if policy.release_planning_months > policy.adult_months:
        raise PolicyError("turns_18.planning_months", N_("it must be at most the age of majority ({n})."),
                          n=policy.adult_months)
    return policy


def _item(policy: Policy, path: str, value: Any) -> dict[str, Any]:
    b = policy.basis(path)
    return {"value": value, "basis": b.text, "kind": b.kind}


def _steps(policy: Policy, path: str, steps: tuple[VisitStep, ...]) -> dict[str, Any]:
    rows = [{"every_months": s.every_months} | ({"until_month": s.until_month} if s.until_month else {})
            for s in steps]
    b = policy.basis(path)
    return {"basis": b.text, "kind": b.kind, "steps": rows}


def _put(doc: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for part in parents:
        doc = doc.setdefault(part, {})
    doc[last] = value


def policy_to_data(policy: Policy) -> dict[str, Any]:
    """The policy as a document `parse_policy` reads back to an equal `Policy` (the shipped file's notes aside)."""
    doc: dict[str, Any] = {"format": FORMAT, "version": policy.version, "revision": policy.revision}
    for n in NUMBERS:
        value = getattr(policy, n.attr)
        _put(doc, n.path, _item(policy, n.path, value[n.key] if n.key else value))
    _put(doc, "zdvop.sum_earlier_stays", _item(policy, "zdvop.sum_earlier_stays", policy.zdvop_sum_earlier_stays))
    _put(doc, "diagnostic_stay.settings", sorted(policy.diagnostic_settings))
    _put(doc, "guardian.asylum_representative_from", policy.asylum_representative_from.isoformat())
    _put(doc, "visits.default", _steps(policy, "visits.default", policy.visits_default))
    _put(doc, "visits.by_setting", {s: _steps(policy, f"visits.by_setting.{s}", steps)
                                    for s, steps in policy.visits_by_setting.items()})
    return doc


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
