"""The declared public surface, read from the source (no Neo4j).

Every module of ``graph``, ``hub`` and ``connectors`` lists in ``__all__``, right after
its imports, the names other modules, the tests and the benches use from it; what is not
listed is the module's own business and may change without looking elsewhere. A new use
across modules is a new line in the ``__all__`` of the module it comes from.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from tests.test_layers import PACKAGES, ROOT, module_name, modules, rel, tree

# Where the uses are read: the packages themselves, the tests and the benches.
USERS = (*PACKAGES, "tests", "bench")

# Modules allowed to go without ``__all__`` for now: none.
NOT_YET_DECLARED: set[str] = set()


@cache
def ours() -> dict[str, Path]:
    return {module_name(path): path for path in modules()}


def is_type_checking(node: ast.stmt) -> bool:
    return isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING")


def bound(body: list[ast.stmt]) -> set[str]:
    """The names a module binds as it loads (``if TYPE_CHECKING:`` blocks bind none)."""
    names: set[str] = set()
    for node in body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, ast.If) and not is_type_checking(node):
            names |= bound(node.body) | bound(node.orelse)
        elif isinstance(node, ast.Try):
            names |= bound(node.body + node.orelse + node.finalbody)
            names |= {n for h in node.handlers for n in bound(h.body)}
    return names


def all_statement(path: Path) -> ast.Assign | ast.AnnAssign | None:
    for node in tree(path).body:
        if isinstance(node, ast.Assign) and any(is_all(t) for t in node.targets):
            return node
        if isinstance(node, ast.AnnAssign) and is_all(node.target):
            return node
    return None


def is_all(target: ast.expr) -> bool:
    return isinstance(target, ast.Name) and target.id == "__all__"


def declared(path: Path) -> list[str] | None:
    """The names of the module's ``__all__``, if it is a literal list or tuple of strings."""
    node = all_statement(path)
    if node is None or not isinstance(node.value, ast.List | ast.Tuple):
        return None
    items = node.value.elts
    if not all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in items):
        return None
    return [str(e.value) for e in items if isinstance(e, ast.Constant)]


def is_import(node: ast.stmt) -> bool:
    """An import, or a ``try:`` of imports (with its fallback)."""
    if isinstance(node, ast.Try):
        return all(isinstance(n, ast.Import | ast.ImportFrom) for n in node.body)
    return isinstance(node, ast.Import | ast.ImportFrom)


def after_imports(path: Path) -> ast.stmt | None:
    """The first statement after the docstring and the imports at the top of a module."""
    body = tree(path).body
    i = (
        1
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
        else 0
    )
    while i < len(body) and (is_import(body[i]) or is_type_checking(body[i])):
        i += 1
    return body[i] if i < len(body) else None


def test_every_module_declares_its_surface() -> None:
    wrong = []
    for path in sorted(ours().values()):
        if rel(path) in NOT_YET_DECLARED:
            continue
        names = declared(path)
        if names is None:
            wrong.append(f"{rel(path)}: no __all__ as a literal list of strings")
            continue
        missing = sorted(set(names) - bound(tree(path).body))
        if missing:
            wrong.append(f"{rel(path)}: __all__ names what it does not define: {missing}")
        if len(set(names)) != len(names):
            wrong.append(f"{rel(path)}: __all__ names something twice")
        if after_imports(path) is not all_statement(path):
            wrong.append(f"{rel(path)}: __all__ is not right after the imports")
    assert wrong == []


def users() -> Iterator[Path]:
    for folder in USERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "node_modules" not in path.parts:
                yield path


def base_of(node: ast.ImportFrom, path: Path) -> str:
    """The module ``from <base> import ...`` names, relative imports resolved."""
    if not node.level:
        return node.module or ""
    package = list(path.relative_to(ROOT).with_suffix("").parts)
    if path.name != "__init__.py":
        package.pop()
    package = package[: len(package) - (node.level - 1)]
    return ".".join([*package, node.module] if node.module else package)


def lazy_references(node: ast.AST) -> Iterator[tuple[str, str]]:
    """``Annotated["Name", strawberry.lazy("module")]`` and ``LazyType("Name", "module")``:
    the schema loads the type from that module by name."""
    if isinstance(node, ast.Subscript) and ast.unparse(node.value).endswith("Annotated"):
        parts = node.slice.elts if isinstance(node.slice, ast.Tuple) else []
        if parts and isinstance(parts[0], ast.Constant) and isinstance(parts[0].value, str):
            for extra in parts[1:]:
                if (
                    isinstance(extra, ast.Call)
                    and ast.unparse(extra.func).endswith("lazy")
                    and extra.args
                    and isinstance(extra.args[0], ast.Constant)
                ):
                    yield str(extra.args[0].value), parts[0].value
    if (
        isinstance(node, ast.Call)
        and ast.unparse(node.func).endswith("LazyType")
        and len(node.args) >= 2
        and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args[:2])
    ):
        module, name = (a.value for a in node.args[:2] if isinstance(a, ast.Constant))
        yield str(module), str(name)


def uses(path: Path) -> Iterator[tuple[int, str, str]]:
    """(line, module, name) for each name a file takes from a module of ours: imported by
    name, read as an attribute of an imported module, or named by a lazy type."""
    mods = ours()
    aliases: dict[str, str] = {}  # a local name or dotted chain -> the module it is
    nodes = list(ast.walk(tree(path)))
    for node in nodes:
        if isinstance(node, ast.ImportFrom):
            base = base_of(node, path)
            if base not in mods:
                continue
            for a in node.names:
                if f"{base}.{a.name}" in mods:
                    aliases[a.asname or a.name] = f"{base}.{a.name}"
                else:
                    yield node.lineno, base, a.name
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.asname and a.name in mods:
                    aliases[a.asname] = a.name
                elif not a.asname:
                    parts = a.name.split(".")
                    for n in range(1, len(parts) + 1):
                        if ".".join(parts[:n]) in mods:
                            aliases[".".join(parts[:n])] = ".".join(parts[:n])
        for module, name in lazy_references(node):
            if module in mods:
                yield getattr(node, "lineno", 0), module, name
    for attr in nodes:
        if isinstance(attr, ast.Attribute):
            of = aliases.get(ast.unparse(attr.value))
            if of is None or f"{of}.{attr.attr}" in mods or attr.attr.startswith("__"):
                continue
            yield attr.lineno, of, attr.attr


def test_modules_use_only_what_others_declare() -> None:
    wrong = []
    for path in users():
        for line, module, name in uses(path):
            source = ours()[module]
            if rel(source) in NOT_YET_DECLARED or name in (declared(source) or []):
                continue
            wrong.append(f"{rel(path)}:{line} uses {name} of {module}, not in its __all__")
    assert wrong == []


def test_the_list_of_exceptions_is_current() -> None:
    """An entry whose module declares its ``__all__`` is taken off the list."""
    stale = [
        name
        for name in sorted(NOT_YET_DECLARED)
        if not (ROOT / name).exists() or all_statement(ROOT / name) is not None
    ]
    assert stale == []
