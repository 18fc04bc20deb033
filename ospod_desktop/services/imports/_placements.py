"""`import placements`: an office's earlier placements, added to the children they name (never an update).

A row is a placement as the placement form records it (`core.placement_form.validate_placement`) and as
`services.placements` checks it (the facility of the register, by its code; one placement at a time,
`check_overlap`, also against the earlier rows of the file), with two differences an existing register needs:
- `expiry_date` is the current expiry after any extensions. It may pass the first term, up to the latest expiry
  the extensions the law allows could reach (`core.deadlines.extension_limit`, step by step: a preliminary
  measure's 6 months in total from its start, a ZDVOP contract's one extension); beyond that the row needs an
  `exception_reason` (s. 460: the case on the merits is pending), kept on the placement.
- `diagnostic_stay` (1/0) marks an intake/diagnostic stay.
A placement that ends with a transfer on the day the row's placement starts is linked to it, as a transfer is.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import func
from sqlmodel import col, select

from ospod_desktop.core import history as H
from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core.deadlines import Extension, PlacementFacts, effective_expiry, extension_limit
from ospod_desktop.core.i18n import N_, _, format_day
from ospod_desktop.core.placement_form import PlacementInput, field_label, validate_placement
from ospod_desktop.core.policy import Policy
from ospod_desktop.core.text import clean_line
from ospod_desktop.services import placements, scope
from ospod_desktop.services._table_files import SourceRow, header_map, read_rows
from ospod_desktop.services.context import Tx, UserSession
from ospod_desktop.services.due_policy import policy_in_session
from ospod_desktop.services.imports._common import Columns, ImportResult, run_import
from ospod_desktop.storage.models import Facility
from ospod_desktop.storage.placement_tables import Placement
from ospod_desktop.storage.rows import saved_id

# Header names accepted for each column (compared without case, diacritics or punctuation).
PLACEMENT_ALIASES = {
    "child_reference": ("child_reference", "child reference", "reference", "cislo jednaci", "cj", "c j",
                        "referencni cislo", "reference ditete"),
    "facility_code": ("facility_code", "facility code", "facility", "kod zarizeni", "zarizeni"),
    "setting": ("setting", "placed with", "umisteni u", "typ umisteni"),
    "carer_name": ("carer_name", "carer name", "carer", "pecujici osoba", "jmeno pecujici osoby", "pecovatel"),
    "carer_relationship": ("carer_relationship", "carer relationship", "relationship", "vztah k ditěti",
                           "vztah k diteti", "vztah"),
    "legal_basis": ("legal_basis", "legal basis", "pravni titul", "pravni zaklad"),
    "contract_party": ("contract_party", "contract party", "contract with", "smlouva s", "smluvni strana"),
    "start_date": ("start_date", "start date", "start", "from", "od", "datum zahajeni", "zacatek", "umisteni od"),
    "end_date": ("end_date", "end date", "end", "until", "do", "datum ukonceni", "konec", "umisteni do"),
    "end_reason": ("end_reason", "end reason", "reason for the end", "duvod ukonceni"),
    "decision_date": ("decision_date", "decision date", "date of the decision", "datum rozhodnuti"),
    "expiry_date": ("expiry_date", "expiry date", "expiry", "expires", "platnost do", "datum skonceni platnosti",
                    "konec platnosti"),
    "exception_reason": ("exception_reason", "exception reason", "duvod vyjimky", "vyjimka"),
    "court": ("court", "soud"),
    "file_number": ("file_number", "file number", "court file number", "spisova znacka soudu", "sp zn soudu"),
    "diagnostic_stay": ("diagnostic_stay", "diagnostic stay", "diagnosticky pobyt"),
}
PLACEMENT_COLUMNS = tuple(PLACEMENT_ALIASES)
# The placement form's field each column fills (where the names differ); its label names the column.
_FIELD_COLUMNS = {"facility_id": "facility_code", "court_file_number": "file_number", "child_id": "child_reference"}
_COLUMN_FIELDS = {c: f for f, c in _FIELD_COLUMNS.items()}
# A register's own Czech words for the legal bases, besides the labels' translations.
_BASIS_WORDS = {"predbezne opatreni": "preliminary_measure", "ustavni vychova": "institutional_care",
                "ochranna vychova": "protective_care", "smlouva": "zdvop_contract", "smlouva zdvop": "zdvop_contract",
                "dohoda": "agreement"}
_OWN_LABELS = {
    "child_reference": N_("Child's reference"),
    "facility_code": N_("Facility code"),
    "exception_reason": N_("Reason for passing the limit"),
    "diagnostic_stay": N_("Diagnostic stay"),
}


def placement_column_label(column: str) -> str:
    """The column as errors name it: the placement form's label of the field it fills, or its own."""
    if column in _OWN_LABELS:
        return _(_OWN_LABELS[column])
    return field_label(_COLUMN_FIELDS.get(column, column))


COLUMNS = Columns(PLACEMENT_ALIASES, placement_column_label, _FIELD_COLUMNS)
_HEADERS = header_map(PLACEMENT_ALIASES)


def read_placements(path: Path) -> list[SourceRow]:
    """The file's rows by the placement columns (`services._table_files.read_rows`)."""
    return read_rows(path, _HEADERS, PLACEMENT_COLUMNS, placement_column_label)


def reachable_expiry(facts: PlacementFacts, policy: Policy) -> date | None:
    """The latest expiry the extensions the law allows could reach from the first term (None: no expiry)."""
    current = effective_expiry(facts, policy)
    for _step in range(100):
        limit = extension_limit(facts, policy)
        if limit is None or current is None or limit <= current:
            break
        facts = replace(facts, extensions=(*facts.extensions, Extension(current, limit)))
        current = limit
    return current


