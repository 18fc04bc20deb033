"""IPODs, guardianships, asylum applications and trafficking assessments and events in the child's history, in
words (no widgets here).

Facility staff never get these lines (`services.children` shows them only the lines they may read)."""

from __future__ import annotations

from datetime import date

from ospod_desktop.core import history as H
from ospod_desktop.core import history_trafficking as HT
from ospod_desktop.core.care_form import field_label
from ospod_desktop.core.i18n import N_, _
from ospod_desktop.core.indicators.codes import label
from ospod_desktop.ui.format import format_date

FIELD_LABELS = {
    "ipod_recorded": N_("Individual protection plan (IPOD) drawn up"),
    "ipod_corrected": N_("Individual protection plan corrected"),
    "ipod_deleted": N_("Individual protection plan deleted (recorded in error)"),
    "ipod_changes": N_("Individual protection plan: values before and after"),
    "guardianship_petition": N_("Petition to the court for a guardian"),
    "guardianship_appointed": N_("Guardian appointed"),
    "guardianship_ended": N_("Guardianship ended"),
    "guardianship_corrected": N_("Guardianship corrected"),
    "guardianship_deleted": N_("Guardianship deleted (recorded in error)"),
    "guardianship_changes": N_("Guardianship: values before and after"),
    "asylum_recorded": N_("Asylum application"),
    "asylum_representative": N_("Representative for the asylum procedure designated"),
    "asylum_corrected": N_("Asylum application corrected"),
    "asylum_deleted": N_("Asylum application deleted (recorded in error)"),
    "asylum_changes": N_("Asylum application: values before and after"),
    **HT.LABELS,
}

# The old and new values of a correction: in the history, not the timeline (the correction itself is there).
TIMELINE_SKIP = frozenset(code for code in FIELD_LABELS if code.endswith("_changes"))


def care_label(code: str) -> str | None:
    return _(FIELD_LABELS[code]) if code in FIELD_LABELS else None


def summary_text(what: str, s: H.CareSummary | None) -> str:
    """An IPOD: its day; a guardianship: "day, guardian, court[, ended day]"; an application: "day[, representative
    from day]"."""
    if s is None:
        return "—"
    out = [format_date(s.on) if s.on else "—"]
    if what == "asylum":
        if s.name or s.end:
            out.append(_("representative: {name}").format(name=s.name)
                       + (" " + _("from {date}").format(date=format_date(s.end)) if s.end else ""))
        return ", ".join(out)
    out += [x for x in (s.name, s.court) if x]
    if s.end:
        out.append(_("ended {date}").format(date=format_date(s.end)))
    return ", ".join(out)


def _value(value: object) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, date):
        return format_date(value)
    return str(value)


def _changes(values) -> str:
    return "; ".join(f"{field_label(k)}: {_value(v)}" for k, v in values.items()) or "—"


def care_values(entry: H.HistoryItem) -> tuple[str, str] | None:
    """A care record's history line in words, (before, after); None for other entries."""
    if isinstance(entry, H.CareRecorded):
        return "—", summary_text(entry.what, entry.summary)
    if isinstance(entry, H.CareCorrected):
        return summary_text(entry.what, entry.before), summary_text(entry.what, entry.after)
    if isinstance(entry, H.Changes) and entry.code in FIELD_LABELS:
        return _changes(entry.old), _changes(entry.new)
    return trafficking_values(entry)


def trafficking_values(entry: H.HistoryItem) -> tuple[str, str] | None:
    """An assessment finished or reviewed, a victim event: the codes in words (the reasoning stays on the record)."""
    if isinstance(entry, HT.AssessmentFinished):
        out = [_("by the indicators: {outcome}").format(outcome=label("outcome", entry.engine_outcome)),
               _("conclusion: {conclusion}").format(conclusion=label("conclusion", entry.conclusion))]
        out += [label("form", f) for f in entry.forms]
        if entry.catalogue_version:
            out.append(entry.catalogue_version)
        return "—", ", ".join(out)
    if isinstance(entry, HT.AssessmentReviewed):
        conclusion = label("conclusion", entry.conclusion) if entry.conclusion else "—"
        return "—", _("assessment no. {id}: {conclusion}").format(id=entry.assessment_id, conclusion=conclusion)
    if isinstance(entry, HT.VictimEventRecorded):
        text = f"{label('event_kind', entry.kind)}, {format_date(entry.on)}"
        if entry.ends_on:
            text += " – " + format_date(entry.ends_on)
        return "—", text
    return None
