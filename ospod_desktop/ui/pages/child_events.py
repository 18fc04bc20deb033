"""Placements and disappearances in the child's history and timeline, in words (no widgets here).

The services write history lines with codes and ISO dates (`services.placements.history`,
`services.correction_log`); this turns them into what an officer reads: labels, local dates, names of legal
bases and reasons. The timeline gets its placement and missing events from the records themselves.
"""

from __future__ import annotations

import json
from datetime import date, datetime

from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core.i18n import N_, _
from ospod_desktop.core.missing_form import field_label as missing_field
from ospod_desktop.core.placement_form import field_label as placement_field
from ospod_desktop.ui.format import format_date, format_datetime

FIELD_LABELS = {
    "placement": N_("Placement"),
    "placement_end": N_("End of a placement"),
    "placement_extension": N_("Extension of a placement"),
    "placement_corrected": N_("Placement corrected"),
    "placement_deleted": N_("Placement deleted (recorded in error)"),
    "placement_reopened": N_("Placement continues (the transfer was deleted)"),
    "placement_changes": N_("Placement: values before and after"),
    "missing": N_("Reported missing"),
    "missing_informed": N_("Informed of the disappearance"),
    "missing_return": N_("Return after a disappearance"),
    "missing_closed": N_("Missing episode closed"),
    "missing_corrected": N_("Missing episode corrected"),
    "missing_reopened": N_("Missing episode reopened (the return or closing was a mistake)"),
    "missing_deleted": N_("Missing episode deleted (recorded in error)"),
    "missing_changes": N_("Missing episode: values before and after"),
    "correction_reason": N_("Reason for the correction"),
}
_CODES = {"legal_basis": PR.LEGAL_BASES, "end_reason": PR.END_REASONS, "setting": PR.FACILITY_TYPES,
          "contract_party": PR.CONTRACT_PARTIES, "close_reason": PR.MISSING_CLOSE_REASONS}
# Shown in the timeline as events of their own rather than as "Edited: …".
TIMELINE_OWN = frozenset(FIELD_LABELS) - {"placement_corrected", "placement_deleted", "missing_corrected",
                                          "missing_deleted", "missing_reopened"}
_NOT_SHOWN = {"previous_id", "placement_id"}  # links between records: nothing a reader needs


def _when(text: str) -> str:
    """An ISO date or time from a history line, in the UI's form; anything else as it is."""
    try:
        if "T" in text:
            return format_datetime(datetime.fromisoformat(text))
        if len(text) == 10:
            return format_date(date.fromisoformat(text))
    except ValueError:
        pass
    return text


def _summary(value: str, kind: str) -> str:
    """ "where; basis; start[; end; reason]" of a placement, or "last seen; place[; end]" of an episode."""
    parts = value.split("; ")
    if kind == "placement" and len(parts) >= 3:
        setting, dash, relationship = parts[0].partition(" – ")
        where = parts[0]
        if setting in PR.FACILITY_TYPES:  # a named person's placement: "relatives – uncle"
            where = PR.label(PR.FACILITY_TYPES, setting) + (f" – {relationship}" if dash else "")
        out = [where, PR.label(PR.LEGAL_BASES, parts[1]), _("from {date}").format(date=_when(parts[2]))]
        if len(parts) >= 5:
            out.append(_("until {date}").format(date=_when(parts[3])) + f" ({PR.label(PR.END_REASONS, parts[4])})")
        return ", ".join(out)
    if kind == "missing" and len(parts) >= 2:
        out = [_when(parts[0]), parts[1]]
        if len(parts) >= 3:
            out.append(_("until {date}").format(date=_when(parts[2])))
        return ", ".join(out)
    return value


def column_label(kind: str, key: str) -> str:
    """A placement's or an episode's column by its form's label ("facility": the place by its name)."""
    if key == "facility":
        key = "facility_id"
    return placement_field(key) if kind == "placement" else missing_field(key)


