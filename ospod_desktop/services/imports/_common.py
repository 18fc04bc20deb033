"""What the placement and visit imports share: the result, the row's child by its reference, cells read with
errors naming the column, codes typed as codes or as their labels, and the all-or-nothing run.

A run checks every row in one write transaction: each row is checked whole before anything of it is written (a
row in the way writes nothing), so a later row is checked against the earlier rows of the file as if they were
already recorded (an overlap, a visit given twice). Any error — or a dry run — rolls the transaction back: nothing
is saved, unless `skip_invalid` (then only the rows in the way are left out). Every record added gets an audit
row (bulk, `storage.audit.append_bulk`) and a typed line in its child's history.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.i18n import _, every_translation
from ospod_desktop.core.import_cells import cell_problem
from ospod_desktop.core.roles import Action, Entity
from ospod_desktop.services import children, scope
from ospod_desktop.services._table_files import SourceRow, blank, header_key, parse_day, parse_flag, parse_moment
from ospod_desktop.services.context import Tx, UserSession
from ospod_desktop.storage import audit

RowError = children.RowError


@dataclass
class ImportResult:
    """What an import of placements or visits did: the records added (ids), the child of each row, the errors.

    `saved` is False when nothing was written: a row in the way (without `skip_invalid`) or a dry run; `added`
    then counts the rows that would have been added."""

    rows: int = 0
    imported: list[int] = field(default_factory=list)  # the records added (placements or visits)
    children: dict[int, int] = field(default_factory=dict)  # line -> the child of the record it added
    skipped: list[int] = field(default_factory=list)  # lines left out (in the way, with `skip_invalid`)
    errors: list[RowError] = field(default_factory=list)
    saved: bool = False

    @property
    def added(self) -> int:
        return len(self.children)


class Columns:
    """An import's columns: their accepted header names, and the label each is named by in errors."""

    def __init__(self, aliases: Mapping[str, Sequence[str]], labels: Callable[[str], str],
                 field_columns: Mapping[str, str]) -> None:
        self.aliases = aliases
        self.canonical = tuple(aliases)
        self.label = labels
        self.field_columns = field_columns  # a form field -> the column it comes from (where the names differ)

    def fail(self, column: str, problem: str) -> ValidationError:
        """A ValidationError on a column: its message starts with the column's label."""
        return ValidationError(column, _("{field}: {problem}").format(field=self.label(column), problem=problem))

    def row_error(self, line: int, exc: ValidationError, form_label: Callable[[str], str]) -> RowError:
        """A form's or a cell's error as the row's, by the column (a form field's label replaced by the column's)."""
        name = exc.field or ""
        column = self.field_columns.get(name, name)
        if column not in self.aliases:
            return RowError(line, column, exc.message)
        problem = exc.message
        for label in (form_label(name), self.label(column)):
            problem = problem.removeprefix(f"{label}: ")
        return RowError(line, column, _("{field}: {problem}").format(field=self.label(column), problem=problem))

    # --- cells -----------------------------------------------------------------------------------------------

    def cell(self, row: Mapping[str, Any], column: str, flag: bool = False) -> Any:
        """A cell's value; a cell no column can read (`core.import_cells`: a formula without a value, a yes/no cell
        where a yes/no is not expected) raises the column's error."""
        value = row.get(column)
        if (problem := cell_problem(value, flag)) is not None:
            raise self.fail(column, problem)
        return value

    def text(self, row: Mapping[str, Any], column: str) -> str:
        value = self.cell(row, column)
        return "" if blank(value) else str(value).strip()

    def day(self, row: Mapping[str, Any], column: str, required: bool = False) -> date | None:
        try:
            day = parse_day(self.cell(row, column))
        except ValueError:
            raise self.fail(column, _("use a date such as 14.3.2010 or 2010-03-14.")) from None
        if day is None and required:
            raise self.fail(column, _("this field is required."))
        return day

    def moment(self, row: Mapping[str, Any], column: str) -> tuple[date, time | None]:
        try:
            found = parse_moment(self.cell(row, column))
        except ValueError:
            raise self.fail(column, _("use a date such as 14.3.2026, or a date and time such as 14.3.2026 10:30."
                                      )) from None
        if found is None:
            raise self.fail(column, _("this field is required."))
        return found

    def flag(self, row: Mapping[str, Any], column: str, required: bool = False) -> bool | None:
        try:
            value = parse_flag(self.cell(row, column, flag=True))
        except ValueError:
            raise self.fail(column, _("use 1 (yes) or 0 (no).")) from None
        if value is None and required:
            raise self.fail(column, _("this field is required."))
        return value

    def code(self, row: Mapping[str, Any], column: str, codes: Mapping[str, str], required: bool = False,
             words: Mapping[str, str] | None = None) -> str:
        """A cell naming one of `codes` (code -> untranslated label): by its code, by its label in any language
        of the app, or by one of `words` (folded word -> code); "" when blank and not required."""
        text = self.text(row, column)
        if not text:
            if required:
                raise self.fail(column, _("this field is required."))
            return ""
        key = header_key(text)
        found = (words or {}).get(key) or code_lookup(tuple(codes.items())).get(key)
        if found is None:
            raise self.fail(column, _("use one of: {codes}.").format(codes=", ".join(codes)))
        return found


