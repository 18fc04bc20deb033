"""Registering and editing children: every change validated whole, kept in a field history, audited.

Facility staff open a child in their scope in a reduced view (`ChildView.restricted`): identity (names,
aliases, description, sex, age and its evidence, nationality, languages, identity documents, the file mark,
the responsible officer, the case status, the day found), placements, disappearances and the photo.
Withheld from them (`scope.FACILITY_WITHHELD`, listed in `ChildView.withheld`): notes, wishes, family
contacts, the companion, intake details (place, channel, who reported, urgency), police/asylum references,
the birth number, other agencies' references and the age assessments themselves. A withheld field reads as
None through the view — never as the empty or default value a real record could hold ("standard" urgency, no
companion) — so every screen can leave it out or say it is withheld. The history shows only lines about the
fields they may see. They do not edit the registration: that stays with officers and supervisors.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime

from sqlmodel import col, select

from ospod_desktop.core import child_rules as R
from ospod_desktop.core import history as H
from ospod_desktop.core.ages import AgeInfo, age_info, years_between
from ospod_desktop.core.child_form import (
    DEFAULT_MARK_FORMAT,
    ChildForm,
    CleanChild,
    FamilyInput,
    IdentifierInput,
    check_age_range,
    validate,
)  # fmt: skip
from ospod_desktop.core.deadlines import Deadline
from ospod_desktop.core.errors import PermissionDenied, ValidationError
from ospod_desktop.core.field_labels import ASSESSMENT, child_error
from ospod_desktop.core.history_decode import decode
from ospod_desktop.core.i18n import _
from ospod_desktop.core.roles import Action, Entity, Role
from ospod_desktop.core.text import clean_line, clean_text
from ospod_desktop.services import missing, placements, scope
from ospod_desktop.services.context import Tx, UserSession, requires
from ospod_desktop.services.missing import MissingView
from ospod_desktop.services.placements import PlacementView
from ospod_desktop.storage import child_lists, ownership, search
from ospod_desktop.storage.child_tables import AgeAssessment, ChildHistory, ChildIdentifier, ChildPhoto, FamilyContact
from ospod_desktop.storage.models import OFFICE_ID, Child, Office, User
from ospod_desktop.storage.rows import saved_id, table_of

LIST_FIELDS = ("aliases", "nationalities", "languages")
CREATED = H.CREATED
OFFICE_WRITERS = (Role.SUPERVISOR, Role.OFFICER)
FACILITY_FIELDS = scope.FACILITY_FIELDS  # what facility staff see of the registration (and of its history)
FACILITY_HISTORY = FACILITY_FIELDS | {CREATED, "photo", "merged", "merged_into", "placement", "placement_end",
                                      "placement_extension", "placement_diagnostics", "missing", "missing_informed",
                                      "missing_return",
                                      "missing_closed", "placement_corrected", "placement_deleted",
                                      "placement_reopened", "missing_corrected", "missing_deleted", "missing_changes",
                                      "missing_reopened"}
DOCUMENT_KINDS = ("passport", "id_card", "birth_certificate", "residence_permit", "other_document")


@dataclass(frozen=True)
class HistoryEntry:
    """One line of the history: who and when, the row as stored, and `entry`, what it says (`core.history`)."""

    ts: datetime
    user_id: int | None
    field: str
    old_value: str
    new_value: str
    child_id: int
    entry: H.HistoryItem


@dataclass(frozen=True)
class AssessmentView:
    id: int
    method: str
    assessed_on: date
    assessor: str
    age_min: int
    age_max: int
    notes: str


@dataclass(frozen=True)
class ChildView:
    """One child as the child's page shows it."""

    id: int
    form: ChildForm
    age: AgeInfo
    created_at: datetime
    updated_at: datetime | None
    merged_into_id: int | None
    has_photo: bool
    history: tuple[HistoryEntry, ...] = field(default_factory=tuple)
    assessments: tuple[AssessmentView, ...] = field(default_factory=tuple)
    placements: tuple[PlacementView, ...] = field(default_factory=tuple)  # the chain, oldest first
    current_placement: PlacementView | None = None
    deadlines: tuple[Deadline, ...] = field(default_factory=tuple)  # of the current placement
    missing: tuple[MissingView, ...] = field(default_factory=tuple)  # missing episodes, oldest first
    restricted: bool = False  # the facility staff's reduced view
    # Fields the reader may not see (`scope.withheld_fields`): each reads as None through the view, and the
    # form holds no value for it. Besides the form's fields: "assessments", "agency_references".
    withheld: frozenset[str] = frozenset()
    # The trafficking flag ("" | concern | presumed_victim | identified; `core.trafficking_flag`); None: withheld
    # (facility staff never learn of assessments).
    trafficking_flag: str | None = ""

    def __getattr__(self, name: str):  # view.given_names etc. read through to the form
        if name in self.__dict__.get("withheld", ()):
            return None  # withheld: not an empty or default value that would pass for the child's data
        return getattr(self.form, name)


