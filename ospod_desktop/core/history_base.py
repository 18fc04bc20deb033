"""The base of the child's history entries (`core.history` exports everything here): `HistoryItem` and how an
entry's values are written (ISO days and times, JSON)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, ClassVar


def iso(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    return value.isoformat(timespec="minutes") if isinstance(value, datetime) else value.isoformat()


def day_of(text: Any) -> date | None:
    return date.fromisoformat(text) if text else None


def time_of(text: Any) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def json_text(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False)



class HistoryItem:
    """A line of the child's history. Subclasses are frozen dataclasses with a `code` and `to_row`."""

    KIND: ClassVar[str] = ""

    @property
    def code(self) -> str:
        """What the row's `field` column holds."""
        return self.KIND

    def to_row(self) -> tuple[str, str, str]:  # pragma: no cover - every kind overrides it
        raise NotImplementedError


