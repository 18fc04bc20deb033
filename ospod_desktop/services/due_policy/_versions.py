"""Versions of the deadline policy: the newest `DeadlinePolicy` row is in force, none means the shipped file.

A save validates the whole document (`core.policy.parse_policy`) before anything is written, stores it as a new
row with the next revision, audits it (ids and the revision only) and runs the `AFTER_SAVE` hooks in the same
transaction, so the due items recomputed with the new policy commit with it or not at all."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import func
from sqlmodel import Session, col, select

from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.i18n import N_, _
from ospod_desktop.core.limits import LINE_MAX
from ospod_desktop.core.policy import Policy, PolicyError, default_policy, parse_policy, policy_to_data
from ospod_desktop.core.roles import Action, Entity, Role
from ospod_desktop.core.text import clean_line
from ospod_desktop.services.context import UserSession, requires
from ospod_desktop.storage.due_tables import DeadlinePolicy
from ospod_desktop.storage.models import User
from ospod_desktop.storage.rows import saved_id

log = logging.getLogger(__name__)

EDIT_ROLES = frozenset({Role.ADMIN})  # like the facilities register and catalogue updates (docs/product.md)
REASON_MIN = 5
FILE_MAX = 1_000_000  # bytes: the shipped file is ~5 kB

# Called as hook(session, policy) after a new version is written, inside its transaction (the lead wires
# services.due.recompute_all here); an exception rolls the new version back.
AFTER_SAVE: list[Callable[[Session, Policy], None]] = []


class CurrentPolicy(NamedTuple):
    """The policy in force and where it comes from (saved_at/saved_by None: the shipped file)."""

    policy: Policy
    revision: int
    saved_at: datetime | None
    saved_by: str | None


@dataclass(frozen=True)
class PolicyVersion:
    revision: int
    saved_at: datetime | None  # None: the shipped file
    saved_by: str | None  # the user name
    reason: str

    @property
    def shipped(self) -> bool:
        return self.saved_at is None


def _newest(session: Session) -> DeadlinePolicy | None:
    return session.exec(select(DeadlinePolicy).order_by(col(DeadlinePolicy.revision).desc()).limit(1)).first()


def policy_in_session(session: Session) -> Policy:
    """The policy in force, read in an open session (the newest saved version, else the shipped file)."""
    row = _newest(session)
    return _parse_row(row) if row else default_policy()


def _parse_row(row: DeadlinePolicy) -> Policy:
    try:
        data = json.loads(row.data)
    except ValueError as exc:
        raise PolicyError("revision") from exc
    return parse_policy({**data, "revision": row.revision})


def _username(session: Session, user_id: int | None) -> str | None:
    user = session.get(User, user_id) if user_id is not None else None
    return user.username if user else None


def current_policy(us: UserSession) -> CurrentPolicy:
    with us.read() as session:
        row = _newest(session)
        if row is None:
            policy = default_policy()
            return CurrentPolicy(policy, policy.revision, None, None)
        return CurrentPolicy(_parse_row(row), row.revision, row.created_at, _username(session, row.created_by))


def policy_versions(us: UserSession) -> list[PolicyVersion]:
    """Every version, newest first, ending with the shipped file."""
    with us.read() as session:
        rows = session.exec(select(DeadlinePolicy, User.username).join(
            User, col(User.id) == col(DeadlinePolicy.created_by), isouter=True).order_by(
            col(DeadlinePolicy.revision).desc())).all()
        versions = [PolicyVersion(r.revision, r.created_at, name, r.reason) for r, name in rows]
    return [*versions, PolicyVersion(default_policy().revision, None, None, _("The policy shipped with the program"))]


def check_reason(reason: str) -> str:
    text = clean_line(reason, "reason", _("Reason for the change"), LINE_MAX, required=True)
    if len(text) < REASON_MIN:
        raise ValidationError("reason", _("Reason for the change: write at least {n} characters.").format(
            n=REASON_MIN))
    return text


@requires(*EDIT_ROLES)
def save_policy(us: UserSession, data: dict[str, Any], reason: str) -> int:
    """Validate `data` whole and save it as the next version, in force from now; returns its revision.
    A bad field raises PolicyError naming it (and a bad reason ValidationError): nothing is saved then."""
    text = check_reason(reason)
    parse_policy(data)  # before the transaction: a bad document never opens one
    with us.tx() as tx:
        session = tx.session
        top = session.exec(select(func.max(DeadlinePolicy.revision))).one() or 0
        revision = max(top, default_policy().revision) + 1
        policy = parse_policy({**data, "revision": revision})
        row = DeadlinePolicy(revision=revision, data=json.dumps(policy_to_data(policy), ensure_ascii=False),
                             reason=text, created_at=datetime.now(UTC), created_by=us.actor.user_id)
        session.add(row)
        session.flush()
        tx.audit(Action.UPDATE, Entity.DEADLINE_POLICY, saved_id(row), detail=f"revision:{revision}")
        for hook in AFTER_SAVE:
            hook(session, policy)
    log.info("deadline policy revision %d saved", revision)
    return revision


@requires(*EDIT_ROLES)
def revert_to_default(us: UserSession, reason: str) -> int:
    """Save the shipped policy again, as a new version."""
    return save_policy(us, policy_to_data(default_policy()), reason)


def export_policy(us: UserSession) -> str:
    """The policy in force as JSON text (the file `import_policy_file` and the shipped file share)."""
    current = current_policy(us)
    with us.tx() as tx:
        tx.audit(Action.EXPORT, Entity.DEADLINE_POLICY, None, detail=f"revision:{current.revision}")
    return json.dumps(policy_to_data(current.policy), ensure_ascii=False, indent=2) + "\n"


def read_policy_file(path: Path | str) -> dict[str, Any]:
    """A policy file's document, validated whole (PolicyError naming the field, or "file" if unreadable)."""
    path = Path(path)
    try:
        if path.stat().st_size > FILE_MAX:
            raise PolicyError("file", N_("the file is too large for a policy."))
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PolicyError("file", N_("the file cannot be read as JSON.")) from exc
    parse_policy(data)  # a Mapping, then
    return dict(data)


@requires(*EDIT_ROLES)
def import_policy_file(us: UserSession, path: Path | str, reason: str) -> int:
    """Save the policy in `path` as the next version (validated whole; nothing saved on an error)."""
    check_reason(reason)
    return save_policy(us, read_policy_file(path), reason)
