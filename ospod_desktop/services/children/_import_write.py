"""Writing an import's new children in bulk: everything computed before the write transaction (`stage_new`, then
`prepare_new`: every row as the driver's plain values, the audit rows hashed and signed), copied into the write
connection's TEMP tables before the lock (`Prepared.stage`, `storage.bulk.stage_in_temp`), then moved with one
INSERT … SELECT per table inside it (`write_new`), so the write lock is held for the moves alone — not for reading,
validating, matching, hashing, binding or indexing.

A staged child is what `_records.insert_child` stores for one registration: the child row (with its sort key),
its list rows, identifiers and family rows, the search entry, the "registered" history line and the audit row;
and an IPOD the row gives, with its history line and audit row. Ids are read before the transaction (the largest
stored + 1, `storage.bulk.next_id`) and the rows made with them; under the lock, other ids (another process wrote
meanwhile) make them again there, and an audit chain that moved chains the prepared audit rows again
(`storage.audit.insert_prepared`).

After the commit (`after_commit`), in short transactions of their own: the search entries (`_import_index`; for a
big import their texts made in the worker process while this one writes the rows; the database is marked until
they are all written, `storage.search.mark_pending`, and the next login completes what a stopped process left)
and the due items (from the rows, `services.due.refresh_new`; a child without them is computed on the fly until
then; for a big import made in the worker process as soon as the rows are validated, `start_due`).

`register_state` is what the staging read of the register depends on; the write transaction compares it with the
state it finds, so a register that changed in between is checked again instead of written over.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlmodel import col

from ospod_desktop.core import history as H
from ospod_desktop.core.child_form import ChildForm, CleanChild, IdentifierInput
from ospod_desktop.core.field_labels import child_error
from ospod_desktop.core.i18n import _
from ospod_desktop.core.roles import Action, Entity, Role
from ospod_desktop.services.children import _import_index as _index
from ospod_desktop.services.children._duplicates import LINKED_REFERENCE_KIND
from ospod_desktop.services.children._import_index import write_index
from ospod_desktop.services.children._import_rows import companion_fields
from ospod_desktop.services.context import Actor, Tx, UserSession, history_rows
from ospod_desktop.storage import audit, bulk, child_lists, search
from ospod_desktop.storage.care_tables import Ipod
from ospod_desktop.storage.child_tables import ChildHistory, ChildIdentifier, FamilyContact
from ospod_desktop.storage.models import AuditEntry, Child, User
from ospod_desktop.storage.rows import table_of

log = logging.getLogger(__name__)

LIST_FIELDS = tuple(child_lists.FIELDS)
_SERVER_FILLED = ("id", "uuid")  # the row's id is given in the transaction; the uuid by storage.bulk


def _defaults() -> dict[str, Any]:
    """Every column of a child row at the model's default (what `Child(**values)` fills in)."""
    template = Child(created_at=datetime.now(UTC)).model_dump()
    return {k: v for k, v in template.items() if k not in _SERVER_FILLED}


AuditRow = tuple[int | None, str, str, str, int | None, str]


@dataclass
class StagedNew:
    """New children ready to insert, in line order (index n: the n-th new child)."""

    lines: list[int] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)  # child rows without an id
    lists: list[dict[str, tuple[str, ...]]] = field(default_factory=list)
    identifiers: list[list[dict[str, Any]]] = field(default_factory=list)
    family: list[list[dict[str, Any]]] = field(default_factory=list)
    entries: list[search.Entry] = field(default_factory=list)  # child_id 0 until the ids are known
    columns: list[str] = field(default_factory=list)  # the child rows as driver values (`storage.bulk.prepare`),
    values: list[tuple] = field(default_factory=list)  # id first (0 until it is known)
    ipods: list[date | None] = field(default_factory=list)
    officers: set[int] = field(default_factory=set)  # responsible officers the rows name (checked at the write)
    office_key: bytes | None = None  # the session's office key: sealed columns sealed (`storage.sealing`)
    pending: list[_index.IndexInput] = field(default_factory=list)  # each entry's text to make (if it has none)
    texts: Future | None = None  # those texts, being made in the worker process (`_import_index.start_texts`)

    def has(self, lines: list[int]) -> bool:
        """Every one of these rows is staged here."""
        return set(lines) <= set(self.lines)

    def only(self, lines: list[int]) -> StagedNew:
        """These rows alone (staged here), in this order: the rows staged before the plan, less those it does not
        create."""
        if lines == self.lines:
            return self
        at = {line: n for n, line in enumerate(self.lines)}
        picks = [at[line] for line in lines]

        def pick(items: list) -> list:
            return [items[n] for n in picks]
        rows = pick(self.rows)
        return StagedNew(list(lines), rows, pick(self.lists), pick(self.identifiers), pick(self.family),
                         pick(self.entries), self.columns, pick(self.values), pick(self.ipods),
                         {r["responsible_officer_id"] for r in rows if r.get("responsible_officer_id") is not None},
                         self.office_key, pick(self.pending) if self.pending else [])

    def start_texts(self) -> None:
        """The entries' texts started in the worker process (if they were left for it; once)."""
        if self.texts is None:
            self.texts = _index.start_texts(self.pending)


