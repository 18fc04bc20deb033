"""Reading the child's history back: every stored row becomes its typed entry (`core.history`).

The one reader of `child_history`. It reads what `HistoryItem.to_row` writes, and the formats written before the
entries existed, so a database keeps its whole history:
- a placement: "where; basis; start" (a correction's summary adds "; end; reason"); "where" is the facility's
  name, or a person's setting and relationship ("relatives – uncle");
- an end: the placement's summary, then "day; reason"; an extension: the old and the new expiry (ISO days);
- a missing episode: "last seen; place[; ended]" (ISO times); informed: "party; time"; a return: an ISO time;
- an age assessment: "12–14" before, "17–18 (medical)" after; a photo: the word in the writer's language.
A row that cannot be read is `Unreadable` (shown as stored) rather than an error: the page must open.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from ospod_desktop.core import history_trafficking as HT
from ospod_desktop.core import history_visits as HV
from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core.history import (
    CARE_CORRECTIONS,
    CARE_EVENTS,
    CORRECTION_ACTIONS,
    CREATED,
    AgeAssessed,
    CareCorrected,
    CareRecorded,
    CareSummary,
    Changes,
    Corrected,
    CorrectionReason,
    DiagnosticsCompleted,
    EpisodeSummary,
    ExtensionRecord,
    FieldChanged,
    HistoryItem,
    Informed,
    Merged,
    MergedInto,
    MissingClosed,
    MissingReported,
    PhotoChanged,
    PlacementEnded,
    PlacementExtended,
    PlacementRecorded,
    PlacementSummary,
    Registered,
    Returned,
    Unreadable,
    day_of,
    field_value,
    summary_of,
)  # fmt: skip

KINDS = ("placement", "missing")
CORRECTED = {f"{what}_{action}": (what, action) for what in KINDS for action in CORRECTION_ACTIONS}
CARE_RECORDED = {f"{what}_{action}": (what, action) for what, actions in CARE_EVENTS.items() for action in actions}
CARE_CORRECTED = {f"{what}_{action}": (what, action) for what in CARE_EVENTS for action in CARE_CORRECTIONS}
CHANGES = {f"{what}_changes": what for what in (*KINDS, *CARE_EVENTS)}
JSON_KINDS = frozenset({AgeAssessed.KIND, PlacementRecorded.KIND, PlacementEnded.KIND, PlacementExtended.KIND,
                        DiagnosticsCompleted.KIND, MissingReported.KIND, Informed.KIND, *CORRECTED, *CARE_RECORDED,
                        *CARE_CORRECTED})
# What a photo line said before it held a code: the word in the language of whoever saved it.
LEGACY_PHOTO_REMOVED = frozenset({"removed", "odstraněna"})
_RANGE = re.compile(r"(\d+|None)–(\d+|None)")
_ASSESSED = re.compile(r"(\d+)–(\d+) \((\w+)\)")


def decode(code: str, old: str, new: str) -> HistoryItem:
    """The entry a history row (field, old_value, new_value) holds."""
    try:
        if code in HV.CODES:  # visits and information requests (`core.history_visits`)
            return HV.decode(code, new)
        if code in HT.CODES:  # trafficking assessments and victim events (`core.history_trafficking`)
            return HT.decode(code, new)
        if code in JSON_KINDS and new.startswith("{"):
            try:
                data = json.loads(new)
            except ValueError:
                data = None  # a name that happens to start with "{" in an old row
            if isinstance(data, dict):
                return _from_json(code, data)
        return _legacy(code, old, new)
    except (ValueError, KeyError, TypeError, AttributeError, IndexError):
        return Unreadable(code, old, new)


def _from_json(code: str, data: Mapping[str, Any]) -> HistoryItem:
    if code == AgeAssessed.KIND:
        before = data.get("before")
        return AgeAssessed(data["age_min"], data["age_max"], data["method"], (before[0], before[1]) if before else None)
    if code == PlacementRecorded.KIND:
        return PlacementRecorded(PlacementSummary.from_dict(data["placement"]))
    if code == PlacementEnded.KIND:
        placement = PlacementSummary.from_dict(data["placement"]) if data.get("placement") else None
        return PlacementEnded(placement, date.fromisoformat(data["end_date"]), data["reason"])
    if code == PlacementExtended.KIND:
        return PlacementExtended(day_of(data.get("old_expiry")), date.fromisoformat(data["new_expiry"]))
    if code == DiagnosticsCompleted.KIND:
        return DiagnosticsCompleted(PlacementSummary.from_dict(data["placement"]), date.fromisoformat(data["on"]))
    if code == MissingReported.KIND:
        return MissingReported(EpisodeSummary.from_dict(data["episode"]))
    if code == Informed.KIND:
        return Informed(data["party"], datetime.fromisoformat(data["at"]))
    if code in CARE_RECORDED:
        return CareRecorded(*CARE_RECORDED[code], CareSummary.from_dict(data))
    if code in CARE_CORRECTED:
        after = data.get("after")
        return CareCorrected(*CARE_CORRECTED[code], CareSummary.from_dict(data["before"]),
                             CareSummary.from_dict(after) if after else None)
    what, action = CORRECTED[code]
    before = summary_of(what, data["before"])
    if before is None:
        raise ValueError("a correction without its summary")
    return Corrected(what, action, before, summary_of(what, data.get("after")))


def column_value(column: str, value: object) -> object:
    """A column's JSON value typed again: `*_at` columns are times, `*_date`, `*_on` and expiries are days."""
    if not isinstance(value, str) or not value:
        return value
    try:
        if column.endswith("_at"):
            return datetime.fromisoformat(value)
        if column.endswith(("_date", "_on", "_expiry")):
            return date.fromisoformat(value)
    except ValueError:
        return value
    return value


