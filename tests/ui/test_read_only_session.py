"""A session whose audit chain lost rows opens read-only: the main window says so at once (its banner, for as long
as the session lasts: tests/ui/test_read_only_banner.py), naming the lost ids."""

from __future__ import annotations

from ospod_desktop.services import chain_anchor, identity
from ospod_desktop.storage import anchor
from ospod_desktop.ui.flow import AppFlow
from tests.conftest import ADMIN_PASSWORD


def test_the_main_window_of_a_read_only_session_names_the_lost_rows(qtbot, admin_session, db_path):
    us, _code = admin_session
    key = bytes.fromhex(us.db.key_hex)
    us.close()
    head = anchor.read(db_path, key).anchor
    anchor.write(db_path, key, anchor.Anchor(head.id + 3, head.digest), "restore")  # as after a lost WAL
    ro = identity.login(db_path, "admin", ADMIN_PASSWORD)
    assert isinstance(ro.chain_loss, chain_anchor.ChainFinding)
    flow = AppFlow(db_path, quit_app=lambda: None)
    window = flow.open_main(ro)
    qtbot.waitExposed(window)
    banner = window.read_only_banner
    assert banner is not None and banner.isVisible()
    assert f"audit rows {head.id + 1} to {head.id + 3}" in banner.label.text()
    window.close()
    ro.close()