def new_child(line: int, clean: CleanChild, extras: dict[str, date]) -> tuple[int, CleanChild, date | None]:
    """A row's validated child with its register date stored as a field is, and its latest IPOD beside (a new
    child as `stage_new` takes it)."""
    if "registered_on" in extras:
        clean = replace(clean, values={**clean.values, "registered_on": extras["registered_on"]})
    return line, clean, extras.get("ipod_on")


def stage_new(cleaned: list[tuple[int, CleanChild, date | None]], actor: Actor | None, dialect: Any,
              keys: Mapping[int, frozenset[str]] | None = None, office_key: bytes | None = None) -> StagedNew:
    """(line, validated child, latest IPOD day) of each new child, as rows to insert (`dialect`: the database's,
    whose driver values they become; `keys`: the rows' blocking keys by line, as the checks computed them): no
    database access. Many children with keys known: their search texts are left for the worker process
    (`_import_index.start_texts`)."""
    texts_later = keys is not None and _index.texts_elsewhere(len(cleaned)) and all(line in keys for line, _c, _d in cleaned)
    now = datetime.now(UTC)
    defaults = _defaults()
    by = actor.user_id if actor else None
    staged = StagedNew(office_key=office_key)
    for line, clean, ipod_on in cleaned:
        values = {k: v for k, v in clean.values.items() if k not in LIST_FIELDS}
        row = {"id": 0, **defaults, **values, "created_at": now, "created_by": by, "updated_at": now}
        lists = {k: child_lists.split(k, clean.values[k]) for k in LIST_FIELDS}
        row["sort_name"] = search.sort_key(row)
        numbers = [i["number"] for i in clean.identifiers]
        found = keys.get(line) if keys else None
        if texts_later and found is not None:  # the text made by the worker process (`_import_index`)
            entry = search.Entry(0, "", tuple(sorted(found)))
            staged.pending.append(_index.index_input({**row, **lists}, numbers))
        else:
            entry = search.entry({**row, "id": 0, **lists}, numbers, found)
        if values.get("responsible_officer_id") is not None:
            staged.officers.add(values["responsible_officer_id"])
        staged.lines.append(line)
        staged.rows.append(row)
        staged.lists.append(lists)
        staged.identifiers.append(list(clean.identifiers))
        staged.family.append(list(clean.family))
        staged.entries.append(entry)
        staged.ipods.append(ipod_on)
    staged.columns, staged.values = bulk.prepare(dialect, table_of(Child), staged.rows, office_key)
    assert not staged.columns or staged.columns[0] == "id"
    return staged


def _check_officers(tx: Tx, officers: set[int]) -> None:
    """As `_records._check_officer`, once for all the rows."""
    if not officers:
        return
    active = set(tx.session.execute(select(col(User.id)).where(
        col(User.id).in_(sorted(officers)), col(User.disabled).is_(False),
        col(User.role).in_([Role.OFFICER, Role.SUPERVISOR]))).scalars())
    if officers - active:
        raise child_error("responsible_officer_id", _("choose an active officer or supervisor."))


