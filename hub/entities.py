"""``_entities``: the representations a gateway sends, checked, grouped by type and
looked up with one awaited batch per type.

Strawberry's own resolver returns one awaitable per representation, and graphql-core
completes each in a task of its own: for 500 representations about a thousand tasks and
as many turns of the event loop, while ``/healthz`` waits. Here every entity type
declares ``resolve_references(info, keys)`` over the request's DataLoader (still one
statement per type), and ``_entities`` answers a plain list that graphql-core completes
in one pass. A representation that is not an object, names no entity type, or lacks its
key answers ``BAD_USER_INPUT`` at its own index; the others are still answered.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from strawberry.federation.schema_directives import Key
from strawberry.types import Info
from strawberry.types.base import StrawberryObjectDefinition

from hub.errors import BadUserInput

__all__ = ["Batch", "entity_references", "resolve_entities"]

Batch = Callable[[Info[Any, Any], list[str]], Awaitable[list[Any]]]


def entity_references(type_map: Mapping[str, Any]) -> dict[str, tuple[str, Batch]]:
    """Each entity type's name → (its key field, its batched look-up)."""
    found: dict[str, tuple[str, Batch]] = {}
    for name, concrete in type_map.items():
        definition = getattr(concrete, "definition", None)
        if not isinstance(definition, StrawberryObjectDefinition):
            continue
        keys = [d.fields for d in definition.directives or () if isinstance(d, Key)]
        batch = getattr(definition.origin, "resolve_references", None)
        if len(keys) == 1 and batch is not None:
            found[name] = (keys[0], batch)
    return found


async def resolve_entities(
    info: Info[Any, Any],
    representations: list[Any],
    references: Mapping[str, tuple[str, Batch]],
) -> list[Any]:
    results: list[Any] = [None] * len(representations)
    groups: dict[str, list[tuple[int, str]]] = {}
    for index, representation in enumerate(representations):
        problem, typename, key = _checked(representation, references)
        if problem:
            results[index] = BadUserInput(
                f"representation {index}: {problem}", field="representations", index=index
            )
        else:
            groups.setdefault(typename, []).append((index, key))
    for typename, members in groups.items():
        batch = references[typename][1]
        answers = await batch(info, [key for _, key in members])
        for (index, _), answer in zip(members, answers, strict=True):
            results[index] = answer
    return results


def _checked(
    representation: Any, references: Mapping[str, tuple[str, Batch]]
) -> tuple[str, str, str]:
    """(problem, typename, key): the problem is empty when the representation holds."""
    if not isinstance(representation, dict):
        return "a representation is an object with __typename and the type's key", "", ""
    typename = representation.get("__typename")
    if not isinstance(typename, str) or typename not in references:
        known = ", ".join(sorted(references))
        return f"__typename must name an entity type ({known})", "", ""
    field = references[typename][0]
    key = representation.get(field)
    if not isinstance(key, str):
        return f"{typename} representations need {field} as a string", "", ""
    return "", typename, key
