"""Webhook deliveries to receivers on 127.0.0.1: signatures a receiver can verify, the
province's scope, receivers that are down (refused, timing out, failing) kept pending and
retried with backoff, dead letters only after the attempts and the window, redelivery,
unsubscribe, secret rotation, and overlapping passes that never send an event twice."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from connectors import webhooks
from connectors.webhooks import Policy, WebhookError
from graph.db import Graph
from hub.serve import running
from tests.connectors_fakes import Receiver
from tests.test_connectors_feed import BJUT, ZJUT, load, rows

NOW = Policy(attempts=3, window=0.0, base=0.0)  # every pending delivery is due at once


@pytest.fixture
def changed(ref_graph: Graph, tmp_path: Path) -> Graph:
    load(ref_graph, tmp_path / "zj.csv", rows(ZJUT, "3301", 3))
    load(ref_graph, tmp_path / "bj.csv", rows(BJUT, "1101", 2))
    return ref_graph


def sub_state(graph: Graph, sub_id: str) -> dict[str, object]:
    [sub] = [s for s in webhooks.subscriptions(graph) if s["id"] == sub_id]
    return sub


def test_delivery_is_signed_and_scoped(changed: Graph) -> None:
    receiver = Receiver([200])
    with running(receiver.app()) as url:
        sub = webhooks.subscribe(changed, "33", f"{url}/hook", from_start=True)
        result = webhooks.deliver(changed, Policy(batch=2))
    assert result.dead_letters == 0 and result.delivered == 3 and result.deliveries == 2
    assert len(receiver.received) == 2
    seqs = []
    for headers, body in receiver.received:
        stamp, signature = headers["x-patenthub-timestamp"], headers["x-patenthub-signature"]
        assert webhooks.verify(sub["secret"], body, stamp, signature)
        assert not webhooks.verify("wrong", body, stamp, signature)
        assert not webhooks.verify(sub["secret"], body.replace(b"33", b"11"), stamp, signature)
        payload = json.loads(body)
        assert payload["province"] == "33" and payload["subscription"] == sub["id"]
        seqs += [e["seq"] for e in payload["events"]]
        assert payload["lastSeq"] == payload["events"][-1]["seq"]
    zj = {r["申请号"][2:] for r in rows(ZJUT, "3301", 3)}
    apps = changed.read(
        "MATCH (c:Change) WHERE c.seq IN $s RETURN collect(c.appNo) AS a", {"s": seqs}
    )[0]["a"]
    assert set(apps) == zj  # Beijing's patents are not in Zhejiang's deliveries
    assert webhooks.deliver(changed).attempts == 0  # up to date


def test_verify_answers_false_for_hostile_headers() -> None:
    body = b'{"x":1}'
    signature = webhooks.sign("s", "1000", body)
    assert webhooks.verify("s", body, "1000", signature, now=1000 + 10)
    assert not webhooks.verify("s", body, "1000", signature, now=1000 + 10_000)
    for stamp in (None, "", "soon", "1e3", " 1000", "-1000", "１０００", "١٠٠٠", "10.5"):
        assert webhooks.verify("s", body, stamp, signature, now=1000) is False, stamp
    for bad in (None, "", "sha256=é", "sha256=" + "ä" * 64, signature + "\u0300"):
        assert webhooks.verify("s", body, "1000", bad, now=1000) is False, bad


def test_the_documented_receiver_example_answers_false_too() -> None:
    """The verification example of docs/connectors.md, run as it is written."""
    text = (Path(__file__).resolve().parent.parent / "docs" / "connectors.md").read_text("utf-8")
    code = text.split("```python\n", 1)[1].split("```", 1)[0]
    space: dict[str, object] = {}
    exec(compile(code, "docs/connectors.md", "exec"), space)  # the example of our own docs
    verify = space["verify"]
    seen = space["first_delivery"]
    assert callable(verify) and callable(seen)
    body, stamp = b'{"x":1}', str(int(time.time()))
    good = webhooks.sign("s", stamp, body)
    assert verify("s", body, stamp, good) is True
    for bad_stamp in (None, "", "soon", "١٢٣", "1e3"):
        assert verify("s", body, bad_stamp, good) is False
    for bad_sig in (None, "sha256=é", "ä"):
        assert verify("s", body, stamp, bad_sig) is False
    assert seen("d-1") is True and seen("d-1") is False and seen("d-2") is True


def test_receiver_down_stays_pending_with_backoff_then_delivers(changed: Graph) -> None:
    sub = webhooks.subscribe(changed, "11", "http://127.0.0.1:9/hook", from_start=True)
    policy = Policy(attempts=2, window=3_600.0, base=60.0)
    first = webhooks.deliver(changed, policy)  # connection refused
    assert (first.attempts, first.pending, first.dead_letters) == (1, 1, 0)
    state = sub_state(changed, sub["id"])
    assert state["pending"] is True and state["attempts"] == 1 and state["delivered"] == 0
    assert "ConnectError" in str(state["lastError"]) and state["lastStatus"] is None
    assert webhooks.dead_letters(changed) == []
    again = webhooks.deliver(changed, policy)  # not due for a minute: nothing tried
    assert (again.attempts, again.waiting) == (0, 1)
    receiver = Receiver([200])
    with running(receiver.app()) as url:
        changed.write(
            "MATCH (w:WebhookSubscription {id: $id}) SET w.url = $url, w.retryAt = datetime()",
            {"id": sub["id"], "url": f"{url}/hook"},
        )
        back = webhooks.deliver(changed, policy)
    assert back.deliveries == 1 and back.delivered == 2 and back.dead_letters == 0
    [(_, body)] = receiver.received
    assert json.loads(body)["lastSeq"] == sub_state(changed, sub["id"])["delivered"]
    assert sub_state(changed, sub["id"])["pending"] is False


def test_timeouts_and_errors_keep_one_delivery_id_until_dead_after_attempts_and_window(
    changed: Graph,
) -> None:
    async def slow(request: Request) -> Response:
        await asyncio.sleep(1.0)
        return Response(status_code=200)

    app = Starlette(routes=[Route("/hook", slow, methods=["POST"])])
    policy = Policy(attempts=2, window=1.5, base=0.0, timeout=0.3)
    with running(app) as url:
        sub = webhooks.subscribe(changed, "11", f"{url}/hook", from_start=True)
        assert webhooks.deliver(changed, policy).pending == 1  # timed out
    receiver = Receiver([503])
    with running(receiver.app()) as url:
        changed.write(
            "MATCH (w:WebhookSubscription {id: $id}) SET w.url = $url",
            {"id": sub["id"], "url": f"{url}/hook"},
        )
        second = webhooks.deliver(changed, policy)  # 2 attempts, but not yet 1.5 s failing
        assert (second.pending, second.dead_letters) == (1, 0)
        time.sleep(1.6)
        third = webhooks.deliver(changed, policy)
    assert third.dead_letters == 1 and third.pending == 0
    assert len({h["x-patenthub-delivery"] for h, _ in receiver.received}) == 1
    [dead] = webhooks.dead_letters(changed)
    assert dead["subscriptionId"] == sub["id"] and dead["attempts"] == 3
    assert (
        dead["lastStatus"] == 503 and dead["id"] == receiver.received[0][0]["x-patenthub-delivery"]
    )
    assert len(json.loads(dead["payload"])["events"]) == 2
    assert sub_state(changed, sub["id"])["deadLetters"] == 1
    assert webhooks.deliver(changed, policy).attempts == 0  # moved past it


def test_redeliver_unsubscribe_and_rotate_secret(changed: Graph) -> None:
    receiver = Receiver([500, 500, 500, 200, 500])
    with running(receiver.app()) as url:
        sub = webhooks.subscribe(changed, "33", f"{url}/hook", from_start=True)
        other = webhooks.subscribe(changed, "11", f"{url}/hook", from_start=True)
        webhooks.unsubscribe(changed, other["id"])
        policy = Policy(attempts=1, window=0.0, base=0.0, batch=2)
        result = webhooks.deliver(changed, policy)
        assert result.dead_letters == 2 and len(receiver.received) == 2  # 11 is not sent
        letters = sorted(webhooks.dead_letters(changed), key=lambda d: d["firstSeq"])
        rotated = webhooks.rotate_secret(changed, sub["id"])
        assert rotated["secret"] != sub["secret"]
        none = webhooks.redeliver(changed, sub["id"], first_seq=letters[1]["lastSeq"] + 1)
        assert (none.redelivered, none.failed) == (0, 0)
        failed = webhooks.redeliver(changed, sub["id"], last_seq=letters[0]["lastSeq"])
        assert (failed.redelivered, failed.failed) == (0, 1)  # the third 500
        again = webhooks.redeliver(changed, subscription=sub["id"])
        assert again.redelivered == 1 and again.failed == 1  # a 200, then a 500
    headers, body = receiver.received[3]
    assert headers["x-patenthub-delivery"] == letters[0]["id"]
    assert webhooks.verify(
        rotated["secret"], body, headers["x-patenthub-timestamp"], headers["x-patenthub-signature"]
    )
    assert not webhooks.verify(
        sub["secret"], body, headers["x-patenthub-timestamp"], headers["x-patenthub-signature"]
    )
    left = webhooks.dead_letters(changed)
    assert [d["id"] for d in left] == [letters[1]["id"]]
    assert len(webhooks.dead_letters(changed, include_redelivered=True)) == 2
    listed = {s["id"]: s for s in webhooks.subscriptions(changed)}
    assert listed[other["id"]]["active"] is False and "secret" not in listed[sub["id"]]
    with pytest.raises(WebhookError, match="no webhook subscription"):
        webhooks.unsubscribe(changed, "WH-nope")


def test_overlapping_passes_never_send_an_event_twice(ref_graph: Graph, tmp_path: Path) -> None:
    load(ref_graph, tmp_path / "zj.csv", rows(ZJUT, "3301", 12))
    got: list[int] = []

    async def hook(request: Request) -> Response:
        got.extend(e["seq"] for e in json.loads(await request.body())["events"])
        await asyncio.sleep(0.1)
        return Response(status_code=200)

    app = Starlette(routes=[Route("/hook", hook, methods=["POST"])])
    with running(app) as url:
        webhooks.subscribe(ref_graph, "33", f"{url}/hook", from_start=True)
        results: list[webhooks.PassResult] = []
        passes = [
            threading.Thread(
                target=lambda: results.append(webhooks.deliver(ref_graph, Policy(batch=2)))
            )
            for _ in range(4)
        ]
        for t in passes:
            t.start()
        for t in passes:
            t.join()
    assert sorted(got) == sorted(set(got)) and len(got) == 12
    assert sum(r.delivered for r in results) == 12
    assert sum(r.locked for r in results) >= 1  # the others found it taken


def test_new_subscription_starts_after_existing_changes(changed: Graph) -> None:
    receiver = Receiver([200])
    with running(receiver.app()) as url:
        webhooks.subscribe(changed, "33", f"{url}/hook")
        assert webhooks.deliver(changed).attempts == 0


def test_subscription_checks(changed: Graph) -> None:
    with pytest.raises(WebhookError, match="http"):
        webhooks.subscribe(changed, "33", "ftp://127.0.0.1/hook")
    with pytest.raises(WebhookError, match="province '99'"):
        webhooks.subscribe(changed, "99", "http://127.0.0.1/hook")


def test_cli_subscriptions_redeliver_and_errors(
    changed: Graph, capsys: pytest.CaptureFixture[str]
) -> None:
    from hub.cli import main

    receiver = Receiver([500, 200])
    with running(receiver.app()) as url:
        assert (
            main(
                [
                    "connectors",
                    "subscribe",
                    "--province",
                    "33",
                    "--url",
                    f"{url}/hook",
                    "--from-start",
                ]
            )
            == 0
        )
        sub = json.loads(capsys.readouterr().out)
        assert main(["connectors", "deliver", "--attempts", "1", "--window", "0"]) == 1
        capsys.readouterr()
        assert main(["connectors", "redeliver", "--subscription", sub["id"]]) == 0
        assert json.loads(capsys.readouterr().out)["redelivered"] == 1
    assert main(["connectors", "subscriptions"]) == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert listed["id"] == sub["id"] and listed["deadLetters"] == 0
    assert main(["connectors", "rotate-secret", sub["id"]]) == 0
    assert json.loads(capsys.readouterr().out)["secret"] != sub["secret"]
    assert main(["connectors", "unsubscribe", "WH-missing"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no webhook subscription" in err


def test_one_pass_delivers_several_subscriptions_at_once_each_in_order(
    ref_graph: Graph, tmp_path: Path
) -> None:
    """Three subscriptions in one pass with two workers: each gets every event of its
    province once, in order (POSTs of one subscription never overlap), and a pass that
    stops on a failing receiver leaves the delivery pending at the first event not sent."""
    load(ref_graph, tmp_path / "zj.csv", rows(ZJUT, "3301", 9))
    got: dict[str, list[int]] = {}
    busy: dict[str, int] = {}
    overlapped: list[str] = []

    async def hook(request: Request) -> Response:
        name = request.path_params["name"]
        busy[name] = busy.get(name, 0) + 1
        if busy[name] > 1:
            overlapped.append(name)
        await asyncio.sleep(0.02)
        seqs = [e["seq"] for e in json.loads(await request.body())["events"]]
        busy[name] -= 1
        if name == "down" and got.get(name):
            return Response(status_code=503)  # the second delivery fails
        got.setdefault(name, []).extend(seqs)
        return Response(status_code=200)

    app = Starlette(routes=[Route("/hook/{name}", hook, methods=["POST"])])
    with running(app) as url:
        subs = {
            n: webhooks.subscribe(ref_graph, "33", f"{url}/hook/{n}", from_start=True)
            for n in ("a", "b", "down")
        }
        result = webhooks.deliver(ref_graph, Policy(batch=2, workers=2))
    assert overlapped == []
    want = sorted(got["a"])
    assert len(want) == 9 and got["a"] == want and got["b"] == want
    assert got["down"] == want[:2]
    assert result.delivered == 9 + 9 + 2 and result.pending == 1
    down = sub_state(ref_graph, subs["down"]["id"])
    assert down["delivered"] == want[1] and down["pendingFirst"] == want[2]
    assert all(sub_state(ref_graph, subs[n]["id"])["delivered"] == want[-1] for n in "ab")
