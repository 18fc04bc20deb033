"""The login window's offer when the database is damaged (issue 14's corruption suite, its GUI part): the message
names what is damaged, the latest backup in `backups/` is offered with its date, and "Restore the latest backup…"
restores it through `maintenance.restore` (the damaged file kept beside it), after which the login works."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from sqlalchemy import text

from ospod_desktop.core.errors import DatabaseCorrupt
from ospod_desktop.core.i18n import set_language
from ospod_desktop.core.roles import Role
from ospod_desktop.services import identity, maintenance
from ospod_desktop.storage.backup import backups_folder, latest_backup
from ospod_desktop.ui.dialogs.backup_dialog import suggested_path
from ospod_desktop.ui.dialogs.login_dialog import LoginDialog
from ospod_desktop.ui.dialogs.restore_dialog import when
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD
from tests.ui.helpers import type_text, wait_tasks

SHOTS = Path("/tmp/shots/rel-suites")


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for offset in range(4096, min(len(data), 4096 * 3)):
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))


def _attempt(qtbot, db_path: Path, username: str, password: str) -> LoginDialog:
    dialog = LoginDialog(db_path)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui.username_edit.setText(username)
    type_text(dialog.ui.password_edit, password)
    qtbot.mouseClick(dialog.ui.login_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    qtbot.waitUntil(lambda: dialog.backup_offer is not None and dialog.backup_offer.isVisible(), timeout=10_000)
    return dialog


def _button(box, name: str) -> QPushButton | None:
    return box.findChild(QPushButton, name)


def _shots(box, name: str) -> None:
    """The box must fit the smallest supported screen; saved for a look at 1366x768 and at 1000x600."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((1366, 768), (1000, 600)):
        box.setMaximumSize(width, height)
        box.adjustSize()
        assert box.width() <= width and box.height() <= height, (box.size(), width, height)
        box.grab().save(str(SHOTS / f"{name}-{width}x{height}.png"))


@pytest.fixture
def backed_up(admin_session, db_path):
    """A database with an older and a newer backup in `backups/`, then damaged; returns the newer backup."""
    admin, _code = admin_session
    identity.create_user(admin, "officer", "Petr Novák", Role.OFFICER, OFFICER_PASSWORD)
    older = maintenance.backup_to(admin, backups_folder(db_path) / "ospod-before-0011-20261101T080000Z.db")
    os.utime(older, (1_700_000_000, 1_700_000_000))
    newer = maintenance.backup_to(admin, suggested_path(db_path))
    admin.close()
    _damage(db_path)
    return newer


@pytest.mark.parametrize("lang", ["en", "cs"])
def test_a_damaged_database_offers_the_latest_backup_with_its_date_and_restores_it(qtbot, backed_up, db_path, lang):
    set_language(lang)
    assert latest_backup(db_path) == backed_up
    report = maintenance.inspect_backup(backed_up, "admin", ADMIN_PASSWORD)
    dialog = _attempt(qtbot, db_path, "admin", ADMIN_PASSWORD)
    box = dialog.backup_offer
    assert box is not None
    assert box.text().startswith(DatabaseCorrupt().message)  # what is damaged, first
    assert when(report) in box.text() and backed_up.name in box.text()
    restore = _button(box, "restore_latest_button")
    assert restore is not None and restore.text() == (
        "Restore the latest backup…" if lang == "en" else "Obnovit poslední zálohu…")
    assert "unexpected" not in box.text().lower()
    _shots(box, f"backup-offer-{lang}")
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    confirm = dialog.offer.confirm_box
    assert confirm is not None and confirm.isVisible() and when(report) in confirm.text()
    _shots(confirm, f"restore-confirm-{lang}")
    qtbot.mouseClick(_button(confirm, "restore_button"), Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    done = dialog.offer.done_box
    assert done is not None and done.isVisible(), dialog.ui.error_label.text()
    _shots(done, f"restore-done-{lang}")
    kept = list(db_path.parent.glob("ospod.before-restore-*.db"))
    assert len(kept) == 1 and str(kept[0]) in done.text()
    assert backed_up.exists()  # the backup itself is only read
    # the restored database opens and verifies; its audit records the restore from the GUI
    assert maintenance.verify(db_path, "admin", ADMIN_PASSWORD).ok
    us = identity.login(db_path, "admin", ADMIN_PASSWORD)
    try:
        with us.read() as s:
            assert s.exec(text("SELECT count(*) FROM audit_log WHERE action = 'restore' AND detail LIKE 'gui:%'")
                          ).scalar() == 1
    finally:
        identity.logout(us)


def test_without_a_backup_the_offer_says_where_it_looked(qtbot, admin_session, db_path):
    admin, _code = admin_session
    admin.close()
    _damage(db_path)
    dialog = _attempt(qtbot, db_path, "admin", ADMIN_PASSWORD)
    box = dialog.backup_offer
    assert f"No backup was found in {backups_folder(db_path)}." in box.text()
    assert _button(box, "restore_latest_button") is None and _button(box, "open_backup_button") is not None


def test_an_officer_is_told_why_the_latest_backup_cannot_be_restored_with_the_account(qtbot, backed_up, db_path):
    dialog = _attempt(qtbot, db_path, "officer", OFFICER_PASSWORD)
    box = dialog.backup_offer
    assert "cannot be restored with this account: Only an administrator of the backup can restore it." in box.text()
    assert _button(box, "restore_latest_button") is None
    assert not list(db_path.parent.glob("*.before-restore-*"))  # nothing was changed