def _now() -> datetime:
    return datetime.now(UTC)


def case_mark_format(tx: Tx) -> str:
    office = tx.session.get(Office, OFFICE_ID)
    return office.file_mark_format if office else DEFAULT_MARK_FORMAT


def _check_officer(tx: Tx, user_id: int | None) -> None:
    if user_id is None:
        return
    user = tx.session.get(User, user_id)
    if user is None or user.disabled or user.role not in (Role.OFFICER, Role.SUPERVISOR):
        raise child_error("responsible_officer_id", _("choose an active officer or supervisor."))


def _store_related(tx: Tx, child_id: int, clean: CleanChild, fresh: bool = False) -> None:
    """Identifiers and family rows: the old ones are deleted (tombstoned), the new inserted."""
    for model in () if fresh else (ChildIdentifier, FamilyContact):
        ownership.delete_tree(tx.session, table_of(model), col(model.child_id) == child_id)
    for row in clean.identifiers:
        tx.session.add(ChildIdentifier(child_id=child_id, **row))
    for row in clean.family:
        tx.session.add(FamilyContact(child_id=child_id, **row))


def _store_lists(tx: Tx, child_id: int, clean: CleanChild, fresh: bool = False) -> None:
    for key in LIST_FIELDS:
        child_lists.write(tx.session, child_id, key, clean.values[key], fresh=fresh)


def _summary(rows: list[dict], keys: tuple[str, ...]) -> str:
    return "; ".join(" ".join(str(r[k]) for k in keys if r.get(k)) for r in rows)


@requires(*OFFICE_WRITERS)
def register_child(us: UserSession, form: ChildForm, photo: bytes | None = None, today: date | None = None) -> int:
    """Save a new child; validation failures save nothing."""
    today = today or scope.today()
    with us.tx() as tx:
        clean = validate(form, today, case_mark_format(tx))
        child_id = insert_child(tx, clean)
        if photo is not None:
            _put_photo(tx, child_id, photo)
        return child_id


def insert_child(tx: Tx, clean: CleanChild, detail: str = "") -> int:
    """Store one validated child with its related rows, history, search index and audit row."""
    _check_officer(tx, clean.values["responsible_officer_id"])
    values = {k: v for k, v in clean.values.items() if k not in LIST_FIELDS}
    child = Child(**values, created_at=_now(), created_by=tx.actor.user_id if tx.actor else None)
    tx.session.add(child)
    tx.session.flush()
    child_id = saved_id(child)
    _store_related(tx, child_id, clean, fresh=True)
    _store_lists(tx, child_id, clean, fresh=True)
    numbers = [row["number"] for row in clean.identifiers]
    tx.history(child_id, H.Registered(detail))
    search.reindex(tx.session, child, numbers)
    tx.audit(Action.CREATE, Entity.CHILD, child_id, detail=detail)
    return child_id


