"""The facility register: every role lists it with occupancy; the administrator adds and edits facilities.

Occupancy is the number of current placements against the capacity; it carries no child data, so the
list is not an audited read. Changes are validated whole and audited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, update
from sqlmodel import col, select

from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core.errors import NotFound, ValidationError
from ospod_desktop.core.i18n import _
from ospod_desktop.core.limits import ADDRESS_MAX, FACILITY_CODE_MAX, FACILITY_PHONE_MAX, LINE_MAX, NAME_MAX, NOTE_MAX
from ospod_desktop.core.roles import Action, Entity, Role
from ospod_desktop.core.text import clean_line, clean_text
from ospod_desktop.services import scope
from ospod_desktop.services.context import UserSession, requires
from ospod_desktop.services.placements._status import current_clause
from ospod_desktop.storage.models import Facility
from ospod_desktop.storage.placement_tables import Placement
from ospod_desktop.storage.rows import saved_id

_CODE = re.compile(rf"^[A-Z0-9][A-Z0-9_.\-]{{1,{FACILITY_CODE_MAX - 1}}}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(rf"^[0-9+()/ .\-]{{3,{FACILITY_PHONE_MAX}}}$")
MAX_CAPACITY = 10_000


@dataclass(frozen=True)
class FacilityInput:
    """What the administrator types for a facility."""

    code: str
    name: str
    type: str
    address: str = ""
    capacity: int | None = None
    phone: str = ""
    email: str = ""
    contact_person: str = ""
    other_contacts: str = ""
    active: bool = True


@dataclass(frozen=True)
class FacilityView:
    """A facility of the register with its occupancy today."""

    id: int
    code: str
    name: str
    type: str
    address: str
    capacity: int | None
    phone: str
    email: str
    contact_person: str
    other_contacts: str
    active: bool
    occupancy: int

    @property
    def type_label(self) -> str:
        return PR.label(PR.FACILITY_TYPES, self.type)

    @property
    def over_capacity(self) -> bool:
        return self.capacity is not None and self.occupancy > self.capacity

    @property
    def free_places(self) -> int | None:
        return None if self.capacity is None else self.capacity - self.occupancy


def validate_facility(form: FacilityInput) -> dict:
    """Clean column values; field-named errors."""
    code = (form.code or "").strip().upper()
    if not _CODE.match(code):
        raise ValidationError("code", _("Code: use 2 to {n} capital letters, digits, dots, dashes or underscores.").format(
            n=FACILITY_CODE_MAX))
    name = clean_line(form.name, "name", _("Name"), LINE_MAX, required=True)
    if form.type not in PR.FACILITY_TYPES:
        raise ValidationError("type", _("Type: choose one of the listed values."))
    capacity = form.capacity
    if capacity is not None and (isinstance(capacity, bool) or not isinstance(capacity, int)
                                 or not 0 <= capacity <= MAX_CAPACITY):
        raise ValidationError("capacity", _("Capacity: enter a whole number between 0 and {n}, or leave it empty.").format(
            n=MAX_CAPACITY))
    phone = clean_line(form.phone, "phone", _("Phone"), FACILITY_PHONE_MAX)
    if phone and not _PHONE.match(phone):
        raise ValidationError("phone", _("Phone: use digits, spaces and + ( ) / . - only."))
    email = clean_line(form.email, "email", _("E-mail"), NAME_MAX)
    if email and not _EMAIL.match(email):
        raise ValidationError("email", _("E-mail: the address is not valid."))
    return dict(
        code=code, name=name, type=form.type, address=clean_text(form.address, "address", _("Address"), ADDRESS_MAX),
        capacity=capacity, phone=phone, email=email,
        contact_person=clean_line(form.contact_person, "contact_person", _("Contact person"), NAME_MAX),
        other_contacts=clean_text(form.other_contacts, "other_contacts", _("Other contacts"), NOTE_MAX),
        active=bool(form.active),
    )  # fmt: skip


def _occupancy(session, day: date) -> dict[int, int]:
    stmt = (select(col(Placement.facility_id), func.count())
            .where(col(Placement.facility_id).is_not(None), current_clause(day))
            .group_by(col(Placement.facility_id)))
    return {fid: n for fid, n in session.exec(stmt).all()}


def _view(f: Facility, occupancy: dict[int, int]) -> FacilityView:
    fid = saved_id(f)
    return FacilityView(fid, f.code, f.name, f.type, f.address, f.capacity, f.phone, f.email,
                        f.contact_person, f.other_contacts, f.active, occupancy.get(fid, 0))


def list_facilities(us: UserSession, include_inactive: bool = False, today: date | None = None) -> list[FacilityView]:
    """The register in name order, each facility with its occupancy today (any logged-in role)."""
    day = today or scope.today()
    with us.read() as session:
        occupancy = _occupancy(session, day)
        stmt = select(Facility).order_by(Facility.name)
        if not include_inactive:
            stmt = stmt.where(Facility.active == True)  # noqa: E712
        return [_view(f, occupancy) for f in session.exec(stmt).all()]


def get_facility(us: UserSession, facility_id: int, today: date | None = None) -> FacilityView:
    day = today or scope.today()
    with us.read() as session:
        f = session.get(Facility, facility_id) if isinstance(facility_id, int) else None
        if f is None:
            raise NotFound()
        return _view(f, _occupancy(session, day))


def _code_taken(session, code: str, other_than: int | None) -> bool:
    row = session.exec(select(Facility.id).where(Facility.code == code)).first()
    return row is not None and row != other_than


@requires(Role.ADMIN)
def create_facility(us: UserSession, form: FacilityInput) -> int:
    values = validate_facility(form)
    with us.tx() as tx:
        if _code_taken(tx.session, values["code"], None):
            raise ValidationError("code", _("Code: another facility already has this code."))
        row = Facility(**values)
        tx.session.add(row)
        tx.session.flush()
        tx.audit(Action.CREATE, Entity.FACILITY, row.id)
        return saved_id(row)


@requires(Role.ADMIN)
def update_facility(us: UserSession, facility_id: int, form: FacilityInput) -> int:
    """Save an edit; returns how many fields changed."""
    values = validate_facility(form)
    with us.tx() as tx:
        row = tx.session.get(Facility, facility_id) if isinstance(facility_id, int) else None
        if row is None:
            raise NotFound()
        if _code_taken(tx.session, values["code"], facility_id):
            raise ValidationError("code", _("Code: another facility already has this code."))
        if values["type"] != row.type:
            # The clocks read the facility's own type (`placement_facts`); the placements' copy follows so the
            # chain shows it and a later correction of a placement does not log a change nobody made.
            tx.session.execute(update(Placement).where(col(Placement.facility_id) == facility_id).values(setting=values["type"]))
            # a bulk statement: the children placed there have new clocks (their due items follow)
            tx.touch(*tx.session.execute(select(col(Placement.child_id)).where(
                col(Placement.facility_id) == facility_id)).scalars())
        changed = [k for k, v in values.items() if getattr(row, k) != v]
        for key in changed:
            setattr(row, key, values[key])
        if changed:
            tx.session.add(row)
            tx.audit(Action.UPDATE, Entity.FACILITY, facility_id, detail=",".join(sorted(changed)))
        return len(changed)
