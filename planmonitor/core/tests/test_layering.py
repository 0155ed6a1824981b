"""Imports run one way: an app imports only the apps below it (docs/architecture.md).

Every import of every module counts, also one inside a function or under
``TYPE_CHECKING``: a hidden import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]  # planmonitor/

# Lowest first. An app may import the apps of the layers below its own, never one of
# its own layer or above. A new app must be placed here (the test fails until it is).
LAYERS: list[set[str]] = [
    {"core"},
    {"audit"},
    {"accounts"},  # users, memberships and the permission policy
    {"notifications"},  # the inbox and mails: called by the services of the apps above
    {"plans"},
    {"monitoring"},
    {"network"},
    {"evaluation"},  # its reports read the learning network's findings
    {"portal"},  # the public site and open data; what is public: portal/public.py
    {"api"},  # reads what is public through portal/public.py
    {"privacy"},  # a person's data across the apps: anonymising, retention (docs/privacy.md)
    {"demo"},  # example data of all the apps below
]
RANK = {app: rank for rank, apps in enumerate(LAYERS) for app in apps}

BENCH = (
    "A benchmark script (make bench), not part of the application: it builds a whole "
    "installation with the example data and signs in as a test does, to time the pages."
)
# (importing module or package, imported module, names) -> why this edge stays.
ALLOWED: dict[tuple[str, str, frozenset[str]], str] = {
    (
        "planmonitor.accounts",
        "planmonitor.plans.models",
        frozenset({"Plan", "Minister", "Organisation"}),
    ): "A membership is a role in a plan, for ministers or an organisation of that plan "
    "(foreign keys, named by label in accounts/models.py). The member pages, forms, "
    "services and tasks handle those three models; nothing else of plans.",
    (
        "planmonitor.accounts.views",
        "planmonitor.plans.access",
        frozenset({"plan_or_403"}),
    ): "The member pages are pages of a plan: they get the plan from the URL the one way "
    "every view does, under the policy's rule (plans/access.py).",
    (
        "planmonitor.accounts.policy",
        "planmonitor.plans.models",
        frozenset({"Action", "Plan"}),
    ): "Type hints only (under TYPE_CHECKING): the policy's predicates take actions and "
    "plans. At run time it names them by label.",
    (
        "planmonitor.monitoring.bench",
        "planmonitor.demo.plan",
        frozenset({"demo_load"}),
    ): BENCH,
    (
        "planmonitor.monitoring.bench",
        "planmonitor.tests.two_factor",
        frozenset({"needs_second_step", "pass_second_step"}),
    ): BENCH,
    (
        "planmonitor.network.bench",
        "planmonitor.demo.plan",
        frozenset({"demo_load"}),
    ): BENCH,
    (
        "planmonitor.network.bench",
        "planmonitor.tests.two_factor",
        frozenset({"needs_second_step", "pass_second_step"}),
    ): BENCH,
    (
        "planmonitor.evaluation.snapshots.bench",
        "planmonitor.demo.plan",
        frozenset({"demo_load"}),
    ): BENCH,
    (
        "planmonitor.portal.bench",
        "planmonitor.tests.processes",
        frozenset({"gunicorn", "manage", "production_env"}),
    ): BENCH,
    (
        "planmonitor.monitoring.scale_bench",
        "planmonitor.demo.plan",
        frozenset({"demo_load"}),
    ): BENCH,
    (
        "planmonitor.monitoring.scale_bench",
        "planmonitor.tests.two_factor",
        frozenset({"needs_second_step", "pass_second_step"}),
    ): BENCH,
}

# The project itself (settings, URLs, tests, browser tests, the benchmark) sits above every app.
PROJECT_LEVEL = {"settings", "urls", "wsgi", "bench", "conftest", "tests", "browser_tests"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[int, str, frozenset[str]]]:
    """(line, module, imported names) of every import in the file, wherever it is."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, frozenset()) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = frozenset(alias.name for alias in node.names)
            if node.module is None:
                # "from . import x": each name may be a module of its own.
                found += [(node.lineno, f"{target}.{name}", frozenset()) for name in names]
            else:
                found.append((node.lineno, target, names))
    return found


def _app(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "planmonitor" and len(parts) > 1 else None


def _is_test_code(module: str) -> bool:
    # Tests exercise the installed project as a whole (audit's tests record the history
    # of plans' objects): only application code is layered.
    return ".tests." in f"{module}." or module.split(".")[-1] == "conftest"


def _allowed(importer: str, imported: str, names: frozenset[str]) -> bool:
    return any(
        (importer == source or importer.startswith(f"{source}."))
        and imported == target
        and names <= allowed_names
        for source, target, allowed_names in ALLOWED
    )


def _violations() -> list[str]:
    violations = []
    for path in sorted(PACKAGE.rglob("*.py")):
        importer = _module_name(path)
        app = _app(importer)
        if app is None or app in PROJECT_LEVEL or _is_test_code(importer):
            continue
        if app not in RANK:
            violations.append(f"{importer}: the app {app!r} has no place in LAYERS")
            continue
        for line, imported, names in _imports(path):
            target = _app(imported)
            if target is None or target == app:
                continue
            if target in RANK and RANK[target] < RANK[app]:
                continue
            if _allowed(importer, imported, names):
                continue
            shown = f" ({', '.join(sorted(names))})" if names else ""
            violations.append(f"{path.relative_to(PACKAGE.parent)}:{line} {imported}{shown}")
    return violations


def test_it_finds_no_import_against_the_layers():
    assert _violations() == []


def test_every_allowed_exception_is_still_needed():
    """An exception nobody uses any more is removed, so the list stays the truth."""
    used = set()
    for path in PACKAGE.rglob("*.py"):
        importer = _module_name(path)
        for _line, imported, names in _imports(path):
            for source, target, allowed_names in ALLOWED:
                if (
                    (importer == source or importer.startswith(f"{source}."))
                    and imported == target
                    and names & allowed_names
                ):
                    used.add((source, target, allowed_names))
    assert set(ALLOWED) - used == set()


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("def f():\n    from planmonitor.monitoring.rounds import selectors\n", True),
        (
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import planmonitor.demo\n",
            True,
        ),
        ("from ..monitoring import workflow\n", True),
        ("from planmonitor.core import registry\nfrom . import selectors\n", False),
    ],
)
def test_it_sees_hidden_and_relative_imports(tmp_path, monkeypatch, source, expected):
    """A function-local, a TYPE_CHECKING and a relative import upward are caught alike."""
    package = tmp_path / "planmonitor"
    (package / "plans").mkdir(parents=True)
    (package / "plans" / "views.py").write_text(source)
    monkeypatch.setattr(f"{__name__}.PACKAGE", package)
    assert bool(_violations()) is expected
