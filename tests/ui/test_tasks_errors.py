"""Background tasks deliver on the UI thread; errors are shown in one place without personal data."""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ospod_desktop.core.errors import ValidationError
from ospod_desktop.ui import errors, tasks
from ospod_desktop.ui.tasks import ProgressRelay, Task
from tests.ui.helpers import visible_windows


def test_success_runs_off_and_is_delivered_on_the_ui_thread(qtbot):
    seen = {}

    def work():
        seen["worker"] = QThread.currentThread()
        return 42

    task = Task(None, work)
    task.success(lambda result: seen.update(result=result, ui=QThread.currentThread()))
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.run()
    assert seen["result"] == 42
    assert seen["ui"] is QApplication.instance().thread()
    assert seen["worker"] is not seen["ui"]
    assert tasks.running() == 0


def test_failure_callback_gets_the_exception(qtbot):
    got = []
    task = Task(None, lambda: (_ for _ in ()).throw(ValidationError("x", "X: wrong.")))
    task.failure(got.append)
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.run()
    assert isinstance(got[0], ValidationError)


def test_failure_without_callback_shows_the_message(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    task = Task(parent, lambda: (_ for _ in ()).throw(ValidationError("x", "X: wrong.")))
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.run()
    boxes = [w for w in visible_windows(QMessageBox) if w.objectName() == "error_box"]
    assert boxes and boxes[0].text() == "X: wrong."


def test_callbacks_skipped_when_parent_was_deleted(qtbot):
    parent = QWidget()
    called = []
    release = threading.Event()  # the work ends only once the parent is gone (a busy machine cannot reorder it)

    def work() -> int:
        release.wait(5)
        return 1

    task = Task(parent, work).success(called.append)
    task.run()
    parent.deleteLater()
    QApplication.processEvents()
    release.set()
    qtbot.waitUntil(lambda: tasks.running() == 0, timeout=5000)
    assert called == []


def test_progress_relay_reaches_the_ui_thread(qtbot):
    relay = ProgressRelay()
    seen = []
    relay.changed.connect(lambda done, total: seen.append((done, total, QThread.currentThread())))

    def work():
        for i in range(3):
            relay.report(i + 1, 3)

    with qtbot.waitSignal(Task(None, work).run().finished, timeout=5000):
        pass
    qtbot.waitUntil(lambda: len(seen) == 3)
    assert seen[-1][:2] == (3, 3)
    assert all(t is QApplication.instance().thread() for *_x, t in seen)


def test_ospod_error_shows_its_own_message():
    assert errors.message_for(ValidationError("office_name", "Office name: too long.")) == "Office name: too long."


def test_unexpected_error_is_generic_and_logged_without_its_text(caplog):
    secret = "Олександр Шевченко 050505/1234"
    try:
        raise RuntimeError(secret)
    except RuntimeError as exc:
        with caplog.at_level(logging.ERROR):
            text = errors.message_for(exc)
    assert "went wrong" in text and secret not in text
    assert "RuntimeError" in caplog.text
    assert secret not in caplog.text
