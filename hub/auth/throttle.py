"""Failed logins counted per client address, in a sliding window (per process).

The per-account count and lock live on the account's node (so every hub process
sees them, ``graph/cypher/accounts/login_failed.cypher``); the per-address count is
kept in memory, since it only has to slow one address guessing many usernames.
"""

from __future__ import annotations

import time
from collections import deque

__all__ = ["AddressThrottle"]

MAX_ADDRESSES = 50_000


class AddressThrottle:
    def __init__(self, max_failures: int, window: int) -> None:
        self.max_failures = max_failures
        self.window = window
        self._failures: dict[str, deque[float]] = {}

    def _recent(self, address: str, now: float) -> deque[float]:
        stamps = self._failures.get(address)
        if stamps is None:
            return deque()
        while stamps and now - stamps[0] > self.window:
            stamps.popleft()
        if not stamps:
            del self._failures[address]
        return stamps

    def retry_after(self, address: str) -> int:
        """Seconds until ``address`` may try again; 0 when it may now."""
        now = time.monotonic()
        stamps = self._recent(address, now)
        if len(stamps) < self.max_failures:
            return 0
        return max(1, int(self.window - (now - stamps[0])) + 1)

    def failed(self, address: str) -> None:
        now = time.monotonic()
        if len(self._failures) >= MAX_ADDRESSES:
            self._failures.clear()  # bounded memory under a flood of addresses
        self._recent(address, now)
        self._failures.setdefault(address, deque()).append(now)

    def succeeded(self, address: str) -> None:
        self._failures.pop(address, None)
