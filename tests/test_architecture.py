"""The layer guard: core <- storage <- services -> reports -> core; ui sees services and core only.

Parses every module with `ast` (nothing is imported) and fails on a forbidden import, including ones
made inside functions. `paths` is a leaf every layer may use; `app`, `cli` and `__main__` wire layers and
are the only importers of `demo`. Also: no relative imports; a services feature package is used through
its public `__init__` by everything outside it; inside `ui/`, imports run one way (dialogs never import
pages); and no module-level import cycle anywhere.
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
    "demo": {"core", "storage", "services", "demo", "paths"},
    "paths": {"paths"},
}
# cli_*: sub-commands kept out of cli.py
WIRING = {"app", "cli", "cli_duplicates", "cli_policy", "cli_due", "cli_catalogue", "cli_import", "cli_list", "cli_documents", "cli_stats",
          "cli_audit", "cli_restore", "cli_recovery", "__main__", "__init__"}
QT_ALLOWED = {"ui", "app"}
# Inside ui/, a module may import only from its own rank or a lower one.
UI_RANK = {"forms": 0, "models": 2, "dialogs": 3, "pages": 4}
UI_TOP = {"main_window": 5, "window_actions": 5, "flow": 6, "first_run_wizard": 5}  # single modules above the pages
UI_BASE = 1  # format, tasks, errors, widgets, tables, qtfix, locale, settings…


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        layer = rel.parts[0] if len(rel.parts) > 1 else rel.stem
        yield path, layer


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, top_level_only: bool = False):
    """(imported dotted name, line, relative?) for every import; with top_level_only, those run at import time."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    nodes = _top_level(tree.body) if top_level_only else ast.walk(tree)
    for node in nodes:
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno, False
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                yield node.module or "", node.lineno, True
                continue
            if node.module:
                yield node.module, node.lineno, False
                for alias in node.names:  # `from ospod_desktop.services import children` names a module
                    yield f"{node.module}.{alias.name}", node.lineno, False


def _top_level(body):
    """Statements executed at import: the module body and its if/try blocks, not TYPE_CHECKING or functions."""
    for node in body:
        if isinstance(node, ast.If):
            test = ast.unparse(node.test)
            if "TYPE_CHECKING" not in test:
                yield from _top_level(node.body)
            yield from _top_level(node.orelse)
        elif isinstance(node, ast.Try):
            yield from _top_level(node.body)
            for handler in node.handlers:
                yield from _top_level(handler.body)
        else:
            yield node


def _ui_rank(parts: list[str]) -> int:
    """parts: the module's dotted path below ospod_desktop.ui."""
    if not parts:
        return UI_BASE
    return UI_RANK.get(parts[0], UI_TOP.get(parts[0], UI_BASE))


def _private_module(name: str) -> str | None:
    """The first _private module (a file or folder) on the dotted path, or None."""
    parts = name.split(".")
    for i, part in enumerate(parts[1:], start=1):
        if part.startswith("_") and not part.startswith("__"):
            where = PACKAGE.joinpath(*parts[1:i + 1])
            if where.with_suffix(".py").exists() or where.is_dir():
                return ".".join(parts[:i])
    return None


def violations() -> list[str]:
    found = []
    for path, layer in _modules():
        me = _module_name(path)
        for name, line, relative in _imports(path):
            where = f"{path.relative_to(PACKAGE.parent)}:{line}"
            if relative:
                found.append(f"{where}: relative import (write ospod_desktop.… in full)")
                continue
            top = name.split(".")[0]
            if top in ("PySide6", "shiboken6") and layer not in QT_ALLOWED:
                found.append(f"{where} imports {name} outside ui/")
            if top != "ospod_desktop":
                continue
            parts = name.split(".")
            if len(parts) < 2:
                continue
            target = parts[1]
            if layer not in WIRING and target not in ALLOWED.get(layer, set()):
                found.append(f"{where}: {layer} may not import {name}")
            # A feature package's _private modules belong to that package alone.
            owner = _private_module(name)
            if owner is not None:
                if not (me == owner or me.startswith(owner + ".")):
                    found.append(f"{where}: {name} is private to {owner}; use its public package")
            if layer == "ui" and target == "ui":
                mine, theirs = _ui_rank(me.split(".")[2:]), _ui_rank(parts[2:])
                if theirs > mine:
                    found.append(f"{where}: ui/{'/'.join(me.split('.')[2:3])} may not import upward: {name}")
    return found


def import_graph() -> dict[str, set[str]]:
    """Module -> the project modules it imports when it is imported (function-level imports excluded)."""
    modules = {_module_name(p): p for p, _layer in _modules()}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        deps = set()
        for imported, _line, _rel in _imports(path, top_level_only=True):
            while imported and imported not in modules:
                imported = imported.rpartition(".")[0]
            # a module of a package importing a sibling through the package is not a cycle: the package is
            # already initialising when its modules run
            if imported and imported != name and not name.startswith(imported + "."):
                deps.add(imported)
                # importing a.b.c runs a and a.b first
                parent = imported.rpartition(".")[0]
                while parent and parent in modules and parent != name and not name.startswith(parent + "."):
                    deps.add(parent)
                    parent = parent.rpartition(".")[0]
        graph[name] = deps
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected component of more than one module (Tarjan), each as a sorted list."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    sys.setrecursionlimit(max(10_000, sys.getrecursionlimit()))

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_forbidden_imports():
    assert violations() == []


def test_no_import_cycles():
    assert cycles(import_graph()) == []


def test_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_guard_catches_a_forbidden_import(tmp_path, monkeypatch):
    """The guard itself must fail on the kinds of imports it exists to stop."""
    fake = tmp_path / "ospod_desktop"
    for d in ("core", "ui/dialogs", "ui/pages", "services/children", "storage"):
        (fake / d).mkdir(parents=True)
    (fake / "core" / "bad.py").write_text("from PySide6 import QtCore\nfrom ospod_desktop.services import auth\n")
    (fake / "ui" / "bad.py").write_text("def f():\n    from ospod_desktop.storage import models\n")
    (fake / "ui" / "dialogs" / "bad_dialog.py").write_text("from ospod_desktop.ui.pages import child_page\n")
    (fake / "ui" / "rel.py").write_text("from . import tasks\n")
    (fake / "ui" / "private.py").write_text("from ospod_desktop.services.children._records import x\n")
    (fake / "services" / "children" / "_records.py").write_text("x = 1\n")
    (fake / "storage" / "demo_user.py").write_text("from ospod_desktop.demo import build_demo\n")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", fake)
    found = violations()
    assert any("core/bad.py:1 imports PySide6" in v for v in found)
    assert any("core may not import ospod_desktop.services" in v for v in found)
    assert any("ui may not import ospod_desktop.storage" in v for v in found)
    assert any("bad_dialog.py:1: ui/dialogs may not import upward" in v for v in found)
    assert any("rel.py:1: relative import" in v for v in found)
    assert any("private to ospod_desktop.services.children" in v for v in found)
    assert any("storage may not import ospod_desktop.demo" in v for v in found)


@pytest.mark.parametrize("layer", ["core", "storage", "services", "reports", "ui", "demo"])
def test_layer_exists(layer):
    assert (PACKAGE / layer / "__init__.py").exists()
