"""The GUI entry point: arguments, fonts, language, the first window; heavy imports after it is painted.

Nothing here imports sqlmodel, sqlalchemy, alembic, reportlab or our services/storage before the first
window paints (`python -X importtime -m ospod_desktop` shows it); a background thread imports them
right after, while the user types their password.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
import threading
from pathlib import Path

log = logging.getLogger(__name__)

# Imported in the background after the first paint, so pressing Login does not wait for them.
WARM_UP = (
    "ospod_desktop.services.identity",
    "ospod_desktop.services.children",
    "ospod_desktop.services.placements",
    "ospod_desktop.services.missing",
    "ospod_desktop.storage.schema",
    "ospod_desktop.storage.backup",
    "babel.dates",
    "babel.numbers",
)
# Qt modules are imported on the GUI thread, in an idle moment after the first paint.
GUI_WARM_UP = (
    "ospod_desktop.ui.main_window",
    "ospod_desktop.ui.pages.duplicates_page",
    "ospod_desktop.ui.pages.facilities_page",
    "ospod_desktop.ui.pages.child_page",
    "ospod_desktop.ui.dialogs.child_dialog",
)


def parse_args(args: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="ospod-desktop", description="OSPOD Desktop")
    parser.add_argument("--db", metavar="PATH", help="the database file to open or create")
    parser.add_argument("--demo", action="store_true", help="build and open a demo database in a temporary folder")
    parser.add_argument("--lang", choices=("cs", "en"), help="the UI language for this run")
    return parser.parse_args(args)


def setup_logging() -> None:
    """A small rotating log in the config folder (ids and action codes only, never personal data)."""
    import logging.handlers  # after the first paint: it pulls in socket, pickle and friends

    from ospod_desktop.paths import config_dir

    try:
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            config_dir() / "ospod-desktop.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    logging.getLogger("alembic").setLevel(logging.WARNING)


def _warm_up(names: tuple[str, ...] = WARM_UP) -> None:
    """Import what the first screens after login need, and load CLDR names for the UI language."""
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:  # the import is retried (and reported) where the module is needed
            log.warning("warm-up import of %s failed", name, exc_info=True)
    if names is WARM_UP:
        try:
            from ospod_desktop.core import countries

            countries.countries()
            countries.languages()
        except Exception:
            log.warning("warm-up of country names failed", exc_info=True)


def warm_up_all() -> None:
    """Everything the warm-up does, at once (benchmarks and tests use it to model a waiting login)."""
    _warm_up(WARM_UP)
    _warm_up(GUI_WARM_UP)


def _quit_on_signals(app) -> None:
    """Ctrl+C or a TERM signal ends the app through its normal path (logout audited, database closed)."""
    import signal

    from PySide6.QtCore import QTimer

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_args: app.quit())
    # Python runs signal handlers only when it gets control; an idle timer gives it control twice a second.
    timer = QTimer(app)
    timer.timeout.connect(lambda: None)
    timer.start(500)


def build_demo(path: Path, progress) -> tuple[list[tuple[str, str]], str, dict[str, str]]:
    """The `--demo` builder the UI flow calls in a background task: accounts, password and role labels."""
    import ospod_desktop.demo as demo
    from ospod_desktop.core.roles import Role

    demo.build_demo(path, progress=progress)
    labels = {role.value: role.label for role in Role}
    return list(demo.DEMO_ACCOUNTS), demo.DEMO_PASSWORD, labels


def run_gui(args: list[str]) -> int:
    """Start the desktop app; returns the process exit code."""
    ns = parse_args(args)
    from ospod_desktop.ui import platform_check

    missing = platform_check.check()
    if missing:  # Qt would abort with a message that blames the wrong library
        from ospod_desktop.core.i18n import set_language
        from ospod_desktop.ui import settings

        set_language(ns.lang or settings.language())
        sys.stderr.write(platform_check.advice(missing) + "\n")
        return 2
    from PySide6.QtWidgets import QApplication

    import ospod_desktop.ui.qtfix  # noqa: F401  (before any Qt object: PySide6 6.12 refcount fix)
    from ospod_desktop.paths import default_database_path
    from ospod_desktop.ui import settings
    from ospod_desktop.ui.errors import install_excepthook
    from ospod_desktop.ui.flow import AppFlow
    from ospod_desktop.ui.locale import apply_language
    from ospod_desktop.ui.startup import FirstPaint, probe_report, register_fonts

    QApplication.setApplicationName("OSPOD Desktop")
    QApplication.setOrganizationName("OSPOD")
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setQuitOnLastWindowClosed(False)  # the flow decides when the app ends (dialogs come and go)
    register_fonts(app)
    apply_language(ns.lang or settings.language())
    install_excepthook()

    db_path = Path(ns.db).expanduser() if ns.db else (settings.database() or default_database_path())
    flow = AppFlow(db_path, demo=build_demo if ns.demo else None)
    warm = threading.Thread(target=_warm_up, name="warm-up", daemon=True)

    def painted() -> None:
        if os.environ.get("OSPOD_STARTUP_PROBE") == "1":
            sys.stdout.write(probe_report())
            sys.stdout.flush()
            flow.cleanup()
            os._exit(0)  # the benchmark wants the time to first paint, not a full shutdown
        setup_logging()
        warm.start()
        from PySide6.QtCore import QTimer

        QTimer.singleShot(300, lambda: _warm_up(GUI_WARM_UP))

    FirstPaint(app, painted)
    _quit_on_signals(app)
    flow.start()
    try:
        code = app.exec()
    finally:
        flow.cleanup()
        if warm.is_alive():
            warm.join(timeout=5)
    return int(code)
