"""Helpers for the placement, missing-episode and scope tests: facilities by code, staff logins, forms."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import text
from sqlmodel import select

from ospod_desktop.core.placement_form import PlacementInput
from ospod_desktop.core.roles import Role
from ospod_desktop.services import children, identity
from ospod_desktop.storage.models import Facility
from tests.conftest import OFFICER_PASSWORD, child_form

TODAY = date.today()
RADLICKA = "ZDC-RADLICKA"


def facility_id(us, code: str) -> int:
    with us.read() as s:
        return s.exec(select(Facility.id).where(Facility.code == code)).one()


def staff(admin, db_path, username: str, code: str):
    """A facility-staff account bound to the facility `code`, logged in."""
    identity.create_user(admin, username, f"Staff {username}", Role.FACILITY_STAFF, OFFICER_PASSWORD, facility_id(admin, code))
    return identity.login(db_path, username, OFFICER_PASSWORD)


def child(us, given: str = "Ali", days_ago: int = 200, **fields) -> int:
    """A child found `days_ago` days ago."""
    return children.register_child(us, child_form(given, "Rahimi", "M", found_on=TODAY - timedelta(days=days_ago), **fields))


def pm(fid: int | None, start: date, **fields) -> PlacementInput:
    """A placement by court preliminary measure."""
    fields.setdefault("court", "Obvodní soud pro Prahu 5")
    fields.setdefault("court_file_number", "29 Nc 1234/2026")
    fields.setdefault("decision_date", start)
    return PlacementInput(start_date=start, legal_basis="preliminary_measure", facility_id=fid, **fields)


def count(us, table: str) -> int:
    with us.read() as s:
        return s.exec(text(f"SELECT count(*) FROM {table}")).scalar()


def counts(us) -> tuple[int, ...]:
    return tuple(count(us, t) for t in ("placement", "placement_extension", "missing_episode", "child_history", "audit_log"))


def last_audit(us) -> tuple:
    with us.read() as s:
        return tuple(s.exec(text("SELECT action, entity, entity_id, detail FROM audit_log ORDER BY id DESC LIMIT 1")).one())
