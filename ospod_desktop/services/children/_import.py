"""Bulk import of a children register from CSV or XLSX, checked against the register and within the file.

Reading (`read_table`, through `services._table_files`, which the placement and visit imports share): an XLSX
workbook's first sheet, or CSV text as Czech Excel and others save it; every row keeps the number a spreadsheet
shows beside it (the header is row 1), and errors name it.

Checking (`check_import`, also the dialog's preview): every row validated as registration validates it; a
reference given twice in the file is an error of the later row. Each valid row is then compared with the register
and with the other rows: a reference already registered (or kept on a child as another agency's reference), and a
likely duplicate by the register dialog's matcher (`find_duplicates`), are reported with the record concerned.

Writing (`import_rows`): all in one transaction, nothing if any row is in the way (unless invalid rows are
skipped). A row whose reference is registered is an error, or with `update_existing` an edit of that child
(history kept, as `update_child` keeps it; empty cells and absent columns leave its values as they are). A likely
duplicate is an error unless `accept_duplicates`; or the officer's choice for the row decides (`RowChoice`:
a new child all the same, skip the row, or the same child — update it, or only link the row's reference to it).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from ospod_desktop.core.child_form import CleanChild
from ospod_desktop.core.errors import DiskWriteFailed, ValidationError
from ospod_desktop.core.roles import Action, Entity
from ospod_desktop.services import _parallel, scope
from ospod_desktop.services._table_files import SourceRow
from ospod_desktop.services.children._import_check import (  # noqa: F401  (the package's API is exported from here)
    MATCHES_PER_ROW,
    ImportCheck,
    MatchKind,
    RowMatch,
    check_against,
    check_import,
    match_text,
    record_text,
)  # fmt: skip
from ospod_desktop.services.children._import_plan import Choice, RowChoice, Step, live_child, plan_rows  # noqa: F401
from ospod_desktop.services.children._import_rows import (
    RowError,
    read_table,
    row_extras,
)  # fmt: skip
from ospod_desktop.services.children._import_write import (
    AuditRow,
    EarlyDue,
    Prepared,
    StagedNew,
    add_ipod,
    after_commit,
    due_inputs_of,
    new_child,
    next_ids,
    prepare_new,
    register_state,
    stage_new,
    start_due,
    write_new,
)  # fmt: skip
from ospod_desktop.services.children._records import apply_update, case_mark_format
from ospod_desktop.services.context import Tx, UserSession
from ospod_desktop.storage import audit, bulk, sealing
from ospod_desktop.storage.rows import saved_id

log = logging.getLogger(__name__)

@dataclass
class ImportResult:
    imported: list[int] = field(default_factory=list)  # new children
    updated: list[int] = field(default_factory=list)  # registered children a row changed
    unchanged: list[int] = field(default_factory=list)  # registered children a row would update, already as it says
    linked: list[int] = field(default_factory=list)  # registered children a row is the same child as (its reference kept)
    children: dict[int, int] = field(default_factory=dict)  # line -> the child it created, updated or linked
    skipped: list[int] = field(default_factory=list)  # lines left out by choice
    errors: list[RowError] = field(default_factory=list)
    matches: list[RowMatch] = field(default_factory=list)  # likely duplicates found (imported if accepted)
    rows: int = 0

    @property
    def written(self) -> list[int]:
        """Every child the import created or may have changed."""
        return [*self.imported, *self.updated, *self.linked]


@dataclass
class _Staged:
    """Everything an import decided before the write transaction: the result so far, the new children as rows
    (`_import_write`), the registered children to update or link, and the register state it read."""

    result: ImportResult
    new: StagedNew
    changes: list[tuple[Step, int, dict[str, date]]]  # (step, registered child's id, the row's dates)
    state: tuple[Any, ...]
    check: ImportCheck  # its likely duplicates may still be being scored (`matches`)
    prepared: Prepared | None = None  # the new children's rows as the write transaction inserts them
    early: EarlyDue | None = None  # their due items, made in the worker process meanwhile

    def abandon(self) -> None:
        """Not written after all (the rows are checked again): the worker's work for it is not wanted."""
        self.check.abandon()
        if self.early is not None:
            self.early.cancel()
        if self.new.texts is not None:
            self.new.texts.cancel()


