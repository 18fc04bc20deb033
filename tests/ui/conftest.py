"""UI tests: bundled fonts registered once, and no window left open between tests."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

import ospod_desktop.ui.qtfix  # noqa: F401  (as the app does: no test can exhaust True or None on PySide6 6.12)


@pytest.fixture(scope="session", autouse=True)
def app_fonts(qapp):
    """The app's own fonts, so screenshots show what users see (Czech and Cyrillic included)."""
    from ospod_desktop.ui.startup import register_fonts

    register_fonts(qapp)
    qapp.setQuitOnLastWindowClosed(False)
    yield


@pytest.fixture(autouse=True)
def own_config(tmp_path, monkeypatch):
    """Each test gets its own settings file (language, remembered database)."""
    monkeypatch.setenv("OSPOD_CONFIG_DIR", str(tmp_path / "config"))


@pytest.fixture(autouse=True)
def close_windows(qapp):
    """Close (and schedule deletion of) every top-level window a test left behind."""
    yield
    from ospod_desktop.ui import tasks

    tasks.wait_all()
    QApplication.processEvents()
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
