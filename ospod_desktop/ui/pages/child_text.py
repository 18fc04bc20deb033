"""How a child's record reads on the page: field labels, history values, the timeline (no widgets here)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ospod_desktop.core import child_rules as R
from ospod_desktop.core.countries import country_name, language_name
from ospod_desktop.core.field_labels import CHILD, child_label
from ospod_desktop.core.i18n import N_, _
from ospod_desktop.ui.format import format_date, format_datetime, local_time
from ospod_desktop.ui.pages.child_events import FIELD_LABELS as EVENT_LABELS
from ospod_desktop.ui.pages.child_events import TIMELINE_OWN, placement_events
from ospod_desktop.ui.pages.child_events import history_value as event_value

CREATED = "*created*"
LRM = "\u200e"  # starts a line left to right even when it begins with an Arabic or Hebrew name
SAME_SAVE_S = 5  # history rows this close together, by the same user, come from one save
# History lines that are not a registration field (those are labelled by `core.field_labels`).
HISTORY_LABELS = {
    CREATED: N_("Registered"),
    "age_assessment": N_("Age assessment"),
    "merged": N_("Record merged into this one"),
    "merged_into": N_("Merged into another record"),
}
_CHOICES = {"sex": R.SEXES, "status": R.STATUSES, "channel": R.CHANNELS, "urgency": R.URGENCIES,
            "case_status": R.CASE_STATUSES, "close_reason": R.CLOSE_REASONS}


def facts_html(rows: list[tuple[str, str]]) -> str:
    """Label–value rows as a table; values escaped (names can hold any characters) and kept left to right."""
    body = "".join(
        f'<tr><td style="color:#555; padding:3px 12px 3px 0;">{html.escape(label)}</td>'
        f'<td style="padding:3px 0;">{LRM}{html.escape(value or "—").replace(chr(10), "<br>")}</td></tr>'
        for label, value in rows)
    return f"<table>{body}</table>"


def field_label(field: str) -> str:
    if field in CHILD:
        return child_label(field)
    if field in HISTORY_LABELS:
        return _(HISTORY_LABELS[field])
    return _(EVENT_LABELS[field]) if field in EVENT_LABELS else field


def history_value(field: str, value: str, names: dict[int, str]) -> str:
    """A stored history value in words: codes translated, dates formatted, ids named."""
    if value in ("", "None"):
        return "—"
    if (words := event_value(field, value)) is not None:
        return words
    if field in _CHOICES:
        return R.label(_CHOICES[field], value)
    if field == "nationalities":
        return ", ".join(country_name(c) for c in value.split(";") if c)
    if field in ("languages", "interpreter_language"):
        return ", ".join(language_name(c) for c in value.split(";") if c)
    if field in ("birth_date", "found_on", "closed_on"):
        try:
            return format_date(date.fromisoformat(value[:10]))
        except ValueError:
            return value
    if field == "responsible_officer_id" and value.isdigit():
        return names.get(int(value), f"#{value}")
    if field == "aliases":
        return ", ".join(a for a in value.split("\n") if a)
    if field == "age_assessment" and (m := re.fullmatch(r"(.*) \((\w+)\)", value)):
        return f"{m.group(1)} ({R.label(R.ASSESSMENT_METHODS, m.group(2))})"
    if field in ("merged", "merged_into"):
        return _("record no. {id}").format(id=value)
    return value


def who(user_id: int | None, names: dict[int, str]) -> str:
    if user_id is None:
        return ""
    return names.get(user_id, f"#{user_id}")


@dataclass(frozen=True)
class Event:
    """One line of the timeline."""

    at: datetime  # for ordering (date-only events at the start of their day)
    when: str
    what: str
    who: str


def _day(value: date, end: bool = False) -> datetime:
    """A date-only event: at the start of its day, or (end=True) after everything timed that day."""
    return datetime.combine(value, time.max if end else time.min).astimezone()


def _stamped(ts: datetime, what: str, by: str) -> Event:
    """An event at a stored time, shown as the local date and time."""
    return Event(local_time(ts), format_datetime(ts, ""), what, by)


def timeline(view, names: dict[int, str]) -> list[Event]:
    """Everything that happened to the child, oldest first: found, registered, edits, assessments, merges."""
    events: list[Event] = []
    if view.found_on:
        at = _day(view.found_on)
        if view.found_time:
            hours, minutes = (int(p) for p in view.found_time.split(":"))
            at = at.replace(hour=hours, minute=minutes)
        when = format_date(view.found_on) + (f" {view.found_time}" if view.found_time else "")
        what = _("Found: {place}").format(place=view.found_place) if view.found_place else _("Found")
        events.append(Event(at, when, what, view.reporter_agency))
    edits: list[tuple[datetime, int | None, int, list[str]]] = []  # one save writes several rows a moment apart
    for h in view.history:
        if h.field == "age_assessment" or h.field in TIMELINE_OWN:
            continue  # listed with the assessment, placement or episode itself, when it happened
        if h.field == CREATED:
            what = _("Registered (imported)") if h.new_value == "import" else _("Registered")
            if h.child_id != view.id:
                what = _("Registered as record no. {id}").format(id=h.child_id)
            events.append(_stamped(h.ts, what, who(h.user_id, names)))
        elif h.field == "merged":
            what = _("Record no. {id} merged into this one").format(id=h.new_value)
            events.append(_stamped(h.ts, what, who(h.user_id, names)))
        elif h.field == "merged_into":
            what = _("Merged into record no. {id}").format(id=h.new_value)
            events.append(_stamped(h.ts, what, who(h.user_id, names)))
        elif h.field in EVENT_LABELS:  # a correction or deletion of a placement or missing episode
            events.append(_stamped(h.ts, field_label(h.field), who(h.user_id, names)))
        elif edits and edits[-1][1:3] == (h.user_id, h.child_id) and (h.ts - edits[-1][0]).total_seconds() < SAME_SAVE_S:
            edits[-1][3].append(field_label(h.field))
        else:
            edits.append((h.ts, h.user_id, h.child_id, [field_label(h.field)]))
    for ts, user_id, _cid, labels in edits:
        events.append(_stamped(ts, _("Edited: {fields}").format(fields=", ".join(labels)),
                            who(user_id, names)))
    for a in view.assessments:
        what = _("Age assessed: {low}–{high} years ({method})").format(
            low=a.age_min, high=a.age_max, method=R.label(R.ASSESSMENT_METHODS, a.method))
        events.append(Event(_day(a.assessed_on, end=True), format_date(a.assessed_on), what, a.assessor))
    # A date-only event on the day the child was found or registered comes after those (placed that day).
    intake = [events[0].at] if view.found_on else []
    intake += [local_time(h.ts) for h in view.history if h.field == CREATED]
    for at, what, by, late in placement_events(view):
        if isinstance(at, datetime):
            events.append(_stamped(at, what, by))
            continue
        day = _day(at, end=late)
        same_day = [t for t in intake if t.date() == at]
        if same_day and day < max(same_day):
            day = max(same_day) + timedelta(seconds=1)
        events.append(Event(day, format_date(at), what, by))
    if view.case_status == "closed" and view.closed_on:
        events.append(Event(_day(view.closed_on, end=True), format_date(view.closed_on),
                            _("Case closed: {reason}").format(reason=R.label(R.CLOSE_REASONS, view.close_reason)), ""))
    events.sort(key=lambda e: e.at)
    return events
