"""The deadline policy in force: the newest version an administrator saved, else the shipped file.

`policy_revision` numbers it for the materialised items (`due_state.policy_version`): the newest
`deadline_policy.revision`, else the shipped file's own revision. Items computed under another revision are
stale. (`services.due_policy` writes the versions; this is the hot path's reader, cached by content.)
"""

from __future__ import annotations

import json
from functools import lru_cache

from sqlalchemy import select
from sqlmodel import col

from ospod_desktop.core.policy import Policy, default_policy, parse_policy
from ospod_desktop.storage.due_tables import DeadlinePolicy


@lru_cache(maxsize=8)
def _parsed(data: str, revision: int) -> Policy:
    return parse_policy({**json.loads(data), "revision": revision})


def _newest(conn) -> tuple[int, str] | None:
    row = conn.execute(select(col(DeadlinePolicy.revision), col(DeadlinePolicy.data))
                       .order_by(col(DeadlinePolicy.revision).desc()).limit(1)).first()
    return (row[0], row[1]) if row else None


def policy_in_use(conn) -> Policy:
    """The newest `deadline_policy` row (by revision), parsed and validated, else `default_policy()`
    (`conn` is a Session or a Connection). A stored version that no longer parses raises PolicyError."""
    newest = _newest(conn)
    return _parsed(newest[1], newest[0]) if newest else default_policy()


def policy_revision(conn) -> int:
    """The revision of the policy in use (the shipped file's own when none was saved)."""
    newest = _newest(conn)
    return newest[0] if newest else default_policy().revision
