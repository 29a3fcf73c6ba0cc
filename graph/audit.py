"""Audit entries of the write paths that run outside a GraphQL request: uploads (the import
worker), CLI imports with an account, connector runs. Same node and statement as the
mutations' entries (``hub/resolvers/audit.py``), so ``auditTrail`` lists them all."""

from __future__ import annotations

import json
import uuid
from typing import Any, LiteralString, cast

from neo4j import ManagedTransaction

from graph import cypher
from graph.db import Graph
from graph.writes import Account

__all__ = ["params", "record", "record_alone"]


def params(
    account: Account, action: str, target: str, args: dict[str, Any], request_id: str = "-"
) -> dict[str, Any]:
    return {
        "id": uuid.uuid4().hex,
        "actorRole": account.role.value,
        "actorScope": account.scope,
        "actorSubject": account.subject,
        "action": action,
        "target": target,
        "args": json.dumps(args, ensure_ascii=False, sort_keys=True, default=str),
        "requestId": request_id,
    }


def record(tx: ManagedTransaction, entry: dict[str, Any]) -> None:
    """Write ``entry`` (from ``params``) in ``tx``: it commits with the change it records."""
    tx.run(cast(LiteralString, cypher.load("mutations/audit")), entry).consume()


def record_alone(graph: Graph, entry: dict[str, Any]) -> None:
    """Write ``entry`` in a transaction of its own (a run that wrote nothing)."""
    graph.write(cypher.load("mutations/audit"), entry)
