"""The child page's Disappearances tab: every missing episode, newest first, and the details of the chosen one;
"Missing-child report…" opens the police report of the chosen open episode (`DocumentDialog`, kind missing)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QPushButton

from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core.i18n import _, for_sex, ngettext, pgettext
from ospod_desktop.core.missing_form import field_label
from ospod_desktop.core.roles import Role
from ospod_desktop.ui.format import duration_text, format_date, format_datetime
from ospod_desktop.ui.pages.child_text import facts_html
from ospod_desktop.ui.tables import fill_table

OPEN_BRUSH = QBrush(QColor("#ffcdd2"))


def informed_text(episode) -> str:
    """Who was told, and when: "Police 28. 11. 2026 10:05; Guardian …"; the overdue ones named."""
    parts = [f"{PR.label(PR.INFORMED_PARTIES, i.party)} {format_datetime(i.at)}" for i in episode.informed]
    if episode.open and episode.police_not_informed:
        parts.insert(0, _("police NOT informed"))
    return "; ".join(parts) or "—"


def ended_text(episode, sex: str = "") -> str:
    """How an episode ended, the Czech agreeing with the child's `sex` ("vrátil se", "vrátila se", "vrátilo se")."""
    if episode.open:
        return for_sex(sex, pgettext("girl", "still missing"), pgettext("boy", "still missing"), _("still missing"))
    if episode.returned_at:
        where = f", {episode.found_place}" if episode.found_place else ""
        returned = for_sex(sex, pgettext("girl", "returned {when}"), pgettext("boy", "returned {when}"),
                           _("returned {when}"))
        return returned.format(when=format_datetime(episode.returned_at)) + where
    reason = PR.label(PR.MISSING_CLOSE_REASONS, episode.close_reason) if episode.close_reason else ""
    return _("closed {when}").format(when=format_datetime(episode.closed_at)) + (f" — {reason}" if reason else "")


def episode_rows(episodes, sex: str = "") -> list[list[str]]:
    """Newest first: last seen, where, where the child was placed, who was informed, the end, how long."""
    return [[format_datetime(e.last_seen_at), e.last_seen_place, e.place, informed_text(e), ended_text(e, sex),
             duration_text(e.hours)] for e in episodes]


def newest_first(view) -> list:
    return list(reversed(view.missing))


def episode_html(e) -> str:
    """Everything recorded of one episode, as label–value rows."""
    yes_no = {True: _("yes"), False: _("no"), None: "—"}
    L = field_label
    rows = [
        (L("last_seen_at"), format_datetime(e.last_seen_at)), (L("last_seen_place"), e.last_seen_place),
        (L("seen_with"), e.seen_with), (L("circumstances"), e.circumstances), (L("description"), e.description),
        (L("clothing"), e.clothing), (_("Photo on file"), yes_no[e.has_photo]),
        (L("risk_trafficking"), yes_no[e.risk_trafficking]), (L("risk_medication"), e.risk_medication),
        (L("risk_notes"), e.risk_notes),
    ]
    for i in e.informed:
        extra = ", ".join(x for x in (i.reference, i.person) if x)
        rows.append((PR.label(PR.INFORMED_PARTIES, i.party),
                     format_datetime(i.at) + (f" ({extra})" if extra else "")))
    if e.returned_at:
        interview = yes_no[e.return_interview]
        if e.return_interview_on:
            interview += f", {format_date(e.return_interview_on)}"
        # One row for whether the interview was held and when (the form asks the two separately).
        rows += [(L("returned_at"), format_datetime(e.returned_at)), (L("found_place"), e.found_place),
                 (L("condition"), e.condition), (_("Return interview"), interview),
                 (L("return_notes"), e.return_notes)]
    if e.closed_at:
        rows += [(L("closed_at"), format_datetime(e.closed_at)),
                 (L("close_reason"), PR.label(PR.MISSING_CLOSE_REASONS, e.close_reason) if e.close_reason else "")]
    return facts_html(rows)


def fill_missing_tab(ui, view) -> None:
    episodes = newest_first(view)
    if not episodes:
        ui.episodes_label.setText(_("No disappearance recorded."))
    else:
        ui.episodes_label.setText(ngettext("{n} missing episode recorded.", "{n} missing episodes recorded.",
                                           len(episodes)).format(n=len(episodes)))
    table = ui.episodes_table
    fill_table(table, episode_rows(episodes, view.sex), 220, [OPEN_BRUSH if e.open else None for e in episodes])
    table.setVisible(bool(episodes))
    ui.episode_text.setVisible(bool(episodes))
    # With no episode the note stays at the top instead of floating in the middle of the tab.
    ui.missing_layout.setStretch(ui.missing_layout.indexOf(ui.episodes_label), 0 if episodes else 1)
    ui.episodes_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    if episodes:
        table.selectRow(0)
    else:
        ui.episode_text.clear()


def add_report_button(page) -> QPushButton:
    """"Missing-child report…" first in the tab's row of buttons (`page`: the ChildPage). Everyone who may see the
    child may issue it (facility staff too, holding less); an administrator issues no documents about a child."""
    ui = page.ui
    button = QPushButton(_("Missing-child report…"), ui.missing_tab)
    button.setObjectName("missing_report_button")
    button.setToolTip(_("The report for the police: preview, save or print it (recorded in the register)"))
    ui.missing_buttons.insertWidget(0, button)
    button.setVisible(page.us.actor.role is not Role.ADMIN)
    button.setEnabled(False)
    button.clicked.connect(lambda: open_missing_report(page))
    page.missing_report_button = button
    return button


def update_report_button(page, episode) -> None:
    """Enabled for a chosen episode that is still open (the child is missing) on an active record."""
    button = getattr(page, "missing_report_button", None)
    if button is not None:
        active = page.view is not None and page.view.merged_into_id is None
        button.setEnabled(active and episode is not None and episode.open)


def open_missing_report(page):
    """The document dialog for the chosen open episode's missing-child report."""
    from ospod_desktop.ui.dialogs.document_dialog import DocumentDialog

    episode = page.selected_episode() if page.view is not None else None
    if episode is None or not episode.open:
        return None
    return page._open(DocumentDialog(page.us, page.child_id, "missing", parent=page, episode_id=episode.id))
