"""Run by bench_case_list_ui.py in its own process: log in, open the main window on the case list,
and report (as JSON) the time from login to the list painted with rows, and the process's memory."""

from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def rss_mb(field: str = "VmRSS") -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def main(db: str, user: str, password: str) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    import ospod_desktop.ui.qtfix  # noqa: F401  (as the app does, before any Qt object)

    app = QApplication([sys.argv[0]])
    from ospod_desktop.services import identity
    from ospod_desktop.ui.locale import apply_language
    from ospod_desktop.ui.main_window import MainWindow
    from ospod_desktop.ui.startup import register_fonts

    register_fonts(app)
    apply_language("cs")
    from ospod_desktop.app import warm_up_all

    warm_up_all()  # what the app imports while the login dialog waits for the password
    us = identity.login(db, user, password)
    started = time.perf_counter()
    window = MainWindow(us)
    window.resize(1366, 768)
    page = window.children_page
    result: dict = {}

    class Painted(QObject):
        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint and page.model.rowCount() > 0 and "first_paint_ms" not in result:
                result["first_paint_ms"] = (time.perf_counter() - started) * 1000
                result["rows"] = page.model.rowCount()
                QTimer.singleShot(0, after_paint)
            return False

    def after_paint() -> None:
        view = page.ui.table_view
        # Scroll to the middle and the end, as an officer would, then measure memory.
        for fraction in (0.5, 1.0):
            view.scrollTo(page.model.index(int((page.model.rowCount() - 1) * fraction), 0))
            app.processEvents()
        result["rss_mb"] = rss_mb()
        result["peak_rss_mb"] = rss_mb("VmHWM")
        print(json.dumps(result), flush=True)
        window.close()
        us.close()
        os._exit(0)

    watcher = Painted()
    page.ui.table_view.viewport().installEventFilter(watcher)
    window.show()
    app.exec()


if __name__ == "__main__":
    main(*sys.argv[1:4])
