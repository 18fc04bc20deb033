"""An OSPOD account without the office key is told at login why sealed text reads "withheld" (issue 14 item 3)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from ospod_desktop.core.roles import Role
from ospod_desktop.services import identity
from ospod_desktop.storage import sealing
from ospod_desktop.ui.flow import AppFlow
from tests.conftest import OFFICER_PASSWORD
from tests.ui.helpers import screenshot, shots_dir, wait_tasks
from tests.ui.test_screens import czech, office_session  # noqa: F401 (fixtures)

SUPERVISOR_PASSWORD = "supervisor password 2026"


def test_a_keyless_officer_is_told_and_a_key_holder_is_not(qtbot, czech, office_session, tmp_path, db_path):  # noqa: F811
    admin, _code = office_session
    identity.create_user(admin, "vedouci", "Vedoucí", Role.SUPERVISOR, SUPERVISOR_PASSWORD)
    identity.login(db_path, "vedouci", SUPERVISOR_PASSWORD).close()  # holds the key: the bootstrap is gone
    folder = shots_dir(tmp_path)
    for username, told in (("vedouci", False), ("oleksandr", True)):
        us = identity.login(db_path, username, SUPERVISOR_PASSWORD if username == "vedouci" else OFFICER_PASSWORD)
        flow = AppFlow(db_path, quit_app=lambda: None)
        window = flow.open_main(us)
        qtbot.addWidget(window)
        wait_tasks(qtbot)
        box = flow.office_key_box
        assert (box is not None) == told
        if told:
            assert isinstance(box, QMessageBox) and box.isVisible()
            assert sealing.withheld() in box.text() and "klíč" in box.text()  # Czech
            for size in ((1366, 768), (1000, 600)):
                window.resize(*size)
                screenshot(qtbot, window, folder / f"office_key_notice_{size[0]}.png")
                screenshot(qtbot, box, folder / f"office_key_notice_box_{size[0]}.png")
            box.accept()
        window.close()
        us.close()