@functools.lru_cache(maxsize=64)
def code_lookup(codes: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Folded code or label (in every language) -> code, for (code, untranslated label) pairs."""
    out: dict[str, str] = {}
    for code, label in codes:
        for name in (code, *every_translation(label)):
            out.setdefault(header_key(name), code)
    return out


# --- the row's child ---------------------------------------------------------------------------------------------


def children_of_rows(tx: Tx, us: UserSession, rows: Sequence[SourceRow], columns: Columns, today: date,
                     ) -> tuple[dict[int, int], list[RowError]]:
    """Each row's child by `child_reference` (its own reference, or one kept as another agency's); a reference
    that names no child the user may see, or several, is the row's error."""
    references: dict[int, str] = {}
    errors = []
    for r in rows:
        try:
            references[r.line] = columns.text(r.values, "child_reference")
        except ValidationError as exc:  # a cell no column can read (a formula without a value, a yes/no cell)
            errors.append(RowError(r.line, "child_reference", exc.message))
    found = children.children_by_reference(tx.session, us, {ref for ref in references.values() if ref}, today)
    out: dict[int, int] = {}
    for line, ref in references.items():
        holders = found.get(ref, []) if ref else []
        if not ref:
            errors.append(RowError(line, "child_reference", columns.fail("child_reference", _(
                "this field is required.")).message))
        elif not holders:
            errors.append(RowError(line, "child_reference", columns.fail("child_reference", _(
                "no registered child has this reference; import the children first.")).message))
        elif len(holders) > 1:
            errors.append(RowError(line, "child_reference", columns.fail("child_reference", _(
                "several registered children have this reference (records no. {ids}); merge the duplicates "
                "first.").format(ids=", ".join(str(c.child_id) for c in holders))).message))
        else:
            out[line] = holders[0].child_id
    return out, errors


# --- the run -----------------------------------------------------------------------------------------------------

AuditRow = tuple[int | None, str, str, str, int | None, str]
# Adds one row's record (checked whole first; raises a field-named ValidationError and writes nothing then):
# (tx, us, row, child id, today) -> the new record's id.
RowWriter = Callable[[Tx, UserSession, SourceRow, int, date], int]


class _Rollback(Exception):
    """Leaves the transaction without saving (a row in the way, or a dry run)."""


def run_import(us: UserSession, rows: Sequence[SourceRow], columns: Columns, write: RowWriter,
               form_label: Callable[[str], str], what: str, *, skip_invalid: bool = False, dry_run: bool = False,
               today: date | None = None) -> ImportResult:
    """Check and add every row in one transaction; nothing is saved if a row is in the way (unless
    `skip_invalid`) or on a dry run. `what` names the records in the audit ("placement", "visit")."""
    scope.check_can_register(us)
    today = today or scope.today()
    result = ImportResult(rows=len(rows))
    try:
        with us.tx() as tx:
            child_of, result.errors = children_of_rows(tx, us, rows, columns, today)
            actor = tx.actor
            who = (actor.user_id if actor else None, str(actor.role) if actor else "")
            bulk: list[AuditRow] = []
            for row in rows:
                if row.line not in child_of:
                    continue
                try:
                    record_id = write(tx, us, row, child_of[row.line], today)
                except ValidationError as exc:
                    result.errors.append(columns.row_error(row.line, exc, form_label))
                    continue
                result.imported.append(record_id)
                result.children[row.line] = child_of[row.line]
                bulk.append((*who, Action.UPDATE, Entity.CHILD, child_of[row.line], f"{what}_import:{record_id}"))
            result.errors.sort(key=lambda e: e.row)
            result.skipped = sorted({e.row for e in result.errors})
            if dry_run or (result.errors and not skip_invalid):
                raise _Rollback
            audit.append_bulk(tx.session, bulk)
            tx.audit(Action.CREATE, Entity.CHILD, detail=f"{what}_import:{len(result.imported)}")
            result.saved = True
    except _Rollback:
        result.imported = []
    return result

