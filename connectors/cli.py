"""``patent-hub connectors …``: run a pull, show checkpoints, refresh the feed, deliver and
manage webhooks. Exit codes: 0 done, 1 a run or delivery failed, 2 unusable configuration
or arguments (one line on stderr, stored as the connector's ``lastError`` when it has a name).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from connectors import schema
from graph.db import Graph

__all__ = ["add_parser", "main"]


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """The ``connectors`` sub-command and its actions (called by ``hub.cli.parser``)."""
    con = sub.add_parser("connectors", help="pull from provincial platforms, change feed, webhooks")
    acts = con.add_subparsers(dest="action", required=True)
    run = acts.add_parser("run", help="run a connector from its checkpoint")
    run.add_argument("config", help="path of a TOML/JSON config, or a name in connectors/config/")
    run.add_argument("--restart", action="store_true", help="ignore the checkpoint, start anew")
    acts.add_parser("status", help="every connector's checkpoint")
    acts.add_parser("feed-refresh", help="record changes that bypassed the hooks")
    deliver = acts.add_parser("deliver", help="one webhook delivery pass")
    deliver.add_argument("--attempts", type=int, default=10, help="tries before a dead letter")
    deliver.add_argument(
        "--window", type=float, default=86_400.0, help="seconds of failing before a dead letter"
    )
    deliver.add_argument("--backoff", type=float, default=30.0, help="first retry delay, seconds")
    deliver.add_argument("--max-delay", type=float, default=3_600.0, help="longest retry delay")
    deliver.add_argument("--timeout", type=float, default=10.0, help="seconds per POST")
    deliver.add_argument(
        "--workers", type=int, default=4, help="subscriptions delivered at once (1–64)"
    )
    subscribe = acts.add_parser("subscribe", help="a province's webhook subscription")
    subscribe.add_argument("--province", required=True, help="GB/T 2260 code, e.g. 33")
    subscribe.add_argument("--url", required=True)
    subscribe.add_argument("--from-start", action="store_true", help="send past changes too")
    acts.add_parser("subscriptions", help="every webhook subscription and its delivery state")
    unsubscribe = acts.add_parser("unsubscribe", help="stop deliveries to a subscription")
    unsubscribe.add_argument("subscription", help="the subscription id, WH-…")
    rotate = acts.add_parser("rotate-secret", help="a new signing secret for a subscription")
    rotate.add_argument("subscription", help="the subscription id, WH-…")
    dead = acts.add_parser("dead-letters", help="deliveries that failed every attempt")
    dead.add_argument("--all", action="store_true", help="redelivered ones too")
    again = acts.add_parser("redeliver", help="POST dead letters again")
    again.add_argument("--subscription", help="only this subscription's dead letters")
    again.add_argument("--from-seq", type=int, help="only dead letters with events from this seq")
    again.add_argument("--to-seq", type=int, help="only dead letters with events up to this seq")
    again.add_argument("--timeout", type=float, default=10.0, help="seconds per POST")
    return con


def _print(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _error(message: str) -> int:
    print(f"error: {' '.join(str(message).split())}", file=sys.stderr)
    return 2


def main(args: argparse.Namespace) -> int:
    with Graph() as graph:
        schema.ensure(graph)
        return _dispatch(graph, args)


def _dispatch(graph: Graph, args: argparse.Namespace) -> int:
    if args.action == "run":
        return _run(graph, args)
    if args.action in ("deliver", "subscribe", "subscriptions", "unsubscribe", "rotate-secret"):
        return _webhooks(graph, args)
    if args.action in ("dead-letters", "redeliver"):
        return _webhooks(graph, args)
    if args.action == "status":
        from connectors.state import all_states

        _print([s.public() for s in all_states(graph)])
    elif args.action == "feed-refresh":
        from graph.feed import refresh

        print(f"changes recorded: {refresh(graph)}")
    return 0


def _webhooks(graph: Graph, args: argparse.Namespace) -> int:
    from connectors import webhooks as wh

    try:
        if args.action == "deliver":
            if args.attempts < 1 or args.window < 0 or args.backoff < 0 or args.timeout <= 0:
                return _error("deliver: --attempts ≥ 1, --window and --backoff ≥ 0, --timeout > 0")
            if not 1 <= args.workers <= 64:
                return _error("deliver: --workers must be from 1 to 64")
            policy = wh.Policy(
                attempts=args.attempts,
                window=args.window,
                base=args.backoff,
                cap=args.max_delay,
                timeout=args.timeout,
                workers=args.workers,
            )
            result = wh.deliver(graph, policy)
            _print(vars(result))
            return 1 if result.dead_letters else 0
        if args.action == "subscribe":
            sub = wh.subscribe(graph, args.province, args.url, from_start=args.from_start)
            _print(sub)
            print("(the secret is shown only once)", file=sys.stderr)
        elif args.action == "subscriptions":
            _print(wh.subscriptions(graph))
        elif args.action == "unsubscribe":
            _print(wh.unsubscribe(graph, args.subscription))
        elif args.action == "rotate-secret":
            _print(wh.rotate_secret(graph, args.subscription))
            print("(the secret is shown only once)", file=sys.stderr)
        elif args.action == "dead-letters":
            _print(wh.dead_letters(graph, include_redelivered=args.all))
        elif args.action == "redeliver":
            again = wh.redeliver(
                graph,
                args.subscription,
                args.from_seq,
                args.to_seq,
                wh.Policy(timeout=args.timeout),
            )
            _print(vars(again))
            return 1 if again.failed else 0
    except wh.WebhookError as exc:
        return _error(str(exc))
    return 0


def _run(graph: Graph, args: argparse.Namespace) -> int:
    from connectors import filedrop, pull
    from connectors import state as checkpoint
    from connectors.account import account_of
    from connectors.config import ConfigError, load

    try:
        config = load(args.config)
        account = account_of(graph, config)
        if config.source.type == "filedrop":
            drop = filedrop.run(graph, config, account)
            _print(vars(drop))
            return 1 if drop.rejected else 0
        result = pull.run(
            graph,
            config,
            restart=args.restart,
            account=account,
            on_page=lambda n, k: print(f"page {n}: {k} records committed", file=sys.stderr),
        )
    except ConfigError as exc:
        if exc.name is not None:
            checkpoint.fail(graph, exc.name, str(exc))
        return _error(str(exc))
    except pull.ConnectorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    _print(vars(result))
    return 0