@requires(*OFFICE_WRITERS)
def update_child(us: UserSession, child_id: int, form: ChildForm, today: date | None = None) -> int:
    """Save an edit; each changed field gets a history row. Returns how many fields changed."""
    today = today or scope.today()
    with us.tx() as tx:
        child = scope.load_child(tx, us, child_id)
        clean = validate(form, today, case_mark_format(tx))
        return apply_update(tx, child, clean)


def apply_update(tx: Tx, child: Child, clean: CleanChild, detail: str = "") -> int:
    """Store a validated edit of a stored child: a FieldChanged history line for each changed field, its related
    rows, the search index, an audit row when anything changed. Returns how many fields changed."""
    child_id = saved_id(child)
    _check_officer(tx, clean.values["responsible_officer_id"])
    changed = 0
    lists = child_lists.values_of(tx.session, child_id)
    for key, new in clean.values.items():
        if key in LIST_FIELDS:  # rows; the history keeps the joined text it always did
            old, new = child_lists.join(key, lists[key]), child_lists.join(key, child_lists.split(key, new))
        else:
            old = getattr(child, key)
        if old != new:
            tx.history(child_id, H.FieldChanged(key, old, new))
            if key not in LIST_FIELDS:
                setattr(child, key, new)
            changed += 1
    old_ids = [dict(kind=i.kind, number=i.number, country=i.country, issuer=i.issuer) for i in _identifiers(tx, child_id)]
    old_fam = [_family_dict(f) for f in _family(tx, child_id)]
    if old_ids != clean.identifiers:
        tx.history(child_id, H.FieldChanged("identifiers", _summary(old_ids, ("kind", "number", "country")),
                                            _summary(clean.identifiers, ("kind", "number", "country"))))
        changed += 1
    if old_fam != clean.family:
        tx.history(child_id, H.FieldChanged("family", _summary(old_fam, ("relationship", "name")),
                                            _summary(clean.family, ("relationship", "name"))))
        changed += 1
    if old_ids != clean.identifiers or old_fam != clean.family:  # unchanged rows keep their uuids
        _store_related(tx, child_id, clean)
    _store_lists(tx, child_id, clean)
    if changed:
        search.reindex(tx.session, child, [row["number"] for row in clean.identifiers])
        tx.audit(Action.UPDATE, Entity.CHILD, child_id, detail=detail)
    return changed


def form_of(tx: Tx, child: Child) -> ChildForm:
    """A stored child as the registration form edits it (every field, documents, family and lists)."""
    cid = saved_id(child)
    return _form(child, _identifiers(tx, cid), _family(tx, cid), child_lists.values_of(tx.session, cid))


def _identifiers(tx: Tx, child_id: int) -> list[ChildIdentifier]:
    return list(tx.session.exec(select(ChildIdentifier).where(ChildIdentifier.child_id == child_id)
                                .order_by(col(ChildIdentifier.id))).all())


def _family(tx: Tx, child_id: int) -> list[FamilyContact]:
    return list(tx.session.exec(select(FamilyContact).where(FamilyContact.child_id == child_id)
                                .order_by(col(FamilyContact.id))).all())


def _family_dict(f: FamilyContact) -> dict:
    return dict(relationship=f.relationship, name=f.name, location=f.location, phone=f.phone, alive=f.alive, notes=f.notes)


def _form(child: Child, ids: list[ChildIdentifier], fam: list[FamilyContact], lists: dict[str, tuple[str, ...]]) -> ChildForm:
    names = {k: getattr(child, k) for k in ChildForm.__dataclass_fields__ if hasattr(child, k) and k not in LIST_FIELDS}
    return ChildForm(
        **names,
        aliases=lists["aliases"],
        nationalities=lists["nationalities"],
        languages=lists["languages"],
        identifiers=tuple(IdentifierInput(i.kind, i.number, i.country, i.issuer) for i in ids),
        family=tuple(FamilyInput(**_family_dict(f)) for f in fam),
    )


