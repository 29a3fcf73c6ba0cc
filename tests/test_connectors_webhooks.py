"""Webhook deliveries to receivers on 127.0.0.1: signatures a receiver can verify, the
province's scope, retries with backoff, and dead letters after the last attempt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from connectors import webhooks
from connectors.webhooks import Policy, WebhookError
from graph.db import Graph
from hub.serve import running
from tests.connectors_fakes import Receiver
from tests.test_connectors_feed import BJUT, ZJUT, load, rows


@pytest.fixture
def changed(ref_graph: Graph, tmp_path: Path) -> Graph:
    load(ref_graph, tmp_path / "zj.csv", rows(ZJUT, "3301", 3))
    load(ref_graph, tmp_path / "bj.csv", rows(BJUT, "1101", 2))
    return ref_graph


def test_delivery_is_signed_and_scoped(changed: Graph) -> None:
    receiver = Receiver([200])
    with running(receiver.app()) as url:
        sub = webhooks.subscribe(changed, "33", f"{url}/hook", from_start=True)
        result = webhooks.deliver(changed, Policy(batch=2), sleep=lambda s: None)
    assert result.dead_letters == 0 and result.delivered == 3 and result.deliveries == 2
    assert len(receiver.received) == 2
    seqs = []
    for headers, body in receiver.received:
        assert webhooks.verify(
            sub["secret"],
            body,
            headers["x-patenthub-timestamp"],
            headers["x-patenthub-signature"],
        )
        assert not webhooks.verify(
            "wrong", body, headers["x-patenthub-timestamp"], headers["x-patenthub-signature"]
        )
        tampered = body.replace(b"33", b"11")
        assert not webhooks.verify(
            sub["secret"],
            tampered,
            headers["x-patenthub-timestamp"],
            headers["x-patenthub-signature"],
        )
        payload = json.loads(body)
        assert payload["province"] == "33" and payload["subscription"] == sub["id"]
        seqs += [e["seq"] for e in payload["events"]]
        assert payload["lastSeq"] == payload["events"][-1]["seq"]
    zj = {r["申请号"][2:] for r in rows(ZJUT, "3301", 3)}
    apps = changed.read(
        "MATCH (c:Change) WHERE c.seq IN $s RETURN collect(c.appNo) AS a", {"s": seqs}
    )[0]["a"]
    assert set(apps) == zj  # Beijing's patents are not in Zhejiang's deliveries
    assert webhooks.deliver(changed, sleep=lambda s: None).attempts == 0  # up to date


def test_old_timestamp_fails_verification() -> None:
    body = b'{"x":1}'
    signature = webhooks.sign("s", "1000", body)
    assert webhooks.verify("s", body, "1000", signature, now=1000 + 10)
    assert not webhooks.verify("s", body, "1000", signature, now=1000 + 10_000)
    assert not webhooks.verify("s", body, "soon", signature)


def test_retries_with_backoff_then_succeeds(changed: Graph) -> None:
    receiver = Receiver([503, 500, 200])
    waits: list[float] = []
    with running(receiver.app()) as url:
        webhooks.subscribe(changed, "11", f"{url}/hook", from_start=True)
        result = webhooks.deliver(changed, Policy(attempts=4, base=0.5), sleep=waits.append)
    assert waits == [0.5, 1.0]
    assert result.attempts == 3 and result.deliveries == 1 and result.dead_letters == 0
    ids = {h["x-patenthub-delivery"] for h, _ in receiver.received}
    assert len(ids) == 1  # retries carry the same delivery id, so receivers can de-duplicate


def test_dead_letter_after_the_last_attempt(changed: Graph) -> None:
    receiver = Receiver([500])
    waits: list[float] = []
    with running(receiver.app()) as url:
        sub = webhooks.subscribe(changed, "11", f"{url}/hook", from_start=True)
        result = webhooks.deliver(changed, Policy(attempts=3, base=1.0), sleep=waits.append)
    assert len(receiver.received) == 3 and waits == [1.0, 2.0]
    assert result.dead_letters == 1 and result.delivered == 0
    [dead] = webhooks.dead_letters(changed)
    assert dead["subscriptionId"] == sub["id"] and dead["province"] == "11"
    assert dead["attempts"] == 3 and dead["lastStatus"] == 500
    assert len(json.loads(dead["payload"])["events"]) == 2
    # the subscription moved on: the next pass sends nothing again
    assert webhooks.deliver(changed, sleep=waits.append).attempts == 0


def test_unreachable_receiver_dead_letters_without_status(changed: Graph) -> None:
    webhooks.subscribe(changed, "11", "http://127.0.0.1:9/hook", from_start=True)
    result = webhooks.deliver(changed, Policy(attempts=2, base=0.0), sleep=lambda s: None)
    [dead] = webhooks.dead_letters(changed)
    assert result.dead_letters == 1 and dead["lastStatus"] is None and dead["lastError"]


def test_new_subscription_starts_after_existing_changes(changed: Graph) -> None:
    receiver = Receiver([200])
    with running(receiver.app()) as url:
        webhooks.subscribe(changed, "33", f"{url}/hook")
        assert webhooks.deliver(changed, sleep=lambda s: None).attempts == 0


def test_subscription_checks(changed: Graph) -> None:
    with pytest.raises(WebhookError, match="http"):
        webhooks.subscribe(changed, "33", "ftp://127.0.0.1/hook")
    with pytest.raises(WebhookError, match="province '99'"):
        webhooks.subscribe(changed, "99", "http://127.0.0.1/hook")
