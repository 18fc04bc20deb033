"""The real entry point paints its first window before any heavy module is imported."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _probe(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "OSPOD_STARTUP_PROBE": "1",
        "OSPOD_CONFIG_DIR": str(tmp_path / "config"),
    }
    return subprocess.run(
        [sys.executable, "-m", "ospod_desktop", *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60
    )


def _modules(stdout: str) -> dict[str, str]:
    line = next(x for x in stdout.splitlines() if x.startswith("OSPOD_MODULES "))
    return dict(item.split("=") for item in line.split()[1:])


@pytest.mark.parametrize("existing", [False, True], ids=["wizard", "login"])
def test_first_paint_comes_before_sqlmodel(tmp_path, existing, request):
    db = tmp_path / "office" / "ospod.db"
    if existing:
        request.getfixturevalue("admin_session")
        db = request.getfixturevalue("db_path")
    result = _probe(tmp_path, "--db", str(db), "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "OSPOD_PAINTED"
    modules = _modules(result.stdout)
    assert modules["sqlmodel"] == "0"
    assert modules["sqlalchemy"] == "0"
    assert modules["alembic"] == "0"
    assert modules["reportlab"] == "0"
    assert modules["ospod_desktop.services"] == "0"
    assert modules["ospod_desktop.storage"] == "0"
    assert modules["PySide6.QtCharts"] == "0"


def test_gui_modules_before_login_do_not_import_services():
    code = (
        "import sys\n"
        "import ospod_desktop.app, ospod_desktop.ui.flow, ospod_desktop.ui.dialogs.recovery_dialog\n"
        "import ospod_desktop.ui.dialogs.change_password_dialog, ospod_desktop.ui.dialogs.recovery_code_dialog\n"
        "heavy = [m for m in ('sqlmodel', 'sqlalchemy', 'ospod_desktop.services', 'ospod_desktop.storage', 'babel.dates')"
        " if m in sys.modules]\n"
        "print(heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_arguments():
    from ospod_desktop.app import parse_args

    ns = parse_args(["--db", "/tmp/x.db", "--demo", "--lang", "en"])
    assert (ns.db, ns.demo, ns.lang) == ("/tmp/x.db", True, "en")
    with pytest.raises(SystemExit):
        parse_args(["--lang", "de"])
