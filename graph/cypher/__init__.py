"""Cypher statements kept as ``.cypher`` files beside this module."""

from __future__ import annotations

from functools import cache
from pathlib import Path

__all__ = ["load", "sections", "statements"]

HERE = Path(__file__).resolve().parent


@cache
def load(name: str) -> str:
    """The text of ``graph/cypher/<name>.cypher`` (``name`` may contain ``/``)."""
    return (HERE / f"{name}.cypher").read_text(encoding="utf-8")


@cache
def sections(name: str) -> dict[str, str]:
    """The ``// @KEY`` sections of a file (per-role rules, filter fragments)."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in load(name).splitlines():
        stripped = line.strip()
        if stripped.startswith("// @"):
            current = found.setdefault(stripped[4:].strip(), [])
        elif current is not None and stripped and not stripped.startswith("//"):
            current.append(line)
    return {key: "\n".join(lines).strip() for key, lines in found.items()}


def statements(name: str) -> list[str]:
    """The ``;``-separated statements of a file, for schema scripts."""
    text = "\n".join(line for line in load(name).splitlines() if not line.lstrip().startswith("//"))
    return [s.strip() for s in text.split(";") if s.strip()]
