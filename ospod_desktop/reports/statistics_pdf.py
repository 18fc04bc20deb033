"""The exported statistics (`core.stats.model.Published`) as an A4 PDF through `reports.pdf`: the office, the
title and period, the suppression rule in words, then the tables section by section — each with its translated
title, its id in small type (the id the JSON, CSV and XLSX use), one row per key ("label (key)" and the value)
and its note; where a child counts in more than one row in this period, the note says so. No names, identifiers,
dates of birth or free text: only codes, labels and counts."""

from __future__ import annotations

from datetime import UTC, datetime

from ospod_desktop.core.i18n import _, language
from ospod_desktop.core.stats.labels import key_label, section_label, title_of
from ospod_desktop.core.stats.model import Published
from ospod_desktop.core.stats.tables import SECTIONS, TABLES
from ospod_desktop.reports.pdf.model import Block, DocumentSpec, Fields, Keep, Letterhead, Section, Table, Text
from ospod_desktop.reports.statistics import multiple_text, period_text, rule_text, table_note

OTHER = "other"  # a table id the catalogue does not know (kept, never dropped)


def _footer(p: Published) -> str:
    if p.suppressed_below == 0:
        return _("Exact counts for the office's own use: small counts can identify a child. Do not publish.")
    return _("Statistics without personal data: counts of 1 to {last} are suppressed.").format(
        last=p.suppressed_below - 1)


def _table_blocks(p: Published, table_id: str, heading: str) -> list[Block]:
    cells = p.tables[table_id]
    title = title_of(table_id) if table_id in TABLES else table_id
    rows = tuple((f"{key_label(table_id, key)} ({key})", str(value)) for key, value in cells.items())
    out: list[Text | Table] = [] if title == heading else [Text(title, "bold")]  # not "Disappearances" twice
    out += [Text(table_id, "small"), Table((_("Row (code)"), _("Count")), rows, widths=(0.8, 0.2), empty=_("No rows."))]
    note = table_note(p, table_id)
    if note:
        out.append(Text(note, "small"))
    return [Keep(tuple(out))]  # a table starts on the page its title is on, and is not split when it fits one


def _heading(group: str) -> str:
    return section_label(group) if group in SECTIONS else _("Other tables")


def build_spec(p: Published, office_name: str, lang: str, *, issuer: str = "",
               issued_at: datetime | None = None) -> DocumentSpec:
    """The document for `p` worded in `lang` (also usable to inspect the layout without rendering)."""
    with language(lang):
        title = _("Statistics of the office")
        head = Section(_("Period and method"), (
            Fields((
                (_("Period"), period_text(p)),
                (_("Small counts"), rule_text(p)),
                (_("Tables in which a child may count more than once"), multiple_text(p, titles=True)),
            )),
            Text(_("A child counts in the period when the event happened: registered on the day found; screened, "
                   "concern or presumed on the day the assessment was finished; identified or assisted on the day "
                   "of the event; placed on the day the placement began; a disappearance on the day last seen; a "
                   "visit on the day of the visit."), "small"),
        ))
        groups: dict[str, list[Block]] = {}
        for table_id in p.tables:
            spec = TABLES.get(table_id)
            group = spec.section if spec is not None else OTHER
            groups.setdefault(group, []).extend(_table_blocks(p, table_id, _heading(group)))
        order = [s for s in SECTIONS if s in groups] + ([OTHER] if OTHER in groups else [])
        sections = [head, *(Section(_heading(s), tuple(groups[s])) for s in order)]
        return DocumentSpec(
            lang=lang, title=title, letterhead=Letterhead(office_name), reference="",
            issued_at=issued_at or datetime.now(UTC), issuer=issuer, recipient=(), sections=tuple(sections),
            confidentiality=_footer(p), subject=f"{title}: {period_text(p)}",
            keywords=("OSPOD", "statistics", p.start.isoformat(), p.end.isoformat()),
            footer_note=_("Audit anchor: {anchor}").format(anchor=p.anchor) if p.anchor else "")


def to_pdf(p: Published, office_name: str, lang: str, *, issuer: str = "", issued_at: datetime | None = None) -> bytes:
    """The PDF bytes of `p` in `lang` (cs | en); `issuer` and `issued_at` (default now) are printed on the first
    page (`services.statistics` gives no issuer: a statistics export names nobody)."""
    from ospod_desktop.reports.pdf.render import render

    return render(build_spec(p, office_name, lang, issuer=issuer, issued_at=issued_at))
