"""The child's history as typed entries: one class per kind of line, one writer, one reader.

A history row (`child_history`: field, old_value, new_value, all text) is written only from an entry
(`HistoryItem.to_row`, called by `services.context.Tx.history`), and read only through
`core.history_decode.decode`, which returns the entry again; the UI renders entries and never parses stored
text. The `field` column holds the entry's stable
`code`: a registration field's own name for `FieldChanged` (as it always has), a fixed code for every other kind.

Entries with structure (a placement's or an episode's summary, several values) keep it as JSON in `new_value`;
a single value is stored as it is. Rows written before the entries existed ("where; basis; start" strings,
ISO dates, a translated word for a photo) are read by the same `decode` (`core.history_decode`), so every
database keeps its history. A row that cannot be read becomes `Unreadable`, shown as stored.

The base (`HistoryItem`, ISO and JSON writing) is `core.history_base` and the care records' entries
`core.history_care`; both are exported here. Visits and trafficking have their own modules (`history_visits`,
`history_trafficking`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, ClassVar

from ospod_desktop.core.history_base import HistoryItem, day_of, time_of  # noqa: F401
from ospod_desktop.core.history_base import iso as _iso
from ospod_desktop.core.history_base import json_text as _json
from ospod_desktop.core.history_care import (  # noqa: F401
    CARE_CORRECTIONS,
    CARE_EVENTS,
    CareCorrected,
    CareRecorded,
    CareSummary,
)

Value = None | str | int | date | tuple[str, ...]  # a registration field's value in a FieldChanged

CREATED = "*created*"
# How a registration field's stored text reads back (other fields are text).
DATE_FIELDS = frozenset({"birth_date", "found_on", "closed_on", "registered_on"})
INT_FIELDS = frozenset({"birth_year", "age_min", "age_max", "age_claimed", "age_document", "responsible_officer_id"})
LIST_SEPARATORS = {"aliases": "\n", "nationalities": ";", "languages": ";"}


@dataclass(frozen=True)
class PlacementSummary:
    """Where and on what basis a child was placed — never the carer's name: facility staff read the history."""

    facility: str  # the facility's name; "" for a placement with a named person
    setting: str  # a person's setting (foster_family, relatives); "" in a facility
    relationship: str  # the carer's relationship to the child (a person's placement)
    legal_basis: str
    start: date
    end: date | None = None  # given in a correction's or deletion's summary, not when the placement is recorded
    end_reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"facility": self.facility, "setting": self.setting, "relationship": self.relationship,
                "legal_basis": self.legal_basis, "start": _iso(self.start), "end": _iso(self.end),
                "end_reason": self.end_reason}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> PlacementSummary:
        return cls(d["facility"], d["setting"], d["relationship"], d["legal_basis"], date.fromisoformat(d["start"]),
                   day_of(d.get("end")), d.get("end_reason", ""))


@dataclass(frozen=True)
class EpisodeSummary:
    """When and where a child was last seen, and when the episode ended."""

    last_seen_at: datetime
    place: str
    ended_at: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"last_seen_at": _iso(self.last_seen_at), "place": self.place, "ended_at": _iso(self.ended_at)}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> EpisodeSummary:
        return cls(datetime.fromisoformat(d["last_seen_at"]), d["place"], time_of(d.get("ended_at")))


Summary = PlacementSummary | EpisodeSummary


def _summary_dict(s: Summary | None) -> dict[str, Any] | None:
    return None if s is None else s.to_dict()


def summary_of(what: str, d: Mapping[str, Any] | None) -> Summary | None:
    """A placement's (`what` "placement") or an episode's summary from its JSON object."""
    if d is None:
        return None
    return PlacementSummary.from_dict(d) if what == "placement" else EpisodeSummary.from_dict(d)


@dataclass(frozen=True)
class Registered(HistoryItem):
    KIND: ClassVar[str] = CREATED
    source: str = ""  # "" (the form), "import", "demo"

    def to_row(self) -> tuple[str, str, str]:
        return CREATED, "", self.source


def field_text(value: Value, name: str = "") -> str:
    """A registration field's value as the history stores it."""
    if value is None:
        return ""
    if isinstance(value, tuple):
        return LIST_SEPARATORS.get(name, ";").join(value)
    return value.isoformat() if isinstance(value, date) else str(value)