DUE_ELSEWHERE = 20_000  # from this many new children their due rows are made in the worker process
_DUE_FIELDS = ("birth_date", "birth_year", "found_on", "registered_on", "status", "case_status")


NewChild = tuple[int, dict[str, Any], tuple[date, ...]]  # what `services.due.refresh_new` reads of a new child


def _due_inputs(staged: StagedNew, ids: list[int]) -> list[NewChild]:
    """What `services.due.refresh_new` reads of each new child: its id, the row's dates and codes, its IPOD day."""
    return [(cid, {k: row[k] for k in _DUE_FIELDS}, (day,) if day else ())
            for cid, row, day in zip(ids, staged.rows, staged.ipods, strict=True)]


@dataclass
class Prepared:
    """Everything the write transaction inserts for the new children, as the driver's values, made before it with
    the ids it expects (`first_child`, `first_ipod`: the next ids read before it; the audit rows chained after the
    head read then). Under the lock, other ids mean another process wrote meanwhile: they are made again there."""

    first_child: int
    first_ipod: int
    statements: list[tuple[str, list[tuple]]]  # (INSERT …, rows), in order
    chain: audit.PreparedChain  # each child's audit row, then each IPOD's
    ids: list[int]
    temp: bulk.TempStaged | None = None  # the statements' rows (then the signed audit rows) in TEMP tables

    def stage(self, driver: Any) -> Callable[[], None]:
        """`Database.write`'s `before`: the rows copied into the connection's TEMP tables, before the lock (the
        audit rows too if they were signed, `audit.presign`); returns what drops them after the transaction."""
        signed = self.chain.signed
        temp = bulk.stage_in_temp(driver, [*self.statements, *([(signed.sql, signed.rows)] if signed else [])])
        self.temp = temp

        def drop() -> None:
            self.temp = None
            bulk.drop_temp(driver, temp)
        return drop


