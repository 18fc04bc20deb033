"""The import's checks (`services.children._import`): every row validated as registration validates it, then
compared with the register (a reference already registered, a likely duplicate by the register dialog's matcher)
and with the other rows of the file; nothing is written (`check_import` is also the import dialog's preview)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from sqlmodel import Session

from ospod_desktop.core.child_form import DEFAULT_MARK_FORMAT, CleanChild
from ospod_desktop.core.i18n import _
from ospod_desktop.core.matching import Reason
from ospod_desktop.core.names import PreparedRecord, blocking_keys
from ospod_desktop.services import scope
from ospod_desktop.services._table_files import SourceRow
from ospod_desktop.services.children._duplicates import (
    Candidate,
    children_by_reference,
    probe_of,
    register_matches,
)  # fmt: skip
from ospod_desktop.services.children._import_rows import RowError, check_rows
from ospod_desktop.services.children._pairs import PairsWithin
from ospod_desktop.services.context import UserSession
from ospod_desktop.storage.models import OFFICE_ID, Office

MATCHES_PER_ROW = 5  # registered children reported for one row, best first


class MatchKind(StrEnum):
    REFERENCE = "reference"  # the row's reference is registered (as a child's reference or another agency's)
    REGISTER = "register"  # likely the same child as a registered one (the register dialog's matcher)
    FILE = "file"  # likely the same child as an earlier row of the file


@dataclass(frozen=True)
class RowMatch:
    """A row that may be a child already registered (`existing`) or the same child as an earlier row."""

    line: int
    kind: MatchKind
    existing: Candidate | None = None
    other_line: int | None = None
    score: float = 1.0
    reasons: tuple[Reason, ...] = ()

    @property
    def what(self) -> str:
        """What the row may be the same child as, in words: "record no. 12 (reference …)" or "row 3 of the file"."""
        return match_text(self)

    def describe(self, wrap: Callable[[str], str]) -> str:
        """`what`, the child's name passed through `wrap` (the UI isolates it: `core.text.isolate`)."""
        return match_text(self, wrap)


@dataclass
class ImportCheck:
    """What an import would meet: invalid rows, and rows that may be children already registered."""

    rows: list[SourceRow]
    errors: list[RowError] = field(default_factory=list)
    matches: list[RowMatch] = field(default_factory=list)
    cleaned: dict[int, CleanChild] = field(default_factory=dict)  # valid rows by line
    keys: dict[int, frozenset[str]] = field(default_factory=dict)  # valid rows' duplicate-blocking keys by line
    # The file's pairs of rows still being scored (`check_against(defer_pairs=True)`): the scoring, the valid rows'
    # lines in its order, the rows whose file duplicates are reported.
    pending: tuple[PairsWithin, list[int], set[int]] | None = field(default=None, repr=False)
    abandoned: bool = field(default=False, repr=False)  # not wanted any more (`abandon`)

    def matches_of(self, line: int) -> list[RowMatch]:
        return [m for m in self.matches if m.line == line]

    def complete(self) -> ImportCheck:
        """The likely duplicates among the file's rows added, if they were still being scored."""
        if self.pending is not None:
            within, lines, waiting = self.pending
            self.pending = None
            for a, b, result in within.finish():
                if lines[b] in waiting:
                    self.matches.append(RowMatch(lines[b], MatchKind.FILE, other_line=lines[a],
                                                 score=round(result.score, 3), reasons=result.reasons))
            self.matches.sort(key=lambda m: (m.line, m.kind != MatchKind.REFERENCE, -m.score))
        return self

    def pause(self) -> None:
        """The worker's pairs not started held back (`PairsWithin.pause`), until `resume`."""
        if self.pending is not None:
            self.pending[0].pause()

    def resume(self) -> None:
        if self.pending is not None:
            self.pending[0].resume()

    def abandon(self) -> None:
        """The pairs still being scored are not wanted any more (the rows are checked again, or the import failed)."""
        self.abandoned = True
        if self.pending is not None:
            self.pending[0].cancel()
            self.pending = None


# --- checking against the register ------------------------------------------------------------------------------


