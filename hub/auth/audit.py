"""Logins, failures and logouts in the audit trail (the same ``AuditEntry`` nodes
the workflow mutations write, so ``auditTrail(action: "login")`` lists them)."""

from __future__ import annotations

import json
import logging
import uuid
from typing import Any

from graph.cypher import load
from graph.db import AsyncGraph

__all__ = ["LOGIN", "LOGIN_FAILED", "LOGOUT", "record"]

log = logging.getLogger("hub.auth")

LOGIN = "login"
LOGIN_FAILED = "loginFailed"
LOGOUT = "logout"


async def record(
    graph: AsyncGraph,
    action: str,
    *,
    username: str,
    role: str | None,
    scope: str | None,
    request_id: str,
    **args: Any,
) -> None:
    """Writes one entry; the audit trail is written before the answer goes out."""
    await graph.write(
        load("mutations/audit"),
        {
            "id": uuid.uuid4().hex,
            "actorRole": role or "ANONYMOUS",
            "actorScope": scope,
            "actorSubject": f"user:{username}",
            "action": action,
            "target": username,
            "args": json.dumps(args, ensure_ascii=False, sort_keys=True, default=str),
            "requestId": request_id,
        },
    )
    log.info("%s %s %s", action, username, args, extra={"username": username})
