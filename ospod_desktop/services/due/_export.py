"""An export of the due list (CSV, JSON, iCalendar) is a disclosure of children's deadlines: audited with the
format, how many items and what the user chose to include (never a child's data), and recorded in the
disclosure register (`services.disclosures`) with the SHA-256 of the exact bytes written and the audit chain's
anchor (`services.chain_anchor`). A calendar carries that anchor itself (`reports.due_calendar.ANCHOR_PROPERTY`);
the CSV and JSON, whose documented shapes have no place for it, only through their register entry."""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Collection
from pathlib import Path
from typing import Any

from sqlmodel import select

from ospod_desktop.core.roles import Action, Entity
from ospod_desktop.services import chain_anchor, disclosures, scope
from ospod_desktop.services.context import UserSession
from ospod_desktop.storage.models import Office


def record_export(us: UserSession, fmt: str, count: int, include: Collection[str] = ()) -> tuple[str, str]:
    """Audit an export of `count` due items in `fmt`; returns the office's stable identity (its uuid: calendar
    UIDs are made from it, so a re-imported calendar updates its events instead of adding copies) and name."""
    chosen = "+".join(sorted(include)) or "-"
    with us.tx() as tx:
        office = tx.session.exec(select(Office).order_by(Office.id)).first()  # type: ignore[arg-type]
        tx.audit(Action.EXPORT, Entity.DUE_LIST, None,
                 detail=scope.read_detail(us, f"format:{fmt};items:{count};include:{chosen}"))
    return (office.uuid, office.name) if office else ("ospod", "OSPOD")


def export_due(us: UserSession, path: str | Path, fmt: str, include: Collection[str] = (), **filters: Any) -> int:
    """Write the due list (`due_page`'s `filters`, every item) to `path` as "csv" or "ics" (with the calendar's
    `include` choices), audited first; the file is replaced only once complete. Returns how many items."""
    from ospod_desktop.reports import due_calendar, due_export
    from ospod_desktop.services.due._list import due_page

    rows = due_page(us, **filters, offset=0, limit=None).rows
    chosen = frozenset(include) if fmt == "ics" else frozenset()
    office, title = record_export(us, fmt, len(rows), chosen)
    if fmt == "ics":
        binary = io.BytesIO()
        due_calendar.write_due_calendar(rows, binary, office=office, include=chosen, title=title,
                                        anchor=chain_anchor.current(us))
        data = binary.getvalue()
    else:
        text = io.StringIO(newline="")
        due_export.write_due_csv(rows, text)
        data = text.getvalue().encode("utf-8")
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        disclosures.record_export(us, "due_list", data, channel="saved")  # the file is put in place only after
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(rows)
