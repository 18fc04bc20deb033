"""Run by bench_due_page_ui.py in its own process: log in as `user`, open the main window on the case list, let
the after-login work (the case list, `refresh_stale`, the badge) finish, then open the Due and overdue page and report (as JSON) the
time from choosing the page to its list painted with rows, the time to a block far down the list after a jump
to the end, and the catch-up's time."""

from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(db: str, user: str, password: str) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    import ospod_desktop.ui.qtfix  # noqa: F401  (as the app does, before any Qt object)

    app = QApplication([sys.argv[0]])
    from ospod_desktop.services import identity
    from ospod_desktop.ui import tasks
    from ospod_desktop.ui.locale import apply_language
    from ospod_desktop.ui.main_window import CHILDREN, DUE, MainWindow
    from ospod_desktop.ui.startup import register_fonts

    register_fonts(app)
    apply_language("cs")
    from ospod_desktop.app import warm_up_all

    warm_up_all()
    us = identity.login(db, user, password)
    started = time.perf_counter()
    window = MainWindow(us)
    window.due_page.caught_up.disconnect(window._show_due_after_login)  # the page is chosen below, by hand
    window.resize(1366, 768)
    window.ui.nav_list.setCurrentRow(CHILDREN)
    window.show()
    while tasks.running():
        app.processEvents()
        time.sleep(0.005)
    result: dict = {"catch_up_ms": (time.perf_counter() - started) * 1000}
    page = window.due_page
    window.ui.nav_list.setCurrentRow(CHILDREN)
    app.processEvents()

    class Painted(QObject):
        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() != QEvent.Type.Paint or page.model.rowCount() == 0:
                return False
            if "first_paint_ms" not in result:
                result["first_paint_ms"] = (time.perf_counter() - clicked) * 1000
                result["items"] = page.model.rowCount()
                QTimer.singleShot(0, jump)
            elif "jump" in result and "end_rows_ms" not in result and page.model.row_at(
                    page.view.rowAt(page.view.viewport().height() - 2)) is not None:
                result["end_rows_ms"] = (time.perf_counter() - result.pop("jump")) * 1000
                QTimer.singleShot(0, done)
            return False

    def jump() -> None:
        result["jump"] = time.perf_counter()
        page.view.scrollToBottom()
        page.view.viewport().update()

    def done() -> None:
        print(json.dumps(result), flush=True)
        window.close()
        us.close()
        os._exit(0)

    watcher = Painted()
    page.view.viewport().installEventFilter(watcher)
    clicked = time.perf_counter()
    window.ui.nav_list.setCurrentRow(DUE)
    app.exec()


if __name__ == "__main__":
    main(*sys.argv[1:4])