def _reduce(form: ChildForm) -> ChildForm:
    """The facility staff's form: no value of a withheld field is carried (each is at its blank default, which
    the view reads as None), identity documents only."""
    blank = ChildForm()
    withheld = {k: getattr(blank, k) for k in ChildForm.__dataclass_fields__ if k not in FACILITY_FIELDS}
    withheld["identifiers"] = tuple(i for i in form.identifiers if i.kind in DOCUMENT_KINDS)
    return replace(form, **withheld)


def child_view(tx: Tx, child: Child, today: date | None = None, us: UserSession | None = None) -> ChildView:
    """Assemble the page's data (history includes records merged into this one); reduced for facility staff."""
    today = today or scope.today()
    cid = saved_id(child)
    merged = list(tx.session.exec(select(Child.id).where(Child.merged_into_id == cid)).all())
    hist_rows = tx.session.exec(
        select(ChildHistory).where(col(ChildHistory.child_id).in_([cid, *merged]))
        .order_by(col(ChildHistory.ts), col(ChildHistory.id))
    ).all()
    history = tuple(HistoryEntry(h.ts, h.user_id, h.field, h.old_value, h.new_value, h.child_id,
                                 decode(h.field, h.old_value, h.new_value)) for h in hist_rows)
    age = age_info(today, child.birth_date, child.birth_year, child.age_min, child.age_max, child.found_on)
    assessments = tuple(
        AssessmentView(saved_id(a), a.method, a.assessed_on, a.assessor, a.age_min, a.age_max, a.notes)
        for a in tx.session.exec(select(AgeAssessment).where(AgeAssessment.child_id == cid)
                                 .order_by(col(AgeAssessment.assessed_on))).all()
    )
    form = _form(child, _identifiers(tx, cid), _family(tx, cid), child_lists.values_of(tx.session, cid))
    withheld = scope.withheld_fields(us) if us is not None else frozenset()
    restricted = us is not None and scope.reduced(us)
    if restricted:
        form, assessments = _reduce(form), ()
        history = tuple(h for h in history if h.field in FACILITY_HISTORY)
    chain = placements.chain(tx, us, cid, scope.today()) if us is not None else placements.PlacementChain(cid)
    return ChildView(
        cid, form, age, child.created_at, child.updated_at, child.merged_into_id,
        tx.session.get(ChildPhoto, cid) is not None, history, assessments, chain.placements, chain.current,
        chain.deadlines, missing.episodes(tx, cid), restricted, withheld,
        None if restricted else child.trafficking_flag,
    )


@requires(*OFFICE_WRITERS)
def add_age_assessment(us: UserSession, child_id: int, method: str, assessed_on: date, assessor: str, age_min: int,
                       age_max: int, notes: str = "", today: date | None = None) -> int:
    """Record a formal age assessment; its range becomes the child's estimated age (as of that day)."""
    today = today or scope.today()
    if method not in R.ASSESSMENT_METHODS:
        raise child_error("method", _("choose one of the listed values."), _(ASSESSMENT["method"]))
    if assessed_on is None or assessed_on > today:
        raise child_error("assessed_on", _("the date is in the future."), _(ASSESSMENT["assessed_on"]))
    age_min, age_max = check_age_range(age_min, age_max, required=True)
    assessor = clean_line(assessor, "assessor", _(ASSESSMENT["assessor"]), R.LINE_MAX)
    notes = clean_text(notes, "notes", _(ASSESSMENT["notes"]), R.TEXT_MAX)
    with us.tx() as tx:
        child = scope.load_child(tx, us, child_id)
        row = AgeAssessment(child_id=child_id, method=method, assessed_on=assessed_on, assessor=assessor,
                            age_min=age_min, age_max=age_max, notes=notes, created_at=_now(), created_by=us.actor.user_id)
        tx.session.add(row)
        before = (child.age_min, child.age_max) if child.age_min is not None else None
        # The assessed range is the best estimate when no date of birth is known.
        if not child.birth_date:
            # Stored ranges are as of the day found; the assessment's range is as of its own day.
            shift = years_between(child.found_on, assessed_on) if child.found_on and child.found_on <= assessed_on else 0
            child.age_min, child.age_max = max(age_min - shift, 0), max(age_max - shift, 0)
            tx.session.add(child)
            tx.history(child_id, H.AgeAssessed(age_min, age_max, method, before))
        else:  # the date of birth decides the age: the estimate stays as it was
            tx.history(child_id, H.AgeAssessed(age_min, age_max, method))
        tx.session.flush()
        tx.audit(Action.UPDATE, Entity.CHILD, child_id, detail="age_assessment")
        return saved_id(row)


