"""The due items as an iCalendar file (RFC 5545) for Outlook, Thunderbird and the like.

One VEVENT per item: an all-day event on the due date, or for an hour clock (a missing child's reports) a
short timed event in UTC. The UID is derived from the office, the child's record number, the kind and the
record the item comes from, never from the date, so importing a newer export updates the same event (a
moved due date included) instead of adding a second one; SEQUENCE, DTSTAMP and LAST-MODIFIED come from the
export's time, so each later export is the newer version.

A calendar may sync to a cloud, so by default an event says only "Deadline – child #123": the app's own
record number, never the child's name or case reference, and the kind only when it is in `NEUTRAL_KINDS`
(a supervision visit says nothing about the child that the officer's job does not). The officer may choose
more with `include`: "reference" (the child's reference), "kind" (the real kind and its explanation and
basis in the description), "name" (for rows that carry a `name`). Text is in the active language.

The calendar itself (not an event) carries the audit chain's anchor at the export in `ANCHOR_PROPERTY` (an
RFC 5545 "X-" property, which calendar programs keep or ignore): `verify --anchor ID:MAC` checks the chain
against it.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable
from datetime import UTC, datetime, timedelta
from typing import BinaryIO

from icalendar import Alarm, Calendar, Event

from ospod_desktop.core.i18n import _, current_language
from ospod_desktop.reports.due_export import DueRowLike

# Kinds whose label may stand in a default event: they tell nothing beyond the officer's ordinary work with a
# child in care. Every other kind, and every kind added later, reads as a plain "Deadline": a police report
# or missing-child clock (the child ran away), the guardian (unaccompanied, asylum), the preliminary measure
# and ZDVOP clocks (court proceedings, crisis placement), the diagnostic stay, turning 18 (the birth date), and
# the trafficking clocks (police_report, reflection_period, reassessment: the child may be a victim).
NEUTRAL_KINDS = frozenset({"visit", "ipod", "information_request"})
INCLUDE_CHOICES = frozenset({"reference", "kind", "name"})
# Fixed forever: the namespace of the events' UUIDs (a new value would duplicate every imported event).
UID_NAMESPACE = uuid.UUID("5d1c3c4e-8a2b-4f0e-9c31-0b7e6f3a2d10")
UID_DOMAIN = "ospod-desktop"
SEQUENCE_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)  # SEQUENCE = seconds since, at the export (fits 32 bits to 2094)
TIMED_LENGTH = timedelta(minutes=15)
ALL_DAY_REMINDER = timedelta(hours=-15)  # 09:00 on the day before (an all-day event starts at midnight)
TIMED_REMINDER = timedelta(hours=-1)
ANCHOR_PROPERTY = "X-OSPOD-AUDIT-ANCHOR"


def event_uid(office: str, row: DueRowLike) -> str:
    """The stable UID of a row's event: the same office, child, kind and source give the same UID."""
    table, source_id = row.item.source
    key = "\x1f".join((office, str(row.child_id), row.item.kind, table, "" if source_id is None else str(source_id)))
    return f"{uuid.uuid5(UID_NAMESPACE, key)}@{UID_DOMAIN}"


def _name(row: DueRowLike) -> str:
    name = getattr(row, "name", None)
    return name.strip() if isinstance(name, str) else ""


def event_summary(row: DueRowLike, include: Collection[str] = frozenset()) -> str:
    """"Deadline – child #123" by default; the real kind, the reference and the name only as `include` says."""
    item = row.item
    parts = [item.label if "kind" in include or item.kind in NEUTRAL_KINDS else _("Deadline"),
             _("child #{id}").format(id=row.child_id)]
    if "reference" in include and (row.reference or "").strip():
        parts.append((row.reference or "").strip())
    if "name" in include and _name(row):
        parts.append(_name(row))
    return " – ".join(parts)


def event_description(row: DueRowLike, include: Collection[str] = frozenset()) -> str:
    """Where to look for the details; with "kind", the kind, its explanation and its basis too."""
    lines = []
    if "kind" in include:
        item = row.item
        lines += [item.label, item.explanation, _("Basis: {basis}").format(basis=item.basis_label), ""]
    lines.append(_("Details in OSPOD Desktop, record no. {id}.").format(id=row.child_id))
    return "\n".join(lines)


def _sequence(now: datetime) -> int:
    return max(0, int((now - SEQUENCE_EPOCH).total_seconds()))


def due_calendar(rows: Iterable[DueRowLike], *, office: str, include: Collection[str] = frozenset(),
                 now: datetime | None = None, title: str | None = None, anchor: str = "") -> Calendar:
    """The calendar of the rows (see the module's doc); `office` keys the UIDs (pass the same stable text every
    time: the office's uuid) and names the calendar unless `title` (the office's name) is given. `now` (aware;
    default: the current time) stamps the events. `anchor` ("ID:MAC", `services.chain_anchor.current`) is written
    as the calendar's `ANCHOR_PROPERTY` (left out when empty)."""
    unknown = set(include) - INCLUDE_CHOICES
    if unknown:
        raise ValueError(f"unknown include: {sorted(unknown)}")
    now = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", f"-//OSPOD Desktop//Due items//{current_language().upper()}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", _("Deadlines – {office}").format(office=title or office))
    if anchor:
        cal.add(ANCHOR_PROPERTY, anchor)
    seen: dict[str, int] = {}
    for row in rows:
        uid = event_uid(office, row)
        seen[uid] = seen.get(uid, 0) + 1
        if seen[uid] > 1:  # two items of one kind from one record (not made by the engine's rules today)
            uid = uid.replace("@", f"-{seen[uid]}@", 1)
        cal.add_component(_event(row, uid, include, now))
    return cal


def _event(row: DueRowLike, uid: str, include: Collection[str], now: datetime) -> Event:
    item, summary = row.item, event_summary(row, include)
    ev = Event()
    ev.add("uid", uid)
    ev.add("dtstamp", now)
    ev.add("last-modified", now)
    ev.add("sequence", _sequence(now))
    ev.add("summary", summary)
    ev.add("description", event_description(row, include))
    ev.add("class", "PRIVATE")
    ev.add("transp", "TRANSPARENT")  # a deadline does not make the officer busy…
    ev.add("x-microsoft-cdo-busystatus", "FREE")  # …in Outlook too, which reads its own property
    if item.due_at is not None:
        start = item.due_at.astimezone(UTC)
        ev.add("dtstart", start)
        ev.add("dtend", start + TIMED_LENGTH)
    else:
        ev.add("dtstart", item.due)
        ev.add("dtend", item.due + timedelta(days=1))
    if item.status != "overdue":  # a reminder of a day gone by would pop up at once on import
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", TIMED_REMINDER if item.due_at is not None else ALL_DAY_REMINDER)
        ev.add_component(alarm)
    return ev


def write_due_calendar(rows: Iterable[DueRowLike], out: BinaryIO, *, office: str,
                       include: Collection[str] = frozenset(), now: datetime | None = None,
                       title: str | None = None, anchor: str = "") -> None:
    """The rows as an .ics file (UTF-8, CRLF line ends, lines folded at 75 octets) written to `out`."""
    out.write(due_calendar(rows, office=office, include=include, now=now, title=title, anchor=anchor).to_ical())
