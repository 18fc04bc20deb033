"""The child's history entries of trafficking assessments and victim events (`core.history` has the others).

An assessment finished (the engine's outcome, the officer's conclusion, the forms of exploitation suspected and
the catalogue version), approved or returned by a supervisor, and a later event recorded (reported to the police,
identified, referred, a reflection period). Only codes, days and ids: never the reasoning, a comment, a note or
the body's name (a line of history is not where the officer's words are kept; the assessment is). Structured
values are JSON in `new_value`; `decode` reads them back (called by `core.history_decode.decode`). None of these
codes is in what facility staff read of the history (`services.children.FACILITY_HISTORY` is a list of what they
may read): they never see assessments.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from ospod_desktop.core.history import HistoryItem, day_of
from ospod_desktop.core.i18n import N_

REVIEW_ACTIONS = ("approved", "returned")


def _json(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False)


@dataclass(frozen=True)
class AssessmentFinished(HistoryItem):
    """An officer finished an assessment (again, after it was returned: `again`)."""

    KIND: ClassVar[str] = "trafficking_assessment_finished"
    assessment_id: int
    engine_outcome: str  # core.indicators.codes.OUTCOMES
    conclusion: str  # core.indicators.codes.CONCLUSIONS
    forms: tuple[str, ...] = ()  # core.indicators.codes.FORMS
    catalogue_version: str = ""  # "<catalogue id> <version>"
    again: bool = False

    def to_row(self) -> tuple[str, str, str]:
        return self.KIND, "", _json({"assessment_id": self.assessment_id, "engine_outcome": self.engine_outcome,
                                     "conclusion": self.conclusion, "forms": list(self.forms),
                                     "catalogue_version": self.catalogue_version, "again": self.again})


@dataclass(frozen=True)
class AssessmentReviewed(HistoryItem):
    """A supervisor approved a finished assessment or returned it to the officer (the comment stays on it)."""

    KIND: ClassVar[str] = "trafficking_assessment_reviewed"
    action: str  # REVIEW_ACTIONS
    assessment_id: int
    conclusion: str = ""

    @property
    def code(self) -> str:
        return f"trafficking_assessment_{self.action}"

    def to_row(self) -> tuple[str, str, str]:
        return self.code, "", _json({"assessment_id": self.assessment_id, "conclusion": self.conclusion})


@dataclass(frozen=True)
class VictimEventRecorded(HistoryItem):
    """A later event: reported to the police, identified as a victim, referred to assistance, a reflection period."""

    KIND: ClassVar[str] = "victim_event"
    event_id: int
    kind: str  # core.indicators.codes.EVENT_KINDS
    on: date
    ends_on: date | None = None

    def to_row(self) -> tuple[str, str, str]:
        return self.KIND, "", _json({"event_id": self.event_id, "kind": self.kind, "on": self.on.isoformat(),
                                     "ends_on": self.ends_on.isoformat() if self.ends_on else None})


CODES = frozenset({AssessmentFinished.KIND, VictimEventRecorded.KIND,
                   *(f"trafficking_assessment_{a}" for a in REVIEW_ACTIONS)})
# What the child's page calls each line (the UI translates them).
LABELS = {
    AssessmentFinished.KIND: N_("Trafficking assessment finished"),
    "trafficking_assessment_approved": N_("Trafficking assessment approved"),
    "trafficking_assessment_returned": N_("Trafficking assessment returned to the officer"),
    VictimEventRecorded.KIND: N_("Event of a victim of trafficking recorded"),
}


def decode(code: str, new: str) -> HistoryItem:
    """The entry of a row whose `field` is one of `CODES` (raises ValueError/KeyError on a broken row)."""
    data = json.loads(new)
    if not isinstance(data, dict):
        raise ValueError("not an object")
    if code == AssessmentFinished.KIND:
        return AssessmentFinished(int(data["assessment_id"]), data["engine_outcome"], data["conclusion"],
                                  tuple(data.get("forms", ())), data.get("catalogue_version", ""),
                                  bool(data.get("again", False)))
    if code == VictimEventRecorded.KIND:
        on = day_of(data["on"])
        if on is None:
            raise ValueError("an event without its day")
        return VictimEventRecorded(int(data["event_id"]), data["kind"], on, day_of(data.get("ends_on")))
    action = code.removeprefix("trafficking_assessment_")
    if action not in REVIEW_ACTIONS:
        raise ValueError("not a trafficking entry")
    return AssessmentReviewed(action, int(data["assessment_id"]), data.get("conclusion", ""))
