"""The layout shows the architecture (DESIGN "Layout"): one package per noun, layers that only
import downwards, no import circle at module level, and adapters naming the same roles alike."""

from __future__ import annotations

import ast
import functools
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

SRC = REPO / "src"
INTEGRATIONS = sorted((REPO / "integrations").glob("*/hipcoach_*"))
PACKAGES = (
    "programme",
    "schedule",
    "adherence",
    "sync",
    "state",
    "plugins",
    "exports",
    "report",
    "data",
    "cli",
)
#: the deprecated alias kept for one release (see CHANGELOG), not a shared module
DEPRECATED = {"interfaces", "completions"}
#: role → module name, the same in every adapter that has the role
ROLES = ("auth", "client", "source", "target", "done", "errors", "tokens")
#: names the roles used to go by before the adapters were aligned
RETIRED_ROLE_NAMES = ("failures", "store", "connection", "api")


def module_name(path: Path) -> str:
    """``src/hipcoach/sync/job.py`` → ``hipcoach.sync.job``; packages by their ``__init__``."""
    root = next(b for b in (SRC, *(p.parent for p in INTEGRATIONS)) if path.is_relative_to(b))
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@functools.cache
def our_modules() -> dict[str, Path]:
    files = [*SRC.rglob("*.py"), *(f for pkg in INTEGRATIONS for f in pkg.rglob("*.py"))]
    return {module_name(f): f for f in files}


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports(tree: ast.Module, module: str, *, module_level: bool) -> Iterator[str]:
    """Every module ``module``'s file imports when it runs: at module level only (what runs on
    import), or anywhere (functions included); never what ``if TYPE_CHECKING`` names for type
    hints. Relative imports are resolved; each import also runs its parent packages."""

    def walk(nodes: list[ast.stmt]) -> Iterator[ast.stmt]:
        for node in nodes:
            if isinstance(node, ast.If) and _type_checking(node):
                continue
            if module_level and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            yield node
            for name in ("body", "orelse", "finalbody"):
                children = getattr(node, name, None)
                if isinstance(children, list):
                    yield from walk([c for c in children if isinstance(c, ast.stmt)])
            for handler in getattr(node, "handlers", []):
                yield from walk(handler.body)

    def with_parents(name: str) -> Iterator[str]:
        parts = name.split(".")
        yield from (".".join(parts[:i]) for i in range(1, len(parts) + 1))

    package = module if is_package(module) else module.rpartition(".")[0]
    for node in walk(tree.body):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield from with_parents(alias.name)
        elif isinstance(node, ast.ImportFrom):
            base = (
                package.split(".")[: len(package.split(".")) - (node.level - 1)]
                if node.level
                else []
            )
            target = ".".join([*base, *([node.module] if node.module else [])])
            yield from with_parents(target)
            yield from (f"{target}.{alias.name}" for alias in node.names)


def is_package(module: str) -> bool:
    return our_modules()[module].name == "__init__.py"


def graph(*, module_level: bool) -> dict[str, set[str]]:
    modules = our_modules()
    edges: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found = imports(tree, name, module_level=module_level)
        # a module's own packages are already importing when it runs: no edge to them
        edges[name] = {m for m in found if m in modules and not f"{name}.".startswith(f"{m}.")}
    return edges


def test_no_import_circle_at_module_level():
    edges = graph(module_level=True)
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                cycle = [*stack[stack.index(nxt) :], nxt]
                pytest.fail("import circle: " + " → ".join(cycle))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)


def test_the_core_never_imports_an_integration_and_nothing_imports_the_cli():
    edges = graph(module_level=False)
    for module, targets in edges.items():
        if module.startswith("hipcoach.") or module == "hipcoach":
            assert not [t for t in targets if t.startswith("hipcoach_")], module
        if not module.startswith("hipcoach.cli") and module != "hipcoach.__main__":
            assert not [t for t in targets if t.startswith("hipcoach.cli")], module


def test_at_most_a_dozen_shared_modules_at_the_top():
    top = {p.stem for p in (SRC / "hipcoach").glob("*.py")} - {"__init__", "__main__"}
    assert len(top - DEPRECATED) <= 12, sorted(top)


@pytest.mark.parametrize("package", PACKAGES)
def test_every_package_says_what_lives_there_and_what_it_may_import(package):
    init = SRC / "hipcoach" / package / "__init__.py"
    doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
    assert doc, f"{package}/__init__.py has no docstring"
    if package != "cli":  # the top layer may import anything
        assert "May import" in doc, package


@pytest.mark.parametrize("adapter", INTEGRATIONS, ids=lambda p: p.name)
def test_adapters_name_the_same_roles_the_same_way(adapter):
    names = {p.stem for p in adapter.glob("*.py")}
    assert not names & set(RETIRED_ROLE_NAMES), sorted(names & set(RETIRED_ROLE_NAMES))
    assert {"auth", "client", "source", "done", "errors", "tokens"} <= names


@pytest.mark.parametrize(
    ("old_path", "names"),
    [
        ("hipcoach.interfaces", ("Integration", "ActivitySource", "PluginContext")),
        ("hipcoach.completions", ("CompletedActivity", "DoneSet")),
    ],
)
def test_the_old_plugin_contract_modules_still_import_with_a_warning(old_path, names):
    import importlib
    import sys

    import hipcoach.plugins

    sys.modules.pop(old_path, None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        old = importlib.import_module(old_path)
    assert any(issubclass(w.category, DeprecationWarning) for w in caught)
    for name in names:
        assert getattr(old, name) is getattr(hipcoach.plugins, name), name


def test_the_readme_maps_every_package():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    on_disk = {p.parent.name for p in (SRC / "hipcoach").glob("*/__init__.py")}
    assert on_disk == set(PACKAGES)
    for package in PACKAGES:
        assert f"| `{package}/` |" in readme, package
