"""Versions of the indicator catalogue: the one in use, every version kept, imports checked first.

The first use seeds the shipped default (`core.indicators.default_catalogue`, `imported_by` None). An import is
checked whole (`core.indicators.check_catalogue_text`) before a transaction opens: an invalid file raises
`CatalogueError` listing every problem and the catalogue in use is untouched. A valid one is stored as its
canonical JSON and becomes the one in use; earlier versions stay, so an assessment keeps the version it was made
with (`catalogue_of_version`). Administrators and supervisors import; every role but facility staff reads.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from sqlmodel import Session, col, select

from ospod_desktop.core.errors import NotFound, ValidationError
from ospod_desktop.core.i18n import _
from ospod_desktop.core.indicators import (
    FILE_MAX,
    Catalogue,
    CatalogueError,
    Problem,
    check_catalogue_text,
    default_catalogue,
)
from ospod_desktop.core.indicators import parse_catalogue as _parse
from ospod_desktop.core.limits import LINE_MAX
from ospod_desktop.core.roles import Action, Entity, Role
from ospod_desktop.core.text import clean_line
from ospod_desktop.services.context import Tx, UserSession, requires
from ospod_desktop.storage.models import User
from ospod_desktop.storage.rows import saved_id
from ospod_desktop.storage.trafficking_tables import IndicatorCatalogueVersion as Row

log = logging.getLogger(__name__)

IMPORT_ROLES = (Role.ADMIN, Role.SUPERVISOR)
READ_ROLES = (Role.ADMIN, Role.SUPERVISOR, Role.OFFICER)
REASON_MIN = 5


@dataclass(frozen=True)
class CatalogueView:
    """The catalogue in use and its row."""

    pk: int
    catalogue: Catalogue


@dataclass(frozen=True)
class CatalogueVersionView:
    pk: int
    catalogue_id: str
    version: str
    digest: str
    imported_at: datetime
    by: str | None  # the importer's display name; None for the shipped default
    in_use: bool
    reason: str


@lru_cache(maxsize=16)
def _catalogue_of(content: str) -> Catalogue:
    # A stored version was checked when it was imported: it is read as it is, even if a later program's checks
    # would find something to say about it (the assessments made with it must still open).
    return Catalogue.from_data(json.loads(content))


def catalogue_of_row(row: Row) -> Catalogue:
    return _catalogue_of(row.content)


def _in_use(session: Session) -> Row | None:
    return session.exec(select(Row).where(col(Row.in_use).is_(True))).first()


def in_use_row(tx: Tx) -> Row:
    """The row in use, seeding the shipped default on first use (audited)."""
    row = _in_use(tx.session)
    if row is not None:
        return row
    default = default_catalogue()
    row = Row(catalogue_id=default.id, version=default.version, digest=default.digest,
              content=default.canonical_json(), imported_at=datetime.now(UTC), imported_by=None, in_use=True,
              reason="shipped default")
    tx.session.add(row)
    tx.session.flush()
    tx.audit(Action.CREATE, Entity.INDICATOR_CATALOGUE, saved_id(row), detail="seed")
    return row


def _view(row: Row, names: dict[int, str]) -> CatalogueVersionView:
    return CatalogueVersionView(saved_id(row), row.catalogue_id, row.version, row.digest, row.imported_at,
                                names.get(row.imported_by) if row.imported_by is not None else None, row.in_use,
                                row.reason)


def _names(session: Session, ids) -> dict[int, str]:
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    return {saved_id(u): u.display_name for u in session.exec(select(User).where(col(User.id).in_(ids))).all()}


@requires(*READ_ROLES)
def catalogue_in_use(us: UserSession) -> CatalogueView:
    """The catalogue in use (the shipped default on first use)."""
    with us.tx() as tx:
        row = in_use_row(tx)
        return CatalogueView(saved_id(row), catalogue_of_row(row))


@requires(*READ_ROLES)
def catalogue_versions(us: UserSession) -> list[CatalogueVersionView]:
    """Every stored version, newest first (the shipped default seeded on first use)."""
    with us.tx() as tx:
        in_use_row(tx)
        session = tx.session
        rows = list(session.exec(select(Row).order_by(col(Row.imported_at).desc(), col(Row.id).desc())).all())
        names = _names(session, (r.imported_by for r in rows))
        return [_view(r, names) for r in rows]


@requires(*READ_ROLES)
def catalogue_of_version(us: UserSession, pk: int) -> Catalogue:
    """The catalogue of a stored version (the one an assessment was made with)."""
    with us.read() as session:
        row = session.get(Row, pk) if isinstance(pk, int) else None
        if row is None:
            raise NotFound()
        return catalogue_of_row(row)


def _check_reason(reason: str) -> str:
    text = clean_line(reason, "reason", _("Reason for the import"), LINE_MAX, required=True)
    if len(text) < REASON_MIN:
        raise ValidationError("reason", _("Reason for the import: write at least {n} characters.").format(n=REASON_MIN))
    return text


@requires(*IMPORT_ROLES)
def import_catalogue(us: UserSession, text: str | bytes, reason: str) -> CatalogueVersionView:
    """Check the catalogue file's text and store it as the version in use (audited). An invalid catalogue raises
    CatalogueError with every problem; a version already stored, or a bad reason, ValidationError. Nothing is
    written then, and the catalogue in use stays."""
    why = _check_reason(reason)
    if len(text) > FILE_MAX:
        raise CatalogueError([Problem("$", _("The file is too large for a catalogue."))])
    problems = check_catalogue_text(text)
    if problems:
        raise CatalogueError(problems)
    catalogue = _parse(text)
    with us.tx() as tx:
        session = tx.session
        same = session.exec(select(Row).where(Row.catalogue_id == catalogue.id,
                                              Row.version == catalogue.version)).first()
        if same is not None:
            raise ValidationError("version", _(
                "Version {version} of the catalogue {id} is already stored: give the new one another version.").format(
                version=catalogue.version, id=catalogue.id))
        old = _in_use(session)
        if old is not None:
            old.in_use = False
            session.add(old)
            session.flush()  # the partial unique index allows one version in use at a time
        row = Row(catalogue_id=catalogue.id, version=catalogue.version, digest=catalogue.digest,
                  content=catalogue.canonical_json(), imported_at=datetime.now(UTC), imported_by=us.actor.user_id,
                  in_use=True, reason=why)
        session.add(row)
        session.flush()
        tx.audit(Action.CREATE, Entity.INDICATOR_CATALOGUE, saved_id(row),
                 detail=f"import:replaces:{saved_id(old)}" if old is not None else "import")
        log.info("indicator catalogue version %s imported", row.id)
        return _view(row, _names(session, [row.imported_by]))

