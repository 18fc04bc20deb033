"""What a placement form carries, and its validation (pure): field-named errors, nothing half-saved.

Checks that need the database (the facility exists, no overlap with the child's other placements) are made
by `services.placements` with the same kind of error.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core.deadlines import add_months
from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.i18n import N_, _, format_day, ngettext
from ospod_desktop.core.policy import Policy, default_policy
from ospod_desktop.core.text import clean_line, clean_text

FIELD_LABELS = {
    "facility_id": N_("Facility"),
    "setting": N_("Placed with"),
    "carer_name": N_("Name of the foster parent or relative"),
    "carer_relationship": N_("Relationship to the child"),
    "carer_address": N_("Address"),
    "carer_contact": N_("Contact"),
    "legal_basis": N_("Legal basis"),
    "court": N_("Court"),
    "court_file_number": N_("Court file number"),
    "decision_date": N_("Date of the decision"),
    "contract_party": N_("Contract with"),
    "start_date": N_("Start"),
    "expiry_date": N_("Expiry or planned end"),
    "end_date": N_("End"),
    "end_reason": N_("Reason for the end"),
    "end_note": N_("Note on the end"),
    "notes": N_("Notes"),
    "new_expiry": N_("New expiry"),
    "decided_on": N_("Date of the decision"),
}


def field_label(name: str) -> str:
    return PR.label(FIELD_LABELS, name)


def fail(fld: str, message: str) -> ValidationError:
    """A ValidationError whose message starts with the field's translated label."""
    return ValidationError(fld, _("{field}: {problem}").format(field=field_label(fld), problem=message))


@dataclass(frozen=True)
class PlacementInput:
    """A placement: with a facility of the register, or with a named person (foster care, relatives)."""

    start_date: date | None = None
    legal_basis: str = ""
    facility_id: int | None = None
    setting: str = ""  # foster_family / relatives when there is no facility; a facility's own type otherwise
    carer_name: str = ""
    carer_relationship: str = ""
    carer_address: str = ""
    carer_contact: str = ""
    court: str = ""
    court_file_number: str = ""
    decision_date: date | None = None
    contract_party: str = ""
    expiry_date: date | None = None
    end_date: date | None = None  # a placement already over can be recorded whole (the child's earlier history)
    end_reason: str = ""
    end_note: str = ""
    notes: str = ""


def _line(form: PlacementInput, name: str, required: bool = False) -> str:
    return clean_line(getattr(form, name), name, field_label(name), PR.LINE_MAX, required=required)


def check_day(fld: str, day: date | None, today: date, required: bool = True) -> None:
    if day is None:
        if required:
            raise fail(fld, _("this field is required."))
        return
    if isinstance(day, datetime) or not isinstance(day, date):
        raise fail(fld, _("enter a date."))
    if day > today:
        raise fail(fld, _("the date is in the future."))


def check_end(end_date: date | None, end_reason: str, start: date, today: date, required: bool = False) -> None:
    """An end date and reason together: not before the start, not in the future, a listed reason."""
    check_day("end_date", end_date, today, required)
    if end_date is None:
        if end_reason:
            raise fail("end_date", _("give the date the placement ended."))
        return
    if end_date < start:
        raise fail("end_date", _("the placement would end before it starts."))
    if end_reason not in PR.END_REASONS:
        raise fail("end_reason", _("choose one of the listed reasons."))


def validate_placement(
    form: PlacementInput, today: date, found_on: date | None, facility_type: str | None, policy: Policy | None = None
) -> dict:
    """Clean column values of a placement; `facility_type` is the chosen facility's type (None: a person)."""
    policy = policy or default_policy()
    if form.facility_id is None:
        if form.setting not in PR.PERSON_SETTINGS:
            raise fail("facility_id", _("choose a facility, or foster care or relatives with a named person."))
        setting = form.setting
        carer_name = _line(form, "carer_name", required=True)
    else:
        setting = facility_type or "other"
        carer_name = _line(form, "carer_name")
    if form.legal_basis not in PR.LEGAL_BASES:
        raise fail("legal_basis", _("choose one of the listed values."))
    basis = form.legal_basis
    court, file_number, decision = "", "", None
    if basis in PR.COURT_BASES:
        pm = basis == "preliminary_measure"
        court = _line(form, "court", required=pm)
        file_number = _line(form, "court_file_number", required=pm)
        check_day("decision_date", form.decision_date, today, required=pm)
        decision = form.decision_date
    party = ""
    if basis == "zdvop_contract":
        if setting != "zdvop":
            raise fail("legal_basis", _("a ZDVOP contract needs a ZDVOP facility."))
        if form.contract_party not in PR.CONTRACT_PARTIES:
            raise fail("contract_party", _("choose who the contract is with."))
        party = form.contract_party
    check_day("start_date", form.start_date, today)
    start = form.start_date
    assert start is not None  # check_day above requires it
    if found_on and start < found_on:
        raise fail("start_date", _("the placement would begin before the child was found ({day}).").format(
            day=format_day(found_on)))
    if form.expiry_date is not None:
        if isinstance(form.expiry_date, datetime) or not isinstance(form.expiry_date, date):
            raise fail("expiry_date", _("enter a date."))
        if form.expiry_date < start:
            raise fail("expiry_date", _("the date is before the start."))
        if basis == "zdvop_contract" and form.expiry_date > add_months(start, policy.zdvop_contract_months):
            n = policy.zdvop_contract_months
            raise fail("expiry_date", ngettext("a ZDVOP contract runs at most {n} month.",
                                               "a ZDVOP contract runs at most {n} months.", n).format(n=n))
    check_end(form.end_date, form.end_reason, start, today)
    return dict(
        facility_id=form.facility_id, setting=setting, carer_name=carer_name,
        carer_relationship=_line(form, "carer_relationship"), carer_address=_line(form, "carer_address"),
        carer_contact=_line(form, "carer_contact"), legal_basis=basis, court=court, court_file_number=file_number,
        decision_date=decision, contract_party=party, start_date=start, expiry_date=form.expiry_date,
        end_date=form.end_date, end_reason=form.end_reason if form.end_date else "",
        end_note=clean_text(form.end_note, "end_note", field_label("end_note"), PR.TEXT_MAX),
        notes=clean_text(form.notes, "notes", field_label("notes"), PR.TEXT_MAX),
    )  # fmt: skip
