"""The ``patent-hub`` command line.

Each sub-command is a thin shell over one module; the modules are imported lazily so
that ``patent-hub neo4j status`` does not pay for the GraphQL schema.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from graph.db import Graph, GraphUnavailable

Handler = Callable[[argparse.Namespace], int]


def _neo4j(args: argparse.Namespace) -> int:
    from graph import neo4j_server

    action = {
        "start": neo4j_server.start,
        "stop": neo4j_server.stop,
        "status": neo4j_server.status,
    }[args.action]
    print(action().describe())
    return 0


def _db(args: argparse.Namespace) -> int:
    with Graph() as graph:
        if args.action == "migrate":
            from graph.migrate import migrate

            applied = migrate(graph)
            print(f"schema up to date: {applied} statements applied")
        elif args.action == "stats":
            from graph.stats import stats

            print(json.dumps(stats(graph), ensure_ascii=False, indent=2))
        elif args.action == "wipe":
            from graph.migrate import wipe

            wipe(graph)
            print("database emptied")
        elif args.action == "rollups":
            from graph.rollups import rebuild

            print(f"statistics roll-ups rebuilt for {rebuild(graph)} institutions")
    return 0


def _load(args: argparse.Namespace) -> int:
    with Graph() as graph:
        if args.what == "reference":
            from graph.reference import ReferenceDataError, load_reference

            try:
                summary = load_reference(graph, args.dir)
            except ReferenceDataError as exc:
                print(f"error: {exc} (nothing was loaded)", file=sys.stderr)
                return 2
        else:
            from graph.demo import load_demo

            summary = load_demo(graph, patents=args.patents, seed=args.seed)
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    return 0


def _import(args: argparse.Namespace) -> int:
    from graph.ingest.run import run_import

    with Graph() as graph:
        return run_import(
            graph,
            kind=args.kind,
            path=args.file,
            dry_run=args.dry_run,
            institution=args.institution,
            account=args.account,
        )


def _serve(args: argparse.Namespace) -> int:
    from hub.serve import serve

    serve(host=args.host, port=args.port, workers=args.workers)
    return 0


def _token(args: argparse.Namespace) -> int:
    from hub.auth.tokens import issue_dev_token

    print(issue_dev_token(role=args.role, scope=args.scope, ttl=args.ttl))
    return 0


def _accounts(args: argparse.Namespace) -> int:
    from hub.auth import clients

    with Graph() as graph:
        if args.action == "create":
            client_id, secret = clients.create_client(
                graph, role=args.role, scope=args.scope, name=args.name
            )
            print(
                f"client_id:     {client_id}\nclient_secret: {secret}\n"
                "(the secret is shown only once)"
            )
            return 0
        if args.action == "list":
            for row in clients.list_clients(graph):
                state = "disabled" if row["disabled"] else "active"
                scope = row["scope"] or "-"
                print(f"{row['clientId']}\t{row['role']}\t{scope}\t{state}\t{row['name']}")
            return 0
        if args.action == "rotate-secret":
            rotated = clients.rotate_secret(graph, args.client_id)
            if rotated is None:
                print(f"error: no client {args.client_id}", file=sys.stderr)
                return 1
            print(f"client_id:     {args.client_id}\nclient_secret: {rotated}")
            print("(the secret is shown only once; the old one no longer works)")
            return 0
        disabled = args.action == "disable"
        if not clients.set_disabled(graph, args.client_id, disabled):
            print(f"error: no client {args.client_id}", file=sys.stderr)
            return 1
        print(
            f"{args.client_id} {'disabled' if disabled else 'enabled'}; its tokens are "
            f"{'refused' if disabled else 'accepted'} within a few seconds"
        )
        return 0


def _connectors(args: argparse.Namespace) -> int:
    from connectors.cli import main as connectors_main

    return connectors_main(args)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="patent-hub", description="存量专利盘活 data hub")
    sub = p.add_subparsers(dest="command", required=True)

    neo = sub.add_parser("neo4j", help="the project's own Neo4j server")
    neo.add_argument("action", choices=["start", "stop", "status"])
    neo.set_defaults(handler=_neo4j)

    db = sub.add_parser("db", help="schema and statistics of the graph")
    db.add_argument("action", choices=["migrate", "stats", "wipe", "rollups"])
    db.set_defaults(handler=_db)

    load = sub.add_parser("load", help="reference or demo data")
    load_sub = load.add_subparsers(dest="what", required=True)
    ref = load_sub.add_parser("reference", help="provinces, ministries, institutions, industries")
    ref.add_argument("--dir", type=Path, default=None, help="a folder of newer official files")
    demo = load_sub.add_parser("demo", help="a deterministic demo data set")
    demo.add_argument("--patents", type=int, default=3000)
    demo.add_argument("--seed", type=int, default=2024)
    load.set_defaults(handler=_load)

    imp = sub.add_parser("import", help="a file in a standard format")
    imp.add_argument(
        "kind",
        choices=["patents", "inventory", "evaluations", "transactions", "enterprises", "experts"],
        help="the format of the file (docs/formats.md)",
    )
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="validate only, write nothing")
    imp.add_argument("--institution", help="id or name of the institution (inventory)")
    imp.add_argument(
        "--account",
        metavar="CLIENT_ID",
        help="write as this OAuth client: its role and scope bound what is written (audited)",
    )
    imp.set_defaults(handler=_import)

    serve = sub.add_parser("serve", help="the GraphQL hub over HTTP")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.set_defaults(handler=_serve)

    token = sub.add_parser("token", help="a signed development token")
    token.add_argument("--role", required=True)
    token.add_argument("--scope", default=None)
    token.add_argument("--ttl", type=int, default=3600)
    token.set_defaults(handler=_token)

    acc = sub.add_parser("accounts", help="OAuth 2 machine clients")
    acc_sub = acc.add_subparsers(dest="action", required=True)
    create = acc_sub.add_parser("create")
    create.add_argument("--role", required=True)
    create.add_argument("--scope", default=None)
    create.add_argument("--name", default=None)
    acc_sub.add_parser("list", help="every client: id, role, scope, state, name")
    for action, what in (
        ("disable", "refuse the client's token requests and its tokens"),
        ("enable", "accept the client again"),
        ("rotate-secret", "a new secret; the old one stops working"),
    ):
        acc_sub.add_parser(action, help=what).add_argument("client_id")
    acc.set_defaults(handler=_accounts)

    from connectors.cli import add_parser as connectors_parser

    connectors_parser(sub).set_defaults(handler=_connectors)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except GraphUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