def _facility(tx: Tx, code: str) -> Facility | None:
    if not code:
        return None
    found = tx.session.exec(select(Facility).where(func.upper(col(Facility.code)) == code.upper())).first()
    if found is None:
        raise COLUMNS.fail("facility_code", _("no facility of the register has this code."))
    return placements.registered_facility(tx, saved_id(found))


def _form(tx: Tx, row: SourceRow) -> tuple[PlacementInput, Facility | None]:
    cells = row.values
    facility = _facility(tx, COLUMNS.text(cells, "facility_code"))
    setting = COLUMNS.code(cells, "setting", PR.FACILITY_TYPES)
    if facility is None and setting and setting not in PR.PERSON_SETTINGS:
        raise COLUMNS.fail("facility_code", _("a placement in a facility needs the facility's code from the register "
                                              "(a setting alone only for a foster family or relatives)."))
    if facility is not None and setting and setting != facility.type:
        raise COLUMNS.fail("setting", _("the facility of the register is a {type}; leave the setting empty.").format(
            type=PR.label(PR.FACILITY_TYPES, facility.type)))
    form = PlacementInput(
        start_date=COLUMNS.day(cells, "start_date", required=True),
        legal_basis=COLUMNS.code(cells, "legal_basis", PR.LEGAL_BASES, required=True, words=_BASIS_WORDS),
        facility_id=saved_id(facility) if facility else None, setting=setting,
        carer_name=COLUMNS.text(cells, "carer_name"), carer_relationship=COLUMNS.text(cells, "carer_relationship"),
        court=COLUMNS.text(cells, "court"), court_file_number=COLUMNS.text(cells, "file_number"),
        decision_date=COLUMNS.day(cells, "decision_date"),
        contract_party=COLUMNS.code(cells, "contract_party", PR.CONTRACT_PARTIES),
        expiry_date=COLUMNS.day(cells, "expiry_date"), end_date=COLUMNS.day(cells, "end_date"),
        end_reason=COLUMNS.code(cells, "end_reason", PR.END_REASONS),
    )  # fmt: skip
    return form, facility


def _check_expiry(values: dict, expiry: date | None, exception_reason: str, policy: Policy) -> None:
    """The current expiry: not before the start; past what the allowed extensions reach only with a reason."""
    if expiry is None:
        return
    if expiry < values["start_date"]:
        raise COLUMNS.fail("expiry_date", _("the date is before the start."))
    if values["legal_basis"] not in PR.EXTENDABLE_BASES:
        return
    facts = PlacementFacts(values["setting"], values["legal_basis"], values["start_date"], values["end_date"], None,
                           values["decision_date"])
    latest = reachable_expiry(facts, policy)
    if latest is not None and expiry > latest and not exception_reason:
        raise COLUMNS.fail("expiry_date", _("{day} is later than the extensions the law allows can reach "
                                            "({latest}); give the reason in exception_reason (for a preliminary "
                                            "measure: the case on the merits is pending).").format(day=format_day(expiry),
                                                                                 latest=format_day(latest)))


def add_placement(tx: Tx, us: UserSession, row: SourceRow, child_id: int, today: date) -> int:
    """Check the row whole, then add its placement (history and all); raises a field-named ValidationError."""
    policy = policy_in_session(tx.session)
    child = placements.writable_child(tx, us, child_id)
    form, facility = _form(tx, row)
    expiry = form.expiry_date
    extendable = form.legal_basis in PR.EXTENDABLE_BASES
    # The form's own term limit is the first term's; an extendable placement's expiry is checked as extended.
    values = validate_placement(replace(form, expiry_date=None) if extendable else form, today, child.found_on,
                                facility.type if facility else None, policy)
    reason = clean_line(COLUMNS.text(row.values, "exception_reason"), "exception_reason",
                        placement_column_label("exception_reason"), PR.LINE_MAX)
    _check_expiry(values, expiry, reason, policy)
    values["expiry_date"] = expiry
    diagnostic = COLUMNS.flag(row.values, "diagnostic_stay")
    placements.check_overlap(tx, child_id, values["start_date"], values["end_date"], set())
    previous = next((p for p in placements.placements_of(tx, child_id)
                     if p.end_date == values["start_date"] and p.end_reason == "transfer"), None)
    values.update(exception_reason=reason, diagnostic_stay=diagnostic)
    placement = Placement(child_id=child_id, previous_id=previous.id if previous else None,
                          created_at=datetime.now(UTC), created_by=us.actor.user_id, **values)
    tx.session.add(placement)
    tx.session.flush()
    tx.history(child_id, H.PlacementRecorded(placements.history_summary(placement, facility)))
    if placement.end_date:
        tx.history(child_id, H.PlacementEnded(placements.history_summary(placement, facility), placement.end_date,
                                              placement.end_reason))
    return saved_id(placement)


def import_placement_rows(us: UserSession, rows: list[SourceRow], *, skip_invalid: bool = False,
                          dry_run: bool = False, today: date | None = None) -> ImportResult:
    """Add the rows' placements in one transaction: all, or none if a row is in the way (`skip_invalid`: the
    others), or none on a dry run."""
    return run_import(us, rows, COLUMNS, add_placement, field_label, "placement", skip_invalid=skip_invalid,
                      dry_run=dry_run, today=today)


def import_placements(us: UserSession, path: Path, *, skip_invalid: bool = False, dry_run: bool = False,
                      today: date | None = None) -> ImportResult:
    """Read the file and add its placements (`import_placement_rows`)."""
    scope.check_can_register(us)
    return import_placement_rows(us, read_placements(path), skip_invalid=skip_invalid, dry_run=dry_run, today=today)
