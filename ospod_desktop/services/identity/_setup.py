"""First run: creating the encrypted database, its key file, the office, the facility register and the first
administrator (`initialise`); the office's profile and its č.j. format."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlmodel import select

from ospod_desktop.core.errors import DatabaseExists, ValidationError
from ospod_desktop.core.i18n import _
from ospod_desktop.core.limits import ADDRESS_MAX, CASE_MARK_MAX, DISPLAY_NAME_MAX, LETTERHEAD_MAX, NAME_MAX
from ospod_desktop.core.passwords import check_new_password
from ospod_desktop.core.roles import Action, Entity, Role
from ospod_desktop.core.text import clean_line, clean_text
from ospod_desktop.paths import resource
from ospod_desktop.services import chain_anchor
from ospod_desktop.services.context import Actor, Tx, UserSession
from ospod_desktop.services.identity._accounts import check_username
from ospod_desktop.services.identity._auth import ensure_search_index
from ospod_desktop.storage import audit_mac, office_slots, schema
from ospod_desktop.storage.engine import Database
from ospod_desktop.storage.files import touch_private
from ospod_desktop.storage.keyslots import KdfParams, KeySlots, keys_path, new_recovery_code
from ospod_desktop.storage.models import DEFAULT_REFERENCE_FORMAT, OFFICE_ID, Facility, Office, User
from ospod_desktop.storage.rows import saved_id
from ospod_desktop.storage.staging import staged_database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OfficeProfile:
    """What the first-run wizard asks about the office."""

    name: str
    address: str = ""
    orp: str = ""
    letterhead: str = ""
    reference_format: str = DEFAULT_REFERENCE_FORMAT  # the č.j. of issued documents: {number} and {year}


def clean_reference_format(value: str | None) -> str:
    """The office's č.j. format: one line holding "{number}" (the year's running number), optionally "{year}",
    and no other placeholder."""
    label = _("Reference number (č.j.) format")
    text = clean_line(value, "office_reference_format", label, CASE_MARK_MAX, required=True)
    rest = text.replace("{number}", "").replace("{year}", "")
    if "{number}" not in text or "{" in rest or "}" in rest:
        raise ValidationError("office_reference_format", _(
            "{field}: write {{number}} where the running number goes, and {{year}} for the year if wanted "
            "(e.g. OSPOD/{{number}}/{{year}}).").format(field=label))
    return text


def database_exists(path: Path) -> bool:
    """True when there is a database file (with or without its key file) at `path`."""
    return Path(path).exists() or keys_path(Path(path)).exists()


def seed_facilities(tx: Tx) -> None:
    """Load the facility register shipped in resources/facilities (skipping codes already there).

    Each entry passes the administrator's own validation (`services.facilities.validate_facility`).
    """
    from ospod_desktop.services.placements import FacilityInput, validate_facility

    data = json.loads(resource("facilities", "facilities.json").read_text(encoding="utf-8"))
    existing = set(tx.session.exec(select(Facility.code)).all())
    for item in data["facilities"]:
        values = validate_facility(FacilityInput(**item))
        if values["code"] not in existing:
            tx.session.add(Facility(**values))
            existing.add(values["code"])


def initialise(
    path: Path,
    office: OfficeProfile,
    admin_username: str,
    admin_display_name: str,
    admin_password: str,
    kdf: KdfParams | None = None,
) -> tuple[UserSession, str]:
    """Create the encrypted database, its key slots, the office and the admin; returns the recovery code."""
    path = Path(path)
    if database_exists(path):
        raise DatabaseExists()
    username = check_username(admin_username)
    display = clean_line(admin_display_name or admin_username, "display_name", _("Full name"), DISPLAY_NAME_MAX, required=True)
    password = check_new_password(admin_password)
    profile = OfficeProfile(
        name=clean_line(office.name, "office_name", _("Office name"), NAME_MAX, required=True),
        address=clean_text(office.address, "office_address", _("Address"), ADDRESS_MAX),
        orp=clean_line(office.orp, "office_orp", _("Municipality with extended powers (ORP)"), DISPLAY_NAME_MAX),
        letterhead=clean_text(office.letterhead, "office_letterhead", _("Letterhead lines"), LETTERHEAD_MAX),
        reference_format=clean_reference_format(office.reference_format),
    )
    # Built under a temporary name and moved into place when complete: a killed `init` leaves no partial
    # database, nor a database without its key file in the way (`storage.staging`).
    with staged_database(path) as staged:
        slots, key = KeySlots.create(staged)
        code = new_recovery_code()
        touch_private(staged)
        db = Database(staged, key, create=True)
        try:
            schema.upgrade(db)
            ensure_search_index(db)  # stamps the (empty) index with the current matching rules
            with db.write() as session:
                tx = Tx(session, None)
                session.add(Office(id=OFFICE_ID, created_at=datetime.now(UTC), **profile.__dict__))
                seed_facilities(tx)
                admin = User(username=username, display_name=display, role=Role.ADMIN, created_at=datetime.now(UTC))
                session.add(admin)
                session.flush()
                actor = Actor(saved_id(admin), username, display, Role.ADMIN)
                tx.actor = actor
                record, k1 = audit_mac.seal_root(code, slots.db_uuid, 1, key)  # the MAC segment from row 1
                audit_mac.start(session, k1, 1)
                slots.data[audit_mac.RECOVERY_RECORD] = record
                tx.audit(Action.INIT, Entity.DATABASE)
                tx.audit(Action.CREATE, Entity.USER, admin.id)
            slots.set_user_password(username, password, key, kdf=kdf)
            slots.set_recovery(code, key, kdf=kdf)
            # The office key: in the recovery slot, and in the bootstrap until the first supervisor holds it.
            office_key = office_slots.new_office_key()
            office_slots.wrap_own(slots, office_slots.recovery_slot(slots), office_key)
            office_slots.put_bootstrap(slots, key, office_key)
            slots.save()
        finally:
            db.close()
    db = Database(path, key)
    chain_anchor.open_checked(db, key)  # the first anchor: the chain's head
    slots = KeySlots.load(path)
    log.info("database initialised (admin user id %s)", actor.user_id)
    return UserSession(db, slots, actor), code
