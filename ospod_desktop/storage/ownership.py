"""What hangs off a row, derived from the foreign keys: deleting a child (or a placement, an episode) with
everything that belongs to it, and moving a merged-away child's rows to the record kept.

A table belongs to its parent through a NOT NULL foreign key: its rows cannot exist without the parent's
(placement -> child, placement_extension -> placement, missing_informed -> missing_episode …). A nullable
foreign key is a reference, not ownership (`placement.previous_id`, `missing_episode.placement_id`,
`child.merged_into_id`): deleting a row that is still referenced fails on the foreign key, which is the safe
outcome. Nothing here names the tables, so a new child-owned table is deleted and merged without editing a list.

A merge moves every table that belongs to the child to the record kept, except where `MERGE_EXCEPTIONS` says
why not. A table whose primary key is its key to the child (one row per child, the photo) moves only when the
kept record has none. Deletions go through the session, so `storage.sync` writes their tombstones.

A nullable foreign key declared `ON DELETE SET NULL` (the disclosure register's `child_id`) is a record about
the child that outlives it: deleting the child sets it NULL (the row stays), and a merge moves it to the record
kept (`followers`).
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import Column, Table, delete, exists, or_, select, update
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, SQLModel

from ospod_desktop.storage import (  # noqa: F401 - every table
    care_tables,
    child_tables,
    document_tables,
    due_tables,
    placement_tables,
    search,
    trafficking_tables,
)

MOVE, STAY, ONE_PER_CHILD, SEARCH_INDEX = "move", "stay", "one_per_child", "search_index"
MERGE_EXCEPTIONS = {
    # Each record keeps its own history; the kept record's page shows the merged one's too.
    "child_history": STAY,
    # A supervisor's decision about that pair of records; the merged one leaves the report anyway.
    "duplicate_dismissal": STAY,
    # The kept record's own values stand; the merged record keeps its own (services.children adds the
    # merged record's names to the kept record's aliases).
    "child_nationality": STAY,
    "child_language": STAY,
    "child_alias": STAY,
    # Written only by storage/search, which re-indexes both records.
    "child_name_key": SEARCH_INDEX,
    # Derived from the facts (services.due): the merge's transaction recomputes the kept record's items and
    # removes the merged one's (a record merged away has none).
    "due_item": STAY,
    "due_state": STAY,
    "visit_timeliness": STAY,
    "child_stat": STAY,
}
INDEX_TABLES = frozenset(t for t, rule in MERGE_EXCEPTIONS.items() if rule == SEARCH_INDEX)


def _tables() -> dict[str, Table]:
    return dict(SQLModel.metadata.tables)


def _target(table: Table):
    """The model mapped to `table` (so the session's loaded objects follow the statement), else the table."""
    for mapper in SQLModel._sa_registry.mappers:
        if mapper.local_table is table:
            return mapper.class_
    return table


def owned_by(parent: Table) -> list[tuple[Table, list[tuple[Column, Column]]]]:
    """Tables whose rows belong to `parent`'s rows, with their (foreign key, parent column) pairs."""
    out = []
    for table in _tables().values():
        if table is parent:
            continue  # a table's reference to itself (placement.previous_id) is never ownership
        pairs = [(fk.parent, fk.column) for fk in table.foreign_keys
                 if fk.column.table is parent and not fk.parent.nullable]
        if pairs:
            out.append((table, pairs))
    return _referrers_first(sorted(out, key=lambda item: item[0].name))


def _referrers_first(items: list[tuple[Table, list]]) -> list[tuple[Table, list]]:
    """`items` in name order, except that a table referring to a sibling (victim_event.assessment_id to
    trafficking_assessment, missing_episode.placement_id to placement) comes before it: its rows are deleted first,
    so the sibling's rows are no longer referenced when their turn comes."""
    out: list[tuple[Table, list]] = []
    seen: set[str] = set()

    def visit(item: tuple[Table, list]) -> None:
        if item[0].name in seen:
            return
        seen.add(item[0].name)
        for other in items:
            if any(fk.column.table is item[0] for fk in other[0].foreign_keys) and other[0] is not item[0]:
                visit(other)
        out.append(item)

    for item in items:
        visit(item)
    return out


def followers(parent: Table) -> list[tuple[Table, Column]]:
    """Nullable foreign keys to `parent` declared ON DELETE SET NULL: rows that keep existing without it."""
    out = []
    for table in sorted(_tables().values(), key=lambda t: t.name):
        if table is parent:
            continue
        out += [(table, fk.parent) for fk in table.foreign_keys if fk.column.table is parent and fk.parent.nullable
                and (fk.ondelete or "").upper() == "SET NULL"]
    return out


def _release(session: Session, parent: Table, where: ColumnElement[bool]) -> None:
    """Set NULL the ON DELETE SET NULL references to the rows of `parent` matching `where` (through the session,
    so `storage.sync` keeps their updated_at current)."""
    for table, fk in followers(parent):
        ref = next(iter(fk.foreign_keys)).column
        session.execute(update(_target(table)).where(fk.in_(select(ref).where(where))).values({fk.name: None}),
                        execution_options={"synchronize_session": "fetch"})


def hanging_off(parent: Table) -> list[str]:
    """Every table below `parent`, depth first (children before their own children)."""
    names: list[str] = []
    for table, _pairs in owned_by(parent):
        if table.name not in names:
            names.append(table.name)
            names += [n for n in hanging_off(table) if n not in names]
    return names


def merge_rules() -> dict[str, str]:
    """What a merge does with each table that belongs to a child: MOVE, STAY, ONE_PER_CHILD or SEARCH_INDEX."""
    child = _tables()["child"]
    rules = {}
    for table, pairs in owned_by(child):
        one_per_child = {c.name for c in table.primary_key.columns} == {fk.name for fk, _ref in pairs}
        rules[table.name] = MERGE_EXCEPTIONS.get(table.name, ONE_PER_CHILD if one_per_child else MOVE)
    return rules


def delete_tree(session: Session, table: Table, where: ColumnElement[bool],
                skip: Collection[str] = INDEX_TABLES) -> dict[str, int]:
    """Delete the rows of `table` matching `where`, after every row that belongs to them; returns counts by table.

    Tables in `skip` are left to their own writer (the search index: call `search.remove` first).
    """
    counts: dict[str, int] = {}
    for owned, pairs in owned_by(table):
        if owned.name in skip:
            continue
        below = or_(*(fk.in_(select(ref).where(where)) for fk, ref in pairs))
        for name, n in delete_tree(session, owned, below, skip).items():
            counts[name] = counts.get(name, 0) + n
    _release(session, table, where)
    result = session.execute(delete(_target(table)).where(where), execution_options={"synchronize_session": "fetch"})
    counts[table.name] = counts.get(table.name, 0) + result.rowcount  # type: ignore[attr-defined]
    return counts


def delete_child(session: Session, child_id: int) -> dict[str, int]:
    """Delete a child and everything that belongs to it, its search entry included; returns counts by table."""
    search.remove(session.connection(), [child_id])
    child = _tables()["child"]
    return delete_tree(session, child, child.c.id == child_id)


def move_child_rows(session: Session, from_id: int, to_id: int) -> dict[str, int]:
    """A merge: move the rows that belong to child `from_id` to child `to_id` (by `merge_rules`); returns counts."""
    child = _tables()["child"]
    moved: dict[str, int] = {}
    rules = merge_rules()
    for table, pairs in owned_by(child):
        rule = rules[table.name]
        if rule not in (MOVE, ONE_PER_CHILD):
            continue
        for fk, _ref in pairs:
            stmt = update(_target(table)).where(fk == from_id).values({fk.name: to_id})
            if rule == ONE_PER_CHILD:
                other = table.alias()
                stmt = stmt.where(~exists().where(other.c[fk.name] == to_id))
            result = session.execute(stmt, execution_options={"synchronize_session": "fetch"})
            moved[table.name] = moved.get(table.name, 0) + result.rowcount  # type: ignore[attr-defined]
    for table, fk in followers(child):
        result = session.execute(update(_target(table)).where(fk == from_id).values({fk.name: to_id}),
                                 execution_options={"synchronize_session": "fetch"})
        moved[table.name] = moved.get(table.name, 0) + result.rowcount  # type: ignore[attr-defined]
    return moved
