"""The import graph of pos_app (DESIGN.md section 2): no cycles, and every layer imports only the layers below it.

Imports are read with `ast` (function-level ones included, `if TYPE_CHECKING:` blocks left out), so a lazy import
that breaks a rule fails here too. Another subprocess test checks that the CLI's read-only commands stay light.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

import pos_app

PACKAGE = Path(pos_app.__file__).parent
FRONT_ENDS = {"bridge", "ui", "cli", "commands"}
# Leaf helpers beside the layers, importing nothing of pos_app but each other as ALLOWED says, that any layer may
# use: where the bundled resources are, files only the terminal's user may read, the process's stop requests
# (signals, console), and OS file locks (the sender's, the till window's).
LEAVES = {"resources", "private_files", "stopping", "file_lock"}
BELOW_SERVICES = {"domain", "config", "store", "gameball", "sync"}
# What each part may import besides itself, the leaves and the pos_app package (which holds only the version).
ALLOWED: dict[str, set[str]] = {
    "domain": set(),
    "resources": set(),
    "private_files": set(),
    "stopping": set(),
    "file_lock": {"private_files"},
    "config": {"domain"},
    "store": {"domain"},
    "gameball": {"domain"},
    "sandbox": {"domain"},
    "sync": {"store", "gameball", "config", "domain"},
    "services": BELOW_SERVICES,
    # Front ends go through the services; config gives them the settings and their errors to name a field.
    "bridge": {"services", "domain", "config"},
    "ui": {"services", "domain", "config"},
    "commands": {"services", "domain", "config"},
    # The dispatcher hands each mode to its own module: the run modes, the self-test and the sandbox's command.
    "cli": {"commands", "app", "selftest", "sandbox", "config"},
}
TOP = {"runtime", "app", "selftest", "crash", "__main__"}
# Known exceptions, each with its reason (none today).
EXCEPTIONS: set[tuple[str, str]] = set()


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = ("pos_app", *path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return "TYPE_CHECKING" in ast.unparse(test)


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]

    def visit(nodes: list[ast.stmt]) -> None:
        for node in nodes:
            if isinstance(node, ast.If) and _is_type_checking(node.test):
                visit(node.orelse)
                continue
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    module = ".".join(base + ([node.module] if node.module else []))
                else:
                    module = node.module or ""
                # `from package import submodule` depends on the submodule, not on everything the package holds.
                submodules = [f"{module}.{alias.name}" for alias in node.names if f"{module}.{alias.name}" in modules]
                found.update(submodules)
                if len(submodules) < len(node.names):
                    found.add(module)
            visit([child for child in ast.iter_child_nodes(node) if isinstance(child, ast.stmt)])

    visit(ast.parse(path.read_text(encoding="utf-8")).body)
    return {module for module in found if module in modules and module != name}


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def _part(module: str) -> str:
    return module.split(".")[1] if module != "pos_app" else ""


def test_there_is_no_import_cycle_in_pos_app():
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_every_layer_imports_only_the_layers_below_it():
    graph = import_graph()
    assert {_part(m) for m in graph} - {""} <= set(ALLOWED) | TOP  # a new part must be given its place here
    wrong = []
    for module, imported in sorted(graph.items()):
        part = _part(module)
        if part in TOP or not part:
            continue
        for target in sorted(imported):
            other = _part(target)
            if other in ("", part) or other in ALLOWED[part] or (module, target) in EXCEPTIONS:
                continue
            if other in LEAVES and part not in LEAVES:
                continue
            wrong.append(f"{module} -> {target}")
    assert wrong == []


def test_front_ends_never_import_the_store_the_client_or_the_engine():
    graph = import_graph()
    wrong = [f"{m} -> {t}" for m, imported in graph.items() if _part(m) in FRONT_ENDS
             for t in imported if _part(t) in ("store", "gameball", "sync")]
    assert wrong == []


@pytest.mark.parametrize("command", [["outbox", "list"], ["config", "show"], ["report", "day"]])
def test_read_only_commands_load_neither_the_bridge_the_engine_httpx_nor_qt(command, tmp_path):
    script = (
        "import sys\n"
        "from pos_app.cli import main\n"
        f"code = main({command!r} + ['--data-dir', {str(tmp_path)!r}])\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('httpx', 'PySide6', 'shiboken6')\n"
        "               or m.startswith(('pos_app.bridge', 'pos_app.sync', 'pos_app.gameball.client')))\n"
        "print('HEAVY', heavy, code)\n"
    )
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60,
                            stdin=subprocess.DEVNULL)
    assert "HEAVY [] 0" in result.stdout, result.stdout + result.stderr
