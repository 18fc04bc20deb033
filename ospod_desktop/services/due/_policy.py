"""The deadline policy in force: the newest version an administrator saved, else the shipped file."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlmodel import col

from ospod_desktop.core.policy import Policy, default_policy, parse_policy
from ospod_desktop.storage.due_tables import DeadlinePolicy


def policy_in_use(conn) -> Policy:
    """The newest `deadline_policy` row (by revision), parsed and validated, else `default_policy()`
    (`conn` is a Session or a Connection). A stored version that no longer parses raises PolicyError."""
    data = conn.execute(select(col(DeadlinePolicy.data)).order_by(col(DeadlinePolicy.revision).desc())
                        .limit(1)).scalar()
    if data is None:
        return default_policy()
    return parse_policy(json.loads(data))


def policy_version(policy: Policy) -> int:
    """The number stored with materialised items: the policy's revision when it has one, else its version."""
    return int(getattr(policy, "revision", None) or policy.version)
