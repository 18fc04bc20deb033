"""Due items and the registry of the rules that make them (`core.due.due_items` runs every rule).

A rule is a function of a `Context` (the facts, the day, the policy) that yields `DueItem`s. New kinds plug
in with `@rule("name", {"kind": N_("label")})`: the screens list whatever kinds the registry knows.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core.deadlines import STATUS_RANK, status_of
from ospod_desktop.core.due_facts import CaseFacts
from ospod_desktop.core.i18n import _, format_day, ngettext
from ospod_desktop.core.policy import Basis, Policy


def plural(unit: str, n: int) -> str | None:
    """`n` of `unit` in its plural form (literal calls, so the catalogue extractor sees every form)."""
    if unit == "months":
        return ngettext("{n} month", "{n} months", n).format(n=n)
    if unit == "weeks":
        return ngettext("{n} week", "{n} weeks", n).format(n=n)
    if unit == "days":
        return ngettext("{n} day", "{n} days", n).format(n=n)
    if unit == "hours":
        return ngettext("{n} hour", "{n} hours", n).format(n=n)
    if unit == "working_days":
        return ngettext("{n} working day", "{n} working days", n).format(n=n)
    return None


_ACT = re.compile(r"^Act (\S+) s\. (.+)$")


def basis_label(basis: str) -> str:
    """A basis for the reader: "Act 359/1999 s. 29" in the active language; office practice translated."""
    if basis == "office practice":
        return _("office practice")
    m = _ACT.match(basis)
    return _("Act {act} s. {section}").format(act=m[1], section=m[2]) if m else basis


def render(msgid: str, params: Iterable[tuple[str, Any]], format_date: Callable[[date], str] | None = None,
           wrap: Callable[[str], str] | None = None) -> str:
    """Translate `msgid` and fill it: dates through format_day, counts in their plural forms, other text
    (a name, an addressee) through `wrap` — the display passes `core.text.isolate`."""
    values: dict[str, str] = {}
    for name, value in params:
        if name == "setting":
            values[name] = PR.label(PR.FACILITY_TYPES, str(value))
        elif isinstance(value, date):
            values[name] = (format_date or format_day)(value)
        elif isinstance(value, int) and (counted := plural(name, value)) is not None:
            values[name] = counted
        else:
            values[name] = wrap(value) if wrap and isinstance(value, str) else str(value)
    return _(msgid).format(**values)


@dataclass(frozen=True)
class DueItem:
    """One thing due for a child: what, by when, how urgent, where it comes from, and on what basis."""

    kind: str  # a stable code (KINDS)
    due: date
    status: str  # ok / due_soon / overdue
    source: tuple[str, int | None]  # ("placement", id), ("child", id), ("missing", id)…
    msgid: str  # the English explanation (a msgid); `explanation` renders it
    basis: str  # "Act 359/1999 s. 29", or "office practice"
    basis_kind: str  # law / practice
    policy_version: int
    params: tuple[tuple[str, Any], ...] = ()  # always includes "due"
    notes: tuple[str, ...] = ()  # further sentences (msgids), e.g. that the date of birth is assessed
    due_at: datetime | None = None  # hour clocks (missing child), timezone-aware

    @property
    def explanation(self) -> str:
        return self.message()

    def message(self, format_date: Callable[[date], str] | None = None, wrap: Callable[[str], str] | None = None
                ) -> str:
        """The translated explanation; `wrap` wraps names (the display passes `core.text.isolate`)."""
        text = render(self.msgid, self.params, format_date, wrap)
        return " ".join([text, *(render(n, self.params, format_date, wrap) for n in self.notes)])

    @property
    def label(self) -> str:
        return PR.label(KINDS, self.kind)

    @property
    def status_label(self) -> str:
        return PR.label(PR.DEADLINE_STATUSES, self.status)

    @property
    def basis_label(self) -> str:
        return basis_label(self.basis)


@dataclass(frozen=True)
class Context:
    facts: CaseFacts
    day: date
    now: datetime | None
    policy: Policy

    def item(self, kind: str, due: date, source: tuple[str, int | None], msgid: str, basis: Basis | str,
             notes: tuple[str, ...] = (), **params: Any) -> DueItem:
        """An item whose status follows from `due` and the day; `basis` is a Basis or a policy JSON path."""
        b = basis if isinstance(basis, Basis) else self.policy.basis(basis)
        return DueItem(kind, due, status_of(due, self.day, self.policy.due_soon_days), source, msgid, b.text,
                       b.kind, self.policy.revision, (("due", due), *sorted(params.items())), notes)


Rule = Callable[[Context], Iterable[DueItem]]
RULES: dict[str, Rule] = {}
KINDS: dict[str, str] = dict(PR.DEADLINE_KINDS)  # kind -> label msgid


def rule(name: str, kinds: Mapping[str, str] | None = None) -> Callable[[Rule], Rule]:
    """Register a rule (and the labels of the kinds it yields, for the kinds not known yet)."""

    def register(fn: Rule) -> Rule:
        RULES[name] = fn
        for kind, label in (kinds or {}).items():
            KINDS.setdefault(kind, label)
        return fn

    return register


def sort_key(item: DueItem) -> tuple[date, bool, str]:
    """The soonest first (an hour clock before a day clock of the same day), then by kind."""
    return (item.due, item.due_at is None, item.kind)


def most_urgent(items: Iterable[DueItem]) -> DueItem | None:
    """The one to show in a list: the worst status, then the soonest."""
    return min(items, key=lambda i: (-STATUS_RANK[i.status], *sort_key(i)), default=None)
