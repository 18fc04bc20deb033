"""The PySide6 6.12 / Python 3.11 reference-count work-around (ui/qtfix.py).

Each check runs in a fresh interpreter: the leaks abort the process ("bool_dealloc", "none_dealloc"), and
the test process itself has qtfix loaded by tests/ui/conftest.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_SENDER = """
import json, sys
from PySide6.QtCore import QCoreApplication, QObject, Signal
class Sender(QObject):
    plain = Signal()
    flag = Signal(bool)
    value = Signal(object)
"""

# 200,000 emits of each kind and 200,000 void calls: on PySide6 6.12.0 / Python 3.11 without the fix,
# True (count ~600) is freed within the first thousand emits and the interpreter aborts.
STRESS = _SENDER + """
import ospod_desktop.ui.qtfix as qtfix
app = QCoreApplication([])
sender, obj, received = Sender(), QObject(), []
sender.value.connect(received.append)
before = {"True": sys.getrefcount(True), "None": sys.getrefcount(None)}
for _ in range(200_000):
    sender.plain.emit()
    sender.flag.emit(True)
    sender.value.emit(None)
    obj.setObjectName("probe")
assert len(received) == 200_000 and received[-1] is None
received.clear()
after = {"True": sys.getrefcount(True), "None": sys.getrefcount(None)}
print(json.dumps({"before": before, "after": after, "immortalised": qtfix.IMMORTALISED}))
"""

# Measures the raw leaks with True and None padded (so the measurement cannot free them), then asks qtfix.
MEASURE = _SENDER + """
import ctypes
N = 10_000
if sys.version_info < (3, 12):
    for o in (None, True, False):
        ctypes.c_ssize_t.from_address(id(o)).value += 10 * N
app = QCoreApplication([])
sender, obj = Sender(), QObject()
t0 = sys.getrefcount(True)
for _ in range(N):
    sender.plain.emit()
emit_lost = t0 - sys.getrefcount(True)
n0 = sys.getrefcount(None)
for _ in range(N):
    obj.setObjectName("probe")
void_lost = n0 - sys.getrefcount(None)
import ospod_desktop.ui.qtfix as qtfix
print(json.dumps({"emit_lost": emit_lost, "void_lost": void_lost, "emit_flag": qtfix.EMIT_LEAKS_TRUE,
                  "void_flag": qtfix.VOID_CALL_LEAKS_NONE}))
"""


def _run(code: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
    )


def test_emits_and_void_calls_cannot_exhaust_true_or_none():
    result = _run(STRESS)
    assert result.returncode == 0, result.stderr[-2000:]  # without the fix: -6, "bool_dealloc"
    assert "Fatal Python error" not in result.stderr
    counts = json.loads(result.stdout)
    for name in ("True", "None"):
        if counts["immortalised"]:
            assert counts["after"][name] > 2**39  # far from zero, however long a session runs
        else:  # a fixed PySide6 or Python 3.12+: nothing leaks, nothing is changed
            assert abs(counts["after"][name] - counts["before"][name]) < 100


def test_detection_matches_the_leaks_this_pyside_really_has():
    """The switch is measured, not assumed: on a fixed PySide6 the work-around turns itself off."""
    result = _run(MEASURE)
    assert result.returncode == 0, result.stderr[-2000:]
    m = json.loads(result.stdout)
    assert m["emit_flag"] == (m["emit_lost"] >= 5_000), m
    assert m["void_flag"] == (m["void_lost"] >= 5_000), m


def test_the_app_loads_the_fix_before_its_first_window(tmp_path):
    code = (
        "import sys\n"
        "import ospod_desktop.ui.startup as startup\n"
        "report = startup.probe_report\n"
        "startup.probe_report = lambda: report() + 'QTFIX %d\\n' % ('ospod_desktop.ui.qtfix' in sys.modules)\n"
        "from ospod_desktop.app import run_gui\n"
        "sys.exit(run_gui(['--db', sys.argv[1], '--lang', 'en']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "office" / "ospod.db")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "OSPOD_STARTUP_PROBE": "1",
            "OSPOD_CONFIG_DIR": str(tmp_path / "config"),
        },
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "QTFIX 1" in result.stdout.splitlines(), result.stdout
