"""Signed webhook deliveries of the change feed, with retries and dead letters.

Each active ``WebhookSubscription`` of a province receives, in order, the change events that
province may see, in batches of ``batch`` events. A delivery is one ``POST`` of JSON::

    {"subscription": "...", "province": "33", "events": [{"seq", "kind", "appNo", "at",
     "catalogue"}, ...], "lastSeq": 42}

with headers ``X-PatentHub-Timestamp`` (Unix seconds), ``X-PatentHub-Delivery`` (an id)
and ``X-PatentHub-Signature: sha256=<hex>``: HMAC-SHA256 with the subscription's secret
over ``<timestamp>.<body>`` (the timestamp in the signed text stops replays; receivers
reject old timestamps). Any 2xx answer is success. Otherwise the delivery is retried with
exponential backoff, up to ``attempts`` tries; after the last failure it is kept as a
``DeadLetter`` (payload, last status, attempts) and the subscription moves on, so one bad
batch never blocks the feed (the province can still page the feed itself).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

import httpx

from connectors import feed
from graph import cypher
from graph.db import Graph

SIGNATURE = "X-PatentHub-Signature"
TIMESTAMP = "X-PatentHub-Timestamp"
DELIVERY = "X-PatentHub-Delivery"
TOLERANCE = 300  # seconds a receiver should accept between timestamp and its clock


class WebhookError(ValueError):
    """A subscription that cannot be made."""


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The ``X-PatentHub-Signature`` value for a body sent at ``timestamp``."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def verify(
    secret: str,
    body: bytes,
    timestamp: str,
    signature: str,
    now: float | None = None,
    tolerance: int = TOLERANCE,
) -> bool:
    """What a receiver does: recompute, compare in constant time, check the timestamp."""
    try:
        age = abs((now if now is not None else time.time()) - int(timestamp))
    except ValueError:
        return False
    return age <= tolerance and hmac.compare_digest(sign(secret, timestamp, body), signature)


@dataclass
class Policy:
    """Retry policy: ``attempts`` tries, waiting ``base * factor**n`` seconds (capped)."""

    attempts: int = 5
    base: float = 1.0
    factor: float = 2.0
    cap: float = 60.0
    timeout: float = 10.0
    batch: int = 100

    def delay(self, attempt: int) -> float:
        return float(min(self.cap, self.base * self.factor ** (attempt - 1)))


@dataclass
class PassResult:
    delivered: int = 0  # events delivered
    deliveries: int = 0  # successful POSTs
    dead_letters: int = 0
    attempts: int = 0  # POSTs tried, successful or not
    failures: list[str] = field(default_factory=list)


def subscribe(
    graph: Graph, province: str, url: str, secret: str | None = None, from_start: bool = False
) -> dict[str, Any]:
    """A new subscription (its secret generated unless given); returned with the secret."""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise WebhookError(f"webhook url {url!r} must be an http:// or https:// address")
    secret = secret or secrets.token_urlsafe(32)
    rows = graph.write(
        cypher.load("connectors/webhook_subscribe"),
        {
            "id": f"WH-{uuid.uuid4().hex[:12]}",
            "province": province,
            "url": url,
            "secret": secret,
            "fromStart": from_start,
        },
    )
    if not rows:
        raise WebhookError(f"province {province!r} is not a GB/T 2260 province code in the hub")
    return {**rows[0]["subscription"], "secret": secret}


def _post(
    client: httpx.Client, url: str, secret: str, body: bytes, delivery: str
) -> tuple[int | None, str | None]:
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        TIMESTAMP: timestamp,
        DELIVERY: delivery,
        SIGNATURE: sign(secret, timestamp, body),
    }
    try:
        response = client.post(url, content=body, headers=headers)
    except httpx.HTTPError as exc:
        return None, f"{type(exc).__name__}: {exc}"
    if 200 <= response.status_code < 300:
        return response.status_code, None
    return response.status_code, f"HTTP {response.status_code}"


def deliver(
    graph: Graph,
    policy: Policy | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> PassResult:
    """One delivery pass over every active subscription, until each is up to date."""
    policy = policy or Policy()
    result = PassResult()
    subs = [r["subscription"] for r in graph.read(cypher.load("connectors/webhook_subscriptions"))]
    with httpx.Client(timeout=policy.timeout) as client:
        for sub in subs:
            _deliver_one(graph, client, sub, policy, sleep, result)
    return result


def _deliver_one(
    graph: Graph,
    client: httpx.Client,
    sub: dict[str, Any],
    policy: Policy,
    sleep: Callable[[float], None],
    result: PassResult,
) -> None:
    after = int(sub["delivered"] or 0)
    while True:
        events = feed.changes_for_province(graph, sub["province"], after, policy.batch)
        if not events:
            return
        last = int(events[-1]["seq"])
        payload = {
            "subscription": sub["id"],
            "province": sub["province"],
            "events": [{**e, "at": str(e["at"])} for e in events],
            "lastSeq": last,
        }
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
        delivery = uuid.uuid4().hex
        status: int | None = None
        error: str | None = None
        for attempt in range(1, policy.attempts + 1):
            result.attempts += 1
            status, error = _post(client, sub["url"], sub["secret"], body, delivery)
            if error is None:
                break
            if attempt < policy.attempts:
                sleep(policy.delay(attempt))
        if error is None:
            result.deliveries += 1
            result.delivered += len(events)
        else:
            graph.write(
                cypher.load("connectors/webhook_dead_letter"),
                {
                    "id": delivery,
                    "subscription": sub["id"],
                    "payload": body.decode(),
                    "firstSeq": int(events[0]["seq"]),
                    "lastSeq": last,
                    "lastStatus": status,
                    "lastError": error,
                    "attempts": policy.attempts,
                },
            )
            result.dead_letters += 1
            result.failures.append(f"{sub['id']} → {sub['url']}: {error}")
        graph.write(
            cypher.load("connectors/webhook_advance"),
            {"id": sub["id"], "delivered": last, "status": status},
        )
        after = last


def dead_letters(graph: Graph) -> list[dict[str, Any]]:
    return [r["deadLetter"] for r in graph.read(cypher.load("connectors/webhook_dead_letters"))]
