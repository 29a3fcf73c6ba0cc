"""The hub's federation schema: Strawberry's, with the hub's error log and its
``_entities`` resolution (``hub.entities``)."""

from __future__ import annotations

from functools import cached_property
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.federation.schema import FederationAny
from strawberry.types import Info
from strawberry.types.execution import ExecutionContext

from hub.entities import Batch, entity_references, resolve_entities
from hub.error_log import log_errors

__all__ = ["HubSchema"]


class HubSchema(strawberry.federation.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        log_errors(errors, execution_context)

    @cached_property
    def _references(self) -> dict[str, tuple[str, Batch]]:
        return entity_references(self.schema_converter.type_map)

    async def entities_resolver(  # type: ignore[override]
        self, info: Info, representations: list[FederationAny]
    ) -> list[FederationAny]:
        answers: list[Any] = await resolve_entities(info, representations, self._references)
        return answers
