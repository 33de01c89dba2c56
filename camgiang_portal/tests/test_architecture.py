"""The shape ARCHITECTURE.md promises, checked on the source: small modules and functions, no import cycles,
arrows that point down. A new module that breaks one of these fails here with its name."""

from __future__ import annotations

import ast
import collections
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAX_MODULE_LINES = 450
MAX_FUNCTION_LINES = 80
SKIPPED_PARTS = {".venv", "migrations", "tests", "benchmarks", "staticfiles", "var", "test-artifacts", "node_modules"}
# Lower apps never import higher ones (ARCHITECTURE.md). The composition root, camgiang_portal's views and
# urls (and platform_urls, the same URLconf with the list of communes at /), knows every app, and so does
# commune_export, which takes one commune's rows of every app out; the rest of camgiang_portal is
# infrastructure below them all.
LAYERS = {
    "communes": 0,
    "plans": 1,
    "issuance": 2,
    "reports": 3,
    "consolidation": 4,
    "reminders": 5,
    "publicity": 5,
    "city": 6,
}
COMPOSITION_ROOT = {
    "camgiang_portal.views",
    "camgiang_portal.urls",
    "camgiang_portal.platform_urls",
    "camgiang_portal.settings",
    "camgiang_portal.commune_export",
    # The demo seeds every app, the city's above the communes' (it moved here from publicity for that).
    "camgiang_portal.management.commands.seed_demo",
}


def _modules() -> dict[str, Path]:
    found = {}
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        if SKIPPED_PARTS & set(rel.parts) or rel.name.startswith("test_") or rel.name == "conftest.py":
            continue
        if len(rel.parts) == 1:  # manage.py, the root conftest
            continue
        name = ".".join(rel.with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


MODULES = _modules()
TREES = {name: ast.parse(path.read_text(), filename=str(path)) for name, path in MODULES.items()}


def _imports(name: str) -> list[tuple[str, bool]]:
    """(imported module, whether the import sits inside a function) for each import of our own modules."""
    tree = TREES[name]
    inside = {
        id(node)
        for function in ast.walk(tree)
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
        for node in ast.walk(function)
        if isinstance(node, ast.Import | ast.ImportFrom)
    }
    package = name.split(".") if MODULES[name].name == "__init__.py" else name.split(".")[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package[: len(package) - (node.level - 1)]
                base = ".".join(parts + ([base] if base else []))
            for alias in node.names:
                target = f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                if target in MODULES and target != name:
                    found.append((target, id(node) in inside))
        elif isinstance(node, ast.Import):
            found += [(a.name, id(node) in inside) for a in node.names if a.name in MODULES and a.name != name]
    return found


def _queues_own_task(name: str, target: str, in_function: bool) -> bool:
    # The one allowed back edge: a service queuing its own app's Celery task on commit.
    return in_function and target.endswith(".tasks") and target.split(".")[0] == name.split(".")[0]


def _graph() -> dict[str, set[str]]:
    graph = collections.defaultdict(set)
    for name in MODULES:
        for target, in_function in _imports(name):
            if not _queues_own_task(name, target, in_function):
                graph[name].add(target)
    return graph


def test_no_module_passes_450_lines():
    long = {name: n for name, path in MODULES.items() if (n := len(path.read_text().splitlines())) > MAX_MODULE_LINES}
    assert not long, f"split these modules by sub-domain: {long}"


def test_no_function_passes_80_lines():
    long = [
        f"{name}.{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for name, tree in TREES.items()
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, long


def test_no_two_modules_import_each_other_even_inside_functions():
    graph = _graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles = []

    def visit(node: str) -> None:  # Tarjan: every strongly connected group of two or more is a cycle
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while (member := stack.pop()) != node:
                group.append(member)
            if group:
                cycles.append(sorted([*group, node]))

    for name in list(MODULES):
        if name not in index:
            visit(name)
    assert not cycles, cycles


def test_arrows_point_down():
    upward = []
    for name in MODULES:
        app = name.split(".")[0]
        for target, _in_function in _imports(name):
            to_app = target.split(".")[0]
            if name in COMPOSITION_ROOT or to_app == app:
                continue
            if app == "camgiang_portal" and to_app in LAYERS:
                upward.append(f"{name} → {target} (infrastructure imports an app)")
            elif app in LAYERS and to_app in LAYERS and LAYERS[to_app] > LAYERS[app]:
                upward.append(f"{name} → {target}")
    assert not upward, upward


def test_the_checks_see_the_tree():
    # Guards the guard: if the walk found nothing, every test above would pass vacuously.
    assert {"reports.models", "plans.models", "camgiang_portal.settings"} <= MODULES.keys()
    assert any(target == "plans.models" for target, _ in _imports("reports.models"))


def test_every_apps_tests_are_collected():
    """pytest runs only the folders pytest.ini lists: an app left out has its tests never run by `make test` or
    CI, green or not (the communes' and the city's were, until this test)."""
    import configparser

    config = configparser.ConfigParser()
    config.read(ROOT / "pytest.ini")
    collected = set(config["pytest"]["testpaths"].split())
    with_tests = {path.parent.parent.name for path in ROOT.glob("*/tests/__init__.py")}
    assert with_tests and with_tests <= collected, sorted(with_tests - collected)
