"""The office profile (letterhead) and office-wide settings."""

from __future__ import annotations

from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.i18n import _
from ospod_desktop.core.limits import ADDRESS_MAX, DISPLAY_NAME_MAX, LETTERHEAD_MAX, NAME_MAX
from ospod_desktop.core.roles import Action, Entity, Role
from ospod_desktop.core.text import clean_line, clean_text
from ospod_desktop.services.context import UserSession, requires
from ospod_desktop.services.identity._setup import OfficeProfile, clean_reference_format
from ospod_desktop.storage import audit
from ospod_desktop.storage.models import OFFICE_ID, Office
from ospod_desktop.storage.rows import saved_id

MIN_IDLE, MAX_IDLE = 1, 30


def get_office(us: UserSession) -> OfficeProfile:
    with us.read() as session:
        office = session.get_one(Office, OFFICE_ID)
        return OfficeProfile(office.name, office.address, office.orp, office.letterhead, office.reference_format)


def idle_lock_minutes(us: UserSession) -> int:
    with us.read() as session:
        return session.get_one(Office, OFFICE_ID).idle_lock_minutes


@requires(Role.ADMIN)
def update_office(us: UserSession, profile: OfficeProfile) -> None:
    with us.tx() as tx:
        office = tx.session.get_one(Office, OFFICE_ID)
        office.name = clean_line(profile.name, "office_name", _("Office name"), NAME_MAX, required=True)
        office.address = clean_text(profile.address, "office_address", _("Address"), ADDRESS_MAX)
        office.orp = clean_line(profile.orp, "office_orp", _("Municipality with extended powers (ORP)"), DISPLAY_NAME_MAX)
        office.letterhead = clean_text(profile.letterhead, "office_letterhead", _("Letterhead lines"), LETTERHEAD_MAX)
        office.reference_format = clean_reference_format(profile.reference_format)
        tx.session.add(office)
        tx.audit(Action.UPDATE, Entity.OFFICE, OFFICE_ID)


@requires(Role.ADMIN)
def set_idle_lock_minutes(us: UserSession, minutes: int) -> None:
    if not isinstance(minutes, int) or not MIN_IDLE <= minutes <= MAX_IDLE:
        raise ValidationError("idle_lock_minutes", _("Auto-lock: choose between 1 and 30 minutes."))
    with us.tx() as tx:
        office = tx.session.get_one(Office, OFFICE_ID)
        office.idle_lock_minutes = minutes
        tx.session.add(office)
        tx.audit(Action.UPDATE, Entity.OFFICE, OFFICE_ID, detail="idle_lock_minutes")


def audit_head(us: UserSession) -> tuple[int, str]:
    """The newest audit row's number and hash, printed in About, summaries and exports."""
    with us.read() as session:
        last = audit.head(session)
        return (saved_id(last), last.hash) if last else (0, audit.GENESIS)
