"""Whether the account behind a token may still act: checked on every request.

Tokens the hub issues for an account (OAuth machine clients now, people accounts of the
console too) carry the claim ``acct`` (the kind of account); their subject (``sub``)
must then be an ``:Account {subject}`` node that is not disabled. A disabled or removed
account's tokens are refused within ``PATENT_HUB_ACCOUNT_CACHE_SECONDS`` (5 s): the
state is read from the graph and kept that long per subject, so a busy client costs one
read per few seconds, not one per request. Tokens without ``acct`` (development tokens,
an identity provider's) are not tied to an account here.

Generic over the subject: any account kind is an ``Account`` node with ``subject`` and
``disabled``; ``check_account(graph, claims)`` is all a new kind needs.
"""

from __future__ import annotations

import os
import time
from collections import OrderedDict
from typing import Any

from graph.cypher import load
from graph.db import AsyncGraph
from hub.auth.tokens import InvalidToken

ACCOUNT_CLAIM = "acct"
DEFAULT_CACHE_SECONDS = 5.0
MAX_CACHED = 10_000


class AccountStates:
    """``subject -> active`` read from the graph, each answer kept ``ttl`` seconds."""

    def __init__(self, ttl: float | None = None) -> None:
        env = os.environ.get("PATENT_HUB_ACCOUNT_CACHE_SECONDS", "")
        self.ttl = ttl if ttl is not None else float(env or DEFAULT_CACHE_SECONDS)
        self._seen: OrderedDict[str, tuple[float, bool]] = OrderedDict()

    async def active(self, graph: AsyncGraph, subject: str) -> bool:
        now = time.monotonic()
        cached = self._seen.get(subject)
        if cached is not None and now - cached[0] < self.ttl:
            return cached[1]
        rows = await graph.read(load("accounts/state"), {"subject": subject})
        active = bool(rows) and not rows[0]["disabled"]
        self._seen[subject] = (now, active)
        self._seen.move_to_end(subject)
        while len(self._seen) > MAX_CACHED:
            self._seen.popitem(last=False)
        return active

    def forget(self, subject: str | None = None) -> None:
        """Drop cached answers (all, or one subject's), e.g. after a change here."""
        if subject is None:
            self._seen.clear()
        else:
            self._seen.pop(subject, None)


STATES = AccountStates()


async def check_account(
    graph: AsyncGraph, claims: dict[str, Any], states: AccountStates = STATES
) -> None:
    """``InvalidToken`` when the token names an account that is disabled or gone."""
    if not claims.get(ACCOUNT_CLAIM):
        return
    subject = claims.get("sub")
    if not isinstance(subject, str) or not await states.active(graph, subject):
        raise InvalidToken(f"the account {subject} is disabled or no longer exists")
