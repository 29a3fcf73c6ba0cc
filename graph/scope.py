"""Scope predicates: the Cypher that decides which rows a caller's role may see.

Each entity has one file in ``graph/cypher/scope/`` with a predicate per role over a
fixed variable (``p`` patent, ``i`` institution, ``e`` enterprise, ``x`` expert,
``v`` evaluation, ``t`` transaction). The predicate reads only ``$scope`` (the map from
``Principal.params()``), so user input never enters the query text. Reads splice the
predicate into their ``WHERE``; nothing is filtered after the database answers.
"""

from __future__ import annotations

import re
from typing import Any

from graph import cypher
from graph.vocab import Role

__all__ = ["VARIABLES", "params", "predicate", "predicate_as"]

VARIABLES = {
    "patent": "p",
    "institution": "i",
    "enterprise": "e",
    "expert": "x",
    "evaluation": "v",
    "transaction": "t",
}


def predicate(entity: str, role: Role) -> str:
    """The ``WHERE`` predicate for ``entity`` rows visible to ``role``."""
    text = cypher.sections(f"scope/{entity}").get(role.value)
    if text is None:
        raise KeyError(f"no scope rule for {entity} and role {role.value}")
    return f"({text})"


_VARIABLE = re.compile(r"(?<![\w.$])([a-z])(?!\w)")


def predicate_as(entity: str, role: Role, variable: str) -> str:
    """The same predicate over another variable, for a related node read beside the row
    (e.g. the enterprise of an evaluation, whose key is as private as the enterprise).
    The rule's own variables are renamed too, so none captures a variable of the
    statement it is spliced into."""
    own = VARIABLES[entity]

    def rename(match: re.Match[str]) -> str:
        name = match.group(1)
        return variable if name == own else f"{name}_{variable}"

    return _VARIABLE.sub(rename, predicate(entity, role))


def params(scope: dict[str, Any]) -> dict[str, Any]:
    """Wrap ``Principal.params()`` as the ``$scope`` parameter."""
    return {"scope": scope}
