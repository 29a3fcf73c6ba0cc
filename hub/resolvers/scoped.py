"""Cypher files with the caller's scope spliced in, and the parameters they take.

A statement in ``graph/cypher/`` marks where a scope rule goes with ``__PATENT_SCOPE__``,
``__EVALUATION_SCOPE__`` … (one marker per entity of ``graph.scope``); for the
per-institution roll-ups (``graph/rollups.py``, variable ``r``) ``__ROLLUP_OVERSIGHT__``
(the statistics rule of ``graph/cypher/statistics/oversight.cypher`` on ``r``),
``__ROLLUP_CLASSES__``
(``statistics/rollup_classes.cypher``), ``__ROLLUP_SHARES__``
(``statistics/rollup_shares.cypher``) and ``__PRIVATE_PATENTS__``
(``statistics/private_patents.cypher``);
``{{…}}`` placeholders of ``hub.resolvers.cypher`` (e.g. the ``Patent`` row) work too.
The rules read only ``$scope``, so no caller input ever enters the text.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from graph import cypher, scope
from graph.vocab import Role
from hub.auth.principal import Principal
from hub.resolvers.cypher import render

__all__ = ["oversight", "params", "statement"]


def _oversight() -> dict[str, str]:
    return cypher.sections("statistics/oversight")


def oversight(role: Role) -> str:
    """The predicate over ``p`` for the patents ``role`` answers for in statistics."""
    return f"({_oversight()[role.value]})"


def rollup_oversight(role: Role) -> str:
    """The oversight rule over an ``InstitutionRollup`` ``r`` (it carries the same
    ``institutionId``/``provinceCode``/``ministryCode`` keys as the patents it counts)."""
    return re.sub(r"\bp\.", "r.", oversight(role))


# Per-role markers of the roll-up statistics and the file each one's rule comes from.
ROLLUP_MARKERS = {
    "__ROLLUP_CLASSES__": "statistics/rollup_classes",
    "__ROLLUP_SHARES__": "statistics/rollup_shares",
    "__PRIVATE_PATENTS__": "statistics/private_patents",
}


@cache
def statement(name: str, role: Role) -> str:
    """``graph/cypher/<name>.cypher`` with every scope marker replaced for ``role``."""
    text = cypher.load(name)
    for entity in scope.VARIABLES:
        marker = f"__{entity.upper()}_SCOPE__"
        if marker in text:
            text = text.replace(marker, scope.predicate(entity, role))
    if "__ROLLUP_OVERSIGHT__" in text:
        text = text.replace("__ROLLUP_OVERSIGHT__", rollup_oversight(role))
    for marker, rules in ROLLUP_MARKERS.items():
        if marker in text:
            text = text.replace(marker, cypher.sections(rules)[role.value])
    # ``{{include.patent/row}}`` and friends: the shared projections of
    # ``graph/cypher/queries/`` (private fields decided per role, in the database).
    return render(text, role) if "{{" in text else text


def params(principal: Principal, **extra: Any) -> dict[str, Any]:
    """``$scope`` for ``principal`` plus the statement's own parameters."""
    return {**scope.params(principal.params()), **extra}
