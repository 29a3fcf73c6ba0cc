"""``_service { sdl }`` as the federation subgraph specification asks.

Strawberry's own ``_service`` prints the whole schema, ``_entities``, ``_service``,
``_Any``, ``_Entity`` and ``_Service`` included; the specification leaves those out of
the published SDL (a gateway adds them itself), and some gateways refuse or double them.
Defining ``_service`` on ``Query`` replaces Strawberry's field (it keeps a field the
query type already has); the SDL is printed once per schema.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import strawberry
from graphql import (
    DefinitionNode,
    DocumentNode,
    ObjectTypeDefinitionNode,
    parse,
    print_ast,
)
from strawberry.printer import print_schema

__all__ = ["ServiceQuery"]

FEDERATION_FIELDS = frozenset({"_entities", "_service"})
FEDERATION_TYPES = frozenset({"_Any", "_Entity", "_Service"})


def _keep(definition: DefinitionNode) -> DefinitionNode | None:
    name = getattr(getattr(definition, "name", None), "value", None)
    if name in FEDERATION_TYPES:
        return None
    if isinstance(definition, ObjectTypeDefinitionNode) and name == "Query":
        fields = tuple(f for f in definition.fields or () if f.name.value not in FEDERATION_FIELDS)
        kept = {k: getattr(definition, k) for k in definition.keys if k != "fields"}
        return ObjectTypeDefinitionNode(**kept, fields=fields)
    return definition


@lru_cache(maxsize=8)
def subgraph_sdl(schema: Any) -> str:
    """The schema's SDL without the federation machinery the specification omits."""
    document = parse(print_schema(schema))
    kept = tuple(d for d in (_keep(d) for d in document.definitions) if d is not None)
    return print_ast(DocumentNode(definitions=kept))


@strawberry.type(name="_Service", description="What a federation gateway asks a subgraph.")
class SubgraphService:
    sdl: str


@strawberry.type
class ServiceQuery:
    @strawberry.field(name="_service", description="The subgraph's SDL, for a gateway.")
    def service(self, info: strawberry.Info) -> SubgraphService:
        return SubgraphService(sdl=subgraph_sdl(info.schema))
