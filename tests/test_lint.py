"""The linters are part of the test run.

ruff (pyflakes, pycodestyle, import order, bugbear, pyupgrade) checks the code, the tests and the benchmarks;
mypy checks the layers below the UI (core, storage, services, demo). Both read their settings from
pyproject.toml and run on this interpreter (`python -m ruff`, `python -m mypy`), so the versions are the ones
the test extra pins.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_finds_nothing():
    proc = _run("ruff", "check", "--output-format", "concise", "ospod_desktop", "tests", "benchmarks")
    if proc.returncode:
        pytest.fail(f"ruff check ospod_desktop tests benchmarks:\n{proc.stdout}{proc.stderr}", pytrace=False)


def test_mypy_finds_nothing():
    proc = _run("mypy")  # the files and settings are in [tool.mypy]
    if proc.returncode:
        pytest.fail(f"mypy:\n{proc.stdout}{proc.stderr}", pytrace=False)
