"""The forms that close the `ipod` and `guardian` clocks (`core.due_rules`) and their validation (pure):
an individual protection plan (IPOD), OSPOD's petition for a guardian and the court's appointment, an asylum
application and the representative designated for it.

Every day is a day already past (not in the future) and not before the child was found; an appointment is not
before its petition, an end not before the appointment, a representative not before the application. Text is
cleaned by `core.text` within `core.limits`. Errors name the field with its translated label.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.i18n import N_, _, format_day
from ospod_desktop.core.limits import LINE_MAX, NAME_MAX, NOTE_MAX, REFERENCE_MAX
from ospod_desktop.core.text import clean_line, clean_text

# The kinds of record, as the history and the audit name them.
CARE_KINDS = ("ipod", "guardianship", "asylum")

FIELD_LABELS = {
    "drawn_up_on": N_("Date of the plan"),
    "note": N_("Note"),
    "petition_on": N_("Date of the petition"),
    "petition_court": N_("Court petitioned"),
    "appointed_on": N_("Date of the appointment"),
    "court": N_("Court"),
    "court_file_number": N_("Court file number"),
    "guardian_name": N_("Guardian"),
    "guardian_contact": N_("Guardian's contact"),
    "ended_on": N_("Guardianship ended on"),
    "applied_on": N_("Date of the asylum application"),
    "representative_on": N_("Representative designated on"),
    "representative_name": N_("Representative"),
}


def field_label(name: str) -> str:
    return _(FIELD_LABELS[name]) if name in FIELD_LABELS else name


def fail(fld: str, problem: str) -> ValidationError:
    """A ValidationError whose message starts with the field's translated label."""
    return ValidationError(fld, _("{field}: {problem}").format(field=field_label(fld), problem=problem))


@dataclass(frozen=True)
class IpodInput:
    """An individual protection plan drawn up (or updated) on a day."""

    drawn_up_on: date | None = None
    note: str = ""


@dataclass(frozen=True)
class GuardianPetitionInput:
    """OSPOD petitioned the court to appoint a guardian."""

    petition_on: date | None = None
    petition_court: str = ""
    note: str = ""


@dataclass(frozen=True)
class GuardianAppointmentInput:
    """The court appointed a guardian: when, which court (and its file number), who, how to reach them."""

    appointed_on: date | None = None
    court: str = ""
    court_file_number: str = ""
    guardian_name: str = ""
    guardian_contact: str = ""
    note: str = ""


@dataclass(frozen=True)
class GuardianshipInput:
    """A whole guardianship as a correction sees it: the petition, the appointment, the end."""

    petition_on: date | None = None
    petition_court: str = ""
    appointed_on: date | None = None
    court: str = ""
    court_file_number: str = ""
    guardian_name: str = ""
    guardian_contact: str = ""
    ended_on: date | None = None
    note: str = ""


@dataclass(frozen=True)
class AsylumInput:
    """An application for international protection and (when known) the representative designated for it."""

    applied_on: date | None = None
    representative_on: date | None = None
    representative_name: str = ""
    note: str = ""


def check_day(fld: str, value: date | None, today: date, found_on: date | None, required: bool = True,
              not_before: date | None = None, before_problem: str = "") -> date | None:
    """A day already past, not before the child was found, not before `not_before` (with `before_problem`)."""
    if value is None:
        if required:
            raise fail(fld, _("this field is required."))
        return None
    if isinstance(value, datetime) or not isinstance(value, date):
        raise fail(fld, _("enter a date."))
    if value > today:
        raise fail(fld, _("the date is in the future."))
    if found_on is not None and value < found_on:
        raise fail(fld, _("the date is before the child was found ({day}).").format(day=format_day(found_on)))
    if not_before is not None and value < not_before:
        raise fail(fld, before_problem)
    return value


def _line(value: str, name: str, limit: int = LINE_MAX, required: bool = False) -> str:
    return clean_line(value, name, field_label(name), limit, required=required)


def _note(value: str) -> str:
    return clean_text(value, "note", field_label("note"), NOTE_MAX)


