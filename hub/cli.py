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
            unit=args.unit,
            strict=args.strict,
            accept_valid=args.accept_valid,
            account=args.account,
        )


def _units(args: argparse.Namespace) -> int:
    from graph.units import UnitError, add, list_units

    with Graph() as graph:
        try:
            if args.action == "add":
                u = add(graph, args.institution, args.name, args.alias)
                aliases = "、".join(u["aliases"]) or "-"
                print(f"{u['id']}\t{u['name']}\t{u['institution']}\taliases: {aliases}")
            else:
                for u in list_units(graph, args.institution):
                    aliases = "、".join(u["aliases"] or []) or "-"
                    print(
                        f"{u['id']}\t{u['name']}\t{u['institution']}\t"
                        f"aliases: {aliases}\tpatents: {u['patents']}"
                    )
        except UnitError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    return 0


def _serve(args: argparse.Namespace) -> int:
    from hub.serve import serve

    serve(host=args.host, port=args.port, workers=args.workers)
    return 0


def _token(args: argparse.Namespace) -> int:
    from hub.auth.tokens import issue_dev_token

    print(issue_dev_token(role=args.role, scope=args.scope, ttl=args.ttl, unit=args.unit))
    return 0


def _accounts(args: argparse.Namespace) -> int:
    from hub.auth.clients import create_client

    with Graph() as graph:
        client_id, secret = create_client(graph, role=args.role, scope=args.scope, name=args.name)
    print(f"client_id:     {client_id}\nclient_secret: {secret}\n(the secret is shown only once)")
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
        "--unit", help="id or name of a unit of --institution: its rows only (inventory)"
    )
    imp.add_argument(
        "--strict",
        action="store_true",
        help="rows otherwise skipped with a warning (no institution owns the patent) are errors",
    )
    imp.add_argument(
        "--accept-valid",
        action="store_true",
        help="write the valid records and report the rest (default: all or nothing)",
    )
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

    units = sub.add_parser("units", help="units of an institution (研究生院, 学院, 医学部 …)")
    unit_sub = units.add_subparsers(dest="action", required=True)
    unit_add = unit_sub.add_parser("add", help="register a unit, or add aliases to it")
    unit_add.add_argument("institution", help="id or name of the institution")
    unit_add.add_argument("name", help="the unit's name (e.g. 医学部), or its full name")
    unit_add.add_argument(
        "--alias", action="append", default=[], help="another name of the unit (repeatable)"
    )
    unit_list = unit_sub.add_parser("list", help="the units, with their patents")
    unit_list.add_argument("institution", nargs="?", default=None, help="id or name")
    units.set_defaults(handler=_units)

    token = sub.add_parser("token", help="a signed development token")
    token.add_argument("--role", required=True)
    token.add_argument("--scope", default=None)
    token.add_argument(
        "--unit", default=None, help="a unit id of the INSTITUTION scope (a unit account)"
    )
    token.add_argument("--ttl", type=int, default=3600)
    token.set_defaults(handler=_token)

    acc = sub.add_parser("accounts", help="OAuth 2 machine clients")
    acc_sub = acc.add_subparsers(dest="action", required=True)
    create = acc_sub.add_parser("create")
    create.add_argument("--role", required=True)
    create.add_argument("--scope", default=None)
    create.add_argument("--name", default=None)
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
