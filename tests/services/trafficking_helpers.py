"""An office for the trafficking tests: an administrator, two supervisors, an officer, facility staff, a child
placed in the Radlická facility, and the small test catalogue imported (so the shipped default is not needed)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from sqlalchemy import text

from ospod_desktop.core.roles import Role
from ospod_desktop.services import identity, placements, trafficking
from ospod_desktop.services.context import UserSession
from tests.conftest import OFFICER_PASSWORD
from tests.services.placement_helpers import RADLICKA, TODAY, child, facility_id, pm, staff

SMALL = Path(__file__).resolve().parents[1] / "core" / "data" / "indicators_small.json"
CHILD_NAME = "Ali"  # given name of the child: never in a history line or an audit row
NOTE = "Říká, že mu vzali pas a musí splácet dluh"  # an answer's note: never in history or audit either


@dataclass
class Office:
    admin: UserSession
    officer: UserSession
    supervisor: UserSession
    supervisor2: UserSession
    staff: UserSession
    child_id: int


def login(admin, db_path, username: str, role: Role) -> UserSession:
    identity.create_user(admin, username, f"{username.title()} Testová", role, OFFICER_PASSWORD)
    return identity.login(db_path, username, OFFICER_PASSWORD)


def small_text(**changes) -> str:
    import json

    data = json.loads(SMALL.read_text(encoding="utf-8"))
    data.update(changes)
    return json.dumps(data, ensure_ascii=False)


@contextmanager
def trafficking_office(admin, officer_session, db_path) -> Iterator[Office]:
    """The office of the module docstring (each test module's `office` fixture opens it)."""
    sup = login(admin, db_path, "supervisor", Role.SUPERVISOR)
    sup2 = login(admin, db_path, "supervisor2", Role.SUPERVISOR)
    st = staff(admin, db_path, "radlicka", RADLICKA)
    cid = child(officer_session, CHILD_NAME, days_ago=60)
    placements.place_child(officer_session, cid, pm(facility_id(officer_session, RADLICKA),
                                                    TODAY - timedelta(days=50)))
    trafficking.import_catalogue(admin, SMALL.read_bytes(), "Zkušební katalog pro testy")
    try:
        yield Office(admin, officer_session, sup, sup2, st, cid)
    finally:
        for us in (sup, sup2, st):
            us.close()


def rows(us, sql: str) -> list[tuple]:
    with us.read() as s:
        return [tuple(r) for r in s.exec(text(sql)).all()]


def count(us, table: str) -> int:
    return rows(us, f"SELECT count(*) FROM {table}")[0][0]


def counts(us) -> dict[str, int]:
    return {t: count(us, t) for t in ("trafficking_assessment", "assessment_answer", "assessment_form",
                                      "victim_event", "indicator_catalogue", "child_history")}


def flag(us, child_id: int) -> str:
    return rows(us, f"SELECT trafficking_flag FROM child WHERE id = {child_id}")[0][0]
