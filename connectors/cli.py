"""``patent-hub connectors …``: run a pull, show checkpoints, refresh the feed, deliver."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from connectors import schema
from graph.db import Graph


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
    deliver.add_argument("--attempts", type=int, default=5)
    deliver.add_argument("--backoff", type=float, default=1.0, help="first retry delay, seconds")
    subscribe = acts.add_parser("subscribe", help="a province's webhook subscription")
    subscribe.add_argument("--province", required=True, help="GB/T 2260 code, e.g. 33")
    subscribe.add_argument("--url", required=True)
    subscribe.add_argument("--from-start", action="store_true", help="send past changes too")
    acts.add_parser("dead-letters", help="deliveries that failed every attempt")
    return con


def _print(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def main(args: argparse.Namespace) -> int:
    with Graph() as graph:
        schema.ensure(graph)
        return _dispatch(graph, args)


def _dispatch(graph: Graph, args: argparse.Namespace) -> int:
    if args.action == "run":
        return _run(graph, args)
    if args.action == "status":
        from connectors.state import all_states

        _print([vars(s) for s in all_states(graph)])
    elif args.action == "feed-refresh":
        from connectors.feed import refresh

        print(f"changes recorded: {refresh(graph)}")
    elif args.action == "deliver":
        from connectors.webhooks import Policy, deliver

        result = deliver(graph, Policy(attempts=args.attempts, base=args.backoff))
        _print(vars(result))
        return 1 if result.dead_letters else 0
    elif args.action == "subscribe":
        from connectors.webhooks import WebhookError, subscribe

        try:
            sub = subscribe(graph, args.province, args.url, from_start=args.from_start)
        except WebhookError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        _print(sub)
        print("(the secret is shown only once)", file=sys.stderr)
    elif args.action == "dead-letters":
        from connectors.webhooks import dead_letters

        _print(dead_letters(graph))
    return 0


def _run(graph: Graph, args: argparse.Namespace) -> int:
    from connectors import filedrop, pull
    from connectors.account import account_of
    from connectors.config import ConfigError, load

    try:
        config = load(args.config)
        account = account_of(graph, config)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if config.source.type == "filedrop":
        try:
            drop = filedrop.run(graph, config, account)
        except FileNotFoundError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        _print(vars(drop))
        return 1 if drop.rejected else 0
    try:
        result = pull.run(
            graph,
            config,
            restart=args.restart,
            account=account,
            on_page=lambda n, k: print(f"page {n}: {k} records committed", file=sys.stderr),
        )
    except pull.ConnectorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    _print(vars(result))
    return 0
