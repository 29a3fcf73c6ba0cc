"""Logins, failures and logouts in the audit trail (the same ``AuditEntry`` nodes
the workflow mutations write, so ``auditTrail(action: "login")`` lists them)."""

from __future__ import annotations

import json
import logging
import uuid
from typing import Any

from graph.cypher import load
from graph.db import AsyncGraph
from hub.auth.users import UserAccount

__all__ = ["LOGIN", "LOGIN_FAILED", "LOGOUT", "record", "refused", "signed_in"]

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


async def signed_in(
    graph: AsyncGraph, user: UserAccount, *, request_id: str, address: str, **args: Any
) -> None:
    """A login, by password or single sign-on (``method``, ``issuer``, … in ``args``)."""
    await record(
        graph,
        LOGIN,
        username=user.username,
        role=user.role.value,
        scope=user.scope,
        request_id=request_id,
        address=address,
        **args,
    )


async def refused(
    graph: AsyncGraph, username: str, *, request_id: str, address: str, reason: str, **args: Any
) -> None:
    """A refused login: nobody signed in, so no role or scope."""
    await record(
        graph,
        LOGIN_FAILED,
        username=username,
        role=None,
        scope=None,
        request_id=request_id,
        address=address,
        reason=reason,
        **args,
    )
