"""An administrator's emergency access ("break glass") in the window: the locked Children page, the reason
dialog, the read-only list and child's page with audited reads, the red banner, ending the access, lock and logout.

Set OSPOD_SHOTS_DIR=shots to keep the Czech screenshots (the folder is git-ignored) and look at them.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from sqlalchemy import text

from ospod_desktop.core.errors import PermissionDenied
from ospod_desktop.services import children
from ospod_desktop.ui.dialogs.break_glass_dialog import BreakGlassDialog
from ospod_desktop.ui.main_window import CHILDREN, MainWindow
from ospod_desktop.ui.pages.child_page import ChildPage
from tests.conftest import ADMIN_PASSWORD
from tests.services.placement_helpers import child, count, last_audit
from tests.ui.helpers import type_text, wait_tasks
from tests.ui.test_screens import clipped, czech, shots, snap  # noqa: F401 (fixtures)

REASON = "Žádost Obvodního soudu pro Prahu 5, sp. zn. 12 P 45/2026"


@pytest.fixture
def office(admin_session, officer_session):
    """The admin's session and two children registered by an officer."""
    admin, _code = admin_session
    ids = [child(officer_session, "Ali"), child(officer_session, "Šimon")]
    return admin, ids


def _window(qtbot, us) -> MainWindow:
    window = MainWindow(us)
    qtbot.addWidget(window)
    window.resize(1100, 720)
    window.ui.nav_list.setCurrentRow(CHILDREN)
    window.show()
    qtbot.waitExposed(window)
    return window


def _ok(dialog: BreakGlassDialog):
    return dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Ok)


def _fill(dialog: BreakGlassDialog, code: str | None, reason: str) -> None:
    combo = dialog.ui.reason_code
    combo.setCurrentIndex(combo.findData(code) if code else 0)
    dialog.ui.reason.clear()
    type_text(dialog.ui.reason, reason)


def _open_access(qtbot, window: MainWindow, code: str = "legal_request", reason: str = REASON) -> BreakGlassDialog:
    page = window.children_page
    qtbot.mouseClick(page.ui.break_glass_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, BreakGlassDialog) and dialog.isVisible()
    _fill(dialog, code, reason)
    with qtbot.waitSignal(page.list_loaded, timeout=10_000):
        _ok(dialog).click()
    wait_tasks(qtbot)
    return dialog


def test_admin_sees_the_panel_and_no_child_data(qtbot, office, monkeypatch):
    admin, ids = office
    calls = []
    for name in ("list_children", "child_rows", "child_ids", "record_list_view"):
        monkeypatch.setattr(children, name, lambda *a, _n=name, **k: calls.append(_n))
    window = _window(qtbot, admin)
    page = window.children_page
    wait_tasks(qtbot)
    assert page.locked and page.ui.locked_panel.isVisible() and not page.ui.child_tabs.isVisible()
    assert "do not see children's records" in page.ui.note_label.text()
    assert "every record you open is audited" in page.ui.note_label.text()
    assert page.ui.break_glass_button.isVisible() and "emergency access" in page.ui.break_glass_button.text()
    assert not window.ui.emergency_banner.isVisible()
    assert window.open_child(ids[0]) is None and page.ui.child_tabs.count() == 1
    assert calls == [] and page.model.rowCount() == 0


def test_a_short_reason_or_no_reason_code_opens_nothing(qtbot, office):
    admin, _ids = office
    window = _window(qtbot, admin)
    dialog = window.children_page.request_access()
    assert dialog.ui.reason_code.currentData() is None  # no reason is preselected
    _fill(dialog, None, REASON)
    _ok(dialog).click()
    wait_tasks(qtbot)
    assert dialog.isVisible() and dialog.ui.error_label.text() == "Reason: choose one of the listed values."
    assert dialog.focusWidget() is dialog.ui.reason_code

    _fill(dialog, "emergency", "nutné")
    _ok(dialog).click()
    wait_tasks(qtbot)
    assert dialog.isVisible() and dialog.ui.error_label.text().startswith("Reason: describe why you need the records")
    assert dialog.focusWidget() is dialog.ui.reason
    assert admin.break_glass_id is None and count(admin, "break_glass") == 0
    assert window.children_page.locked and not window.ui.emergency_banner.isVisible()

    dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert not dialog.isVisible() and window.children_page.locked


