"""The main window's pages that only some roles use: built for those roles; for the others an empty page keeps
the page numbers and its navigation entry is hidden."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from ospod_desktop.core.i18n import _
from ospod_desktop.core.roles import STATISTICS_ROLES, Role

DUPLICATE_REVIEWERS = (Role.SUPERVISOR, Role.OFFICER)


def duplicates_page(window, row: int) -> QWidget:
    """Officers and supervisors review possible duplicates (inserted as navigation entry `row` of the main
    `window`; a child opened from the page opens in the window)."""
    reviewer = window.us.actor.role in DUPLICATE_REVIEWERS
    window.ui.nav_list.insertItem(row, QListWidgetItem(_("Possible duplicates")))
    window.ui.nav_list.item(row).setHidden(not reviewer)
    if not reviewer:
        return QWidget()
    from ospod_desktop.ui.pages.duplicates_page import DuplicatesPage

    page = DuplicatesPage(window.us)
    page.open_child_requested.connect(window.open_child)
    return page


def statistics_page(us, nav: QListWidget, row: int) -> QWidget:
    """Supervisors and officers see the statistics (`STATISTICS_ROLES`); its entry is already in the navigation."""
    allowed = us.actor.role in STATISTICS_ROLES
    nav.item(row).setHidden(not allowed)
    if not allowed:
        return QWidget()
    from ospod_desktop.ui.pages.statistics_page import StatisticsPage

    return StatisticsPage(us)