def get_child(us: UserSession, child_id: int, today: date | None = None) -> ChildView:
    """Open one record; the read itself is audited (also a refused one)."""
    with us.tx() as tx:
        child = scope.load_child(tx, us, child_id)
        tx.audit(Action.READ, Entity.CHILD, child_id, detail=scope.read_detail(us))
        return child_view(tx, child, today, us)


@requires(Role.SUPERVISOR)
def delete_child(us: UserSession, child_id: int) -> None:
    """Only a supervisor deletes (e.g. a test registration): the record and everything that belongs to it
    (`storage.ownership`), each exchanged row leaving a tombstone; secure_delete wipes the freed pages."""
    with us.tx() as tx:
        scope.load_child(tx, us, child_id)
        merged = tx.session.exec(select(Child.id).where(Child.merged_into_id == child_id)).all()
        if merged:  # their histories live on in this record: deleting it would orphan them
            raise ValidationError("child_id", _("Records no. {ids} were merged into this one; it cannot be deleted.")
                                  .format(ids=", ".join(str(i) for i in merged)))
        ownership.delete_child(tx.session, child_id)
        tx.audit(Action.DELETE, Entity.CHILD, child_id)


def _put_photo(tx: Tx, child_id: int, image: bytes) -> None:
    if len(image) > R.PHOTO_MAX_BYTES:
        raise child_error("photo", _("the image is too large (at most 2 MB after downscaling)."))
    if not (image.startswith(b"\xff\xd8\xff") or image.startswith(b"\x89PNG\r\n\x1a\n")):
        raise child_error("photo", _("use a JPEG or PNG image."))
    existing = tx.session.get(ChildPhoto, child_id)
    if existing:
        existing.image = image
        tx.session.add(existing)
    else:
        tx.session.add(ChildPhoto(child_id=child_id, image=image))


@requires(*OFFICE_WRITERS)
def set_photo(us: UserSession, child_id: int, image: bytes | None) -> None:
    """Store (or remove) the downscaled photo; the UI downscales before calling."""
    with us.tx() as tx:
        scope.load_child(tx, us, child_id)
        if image is None:
            ownership.delete_tree(tx.session, table_of(ChildPhoto), col(ChildPhoto.child_id) == child_id)
            tx.history(child_id, H.PhotoChanged(removed=True))
        else:
            _put_photo(tx, child_id, image)
            tx.history(child_id, H.PhotoChanged())
        tx.audit(Action.UPDATE, Entity.CHILD, child_id, detail="photo")


def get_photo(us: UserSession, child_id: int) -> bytes | None:
    with us.tx() as tx:
        scope.load_child(tx, us, child_id)
        row = tx.session.get(ChildPhoto, child_id)
        tx.audit(Action.READ, Entity.CHILD, child_id, detail=scope.read_detail(us, "photo"))
        return row.image if row else None


def with_form(view: ChildView, **changes) -> ChildForm:
    """The view's form with some fields changed (for edits). A reduced view has no values for the fields it
    withholds: saving its form would blank them, so it is refused."""
    if view.withheld:
        raise PermissionDenied(_("This view leaves out what your role may not see; it cannot be saved back."))
    return replace(view.form, **changes)
