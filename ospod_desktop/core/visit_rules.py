"""Codes of supervision visits (where, what kind) with their translated labels, the visit form's field labels,
and the check of a visit's day shared by the dialog and `import visits` (pure)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.i18n import N_, _, format_day

# Where OSPOD saw (or tried to see) the child.
VISIT_PLACES = {
    "facility": N_("Facility"),
    "home": N_("Home"),
    "school": N_("School"),
    "other": N_("Other place"),
}
# What kind of visit it was.
VISIT_KINDS = {
    "planned": N_("Planned"),
    "unannounced": N_("Unannounced"),
    "after_return": N_("After a return"),
}

FIELD_LABELS = {
    "visited_on": N_("Date of the visit"),
    "visited_time": N_("Time of the visit"),
    "place": N_("Place"),
    "place_detail": N_("Address or facility"),
    "kind": N_("Kind of visit"),
    "present": N_("Present"),
    "child_seen": N_("Child seen"),
    "not_seen_reason": N_("Why the child was not seen"),
    "spoken_alone": N_("Spoken with alone"),
    "views": N_("The child's views and wishes"),
    "living_conditions": N_("Living conditions"),
    "health": N_("Health"),
    "schooling": N_("Schooling"),
    "family_contact": N_("Contact with family"),
    "concerns": N_("Concerns"),
    "note": N_("Note"),
    "next_visit_on": N_("Next visit"),
    "next_visit_reason": N_("Why the next visit is later"),
    "addressee": N_("Information requested from"),
    "asked_on": N_("Requested on"),
    "answered_on": N_("Answer received on"),
}


def field_label(name: str) -> str:
    return _(FIELD_LABELS[name]) if name in FIELD_LABELS else name


def fail(fld: str, message: str) -> ValidationError:
    """A ValidationError whose message starts with the field's translated label."""
    return ValidationError(fld, _("{field}: {problem}").format(field=field_label(fld), problem=message))


def check_visit_day(visited_on: date, *, today: date, found_on: date | None,
                    stays: Sequence[tuple[date, date | None]]) -> None:
    """A visit recorded as done: not in the future, not before the child was found, and on a day the child was
    in care (`stays`: the placements' start and end; a transfer's end day is inside both). Raises the first
    problem as a ValidationError naming `visited_on`; the same check serves the dialog and `import visits`."""
    if visited_on > today:
        raise fail("visited_on", _("a visit recorded as done cannot be in the future."))
    if found_on is not None and visited_on < found_on:
        raise fail("visited_on", _("the visit is before the child was found ({day}).").format(day=format_day(found_on)))
    if not any(start <= visited_on and (end is None or visited_on <= end) for start, end in stays):
        raise fail("visited_on", _("the child was not in care on that day (no placement covers it)."))
