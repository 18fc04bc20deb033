"""The ORM side of sealed columns (`storage.sealing`): sealed on flush, opened on load, for every mapped table
with a sealed column. Services read and write plain text and never see the stored form.

- insert/update: a changed sealed column holding plaintext is sealed just before the row is written, and the
  object keeps its plaintext after the flush. Without the office key the text is written as it is (sealed at an
  OSPOD key holder's next login) — except the `withheld()`/`damaged()` text a load put there: writing it back
  keeps the stored sealed value, so an account without the key loses nothing by saving a form.
- load/refresh: a sealed value is opened with the key; without the key it reads `withheld()`, and a value that
  does not open in its place (changed, or moved from another row) reads `damaged()` (logged by table and row id).
Statements outside the ORM (Core selects of a sealed column, raw SQL) see the stored form: services select
sealed columns only through their model objects.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Mapper, attributes

from ospod_desktop.core.errors import ValidationError
from ospod_desktop.storage import sealing as S

log = logging.getLogger(__name__)
_SHOWN = "ospod_sealed"  # InstanceState.info: column -> (stored sealed value, the text shown in its place)
_PLAIN = "ospod_plain"  # InstanceState.info: column -> the plaintext to put back after the flush
_installed = False


def _bind_key(bind: Any) -> bytes | None:
    return S.office_key(bind)


def _open_columns(target: Any, key: bytes | None, names: Any = None) -> None:
    table = target.__table__.name
    state = inspect(target)
    shown = state.info.setdefault(_SHOWN, {})
    for column in S.columns_of_row(table, target):
        if names is not None and column not in names:
            continue
        value = state.dict.get(column)
        if not S.is_sealed(value):
            continue
        if key is None:
            text = S.withheld()
        else:
            try:
                text = S.unseal(key, table, column, target.uuid, value)
            except S.SealBroken:
                log.warning("sealed value of %s.%s in row %s does not open", table, column, state.identity)
                text = S.damaged()
        if key is None or text == S.damaged():
            shown[column] = (value, text)
        attributes.set_committed_value(target, column, text)


def _on_load(target: Any, context: Any) -> None:
    _open_columns(target, _bind_key(context.session.get_bind()))


def _on_refresh(target: Any, context: Any, attrs: Any) -> None:
    _open_columns(target, _bind_key(context.session.get_bind()), attrs)


def _before_write(mapper: Mapper, connection: Any, target: Any) -> None:
    key = _bind_key(connection.engine)
    table = target.__table__.name
    state = inspect(target)
    shown = state.info.get(_SHOWN, {})
    plain = state.info.setdefault(_PLAIN, {})
    for column in S.columns_of_row(table, target):
        value = getattr(target, column)
        if state.key is not None and not attributes.get_history(target, column).has_changes():
            continue
        if column in shown and value == shown[column][1]:
            plain[column] = value  # the withheld (or damaged) text came back: keep the stored value
            setattr(target, column, shown[column][0])
        elif key is None and value in (S.withheld(), S.damaged()):  # onto a new row: it would replace the text
            raise ValidationError(column, S.refused())
        elif key is not None and isinstance(value, str) and value and not S.is_sealed(value):
            plain[column] = value
            setattr(target, column, S.seal(key, table, column, target.uuid, value))


def _after_write(mapper: Mapper, connection: Any, target: Any) -> None:
    state = inspect(target)
    plain = state.info.pop(_PLAIN, {})
    for column, text in plain.items():
        attributes.set_committed_value(target, column, text)


def install() -> None:
    """Listen on every mapped class whose table has a sealed column (once; the table modules are imported)."""
    global _installed
    if _installed:
        return
    from sqlmodel import SQLModel

    from ospod_desktop.storage import care_tables, child_tables, models, trafficking_tables  # noqa: F401

    wanted = S.tables()
    found = set()
    for mapper in SQLModel._sa_registry.mappers:
        table = getattr(mapper.local_table, "name", None)
        if table not in wanted:
            continue
        cls = mapper.class_
        missing = [c for c in (*wanted[table], "uuid") if c not in mapper.local_table.c]
        if missing:
            raise RuntimeError(f"sealed table {table} lacks {missing}")
        event.listen(cls, "load", _on_load)
        event.listen(cls, "refresh", _on_refresh)
        for name in ("before_insert", "before_update"):
            event.listen(cls, name, _before_write)
        for name in ("after_insert", "after_update"):
            event.listen(cls, name, _after_write)
        found.add(table)
    if found != set(wanted):
        raise RuntimeError(f"sealed tables not mapped: {sorted(set(wanted) - found)}")
    _installed = True