def _stage(tx: Tx, us: UserSession, rows: Sequence[SourceRow], today: date, update_existing: bool,
           accept_duplicates: bool, choices: Mapping[int, RowChoice]) -> _Staged:
    """Check every row (validation, duplicates in bulk), plan it and prepare its rows; only reads (`tx` may be a
    read session's)."""
    result = ImportResult(rows=len(rows))
    state = register_state(tx.session)
    mark_format = case_mark_format(tx)
    conn = tx.session.connection()
    office_key = sealing.office_key(tx.session.get_bind())
    rows_by_line = {r.line: r for r in rows}
    likely: list[tuple[int, CleanChild, date | None]] = []  # the rows most likely new children
    early: list[EarlyDue | None] = [None]
    staged_likely: list[StagedNew] = []

    def foresee(check: ImportCheck) -> None:
        """Once the rows are validated: those most likely new children (valid, their reference not registered),
        and their due items started in the worker process (while this one matches them)."""
        referenced = {m.line for m in check.matches if m.kind is MatchKind.REFERENCE}
        for line, clean in sorted(check.cleaned.items()):
            if line not in referenced:
                try:
                    likely.append(new_child(line, clean, row_extras(rows_by_line[line].values, today)))
                except ValidationError:
                    continue  # staged after the plan, if it is created (and its error told then)
        early[0] = start_due(conn, due_inputs_of(likely, next_ids(conn)[0]), today)

    def stage_likely(check: ImportCheck) -> None:
        """While the file's pairs are scored: those rows staged already; the plan then keeps those it creates."""
        staged_likely.append(stage_new(likely, tx.actor, conn.dialect, check.keys, office_key))

    # Likely duplicates accepted: they change nothing written, so the rows are written while the worker process
    # scores the file's pairs, and the matches are reported after (`ImportCheck.complete`).
    check = check_against(tx.session, us, rows, today, mark_format, first=foresee, meanwhile=stage_likely,
                          defer_pairs=accept_duplicates)
    try:
        steps, result.skipped, errors = plan_rows(tx, us, check, today, mark_format, update_existing,
                                              accept_duplicates, choices)
        result.errors = sorted([*check.errors, *errors], key=lambda e: e.row)
        new: list[tuple[int, CleanChild, date | None]] = []
        changes: list[tuple[Step, int, dict[str, date]]] = []
        for step in steps:
            extras = row_extras(rows_by_line[step.line].values, today) if step.choice is not Choice.LINK else {}
            row = new_child(step.line, step.clean, extras)  # the register date stored (on an update, in the history)
            if step.choice is Choice.CREATE:
                new.append(row)
            else:
                assert step.child is not None
                changes.append((replace(step, clean=row[1], child=None), saved_id(step.child), extras))
        lines = [line for line, _clean, _ipod in new]
        staged_new = staged_likely[0].only(lines) if staged_likely and staged_likely[0].has(lines) else stage_new(
            new, tx.actor, conn.dialect, check.keys, office_key)
        if check.pending is None:
            staged_new.start_texts()  # the worker is free again: the search texts made there meanwhile
        prepared = prepare_new(staged_new, tx.actor, conn.dialect, *next_ids(conn), "import") if new else None
        if prepared is not None:
            audit.presign(tx.session, prepared.chain)  # their MACs too: under the lock only a check is left
        return _Staged(result, staged_new, changes, state, check, prepared, early[0])
    except BaseException:  # nothing staged: the worker's pairs and due rows are not wanted
        check.abandon()
        if early[0] is not None:
            early[0].cancel()
        raise


def _write(tx: Tx, us: UserSession, staged: _Staged) -> None:
    """Insert the staged children in bulk, update or link the registered ones, and append the audit rows."""
    result = staged.result
    ids = write_new(tx, staged.new, staged.prepared, "import")
    ipods: list[AuditRow] = []
    result.imported = ids
    result.children.update(zip(staged.new.lines, ids, strict=True))
    for step, child_id, extras in staged.changes:
        child = live_child(tx, us, child_id)  # the register is as staged (`register_state`)
        assert child is not None
        changed = apply_update(tx, child, step.clean, detail="import")
        if step.choice is Choice.LINK:
            result.linked.append(child_id)
        else:
            (result.updated if changed else result.unchanged).append(child_id)
        result.children[step.line] = child_id
        ipods += add_ipod(tx, child_id, extras.get("ipod_on"))
    audit.append_bulk(tx.session, ipods)
    tx.audit(Action.CREATE, Entity.CHILD, detail=f"import:{len(result.imported)}")


WARM_FROM_BYTES = 2_000_000  # a file this big (some 20,000 rows) has its duplicates scored with the worker's help
STAGING_ATTEMPTS = 3  # the register changed while the import was checked: check again; the last time, under the lock


