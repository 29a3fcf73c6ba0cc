"""Failed authentications counted per key (a client id, an address) in a sliding window.

After ``max_failures`` failures within ``window`` seconds a key is refused until the
oldest of them leaves the window; ``retry_after`` says how long, for a 429 and its
``Retry-After`` header. In memory, per process: with several hub processes each counts
its own share. Used by the token endpoint; any other login can use it the same way.
"""

from __future__ import annotations

import math
import os
import time
from collections import OrderedDict, deque

__all__ = ["FailureLimiter"]

MAX_KEYS = 100_000


class FailureLimiter:
    def __init__(self, max_failures: int, window: float) -> None:
        self.max_failures = max_failures
        self.window = window
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()

    @classmethod
    def from_env(cls, prefix: str, max_failures: int, window: float) -> FailureLimiter:
        """``<prefix>_MAX_FAILURES`` and ``<prefix>_FAILURE_WINDOW`` (seconds)."""
        env = os.environ
        return cls(
            int(env.get(f"{prefix}_MAX_FAILURES") or max_failures),
            float(env.get(f"{prefix}_FAILURE_WINDOW") or window),
        )

    def _recent(self, key: str, now: float) -> deque[float]:
        failures = self._failures.get(key)
        if failures is None:
            return deque()
        while failures and now - failures[0] >= self.window:
            failures.popleft()
        if not failures:
            del self._failures[key]
        return failures

    def retry_after(self, *keys: str) -> int:
        """Seconds until every key may try again (0: now)."""
        now = time.monotonic()
        wait = 0.0
        for key in keys:
            failures = self._recent(key, now)
            if len(failures) >= self.max_failures:
                wait = max(wait, failures[0] + self.window - now)
        return math.ceil(wait) if wait > 0 else 0

    def failed(self, *keys: str) -> None:
        now = time.monotonic()
        for key in keys:
            failures = self._failures.setdefault(key, deque())
            failures.append(now)
            self._failures.move_to_end(key)
        while len(self._failures) > MAX_KEYS:
            self._failures.popitem(last=False)

    def succeeded(self, *keys: str) -> None:
        for key in keys:
            self._failures.pop(key, None)
