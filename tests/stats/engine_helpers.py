"""Rows for the statistics tests, written with exact days: children through the registration service, the
rest (assessments, events, placements, episodes, visits) as storage rows in the real encrypted database."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from sqlalchemy import text
from sqlmodel import select

from ospod_desktop.services import children, due, trafficking
from ospod_desktop.storage.care_tables import Visit
from ospod_desktop.storage.child_tables import AgeAssessment
from ospod_desktop.storage.placement_tables import MissingEpisode, Placement  # noqa: F401  (tests use h.Placement)
from ospod_desktop.storage.trafficking_tables import (
    AssessmentForm,
    IndicatorCatalogueVersion,
    TraffickingAssessment,
    VictimEvent,
)
from tests.conftest import child_form
from tests.services.trafficking_helpers import SMALL

NOW = datetime(2026, 1, 2, tzinfo=UTC)


def local(day: date, hour: int = 12, minute: int = 0, second: int = 0) -> datetime:
    """A local time of `day`, as an aware UTC time (what the services store)."""
    return datetime.combine(day, time(hour, minute, second)).astimezone().astimezone(UTC)


def register(us, sex: str = "M", found_on: date = date(2025, 6, 1), **fields) -> int:
    fields.setdefault("found_place", "Praha")
    return children.register_child(us, child_form("Ali", "Test", sex, found_on=found_on, **fields))


def catalogue(admin) -> int:
    with admin.read() as s:
        found = s.exec(select(IndicatorCatalogueVersion.id)).first()
    if found is None:
        trafficking.import_catalogue(admin, SMALL.read_bytes(), "Zkušební katalog pro testy")
        with admin.read() as s:
            found = s.exec(select(IndicatorCatalogueVersion.id)).first()
    return found


def add(us, *rows) -> list[int]:
    with us.db.write() as s:
        for row in rows:
            s.add(row)
        s.flush()
        return [r.id for r in rows if hasattr(r, "id")]


def assessment(us, cat: int, child_id: int, finished: datetime | None, conclusion: str | None = None,
               status: str = "finished", forms: tuple[str, ...] = (), countries: str = "") -> int:
    row = TraffickingAssessment(child_id=child_id, catalogue_pk=cat, status=status, conclusion=conclusion,
                                exploitation_countries=countries, created_at=NOW, finished_at=finished)
    (aid,) = add(us, row)
    if forms:
        add(us, *(AssessmentForm(assessment_id=aid, form=f) for f in forms))
    return aid


def event(us, child_id: int, kind: str, on: date) -> None:
    add(us, VictimEvent(child_id=child_id, kind=kind, on=on, recorded_at=NOW))


def placement(us, child_id: int, setting: str, start: date, end: date | None = None) -> int:
    (pid,) = add(us, Placement(child_id=child_id, setting=setting, legal_basis="preliminary_measure",
                               start_date=start, end_date=end, created_at=NOW))
    derive(us, child_id)
    return pid


def episode(us, child_id: int, last_seen: datetime, returned: datetime | None = None,
            closed: datetime | None = None) -> None:
    add(us, MissingEpisode(child_id=child_id, last_seen_at=last_seen, returned_at=returned, closed_at=closed,
                           created_at=NOW, close_reason="case_closed" if closed else ""))


def visit(us, child_id: int, on: date, seen: bool = True) -> None:
    add(us, Visit(child_id=child_id, visited_on=on, child_seen=seen, created_at=NOW,
                  not_seen_reason="" if seen else "nebyl doma"))
    derive(us, child_id)


def derive(us, child_id: int) -> None:
    """Rows written straight to storage skip the services' upkeep of derived data (the due items and the visits'
    timeliness): compute the child's again, as a service's transaction does before it commits."""
    due.refresh_children(us, [child_id])


def age_assessment(us, child_id: int, low: int, high: int) -> None:
    add(us, AgeAssessment(child_id=child_id, method="interview", assessed_on=date(2025, 6, 2), age_min=low,
                          age_max=high, created_at=NOW))


def merge_into(us, child_id: int, into: int) -> None:
    with us.db.write() as s:
        s.exec(text(f"UPDATE child SET merged_into_id = {into} WHERE id = {child_id}"))
    derive(us, child_id)