def import_rows(us: UserSession, rows: Sequence[SourceRow], skip_invalid: bool = False, today: date | None = None, *,
                update_existing: bool = False, accept_duplicates: bool = False,
                choices: Mapping[int, RowChoice] | None = None) -> ImportResult:
    """Check every row against the register and the other rows, then write them all in one transaction — or
    nothing if any row is in the way, unless `skip_invalid` (then those rows are left out).

    The checks and the rows to insert are prepared before the write transaction, which then holds the write lock
    for the inserts alone (other users keep reading meanwhile, and write as soon as it commits). If another user
    changed the register in between, the rows are checked again."""
    scope.check_can_register(us)
    today = today or scope.today()
    args = (us, rows, today, update_existing, accept_duplicates, choices or {})
    with bulk.gc_paused():  # also while the entries and items are made: 100,000s of rows stay alive until then
        staged = _stage_and_write(us, args, skip_invalid)
        if staged.result.imported:  # their search entries and due items, after the commit (short transactions)
            try:
                after_commit(us, staged.new, staged.result.imported, today, staged.early,
                             worker_busy=staged.check.pending is not None)
            except DiskWriteFailed:  # the import is saved: what is not stored yet is completed at the next login
                log.info("import: the search entries or due items of %d children could not be stored (disk full); "
                         "the next login completes them", len(staged.result.imported))
            except BaseException:
                staged.abandon()
                raise
        # The likely duplicates found (those among the file's rows scored meanwhile, if they were accepted).
        staged.result.matches = [m for m in staged.check.complete().matches if m.kind is not MatchKind.REFERENCE]
    return staged.result


def _before(staged: _Staged | None) -> Callable[[Any], Callable[[], None] | None] | None:
    """`Database.write`'s `before` for the staged rows: copied into TEMP tables (`Prepared.stage`), then the
    worker's pairs not started held back (`ImportCheck.pause`), so the write lock is held with a core to itself."""
    if staged is None:
        return None

    def before(driver: Any) -> Callable[[], None] | None:
        drop = staged.prepared.stage(driver) if staged.prepared is not None else None
        staged.check.pause()
        return drop
    return before


@contextmanager
def _written(staged: _Staged | None) -> Iterator[None]:
    """After the write transaction: the search texts, then the pairs the worker held back (none if it failed)."""
    try:
        yield
    except BaseException:
        if staged is not None:
            staged.abandon()  # nothing written: the worker's work for it is not wanted
        raise
    if staged is not None and not staged.check.abandoned:  # (abandoned: the rows are checked again)
        staged.new.start_texts()
        staged.check.resume()


def _stage_and_write(us: UserSession, args: tuple, skip_invalid: bool) -> _Staged:
    staged: _Staged | None = None
    for attempt in range(STAGING_ATTEMPTS):
        staged = None
        if attempt < STAGING_ATTEMPTS - 1:  # the last time, under the lock
            with us.read() as session:
                staged = _stage(Tx(session, us.actor), *args)
                if staged.result.errors and not skip_invalid:
                    return staged  # nothing written: the write lock was never taken
        # The new rows go to the write connection's TEMP tables first, before the lock (`Prepared.stage`); the pairs
        # still to score wait while the lock is held (`_before`, `_written`).
        with _written(staged), us.tx(before=_before(staged)) as tx:
            tx.session.connection()  # BEGIN IMMEDIATE (waiting for another process's write, if one is running)
            with us.db.holding("import"):  # from here the lock is ours: others waiting for it can say what holds it
                if staged is None:
                    staged = _stage(tx, *args)
                    if staged.result.errors and not skip_invalid:
                        return staged  # nothing written: the transaction holds no change
                elif register_state(tx.session) != staged.state:
                    log.info("import: the register changed while the rows were checked; checking again")
                    staged.abandon()
                    continue
                _write(tx, us, staged)
        break
    assert staged is not None
    return staged


def import_children(us: UserSession, path: Path, skip_invalid: bool = False, today: date | None = None, *,
                    update_existing: bool = False, accept_duplicates: bool = False) -> ImportResult:
    """Read the file and import its rows (`import_rows`)."""
    scope.check_can_register(us)
    try:
        big = path.stat().st_size >= WARM_FROM_BYTES
    except OSError:  # read_table says what is wrong with the path
        big = False
    if big:
        _parallel.warm()  # started while the file is read and checked
    return import_rows(us, read_table(path), skip_invalid, today, update_existing=update_existing,
                       accept_duplicates=accept_duplicates)