def field_value(name: str, text: str) -> Value:
    """The stored text of a registration field as its value (dates, numbers and lists typed; "" is None)."""
    if text in ("", "None"):
        return None
    try:
        if name in DATE_FIELDS:
            return date.fromisoformat(text[:10])
        if name in INT_FIELDS:
            return int(text)
    except ValueError:
        return text  # written by hand or by an old version: shown as it is
    if name in LIST_SEPARATORS:
        return tuple(x for x in text.split(LIST_SEPARATORS[name]) if x)
    return text


@dataclass(frozen=True)
class FieldChanged(HistoryItem):
    """A registration field edited (also documents and family, as a one-line summary of each)."""

    KIND: ClassVar[str] = "field"
    name: str
    old: Value
    new: Value

    @property
    def code(self) -> str:
        return self.name

    def to_row(self) -> tuple[str, str, str]:
        return self.name, field_text(self.old, self.name), field_text(self.new, self.name)


@dataclass(frozen=True)
class PhotoChanged(HistoryItem):
    KIND: ClassVar[str] = "photo"
    removed: bool = False

    def to_row(self) -> tuple[str, str, str]:
        return self.KIND, "", "removed" if self.removed else "new"


@dataclass(frozen=True)
class AgeAssessed(HistoryItem):
    """A formal age assessment; `before` is the estimated range it replaced (None: it replaced none)."""

    KIND: ClassVar[str] = "age_assessment"
    age_min: int
    age_max: int
    method: str
    before: tuple[int | None, int | None] | None = None

    def to_row(self) -> tuple[str, str, str]:
        return self.KIND, "", _json({"age_min": self.age_min, "age_max": self.age_max, "method": self.method,
                                     "before": list(self.before) if self.before else None})


@dataclass(frozen=True)
class Merged(HistoryItem):
    """Record `other_id` was merged into this one."""

    KIND: ClassVar[str] = "merged"
    other_id: int

    def to_row(self) -> tuple[str, str, str]:
        return self.KIND, "", str(self.other_id)


@dataclass(frozen=True)
class MergedInto(HistoryItem):
    """This record was merged into record `other_id`."""

    KIND: ClassVar[str] = "merged_into"
    other_id: int

    def to_row(self) -> tuple[str, str, str]:
        return self.KIND, "", str(self.other_id)


@dataclass(frozen=True)
class PlacementRecorded(HistoryItem):
    KIND: ClassVar[str] = "placement"
    placement: PlacementSummary

    def to_row(self) -> tuple[str, str, str]:
        return self.KIND, "", _json({"placement": self.placement.to_dict()})


@dataclass(frozen=True)
class PlacementEnded(HistoryItem):
    """The child left a placement (`placement`: which one; None in rows that did not say)."""

    KIND: ClassVar[str] = "placement_end"
    placement: PlacementSummary | None
    end_date: date
    reason: str

    def to_row(self) -> tuple[str, str, str]:
        return self.KIND, "", _json({"placement": _summary_dict(self.placement), "end_date": _iso(self.end_date),
                                     "reason": self.reason})


@dataclass(frozen=True)
class PlacementExtended(HistoryItem):
    KIND: ClassVar[str] = "placement_extension"
    old_expiry: date | None
    new_expiry: date

    def to_row(self) -> tuple[str, str, str]:
        return self.KIND, "", _json({"old_expiry": _iso(self.old_expiry), "new_expiry": _iso(self.new_expiry)})


@dataclass(frozen=True)
class DiagnosticsCompleted(HistoryItem):
    """The diagnostics of an intake/diagnostic stay were completed on `on` (its 8-week clock closed)."""

    KIND: ClassVar[str] = "placement_diagnostics"
    placement: PlacementSummary
    on: date

    def to_row(self) -> tuple[str, str, str]:
        return self.KIND, "", _json({"placement": self.placement.to_dict(), "on": _iso(self.on)})


CORRECTION_ACTIONS = ("corrected", "deleted", "reopened")


