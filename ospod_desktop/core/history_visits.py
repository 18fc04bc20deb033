"""The child's history entries of supervision visits and information requests (`core.history` has the others).

A visit recorded, corrected or deleted (its changed columns follow in a `Changes("visit", …)` line and the reason
in a `CorrectionReason`, as for placements); information asked for, and its answer. Structured values are JSON in
`new_value`; `decode` reads them back (called by `core.history_decode.decode`). None of these codes is in what
facility staff read of the history (`services.children`): they never see visits.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from ospod_desktop.core.history import HistoryItem, day_of

VISIT_ACTIONS = ("corrected", "deleted")


def _json(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False)


@dataclass(frozen=True)
class VisitSummary:
    """When, where and what kind of visit, and whether the child was seen."""

    visited_on: date
    place: str  # core.visit_rules.VISIT_PLACES
    kind: str  # core.visit_rules.VISIT_KINDS
    child_seen: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {"visited_on": self.visited_on.isoformat(), "place": self.place, "kind": self.kind,
                "child_seen": self.child_seen}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> VisitSummary:
        return cls(date.fromisoformat(d["visited_on"]), d["place"], d["kind"], bool(d.get("child_seen", True)))


@dataclass(frozen=True)
class VisitRecorded(HistoryItem):
    KIND: ClassVar[str] = "visit"
    visit: VisitSummary

    def to_row(self) -> tuple[str, str, str]:
        return self.KIND, "", _json({"visit": self.visit.to_dict()})


@dataclass(frozen=True)
class VisitCorrected(HistoryItem):
    """A saved visit corrected (`after` is its new summary) or deleted as recorded in error (`after` None)."""

    KIND: ClassVar[str] = "visit_corrected"
    action: str  # VISIT_ACTIONS
    before: VisitSummary
    after: VisitSummary | None = None

    @property
    def code(self) -> str:
        return f"visit_{self.action}"

    def to_row(self) -> tuple[str, str, str]:
        return self.code, "", _json({"before": self.before.to_dict(),
                                     "after": self.after.to_dict() if self.after else None})


@dataclass(frozen=True)
class InformationRequested(HistoryItem):
    KIND: ClassVar[str] = "information_request"
    addressee: str
    asked_on: date

    def to_row(self) -> tuple[str, str, str]:
        return self.KIND, "", _json({"addressee": self.addressee, "asked_on": self.asked_on.isoformat()})


@dataclass(frozen=True)
class InformationAnswered(HistoryItem):
    KIND: ClassVar[str] = "information_answer"
    addressee: str
    answered_on: date

    def to_row(self) -> tuple[str, str, str]:
        return self.KIND, "", _json({"addressee": self.addressee, "answered_on": self.answered_on.isoformat()})


CODES = frozenset({VisitRecorded.KIND, InformationRequested.KIND, InformationAnswered.KIND,
                   *(f"visit_{a}" for a in VISIT_ACTIONS)})


def decode(code: str, new: str) -> HistoryItem:
    """The entry of a row whose `field` is one of `CODES` (raises ValueError/KeyError on a broken row)."""
    data = json.loads(new)
    if not isinstance(data, dict):
        raise ValueError("not an object")
    if code == VisitRecorded.KIND:
        return VisitRecorded(VisitSummary.from_dict(data["visit"]))
    if code == InformationRequested.KIND:
        return InformationRequested(data["addressee"], date.fromisoformat(data["asked_on"]))
    if code == InformationAnswered.KIND:
        answered = day_of(data["answered_on"])
        if answered is None:
            raise ValueError("an answer without its day")
        return InformationAnswered(data["addressee"], answered)
    after = data.get("after")
    return VisitCorrected(code.removeprefix("visit_"), VisitSummary.from_dict(data["before"]),
                          VisitSummary.from_dict(after) if after else None)
