"""The child's history entries of care records: an IPOD, a guardianship, an asylum application (recorded,
corrected, deleted). `core.history` exports them with the other entries."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from ospod_desktop.core.history_base import HistoryItem, day_of, iso, json_text


@dataclass(frozen=True)
class CareSummary:
    """An IPOD, a guardianship or an asylum application in a line: its day (the plan's; the appointment's, else
    the petition's; the application's), the guardian's or representative's name and the court — never a note."""

    on: date | None
    name: str = ""
    court: str = ""
    end: date | None = None  # the guardianship's end; the representative's designation

    def to_dict(self) -> dict[str, Any]:
        return {"on": iso(self.on), "name": self.name, "court": self.court, "end": iso(self.end)}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> CareSummary:
        return cls(day_of(d.get("on")), d.get("name", ""), d.get("court", ""), day_of(d.get("end")))


# What is recorded of each kind of care record (`core.care_form.CARE_KINDS`), and how it is corrected.
CARE_EVENTS = {"ipod": ("recorded",), "guardianship": ("petition", "appointed", "ended"),
               "asylum": ("recorded", "representative")}
CARE_CORRECTIONS = ("corrected", "deleted")


@dataclass(frozen=True)
class CareRecorded(HistoryItem):
    """An IPOD drawn up, a guardian petitioned for, appointed or ended, an asylum application or its
    representative (`what` a key of CARE_EVENTS, `action` one of its values)."""

    KIND: ClassVar[str] = "care"
    what: str
    action: str
    summary: CareSummary

    @property
    def code(self) -> str:
        return f"{self.what}_{self.action}"

    def to_row(self) -> tuple[str, str, str]:
        return self.code, "", json_text(self.summary.to_dict())


@dataclass(frozen=True)
class CareCorrected(HistoryItem):
    """A care record corrected or deleted as recorded in error, before and after; its reason and old values
    follow in `CorrectionReason` and `Changes` lines of the same save (as for a placement)."""

    KIND: ClassVar[str] = "care_corrected"
    what: str
    action: str  # CARE_CORRECTIONS
    before: CareSummary
    after: CareSummary | None = None

    @property
    def code(self) -> str:
        return f"{self.what}_{self.action}"

    def to_row(self) -> tuple[str, str, str]:
        return self.code, "", json_text({"before": self.before.to_dict(),
                                         "after": None if self.after is None else self.after.to_dict()})


