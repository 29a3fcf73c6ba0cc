"""Turning filter inputs into the camel-case ``$filter`` map the Cypher fragments read."""

from __future__ import annotations

import dataclasses
from enum import Enum
from typing import Any

__all__ = ["values"]


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def values(filter_: object | None) -> dict[str, Any]:
    """Set fields of a strawberry input, enum members as their identifiers."""
    if filter_ is None:
        return {}
    out: dict[str, Any] = {}
    for f in dataclasses.fields(filter_):  # type: ignore[arg-type]
        value = getattr(filter_, f.name)
        if value is not None:
            out[camel(f.name)] = value.value if isinstance(value, Enum) else value
    return out
