"""Rows of due items for the reports' tests, made by the real engine (`core.due.due_items`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from ospod_desktop.core.deadlines import PlacementFacts
from ospod_desktop.core.due import (
    CaseFacts,
    ChildFacts,
    DueItem,
    InformationRequest,
    MissingEpisode,
    Visit,
    due_items,
)  # fmt: skip

DAY = date(2026, 3, 1)
SEEN = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)
NOW = SEEN + timedelta(hours=2)
CHILD_ID = 123
REFERENCE = "PRG-2026-0042"
NAME = "Jan Nováček"


@dataclass(frozen=True)
class Row:
    """Like `services.due.DueRow`: the four attributes the reports read, and a name they must not."""

    child_id: int
    reference: str
    officer: str | None
    item: DueItem
    name: str = NAME


@dataclass(frozen=True)
class BareRow:
    """Only the `DueRowLike` attributes (no name)."""

    child_id: int
    reference: str
    officer: str | None
    item: DueItem


def facts(visits: tuple[Visit, ...] = ()) -> CaseFacts:
    """An unaccompanied child under a preliminary measure, missing since this morning, a school asked."""
    return CaseFacts(
        ChildFacts(CHILD_ID, birth_date=date(2010, 5, 31), found_on=DAY, status="unaccompanied"),
        placements=(PlacementFacts("childrens_home", "preliminary_measure", DAY, decision_date=DAY, id=5),),
        visits=visits,
        information_requests=(InformationRequest(DAY, addressee="ZŠ Žižkov", id=7),),
        missing=(MissingEpisode(SEEN, {}, id=9),),
    )


def rows(visits: tuple[Visit, ...] = (), day: date = DAY, reference: str = REFERENCE, officer: str | None = "novak",
         child_id: int = CHILD_ID) -> list[Row]:
    return [Row(child_id, reference, officer, item) for item in due_items(facts(visits), day, now=NOW)]


def by_kind(items: list[Row], kind: str) -> Row:
    (row,) = [r for r in items if r.item.kind == kind]
    return row