def check_against(session: Session, us: UserSession, rows: Sequence[SourceRow], today: date, mark_format: str,
                  first: Callable[[ImportCheck], object] | None = None,
                  meanwhile: Callable[[ImportCheck], object] | None = None, defer_pairs: bool = False) -> ImportCheck:
    """`check_import`'s checks. The import's work in between: `first`, once every row is validated and the
    references registered are found; `meanwhile`, while the worker process scores the file's pairs of rows, once
    the register's likely duplicates are found too. `defer_pairs`: the check is returned with those pairs still
    being scored (`ImportCheck.complete` adds them) — an import that accepts likely duplicates writes meanwhile."""
    cleaned, errors = check_rows(rows, today, mark_format)
    check = ImportCheck(list(rows), errors, [], cleaned)
    lines = sorted(cleaned)
    registered = children_by_reference(session, us, {c.values["reference"] for c in cleaned.values() if c.values["reference"]},
                               today)
    fuzzy: list[int] = []
    for line in lines:
        same = registered.get(cleaned[line].values["reference"], []) if cleaned[line].values["reference"] else []
        check.matches += [RowMatch(line, MatchKind.REFERENCE, existing=c) for c in same]
        if not same:
            fuzzy.append(line)
    if first is not None:
        first(check)
    probes: dict[int, PreparedRecord] = {line: probe_of(cleaned[line].values) for line in lines}
    check.keys = {line: frozenset(blocking_keys(probes[line])) for line in lines}  # once: matching and the index
    within = PairsWithin([probes[line] for line in lines], keys=[check.keys[line] for line in lines])  # begun
    check.pending = (within, lines, set(fuzzy))  # a row whose reference is registered is decided by its reference
    try:
        return _rest(session, us, check, probes, fuzzy, today, meanwhile, defer_pairs)
    except BaseException:
        check.abandon()  # the worker stops scoring them
        raise


def _rest(session: Session, us: UserSession, check: ImportCheck, probes: dict[int, PreparedRecord], fuzzy: list[int],
          today: date, meanwhile: Callable[[ImportCheck], object] | None, defer_pairs: bool) -> ImportCheck:
    """`check_against` once the file's pairs are being scored: the register's likely duplicates, `meanwhile`, and
    the pairs (unless deferred)."""
    found = register_matches(session, us, [probes[line] for line in fuzzy], today, limit=MATCHES_PER_ROW,
                             keys=[check.keys[line] for line in fuzzy])
    for line, candidates in zip(fuzzy, found, strict=True):
        check.matches += [RowMatch(line, MatchKind.REGISTER, existing=c, score=c.score, reasons=c.reasons)
                          for c in candidates]
    if meanwhile is not None:
        meanwhile(check)
    if not defer_pairs:
        return check.complete()
    check.matches.sort(key=lambda m: (m.line, m.kind != MatchKind.REFERENCE, -m.score))
    return check


def _mark_format(session: Session) -> str:
    office = session.get(Office, OFFICE_ID)
    return office.file_mark_format if office else DEFAULT_MARK_FORMAT


def check_import(us: UserSession, rows: Sequence[SourceRow], today: date | None = None) -> ImportCheck:
    """What importing these rows would meet (nothing is written): the import dialog's preview."""
    scope.check_can_register(us)
    today = today or scope.today()
    with us.read() as session:
        return check_against(session, us, rows, today, _mark_format(session))


def record_text(c: Candidate, wrap: Callable[[str], str] = str) -> str:
    """A registered child as messages name it: "record no. 12 (reference KRPA-1, file mark Om 5/2026, Name)"."""
    parts = [_("reference {reference}").format(reference=c.reference) if c.reference else "",
             _("file mark {mark}").format(mark=c.case_mark) if c.case_mark else "", wrap(c.name) if c.name else ""]
    details = ", ".join(p for p in parts if p)
    return _("record no. {id} ({details})").format(id=c.child_id, details=details) if details else _(
        "record no. {id}").format(id=c.child_id)


def match_text(m: RowMatch, wrap: Callable[[str], str] = str) -> str:
    """What a likely duplicate is the same child as: a registered record, or another row of the file."""
    if m.kind is MatchKind.FILE:
        return _("row {row} of the file").format(row=m.other_line)
    assert m.existing is not None
    return record_text(m.existing, wrap)
