"""How a child's record reads on the page: field labels, history values, the timeline (no widgets here)."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ospod_desktop.core import child_rules as R
from ospod_desktop.core import history as H
from ospod_desktop.core.countries import country_name, language_name
from ospod_desktop.core.field_labels import CHILD, child_label
from ospod_desktop.core.i18n import N_, _, for_sex, pgettext
from ospod_desktop.core.text import isolate
from ospod_desktop.ui.format import format_date, format_datetime, local_time
from ospod_desktop.ui.pages.care_events import FIELD_LABELS as CARE_LABELS
from ospod_desktop.ui.pages.care_events import TIMELINE_SKIP, care_label, care_values
from ospod_desktop.ui.pages.child_events import FIELD_LABELS as EVENT_LABELS
from ospod_desktop.ui.pages.child_events import TIMELINE_OWN, event_values, placement_events

CREATED = H.CREATED
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


def withheld_text() -> str:
    """What a field withheld from the user's role shows instead of a value (never "—" or a default)."""
    return _("hidden for your role")


def _fact(value: str | None) -> str:
    if value is None:  # withheld: said so, in grey, so it does not read as "none recorded"
        return f'<i style="color:#777;">{html.escape(withheld_text())}</i>'
    return LRM + html.escape(value or "—").replace(chr(10), "<br>")


def facts_html(rows: list[tuple[str, str | None]]) -> str:
    """Label–value rows as a table; values escaped (names can hold any characters) and kept left to right.
    A value of None is withheld from the user's role (`ChildView.withheld`) and says so."""
    body = "".join(
        f'<tr><td style="color:#555; padding:3px 12px 3px 0;">{html.escape(label)}</td>'
        f'<td style="padding:3px 0;">{_fact(value)}</td></tr>'
        for label, value in rows)
    return f"<table>{body}</table>"


def shown(view, rows: list[tuple[str, str, str]]) -> list[tuple[str, str | None]]:
    """(field, label, value) rows of a facts table as (label, value), with None for a field withheld from the
    user's role: its row says it is hidden instead of showing an empty or default value."""
    return [(label, None if field in view.withheld else value) for field, label, value in rows]


def field_label(field: str) -> str:
    if field in CHILD:
        return child_label(field)
    if field in HISTORY_LABELS:
        return _(HISTORY_LABELS[field])
    if field in CARE_LABELS:
        return care_label(field) or field
    return _(EVENT_LABELS[field]) if field in EVENT_LABELS else field


def _range(before: tuple[int | None, int | None] | None) -> str:
    if before is None:
        return "—"
    lo, hi = ("?" if x is None else str(x) for x in before)
    return f"{lo}–{hi}"


def field_words(name: str, value: H.Value, names: dict[int, str]) -> str:
    """A registration field's value in words: codes translated, dates formatted, ids named."""
    if value is None or value == "":
        return "—"
    if name in _CHOICES and isinstance(value, str):
        return R.label(_CHOICES[name], value)
    if name == "nationalities" and isinstance(value, tuple):
        return ", ".join(country_name(c) for c in value)
    if name in ("languages", "interpreter_language"):
        return ", ".join(language_name(c) for c in (value if isinstance(value, tuple) else (str(value),)))
    if isinstance(value, date):
        return format_date(value)
    if name == "responsible_officer_id" and isinstance(value, int):
        return names.get(value, f"#{value}")
    if isinstance(value, tuple):  # aliases: names side by side, each isolated
        return ", ".join(map(isolate, value))
    return str(value)


def entry_label(entry: H.HistoryItem) -> str:
    """What a history line is about: the field's label, or the kind of event."""
    return field_label(entry.code)


def history_values(entry: H.HistoryItem, names: dict[int, str]) -> tuple[str, str]:
    """A history line's before and after, in words."""
    dash = "—"
    if isinstance(entry, H.Registered):
        return "", ""
    if isinstance(entry, H.FieldChanged):
        return field_words(entry.name, entry.old, names), field_words(entry.name, entry.new, names)
    if isinstance(entry, H.PhotoChanged):
        return dash, _("removed") if entry.removed else _("new photo")
    if isinstance(entry, H.AgeAssessed):
        method = R.label(R.ASSESSMENT_METHODS, entry.method)
        return _range(entry.before), f"{entry.age_min}–{entry.age_max} ({method})"
    if isinstance(entry, (H.Merged, H.MergedInto)):
        return dash, _("record no. {id}").format(id=entry.other_id)
    if isinstance(entry, H.Unreadable):  # shown as stored
        return tuple(dash if v in ("", "None") else v for v in (entry.old, entry.new))  # type: ignore[return-value]
    words = care_values(entry) or event_values(entry)
    return words if words is not None else (dash, dash)


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
        found_at = for_sex(view.sex, pgettext("girl", "Found: {place}"), pgettext("boy", "Found: {place}"),
                           _("Found: {place}"))
        found = for_sex(view.sex, pgettext("girl", "Found"), pgettext("boy", "Found"), _("Found"))
        what = found_at.format(place=view.found_place) if view.found_place else found
        events.append(Event(at, when, what, view.reporter_agency or ""))
    edits: list[tuple[datetime, int | None, int, list[str]]] = []  # one save writes several rows a moment apart
    for h in view.history:
        e = h.entry
        if e.code == H.AgeAssessed.KIND or e.code in TIMELINE_OWN or e.code in TIMELINE_SKIP:
            continue  # listed with the assessment, placement or episode itself, when it happened
        if isinstance(e, H.Registered):
            what = _("Registered (imported)") if e.source == "import" else _("Registered")
            if h.child_id != view.id:
                what = _("Registered as record no. {id}").format(id=h.child_id)
            events.append(_stamped(h.ts, what, who(h.user_id, names)))
        elif isinstance(e, H.Merged):
            what = _("Record no. {id} merged into this one").format(id=e.other_id)
            events.append(_stamped(h.ts, what, who(h.user_id, names)))
        elif isinstance(e, H.MergedInto):
            what = _("Merged into record no. {id}").format(id=e.other_id)
            events.append(_stamped(h.ts, what, who(h.user_id, names)))
        elif e.code in EVENT_LABELS or e.code in CARE_LABELS:  # a correction or deletion; a care record
            events.append(_stamped(h.ts, entry_label(e), who(h.user_id, names)))
        elif edits and edits[-1][1:3] == (h.user_id, h.child_id) and (h.ts - edits[-1][0]).total_seconds() < SAME_SAVE_S:
            edits[-1][3].append(entry_label(e))
        else:
            edits.append((h.ts, h.user_id, h.child_id, [entry_label(e)]))
    for ts, user_id, _cid, labels in edits:
        events.append(_stamped(ts, _("Edited: {fields}").format(fields=", ".join(labels)),
                            who(user_id, names)))
    for a in view.assessments:
        what = _("Age assessed: {low}–{high} years ({method})").format(
            low=a.age_min, high=a.age_max, method=R.label(R.ASSESSMENT_METHODS, a.method))
        events.append(Event(_day(a.assessed_on, end=True), format_date(a.assessed_on), what, a.assessor))
    # A date-only event on the day the child was found or registered comes after those (placed that day).
    intake = [events[0].at] if view.found_on else []
    intake += [local_time(h.ts) for h in view.history if isinstance(h.entry, H.Registered)]
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
