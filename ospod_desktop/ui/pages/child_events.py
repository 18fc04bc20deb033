"""Placements and disappearances in the child's history and timeline, in words (no widgets here).

The services read the history as typed entries (`core.history`); this turns them into what an officer reads:
labels, local dates, names of legal bases and reasons. The timeline gets its placement and missing events from
the records themselves.
"""

from __future__ import annotations

from datetime import date, datetime

from ospod_desktop.core import history as H
from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core import visit_rules as VR
from ospod_desktop.core.i18n import N_, _, for_sex, pgettext
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
    "visit": N_("Supervision visit"),
    "ipod": N_("Individual protection plan (IPOD)"),
}
_CODES = {"legal_basis": PR.LEGAL_BASES, "end_reason": PR.END_REASONS, "setting": PR.FACILITY_TYPES,
          "contract_party": PR.CONTRACT_PARTIES, "close_reason": PR.MISSING_CLOSE_REASONS}
# Shown in the timeline as events of their own rather than as "Edited: …".
TIMELINE_OWN = frozenset(FIELD_LABELS) - {"placement_corrected", "placement_deleted", "missing_corrected",
                                          "missing_deleted", "missing_reopened", "visit", "ipod"}
_NOT_SHOWN = {"previous_id", "placement_id"}  # links between records: nothing a reader needs


def _day(value: date | None) -> str:
    return format_date(value) if value is not None else "—"


def summary_text(s: H.Summary | None) -> str:
    """A placement: "where, basis, from day[, until day (reason)]"; an episode: "last seen, place[, until time]"."""
    if s is None:
        return "—"
    if isinstance(s, H.EpisodeSummary):
        out = [format_datetime(s.last_seen_at), s.place]
        if s.ended_at:
            out.append(_("until {date}").format(date=format_datetime(s.ended_at)))
        return ", ".join(out)
    where = s.facility or PR.label(PR.FACILITY_TYPES, s.setting) + (f" – {s.relationship}" if s.relationship else "")
    out = [where, PR.label(PR.LEGAL_BASES, s.legal_basis), _("from {date}").format(date=format_date(s.start))]
    if s.end:
        out.append(_("until {date}").format(date=format_date(s.end)) + f" ({PR.label(PR.END_REASONS, s.end_reason)})")
    return ", ".join(out)


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
    elif key == "extensions" and isinstance(value, tuple):
        label = _("Extensions")
        text = ", ".join(_("until {date}").format(date=format_date(e.new_expiry)) for e in value)
    elif isinstance(value, datetime):
        text = format_datetime(value)
    elif isinstance(value, date):
        text = format_date(value)
    else:
        text = str(value)
    return f"{label}: {text}"


def _changes(kind: str, values) -> str:
    return "; ".join(_column(kind, k, v) for k, v in values.items() if k not in _NOT_SHOWN) or "—"


def event_values(entry: H.HistoryItem) -> tuple[str, str] | None:
    """A placement's or a missing episode's history line in words, (before, after); None for other entries."""
    dash = "—"
    if isinstance(entry, H.PlacementRecorded):
        return dash, summary_text(entry.placement)
    if isinstance(entry, H.PlacementEnded):
        return summary_text(entry.placement), f"{format_date(entry.end_date)} ({PR.label(PR.END_REASONS, entry.reason)})"
    if isinstance(entry, H.PlacementExtended):
        return _day(entry.old_expiry), _day(entry.new_expiry)
    if isinstance(entry, H.Corrected):
        return summary_text(entry.before), summary_text(entry.after)
    if isinstance(entry, H.Changes):
        return _changes(entry.what, entry.old), _changes(entry.what, entry.new)
    if isinstance(entry, H.CorrectionReason):
        return dash, entry.reason or dash
    if isinstance(entry, H.MissingReported):
        return dash, summary_text(entry.episode)
    if isinstance(entry, H.Informed):
        return dash, f"{PR.label(PR.INFORMED_PARTIES, entry.party)}, {format_datetime(entry.at)}"
    if isinstance(entry, H.Returned):
        return dash, format_datetime(entry.at)
    if isinstance(entry, H.MissingClosed):
        return dash, PR.label(PR.MISSING_CLOSE_REASONS, entry.reason)
    if isinstance(entry, H.IpodRecorded):
        return dash, format_date(entry.drawn_up_on)
    if isinstance(entry, H.VisitRecorded):
        when = format_date(entry.visited_on) + (f" {entry.visited_time}" if entry.visited_time else "")
        seen = _("child seen") if entry.child_seen else _("child not seen")
        return dash, ", ".join([when, PR.label(VR.VISIT_PLACES, entry.place), PR.label(VR.VISIT_KINDS, entry.kind),
                                seen])
    return None


def placement_events(view) -> list[tuple[object, str, str, bool]]:
    """(date or time, what, who, late) of each placement's start, extensions and end, and of each missing
    episode; `late` puts a date-only event after that day's timed ones (a child leaves at the end of the day)."""
    out: list[tuple[object, str, str, bool]] = []
    sex = view.sex  # the Czech agrees with the child: "Umístěn", "Umístěna", "Umístěno" (dítě)
    placed = for_sex(sex, pgettext("girl", "Placed: {place}"), pgettext("boy", "Placed: {place}"), _("Placed: {place}"))
    moved = for_sex(sex, pgettext("girl", "Transferred to {place}"), pgettext("boy", "Transferred to {place}"),
                    _("Transferred to {place}"))
    left = for_sex(sex, pgettext("girl", "Left {place}"), pgettext("boy", "Left {place}"), _("Left {place}"))
    for p in view.placements:
        basis = PR.label(PR.LEGAL_BASES, p.legal_basis) if p.legal_basis else ""
        text = moved if p.previous_id else placed
        out.append((p.start_date, text.format(place=p.place) + (f" ({basis})" if basis else ""), "", False))
        for e in p.extensions:
            out.append((e.decided_on, _("Extended until {date}: {place}").format(
                date=format_date(e.new_expiry), place=p.place), "", True))
        if p.end_date and p.end_reason != "transfer":
            reason = PR.label(PR.END_REASONS, p.end_reason) if p.end_reason else ""
            out.append((p.end_date, left.format(place=p.place) + (f": {reason}" if reason else ""), "", True))
    went = for_sex(sex, pgettext("girl", "Went missing; last seen: {place}"),
                   pgettext("boy", "Went missing; last seen: {place}"), _("Went missing; last seen: {place}"))
    back_found = for_sex(sex, pgettext("girl", "Came back; found: {place}"),
                         pgettext("boy", "Came back; found: {place}"), _("Came back; found: {place}"))
    back = for_sex(sex, pgettext("girl", "Came back"), pgettext("boy", "Came back"), _("Came back"))
    for m in view.missing:
        out.append((m.last_seen_at, went.format(place=m.last_seen_place), "", False))
        for i in m.informed:
            extra = f" ({i.reference})" if i.reference else ""
            out.append((i.at, _("Disappearance reported to: {party}").format(
                party=PR.label(PR.INFORMED_PARTIES, i.party)) + extra, i.person, False))
        if m.returned_at:
            where = back_found.format(place=m.found_place) if m.found_place else back
            out.append((m.returned_at, where, "", False))
        if m.closed_at:
            out.append((m.closed_at, _("Missing episode closed: {reason}").format(
                reason=PR.label(PR.MISSING_CLOSE_REASONS, m.close_reason)), "", False))
    return out