def load_columns(text: str) -> dict[str, object]:
    """A `Changes` JSON object typed again (raises ValueError when it is not one)."""
    data = json.loads(text) if text else {}
    if not isinstance(data, dict):
        raise ValueError("not an object")
    out: dict[str, object] = {}
    for k, v in data.items():
        if k == "extensions" and isinstance(v, list):
            out[k] = tuple(ExtensionRecord(day_of(e.get("decided_on")), day_of(e.get("new_expiry")), e.get("court", ""),
                                           e.get("court_file_number", ""), e.get("note", "")) for e in v)
        else:
            out[k] = column_value(k, v)
    return out


def _is_day(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def _placement(text: str) -> PlacementSummary:
    """ "where; basis; start[; end; reason]" — the place's name may itself hold "; ", so read from the right."""
    parts = text.split("; ")
    if len(parts) >= 5 and _is_day(parts[-3]) and _is_day(parts[-2]):
        where, basis, start, end, reason = "; ".join(parts[:-4]), parts[-4], parts[-3], parts[-2], parts[-1]
    elif len(parts) >= 3 and _is_day(parts[-1]):
        where, basis, start, end, reason = "; ".join(parts[:-2]), parts[-2], parts[-1], "", ""
    else:
        raise ValueError("not a placement summary")
    setting, _dash, relationship = where.partition(" – ")
    if setting in PR.FACILITY_TYPES:  # a placement with a named person: "relatives – uncle"
        return PlacementSummary("", setting, relationship, basis, date.fromisoformat(start), day_of(end), reason)
    return PlacementSummary(where, "", "", basis, date.fromisoformat(start), day_of(end), reason)


def _episode(text: str) -> EpisodeSummary:
    """ "last seen; place[; ended]" — the place may hold "; ", so the end is only a last part that is a time."""
    parts = text.split("; ")
    if len(parts) < 2:
        raise ValueError("not an episode summary")
    ended = None
    if len(parts) >= 3:
        try:
            ended = datetime.fromisoformat(parts[-1])
            parts = parts[:-1]
        except ValueError:
            pass
    return EpisodeSummary(datetime.fromisoformat(parts[0]), "; ".join(parts[1:]), ended)


def _range(text: str) -> tuple[int | None, int | None] | None:
    m = _RANGE.fullmatch(text)
    if not m:
        return None
    lo, hi = (None if g == "None" else int(g) for g in m.groups())
    return lo, hi


def _legacy(code: str, old: str, new: str) -> HistoryItem:
    if code == CREATED:
        return Registered(new)
    if code == PhotoChanged.KIND:
        return PhotoChanged(new in LEGACY_PHOTO_REMOVED)
    if code == AgeAssessed.KIND:
        m = _ASSESSED.fullmatch(new)
        if not m:
            raise ValueError("not an assessment")
        return AgeAssessed(int(m.group(1)), int(m.group(2)), m.group(3), _range(old))
    if code == Merged.KIND:
        return Merged(int(new))
    if code == MergedInto.KIND:
        return MergedInto(int(new))
    if code == PlacementRecorded.KIND:
        return PlacementRecorded(_placement(new))
    if code == PlacementEnded.KIND:
        day, reason = new.split("; ")
        return PlacementEnded(_placement(old) if old else None, date.fromisoformat(day), reason)
    if code == PlacementExtended.KIND:
        return PlacementExtended(day_of(old), date.fromisoformat(new))
    if code in CORRECTED:
        what, action = CORRECTED[code]
        read = _placement if what == "placement" else _episode
        return Corrected(what, action, read(old), read(new) if new else None)
    if code in CARE_RECORDED or code in CARE_CORRECTED:
        raise ValueError("a care record's line is JSON")
    if code in CHANGES:
        return Changes(CHANGES[code], load_columns(old), load_columns(new))
    if code == "visit_changes":
        return Changes("visit", load_columns(old), load_columns(new))
    if code == CorrectionReason.KIND:
        return CorrectionReason(new)
    if code == MissingReported.KIND:
        return MissingReported(_episode(new))
    if code == Informed.KIND:
        party, at = new.split("; ")
        return Informed(party, datetime.fromisoformat(at))
    if code == Returned.KIND:
        return Returned(datetime.fromisoformat(new))
    if code == MissingClosed.KIND:
        return MissingClosed(new)
    return FieldChanged(code, field_value(code, old), field_value(code, new))
