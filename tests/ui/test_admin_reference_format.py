"""The office form's č.j. format: shown, saved, and refused without {number} (the message names the field)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt

from ospod_desktop.core import i18n
from ospod_desktop.services import identity
from tests.ui.helpers import wait_tasks
from tests.ui.test_admin import _window


def test_the_reference_format_is_shown_saved_and_checked(qtbot, admin_session):
    us, _code = admin_session
    window = _window(qtbot, us)
    page = window.admin_page
    edit = page.ui.office_reference_format_edit
    assert edit.text() == "OSPOD/{number}/{year}"
    edit.setText("MCP5/OSPOD/{year}/{number}")
    qtbot.mouseClick(page.ui.save_office_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert identity.get_office(us).reference_format == "MCP5/OSPOD/{year}/{number}"

    edit.setText("OSPOD/{year}")
    qtbot.mouseClick(page.ui.save_office_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert page.ui.office_status_label.text().startswith("Reference number (č.j.) format: write {number}")
    assert identity.get_office(us).reference_format == "MCP5/OSPOD/{year}/{number}"  # nothing half-saved
    window.close()


def test_czech_office_form_screenshots(qtbot, admin_session):
    """Screenshots for a person to look at (only when the folder exists): the Czech office tab at 1366x768 and
    at the minimum window size."""
    shots = Path(os.environ.get("OSPOD_SHOTS", "/tmp/shots/disclosures"))
    if not shots.is_dir():
        return
    i18n.set_language("cs")
    window = _window(qtbot, admin_session[0])
    page = window.admin_page
    page.ui.admin_tabs.setCurrentWidget(page.ui.office_tab)
    assert page.ui.office_reference_format_label.text() == "&Formát čísla jednacího (č.j.)"
    for w, h in ((1366, 768), (1000, 600)):
        window.resize(w, h)
        qtbot.wait(50)
        window.grab().save(str(shots / f"admin_office_cs_{w}x{h}.png"))
    window.close()
