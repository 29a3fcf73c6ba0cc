"""What every resolver gets as ``info.context`` for one request."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from starlette.requests import Request
from starlette.responses import Response

from graph.db import AsyncGraph
from hub.auth.principal import Principal

__all__ = ["Context"]

L = TypeVar("L")


@dataclass
class Context:
    """Per request: the caller, the database handle and the request's DataLoaders.

    Loaders live for one request only, so a cached row never crosses callers (and
    so never crosses scopes).
    """

    principal: Principal
    graph: AsyncGraph
    request_id: str
    request: Request | None = None
    response: Response | None = None
    loaders: dict[str, Any] = field(default_factory=dict)

    def loader(self, name: str, factory: Callable[[Context], L]) -> L:
        if name not in self.loaders:
            self.loaders[name] = factory(self)
        loader: L = self.loaders[name]
        return loader
