"""Everything due for one child, from every clock, in one list: `due_items(facts, day, policy)`.

The facts are plain values (`core.due_facts`); the rules live in `core.due_rules` and register themselves
in `core.due_model.RULES`, so a new kind plugs in by adding a rule — the screens list whatever comes back.
Each item carries its kind, due date (and time for hour clocks), status, source, explanation, basis (a
provision of law or office practice) and the version of the policy it was computed with.
"""

from __future__ import annotations

from datetime import date, datetime

from ospod_desktop.core import due_rules, due_trafficking  # noqa: F401 - registers the rules
from ospod_desktop.core.due_facts import (
    AsylumApplication,
    CaseFacts,
    ChildFacts,
    GuardianFacts,
    InformationRequest,
    MissingEpisode,
    ReflectionPeriod,
    TraffickingFacts,
    Visit,
)  # fmt: skip
from ospod_desktop.core.due_model import KINDS, RULES, Context, DueItem, basis_label, most_urgent, sort_key
from ospod_desktop.core.policy import Policy, default_policy

__all__ = [
    "KINDS", "AsylumApplication", "CaseFacts", "ChildFacts", "DueItem", "GuardianFacts", "InformationRequest",
    "MissingEpisode", "ReflectionPeriod", "TraffickingFacts", "Visit", "basis_label", "due_items", "most_urgent",
]


def due_items(facts: CaseFacts, day: date, policy: Policy | None = None, *, now: datetime | None = None
              ) -> list[DueItem]:
    """Every open item of the child on `day`, soonest first (a closed case has none).

    Hour clocks (a missing child) are judged at `now`, by default the end of `day`.
    """
    policy = policy or default_policy()
    if not facts.child.case_open:
        return []
    ctx = Context(facts, day, now, policy)
    return sorted((item for rule in RULES.values() for item in rule(ctx)), key=sort_key)
