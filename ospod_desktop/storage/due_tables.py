"""The deadline policy's versions and the materialised due items (revision 0006).

`due_item` holds every open clock of every child as `core.due.due_items` computed it (without the status,
which follows from the day); `due_state` says when and with which policy version each child's items were
computed, and from which day they must be computed again even if no fact changes (a placement starting or
ending, an 18th birthday). Both are derived: they are not exchanged and can be rebuilt from the facts.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from ospod_desktop.storage.columns import updated_field, uuid_field


class DeadlinePolicy(SQLModel, table=True):
    """One version of the deadline policy (the JSON of resources/policy/deadlines.json, edited by an
    administrator). The newest revision is in force; none recorded means the shipped file."""

    __tablename__ = "deadline_policy"

    id: int | None = Field(default=None, primary_key=True)
    revision: int = Field(unique=True)
    data: str  # the policy JSON
    reason: str = ""
    created_at: datetime
    created_by: int | None = Field(default=None, foreign_key="user.id")
    updated_at: datetime = updated_field()
    uuid: str = uuid_field()


class DueItem(SQLModel, table=True):
    """One open clock of a child, as computed (the status is judged when read, from the day)."""

    __tablename__ = "due_item"
    # ix_due_item_list (revision 0007): the due list and its counts read this index, not the rows
    __table_args__ = (Index("ix_due_item_due", "due", "child_id"),
                      Index("ix_due_item_list", "due", "kind", "child_id", "due_at"))

    id: int | None = Field(default=None, primary_key=True)
    child_id: int = Field(foreign_key="child.id", index=True)
    kind: str
    due: date
    due_at: datetime | None = None  # hour clocks (a missing child)
    source_table: str = ""  # placement, child, missing, asylum, information_request…
    source_id: int | None = None
    msgid: str = ""  # the English explanation; params fill it
    params: str = "[]"  # JSON: [[name, value], ...] with dates as ISO strings
    notes: str = "[]"  # JSON: further msgids
    basis: str = ""
    basis_kind: str = ""
    policy_version: int = 0


class DueState(SQLModel, table=True):
    """When a child's due items were computed, with which policy, and from when they are stale."""

    __tablename__ = "due_state"

    child_id: int = Field(foreign_key="child.id", primary_key=True)
    computed_on: date
    refresh_on: date | None = Field(default=None, index=True)  # recompute from this day even with no change
    policy_version: int = 0


class VisitTimeliness(SQLModel, table=True):
    """Revision 0011: every day a child was seen at a visit, measured against the visit clock (derived, like the
    due items, and written with them by `services.due`): the statistics of visits on time read this index alone.
    `prev_day`: the child's previous day seen (a period's children are its rows whose previous day is before it)."""

    __tablename__ = "visit_timeliness"
    __table_args__ = (Index("ix_visit_timeliness_period", "outcome", "day", "visits", "prev_day"),)

    child_id: int = Field(foreign_key="child.id", primary_key=True)
    day: date = Field(primary_key=True)
    visits: int
    outcome: str  # core.stats.visits.OUTCOMES
    prev_day: date | None = None


class ChildStat(SQLModel, table=True):
    """Revision 0012: what the statistics count of a child that does not depend on the period, as one short key
    (derived, like the due items, and written with them by `services.due`; `storage.stat_keys` builds it).
    `reg`: status|sex|channel|age key on the day found|nationalities, so the registered children of a period
    are read from one index (found_on, reg) and counted by key; `sex`, `nats` and `disputed` (an age
    assessment on record, or claimed and documented age differ) for the trafficking stages, read by child id.
    Merged-away children have no row."""

    __tablename__ = "child_stat"
    __table_args__ = (Index("ix_child_stat_period", "found_on", "reg"),)

    child_id: int = Field(foreign_key="child.id", primary_key=True)
    found_on: date | None = None
    reg: str
    sex: str
    nats: str = ""  # the nationality codes joined by ","
    disputed: int = 0
