"""Scope predicates: the Cypher that decides which rows a caller's role may see.

Each entity has one file in ``graph/cypher/scope/`` with a predicate per role over a
fixed variable (``p`` patent, ``i`` institution, ``e`` enterprise, ``x`` expert,
``v`` evaluation, ``t`` transaction). The predicate reads only ``$scope`` (the map from
``Principal.params()``), so user input never enters the query text. Reads splice the
predicate into their ``WHERE``; nothing is filtered after the database answers.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from graph import cypher
from graph.vocab import Role

VARIABLES = {
    "patent": "p",
    "institution": "i",
    "enterprise": "e",
    "expert": "x",
    "evaluation": "v",
    "transaction": "t",
}


@cache
def _sections(entity: str) -> dict[str, str]:
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in cypher.load(f"scope/{entity}").splitlines():
        stripped = line.strip()
        if stripped.startswith("// @"):
            current = sections.setdefault(stripped[4:], [])
        elif current is not None and stripped and not stripped.startswith("//"):
            current.append(line)
    return {role: "\n".join(lines).strip() for role, lines in sections.items()}


def predicate(entity: str, role: Role) -> str:
    """The ``WHERE`` predicate for ``entity`` rows visible to ``role``."""
    text = _sections(entity).get(role.value)
    if text is None:
        raise KeyError(f"no scope rule for {entity} and role {role.value}")
    return f"({text})"


def params(scope: dict[str, Any]) -> dict[str, Any]:
    """Wrap ``Principal.params()`` as the ``$scope`` parameter."""
    return {"scope": scope}
