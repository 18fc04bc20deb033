"""What a placement form carries, and its validation (pure): field-named errors, nothing half-saved.

Checks that need the database (the facility exists, no overlap with the child's other placements) are made
by `services.placements` with the same kind of error.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core.deadlines import (
    PlacementFacts,
    add_months,
    effective_expiry,
    extension_error,
    pm_start,
    pm_total_cap,
)  # fmt: skip
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
    "enforceable_on": N_("Enforceable on"),
    "exception_reason": N_("Proceedings on the merits pending (s. 460)"),
    "section_461": N_("Czech courts have no jurisdiction on the merits (s. 461)"),
    "diagnostic_stay": N_("Intake/diagnostic stay"),
    "diagnostics_completed_on": N_("Diagnostics completed on"),
    "consent_on": N_("Municipal authority's consent on"),
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
    enforceable_on: date | None = None  # a preliminary measure: enforceable on (else the decision day)
    exception_reason: str = ""  # s. 460: the case on the merits is pending (a measure past 6 months)
    section_461: bool = False  # a preliminary measure where Czech courts have no jurisdiction on the merits
    diagnostic_stay: bool | None = None  # an intake/diagnostic stay (None: not marked; presumed by setting)
    diagnostics_completed_on: date | None = None  # recorded by `complete_diagnostics`; cleared by a correction


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
    enforceable, reason, s461 = _measure(form, basis, decision, start, today, policy)
    diagnostic, completed = _diagnostics(form, start, today)
    return dict(
        enforceable_on=enforceable, exception_reason=reason, section_461=s461, diagnostic_stay=diagnostic,
        diagnostics_completed_on=completed,
        facility_id=form.facility_id, setting=setting, carer_name=carer_name,
        carer_relationship=_line(form, "carer_relationship"), carer_address=_line(form, "carer_address"),
        carer_contact=_line(form, "carer_contact"), legal_basis=basis, court=court, court_file_number=file_number,
        decision_date=decision, contract_party=party, start_date=start, expiry_date=form.expiry_date,
        end_date=form.end_date, end_reason=form.end_reason if form.end_date else "",
        end_note=clean_text(form.end_note, "end_note", field_label("end_note"), PR.TEXT_MAX),
        notes=clean_text(form.notes, "notes", field_label("notes"), PR.TEXT_MAX),
    )  # fmt: skip


def _months(n: int) -> str:
    return ngettext("{n} month", "{n} months", n).format(n=n)


def _measure(form: PlacementInput, basis: str, decision: date | None, start: date, today: date,
             policy: Policy) -> tuple[date | None, str, bool]:
    """A preliminary measure's enforceability, s. 460 exception reason and s. 461 mark (nothing for another basis);
    a recorded expiry past the total of 6 months needs the exception reason (and is refused under s. 461)."""
    reason = clean_text(form.exception_reason, "exception_reason", field_label("exception_reason"), PR.TEXT_MAX)
    if basis != "preliminary_measure":
        if form.enforceable_on is not None:
            raise fail("enforceable_on", _("only a preliminary measure has an enforceability date."))
        if reason:
            raise fail("exception_reason", _("this applies only to a preliminary measure."))
        if form.section_461:
            raise fail("section_461", _("this applies only to a preliminary measure."))
        return None, "", False
    check_day("enforceable_on", form.enforceable_on, today, required=False)
    enforceable = form.enforceable_on
    if enforceable is not None and decision is not None and enforceable < decision:
        raise fail("enforceable_on", _("the measure cannot be enforceable before the court decided ({day}).").format(
            day=format_day(decision)))
    s461 = bool(form.section_461)
    if s461 and reason:
        raise fail("exception_reason", _("where Czech courts have no jurisdiction on the merits, the measure lasts "
                                          "at most {total} in total; no exception applies.").format(
            total=_months(policy.pm_section_461_months)))
    facts = PlacementFacts("", basis, start, expiry=form.expiry_date, decision_date=decision,
                           enforceable_on=enforceable, exception_reason=reason, section_461=s461)
    cap = pm_total_cap(facts, policy)
    if form.expiry_date is not None and form.expiry_date > cap and not reason:
        if s461:
            raise fail("expiry_date", _("the measure lasts at most {total} in total from {start}: until {day}.").format(
                total=_months(policy.pm_section_461_months), start=format_day(pm_start(facts)), day=format_day(cap)))
        raise fail("exception_reason", _("the expiry passes {total} from the measure's start ({day}); record why "
                                          "(the proceedings on the merits are pending).").format(
            total=_months(policy.pm_usual_total_months), day=format_day(cap)))
    return enforceable, reason, s461


def _diagnostics(form: PlacementInput, start: date, today: date) -> tuple[bool | None, date | None]:
    """The intake/diagnostic-stay mark and the day the diagnostics were completed (within the stay)."""
    if form.diagnostic_stay is not None and not isinstance(form.diagnostic_stay, bool):
        raise fail("diagnostic_stay", _("choose yes or no."))
    done = form.diagnostics_completed_on
    check_day("diagnostics_completed_on", done, today, required=False)
    if done is not None:
        if form.diagnostic_stay is False:
            raise fail("diagnostics_completed_on", _("the placement is not marked as an intake/diagnostic stay."))
        if done < start:
            raise fail("diagnostics_completed_on", _("the date is before the start."))
        if form.end_date is not None and done > form.end_date:
            raise fail("diagnostics_completed_on", _("the date is after the end of the placement."))
    return form.diagnostic_stay, done


@dataclass(frozen=True)
class ExtensionInput:
    """An extension of a preliminary measure (a court's decision) or of a ZDVOP contract."""

    decided_on: date | None = None
    new_expiry: date | None = None
    court: str = ""
    court_file_number: str = ""
    note: str = ""
    consent_on: date | None = None  # a ZDVOP contract: the day the municipal authority consented (required)
    exception_reason: str = ""  # s. 460, recorded on the placement: needed past 6 months from the measure's start


def validate_extension(facts: PlacementFacts, form: ExtensionInput, today: date,
                       policy: Policy | None = None) -> dict:
    """Clean values of an extension of the placement `facts` (with its earlier extensions and its s. 460/461
    facts), checked against `core.deadlines.extension_error`; `exception_reason` is the placement's reason after it."""
    policy = policy or default_policy()
    if facts.end is not None:
        raise fail("end_date", _("the placement has ended; it cannot be extended."))
    basis = facts.legal_basis
    if basis not in PR.EXTENDABLE_BASES:
        raise fail("legal_basis", _("only a preliminary measure or a ZDVOP contract is extended."))
    check_day("decided_on", form.decided_on, today)
    assert form.decided_on is not None  # check_day requires it
    if form.decided_on < facts.start:
        raise fail("decided_on", _("the date is before the placement started."))
    new_expiry = form.new_expiry
    if new_expiry is None or isinstance(new_expiry, datetime) or not isinstance(new_expiry, date):
        raise fail("new_expiry", _("enter a date."))
    consent = form.consent_on
    if basis == "zdvop_contract":
        if consent is None:
            raise fail("consent_on", _("an extension of a ZDVOP contract needs the municipal authority's consent; "
                                       "enter the day it was given."))
        check_day("consent_on", consent, today)
        if consent < facts.start:
            raise fail("consent_on", _("the date is before the placement started."))
    elif consent is not None:
        raise fail("consent_on", _("only an extension of a ZDVOP contract needs the municipal authority's consent."))
    reason = clean_text(form.exception_reason, "exception_reason", field_label("exception_reason"), PR.TEXT_MAX)
    if reason and basis != "preliminary_measure":
        raise fail("exception_reason", _("this applies only to a preliminary measure."))
    full = replace(facts, exception_reason=reason or facts.exception_reason)
    _check_step(full, new_expiry, policy)
    return dict(decided_on=form.decided_on, new_expiry=new_expiry,
                court=_line_of(form.court, "court"), court_file_number=_line_of(form.court_file_number, "court_file_number"),
                note=clean_text(form.note, "note", field_label("notes"), PR.TEXT_MAX), consent_on=consent,
                exception_reason=full.exception_reason)


def _line_of(text: str, name: str) -> str:
    return clean_line(text, name, field_label(name), PR.LINE_MAX)


def _check_step(p: PlacementFacts, new_expiry: date, policy: Policy) -> None:
    """`extension_error` in words, naming the field that would put it right."""
    current = effective_expiry(p, policy)
    error = extension_error(p, new_expiry, policy)
    if error is None or current is None:
        return
    if error == "not_later":
        raise fail("new_expiry", _("the new expiry must be later than the current one ({day}).").format(
            day=format_day(current)))
    pm = p.legal_basis == "preliminary_measure"
    if error == "not_extendable":
        if pm:
            raise fail("new_expiry", _("where Czech courts have no jurisdiction on the merits, the measure has no "
                                       "monthly expiry to extend; it lasts at most {total} in total.").format(
                total=_months(policy.pm_section_461_months)))
        raise fail("new_expiry", _("the ZDVOP contract has already been extended as often as the law allows."))
    if not pm:
        n = policy.zdvop_extension_months
        raise fail("new_expiry", ngettext("an extension of a ZDVOP contract is at most {n} month.",
                                          "an extension of a ZDVOP contract is at most {n} months.", n).format(n=n))
    step = add_months(current, policy.pm_extension_months)
    if new_expiry > step:
        raise fail("new_expiry", _("a preliminary measure is extended by at most {step} at a time; check the date "
                                   "(at most {day}).").format(step=_months(policy.pm_extension_months),
                                                             day=format_day(step)))
    raise fail("exception_reason", _("the new expiry passes {total} from the measure's start ({day}); record why "
                                      "(the proceedings on the merits are pending).").format(
        total=_months(policy.pm_usual_total_months), day=format_day(pm_total_cap(p, policy))))
