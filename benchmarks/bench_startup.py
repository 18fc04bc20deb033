"""Time from process start to the login dialog painted, against a bare PySide6 window in the same run."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 11

BARE = """
import sys
from PySide6.QtCore import QObject, QEvent
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv)
w = QWidget(); w.resize(420, 260)
class Probe(QObject):
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Paint:
            print("OSPOD_PAINTED", flush=True); sys.exit(0)
        return False
p = Probe(); w.installEventFilter(p); w.show(); app.exec()
"""


def _time(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    for line in proc.stdout:  # type: ignore[union-attr]
        if line.startswith("OSPOD_PAINTED"):
            elapsed = time.perf_counter() - start
            proc.wait(timeout=30)
            return elapsed
    proc.wait(timeout=30)
    raise RuntimeError(f"no paint reported by {cmd[:3]}")


def _existing_db(folder: Path) -> Path:
    """A real database, so the app shows its login dialog (not the first-run wizard)."""
    db = folder / "bench.db"
    subprocess.run(
        [sys.executable, "-m", "ospod_desktop", "init", "--db", str(db), "--admin", "admin", "--password-stdin"],
        input="benchmark password 1\n", text=True, check=True, capture_output=True, cwd=ROOT,
    )
    return db


def run() -> list[dict]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "OSPOD_STARTUP_PROBE": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        db = _existing_db(Path(tmp))
        env["OSPOD_CONFIG_DIR"] = tmp
        bare, app = [], []
        for _ in range(RUNS):  # interleaved, so drift in machine load hits both alike
            bare.append(_time([sys.executable, "-c", BARE], env))
            app.append(_time([sys.executable, "-m", "ospod_desktop", "--db", str(db)], env))
    # Best of N: start-up time is a floor plus scheduling noise from whatever else the machine runs.
    b, a = min(bare), min(app)
    return [
        {"name": "startup_bare_window_best", "value": b, "unit": "s", "target": "baseline"},
        {"name": "startup_login_painted_best", "value": a, "unit": "s", "target": "<= 1.5x bare", "baseline": b,
         "ok": a <= 1.5 * b},
        {"name": "startup_bare_window_median", "value": statistics.median(bare), "unit": "s", "target": "baseline"},
        {"name": "startup_login_painted_median", "value": statistics.median(app), "unit": "s", "target": "<= 1.5x bare",
         "baseline": statistics.median(bare)},
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
