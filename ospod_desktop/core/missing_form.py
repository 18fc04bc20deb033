"""A missing episode's forms and their validation (pure): the report, who was informed, the return.

Times are aware datetimes; a naive one is taken as the computer's local time (what a person types).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.i18n import N_, _, format_day
from ospod_desktop.core.text import clean_line, clean_text

FIELD_LABELS = {
    "last_seen_at": N_("Last seen"),
    "last_seen_place": N_("Where last seen"),
    "seen_with": N_("Seen with"),
    "circumstances": N_("Circumstances"),
    "description": N_("Description"),
    "clothing": N_("Clothing"),
    "risk_medication": N_("Medication needed"),
    "risk_notes": N_("Other risks"),
    "party": N_("Who was informed"),
    "informed_at": N_("Informed at"),
    "reference": N_("Reference number"),
    "person": N_("Person informed"),
    "returned_at": N_("Returned or found at"),
    "found_place": N_("Where found"),
    "condition": N_("Condition"),
    "interview_on": N_("Date of the return interview"),
    "return_notes": N_("Notes on the return"),
    "closed_at": N_("Closed at"),
    "close_reason": N_("Reason"),
    # Columns as the history names them (a correction or deletion keeps their old values).
    "risk_trafficking": N_("Suspected trafficking"),
    "police_informed_at": N_("Police informed at"),
    "police_reference": N_("Police reference number"),
    "police_person": N_("Police officer informed"),
    "officer_informed_at": N_("OSPOD officer informed at"),
    "officer_person": N_("OSPOD officer informed"),
    "guardian_informed_at": N_("Guardian informed at"),
    "guardian_person": N_("Guardian informed"),
    "line_116000_informed_at": N_("Line 116 000 informed at"),
    "line_116000_reference": N_("Line 116 000 reference number"),
    "return_interview": N_("Return interview held"),
    "return_interview_on": N_("Date of the return interview"),
}


def field_label(name: str) -> str:
    return PR.label(FIELD_LABELS, name)


def fail(fld: str, problem: str) -> ValidationError:
    return ValidationError(fld, _("{field}: {problem}").format(field=field_label(fld), problem=problem))


def aware(value: datetime) -> datetime:
    """An aware datetime in UTC; a naive one is the computer's local time."""
    return (value if value.tzinfo else value.astimezone()).astimezone(UTC)


def local_day(value: datetime) -> date:
    return aware(value).astimezone().date()


def check_time(fld: str, value: datetime | None, now: datetime, not_before: datetime | None = None,
               before_problem: str = "") -> datetime:
    """A required time, not in the future, not before `not_before`."""
    if value is None:
        raise fail(fld, _("this field is required."))
    if not isinstance(value, datetime):
        raise fail(fld, _("enter a date and time."))
    value = aware(value)
    if value > aware(now):
        raise fail(fld, _("the time is in the future."))
    if not_before is not None and value < aware(not_before):
        raise fail(fld, before_problem)
    return value


@dataclass(frozen=True)
class MissingInput:
    """The report of a missing child: when and where last seen, with whom, what they wore, the risks."""

    last_seen_at: datetime | None = None
    last_seen_place: str = ""
    seen_with: str = ""
    circumstances: str = ""
    description: str = ""
    clothing: str = ""
    risk_trafficking: bool = False
    risk_medication: str = ""
    risk_notes: str = ""


def _line(value: str, name: str, required: bool = False) -> str:
    return clean_line(value, name, field_label(name), PR.LINE_MAX, required=required)


def _text(value: str, name: str) -> str:
    return clean_text(value, name, field_label(name), PR.TEXT_MAX)


def validate_missing(form: MissingInput, now: datetime, found_on: date | None) -> dict:
    """Clean column values of a new missing episode."""
    seen = check_time("last_seen_at", form.last_seen_at, now)
    if found_on and local_day(seen) < found_on:
        raise fail("last_seen_at", _("the child was found only on {day}.").format(day=format_day(found_on)))
    return dict(
        last_seen_at=seen, last_seen_place=_line(form.last_seen_place, "last_seen_place", required=True),
        seen_with=_line(form.seen_with, "seen_with"), circumstances=_text(form.circumstances, "circumstances"),
        description=_text(form.description, "description"), clothing=_text(form.clothing, "clothing"),
        risk_trafficking=bool(form.risk_trafficking), risk_medication=_line(form.risk_medication, "risk_medication"),
        risk_notes=_text(form.risk_notes, "risk_notes"),
    )  # fmt: skip


def validate_informed(party: str, informed_at: datetime | None, last_seen_at: datetime, now: datetime,
                      reference: str = "", person: str = "") -> dict:
    """Who was informed of the disappearance, when, and their reference number (the police's, the line's)."""
    if party not in PR.INFORMED_PARTIES:
        raise fail("party", _("choose one of the listed values."))
    at = check_time("informed_at", informed_at, now, last_seen_at, _("the time is before the child was last seen."))
    return dict(informed_at=at, reference=_line(reference, "reference"), person=_line(person, "person"))


def validate_return(returned_at: datetime | None, last_seen_at: datetime, now: datetime, found_place: str = "",
                    condition: str = "", interview_held: bool | None = None, interview_on: date | None = None,
                    notes: str = "") -> dict:
    """The return: when (not before the disappearance), where found, condition, the return interview."""
    at = check_time("returned_at", returned_at, now, last_seen_at, _("the return would be before the disappearance."))
    if interview_on is not None:
        if isinstance(interview_on, datetime) or not isinstance(interview_on, date):
            raise fail("interview_on", _("enter a date."))
        if interview_on > local_day(now):
            raise fail("interview_on", _("the date is in the future."))
        if interview_on < local_day(at):
            raise fail("interview_on", _("the interview would be before the return."))
        interview_held = True if interview_held is None else interview_held
        if not interview_held:
            raise fail("interview_on", _("a date is given but the interview is marked as not held."))
    return dict(
        returned_at=at, found_place=_line(found_place, "found_place"), condition=_text(condition, "condition"),
        return_interview=interview_held, return_interview_on=interview_on, return_notes=_text(notes, "return_notes"),
    )  # fmt: skip


def validate_close(closed_at: datetime | None, reason: str, last_seen_at: datetime, now: datetime) -> dict:
    """An episode that ends without the child coming back (located abroad, turned 18, case closed)."""
    if reason not in PR.MISSING_CLOSE_REASONS:
        raise fail("close_reason", _("choose one of the listed reasons."))
    at = check_time("closed_at", closed_at, now, last_seen_at, _("the time is before the child was last seen."))
    return dict(closed_at=at, close_reason=reason)
