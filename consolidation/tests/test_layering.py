"""Consolidation sits above the forms' lifecycle: it imports reports, reports never imports it (imports inside
functions included), and no app's view calls another app's view (the start page is composed at the root)."""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
APPS = ("communes", "plans", "issuance", "reports", "consolidation", "reminders", "publicity", "city")


def _imports(app: str):
    for path in (BASE_DIR / app).rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                yield path, node.module, [alias.name for alias in node.names]
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    yield path, alias.name, []


def test_reports_never_imports_consolidation():
    found = [
        f"{path.relative_to(BASE_DIR)}: {module}"
        for path, module, _names in _imports("reports")
        if module.split(".")[0] == "consolidation"
    ]
    assert found == []


def test_no_app_view_calls_another_apps_view():
    found = []
    for app in APPS:
        for path, module, names in _imports(app):
            top = module.split(".")[0]
            if top in APPS and top != app and (".views" in f".{module}" or "views" in names):
                found.append(f"{path.relative_to(BASE_DIR)}: {module} {names}")
    assert found == []


def test_the_city_is_the_top_layer_no_app_imports_it():
    found = [
        f"{path.relative_to(BASE_DIR)}: {module}"
        for app in APPS
        if app != "city"
        for path, module, _names in _imports(app)
        if module.split(".")[0] == "city"
    ]
    assert found == []
