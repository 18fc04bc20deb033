"""Every service call from the UI runs on a worker (`ui/tasks.py`), never on the UI thread.

A service call opens the encrypted database (and may wait for another write's lock, or derive a key for a
fifth of a second); on the UI thread the window would freeze meanwhile. The check parses every module under
`ospod_desktop/ui` with `ast` and accepts a call `identity.x(...)`, `children.x(...)`… only inside code that
runs on a worker:

- a lambda passed as the work of `Task(parent, work)`, of `SaveDialog.load(work, then)`, or as the action of
  `ReasonDialog` / `ChildActions._ask_reason` (which hand it to a SaveDialog's worker);
- a lambda or a nested function returned by a SaveDialog's `work()` (SaveDialog runs it on a worker);
- a function of the module that is used only inside such code (`_load`, `_search`, `_save_new`…).

Constructors of the services' value types (`OfficeProfile(...)`, capitalised) are not calls into a service.
What remains is listed in ALLOWED with the reason; the test also fails when an entry is no longer needed.
"""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parent.parent / "ospod_desktop" / "ui"

# name of the callee -> index of the positional argument that runs on a worker (or its keyword)
SINKS = {"Task": (1, "fn"), "load": (0, "fn"), "ReasonDialog": (3, "action"), "_ask_reason": (3, "action")}

ALLOWED = {
    # The case list's model reads a block of 100 rows by primary key when the view scrolls to it (like Anki's
    # browser); the first block comes with the search from a worker. Reading later blocks on a worker would
    # show empty rows while scrolling.
    ("pages/children_page.py", "children.child_rows"),
    # Reads the session object only (role and emergency access): no database.
    ("pages/children_page.py", "scope.reads_all"),
    # Reads the session object only (the role): which fields it may not see, so the list offers no filter by them.
    ("pages/children_page.py", "scope.withheld_fields"),
    # Closing the window ends the session: the logout and the end of an emergency access must be audited and
    # the database closed before the login window comes back or the app quits (the workers were waited for).
    ("main_window.py", "scope.end_break_glass"),
    ("main_window.py", "identity.logout"),
}


def _service_names(tree: ast.AST) -> tuple[set[str], set[str]]:
    """(module aliases like `identity`, functions imported by name) bound to ospod_desktop.services anywhere."""
    modules, functions = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and (
                node.module == "ospod_desktop.services" or node.module.startswith("ospod_desktop.services.")):
            for alias in node.names:
                name = alias.asname or alias.name
                if node.module == "ospod_desktop.services":
                    modules.add(name)
                elif alias.name[:1].islower():
                    functions.add(name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("ospod_desktop.services.") and alias.asname:
                    modules.add(alias.asname)
    return modules, functions


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _service_call(call: ast.Call, modules: set[str], functions: set[str]) -> str | None:
    func = call.func
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in modules:
        return None if func.attr[:1].isupper() else f"{func.value.id}.{func.attr}"
    if isinstance(func, ast.Name) and func.id in functions:
        return func.id
    return None


class _Module:
    def __init__(self, tree: ast.AST) -> None:
        self.tree = tree
        self.parent: dict[ast.AST, ast.AST] = {}
        for node in ast.walk(tree):
            for child in ast.iter_child_nodes(node):
                self.parent[child] = node
        self.workers: set[ast.AST] = set()
        self._find_direct_workers()
        self._find_worker_functions()

    def ancestors(self, node: ast.AST):
        while node in self.parent:
            node = self.parent[node]
            yield node

    def _find_direct_workers(self) -> None:
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Call) and _callee(node) in SINKS:
                index, keyword = SINKS[_callee(node)]
                args = [a for i, a in enumerate(node.args) if i == index]
                args += [k.value for k in node.keywords if k.arg == keyword]
                self.workers.update(a for a in args if isinstance(a, ast.Lambda))
            elif isinstance(node, ast.FunctionDef) and node.name == "work":
                nested = {n.name: n for n in node.body if isinstance(n, ast.FunctionDef)}
                for ret in ast.walk(node):
                    if isinstance(ret, ast.Return) and isinstance(ret.value, ast.Lambda):
                        self.workers.add(ret.value)
                    elif isinstance(ret, ast.Return) and isinstance(ret.value, ast.Name) and ret.value.id in nested:
                        self.workers.add(nested[ret.value.id])

    def in_worker(self, node: ast.AST) -> bool:
        return any(a in self.workers for a in self.ancestors(node))

    def _find_worker_functions(self) -> None:
        """Functions used only inside worker code are worker code too (until nothing changes)."""
        defs = [n for n in ast.walk(self.tree) if isinstance(n, ast.FunctionDef)]
        names = [n for n in ast.walk(self.tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)]
        changed = True
        while changed:
            changed = False
            for fn in defs:
                if fn in self.workers:
                    continue
                uses = [n for n in names if n.id == fn.name]
                if uses and all(self.in_worker(n) for n in uses):
                    self.workers.add(fn)
                    changed = True


def violations(root: Path = UI) -> set[tuple[str, str]]:
    found = set()
    for path in sorted(root.rglob("*.py")):
        if "forms" in path.relative_to(root).parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        modules, functions = _service_names(tree)
        if not modules and not functions:
            continue
        module = _Module(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = _service_call(node, modules, functions)
                if name is not None and not module.in_worker(node):
                    found.add((path.relative_to(root).as_posix(), name))
    return found


def test_service_calls_in_the_ui_run_on_workers():
    found = violations()
    assert found - ALLOWED == set(), "service calls on the UI thread (run them in a ui.tasks.Task)"
    assert ALLOWED - found == set(), "allowed calls that are gone: drop them from ALLOWED"


def test_the_check_finds_a_call_on_the_ui_thread(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "bad_page.py").write_text(
        "from ospod_desktop.services import children, identity\n"
        "from ospod_desktop.services.placements import list_facilities, FacilityInput\n"
        "def _helper(us):\n    return children.get_child(us, 1)\n"
        "def _worker_only(us):\n    return children.get_photo(us, 1)\n"
        "class Page:\n"
        "    def __init__(self, us):\n"
        "        self.users = identity.list_users(us)\n"  # on the UI thread
        "        self.choices = list_facilities(us)\n"  # imported by name, on the UI thread
        "        self.form = FacilityInput()\n"  # a value type: fine
        "        self.view = _helper(us)\n"  # a helper called on the UI thread
        "        Task(self, lambda: _worker_only(us)).run()\n"  # fine
        "        Task(self, lambda: children.list_children(us)).success(lambda r: identity.user_names(us, r))\n"
        "    def work(self):\n"
        "        return lambda: children.register_child(self.us)\n"  # fine: SaveDialog runs it on a worker
    )
    assert violations(tmp_path) == {
        ("pages/bad_page.py", "identity.list_users"), ("pages/bad_page.py", "list_facilities"),
        ("pages/bad_page.py", "children.get_child"), ("pages/bad_page.py", "identity.user_names"),
    }
