"""Children's records: create, read, update, delete — each audited in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlmodel import select

from ospod_desktop.core.errors import NotFound, ValidationError
from ospod_desktop.core.i18n import _
from ospod_desktop.core.roles import CHILD_READERS, CHILD_WRITERS, Action, Entity, Role
from ospod_desktop.core.text import clean_line
from ospod_desktop.services.context import UserSession, requires
from ospod_desktop.storage.models import Child

SEXES = ("M", "F", "U")


@dataclass(frozen=True)
class ChildInput:
    """The minimum to register a child (the registration issue widens this)."""

    given_names: str = ""
    family_names: str = ""
    sex: str = "U"
    found_on: date | None = None
    found_place: str = ""


@dataclass(frozen=True)
class ChildView:
    id: int
    given_names: str
    family_names: str
    sex: str
    found_on: date | None
    found_place: str


def _clean(data: ChildInput) -> dict:
    given = clean_line(data.given_names, "given_names", _("Given names"), 200)
    family = clean_line(data.family_names, "family_names", _("Family names"), 200)
    if not (given or family):
        raise ValidationError("given_names", _("Given names: enter a name or a description."))
    if data.sex not in SEXES:
        raise ValidationError("sex", _("Sex: choose male, female or unknown."))
    if data.found_on and data.found_on > date.today():
        raise ValidationError("found_on", _("Date found: the date is in the future."))
    place = clean_line(data.found_place, "found_place", _("Place found"), 200)
    return dict(given_names=given, family_names=family, sex=data.sex, found_on=data.found_on, found_place=place)


def _view(c: Child) -> ChildView:
    return ChildView(c.id, c.given_names, c.family_names, c.sex, c.found_on, c.found_place)  # type: ignore[arg-type]


@requires(*CHILD_WRITERS)
def register_child(us: UserSession, data: ChildInput) -> int:
    values = _clean(data)
    with us.tx() as tx:
        child = Child(**values, created_at=datetime.now(UTC), created_by=us.actor.user_id)
        tx.session.add(child)
        tx.session.flush()
        tx.audit(Action.CREATE, Entity.CHILD, child.id)
        return child.id  # type: ignore[return-value]


@requires(*CHILD_READERS)
def get_child(us: UserSession, child_id: int) -> ChildView:
    """Open one record; the read itself is audited."""
    with us.tx() as tx:
        child = tx.session.get(Child, child_id)
        if child is None:
            tx.audit(Action.READ, Entity.CHILD, child_id, detail="not_found")
            raise NotFound()
        tx.audit(Action.READ, Entity.CHILD, child_id)
        return _view(child)


@requires(*CHILD_WRITERS)
def update_child(us: UserSession, child_id: int, data: ChildInput) -> None:
    values = _clean(data)
    with us.tx() as tx:
        child = tx.session.get(Child, child_id)
        if child is None:
            raise NotFound()
        for k, v in values.items():
            setattr(child, k, v)
        child.updated_at = datetime.now(UTC)
        tx.session.add(child)
        tx.audit(Action.UPDATE, Entity.CHILD, child_id)


@requires(Role.SUPERVISOR)
def delete_child(us: UserSession, child_id: int) -> None:
    """Only a supervisor deletes (e.g. a test registration); secure_delete wipes the freed pages."""
    with us.tx() as tx:
        child = tx.session.get(Child, child_id)
        if child is None:
            raise NotFound()
        tx.session.delete(child)
        tx.audit(Action.DELETE, Entity.CHILD, child_id)


@requires(*CHILD_READERS)
def list_children(us: UserSession, limit: int = 1000) -> list[ChildView]:
    with us.tx() as tx:
        rows = tx.session.exec(select(Child).order_by(Child.id).limit(limit)).all()
        tx.audit(Action.READ, Entity.CHILD, detail="list")
        return [_view(c) for c in rows]