def test_emergency_access_opens_the_list_read_only_and_ends(qtbot, office):
    admin, ids = office
    window = _window(qtbot, admin)
    page = window.children_page
    dialog = _open_access(qtbot, window)
    assert not dialog.isVisible()
    glass = admin.break_glass_id
    assert glass is not None and count(admin, "break_glass") == 1
    with admin.read() as s:
        audited = s.exec(text("SELECT action, entity, entity_id, detail FROM audit_log "
                              "WHERE action = 'break_glass'")).all()
    assert [tuple(r) for r in audited] == [("break_glass", "session", glass, "legal_request")]

    # The list shows the office's children; nothing that writes is offered.
    assert not page.locked and page.ui.child_tabs.isVisible() and not page.ui.locked_panel.isVisible()
    assert sorted(page.model.ids()) == sorted(ids)
    assert not page.ui.register_button.isVisible() and not page.ui.import_button.isVisible()
    banner = window.ui.emergency_banner
    assert banner.isVisible()
    assert window.ui.emergency_label.text() == "Emergency access open — every record you open is audited"
    assert window.ui.end_emergency_button.isVisible()

    # Opening a child works, read-only, and the read is marked as made through the break glass.
    child_page = window.open_child(ids[1])
    assert isinstance(child_page, ChildPage)
    wait_tasks(qtbot)
    assert child_page.view is not None, child_page.ui.error_label.text()
    assert "Šimon" in child_page.ui.name_label.text()
    assert not child_page.ui.edit_button.isVisible() and not child_page.ui.place_button.isVisible()
    with admin.read() as s:
        details = {r[0] for r in s.exec(text(
            "SELECT detail FROM audit_log WHERE action = 'read' AND entity = 'child' AND entity_id = :i"
        ).bindparams(i=ids[1])).all()}
    assert f"break_glass:{glass}" in details
    assert page.ui.child_tabs.count() == 2

    # Ending the access closes the child's tab, forgets the rows and locks the page again.
    page.ui.search_edit.setText("Šim")
    qtbot.mouseClick(window.ui.end_emergency_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)  # the audited end runs off the UI thread, after the records left the screen
    assert admin.break_glass_id is None
    assert last_audit(admin) == ("break_glass", "session", glass, "end")
    assert page.locked and page.ui.locked_panel.isVisible() and not page.ui.child_tabs.isVisible()
    assert page.ui.child_tabs.count() == 1 and page.model.rowCount() == 0 and page.ui.search_edit.text() == ""
    assert not banner.isVisible()
    assert window.open_child(ids[0]) is None
    with pytest.raises(PermissionDenied):  # the service agrees: no more reads
        children.get_child(admin, ids[0])
    wait_tasks(qtbot)
    assert page.model.rowCount() == 0  # no search was still on its way

    # The glass can be broken again in the same session (a new reason, a new row).
    _open_access(qtbot, window, "data_subject_request", "Žádost zákonného zástupce o výpis ze spisu")
    assert admin.break_glass_id not in (None, glass) and sorted(page.model.ids()) == sorted(ids)


def test_lock_hides_the_banner_and_logout_ends_the_access(qtbot, office, officer_session):
    admin, _ids = office
    window = _window(qtbot, admin)
    _open_access(qtbot, window)
    glass = admin.break_glass_id
    window.lock()
    assert window.locked and not window.ui.emergency_banner.isVisible()
    type_text(window.lock_page.ui.password_edit, ADMIN_PASSWORD)
    qtbot.mouseClick(window.lock_page.ui.unlock_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert not window.locked and window.ui.emergency_banner.isVisible()
    assert admin.break_glass_id == glass  # locking the screen keeps the emergency access of this session

    with qtbot.waitSignal(window.session_ended):
        window.log_out()
    with officer_session.read() as s:
        rows = s.exec(text("SELECT action, entity_id, detail FROM audit_log ORDER BY id DESC LIMIT 2")).all()
    assert [tuple(r) for r in rows] == [("logout", None, ""), ("break_glass", glass, "end")]


def test_break_glass_screens(qtbot, czech, shots, office):  # noqa: F811 (fixtures)
    admin, _ids = office
    window = _window(qtbot, admin)
    assert window.ui.nav_list.item(CHILDREN).text() == "Děti"  # the Czech catalog is in use
    snap(qtbot, window, shots, "break_glass_1_panel")
    dialog = window.children_page.request_access()
    _fill(dialog, "legal_request", "krátké")
    _ok(dialog).click()
    wait_tasks(qtbot)
    assert dialog.isVisible() and dialog.ui.error_label.text()
    snap(qtbot, dialog, shots, "break_glass_2_dialog")
    dialog.reject()
    _open_access(qtbot, window)
    snap(qtbot, window, shots, "break_glass_3_banner")
    window.open_child(_ids[1])
    wait_tasks(qtbot)
    snap(qtbot, window, shots, "break_glass_4_child")
    window.resize(window.minimumSize())  # the banner wraps rather than widening the window
    QApplication.processEvents()
    assert window.width() == window.minimumWidth() <= 820
    assert clipped(window.ui.emergency_banner) == []
    assert window.grab().save(str(shots / "break_glass_5_banner_narrow.png"))
