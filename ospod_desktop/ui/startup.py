"""What must happen before the first window: fonts and their fallbacks; and the hook that fires once it is painted."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

from ospod_desktop.core.fonts import BASE, FALLBACKS
from ospod_desktop.paths import resource

log = logging.getLogger(__name__)
APP_FONT = BASE.family


def register_fonts(app: QApplication, point_size: int = 10) -> list[str]:
    """Register every bundled TTF and make DejaVu Sans the app font (Czech and Cyrillic need it), with the Noto
    fonts behind it: Qt takes a letter DejaVu lacks (Bengali, Ethiopic, Urdu's) from the first family that has it.

    Every widget's font starts from the app font, so labels, table cells, rich text and tab titles all fall back.
    The six Noto files add about 0.3 ms to start-up (the first file, which sets Qt's font database up, costs 3 ms),
    so they are registered before the first window like DejaVu.
    """
    families: list[str] = []
    for ttf in sorted(resource("fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(ttf))
        if font_id < 0:
            log.warning("font %s could not be registered", ttf.name)
            continue
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    fallbacks = [f.family for f in FALLBACKS if f.family in families]
    if APP_FONT in families or APP_FONT in QFontDatabase.families():
        font = QFont(APP_FONT, point_size)
        font.setFamilies([APP_FONT, *fallbacks])
        app.setFont(font)
    elif fallbacks:  # no DejaVu (a broken install): the platform's font, with the fallbacks still behind it
        font = QFont(app.font())
        font.setFamilies([font.family(), *fallbacks])
        app.setFont(font)
    return families


class FirstPaint(QObject):
    """Calls `callback` once, right after the first paint of any widget (the first window is on screen)."""

    def __init__(self, app: QApplication, callback: Callable[[], None]) -> None:
        super().__init__(app)
        self._app = app
        self._callback: Callable[[], None] | None = callback
        app.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if self._callback is not None and event.type() == QEvent.Type.Paint and isinstance(obj, QWidget):
            callback, self._callback = self._callback, None
            self._app.removeEventFilter(self)
            QTimer.singleShot(0, callback)  # run after this paint has finished
        return False


PROBE_MODULES = ("sqlmodel", "sqlalchemy", "alembic", "reportlab", "ospod_desktop.services", "ospod_desktop.storage",
                 "PySide6.QtCharts")  # Qt Charts: only when the Statistics page is first shown


def probe_report() -> str:
    """The startup probe's output: the marker, then which heavy modules were already loaded."""
    loaded = " ".join(f"{name}={int(name in sys.modules)}" for name in PROBE_MODULES)
    return f"OSPOD_PAINTED\nOSPOD_MODULES {loaded}\n"
