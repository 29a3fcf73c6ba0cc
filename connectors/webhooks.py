"""Signed webhook deliveries of the change feed that survive receiver outages.

Each active ``WebhookSubscription`` of a province receives, in order, the change events that
province may see, in batches of ``batch`` events. A delivery is one ``POST`` of JSON::

    {"subscription": "...", "province": "33", "events": [{"seq", "kind", "appNo", "at",
     "catalogue"}, ...], "lastSeq": 42}

with headers ``X-PatentHub-Timestamp`` (Unix seconds), ``X-PatentHub-Delivery`` (an id, the
same on every retry of one delivery) and ``X-PatentHub-Signature: sha256=<hex>``:
HMAC-SHA256 with the subscription's secret over ``<timestamp>.<body>``.

Any 2xx answer is success. A failure (an HTTP status, a refused connection, a timeout)
leaves the delivery *pending* on the subscription (same body, same id): a later pass
retries it once it is due, the delay doubling from ``base`` up to ``cap``, and nothing
after it is sent meanwhile, so the order holds. Only after ``attempts`` tries spread over at
least ``window`` seconds does it become a ``DeadLetter`` (payload kept for
``redeliver``) and the subscription moves on. Each pass takes a lease on the subscription
in the graph first, so overlapping passes never send the same events twice.

A pass delivers up to ``workers`` subscriptions at once (a bounded pool of threads sharing
one HTTP client, whose keep-alive connections all POSTs reuse), and within a subscription it
overlaps the checkpoints with the POSTs and the read of the next events with both: POSTs of
one subscription stay one at a time and in order; at most one checkpoint is in flight, at
most one starts per ``checkpoint`` seconds, and it covers every delivery that succeeded
since the previous one (one graph write for many POSTs); a POST starts only while the
lease, renewed by every checkpoint, surely outlasts it (its timeout plus a margin), else
the pending checkpoint is written and waited for first.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import socket
import time
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

import httpx

from graph import cypher, feed
from graph.db import Graph
from graph.errors import InvalidInput

__all__ = [
    "PassResult",
    "Policy",
    "WebhookError",
    "dead_letters",
    "deliver",
    "redeliver",
    "rotate_secret",
    "sign",
    "subscribe",
    "subscriptions",
    "unsubscribe",
    "verify",
]

SIGNATURE = "X-PatentHub-Signature"
TIMESTAMP = "X-PatentHub-Timestamp"
DELIVERY = "X-PatentHub-Delivery"
TOLERANCE = 300  # seconds a receiver should accept between timestamp and its clock
READ = 10  # batches of events read at once (the next read starts when half are sent)
LEASE_MARGIN = 5.0  # seconds of lease left over when a POST may take its whole timeout
# httpx writes a request's headers and body separately: with Nagle's algorithm on, the
# body waits for the receiver's delayed acknowledgement of the headers (up to 40 ms).
NO_DELAY = [(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)]


class WebhookError(InvalidInput, ValueError):
    """A subscription that cannot be made or found."""


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The ``X-PatentHub-Signature`` value for a body sent at ``timestamp``."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def verify(
    secret: str,
    body: bytes,
    timestamp: str | None,
    signature: str | None,
    now: float | None = None,
    tolerance: int = TOLERANCE,
) -> bool:
    """What a receiver does: check the timestamp, recompute, compare in constant time.

    False, never an exception, for a missing or non-numeric timestamp (only ASCII digits
    count) and for a missing or non-ASCII signature."""
    if not isinstance(timestamp, str) or not (timestamp.isascii() and timestamp.isdigit()):
        return False
    if not isinstance(signature, str) or not signature.isascii():
        return False
    age = abs((now if now is not None else time.time()) - int(timestamp))
    expected = sign(secret, timestamp, body).encode()
    return age <= tolerance and hmac.compare_digest(expected, signature.encode())


@dataclass
class Policy:
    """Retries across passes: wait ``base * factor**(n-1)`` seconds (at most ``cap``) after
    the n-th failure; a dead letter after ``attempts`` tries *and* ``window`` seconds."""

    attempts: int = 10
    window: float = 86_400.0
    base: float = 30.0
    factor: float = 2.0
    cap: float = 3_600.0
    timeout: float = 10.0
    batch: int = 100
    workers: int = 4  # subscriptions delivered at once
    # Seconds between two checkpoints of one subscription while its POSTs succeed: a pass
    # that dies re-sends at most that much (receivers de-duplicate on ``seq``), and a write
    # per POST would cost the graph more than the POST.
    checkpoint: float = 1.0

    def delay(self, attempt: int) -> float:
        return float(min(self.cap, self.base * self.factor ** (attempt - 1)))

    @property
    def lease(self) -> float:
        """Seconds a pass holds a subscription between two of its writes."""
        return max(60.0, 3 * self.timeout)


@dataclass
class PassResult:
    delivered: int = 0  # events delivered
    deliveries: int = 0  # successful POSTs
    dead_letters: int = 0
    attempts: int = 0  # POSTs tried, successful or not
    pending: int = 0  # subscriptions left with a failed delivery to retry later
    waiting: int = 0  # subscriptions whose pending delivery was not due yet
    locked: int = 0  # subscriptions another pass was delivering
    failures: list[str] = field(default_factory=list)

    def add(self, other: PassResult) -> None:
        """Count ``other`` (one subscription's part of a pass) in this result."""
        for name in ("delivered", "deliveries", "dead_letters", "attempts", "pending"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.waiting += other.waiting
        self.locked += other.locked
        self.failures += other.failures


def _q(name: str) -> str:
    return cypher.load(f"connectors/{name}")


def subscribe(
    graph: Graph, province: str, url: str, secret: str | None = None, from_start: bool = False
) -> dict[str, Any]:
    """A new subscription (its secret generated unless given); returned with the secret."""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise WebhookError(f"webhook url {url!r} must be an http:// or https:// address")
    secret = secret or secrets.token_urlsafe(32)
    rows = graph.write(
        _q("webhook_subscribe"),
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


def subscriptions(graph: Graph) -> list[dict[str, Any]]:
    """Every subscription with its delivery state (never its secret)."""
    return [r["subscription"] for r in graph.read(_q("webhook_list"))]


def unsubscribe(graph: Graph, subscription: str) -> dict[str, Any]:
    """Stop deliveries to a subscription; it and its dead letters stay for the record."""
    rows = graph.write(_q("webhook_unsubscribe"), {"id": subscription})
    if not rows:
        raise WebhookError(f"no webhook subscription {subscription!r}")
    return dict(rows[0]["subscription"])


def rotate_secret(graph: Graph, subscription: str, secret: str | None = None) -> dict[str, Any]:
    """A new signing secret, used from the next POST on; returned once."""
    secret = secret or secrets.token_urlsafe(32)
    rows = graph.write(_q("webhook_rotate"), {"id": subscription, "secret": secret})
    if not rows:
        raise WebhookError(f"no webhook subscription {subscription!r}")
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
        return None, f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    if 200 <= response.status_code < 300:
        return response.status_code, None
    return response.status_code, f"HTTP {response.status_code}"


class _Lease:
    """A pass's hold on one subscription: taken in the graph, renewed by every write of the
    pass, released at the end; a pass that lost it (expired and taken) stops.

    ``until`` is the local monotonic time before which no other pass can take it: the start
    of the last write that renewed it plus the lease (the graph's expiry is counted from a
    later instant, on the graph's own clock, so the offset between clocks does not matter)."""

    def __init__(self, graph: Graph, sub_id: str, policy: Policy) -> None:
        self.graph, self.id, self.policy = graph, sub_id, policy
        self.run = uuid.uuid4().hex
        self.until = 0.0

    def take(self) -> dict[str, Any] | None:
        started = time.monotonic()
        rows = self.graph.write(
            _q("webhook_lock"), {"id": self.id, "run": self.run, "lease": self.policy.lease}
        )
        if not rows:
            return None
        self.until = started + self.policy.lease
        return dict(rows[0]["subscription"])

    def write(self, name: str, params: dict[str, Any]) -> bool:
        started = time.monotonic()
        rows = self.graph.write(
            _q(name), {**params, "id": self.id, "run": self.run, "lease": self.policy.lease}
        )
        if rows:
            self.until = max(self.until, started + self.policy.lease)
        return bool(rows)

    def holds_for(self, seconds: float) -> bool:
        """True while no other pass can take the subscription for ``seconds`` more."""
        return time.monotonic() + seconds < self.until

    def release(self) -> None:
        self.graph.write(_q("webhook_unlock"), {"id": self.id, "run": self.run})


def deliver(graph: Graph, policy: Policy | None = None) -> PassResult:
    """One delivery pass over every active subscription, until each is up to date or its
    receiver fails (the delivery then waits, pending, for a later pass); up to
    ``policy.workers`` subscriptions at once."""
    policy = policy or Policy()
    result = PassResult()
    ids = [r["id"] for r in graph.read(_q("webhook_active"))]
    workers = max(1, min(policy.workers, len(ids)))
    limits = httpx.Limits(max_connections=workers, max_keepalive_connections=workers)
    transport = httpx.HTTPTransport(limits=limits, socket_options=NO_DELAY)
    with httpx.Client(timeout=policy.timeout, transport=transport) as client:

        def one(sub_id: str) -> PassResult:
            own = PassResult()
            lease = _Lease(graph, sub_id, policy)
            sub = lease.take()
            if sub is None:
                own.locked += 1
                return own
            try:
                _deliver_one(graph, client, lease, sub, policy, own)
            finally:
                lease.release()
            return own

        if workers == 1:
            parts = [one(sub_id) for sub_id in ids]
        else:
            with ThreadPoolExecutor(workers, thread_name_prefix="webhook") as pool:
                parts = list(pool.map(one, ids))
    for part in parts:
        result.add(part)
    return result


class _Pipeline:
    """One subscription's background work during a pass: the checkpoints of successful
    deliveries and the read of the events after those already read.

    Checkpoints are written in batches: the deliveries that follow one are only noted; the
    next checkpoint, once the one before committed and ``every`` seconds after it started,
    moves the subscription past all of them at once (one graph write for many POSTs, at most
    one in flight, always in order). A delivery counts in the pass's result once a
    checkpoint covering it committed."""

    def __init__(
        self, graph: Graph, lease: _Lease, province: str, batch: int, every: float = 0.0
    ) -> None:
        self.graph, self.lease, self.province, self.batch = graph, lease, province, batch
        self.every = every
        self.sent_at = time.monotonic()  # when the last checkpoint started (or the pass)
        self.pool = ThreadPoolExecutor(2, thread_name_prefix=f"webhook-{lease.id}")
        self.saving: Future[bool] | None = None
        self.reading: Future[list[dict[str, Any]]] | None = None
        self.read_after = 0
        self.flight = (0, 0)  # deliveries and events of the checkpoint in flight
        self.noted: dict[str, Any] | None = None  # the last delivery not yet in a checkpoint
        self.unsaved = (0, 0)  # deliveries and events since the checkpoint in flight

    def _landed(self, result: PassResult) -> bool:
        """Wait for the checkpoint in flight and count its deliveries in ``result``; False
        when the pass lost its lease (they are then not counted)."""
        saving, self.saving = self.saving, None
        if saving is None:
            return True
        if not saving.result():
            return False
        result.deliveries += self.flight[0]
        result.delivered += self.flight[1]
        return True

    def _send(self) -> None:
        """Start the checkpoint of the noted deliveries (none may be in flight)."""
        if self.noted is not None:
            self.flight, self.unsaved = self.unsaved, (0, 0)
            params, self.noted = self.noted, None
            self.sent_at = time.monotonic()
            self.saving = self.pool.submit(self.lease.write, "webhook_advance", params)

    def save(self, delivered: int, status: int | None, count: int, result: PassResult) -> bool:
        """Note a successful delivery of ``count`` events up to seq ``delivered``; start a
        checkpoint of all noted ones when none is in flight and the last one started
        ``every`` seconds ago. False when the lease is lost."""
        self.noted = {"delivered": delivered, "status": status}
        self.unsaved = (self.unsaved[0] + 1, self.unsaved[1] + count)
        if self.saving is not None and self.saving.done() and not self._landed(result):
            return False
        if self.saving is None and time.monotonic() - self.sent_at >= self.every:
            self._send()
        return True

    def confirmed(self, result: PassResult) -> bool:
        """Write every noted delivery and wait until committed (before a write of another
        kind, and at the end of the pass); False when the pass lost its lease."""
        if not self._landed(result):
            return False
        self._send()
        return self._landed(result)

    def read_ahead(self, after: int) -> None:
        """Start reading the events after ``after`` (``READ`` batches), unless a read is on."""
        if self.reading is None:
            self.read_after = after
            self.reading = self.pool.submit(
                feed.changes_for_province, self.graph, self.province, after, self.batch * READ
            )

    def events(self, after: int) -> list[dict[str, Any]]:
        """The events after ``after``: those read ahead when they start there."""
        reading, self.reading = self.reading, None
        if reading is not None:
            found = reading.result()
            if self.read_after == after:
                return found
        return feed.changes_for_province(self.graph, self.province, after, self.batch * READ)

    def close(self) -> None:
        for pending in (self.saving, self.reading):
            if pending is not None:
                pending.exception()  # wait: the lease is released after the last write
        self.pool.shutdown(wait=True)


def _body(sub: dict[str, Any], events: list[dict[str, Any]]) -> bytes:
    payload = {
        "subscription": sub["id"],
        "province": sub["province"],
        "events": events,
        "lastSeq": int(events[-1]["seq"]),
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def _deliver_one(
    graph: Graph,
    client: httpx.Client,
    lease: _Lease,
    sub: dict[str, Any],
    policy: Policy,
    result: PassResult,
) -> None:
    work = _Pipeline(graph, lease, sub["province"], policy.batch, policy.checkpoint)
    try:
        _deliver_events(work, client, sub, policy, result)
    finally:
        work.close()


def _deliver_events(
    work: _Pipeline,
    client: httpx.Client,
    sub: dict[str, Any],
    policy: Policy,
    result: PassResult,
) -> None:
    lease = work.lease
    after = int(sub["delivered"] or 0)
    ahead: list[dict[str, Any]] = []  # events read but not yet sent (read 10 batches at once)
    while True:
        if sub.get("pendingId"):
            if not sub["due"]:
                result.waiting += 1
                return
            delivery, body = sub["pendingId"], sub["pendingBody"].encode()
            first, last = int(sub["pendingFirst"]), int(sub["pendingLast"])
            tries, failing = int(sub["attempts"] or 0), float(sub["failingSeconds"] or 0.0)
            count = int(sub["pendingCount"] or 0)
        else:
            if not ahead:
                ahead = work.events(after)
            if not ahead:
                work.confirmed(result)
                return
            events, ahead = ahead[: policy.batch], ahead[policy.batch :]
            if len(ahead) < policy.batch * (READ // 2):  # half the read is left: read on
                work.read_ahead(int((ahead or events)[-1]["seq"]))
            delivery, body = uuid.uuid4().hex, _body(sub, events)
            first, last = int(events[0]["seq"]), int(events[-1]["seq"])
            tries, failing, count = 0, 0.0, len(events)
        # A POST starts only while the lease surely outlasts it (else the noted deliveries
        # are checkpointed first, which renews it): no other pass can send these events.
        margin = policy.timeout + LEASE_MARGIN
        if not lease.holds_for(margin) and (
            not work.confirmed(result) or not lease.holds_for(margin)
        ):
            return  # lost, or nothing to renew it with: the next pass goes on from here
        status, error = _post(client, sub["url"], sub["secret"], body, delivery)
        result.attempts += 1
        tries += 1
        if error is None:
            if not work.save(last, status, count, result):
                return
            sub["pendingId"] = None
            after = last
            continue
        if not work.confirmed(result):  # the checkpoints before this POST lost the lease
            return
        result.failures.append(f"{sub['id']} → {sub['url']}: {error}")
        if tries >= policy.attempts and failing >= policy.window:
            dead = {
                "deadId": delivery,
                "payload": body.decode(),
                "firstSeq": first,
                "lastSeq": last,
                "lastStatus": status,
                "lastError": error,
                "attempts": tries,
            }
            if not lease.write("webhook_dead_letter", dead):
                return
            result.dead_letters += 1
            sub["pendingId"] = None
            after = last
            continue
        pending = {
            "pendingId": delivery,
            "pendingBody": body.decode(),
            "pendingFirst": first,
            "pendingLast": last,
            "pendingCount": count,
            "attempts": tries,
            "delayMs": int(policy.delay(tries) * 1000),
            "status": status,
            "error": error,
        }
        lease.write("webhook_pending", pending)
        result.pending += 1
        return


def dead_letters(graph: Graph, include_redelivered: bool = False) -> list[dict[str, Any]]:
    """Dead letters, newest first (those not redelivered yet, unless asked for all)."""
    rows = graph.read(_q("webhook_dead_letters"), {"all": include_redelivered})
    return [r["deadLetter"] for r in rows]


@dataclass
class RedeliveryResult:
    redelivered: int = 0  # dead letters accepted by their receiver this time
    failed: int = 0  # still refused (kept, with the new status and error)
    skipped: int = 0  # subscription ended or being delivered by another pass
    failures: list[str] = field(default_factory=list)


def redeliver(
    graph: Graph,
    subscription: str | None = None,
    first_seq: int | None = None,
    last_seq: int | None = None,
    policy: Policy | None = None,
) -> RedeliveryResult:
    """POST dead letters again (those of one subscription and/or overlapping a seq range),
    with their delivery id, to the subscription's current URL and secret; each accepted one
    is marked ``redeliveredAt`` and leaves the ``dead-letters`` list."""
    policy = policy or Policy()
    result = RedeliveryResult()
    rows = graph.read(
        _q("webhook_redeliverable"),
        {"subscription": subscription, "firstSeq": first_seq, "lastSeq": last_seq},
    )
    by_sub: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_sub.setdefault(row["deadLetter"]["subscriptionId"], []).append(row["deadLetter"])
    with httpx.Client(timeout=policy.timeout) as client:
        for sub_id, letters in by_sub.items():
            lease = _Lease(graph, sub_id, policy)
            sub = lease.take()
            if sub is None:
                result.skipped += len(letters)
                continue
            try:
                for letter in letters:
                    body = letter["payload"].encode()
                    status, error = _post(client, sub["url"], sub["secret"], body, letter["id"])
                    lease.write(
                        "webhook_redelivered",
                        {"deadId": letter["id"], "status": status, "error": error},
                    )
                    if error is None:
                        result.redelivered += 1
                    else:
                        result.failed += 1
                        result.failures.append(f"{letter['id']} → {sub['url']}: {error}")
            finally:
                lease.release()
    return result
