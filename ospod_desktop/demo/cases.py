"""Demo case closures (all fictitious): a case the office no longer works is closed, as an officer closes it on the
child's form (`case_status`, `close_reason`, `closed_on`, a history line per field and an audit row).

The story holds: a child whose last stay in care ended with OSPOD's involvement ending is closed a plausible time
after the end — at once after the 18th birthday, a few weeks after a repatriation, a reunification abroad or a
transfer to another district, months after a return to the family (OSPOD supervises the family for a while), half
a year to a year after a child ran away and never came back. A child never placed (handed over to a parent, moved
on, located abroad) is closed within weeks of being found. What ended recently stays open: the due list shows those
cases and the missing children still searched for. A child in care is never closed. A record of a child registered
again (a near-duplicate the office has not noticed) follows its original: closed with it, or open.

`plan_closures` is pure and deterministic for a seed and a day (its own generator: the other stages' output does
not change with it); `write_closures` updates the children in bulk.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple

from ospod_desktop.core import history as H
from ospod_desktop.core.roles import Action, Entity
from ospod_desktop.demo.data import Dice
from ospod_desktop.demo.placements import ChildFacts, Plan

UPDATE, CHILD = str(Action.UPDATE), str(Entity.CHILD)
AUDIT_DETAIL = "case_close:demo"
# The last placement's end reason -> (close reasons with weights, days from the end to the closure: low, high).
AFTER_END: dict[str, tuple[tuple[tuple[str, int], ...], tuple[int, int]]] = {
    "turned_18": ((("turned_18", 1),), (0, 21)),
    "repatriated": ((("repatriated", 1),), (3, 40)),
    "reunited_abroad": ((("reunited_abroad", 1),), (5, 45)),
    "transfer": ((("transferred", 1),), (7, 30)),  # the last of a chain of transfers: to another district's office
    "other": ((("transferred", 55), ("other", 45)), (10, 60)),  # moved elsewhere, or another ending the note explains
    "absconded": ((("other", 1),), (180, 420)),  # searched for, then closed: located abroad, or never found
}
RETURNED = (("returned_to_family", 1),)
SUPERVISED, SUPERVISED_DAYS, RETURNED_DAYS = 0.35, (90, 270), (7, 60)  # a family supervised for months after a return
# Never placed: handed over to a parent, another office took the case, located abroad or left; closed within weeks.
UNPLACED = (("returned_to_family", 40), ("transferred", 35), ("other", 25))
UNPLACED_DAYS = (3, 45)
UNPLACED_KEPT = 0.08  # never placed and still open: living with a relative, OSPOD supervising (the care stage's guardian)


class Again(NamedTuple):
    """A child registered again: its original's id and its own registration."""

    original: int
    found_on: date
    created_by: int | None
    created_at: datetime | None


@dataclass
class Closures:
    """Children to close (id -> (closed_on, reason, recorded at, by)), their history lines and audit entries."""

    closed: dict[int, tuple[date, str, datetime, int | None]] = field(default_factory=dict)
    history: list[dict] = field(default_factory=list)
    audit: list[tuple] = field(default_factory=list)


