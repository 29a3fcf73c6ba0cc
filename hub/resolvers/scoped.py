"""Cypher files with the caller's scope spliced in, and the parameters they take.

A statement in ``graph/cypher/`` marks where a scope rule goes with ``__PATENT_SCOPE__``,
``__EVALUATION_SCOPE__`` … (one marker per entity of ``graph.scope``) and
``__OVERSIGHT__`` (the statistics rule of ``graph/cypher/statistics/oversight.cypher``);
``{{…}}`` placeholders of ``hub.resolvers.cypher`` (e.g. the ``Patent`` row) work too.
The rules read only ``$scope``, so no caller input ever enters the text.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from graph import cypher, scope
from graph.vocab import Role
from hub.auth.principal import Principal
from hub.resolvers.cypher import render


@cache
def _oversight() -> dict[str, str]:
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in cypher.load("statistics/oversight").splitlines():
        stripped = line.strip()
        if stripped.startswith("// @"):
            current = sections.setdefault(stripped[4:], [])
        elif current is not None and stripped and not stripped.startswith("//"):
            current.append(line)
    return {role: "\n".join(lines).strip() for role, lines in sections.items()}


def oversight(role: Role) -> str:
    """The predicate over ``p`` for the patents ``role`` answers for in statistics."""
    return f"({_oversight()[role.value]})"


@cache
def statement(name: str, role: Role) -> str:
    """``graph/cypher/<name>.cypher`` with every scope marker replaced for ``role``."""
    text = cypher.load(name)
    for entity in scope.VARIABLES:
        marker = f"__{entity.upper()}_SCOPE__"
        if marker in text:
            text = text.replace(marker, scope.predicate(entity, role))
    if "__OVERSIGHT__" in text:
        text = text.replace("__OVERSIGHT__", oversight(role))
    # ``{{include.patent/row}}`` and friends: the shared projections of
    # ``graph/cypher/queries/`` (private fields decided per role, in the database).
    return render(text, role) if "{{" in text else text


def params(principal: Principal, **extra: Any) -> dict[str, Any]:
    """``$scope`` for ``principal`` plus the statement's own parameters."""
    return {**scope.params(principal.params()), **extra}
