"""`import visits`: an office's earlier supervision visits, added to the children they name (never an update).

A row's day is checked as the visit form checks it (`core.visit_rules.check_visit_day`: not in the future, not
before the child was found, on a day a placement of the child covers); the visit is linked to that placement.
A visit of the same child on the same day and at the same time (or both without a time) already recorded — also
by an earlier row of the file — is an error: importing a file twice adds nothing twice.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from sqlmodel import select

from ospod_desktop.core import history_visits as HV
from ospod_desktop.core import visit_rules as VR
from ospod_desktop.core.i18n import N_, _
from ospod_desktop.core.limits import TEXT_MAX
from ospod_desktop.core.text import clean_text
from ospod_desktop.services import placements, scope
from ospod_desktop.services._table_files import SourceRow, header_map, read_rows
from ospod_desktop.services.context import Tx, UserSession
from ospod_desktop.services.imports._common import Columns, ImportResult, run_import
from ospod_desktop.storage.care_tables import Visit
from ospod_desktop.storage.rows import saved_id

# Header names accepted for each column (compared without case, diacritics or punctuation).
VISIT_ALIASES = {
    "child_reference": ("child_reference", "child reference", "reference", "cislo jednaci", "cj", "c j",
                        "referencni cislo", "reference ditete"),
    "visited_at": ("visited_at", "visited at", "visited on", "date of the visit", "date", "datum navstevy",
                   "navsteva", "datum", "datum a cas navstevy", "kdy"),
    "place": ("place", "where", "misto", "misto navstevy"),
    "kind": ("kind", "kind of visit", "type", "druh", "druh navstevy", "typ navstevy"),
    "child_seen": ("child_seen", "child seen", "seen", "dite videno", "videno", "dite zastizeno", "zastizeno"),
    "spoken_alone": ("spoken_alone", "spoken alone", "spoken with alone", "hovor o samote", "mluveno o samote",
                     "rozhovor o samote"),
    "note": ("note", "notes", "poznamka", "poznamky"),
}
VISIT_COLUMNS = tuple(VISIT_ALIASES)
_FIELD_COLUMNS = {"visited_on": "visited_at", "visited_time": "visited_at", "child_id": "child_reference"}
_OWN_LABELS = {"child_reference": N_("Child's reference"), "visited_at": N_("Date of the visit")}
# Czech words for the codes besides the labels' translations (a register's own words).
_PLACE_WORDS = {"zarizeni": "facility", "doma": "home", "domov": "home", "skola": "school", "jinde": "other",
                "jine": "other"}
_KIND_WORDS = {"planovana": "planned", "neohlasena": "unannounced", "po navratu": "after_return"}


def visit_column_label(column: str) -> str:
    """The column as errors name it: the visit form's label of the field it fills, or its own."""
    if column in _OWN_LABELS:
        return _(_OWN_LABELS[column])
    return VR.field_label(column)


COLUMNS = Columns(VISIT_ALIASES, visit_column_label, _FIELD_COLUMNS)
_HEADERS = header_map(VISIT_ALIASES)


def read_visits(path: Path) -> list[SourceRow]:
    """The file's rows by the visit columns (`services._table_files.read_rows`)."""
    return read_rows(path, _HEADERS, VISIT_COLUMNS, visit_column_label)


def add_visit(tx: Tx, us: UserSession, row: SourceRow, child_id: int, today: date) -> int:
    """Check the row whole, then add its visit (history and all); raises a field-named ValidationError."""
    cells = row.values
    child = placements.writable_child(tx, us, child_id)
    day, at = COLUMNS.moment(cells, "visited_at")
    place = COLUMNS.code(cells, "place", VR.VISIT_PLACES, required=True, words=_PLACE_WORDS)
    kind = COLUMNS.code(cells, "kind", VR.VISIT_KINDS, required=True, words=_KIND_WORDS)
    seen = COLUMNS.flag(cells, "child_seen", required=True)
    alone = COLUMNS.flag(cells, "spoken_alone")
    if alone and not seen:
        raise COLUMNS.fail("spoken_alone", _("the child was not seen (child_seen is 0)."))
    note = clean_text(COLUMNS.text(cells, "note"), "note", visit_column_label("note"), TEXT_MAX)
    stays = placements.placements_of(tx, child_id)
    VR.check_visit_day(day, today=today, found_on=child.found_on, stays=[(p.start_date, p.end_date) for p in stays])
    hhmm = at.strftime("%H:%M") if at else ""
    if tx.session.exec(select(Visit.id).where(Visit.child_id == child_id, Visit.visited_on == day,
                                              Visit.visited_time == hhmm)).first() is not None:
        raise COLUMNS.fail("visited_at", _("a visit of the child at this day and time is already recorded."))
    stay = max((p for p in stays if p.start_date <= day and (p.end_date is None or day <= p.end_date)),
               key=lambda p: (p.start_date, saved_id(p)))
    visit = Visit(child_id=child_id, placement_id=stay.id, visited_on=day, visited_time=hhmm, place=place, kind=kind,
                  child_seen=bool(seen), spoken_alone=alone, note=note, created_at=datetime.now(UTC),
                  created_by=us.actor.user_id)
    tx.session.add(visit)
    tx.session.flush()
    tx.history(child_id, HV.VisitRecorded(HV.VisitSummary(day, place, kind, bool(seen))))
    return saved_id(visit)


def import_visit_rows(us: UserSession, rows: list[SourceRow], *, skip_invalid: bool = False, dry_run: bool = False,
                      today: date | None = None) -> ImportResult:
    """Add the rows' visits in one transaction: all, or none if a row is in the way (`skip_invalid`: the
    others), or none on a dry run."""
    return run_import(us, rows, COLUMNS, add_visit, VR.field_label, "visit", skip_invalid=skip_invalid,
                      dry_run=dry_run, today=today)


def import_visits(us: UserSession, path: Path, *, skip_invalid: bool = False, dry_run: bool = False,
                  today: date | None = None) -> ImportResult:
    """Read the file and add its visits (`import_visit_rows`)."""
    scope.check_can_register(us)
    return import_visit_rows(us, read_visits(path), skip_invalid=skip_invalid, dry_run=dry_run, today=today)

