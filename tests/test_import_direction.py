"""Imports run one way: ``hub/schema`` imports ``hub/resolvers`` at module top; these
resolvers never import the schema, and no module here imports inside a function to dodge a
circle."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The resolvers that answer rows only (the others follow as they are converted).
ROW_RESOLVERS = ["hub.resolvers.mutations", "hub.resolvers.imports", "hub.resolvers.audit"]
SCHEMA_MODULES = ["hub.schema.mutations", "hub.schema.imports", "hub.schema.audit"]


@pytest.mark.parametrize("module", ROW_RESOLVERS)
def test_a_resolver_loads_no_schema_module(module: str) -> None:
    code = (
        f"import sys, {module}; print(sorted(m for m in sys.modules if m.startswith('hub.schema')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("module", ROW_RESOLVERS + SCHEMA_MODULES)
def test_no_import_inside_a_function(module: str) -> None:
    tree = ast.parse((ROOT / (module.replace(".", "/") + ".py")).read_text())
    inner = [
        f"line {node.lineno}"
        for function in ast.walk(tree)
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
        for node in ast.walk(function)
        if isinstance(node, ast.Import | ast.ImportFrom)
    ]
    assert inner == []
