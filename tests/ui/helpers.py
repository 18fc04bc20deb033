"""Helpers for driving real widgets in tests."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QImage, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(widget: QWidget, text: str) -> None:
    """Type any Unicode text, one key event per character.

    `qtbot.keyClicks` aborts the process on a non-ASCII character (Qt's qasciikey assert), so Czech and
    Cyrillic are sent as key events carrying the character with Qt.Key_unknown.
    """
    widget.setFocus()
    for ch in text:
        key = Qt.Key.Key_Return if ch == "\n" else Qt.Key.Key_unknown  # a text edit breaks lines on Return
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))


def visible_windows(kind: type | None = None) -> list[QWidget]:
    """Visible top-level windows, optionally of one class."""
    return [
        w for w in QApplication.topLevelWidgets() if w.isVisible() and (kind is None or isinstance(w, kind))
    ]


def wait_tasks(qtbot, timeout: int = 10_000) -> None:
    """Wait until every background task has delivered its result on the UI thread."""
    from ospod_desktop.ui import tasks

    qtbot.waitUntil(lambda: tasks.running() == 0, timeout=timeout)


def shots_dir(tmp_path) -> Path:
    """Where a test saves its screenshots: OSPOD_SHOTS_DIR (e.g. shots, git-ignored) to keep them, else tmp_path."""
    import os

    folder = Path(os.environ.get("OSPOD_SHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class ChangesSeen:
    """Records every change announced app-wide (`ui.changes`) while it lives: `seen.changes`."""

    def __init__(self) -> None:
        from PySide6.QtCore import QObject

        from ospod_desktop.ui.changes import subscribe

        class _Receiver(QObject):  # subscribe() takes a QObject's method: the connection ends with it
            def record(inner, changes) -> None:  # noqa: N805
                self.changes.append(changes)

        self.changes: list = []
        self._receiver = _Receiver()
        subscribe(self._receiver.record)

    def child_ids(self) -> list[list[int]]:
        """The children named by each announcement, in order."""
        from ospod_desktop.ui.changes import Kind

        return [sorted(c.ids_of(Kind.CHILD)) for c in self.changes]


def laid_out(widget: QWidget) -> bool:
    """True when no layout in `widget`'s window has work pending.

    `QLayout.activate()` redoes a pending layout at once and tells whether there was one, so waiting on this
    condition finishes as soon as the layouts are done, however slow the machine.
    """
    window = widget.window()
    layouts = [w.layout() for w in (window, *window.findChildren(QWidget)) if w.isVisible() and w.layout() is not None]
    return not any([layout.activate() for layout in layouts])  # a list: every pending layout is redone


def on_screen(widget: QWidget) -> bool:
    """Shown, its window exposed, every layout done: what a screenshot must wait for."""
    handle = widget.window().windowHandle()
    return widget.isVisible() and handle is not None and handle.isExposed() and laid_out(widget)


def screenshot(qtbot, widget: QWidget, path: Path, timeout: int = 10_000) -> QImage:
    """Save `widget`'s picture once every background task has delivered and it is on screen (waits on these
    conditions, never a fixed time). Asserts the picture is the widget's size and painted (not one flat
    colour); returns it.
    """
    from ospod_desktop.ui import tasks

    qtbot.waitUntil(lambda: tasks.running() == 0 and on_screen(widget), timeout=timeout)
    image = widget.grab().toImage()
    assert not image.isNull()
    ratio = image.devicePixelRatio()
    assert (round(image.width() / ratio), round(image.height() / ratio)) == (widget.width(), widget.height())
    step = max(1, min(image.width(), image.height()) // 40)
    colours = {image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)}
    assert len(colours) > 2, f"{path.name}: nothing painted"
    assert image.save(str(path))
    return image


def open_child_page(qtbot, us, child_id):
    """A child's page on its own at 1150×720, shown and loaded (its background reads delivered)."""
    from ospod_desktop.ui.pages.child_page import ChildPage

    page = ChildPage(us, child_id)
    qtbot.addWidget(page)
    page.resize(1150, 720)
    page.show()
    page.reload()
    wait_tasks(qtbot)
    return page
