"""The direction of imports, read from the source (no Neo4j).

``graph`` is the bottom layer and never imports ``hub`` or ``connectors``. Inside the
hub, ``hub/schema`` declares the GraphQL types and fields and calls ``hub/resolvers``,
which return rows and never import the schema. Modules import at their top: no import
hides in a function body to dodge a circle, and module-level imports form no circle.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("graph", "hub", "connectors")

# The command lines import each command's modules inside its handler, so that
# ``patent-hub neo4j status`` or ``patent-hub-connectors --help`` starts without loading
# the GraphQL schema, openpyxl or the driver's pools.
LAZY_BY_DESIGN = {"hub/cli.py", "connectors/cli.py"}


def modules() -> Iterator[Path]:
    for package in PACKAGES:
        yield from sorted((ROOT / package).rglob("*.py"))


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def imported(node: ast.Import | ast.ImportFrom, path: Path) -> list[str]:
    """The modules an import statement names: ``from a.b import c`` names ``a.b.c``
    when that is a module of ours, else ``a.b``."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    base = node.module or ""
    if node.level:
        package = module_name(path).split(".")
        if path.name != "__init__.py":
            package.pop()
        package = package[: len(package) - (node.level - 1)]
        base = ".".join([*package, base] if base else package)
    out = []
    for a in node.names:
        full = f"{base}.{a.name}"
        as_path = ROOT / Path(*full.split("."))
        out.append(full if as_path.with_suffix(".py").exists() or as_path.is_dir() else base)
    return out


def imports(path: Path) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree(path)):
        if isinstance(node, ast.Import | ast.ImportFrom):
            for name in imported(node, path):
                yield node.lineno, name


def within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def test_graph_never_imports_hub_or_connectors() -> None:
    wrong = [
        f"{rel(path)}:{line} imports {name}"
        for path in sorted((ROOT / "graph").rglob("*.py"))
        for line, name in imports(path)
        if within(name, "hub") or within(name, "connectors")
    ]
    assert wrong == []


def test_resolvers_never_import_the_schema() -> None:
    wrong = [
        f"{rel(path)}:{line} imports {name}"
        for path in sorted((ROOT / "hub" / "resolvers").rglob("*.py"))
        for line, name in imports(path)
        if within(name, "hub.schema")
    ]
    assert wrong == []


def test_resolvers_load_no_schema_module() -> None:
    """Not through another module either: what a resolver module loads, followed through
    the module-level imports of every module it reaches."""
    ours = {module_name(p): p for p in modules()}
    wrong = []
    for path in sorted((ROOT / "hub" / "resolvers").rglob("*.py")):
        seen, pending = set(), [module_name(path)]
        while pending:
            name = pending.pop()
            for m in top_level_imports(ours[name]):
                if m in ours and m not in seen:
                    seen.add(m)
                    pending.append(m)
        wrong += [f"{rel(path)} loads {m}" for m in sorted(seen) if within(m, "hub.schema")]
    assert wrong == []


def imports_in_functions(path: Path) -> Iterator[str]:
    for fn in ast.walk(tree(path)):
        if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(fn):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    names = ", ".join(imported(node, path))
                    yield f"{rel(path)}:{node.lineno} {fn.name}() imports {names}"


def test_no_import_inside_a_function() -> None:
    wrong = [
        hit
        for path in modules()
        if rel(path) not in LAZY_BY_DESIGN
        for hit in imports_in_functions(path)
    ]
    assert wrong == []


def top_level_imports(path: Path) -> Iterator[str]:
    """What a module imports as it loads: statements at its top level, outside
    ``if TYPE_CHECKING:`` (which only the type checker reads)."""
    pending: list[ast.stmt] = list(tree(path).body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield from imported(node, path)
        elif isinstance(node, ast.If):
            if not (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"):
                pending += node.body + node.orelse
        elif isinstance(node, ast.Try):
            pending += node.body + node.orelse + node.finalbody
            pending += [s for h in node.handlers for s in h.body]


def test_no_import_circles() -> None:
    ours = {module_name(p): p for p in modules()}
    graph = {
        name: sorted({m for m in top_level_imports(path) if m in ours and m != name})
        for name, path in ours.items()
    }
    circles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 on the path, 2 done
    path: list[str] = []

    def visit(name: str) -> None:
        state[name] = 1
        path.append(name)
        for nxt in graph[name]:
            if state.get(nxt) == 1:
                circles.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        path.pop()
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name)
    assert [" -> ".join(c) for c in circles] == []
