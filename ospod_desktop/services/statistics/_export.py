"""Exports of the statistics: computed (`statistics`), suppressed for sharing (`core.stats.suppress.publish`),
rendered (`reports.statistics`, `reports.statistics_pdf`) and audited (`Action.EXPORT, Entity.STATISTICS`,
detail "format:pdf;from:YYYY-MM-DD;to:YYYY-MM-DD;suppress:5" — no counts, no data). `export_bytes` leaves the
disclosure register to its caller (the CLI records the bytes it writes); `save_export` is the window's save:
the file, its register entry and the audit, the file put in place only once recorded."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.i18n import _, current_language, language
from ospod_desktop.core.roles import STATISTICS_ROLES, Action, Entity
from ospod_desktop.core.stats.model import DEFAULT_SUPPRESS, FORMATS, Published
from ospod_desktop.services import chain_anchor, disclosures
from ospod_desktop.services.context import UserSession, requires
from ospod_desktop.storage.models import OFFICE_ID, Office


def _render(p: Published, fmt: str, lang: str, office: str) -> bytes:
    from ospod_desktop.reports import statistics as report

    if fmt == "json":
        return report.to_json(p)
    if fmt == "csv":
        return report.to_csv(p)
    with language(lang):
        if fmt == "xlsx":
            return report.to_xlsx(p)
    from ospod_desktop.reports.statistics_pdf import to_pdf

    # no issuer: "no names ... ever appear in a statistics export" (who exported is in the register and the audit)
    return to_pdf(p, office, lang, issued_at=datetime.now(UTC))


@requires(*STATISTICS_ROLES)
def export_bytes(us: UserSession, start: date, end: date, fmt: str, suppress: int = DEFAULT_SUPPRESS,
                 lang: str | None = None) -> bytes:
    """The statistics of `start`..`end` (both days included) as `fmt` (json | csv | xlsx | pdf), small counts
    suppressed below `suppress` (0: exact counts), labels in `lang` (default: the active language). Audited;
    not recorded in the disclosure register (the caller records the bytes it writes)."""
    from ospod_desktop.core.stats.suppress import check_suppress, publish
    from ospod_desktop.services.statistics import statistics

    if fmt not in FORMATS:
        raise ValidationError("format", _("Unknown format “{value}”: choose {choices}.").format(
            value=fmt, choices=", ".join(FORMATS)))
    n = check_suppress(suppress)
    published = publish(statistics(us, start, end), n)
    with us.tx() as tx:
        # audited first (as the case and due lists are), so the anchor the export carries is the head after its own
        # audit row: the one its disclosure register entry, recorded next, keeps too
        tx.audit(Action.EXPORT, Entity.STATISTICS, None,
                 detail=f"format:{fmt};from:{start.isoformat()};to:{end.isoformat()};suppress:{n}")
        office = tx.session.get(Office, OFFICE_ID)
        office_name = office.name if office is not None else "OSPOD"
        published = replace(published, anchor=chain_anchor.head_text(tx.session))
    return _render(published, fmt, lang or current_language(), office_name)


@requires(*STATISTICS_ROLES)
def save_export(us: UserSession, path: str | Path, start: date, end: date, fmt: str,
                suppress: int = DEFAULT_SUPPRESS, lang: str | None = None) -> int:
    """Write the export (`export_bytes`) to `path` with its disclosure register entry (channel "saved"), together
    or neither (`disclosures.record_export`). Returns the register entry's
    id."""
    data = export_bytes(us, start, end, fmt, suppress, lang)
    return disclosures.record_export(us, "statistics", data, channel="saved", path=Path(path))