def validate_ipod(form: IpodInput, today: date, found_on: date | None) -> dict:
    """Clean column values of an IPOD."""
    return dict(drawn_up_on=check_day("drawn_up_on", form.drawn_up_on, today, found_on), note=_note(form.note))


def validate_petition(form: GuardianPetitionInput, today: date, found_on: date | None) -> dict:
    """Clean column values of OSPOD's petition for a guardian (the court petitioned is optional)."""
    return dict(petition_on=check_day("petition_on", form.petition_on, today, found_on),
                petition_court=_line(form.petition_court, "petition_court"), note=_note(form.note))


def validate_appointment(form: GuardianAppointmentInput, today: date, found_on: date | None,
                         petition_on: date | None = None) -> dict:
    """Clean column values of the court's appointment: the date, the court and the guardian are required."""
    appointed = check_day("appointed_on", form.appointed_on, today, found_on, not_before=petition_on,
                          before_problem=_("the appointment would be before OSPOD's petition ({day}).").format(
                              day=format_day(petition_on) if petition_on else ""))
    return dict(appointed_on=appointed, court=_line(form.court, "court", required=True),
                court_file_number=_line(form.court_file_number, "court_file_number", REFERENCE_MAX),
                guardian_name=_line(form.guardian_name, "guardian_name", NAME_MAX, required=True),
                guardian_contact=_line(form.guardian_contact, "guardian_contact"), note=_note(form.note))


def validate_end(ended_on: date | None, today: date, appointed_on: date | None) -> date:
    """The day a guardianship ended: after its appointment, not in the future."""
    if appointed_on is None:
        raise fail("ended_on", _("no guardian has been appointed in this guardianship."))
    day = check_day("ended_on", ended_on, today, None, not_before=appointed_on,
                    before_problem=_("the end would be before the appointment ({day}).").format(
                        day=format_day(appointed_on)))
    assert day is not None
    return day


def validate_guardianship(form: GuardianshipInput, today: date, found_on: date | None) -> dict:
    """A corrected guardianship: a petition, an appointment or both; an end only after an appointment."""
    petition = check_day("petition_on", form.petition_on, today, found_on, required=False)
    values: dict[str, object] = dict(petition_on=petition, petition_court=_line(form.petition_court, "petition_court"))
    appointed = any((form.appointed_on, form.court.strip(), form.court_file_number.strip(), form.guardian_name.strip(),
                     form.guardian_contact.strip(), form.ended_on))
    if appointed:
        values.update(validate_appointment(GuardianAppointmentInput(
            form.appointed_on, form.court, form.court_file_number, form.guardian_name, form.guardian_contact, form.note),
            today, found_on, petition))
    else:
        if petition is None:
            raise fail("petition_on", _("record the petition or the appointment."))
        values.update(appointed_on=None, court="", court_file_number="", guardian_name="", guardian_contact="",
                      note=_note(form.note))
    appointed_on = values["appointed_on"]
    values["ended_on"] = (validate_end(form.ended_on, today, appointed_on if isinstance(appointed_on, date) else None)
                          if form.ended_on is not None else None)
    return values


def validate_representative(representative_on: date | None, name: str, today: date, applied_on: date) -> dict:
    """The representative designated for an asylum application: not before the application."""
    day = check_day("representative_on", representative_on, today, None, not_before=applied_on,
                    before_problem=_("the designation would be before the application ({day}).").format(
                        day=format_day(applied_on)))
    return dict(representative_on=day,
                representative_name=_line(name, "representative_name", NAME_MAX, required=True))


def validate_asylum(form: AsylumInput, today: date, found_on: date | None) -> dict:
    """Clean column values of an asylum application; the representative only with a date and a name."""
    applied = check_day("applied_on", form.applied_on, today, found_on)
    assert applied is not None
    values = dict(applied_on=applied, note=_note(form.note), representative_on=None, representative_name="")
    if form.representative_on is not None or form.representative_name.strip():
        values.update(validate_representative(form.representative_on, form.representative_name, today, applied))
    return values