def _pick(rng: random.Random, options: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


def _closure(rng: random.Random, c: ChildFacts, stays: list[dict]) -> tuple[date, str] | None:
    """When and why the child's case is closed (None: it stays open)."""
    if not stays:
        if rng.random() < UNPLACED_KEPT:
            return None
        return c.found_on + timedelta(days=rng.randint(*UNPLACED_DAYS)), _pick(rng, UNPLACED)
    last = stays[-1]
    if last["end_date"] is None:
        return None  # in care now
    reason = last["end_reason"]
    if reason == "returned_to_family":
        days = SUPERVISED_DAYS if rng.random() < SUPERVISED else RETURNED_DAYS
        return last["end_date"] + timedelta(days=rng.randint(*days)), _pick(rng, RETURNED)
    reasons, days = AFTER_END.get(reason, AFTER_END["other"])
    return last["end_date"] + timedelta(days=rng.randint(*days)), _pick(rng, reasons)


def plan_closures(children: list[ChildFacts], plan: Plan, seed: int, today: date, now: datetime,
                  roles: dict[int, str] | None = None, again: dict[int, Again] | None = None) -> Closures:
    """The closures of `children` (in id order) after the placements of `plan`; `again`: the id of a child registered
    again -> its original (closed with the original, the same day or a few days after its own registration)."""
    rng, roles = Dice(f"ospod-demo-cases:{seed}"), roles or {}
    stays: dict[int, list[dict]] = {}
    for p in plan.placements:
        stays.setdefault(p["child_id"], []).append(p)
    out = Closures()
    found: dict[int, datetime | None] = {c.id: c.created_at for c in children}
    for c in children:
        closure = _closure(rng, c, sorted(stays.get(c.id, []), key=lambda p: p["start_date"]))
        at = datetime.combine(closure[0], time(rng.randint(8, 16), rng.randint(0, 59)), UTC) if closure else None
        if closure and at and closure[0] < today:
            out.closed[c.id] = (closure[0], closure[1], min(at, now), c.created_by)
    for dup, a in sorted((again or {}).items()):
        if a.original in out.closed and dup not in out.closed:
            day, reason, at, _by = out.closed[a.original]
            late = max(day, a.found_on + timedelta(days=rng.randint(1, 10)))
            if late < today:
                at += timedelta(days=(late - day).days)
                out.closed[dup] = (late, reason, min(at, now), a.created_by)
                found[dup] = a.created_at
    for cid, (day, reason, at, user) in sorted(out.closed.items()):
        registered = found.get(cid)
        if registered is not None and at <= registered:
            at = registered + timedelta(minutes=5)
        out.closed[cid] = (day, reason, at, user)
        for entry in (H.FieldChanged("case_status", "open", "closed"), H.FieldChanged("close_reason", "", reason),
                      H.FieldChanged("closed_on", None, day)):
            fld, old, new = entry.to_row()
            out.history.append({"child_id": cid, "ts": at, "user_id": user, "field": fld, "old_value": old,
                                "new_value": new})
        out.audit.append((user, roles.get(user or 0, ""), UPDATE, CHILD, cid, AUDIT_DETAIL))
    return out


def write_closures(session, closures: Closures, append_audit: Callable) -> int:
    """Close the children of `closures` in bulk, with their history lines and audit rows; returns how many."""
    from ospod_desktop.storage.bulk import insert_rows
    from ospod_desktop.storage.child_tables import ChildHistory
    from ospod_desktop.storage.models import Child
    from ospod_desktop.storage.rows import table_of

    conn = session.connection()
    table = table_of(Child)
    day_of = table.c.closed_on.type._cached_bind_processor(conn.dialect)
    at_of = table.c.updated_at.type._cached_bind_processor(conn.dialect)
    values = [("closed", reason, day_of(day) if day_of else day, at_of(at) if at_of else at, cid)
              for cid, (day, reason, at, _user) in sorted(closures.closed.items())]
    if values:
        conn.exec_driver_sql("UPDATE child SET case_status = ?, close_reason = ?, closed_on = ?, updated_at = ? "
                             "WHERE id = ?", values)
    insert_rows(conn, table_of(ChildHistory), closures.history)
    for start in range(0, len(closures.audit), 20000):
        append_audit(session, closures.audit[start:start + 20000])
    return len(values)


def close_cases(session, seed: int, plan: Plan, children: list[ChildFacts], again: dict[int, int],
                roles: dict[int, str], append_audit: Callable) -> dict[int, tuple[date, str]]:
    """Plan and write the closures of `children` after `plan` (as written); `again`: the id of a child registered
    again -> its original's id. Returns child id -> (closed on, close reason) of the cases closed."""
    from sqlalchemy import text

    from ospod_desktop.core.child_names import as_date

    registered: dict[int, Again] = {}
    if again:
        ids = ", ".join(str(int(i)) for i in sorted(again))
        sql = f"SELECT id, found_on, created_by, created_at FROM child WHERE id IN ({ids})"
        for cid, found, by, at in session.connection().execute(text(sql)):  # raw SQL: ISO text
            registered[cid] = Again(again[cid], as_date(found) or date.min, by,
                                    datetime.fromisoformat(str(at)).replace(tzinfo=UTC) if at else None)
    closures = plan_closures(children, plan, seed, date.today(), datetime.now(UTC), roles, registered)
    write_closures(session, closures, append_audit)
    return {cid: (day, reason) for cid, (day, reason, _at, _by) in closures.closed.items()}
