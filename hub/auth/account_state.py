"""Whether the account behind a hub-signed token still holds: enabled, not ended.

A JWT is valid until it expires, but a person who is disabled (``users disable``) or
whose password is reset, and an OAuth client that is disabled or rotated, must be
refused within seconds. Every request that carries a hub-signed token for an
account (``sub`` ``user:<username>`` for people, the ``client_id`` for OAuth
clients) is checked against the account's node, through a per-process cache of
``PATENT_HUB_ACCOUNT_STATE_SECONDS`` (2 s): the node's ``disabled`` flag refuses
every token, its ``validAfter`` (epoch seconds) refuses the tokens issued before it.
Development tokens (``sub`` ``dev:…``) and an identity provider's tokens have no
account here and are not checked.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from graph.cypher import load
from graph.db import AsyncGraph
from hub.auth.tokens import InvalidToken
from hub.auth.users import USER_PREFIX

__all__ = ["AccountState", "AccountStates"]

CLIENT_PREFIX = "ph_"  # hub.auth.clients.create_client's client ids
MAX_CACHED = 10_000


@dataclass(frozen=True)
class AccountState:
    exists: bool
    disabled: bool = False
    valid_after: int = 0
    row: dict[str, Any] | None = None  # the account's own fields (people: name, unit)


async def _lookup(graph: AsyncGraph, subject: str) -> AccountState:
    if subject.startswith(USER_PREFIX):
        rows = await graph.read(
            load("accounts/user_state"), {"username": subject[len(USER_PREFIX) :]}
        )
    else:
        rows = await graph.read(load("accounts/client_state"), {"clientId": subject})
    if not rows:
        return AccountState(exists=False)
    row = rows[0]
    return AccountState(True, bool(row["disabled"]), int(row["validAfter"] or 0), row)


def is_account(subject: str) -> bool:
    return subject.startswith(USER_PREFIX) or subject.startswith(CLIENT_PREFIX)


class AccountStates:
    """A short per-process cache of account states, so a busy client costs one
    lookup every few seconds rather than one per request."""

    def __init__(self, max_age: float) -> None:
        self.max_age = max_age
        self._cache: dict[str, tuple[float, AccountState]] = {}

    def forget(self, subject: str) -> None:
        """Drop a cached state (after a change made by this process)."""
        self._cache.pop(subject, None)

    async def state(self, graph: AsyncGraph, subject: str) -> AccountState:
        now = time.monotonic()
        cached = self._cache.get(subject)
        if cached is not None and now - cached[0] <= self.max_age:
            return cached[1]
        state = await _lookup(graph, subject)
        if len(self._cache) >= MAX_CACHED:
            self._cache.clear()
        self._cache[subject] = (now, state)
        return state

    async def check(self, graph: AsyncGraph, claims: dict[str, Any]) -> AccountState | None:
        """``InvalidToken`` if the token's account is gone, disabled or ended the
        token; the state (None for tokens without an account)."""
        subject = str(claims.get("sub") or "")
        if not is_account(subject):
            return None
        state = await self.state(graph, subject)
        if not state.exists:
            raise InvalidToken("token rejected: its account no longer exists")
        if state.disabled:
            raise InvalidToken("token rejected: its account is disabled")
        issued = claims.get("iat")
        if state.valid_after and (not isinstance(issued, int) or issued < state.valid_after):
            raise InvalidToken("token rejected: issued before its account's sessions were ended")
        return state
