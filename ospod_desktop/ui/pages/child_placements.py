"""The child page's placements tab (the chain, the current placement's deadlines) and the missing banner."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core.i18n import _, for_sex, pgettext
from ospod_desktop.core.text import isolate
from ospod_desktop.ui.format import duration_text, format_date, format_datetime
from ospod_desktop.ui.models.child_table import DEADLINE_BRUSHES
from ospod_desktop.ui.pages.child_text import withheld_text
from ospod_desktop.ui.tables import fill_table

STATUS_BRUSHES = DEADLINE_BRUSHES  # the case list's colours: overdue red, due soon amber
MAX_COLUMN = 300
MISSING_STYLE = ("QLabel { background: #c62828; color: white; font-weight: bold; padding: 6px 10px; "
                 "border-radius: 4px; }")


def _ended(p) -> str:
    if p.end_date is None:
        return _("current") if p.current else ""
    reason = PR.label(PR.END_REASONS, p.end_reason) if p.end_reason else ""
    return f"{format_date(p.end_date)} — {reason}" if reason else format_date(p.end_date)


def _basis(p) -> str:
    text = PR.label(PR.LEGAL_BASES, p.legal_basis) if p.legal_basis else ""
    details = ", ".join(x for x in (p.court, p.court_file_number) if x)
    if p.contract_party:
        details = PR.label(PR.CONTRACT_PARTIES, p.contract_party)
    return f"{text} ({details})" if details else text


def _where(p) -> str:
    place = p.place
    if p.carer_name and not p.facility_name:
        place = f"{place}: {isolate(p.carer_name)}"
    return place


def placement_rows(placements) -> list[list[str]]:
    """Newest first: where, legal basis, from, expiry or planned end, ended (and why), extensions (said to be
    hidden for a placement whose details are withheld from the user's role)."""
    rows = []
    for p in reversed(placements):
        extensions = "; ".join(_("until {date}").format(date=format_date(e.new_expiry)) for e in p.extensions)
        if p.withheld:  # another facility's placement: its extensions are not shown, not "none"
            extensions = withheld_text()
        rows.append([_where(p), _basis(p), format_date(p.start_date), format_date(p.effective_expiry or p.expiry_date),
                     _ended(p), extensions])
    return rows


def fill_placements(ui, view) -> None:
    """The placements tab of a `ChildView`."""
    placements = view.placements
    if not placements:
        ui.placements_label.setText(_("No placement recorded yet."))
    elif view.current_placement is None:
        ui.placements_label.setText(_("Not placed at the moment."))
    else:
        ui.placements_label.setText(_("Placed in: {place}").format(place=_where(view.current_placement)))
    fill_table(ui.placements_table, placement_rows(placements), max_column=230)  # the extensions stay in view
    table = ui.deadlines_table
    deadlines = sorted(view.deadlines, key=lambda d: d.due)
    fill_table(table, [[d.label, format_date(d.due), d.status_label, d.message(format_date)] for d in deadlines],
               MAX_COLUMN, [STATUS_BRUSHES.get(d.status) for d in deadlines])
    ui.deadlines_title.setVisible(bool(deadlines))
    table.setVisible(bool(deadlines))
    ui.placements_table.setVisible(bool(placements))
    # With no tables the note stays at the top instead of floating in the middle of the tab.
    ui.placements_layout.setStretch(ui.placements_layout.indexOf(ui.placements_label), 0 if placements else 1)
    ui.placements_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)


def open_episode(view):
    return next((m for m in reversed(view.missing) if m.open), None)


def missing_text(episode, sex: str = "") -> str:
    """The header banner while the child is missing: time since last seen, where, and what is overdue."""
    hours = duration_text(episode.hours)
    when = format_datetime(episode.last_seen_at, "")
    banner = for_sex(sex, pgettext("girl", "MISSING for {hours} — last seen {when}"),
                     pgettext("boy", "MISSING for {hours} — last seen {when}"),
                     _("MISSING for {hours} — last seen {when}"))
    parts = [banner.format(hours=hours, when=when)]
    if episode.last_seen_place:
        parts[0] += ", " + episode.last_seen_place
    overdue = [d.label for d in episode.deadlines if d.status == "overdue"]
    if overdue:
        parts.append(_("Overdue: {what}").format(what="; ".join(overdue)))
    return "\n".join(parts)


def fill_missing_banner(label, view) -> None:
    episode = open_episode(view)
    label.setStyleSheet(MISSING_STYLE)
    label.setText(missing_text(episode, view.sex) if episode else "")
    label.setVisible(episode is not None)
