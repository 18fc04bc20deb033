"""One answer with its note and source, and the differences between two sets of answers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class AnswerInput:
    """An officer's answer to one indicator: present / absent / unknown, a note, and where it comes from
    (a code of SOURCES, or "")."""

    answer: str
    note: str = ""
    source: str = ""


@dataclass(frozen=True)
class AnswerChange:
    indicator_id: str
    before: str
    after: str


def _value(answer: object) -> str:
    return str(getattr(answer, "answer", answer))


def diff_answers(before: Mapping[str, object], after: Mapping[str, object]) -> tuple[AnswerChange, ...]:
    """The answers that differ between two sets ({id: code or AnswerInput}; a missing id is "unknown"), in the
    order of `before`'s ids, then `after`'s new ones."""
    out = []
    for iid in dict.fromkeys([*before, *after]):
        old, new = _value(before.get(iid, "unknown")), _value(after.get(iid, "unknown"))
        if old != new:
            out.append(AnswerChange(iid, old, new))
    return tuple(out)
