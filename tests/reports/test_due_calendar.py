"""The due items as iCalendar (reports.due_calendar): read back with icalendar's parser and checked again
line by line against RFC 5545 by a small reader written here (not icalendar's), stable UIDs, privacy."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar

from ospod_desktop.core import i18n
from ospod_desktop.core.due import CaseFacts, ChildFacts, ReflectionPeriod, TraffickingFacts, Visit, due_items
from ospod_desktop.reports.due_calendar import NEUTRAL_KINDS, event_uid, write_due_calendar
from tests.reports.due_rows import CHILD_ID, DAY, NAME, REFERENCE, BareRow, Row, by_kind, rows

OFFICE = "OSPOD Praha 4"
T1 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def export(items, include=frozenset(), now=T1, office=OFFICE) -> bytes:
    out = io.BytesIO()
    write_due_calendar(items, out, office=office, include=include, now=now)
    return out.getvalue()


# -- an independent reader of RFC 5545 content lines (section 3.1) ------------------------------------------
_LINE = re.compile(r'^(?P<name>[A-Za-z0-9-]+)(?P<params>(?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*))*):(?P<value>.*)$')


def unfold(raw: bytes) -> list[str]:
    """Check CRLF line ends and the 75-octet fold, then join the folded lines and decode them as UTF-8."""
    assert raw.endswith(b"\r\n")
    physical = raw[:-2].split(b"\r\n")
    assert all(b"\n" not in p and b"\r" not in p for p in physical), "a bare LF or CR"
    assert all(len(p) <= 75 for p in physical), max(physical, key=len)
    for p in physical:
        p.decode("utf-8")  # folded between characters, never inside one (RFC 5545 3.1)
    logical: list[bytes] = []
    for p in physical:
        if p[:1] in (b" ", b"\t"):
            logical[-1] += p[1:]
        else:
            logical.append(p)
    return [line.decode("utf-8") for line in logical]


def text_value(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def components(raw: bytes, kind: str) -> list[dict[str, list[tuple[str, str]]]]:
    """Every `kind` component (VEVENT…) as {property name: [(parameters, value)]}; BEGIN/END must nest."""
    found, stack = [], []
    for line in unfold(raw):
        m = _LINE.match(line)
        assert m, line
        name, params, value = m["name"].upper(), m["params"], m["value"]
        if name == "BEGIN":
            stack.append((value, {}))
        elif name == "END":
            begun, props = stack.pop()
            assert begun == value
            if value == kind:
                found.append(props)
        else:
            stack[-1][1].setdefault(name, []).append((params, value))
    assert stack == []
    return found


def one(props, name) -> str:
    (value,) = props[name]
    return value[1]


# -- tests ------------------------------------------------------------------------------------------------
def test_icalendar_reads_one_event_per_item():
    items = rows()
    cal = Calendar.from_ical(export(items))
    assert str(cal["VERSION"]) == "2.0" and "OSPOD Desktop" in str(cal["PRODID"])
    assert str(cal["X-WR-CALNAME"]) == "Deadlines – OSPOD Praha 4"
    events = cal.walk("VEVENT")
    assert len(events) == len(items)
    assert len({str(e["UID"]) for e in events}) == len(items)
    by_uid = {str(e["UID"]): e for e in events}
    visit = by_uid[event_uid(OFFICE, by_kind(items, "visit"))]
    assert visit.decoded("DTSTART") == date(2026, 6, 1) and visit.decoded("DTEND") == date(2026, 6, 2)
    assert visit["DTSTART"].params.get("VALUE") == "DATE"
    assert str(visit["SUMMARY"]) == "Supervision visit – child #123"
    officer = by_uid[event_uid(OFFICE, by_kind(items, "missing_officer"))]
    start = officer.decoded("DTSTART")
    assert start == datetime(2026, 3, 2, 10, 0, tzinfo=UTC) and start.utcoffset() == timedelta(0)
    assert officer.decoded("DTEND") > start
    assert [a.decoded("TRIGGER") for a in officer.walk("VALARM")] == [timedelta(hours=-1)]
    assert [a.decoded("TRIGGER") for a in visit.walk("VALARM")] == [timedelta(hours=-15)]
    police = by_uid[event_uid(OFFICE, by_kind(items, "missing_police"))]
    assert police.walk("VALARM") == []  # overdue: no reminder popping up at once
    for e in events:
        assert e.decoded("DTSTAMP") == T1 and e.decoded("LAST-MODIFIED") == T1
        assert str(e["CLASS"]) == "PRIVATE" and str(e["TRANSP"]) == "TRANSPARENT"
        assert str(e["X-MICROSOFT-CDO-BUSYSTATUS"]) == "FREE"


def test_the_file_is_valid_rfc5545_line_by_line():
    i18n.set_language("cs")
    items = rows()
    raw = export(items, include={"kind", "reference", "name"})
    (cal,) = components(raw, "VCALENDAR")
    assert one(cal, "VERSION") == "2.0" and one(cal, "PRODID")
    events = components(raw, "VEVENT")
    assert len(events) == len(items)
    for props in events:
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "SEQUENCE"):
            assert len(props[required]) == 1, required
        params, start = props["DTSTART"][0]
        assert (params == ";VALUE=DATE" and re.fullmatch(r"\d{8}", start)) or re.fullmatch(r"\d{8}T\d{6}Z", start)
    for alarm in components(raw, "VALARM"):
        assert one(alarm, "ACTION") == "DISPLAY" and one(alarm, "DESCRIPTION") and one(alarm, "TRIGGER")


def test_czech_text_round_trips_through_folding():
    i18n.set_language("cs")
    items = rows(reference="Č.j. OSPOD/Ř-ž 2026; č. 1, \\ úřad")
    raw = export(items, include={"kind", "reference", "name"})
    assert max(len(line) for line in raw.split(b"\r\n")) == 75  # long Czech lines were folded
    events = components(raw, "VEVENT")
    request = by_kind(items, "information_request")
    (props,) = [p for p in events if one(p, "UID") == event_uid(OFFICE, request)]
    summary = text_value(one(props, "SUMMARY"))
    assert summary == f"Odpověď na žádost o informace – dítě #123 – Č.j. OSPOD/Ř-ž 2026; č. 1, \\ úřad – {NAME}"
    description = text_value(one(props, "DESCRIPTION"))
    assert request.item.explanation in description and "ZŠ Žižkov" in description
    assert description.endswith("Podrobnosti v OSPOD Desktop, záznam č. 123.")
    assert "Podklad: praxe úřadu" in description
    parsed = {str(e["UID"]): e for e in Calendar.from_ical(raw).walk("VEVENT")}
    assert str(parsed[event_uid(OFFICE, request)]["SUMMARY"]) == summary
    assert str(parsed[event_uid(OFFICE, request)]["DESCRIPTION"]) == description


def test_uids_stay_when_the_due_date_moves_and_the_later_export_is_newer():
    before = rows()
    after = rows(visits=(Visit(date(2026, 4, 10), id=3),), day=date(2026, 4, 11))
    assert by_kind(before, "visit").item.due != by_kind(after, "visit").item.due  # the visit moved the date
    first = Calendar.from_ical(export(before, now=T1))
    second = Calendar.from_ical(export(after, now=T1 + timedelta(days=41)))
    uid = event_uid(OFFICE, by_kind(before, "visit"))
    assert uid == event_uid(OFFICE, by_kind(after, "visit"))
    old = {str(e["UID"]): e for e in first.walk("VEVENT")}
    new = {str(e["UID"]): e for e in second.walk("VEVENT")}
    assert old[uid].decoded("DTSTART") == date(2026, 6, 1) and new[uid].decoded("DTSTART") == date(2026, 7, 10)
    assert new[uid].decoded("SEQUENCE") > old[uid].decoded("SEQUENCE")
    assert new[uid].decoded("DTSTAMP") > old[uid].decoded("DTSTAMP")
    kinds = {event_uid(OFFICE, r): r.item.kind for r in before}
    assert {u: kinds[u] for u in set(old) & set(new)} == {event_uid(OFFICE, r): r.item.kind for r in after
                                                           if event_uid(OFFICE, r) in old}
    assert {r.item.kind for r in after if event_uid(OFFICE, r) in old} >= {"visit", "ipod", "information_request"}


def test_uids_differ_by_office_child_kind_and_source():
    visit = by_kind(rows(), "visit")
    uids = {event_uid(OFFICE, visit), event_uid("OSPOD Brno", visit), event_uid(OFFICE, replace(visit, child_id=124)),
            event_uid(OFFICE, replace(visit, item=replace(visit.item, kind="ipod"))),
            event_uid(OFFICE, replace(visit, item=replace(visit.item, source=("placement", 6))))}
    assert len(uids) == 5
    twice = Calendar.from_ical(export([visit, visit]))
    assert len({str(e["UID"]) for e in twice.walk("VEVENT")}) == 2  # never two events under one UID


@pytest.mark.parametrize("lang", ["en", "cs"])
def test_the_default_calendar_names_no_child_and_no_sensitive_kind(lang):
    i18n.set_language(lang)
    items = rows()
    raw = export(items)
    text = "\n".join(unfold(raw))
    for secret in (NAME, "Nováček", REFERENCE, "PRG-2026", "Žižkov"):
        assert secret not in text
    for r in items:
        if r.item.kind not in NEUTRAL_KINDS:
            assert r.item.label not in text and r.item.explanation not in text
    summaries = {str(e["SUMMARY"]) for e in Calendar.from_ical(raw).walk("VEVENT")}
    deadline = "Lhůta – dítě #123" if lang == "cs" else "Deadline – child #123"
    assert deadline in summaries
    assert all(s.endswith(f"#{CHILD_ID}") for s in summaries)
    assert "police" not in text.lower() and "policii" not in text.lower()


def test_a_kind_added_later_reads_as_a_plain_deadline():
    row = by_kind(rows(), "guardian")
    report = replace(row, item=replace(row.item, kind="police_report"))
    (event,) = Calendar.from_ical(export([report])).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Deadline – child #123"


@pytest.mark.parametrize("lang", ["en", "cs"])
def test_the_trafficking_clocks_are_private(lang):
    kinds = {"police_report", "reflection_period", "reassessment"}
    assert not kinds & NEUTRAL_KINDS
    found = []
    for conclusion in ("presumed_victim", "concern"):
        t = TraffickingFacts(conclusion, DAY, 4, (), (ReflectionPeriod(DAY, None, 6),))
        found += [Row(CHILD_ID, REFERENCE, "novak", i) for i in due_items(CaseFacts(ChildFacts(CHILD_ID), trafficking=t), DAY)]
    assert {r.item.kind for r in found} == kinds
    i18n.set_language(lang)
    raw = export(found)
    text = "\n".join(unfold(raw)).lower()
    summaries = {str(e["SUMMARY"]) for e in Calendar.from_ical(raw).walk("VEVENT")}
    assert summaries == {"Lhůta – dítě #123" if lang == "cs" else "Deadline – child #123"}
    for word in ("traffick", "obchodov", "police", "polici", "reflex", "reflection", "victim", "oběť", "assess",
                 "posou"):
        assert word not in text
    for r in found:
        assert r.item.label.lower() not in text and r.item.explanation.lower() not in text


def test_the_officer_may_choose_more():
    items = rows()
    police = by_kind(items, "missing_police")
    (event,) = Calendar.from_ical(export([police], include={"reference", "kind", "name"})).walk("VEVENT")
    assert str(event["SUMMARY"]) == f"Report the missing child to the police – child #123 – {REFERENCE} – {NAME}"
    assert police.item.explanation in str(event["DESCRIPTION"])
    (event,) = Calendar.from_ical(export([police], include={"reference"})).walk("VEVENT")
    assert str(event["SUMMARY"]) == f"Deadline – child #123 – {REFERENCE}"
    bare = BareRow(police.child_id, police.reference, police.officer, police.item)
    (event,) = Calendar.from_ical(export([bare], include={"name"})).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Deadline – child #123"  # a row without a name
    with pytest.raises(ValueError):
        export(items, include={"birth_number"})


def test_an_empty_export_is_still_a_calendar():
    cal = Calendar.from_ical(export([]))
    assert cal.walk("VEVENT") == [] and str(cal["VERSION"]) == "2.0"
