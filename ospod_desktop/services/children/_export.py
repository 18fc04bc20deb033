"""Exports of the case list the user may see (audited as exports)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Connection, and_, select
from sqlmodel import col

from ospod_desktop.core.ages import age_info
from ospod_desktop.core.missing_form import aware
from ospod_desktop.core.roles import Action, Entity
from ospod_desktop.services import scope
from ospod_desktop.services.context import UserSession
from ospod_desktop.services.placements import current_labels
from ospod_desktop.storage import child_lists
from ospod_desktop.storage.models import Child
from ospod_desktop.storage.placement_tables import MissingEpisode

LIST_COLUMNS = ("id", "reference", "case_mark", "given_name", "family_name", "original_script_name", "sex", "age",
                "age_range", "date_of_birth", "birth_year", "nationality", "status", "case_status", "found_date",
                "current_facility", "missing_since")
_AGE = ("birth_date", "birth_year", "age_min", "age_max", "found_on")
# The registration fields each column is made of (`id` and `current_facility` are not registration fields): a
# column made of a field withheld from the user's role (`scope.withheld_fields`) is left out of the export.
_SOURCES: dict[str, tuple[str, ...]] = {
    "reference": ("reference",), "case_mark": ("case_mark",), "given_name": ("given_names",),
    "family_name": ("family_names",), "original_script_name": ("original_script_name",), "sex": ("sex",),
    "age": _AGE, "age_range": _AGE, "date_of_birth": ("birth_date",), "birth_year": ("birth_year",),
    "nationality": ("nationalities",), "status": ("status",), "case_status": ("case_status",),
    "found_date": ("found_on",),
}


def list_columns(us: UserSession) -> tuple[str, ...]:
    """The columns of this user's export: `LIST_COLUMNS` without those withheld from the role (a withheld field
    is left out, not written as an empty cell that would read as "none recorded")."""
    withheld = scope.withheld_fields(us)
    return tuple(c for c in LIST_COLUMNS if not withheld.intersection(_SOURCES.get(c, ())))


def iso_utc(value: datetime) -> str:
    """A stored time as ISO 8601 UTC with a "Z", to the second ("2026-12-06T18:30:00Z")."""
    return aware(value).strftime("%Y-%m-%dT%H:%M:%SZ")


def _missing_since(conn: Connection) -> dict[int, str]:
    """Child id -> when the child missing right now was last seen (its open episode: neither returned nor closed)."""
    ep = MissingEpisode
    rows = conn.execute(select(col(ep.child_id), col(ep.last_seen_at)).where(
        col(ep.returned_at).is_(None), col(ep.closed_at).is_(None))).all()
    return {child_id: iso_utc(seen) for child_id, seen in rows}


def case_list_records(us: UserSession, fmt: str = "json", today: date | None = None) -> list[dict]:
    """Every visible, unmerged child as a plain record with the keys of `list_columns(us)`; `age` is the youngest
    the child can be today.

    `current_facility` is where the child lives today: the facility's name, or the setting and the named
    person's relationship for foster care and relatives ("Relatives – uncle"); None when not placed.
    `missing_since` is when a child missing right now was last seen (the open episode's `last_seen_at`, ISO 8601
    UTC "…Z"); None when the child is not missing.
    """
    today = today or scope.today()
    withheld = set(LIST_COLUMNS) - set(list_columns(us))
    cols = (col(Child.id), col(Child.reference), col(Child.case_mark), col(Child.given_names), col(Child.family_names),
            col(Child.original_script_name), col(Child.sex), col(Child.birth_date), col(Child.birth_year),
            col(Child.age_min), col(Child.age_max), col(Child.status), col(Child.case_status), col(Child.found_on))
    with us.read() as session:
        conn = session.connection()
        rows = conn.execute(
            select(*cols).where(and_(scope.visible(us), col(Child.merged_into_id).is_(None))).order_by(col(Child.id))
        ).all()
        places = current_labels(conn, scope.today())
        nationalities = child_lists.read(conn, None, ("nationalities",))
        missing_since = _missing_since(conn)
    out = []
    for r in rows:
        m = r._mapping
        info = age_info(today, m["birth_date"], m["birth_year"], m["age_min"], m["age_max"], m["found_on"])
        out.append({
            "id": m["id"], "reference": m["reference"], "case_mark": m["case_mark"], "given_name": m["given_names"],
            "family_name": m["family_names"], "original_script_name": m["original_script_name"], "sex": m["sex"],
            "age": info.low, "age_range": info.label, "date_of_birth": m["birth_date"].isoformat() if m["birth_date"] else None,
            "birth_year": m["birth_year"],
            "nationality": list(nationalities.get(m["id"], {}).get("nationalities", ())),
            "status": m["status"], "case_status": m["case_status"],
            "found_date": m["found_on"].isoformat() if m["found_on"] else None, "current_facility": places.get(m["id"]),
            "missing_since": missing_since.get(m["id"]),
        })
        for key in withheld:
            out[-1].pop(key, None)
    with us.tx() as tx:
        tx.audit(Action.EXPORT, Entity.CHILD, detail=scope.read_detail(us, f"case_list:{fmt}:{len(out)}"))
    return out
