"""What the visit form and the information-request form carry, and their validation (pure): field-named errors,
nothing half-saved.

The checks that need the database — the child's placements on the visit day, the policy's latest next visit
computed by the deadline engine (`core.due`) from the child's placements and visits — are made by
`services.visits`, which passes their results in: `stays` to `validate_visit`, `latest` to `check_next_visit`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ospod_desktop.core import visit_rules as VR
from ospod_desktop.core.i18n import _, format_day
from ospod_desktop.core.limits import LINE_MAX, NOTE_MAX, TEXT_MAX
from ospod_desktop.core.text import clean_line, clean_text
from ospod_desktop.core.visit_rules import fail, field_label

_TIME = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")
# The free texts of a visit: (field, limit); one-line fields are cleaned as lines.
LINES = {"place_detail": LINE_MAX, "present": NOTE_MAX}
TEXTS = {"not_seen_reason": NOTE_MAX, "views": TEXT_MAX, "living_conditions": TEXT_MAX, "health": TEXT_MAX,
         "schooling": TEXT_MAX, "family_contact": TEXT_MAX, "concerns": TEXT_MAX, "note": TEXT_MAX,
         "next_visit_reason": NOTE_MAX}
COLUMNS = ["visited_on", "visited_time", "place", "place_detail", "kind", "present", "child_seen", "not_seen_reason",
           "spoken_alone", "views", "living_conditions", "health", "schooling", "family_contact", "concerns", "note",
           "next_visit_on", "next_visit_reason"]


@dataclass(frozen=True)
class VisitInput:
    """A supervision visit as the officer records it."""

    visited_on: date | None = None
    visited_time: str = ""  # "HH:MM" or ""
    place: str = "facility"
    place_detail: str = ""
    kind: str = "planned"
    present: str = ""
    child_seen: bool = True
    not_seen_reason: str = ""
    spoken_alone: bool | None = None  # None: not recorded (and always when the child was not seen)
    views: str = ""
    living_conditions: str = ""
    health: str = ""
    schooling: str = ""
    family_contact: str = ""
    concerns: str = ""
    note: str = ""
    next_visit_on: date | None = None
    next_visit_reason: str = ""


@dataclass(frozen=True)
class InformationRequestInput:
    """Information asked of a school, a doctor or a service; the answer is awaited."""

    addressee: str = ""
    asked_on: date | None = None
    answered_on: date | None = None
    note: str = ""


def _time(value: str) -> str:
    text = (value or "").strip()
    if not text:
        return ""
    m = _TIME.fullmatch(text)
    if not m:
        raise fail("visited_time", _("write the time as hours and minutes, for example 14:30."))
    return f"{int(m.group(1)):02d}:{m.group(2)}"


def validate_visit(form: VisitInput, *, today: date, found_on: date | None,
                   stays: Sequence[tuple[date, date | None]]) -> dict[str, Any]:
    """The visit's columns, cleaned; raises the first problem as a ValidationError naming its field."""
    if form.visited_on is None:
        raise fail("visited_on", _("this field is required."))
    VR.check_visit_day(form.visited_on, today=today, found_on=found_on, stays=stays)
    if form.place not in VR.VISIT_PLACES:
        raise fail("place", _("choose one of the listed values."))
    if form.kind not in VR.VISIT_KINDS:
        raise fail("kind", _("choose one of the listed values."))
    values: dict[str, Any] = {"visited_on": form.visited_on, "visited_time": _time(form.visited_time),
                                 "place": form.place, "kind": form.kind, "child_seen": bool(form.child_seen)}
    for name, limit in LINES.items():
        values[name] = clean_line(getattr(form, name), name, field_label(name), limit)
    for name, limit in TEXTS.items():
        values[name] = clean_text(getattr(form, name), name, field_label(name), limit)
    if form.child_seen:
        values["not_seen_reason"] = ""
        values["spoken_alone"] = form.spoken_alone
    else:
        if not values["not_seen_reason"]:
            raise fail("not_seen_reason", _("say why the child was not seen."))
        if form.spoken_alone is not None:
            raise fail("spoken_alone", _("only a child who was seen can be spoken with alone."))
        values["spoken_alone"] = None
    nxt = form.next_visit_on
    if nxt is not None and nxt < form.visited_on:
        raise fail("next_visit_on", _("the next visit cannot be before this visit ({day}).").format(
            day=format_day(form.visited_on)))
    values["next_visit_on"] = nxt
    if nxt is None:
        values["next_visit_reason"] = ""
    return values


def check_next_visit(values: dict[str, Any], latest: date | None) -> None:
    """A next visit later than the policy's `latest` needs a reason; one within it keeps none."""
    nxt = values.get("next_visit_on")
    if not isinstance(nxt, date) or latest is None or nxt <= latest:
        values["next_visit_reason"] = ""
        return
    if not values.get("next_visit_reason"):
        raise fail("next_visit_on", _("later than the policy allows (by {day}); choose an earlier day or say why "
                                      "it is later.").format(day=format_day(latest)))


def validate_request(form: InformationRequestInput, *, today: date, found_on: date | None) -> dict[str, Any]:
    """An information request's columns, cleaned: from whom (required), when asked, when answered."""
    addressee = clean_line(form.addressee, "addressee", field_label("addressee"), LINE_MAX, required=True)
    if form.asked_on is None:
        raise fail("asked_on", _("this field is required."))
    if form.asked_on > today:
        raise fail("asked_on", _("the day cannot be in the future."))
    if found_on is not None and form.asked_on < found_on:
        raise fail("asked_on", _("the day is before the child was found ({day}).").format(day=format_day(found_on)))
    answered = validate_answer(form.answered_on, form.asked_on, today) if form.answered_on else None
    note = clean_text(form.note, "note", field_label("note"), NOTE_MAX)
    return {"addressee": addressee, "asked_on": form.asked_on, "answered_on": answered, "note": note}


def validate_answer(answered_on: date | None, asked_on: date, today: date) -> date:
    """The day an answer came: required, not in the future, not before it was asked for."""
    if answered_on is None:
        raise fail("answered_on", _("this field is required."))
    if answered_on > today:
        raise fail("answered_on", _("the day cannot be in the future."))
    if answered_on < asked_on:
        raise fail("answered_on", _("the answer cannot come before it was asked for ({day}).").format(
            day=format_day(asked_on)))
    return answered_on
