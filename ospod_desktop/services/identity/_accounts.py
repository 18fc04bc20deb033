"""Accounts: the administrator creates, disables, re-enables and resets users."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session, select

from ospod_desktop.core.errors import NotFound, ValidationError
from ospod_desktop.core.i18n import _
from ospod_desktop.core.limits import DISPLAY_NAME_MAX, USERNAME_MAX, USERNAME_MIN
from ospod_desktop.core.passwords import check_new_password
from ospod_desktop.core.roles import Action, Entity, Role
from ospod_desktop.core.text import clean_line
from ospod_desktop.services.context import UserSession, requires
from ospod_desktop.storage import office_slots
from ospod_desktop.storage.models import Facility, User
from ospod_desktop.storage.rows import saved_id

_USERNAME = re.compile(rf"^[\w.\-]{{{USERNAME_MIN},{USERNAME_MAX}}}$")


@dataclass(frozen=True)
class UserView:
    """An account as the administration page shows it."""

    id: int
    username: str
    display_name: str
    role: Role
    facility_id: int | None
    facility_name: str
    disabled: bool
    last_login_at: datetime | None


@dataclass(frozen=True)
class FacilityChoice:
    """A facility a staff account can be bound to."""

    id: int
    name: str


def check_username(username: str) -> str:
    """`USERNAME_MIN`–`USERNAME_MAX` letters, digits, dots, dashes or underscores; stored case-folded."""
    name = unicodedata.normalize("NFC", (username or "").strip()).casefold()
    if not _USERNAME.match(name):
        raise ValidationError(
            "username", _("User name: use {low} to {high} letters, digits, dots, dashes or underscores.").format(
                low=USERNAME_MIN, high=USERNAME_MAX))
    return name


def _view(user: User, facilities: dict[int, str]) -> UserView:
    return UserView(
        saved_id(user),
        user.username,
        user.display_name,
        Role(user.role),
        user.facility_id,
        facilities.get(user.facility_id or 0, ""),
        user.disabled,
        user.last_login_at,
    )


@requires(Role.ADMIN)
def list_users(us: UserSession) -> list[UserView]:
    with us.read() as session:
        facilities = {saved_id(f): f.name for f in session.exec(select(Facility)).all()}
        return [_view(u, facilities) for u in session.exec(select(User).order_by(User.username)).all()]


def list_facility_choices(us: UserSession) -> list[FacilityChoice]:
    """Active facilities, for binding a staff account (no child data)."""
    with us.read() as session:
        rows = session.exec(select(Facility).where(Facility.active == True).order_by(Facility.name)).all()  # noqa: E712
        return [FacilityChoice(saved_id(f), f.name) for f in rows]


def _check_role(session, role: Role | str, facility_id: int | None) -> tuple[Role, int | None]:
    try:
        role = Role(role)
    except ValueError as exc:
        raise ValidationError("role", _("Role: choose one of the listed roles.")) from exc
    if role is Role.FACILITY_STAFF:
        if facility_id is None or session.get(Facility, facility_id) is None:
            raise ValidationError("facility", _("Facility: facility staff must be bound to one facility."))
        return role, facility_id
    return role, None


@requires(Role.ADMIN)
def create_user(
    us: UserSession, username: str, display_name: str, role: Role | str, password: str, facility_id: int | None = None
) -> int:
    """A new account with a temporary password the user must change at first login."""
    name = check_username(username)
    display = clean_line(display_name, "display_name", _("Full name"), DISPLAY_NAME_MAX, required=True)
    password = check_new_password(password)
    key = bytes.fromhex(us.db.key_hex)
    with us.tx() as tx:
        role, facility_id = _check_role(tx.session, role, facility_id)
        if tx.session.exec(select(User).where(User.username == name)).first() or us.slots.has_user(name):
            raise ValidationError("username", _("User name: this user name is already taken."))
        user = User(
            username=name,
            display_name=display,
            role=role,
            facility_id=facility_id,
            created_at=datetime.now(UTC),
        )
        tx.session.add(user)
        tx.session.flush()
        tx.audit(Action.CREATE, Entity.USER, user.id)
        us.slots.reload()
        us.slots.set_user_password(name, password, key, must_change=True)
        us.slots.save()
    return saved_id(user)


def _get(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound()
    return user


@requires(Role.ADMIN)
def update_user(us: UserSession, user_id: int, display_name: str, role: Role | str, facility_id: int | None) -> None:
    display = clean_line(display_name, "display_name", _("Full name"), DISPLAY_NAME_MAX, required=True)
    with us.tx() as tx:
        user = _get(tx.session, user_id)
        role, facility_id = _check_role(tx.session, role, facility_id)
        if user.id == us.actor.user_id and role is not Role.ADMIN:
            raise ValidationError("role", _("Role: you cannot remove your own administrator role."))
        user.display_name, user.role, user.facility_id = display, role, facility_id
        tx.session.add(user)
        tx.audit(Action.UPDATE, Entity.USER, user.id)
        if role not in (Role.OFFICER, Role.SUPERVISOR):  # no longer an OSPOD role: its slot loses the office key
            us.slots.reload()
            if office_slots.forget(us.slots, user.username):
                us.slots.save()


@requires(Role.ADMIN)
def set_disabled(us: UserSession, user_id: int, disabled: bool) -> None:
    """Disable an account (its key slot is removed, so its password no longer opens the database)."""
    with us.tx() as tx:
        user = _get(tx.session, user_id)
        if user.id == us.actor.user_id and disabled:
            raise ValidationError("disabled", _("You cannot disable your own account."))
        user.disabled = disabled
        tx.session.add(user)
        tx.audit(Action.UPDATE, Entity.USER, user.id, detail="disabled" if disabled else "enabled")
        if disabled:
            us.slots.reload()
            us.slots.remove_user(user.username)
            us.slots.save()


@requires(Role.ADMIN)
def reset_password(us: UserSession, user_id: int, temporary_password: str) -> None:
    """Give the user a temporary password (they must change it); re-enables a disabled account's slot."""
    password = check_new_password(temporary_password)
    key = bytes.fromhex(us.db.key_hex)
    with us.tx() as tx:
        user = _get(tx.session, user_id)
        if user.disabled:
            raise ValidationError("disabled", _("Enable the account before resetting its password."))
        tx.audit(Action.PASSWORD_RESET, Entity.USER, user.id)
        us.slots.reload()
        us.slots.set_user_password(user.username, password, key, must_change=user.id != us.actor.user_id)
        us.slots.save()