def _column(kind: str, key: str, value: object) -> str:
    label = column_label(kind, key)
    if value is None or value == "":
        text = "—"
    elif isinstance(value, bool):
        text = _("yes") if value else _("no")
    elif key in _CODES and isinstance(value, str):
        text = PR.label(_CODES[key], value)
    elif key == "extensions" and isinstance(value, list):
        label = _("Extensions")
        text = ", ".join(_("until {date}").format(date=_when(e.get("new_expiry", ""))) for e in value)
    else:
        text = _when(str(value))
    return f"{label}: {text}"


def _changes(value: str, kind: str) -> str:
    try:
        data = json.loads(value)
    except ValueError:
        return value
    if not isinstance(data, dict):
        return value
    return "; ".join(_column(kind, k, v) for k, v in data.items() if k not in _NOT_SHOWN) or "—"


def history_value(field: str, value: str) -> str | None:
    """A placement or missing history value in words; None for other fields."""
    if field not in FIELD_LABELS:
        return None
    if value in ("", "None"):
        return "—"
    if field in ("placement", "placement_corrected", "placement_deleted", "placement_reopened"):
        return _summary(value, "placement")
    if field in ("missing", "missing_corrected", "missing_deleted", "missing_reopened"):
        return _summary(value, "missing")
    if field in ("placement_changes", "missing_changes"):
        return _changes(value, field.split("_")[0])
    if field == "placement_end":
        parts = value.split("; ")
        if len(parts) == 2:  # the new value: "day; reason"
            return f"{_when(parts[0])} ({PR.label(PR.END_REASONS, parts[1])})"
        return _summary(value, "placement")  # the old value: the placement that ended
    if field in ("placement_extension", "missing_return"):
        return _when(value)
    if field == "missing_informed":
        party, _sep, at = value.partition("; ")
        return f"{PR.label(PR.INFORMED_PARTIES, party)}, {_when(at)}"
    if field == "missing_closed":
        return PR.label(PR.MISSING_CLOSE_REASONS, value)
    return value


def placement_events(view) -> list[tuple[object, str, str, bool]]:
    """(date or time, what, who, late) of each placement's start, extensions and end, and of each missing
    episode; `late` puts a date-only event after that day's timed ones (a child leaves at the end of the day)."""
    out: list[tuple[object, str, str, bool]] = []
    for p in view.placements:
        basis = PR.label(PR.LEGAL_BASES, p.legal_basis) if p.legal_basis else ""
        text = _("Transferred to {place}") if p.previous_id else _("Placed: {place}")
        out.append((p.start_date, text.format(place=p.place) + (f" ({basis})" if basis else ""), "", False))
        for e in p.extensions:
            out.append((e.decided_on, _("Extended until {date}: {place}").format(
                date=format_date(e.new_expiry), place=p.place), "", True))
        if p.end_date and p.end_reason != "transfer":
            reason = PR.label(PR.END_REASONS, p.end_reason) if p.end_reason else ""
            out.append((p.end_date, _("Left {place}").format(place=p.place) + (f": {reason}" if reason else ""), "", True))
    for m in view.missing:
        out.append((m.last_seen_at, _("Went missing; last seen: {place}").format(place=m.last_seen_place), "", False))
        for i in m.informed:
            extra = f" ({i.reference})" if i.reference else ""
            out.append((i.at, _("Disappearance reported to: {party}").format(
                party=PR.label(PR.INFORMED_PARTIES, i.party)) + extra, i.person, False))
        if m.returned_at:
            where = _("Came back; found: {place}").format(place=m.found_place) if m.found_place else _("Came back")
            out.append((m.returned_at, where, "", False))
        if m.closed_at:
            out.append((m.closed_at, _("Missing episode closed: {reason}").format(
                reason=PR.label(PR.MISSING_CLOSE_REASONS, m.close_reason)), "", False))
    return out
