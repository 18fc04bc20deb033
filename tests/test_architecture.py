"""The layer guard: core <- storage <- services -> reports -> core; ui sees services and core only.

Parses every module with `ast` (nothing is imported) and fails on a forbidden import, including ones
made inside functions. `paths` is a leaf every layer may use; `app`, `cli` and `__main__` wire layers.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "ospod_desktop"

ALLOWED = {
    "core": {"core", "paths"},
    "storage": {"core", "storage", "paths"},
    "services": {"core", "storage", "services", "reports", "paths"},
    "reports": {"core", "reports", "paths"},
    "ui": {"core", "services", "ui", "paths"},
    "paths": {"paths"},
}
WIRING = {"app", "cli", "__main__", "__init__"}
QT_ALLOWED = {"ui", "app"}


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        layer = rel.parts[0] if len(rel.parts) > 1 else rel.stem
        yield path, layer


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module, node.lineno
            if node.module == "ospod_desktop":
                for alias in node.names:
                    yield f"ospod_desktop.{alias.name}", node.lineno


def violations() -> list[str]:
    found = []
    for path, layer in _modules():
        for name, line in _imports(path):
            top = name.split(".")[0]
            where = f"{path.relative_to(PACKAGE.parent)}:{line}"
            if top in ("PySide6", "shiboken6") and layer not in QT_ALLOWED:
                found.append(f"{where} imports {name} outside ui/")
            if top == "ospod_desktop" and layer not in WIRING:
                parts = name.split(".")
                if len(parts) < 2:
                    continue
                target = parts[1]
                if target not in ALLOWED.get(layer, set()):
                    found.append(f"{where}: {layer} may not import {name}")
    return found


def test_no_forbidden_imports():
    assert violations() == []


def test_guard_catches_a_forbidden_import(tmp_path, monkeypatch):
    """The guard itself must fail on the kinds of imports it exists to stop."""
    fake = tmp_path / "ospod_desktop"
    (fake / "core").mkdir(parents=True)
    (fake / "ui").mkdir()
    (fake / "core" / "bad.py").write_text("from PySide6 import QtCore\nfrom ospod_desktop.services import auth\n")
    (fake / "ui" / "bad.py").write_text("def f():\n    from ospod_desktop.storage import models\n")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", fake)
    found = violations()
    assert any("core/bad.py:1 imports PySide6" in v for v in found)
    assert any("core may not import ospod_desktop.services" in v for v in found)
    assert any("ui may not import ospod_desktop.storage" in v for v in found)


@pytest.mark.parametrize("layer", ["core", "storage", "services", "reports", "ui"])
def test_layer_exists(layer):
    assert (PACKAGE / layer / "__init__.py").exists()