def _insert_sql(table: str, names: list[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"


def _statement(dialect: Any, table: Any, rows: list[dict[str, Any]],
               office_key: bytes | None = None) -> list[tuple[str, list[tuple]]]:
    if not rows:
        return []
    names, values = bulk.prepare(dialect, table, rows, office_key)
    return [(_insert_sql(table.name, names), values)]


def prepare_new(staged: StagedNew, actor: Actor | None, dialect: Any, first_child: int, first_ipod: int,
                audit_head: tuple[int, str], detail: str) -> Prepared:
    """The rows of `staged`'s children, lists, identifiers, family, IPODs and history lines and their audit rows
    (hashed), with ids from `first_child` and `first_ipod`: no database access."""
    ids = list(range(first_child, first_child + len(staged.rows)))
    user_id, role = (actor.user_id, str(actor.role)) if actor else (None, "")
    statements = [(_insert_sql(table_of(Child).name, staged.columns),
                   [(cid, *v[1:]) for cid, v in zip(ids, staged.values, strict=True)])]
    statements += child_lists.fresh_rows(dict(zip(ids, staged.lists, strict=True)), stamped=True)
    statements += _statement(dialect, table_of(ChildIdentifier), [
        {**r, "child_id": cid} for cid, rows in zip(ids, staged.identifiers, strict=True) for r in rows])
    statements += _statement(dialect, table_of(FamilyContact), [
        {**r, "child_id": cid} for cid, rows in zip(ids, staged.family, strict=True) for r in rows],
        staged.office_key)
    history: list[tuple[int, H.HistoryItem]] = [(cid, H.Registered(detail)) for cid in ids]
    entries: list[AuditRow] = [(user_id, role, Action.CREATE, Entity.CHILD, cid, detail) for cid in ids]
    planned = [(cid, day) for cid, day in zip(ids, staged.ipods, strict=True) if day is not None]
    if planned:
        now = datetime.now(UTC)
        ipod_ids = list(range(first_ipod, first_ipod + len(planned)))
        statements += _statement(dialect, table_of(Ipod), [
            {"id": iid, "child_id": cid, "drawn_up_on": day, "note": "", "created_at": now, "created_by": user_id,
             "updated_at": now} for iid, (cid, day) in zip(ipod_ids, planned, strict=True)], staged.office_key)
        history += [(cid, H.CareRecorded("ipod", "recorded", H.CareSummary(day))) for cid, day in planned]
        entries += [(user_id, role, Action.UPDATE, Entity.CHILD, cid, f"ipod_import:{iid}")
                    for iid, (cid, _day) in zip(ipod_ids, planned, strict=True)]
    statements += _statement(dialect, table_of(ChildHistory), history_rows(actor, history), staged.office_key)
    return Prepared(first_child, first_ipod, statements, audit.prepare_bulk(audit_head, entries), ids)


def next_ids(conn: Any) -> tuple[int, int, tuple[int, str]]:
    """The next child id, the next IPOD id and the audit chain's head, as `prepare_new` takes them."""
    head = conn.execute(select(col(AuditEntry.id), col(AuditEntry.hash)).order_by(col(AuditEntry.id).desc())
                        .limit(1)).first()
    return (bulk.next_id(conn, table_of(Child)), bulk.next_id(conn, table_of(Ipod)),
            (int(head[0]), str(head[1])) if head else (0, audit.GENESIS))


def write_new(tx: Tx, staged: StagedNew, prepared: Prepared | None, detail: str) -> list[int]:
    """Insert the staged children (inside the write transaction): the rows `prepared` before it, made again here
    only if the ids moved meanwhile; returns the children's ids in line order. Their search entries are written
    after the commit (`write_index`): the database is marked until then (`search.mark_pending`)."""
    if not staged.rows:
        return []
    _check_officers(tx, staged.officers)
    conn = tx.session.connection()
    first_child, first_ipod, head = next_ids(conn)
    if prepared is None or (prepared.first_child, prepared.first_ipod) != (first_child, first_ipod):
        prepared = prepare_new(staged, tx.actor, conn.dialect, first_child, first_ipod, head, detail)
    temp = prepared.temp
    if temp is not None:  # copied into TEMP tables before the lock: moved by SQLite alone
        for move in temp.moves[:len(prepared.statements)]:
            conn.exec_driver_sql(move)
        audit_move = temp.moves[len(prepared.statements)] if len(temp.moves) > len(prepared.statements) else None
        audit.insert_prepared(tx.session, prepared.chain, staged_move=audit_move)  # signed again only if it moved
    else:
        driver = conn.connection.driver_connection
        assert driver is not None
        cursor = driver.cursor()  # plain tuples straight to the driver
        try:
            for sql, rows in prepared.statements:
                cursor.executemany(sql, rows)
            audit.insert_prepared(tx.session, prepared.chain, cursor)  # chained again only if the chain moved
        finally:
            cursor.close()
    search.mark_pending(conn)
    return prepared.ids


def due_inputs_of(new: list[tuple[int, CleanChild, date | None]], first_id: int) -> list[NewChild]:
    """What `_due_inputs` will give for these rows to create (as `stage_new` takes them), if their ids start at
    `first_id`: known as soon as the rows are validated, before they are staged."""
    defaults = _defaults()
    return [(cid, {k: clean.values.get(k, defaults.get(k)) for k in _DUE_FIELDS}, (day,) if day else ())
            for cid, (_line, clean, day) in enumerate(new, start=first_id)]


def _due_elsewhere(children: int) -> bool:
    from ospod_desktop.services import _parallel

    return children >= DUE_ELSEWHERE and _parallel.available()


@dataclass
class EarlyDue:
    """The due rows of the children an import will most likely create, started in the worker process as soon as
    the rows are validated (while this process matches them): used after the commit if the children created are
    these (`inputs`), else made again."""

    inputs: list[NewChild]
    made: Future | None

    def cancel(self) -> None:
        """Not wanted any more (the import failed, or checks its rows again)."""
        if self.made is not None:
            self.made.cancel()


def start_due(conn: Any, inputs: list[NewChild], day: date) -> EarlyDue | None:
    """The rows' due items started in the worker process (`services.due.fresh_batches`); None for a small import
    or without a worker. `conn`: a connection to read the policy in use from."""
    from ospod_desktop.services import _parallel, due

    if not _due_elsewhere(len(inputs)):
        return None
    made = _parallel.run_elsewhere(due.fresh_batches, inputs, day, due.policy_in_use(conn))
    return EarlyDue(inputs, made) if made is not None else None


def after_commit(us: UserSession, staged: StagedNew, ids: list[int], day: date, early: EarlyDue | None = None,
                 worker_busy: bool = False) -> None:
    """The new children's search entries (`write_index`; a failure leaves the database marked, and the next login
    writes them: the children are in) and due items as of `day` (from their rows, `services.due.refresh_new`;
    those made in the worker process meanwhile, `early`, if they are these children's; else made there again, unless
    it is still `worker_busy` scoring pairs)."""
    from ospod_desktop.services import _parallel, due

    inputs = _due_inputs(staged, ids)
    if early is not None and early.inputs != inputs:
        early = None  # other children were created than foreseen
    started_now = early is None and not worker_busy and _due_elsewhere(len(inputs))
    if started_now:
        with us.read() as session:
            early = start_due(session.connection(), inputs, day)

    def due_items() -> None:
        made = _parallel.result_or_none(early.made) if early is not None and early.made is not None else None
        due.refresh_new(us, inputs, day, made)

    if not started_now:
        due_items()  # first: the worker makes the search texts meanwhile
    try:
        with us.db.holding("import"):  # a login meanwhile leaves the entries to this process
            write_index(us.db, _index.completed(staged.entries, staged.pending, staged.texts), ids)
    except Exception as exc:  # no traceback: a driver's error text can carry the rows' values (names)
        log.warning("import: search entries not written after the commit (%s); the next login writes them",
                    type(exc).__name__)
    if started_now:
        due_items()  # made by the worker while the entries were written here


def register_state(session) -> tuple[Any, ...]:
    """What the import's checks read of the register, in a few numbers: the children (how many, the last id, the
    latest change) and the references kept as identifiers. Equal states: nothing the checks saw has changed."""
    children = session.execute(select(func.count(), func.max(col(Child.id)), func.max(col(Child.updated_at))).select_from(Child)).one()
    identifiers = session.execute(select(func.count(), func.max(col(ChildIdentifier.id))).select_from(ChildIdentifier)).one()
    return (*children, *identifiers)


# --- registered children a row updates -------------------------------------------------------------------------


def updated_form(current: ChildForm, cells: dict[str, Any], link_only: bool) -> ChildForm:
    """The registered child's form with the row applied: its filled cells (or, linking, only its reference).
    A reference is never replaced: a different one is kept beside it as another agency's reference."""
    reference = cells.pop("reference", "")
    changes = {} if link_only else dict(cells)
    if not link_only and "birth_year" in cells and "birth_date" not in cells and current.birth_date \
            and current.birth_date.year != cells["birth_year"]:
        raise child_error("birth_year", _("the registered date of birth is {date}; give the date of birth to change "
                                          "it.").format(date=current.birth_date.isoformat()))
    if not link_only and changes.get("status") == "separated" and not (current.companion_name
                                                                       or current.companion_relationship):
        changes.update(companion_fields("separated"))
    if reference and not current.reference:
        changes["reference"] = reference
    elif reference and reference != current.reference and not any(
            i.kind == LINKED_REFERENCE_KIND and i.number == reference for i in current.identifiers):
        changes["identifiers"] = (*current.identifiers, IdentifierInput(LINKED_REFERENCE_KIND, reference))
    return replace(current, **changes)


def add_ipod(tx: Tx, child_id: int, day: date | None) -> list[AuditRow]:
    """A row's latest IPOD as an `Ipod` row (unless one of that day is recorded); the audit row of the one added."""
    if day is None or tx.session.execute(select(col(Ipod.id)).where(col(Ipod.child_id) == child_id,
                                                                 col(Ipod.drawn_up_on) == day)).first():
        return []
    ipod = Ipod(child_id=child_id, drawn_up_on=day, created_at=datetime.now(UTC),
                created_by=tx.actor.user_id if tx.actor else None)
    tx.session.add(ipod)
    tx.session.flush()
    tx.history(child_id, H.CareRecorded("ipod", "recorded", H.CareSummary(day)))
    actor = tx.actor
    return [(actor.user_id if actor else None, str(actor.role) if actor else "", Action.UPDATE, Entity.CHILD, child_id,
             f"ipod_import:{ipod.id}")]
