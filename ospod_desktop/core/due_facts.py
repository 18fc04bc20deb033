"""The facts the due-items engine (`core.due`) reads: plain values the services build from the records.

Every field has a default, so a caller fills in what it stores and the engine treats the rest as not
recorded. Placements are `core.deadlines.PlacementFacts` (with their extensions).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from ospod_desktop.core.deadlines import PlacementFacts

# Children whose guardian the court must appoint without delay (core.child_rules.STATUSES).
GUARDIAN_STATUSES = ("unaccompanied", "separated")


@dataclass(frozen=True)
class ChildFacts:
    id: int | None = None
    birth_date: date | None = None
    birth_year: int | None = None  # when only the year is known
    birth_assessed: bool = False  # the date of birth was assessed (age assessment), not documented
    found_on: date | None = None  # intake: the day the child entered OSPOD's register
    registered_on: date | None = None  # an imported child: the day of the original register entry
    imported: bool = False
    status: str = ""  # core.child_rules.STATUSES
    case_open: bool = True  # a closed case has nothing due


@dataclass(frozen=True)
class Visit:
    """A supervision visit; one where the child was not seen is kept but does not count."""

    on: date
    child_seen: bool = True
    id: int | None = None


@dataclass(frozen=True)
class GuardianFacts:
    petition_on: date | None = None  # OSPOD's petition to the court
    appointed_on: date | None = None  # the court's appointment closes the item
    court: str = ""
    guardian: str = ""


@dataclass(frozen=True)
class AsylumApplication:
    applied_on: date
    representative_on: date | None = None  # the representative's designation closes the item
    id: int | None = None


@dataclass(frozen=True)
class InformationRequest:
    """An answer awaited from a school, a doctor or a service."""

    asked_on: date
    answered_on: date | None = None
    addressee: str = ""
    id: int | None = None


@dataclass(frozen=True)
class MissingEpisode:
    last_seen_at: datetime  # timezone-aware
    informed: Mapping[str, datetime | None] = field(default_factory=dict)  # party -> when told
    returned_at: datetime | None = None
    closed_on: date | None = None  # closed without a return (core.placement_rules.MISSING_CLOSE_REASONS)
    interview_on: date | None = None  # the return interview
    id: int | None = None

    @property
    def open(self) -> bool:
        return self.returned_at is None and self.closed_on is None


@dataclass(frozen=True)
class ReflectionPeriod:
    """A reflection period the police granted a presumed victim (a `victim_event` of kind reflection_period)."""

    starts_on: date
    ends_on: date | None = None  # None: the policy's length (trafficking.reflection_period_months)
    id: int | None = None


@dataclass(frozen=True)
class TraffickingFacts:
    """What the trafficking clocks read: the latest finished (or approved) assessment, the reports to the
    police and the reflection periods. Drafts and returned assessments do not count."""

    conclusion: str = ""  # the latest finished assessment's conclusion (core.indicators.codes.CONCLUSIONS); "" none
    concluded_on: date | None = None  # the day it was finished
    assessment_id: int | None = None
    police_reports: tuple[date, ...] = ()  # days the suspicion was reported to the police
    reflection_periods: tuple[ReflectionPeriod, ...] = ()


@dataclass(frozen=True)
class CaseFacts:
    """Everything the engine knows of one child."""

    child: ChildFacts = ChildFacts()
    placements: tuple[PlacementFacts, ...] = ()
    visits: tuple[Visit, ...] = ()
    ipods: tuple[date, ...] = ()  # days an individual protection plan (IPOD) was recorded
    guardian: GuardianFacts = GuardianFacts()
    asylum: tuple[AsylumApplication, ...] = ()
    information_requests: tuple[InformationRequest, ...] = ()
    missing: tuple[MissingEpisode, ...] = ()
    trafficking: TraffickingFacts = TraffickingFacts()
