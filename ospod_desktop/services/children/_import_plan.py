"""What each valid row of an import does (`plan_rows`): create a child, update or link a registered one (the officer's
choice, or `update_existing` for a registered reference), or nothing (skipped, or an error: a registered reference,
a likely duplicate not accepted)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlmodel import col, select

from ospod_desktop.core.child_form import CleanChild, validate
from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.field_labels import child_label
from ospod_desktop.core.i18n import _
from ospod_desktop.services import scope
from ospod_desktop.services.children._import_check import ImportCheck, MatchKind, RowMatch, record_text
from ospod_desktop.services.children._import_rows import ErrorKind, RowError, row_error, row_fields
from ospod_desktop.services.children._import_write import updated_form
from ospod_desktop.services.children._records import form_of
from ospod_desktop.services.context import Tx, UserSession
from ospod_desktop.storage.models import Child
from ospod_desktop.storage.rows import saved_id


class Choice(StrEnum):
    CREATE = "create"  # a new child all the same
    SKIP = "skip"  # the row is left out
    UPDATE = "update"  # the same child: the row's filled cells update the registered record (history kept)
    LINK = "link"  # the same child: the record stays as it is; the row's reference is kept on it


@dataclass(frozen=True)
class RowChoice:
    """The officer's decision on a row that may be a registered child (`child_id` for UPDATE and LINK)."""

    choice: Choice
    child_id: int | None = None


def _duplicate_error(m: RowMatch) -> RowError:
    return RowError(m.line, "", _("Likely the same child as {what} ({score} %).").format(
        what=m.what, score=round(m.score * 100)), ErrorKind.DUPLICATE)


@dataclass(frozen=True)
class Step:
    line: int
    choice: Choice
    clean: CleanChild
    child: Child | None = None


def live_child(tx: Tx, us: UserSession, child_id: int | None) -> Child | None:
    if child_id is None:
        return None
    return tx.session.exec(select(Child).where(col(Child.id) == child_id, scope.visible(us),
                                               col(Child.merged_into_id).is_(None))).first()


def plan_rows(tx: Tx, us: UserSession, check: ImportCheck, today: date, mark_format: str, update_existing: bool,
          accept_duplicates: bool, choices: Mapping[int, RowChoice]) -> tuple[list[Step], list[int], list[RowError]]:
    """What each valid row does (create, update, link), the lines skipped by choice, and the rows in the way."""
    steps: list[Step] = []
    skipped: list[int] = []
    errors: list[RowError] = []
    changed_from: dict[int, int] = {}  # child id -> the row that updates or links it
    rows = {r.line: r for r in check.rows}
    by_line: dict[int, list[RowMatch]] = {}
    for m in check.matches:
        by_line.setdefault(m.line, []).append(m)
    for line, clean in sorted(check.cleaned.items()):
        matches = by_line.get(line, [])
        same_ref = [m.existing for m in matches if m.kind is MatchKind.REFERENCE and m.existing is not None]
        chosen = choices.get(line)
        choice, child_id = (chosen.choice, chosen.child_id) if chosen else (None, None)
        if choice is None:
            if same_ref and update_existing and len(same_ref) == 1:
                choice, child_id = Choice.UPDATE, same_ref[0].child_id
            elif same_ref and len(same_ref) == 1:
                errors.append(RowError(line, "reference", _("{field}: already registered as {record}.").format(
                    field=child_label("reference"), record=record_text(same_ref[0])), ErrorKind.REGISTERED))
                continue
            elif same_ref:
                errors.append(RowError(line, "reference", _("{field}: registered more than once (records no. {ids}); "
                                                            "merge the duplicates first.").format(
                    field=child_label("reference"), ids=", ".join(str(c.child_id) for c in same_ref)),
                    ErrorKind.REGISTERED))
                continue
            elif matches and not accept_duplicates:
                errors.append(_duplicate_error(matches[0]))
                continue
            else:
                choice = Choice.CREATE
        if choice is Choice.SKIP:
            skipped.append(line)
            continue
        if choice is Choice.CREATE:
            if same_ref:
                errors.append(RowError(line, "reference", _("{field}: already registered as {record}; a second child "
                                                            "with the same reference is not created.").format(
                    field=child_label("reference"), record=record_text(same_ref[0])), ErrorKind.REGISTERED))
            else:
                steps.append(Step(line, Choice.CREATE, clean))
            continue
        child = live_child(tx, us, child_id)
        if child is None:
            errors.append(RowError(line, "", _("Record no. {id} is not in the register any more.").format(id=child_id)))
            continue
        if saved_id(child) in changed_from:
            errors.append(RowError(line, "", _("Record no. {id} is already the same child as row {row}.").format(
                id=child_id, row=changed_from[saved_id(child)])))
            continue
        try:
            form = updated_form(form_of(tx, child), row_fields(rows[line].values), choice is Choice.LINK)
            updated = validate(form, today, mark_format)
        except ValidationError as exc:
            errors.append(row_error(line, exc))
            continue
        changed_from[saved_id(child)] = line
        steps.append(Step(line, choice, updated, child))
    return steps, skipped, errors
