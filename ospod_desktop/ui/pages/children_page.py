"""The Children page (the registration work fills it: case list, search, register a child)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ospod_desktop.core.i18n import _
from ospod_desktop.core.roles import CHILD_READERS
from ospod_desktop.ui.pages.placeholder_page import PlaceholderPage


class ChildrenPage(PlaceholderPage):
    """For now a sentence; administrators never see children's records."""

    def __init__(self, us, parent: QWidget | None = None) -> None:
        if us.actor.role in CHILD_READERS:
            text = _("The list of registered children and the registration of a new child will appear here.")
        else:
            text = _("Administrators manage accounts and settings; they do not see children's records.")
        super().__init__(_("Children"), text, parent)
        self.us = us