@dataclass(frozen=True)
class Corrected(HistoryItem):
    """A saved placement or missing episode corrected, deleted as recorded in error, or reopened: where and when,
    before and after (`after` None: it is gone, or it simply continues). Its reason and old values follow in
    `CorrectionReason` and `Changes` lines of the same save."""

    KIND: ClassVar[str] = "corrected"
    what: str  # "placement" / "missing"
    action: str  # CORRECTION_ACTIONS
    before: Summary
    after: Summary | None = None

    @property
    def code(self) -> str:
        return f"{self.what}_{self.action}"

    def to_row(self) -> tuple[str, str, str]:
        return self.code, "", _json({"before": self.before.to_dict(), "after": _summary_dict(self.after)})


def plain(value: object) -> object:
    """A column value as JSON: dates and times in ISO form."""
    return _iso(value) if isinstance(value, (date, datetime)) else value


@dataclass(frozen=True)
class ExtensionRecord:
    """An extension kept in the history of a deleted placement."""

    decided_on: date | None
    new_expiry: date | None
    court: str = ""
    court_file_number: str = ""
    note: str = ""


@dataclass(frozen=True)
class Changes(HistoryItem):
    """The columns a correction changed, old and new (a deletion: every column of the row, and its extensions).

    `old` and `new` map column names to typed values (dates, times, text, booleans); "facility" holds the
    facility's name in place of its id; "extensions" a tuple of `ExtensionRecord`."""

    KIND: ClassVar[str] = "changes"
    what: str  # "placement" / "missing" / a care record's kind ("ipod", "guardianship", "asylum")
    old: Mapping[str, object] = field(default_factory=dict)
    new: Mapping[str, object] = field(default_factory=dict)

    @property
    def code(self) -> str:
        return f"{self.what}_changes"

    def to_row(self) -> tuple[str, str, str]:
        return self.code, dump(self.old), dump(self.new)


def dump(values: Mapping[str, object]) -> str:
    """Columns and their values as the JSON a `Changes` line keeps (in column order)."""
    out = {}
    for k, v in values.items():
        if k == "extensions" and isinstance(v, (list, tuple)):
            v = [e if isinstance(e, Mapping) else {"decided_on": _iso(e.decided_on), "new_expiry": _iso(e.new_expiry),
                                                   "court": e.court, "court_file_number": e.court_file_number,
                                                   "note": e.note} for e in v]
        out[k] = plain(v)
    return _json(out)


@dataclass(frozen=True)
class CorrectionReason(HistoryItem):
    KIND: ClassVar[str] = "correction_reason"
    reason: str

    def to_row(self) -> tuple[str, str, str]:
        return self.KIND, "", self.reason


@dataclass(frozen=True)
class MissingReported(HistoryItem):
    KIND: ClassVar[str] = "missing"
    episode: EpisodeSummary

    def to_row(self) -> tuple[str, str, str]:
        return self.KIND, "", _json({"episode": self.episode.to_dict()})


@dataclass(frozen=True)
class Informed(HistoryItem):
    """Someone was told of the disappearance (`party`: core.placement_rules.INFORMED_PARTIES)."""

    KIND: ClassVar[str] = "missing_informed"
    party: str
    at: datetime

    def to_row(self) -> tuple[str, str, str]:
        return self.KIND, "", _json({"party": self.party, "at": _iso(self.at)})


@dataclass(frozen=True)
class Returned(HistoryItem):
    KIND: ClassVar[str] = "missing_return"
    at: datetime

    def to_row(self) -> tuple[str, str, str]:
        return self.KIND, "", _iso(self.at) or ""


@dataclass(frozen=True)
class MissingClosed(HistoryItem):
    """An episode ended without a return (`reason`: core.placement_rules.MISSING_CLOSE_REASONS)."""

    KIND: ClassVar[str] = "missing_closed"
    reason: str

    def to_row(self) -> tuple[str, str, str]:
        return self.KIND, "", self.reason


@dataclass(frozen=True)
class Unreadable(HistoryItem):
    """A row `decode` could not read: kept and shown as stored."""

    KIND: ClassVar[str] = "unreadable"
    stored_field: str
    old: str
    new: str

    @property
    def code(self) -> str:
        return self.stored_field

    def to_row(self) -> tuple[str, str, str]:
        return self.stored_field, self.old, self.new
