"""One tree of exceptions, and its drawing at the top of ``graph/errors.py`` (no Neo4j).

Every exception class defined in ``graph``, ``hub`` and ``connectors`` is either one of
the project's own (``PatentHubError``) or a GraphQL error of the API's contract
(``GraphQLError``), and the drawing names each ``PatentHubError`` under its real parent,
with its module and the built-in base callers catch: a new class, a moved one or a
changed base that the drawing does not show fails here.
"""

from __future__ import annotations

import importlib
import inspect
import re
from functools import cache
from pathlib import Path

from graphql import GraphQLError

import graph.errors
from graph.errors import PatentHubError

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("graph", "hub", "connectors")
NAME = re.compile(r"[A-Z]\w+")
PATH = re.compile(r"\b((?:graph|hub|connectors)/[\w/]+\.py)\b")
BASE = re.compile(r"\[(\w+)\]")


def module_names() -> list[str]:
    names = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            names.append(".".join(parts))
    return names


@cache
def exception_classes() -> dict[str, type[BaseException]]:
    """Every exception class defined (not imported) in our modules, by qualified name."""
    found: dict[str, type[BaseException]] = {}
    for name in module_names():
        module = importlib.import_module(name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, BaseException)
                and value.__module__ == name
            ):
                found[f"{name}.{value.__qualname__}"] = value
    return found


def module_path(cls: type) -> str:
    source = inspect.getsourcefile(cls)
    assert source is not None
    return Path(source).resolve().relative_to(ROOT).as_posix()


def drawing() -> list[tuple[str, str | None, str | None, str | None]]:
    """(class, parent, module path, bracketed base) for each line of the drawn tree."""
    doc = graph.errors.__doc__ or ""
    block = doc.split("::\n", 1)[1].strip("\n").split("\n\n", 1)[0]
    indent = len(block) - len(block.lstrip())
    rows: list[tuple[str, str | None, str | None, str | None]] = []
    stack: list[str] = []
    for line in block.splitlines():
        match = NAME.search(line)
        assert match is not None, line
        depth = (match.start() - indent) // 4
        del stack[depth:]
        path, base = PATH.search(line), BASE.search(line)
        rows.append(
            (
                match.group(),
                stack[-1] if stack else None,
                path.group(1) if path else None,
                base.group(1) if base else None,
            )
        )
        stack.append(match.group())
    return rows


def test_every_exception_is_in_one_of_the_two_trees() -> None:
    classes = exception_classes()
    assert len(classes) > 30  # the walk found our modules' classes
    outside = sorted(
        name for name, cls in classes.items() if not issubclass(cls, PatentHubError | GraphQLError)
    )
    assert outside == []


def test_the_drawing_names_every_class_under_its_parent() -> None:
    ours = {
        cls.__name__: cls for cls in exception_classes().values() if issubclass(cls, PatentHubError)
    }
    rows = drawing()
    drawn = [name for name, *_ in rows]
    assert len(drawn) == len(set(drawn)), "a class drawn twice"
    assert sorted(drawn) == sorted(ours)
    for name, parent, path, base in rows:
        cls = ours[name]
        own = [b for b in cls.__bases__ if issubclass(b, PatentHubError)]
        if parent is None:
            assert cls is PatentHubError
            continue
        assert [b.__name__ for b in own] == [parent], name
        if cls.__module__ != "graph.errors":
            assert path == module_path(cls), name
        builtin = [b.__name__ for b in cls.__bases__ if not issubclass(b, PatentHubError)]
        assert builtin == ([base] if base else []), name


def test_the_built_in_bases_callers_catch_are_kept() -> None:
    """``except ValueError`` / ``RuntimeError`` / ``PermissionError`` sites still catch
    what they caught before the tree, and what was no ValueError stays none."""
    from connectors.config import ConfigError
    from graph.db import GraphUnavailable
    from graph.ingest.values import BadValue
    from graph.writes import UnknownAccount, WriteForbidden
    from hub.export.endpoint import ExportError
    from hub.imports.limit import BodyTooLarge

    assert issubclass(ConfigError, ValueError)
    assert issubclass(BadValue, ValueError)
    assert issubclass(GraphUnavailable, RuntimeError)
    assert issubclass(WriteForbidden, PermissionError)
    assert issubclass(UnknownAccount, LookupError)
    assert not issubclass(BodyTooLarge, ValueError)  # parsers must not turn it into a 400
    assert not issubclass(ExportError, ValueError)
    error = ConfigError("端口不是数字", name="省平台")
    assert (str(error), error.name) == ("端口不是数字", "省平台")
