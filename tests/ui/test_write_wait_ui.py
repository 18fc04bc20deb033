"""A login or an import that must wait for another process's write says so in its window (issue 14, item 6):
"The database is busy: another process is writing (an import of children in process …); waiting…" instead of
a progress bar that seems frozen, then goes through once the other process is done."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

from ospod_desktop.services import children
from ospod_desktop.ui.dialogs.import_dialog import ImportDialog
from ospod_desktop.ui.dialogs.login_dialog import LoginDialog
from ospod_desktop.ui.locale import apply_language
from tests.conftest import ADMIN_PASSWORD
from tests.storage.test_write_lock_wait import _hold
from tests.ui.helpers import wait_tasks

YESTERDAY = (date.today() - timedelta(days=1)).isoformat()


def _grab(widget, name: str, tmp_path: Path) -> None:
    """The window while it waits (not `helpers.screenshot`: that waits for the work to end)."""
    folder = Path(os.environ.get("OSPOD_SHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(folder / name))


def test_the_login_window_says_it_waits_for_another_process(qtbot, admin_session, db_path, tmp_path):
    us, _code = admin_session
    dialog = LoginDialog(db_path)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui.username_edit.setText("admin")
    dialog.ui.password_edit.setText(ADMIN_PASSWORD)
    holder = _hold(db_path, us.db.key_hex, 3.0)  # another process imports (its note says so)
    try:
        with qtbot.waitSignal(dialog.logged_in, timeout=30_000) as signal:
            dialog.submit()
            qtbot.waitUntil(lambda: "waiting" in dialog.ui.busy_label.text(), timeout=15_000)
            text = dialog.ui.busy_label.text()
            assert f"another process is writing (an import of children in process {holder.pid}, since" in text
            assert dialog.ui.busy_label.isVisible() and not dialog.ui.error_label.isVisible()
            _grab(dialog, "login_waiting.png", tmp_path)
    finally:
        holder.wait(timeout=30)
    signal.args[0].close()  # logged in once the other process was done
    wait_tasks(qtbot)


def test_the_import_window_says_it_waits_in_czech_then_imports(qtbot, officer_session, db_path, tmp_path):
    apply_language("cs")
    try:
        path = tmp_path / "register.csv"
        header = "Příjmení;Jméno;Pohlaví;Rok narození;Státní příslušnost;Datum nalezení;Místo nalezení;Stav"
        rows = [f"Ševčenko;Oleksandr;M;2010;UA;{YESTERDAY};Praha;bez doprovodu",
                f"Tesfay;Sara;Ž;2009;ER;{YESTERDAY};Plzeň;bez doprovodu"]
        path.write_text("\ufeff" + "\n".join([header, *rows]) + "\n", encoding="utf-8")
        dialog = ImportDialog(officer_session)
        qtbot.addWidget(dialog)
        dialog.resize(1366, 768)
        dialog.show()
        dialog.load_file(path)
        wait_tasks(qtbot)
        holder = _hold(db_path, officer_session.db.key_hex, 4.0)
        try:
            dialog.ui.import_button.click()
            qtbot.waitUntil(lambda: "čeká se" in dialog.ui.summary_label.text(), timeout=15_000)
            text = dialog.ui.summary_label.text()
            assert "Databáze je zaneprázdněná" in text and str(holder.pid) in text
            _grab(dialog, "import_waiting_1366x768.png", tmp_path)
            dialog.resize(1000, 600)
            qtbot.wait(100)
            _grab(dialog, "import_waiting_1000x600.png", tmp_path)
            wait_tasks(qtbot, timeout=30_000)
        finally:
            holder.wait(timeout=30)
        assert len(children.list_children(officer_session, children.ListFilter(case_status=None)).ids) == 2
        assert "čeká se" not in dialog.ui.summary_label.text()
    finally:
        apply_language("en")
